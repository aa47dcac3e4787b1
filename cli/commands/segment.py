"""``tiyao segment``: the words of each article, as tiyao's segmenter cuts them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.table import Table

from ..common import corpus_paths, load_corpus, make_segmenter
from ..errors import EXIT_SOME_FAILED, reporting_errors
from ..option_groups import takes_groups
from ..options import InputOptions, OutputOptions, Paths, Quiet, UserDict
from ..output import check_output_path, write_records
from ..progress import each, progress_bar


@takes_groups
def segment(
    paths: Paths = None,
    *,
    pos: Annotated[bool, typer.Option("--pos", help="Show each word's part of speech (jieba tags).")] = False,
    out: OutputOptions,
    user_dict: UserDict = None,
    read: InputOptions,
    quiet: Quiet = False,
) -> None:
    """Cut each article into words (punctuation left out), sentence by sentence."""
    with reporting_errors():
        check_output_path(out.path, corpus_paths(paths))
        with progress_bar(not quiet) as progress:
            articles = load_corpus(paths, read, progress)
            segmenter = make_segmenter(user_dict)
            records: list[dict[str, Any]] = []
            for document in each(articles.documents, progress, "segment"):
                segmented = segmenter.segment(document).sentences
                words = [
                    [f"{t.text}/{t.pos}" if pos else t.text for t in sentence.tokens if t.pos not in ("x", "w")
                     or any(ch.isalnum() for ch in t.text)]
                    for sentence in segmented
                ]
                # the role of each sentence (body, heading or furniture), in the order of "sentences"
                roles = [sentence.sentence.role for sentence in segmented]
                records.append({"id": document.id, "title": document.title, "sentences": words, "roles": roles})
        write_records(records, out, table=_table, csv_row=_csv_row)
    if articles.failures:
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
