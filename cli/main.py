"""The ``tiyao`` app: global options, the default action, and the registration of each command."""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.markup import escape
from typer.core import TyperGroup

from tiyao import __version__

from .commands import cluster, corpus, fit, idf, keywords, run, segment, summarize, words
from .errors import EXIT_OK, exit_code_of, say
from .signals import handle_signals

class _TiyaoGroup(TyperGroup):
    """The app's command group: every way out is one ``Error: …`` line on stderr and an exit code (see
    ``cli.errors``): usage errors (no Rich box), Ctrl-C, signals, and unexpected errors (rc 70; the traceback with
    ``--debug``, which may also come after the command)."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,  # type: ignore[override]
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        _escape_help(self)
        args = list(sys.argv[1:] if args is None else args)
        end = args.index("--") if "--" in args else len(args)
        debug = "--debug" in args[:end]
        if debug:  # a global option: move it to where the app reads it
            args.remove("--debug")
            args.insert(0, "--debug")
        try:
            code = super().main(args, prog_name or "tiyao", complete_var, standalone_mode=False, **extra)
        except BrokenPipeError:
            code = EXIT_OK
        except BaseException as exc:  # noqa: B036 - usage errors, Ctrl-C, signals and bugs outside a command body
            if isinstance(exc, SystemExit):
                raise
            code = exit_code_of(exc, debug=debug)
        code = code if isinstance(code, int) else EXIT_OK
        if not standalone_mode:
            return code
        _flush()
        sys.exit(code)


    # Typer turns a KeyboardInterrupt into rc 130 without a word; say it, as everywhere else
    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except KeyboardInterrupt as exc:
            raise typer.Exit(exit_code_of(exc)) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            raise typer.Exit(exit_code_of(exc)) from None


def _escape_help(command: Any) -> None:
    """Help texts are plain text: escape what Rich would take for markup (``'tiyao[dask]'``,
    ``(word [freq] [tag] per line)``), in every command and option, once."""
    if getattr(command, "_help_escaped", False):
        return
    command._help_escaped = True
    if command.help:
        command.help = escape(command.help)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = escape(param.help)
    for sub in getattr(command, "commands", {}).values():
        _escape_help(sub)


app = typer.Typer(
    cls=_TiyaoGroup,
    name="tiyao",
    help="提要 tiyao: the gist of Chinese news articles: keywords, summaries and themes.\n\n"
         "Run with no command to see it work on the seed corpus.",
    no_args_is_help=False,
    add_completion=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# Each command is a plain function in cli/commands/<name>.py; one line here registers it.
_COMMANDS = [
    ("run", run.run),
    ("fit", fit.fit),
    ("corpus", corpus.corpus),
    ("segment", segment.segment),
    ("summarize", summarize.summarize),
    ("keywords", keywords.keywords),
    ("words", words.words),
    ("cluster", cluster.cluster),
]
for _name, _function in _COMMANDS:
    app.command(_name)(_function)
app.add_typer(idf.app, name="idf")


class _StderrHandler(logging.Handler):
    """Library warnings as ``Warning: …`` lines on stderr; debug lines as they are."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        prefix = {logging.WARNING: "Warning: ", logging.ERROR: "Error: "}.get(record.levelno, "")
        say(f"{prefix}{message}")
        if record.exc_info and record.levelno <= logging.DEBUG:
            import traceback

            say("".join(traceback.format_exception(*record.exc_info)))


def configure_logging(verbose: bool) -> None:
    level = logging.DEBUG if verbose else logging.WARNING
    for name in ("tiyao",):
        log = logging.getLogger(name)
        log.handlers = [h for h in log.handlers if not isinstance(h, _StderrHandler)]
        log.addHandler(_StderrHandler())
        log.setLevel(level)
        log.propagate = False
    # asyncio (under Dask) reports the tasks a Ctrl-C cut short ("Task exception was never retrieved", with a
    # traceback): noise after the one line that says the run was interrupted
    logging.getLogger("asyncio").setLevel(logging.DEBUG if verbose else logging.CRITICAL)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tiyao {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _main(
    ctx: typer.Context,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show debug messages and tracebacks.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an unexpected error (also "
                                                        "accepted after the command).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display, for this or any command.")]
    = False,
    # a plain bool (not Optional): typer coerces a None value through pydantic (~0.2 s to import), which
    # `tiyao --help` then avoids (subcommands still pay it for typer's own --help and completion options)
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    configure_logging(verbose)
    # A run keeps hundreds of thousands of small token objects alive; Python's default collector thresholds make
    # it walk them over and over (about a quarter of segmentation time). The CLI is a short-lived process:
    # collect less often.
    gc.set_threshold(50_000, 20, 20)
    ctx.ensure_object(dict).update(verbose=verbose, debug=debug, quiet=quiet)
    if quiet:  # `tiyao -q COMMAND`: the command's own --quiet defaults to on (read when its context is made)
        ctx.default_map = _quiet_defaults(ctx.command)
    if ctx.invoked_subcommand is None:
        ctx.invoke(run.run, quiet=quiet)


def _quiet_defaults(command: Any) -> dict[str, Any]:
    """A default map (click's ``Context.default_map``) turning ``--quiet`` on in every command under ``command``."""
    commands = getattr(command, "commands", {})
    return {"quiet": True, **{name: _quiet_defaults(sub) for name, sub in commands.items()}}


def main() -> None:
    """Console-script entry point: SIGTERM and SIGHUP end the run like Ctrl-C (cleanly, rc 143/129), odd standard
    streams are made usable, then the app runs (every way out of it is one line and an exit code)."""
    handle_signals()
    _usable_streams()
    app()


def _usable_streams() -> None:
    """A closed stderr (``2>&-``) becomes the null device; stdout and stderr escape what their encoding cannot
    show (``PYTHONIOENCODING=ascii``) rather than fail. A closed stdout stays None: writing to it is an Error."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the life of the process
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _flush() -> None:
    """Flush stdout now, so that a reader that went away (``| head``) is not a traceback at exit."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        except OSError:
            pass


if __name__ == "__main__":
    main()
