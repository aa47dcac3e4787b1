"""The one place that turns tiyao's errors into messages and exit codes.

Exit codes: 0 success; 1 some articles failed but the others' results were written; 2 unusable input or options;
130 interrupted (Ctrl-C). Messages go to stderr as ``Error: …`` (plus a hint where one helps), never a traceback
unless ``--verbose``.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from tiyao.errors import TiyaoError

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

logger = logging.getLogger("tiyao.cli")


def error(message: str, hint: str | None = None) -> None:
    """Print ``Error: message`` (and the hint) on stderr."""
    typer.echo(f"Error: {message}", err=True)
    if hint:
        typer.echo(f"  {hint}", err=True)


def warn(message: str) -> None:
    typer.echo(f"Warning: {message}", err=True)


@contextmanager
def reporting_errors() -> Iterator[None]:
    """Run a command body; turn TiyaoError, OSError and Ctrl-C into a message and an exit code."""
    try:
        yield
    except typer.Exit:
        raise
    except TiyaoError as exc:
        logger.debug("error", exc_info=True)
        error(exc.message, exc.hint)
        raise typer.Exit(EXIT_USAGE) from None
    except KeyboardInterrupt:
        error("interrupted; no output file was written")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        # the reader of stdout went away (`tiyao … | head`): not an error of ours
        sys.stderr.close()
        raise typer.Exit(EXIT_OK) from None
    except OSError as exc:
        logger.debug("error", exc_info=True)
        where = f" {exc.filename}" if exc.filename else ""
        error(f"cannot access{where}: {exc.strerror or exc}", "Check the path and its permissions.")
        raise typer.Exit(EXIT_USAGE) from None
