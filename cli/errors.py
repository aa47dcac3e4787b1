"""The one place that turns tiyao's errors into messages and exit codes.

Exit codes: 0 success; 1 some articles failed but the others' results were written; 2 unusable input, options or
output (nothing usable, nothing written over an ``-o`` file); 70 an unexpected error (a bug: one line, the
traceback with ``--debug``); 130 interrupted (Ctrl-C); 143 terminated (SIGTERM). Messages go to stderr as
``Error: …`` (plus a hint where one helps), one line each, with file names and control characters escaped.
"""

from __future__ import annotations

import logging
import re
import signal
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from tiyao.errors import TiyaoError

from .safe_text import terminal_safe
from .signals import Terminated

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_SOFTWARE = 70
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143

logger = logging.getLogger("tiyao.cli")


def say(text: str) -> None:
    """A line on stderr, terminal-safe; nothing when stderr is closed."""
    stream = sys.stderr
    if stream is None:  # 2>&- : nowhere to say it
        return
    try:
        stream.write(terminal_safe(text) + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def error(message: str, hint: str | None = None) -> None:
    """Print ``Error: message`` (and the hint) on stderr."""
    say(f"Error: {message}")
    if hint:
        say(f"  {hint}")


def warn(message: str) -> None:
    say(f"Warning: {message}")


def note(message: str) -> None:
    say(f"Note: {message}")


#: Library parameter names as the command line's flags, for messages (``top_k must be …`` -> ``--top-k must be …``).
_FLAGS = {name: "--" + name.replace("_", "-") for name in (
    "top_k", "max_chars", "min_count", "jobs", "themes", "ratio", "sentences", "scheduler", "engine", "segmenter",
    "keyword_method", "summary_method", "theme_method", "idf", "encoding", "input_format", "id_field",
    "title_field", "text_field")}


def in_cli_words(text: str) -> str:
    """A library message in the command line's words: parameters named by their flags."""
    text = re.sub(r'backend="(\w+)"', r"--segmenter \1", text)
    text = re.sub(r"^(\w+)(?= must be)", lambda m: _FLAGS.get(m.group(1), m.group(1)), text)
    budget = re.match(r"(give one summary budget, not )(.+)$", text)
    if budget:
        text = budget.group(1) + " and ".join(_FLAGS.get(n, n) for n in budget.group(2).split(" and "))
    return text


def exit_code_of(exc: BaseException, debug: bool = False) -> int:
    """Report ``exc`` in one line (the traceback too when debugging) and return its exit code."""
    if isinstance(exc, TiyaoError):
        error(in_cli_words(exc.message), in_cli_words(exc.hint) if exc.hint else None)
        return EXIT_USAGE
    if isinstance(exc, KeyboardInterrupt):
        error("interrupted; the output was not finished (an -o file keeps its old content)")
        return EXIT_INTERRUPTED
    if isinstance(exc, Terminated):
        error(f"terminated by {signal.Signals(exc.signum).name}; the output was not finished (an -o file keeps "
              "its old content)")
        return 128 + exc.signum
    if isinstance(exc, typer.TyperException):  # a usage error found by the option parser
        message = exc.format_message().replace("Value error, ", "")
        context = getattr(exc, "ctx", None)
        command = context.command_path if context is not None else "tiyao"
        error(f"{message} (see '{command} --help')")
        return exc.exit_code
    if isinstance(exc, OSError):
        from tiyao.files import describe_os_error

        where = f" {exc.filename}" if exc.filename else ""
        error(f"cannot access{where}: {describe_os_error(exc)}", "Check the path and its permissions.")
        return EXIT_USAGE
    if debug:
        say("".join(traceback.format_exception(exc)).rstrip())
    error(f"unexpected {type(exc).__name__}: {exc}".rstrip(": ") + " (a bug in tiyao; please report it)",
          None if debug else "Run again with --debug to see the traceback.")
    return EXIT_SOFTWARE


@contextmanager
def reporting_errors() -> Iterator[None]:
    """Run a command body; turn tiyao's errors, OSError, Ctrl-C and SIGTERM into one line and an exit code.

    Anything else is a bug: it goes up to ``cli.main.main``, which reports it in one line with rc 70 (the
    traceback with ``--debug``)."""
    try:
        yield
    except BrokenPipeError:
        # the reader of stdout went away (`tiyao … | head`): not an error of ours
        if sys.stderr is not None:
            sys.stderr.close()
        raise typer.Exit(EXIT_OK) from None
    except (TiyaoError, OSError, KeyboardInterrupt, Terminated) as exc:
        logger.debug("error", exc_info=True)
        raise typer.Exit(exit_code_of(exc)) from None
