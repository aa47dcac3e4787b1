"""``tiyao corpus``: how the input was read: one line per article."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.table import Table

from tiyao.errors import ConfigError
from tiyao.sentences import split_sentences

from ..common import corpus_paths, load_corpus
from ..errors import EXIT_SOME_FAILED, reporting_errors
from ..option_groups import takes_groups
from ..options import InputOptions, OutputOptions, Paths, Quiet
from ..output import OutputFormat, check_output_path, choose_format, write_records
from ..progress import progress_bar


@takes_groups
def corpus(
    paths: Paths = None,
    *,
    out: OutputOptions,
    read: InputOptions,
    with_text: Annotated[bool, typer.Option(
        "--text", help="Write the cleaned articles themselves (id, title, text, source and the metadata found), "
                       "which tiyao reads back to the same results; with --format jsonl, json or csv.")] = False,
    quiet: Quiet = False,
) -> None:
    """List each article as read and cleaned: id, title, characters, sentences (or, with --text, the articles)."""
    with reporting_errors():
        check_output_path(out.path, corpus_paths(paths))
        if with_text and choose_format(out.format, out.path, OutputFormat, quiet=True) is OutputFormat.table:
            raise ConfigError("--text writes records: give --format jsonl, json or csv",
                              hint="tiyao corpus PATHS --format jsonl --text -o corpus.jsonl")
        with progress_bar(not quiet) as progress:
            articles = load_corpus(paths, read, progress, analysed=False)
        if with_text:
            from tiyao.export import export_record  # imported when used: `tiyao --help` stays light

            records = [export_record(d) for d in articles.documents]
        else:
            records = [
                {"id": d.id, "title": d.title, "chars": len(d.text),
                 "sentences": len(split_sentences(d.text, d.headings, d.furniture)), "source": d.source}
                for d in articles.documents
            ]
        write_records(records, out, table=_table)
    if articles.failures:
        raise typer.Exit(EXIT_SOME_FAILED)


def _table(records: Sequence[dict[str, Any]]) -> Table:
    table = Table(title=f"{len(records)} articles", title_justify="left")
    table.add_column("id", overflow="fold")
    table.add_column("title", overflow="fold")
    table.add_column("chars", justify="right")
    table.add_column("sentences", justify="right")
    for record in records:
        table.add_row(record["id"], record["title"], str(record["chars"]), str(record["sentences"]))
    return table
