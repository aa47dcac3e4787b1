"""``tiyao corpus``: how the input was read: one line per article."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.table import Table

from tiyao.errors import ConfigError
from tiyao.sentences import split_sentences

from ..common import corpus_paths, load_corpus, read_options
from ..errors import EXIT_SOME_FAILED, reporting_errors
from ..options import FurnitureFile
from ..options import (Bom, Encoding, Format, IdField, InputFormat, InputFormatChoice, Output, Paths, Quiet, TextField,
                       TitleField)
from ..output import OutputFormat, check_output_path, choose_format, write_records
from ..progress import progress_bar


def corpus(
    paths: Paths = None,
    fmt: Format = None,
    output: Output = None,
    bom: Bom = True,
    encoding: Encoding = None,
    input_format: InputFormat = InputFormatChoice.auto,
    id_field: IdField = "id",
    title_field: TitleField = "title",
    text_field: TextField = "text",
    furniture: FurnitureFile = None,
    with_text: Annotated[bool, typer.Option(
        "--text", help="Write the cleaned articles themselves (id, title, text, source and the metadata found), "
                       "which tiyao reads back to the same results; with --format jsonl, json or csv.")] = False,
    quiet: Quiet = False,
) -> None:
    """List each article as read and cleaned: id, title, characters, sentences (or, with --text, the articles)."""
    with reporting_errors():
        check_output_path(output, corpus_paths(paths))
        if with_text and choose_format(fmt, output, OutputFormat, quiet=True) is OutputFormat.table:
            raise ConfigError("--text writes records: give --format jsonl, json or csv",
                              hint="tiyao corpus PATHS --format jsonl --text -o corpus.jsonl")
        with progress_bar(not quiet) as progress:
            read = load_corpus(paths, read_options(encoding, input_format, id_field, title_field, text_field,
                                                   furniture), progress, analysed=False)
        if with_text:
            from tiyao.export import export_record  # imported when used: `tiyao --help` stays light

            records = [export_record(d) for d in read.documents]
        else:
            records = [
                {"id": d.id, "title": d.title, "chars": len(d.text),
                 "sentences": len(split_sentences(d.text, d.headings, d.furniture)), "source": d.source}
                for d in read.documents
            ]
        write_records(records, fmt, table=_table, output=output, bom=bom)
    if read.failures:
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
