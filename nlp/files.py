"""Writing an output file honestly: atomically, with the mode the user expects, never over the wrong thing.

``atomic_writer(path)`` is the one way tiyao writes a file (reports, IDF models, user dictionaries, fitted models):

- A regular file (new or existing) is written to a unique temporary file beside it (``.NAME.XXXXXXXX.tmp``,
  never a fixed name that could be a user's file) and renamed over it when complete, so a failed or interrupted
  write leaves the old file as it was and no temporary file behind.
- A new file gets the mode the umask gives (``0o666 & ~umask``, as ``>`` in a shell would); a replaced file keeps
  its mode.
- A symlink is written through: its target is replaced atomically (with the target's mode); the link stays.
- A character device (``/dev/null``, ``/dev/stdout``, a terminal) or a FIFO is written directly, as a stream (it
  cannot be renamed over); a FIFO with no reader is an error rather than a hang.
- A folder, a socket or a block device is refused with :class:`~tiyao.errors.OutputError`.

Errors while writing become ``OutputError`` naming the real cause ("disk full", "permission denied", ...).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from .errors import OutputError

#: What an errno means when writing an output, in words a user acts on.
_CAUSES = {
    errno.ENOSPC: "disk full",
    errno.EDQUOT: "disk quota exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "read-only file system",
    errno.ENOENT: "its folder does not exist",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ELOOP: "a symlink loop",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EISDIR: "it is a folder",
    errno.ENXIO: "a FIFO with no reader",
    errno.EFBIG: "the file is too large",
    errno.EIO: "an input/output error",
}


def describe_os_error(error: OSError) -> str:
    """The cause of an OSError in a few words ("disk full" rather than "[Errno 28] No space left on device")."""
    return _CAUSES.get(error.errno or 0, error.strerror or str(error))


def write_target(path: str | os.PathLike[str]) -> tuple[Path, bool]:
    """Where writing ``path`` really goes, and whether it is written directly (device or FIFO) rather than
    replaced atomically. Raises OutputError for what cannot be an output."""
    given = Path(path)
    try:
        target = Path(os.path.realpath(given, strict=False))
    except OSError as error:
        raise OutputError(f"cannot write {given}: {describe_os_error(error)}") from None
    if given.is_symlink() and not target.exists() and not target.parent.is_dir():
        raise OutputError(f"cannot write {given}: it is a symlink to {target}, whose folder does not exist")
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        if not target.parent.is_dir():
            raise OutputError(f"cannot write {given}: folder {target.parent} does not exist",
                              hint="Create the folder first.") from None
        return target, False
    except OSError as error:
        raise OutputError(f"cannot write {given}: {describe_os_error(error)}") from None
    if stat.S_ISREG(mode):
        return target, False
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return target, True
    kind = ("a folder" if stat.S_ISDIR(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a block device" if stat.S_ISBLK(mode) else "not a regular file")
    raise OutputError(f"cannot write {given}: it is {kind}", hint="Give the name of a file.")


def new_file_mode() -> int:
    """The mode a new file gets under this process's umask (0o666 & ~umask)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def atomic_writer(path: str | os.PathLike[str], *, encoding: str = "utf-8",
                  binary: bool = False) -> Iterator[TextIO]:
    """A text handle (``binary``: a bytes handle) whose content replaces ``path`` when the block ends without an
    exception (see the module docs); on any exception (Ctrl-C, a signal turned into one, a full disk) the old
    file is left untouched."""
    opening = {"mode": "wb"} if binary else {"mode": "w", "encoding": encoding, "newline": ""}
    target, direct = write_target(path)
    if direct:
        try:
            flags = os.O_WRONLY | (os.O_NONBLOCK if stat.S_ISFIFO(target.stat().st_mode) else 0)
            fd = os.open(target, flags)
            os.set_blocking(fd, True)
        except OSError as error:
            raise OutputError(f"cannot write {path}: {describe_os_error(error)}") from None
        with _Output(open(fd, **opening), path) as handle:
            yield handle  # type: ignore[misc]
        return
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = new_file_mode()
    except OSError as error:
        raise OutputError(f"cannot write {path}: {describe_os_error(error)}") from None
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {describe_os_error(error)}") from None
    try:
        with _Output(os.fdopen(fd, **opening), path) as handle:
            yield handle  # type: ignore[misc]
        try:
            os.chmod(temporary, mode)
            os.replace(temporary, target)
        except OSError as error:
            raise OutputError(f"cannot write {path}: {describe_os_error(error)}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class _Output:
    """A text handle whose write errors are OutputErrors naming the output and the cause (the body of
    ``atomic_writer`` may raise other OSErrors, reading inputs, which must not pass for write errors). As a
    context manager: closed when the block ends, discarded when it ends with an exception."""

    def __init__(self, handle: TextIO, path: str | os.PathLike[str]) -> None:
        self._handle = handle
        self._path = path

    def __enter__(self) -> _Output:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.discard()

    def write(self, text: Any) -> int:
        try:
            return self._handle.write(text)
        except OSError as error:
            raise self._error(error) from None

    def flush(self) -> None:
        try:
            self._handle.flush()
        except OSError as error:
            raise self._error(error) from None

    def close(self) -> None:
        if self._handle.closed:
            return
        try:
            self._handle.close()
        except OSError as error:
            raise self._error(error) from None

    def discard(self) -> None:
        """Close after a failure, ignoring the handle's own errors (the failure is what gets reported)."""
        try:
            self._handle.close()
        except OSError:
            pass

    def _error(self, error: OSError) -> OutputError:
        return OutputError(f"cannot write {self._path}: {describe_os_error(error)}")


def write_file(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8, or bytes) to ``path`` with :func:`atomic_writer`."""
    with atomic_writer(path, binary=isinstance(content, bytes)) as handle:
        handle.write(content)
