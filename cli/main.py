"""The ``tiyao`` app: global options, the default action, and the registration of each command."""

from __future__ import annotations

import gc
import logging
from typing import Annotated

import typer

from tiyao import __version__

from .commands import cluster, corpus, fit, idf, keywords, run, segment, summarize, words

app = typer.Typer(
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
        typer.echo(f"{prefix}{message}", err=True)
        if record.exc_info and record.levelno <= logging.DEBUG:
            import traceback

            typer.echo("".join(traceback.format_exception(*record.exc_info)), err=True)


def configure_logging(verbose: bool) -> None:
    level = logging.DEBUG if verbose else logging.WARNING
    for name in ("tiyao",):
        log = logging.getLogger(name)
        log.handlers = [h for h in log.handlers if not isinstance(h, _StderrHandler)]
        log.addHandler(_StderrHandler())
        log.setLevel(level)
        log.propagate = False


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tiyao {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _main(
    ctx: typer.Context,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show debug messages and tracebacks.")] = False,
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
    ctx.obj = {"verbose": verbose, "quiet": quiet}
    if ctx.invoked_subcommand is None:
        ctx.invoke(run.run, quiet=quiet)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
