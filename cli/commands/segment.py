"""``tiyao segment``: the words of each article, as tiyao's segmenter cuts them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.table import Table

from ..common import corpus_paths, load_corpus, make_segmenter, read_options
from ..errors import EXIT_SOME_FAILED, reporting_errors
from ..options import FurnitureFile
from ..options import (Bom, Encoding, Format, IdField, InputFormat, InputFormatChoice, Output, Paths, TextField,
                       TitleField, UserDict, Quiet)
from ..output import check_output_path, write_records
from ..progress import each, progress_bar


def segment(
    paths: Paths = None,
    pos: Annotated[bool, typer.Option("--pos", help="Show each word's part of speech (jieba tags).")] = False,
    fmt: Format = None,
    output: Output = None,
    bom: Bom = True,
    user_dict: UserDict = None,
    encoding: Encoding = None,
    input_format: InputFormat = InputFormatChoice.auto,
    id_field: IdField = "id",
    title_field: TitleField = "title",
    text_field: TextField = "text",
    furniture: FurnitureFile = None,
    quiet: Quiet = False,
) -> None:
    """Cut each article into words (punctuation left out), sentence by sentence."""
    with reporting_errors():
        check_output_path(output, corpus_paths(paths))
        with progress_bar(not quiet) as progress:
            read = load_corpus(paths, read_options(encoding, input_format, id_field, title_field, text_field,
                                                   furniture), progress)
            segmenter = make_segmenter(user_dict)
            records: list[dict[str, Any]] = []
            for document in each(read.documents, progress, "segment"):
                segmented = segmenter.segment(document).sentences
                words = [
                    [f"{t.text}/{t.pos}" if pos else t.text for t in sentence.tokens if t.pos not in ("x", "w")
                     or any(ch.isalnum() for ch in t.text)]
                    for sentence in segmented
                ]
                # the role of each sentence (body, heading or furniture), in the order of "sentences"
                roles = [sentence.sentence.role for sentence in segmented]
                records.append({"id": document.id, "title": document.title, "sentences": words, "roles": roles})
        write_records(records, fmt, table=_table, csv_row=_csv_row, output=output, bom=bom)
    if read.failures:
        raise typer.Exit(EXIT_SOME_FAILED)


def _csv_row(record: dict[str, Any]) -> dict[str, Any]:
    return {"id": record["id"], "title": record["title"],
            "words": "\n".join(" ".join(sentence) for sentence in record["sentences"])}


def _table(records: Sequence[dict[str, Any]]) -> Table:
    table = Table(show_lines=True)
    table.add_column("article", overflow="fold", ratio=1)
    table.add_column("words", overflow="fold", ratio=4)
    for record in records:
        table.add_row(f"{record['id']}\n{record['title']}",
                      "\n".join(" ".join(sentence) for sentence in record["sentences"]))
    return table
