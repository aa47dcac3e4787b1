"""tiyao's exceptions. The library raises these and never prints or exits; ``cli.errors`` maps them to
messages and exit codes."""

from __future__ import annotations


class TiyaoError(Exception):
    """Base class of every error tiyao raises on purpose.

    ``hint`` is an optional sentence telling the user what to do about it.
    """

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class InputError(TiyaoError):
    """The input cannot be used: a missing path, an undecodable file, an empty corpus."""


class ConfigError(TiyaoError):
    """A parameter has a value tiyao cannot work with."""


class DocumentError(TiyaoError):
    """One article cannot be processed; the others still are."""


class OutputError(TiyaoError):
    """An output cannot be written: a full disk, a folder or device where a file should go, no permission."""
