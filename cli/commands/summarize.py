"""``tiyao summarize``: an extractive summary of each article: whole sentences, in reading order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Optional

import typer
from rich.console import Group
from rich.table import Table

from tiyao.config import DEFAULT_SENTENCES, PipelineConfig

from ..common import analyse, corpus_paths, engine_settings, read_options
from ..errors import EXIT_SOME_FAILED, reporting_errors
from ..options import FurnitureFile
from ..options import (Bom, Encoding, Format, IdField, InputFormat, InputFormatChoice, Output, Paths, SummaryMethod,
                       TextField, TitleField, UserDict, Quiet)
from ..output import check_output_path, write_records
from ..progress import progress_bar
from ..options import Engine, EngineChoice, Jobs, Scheduler, Segmenter, SegmenterChoice, Strict
from ..report_view import ChineseParagraph


def summarize(
    paths: Paths = None,
    sentences: Annotated[Optional[int], typer.Option(
        "--sentences", "-n", help=f"Summary length in sentences. Default: {DEFAULT_SENTENCES}.")] = None,
    max_chars: Annotated[Optional[int], typer.Option(
        help="Budget in characters (whole sentences only; at least one sentence).")] = None,
    ratio: Annotated[Optional[float], typer.Option(
        help="Budget as a share of the article's characters, e.g. 0.2 (whole sentences only).")] = None,
    method: Annotated[SummaryMethod, typer.Option(
        help="textrank: central sentences with a lead prior; lead: the first sentences.")] = SummaryMethod.textrank,
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
    jobs: Jobs = None,
    segmenter: Segmenter = SegmenterChoice.auto,
    engine: Engine = EngineChoice.local,
    scheduler: Scheduler = None,
    strict: Strict = False,
    quiet: Quiet = False,
) -> None:
    """Summarise each article with whole sentences, in the order they appear (the summary step of `tiyao run`)."""
    with reporting_errors():
        check_output_path(output, corpus_paths(paths))
        config = PipelineConfig(steps=("summary",), sentences=sentences, max_chars=max_chars, ratio=ratio,
                                summary_method=method.value,
                                **engine_settings(user_dict, jobs, segmenter, engine, scheduler))
        with progress_bar(not quiet) as progress:
            report = analyse(paths, config, read_options(encoding, input_format, id_field, title_field, text_field,
                                                         furniture), progress, strict)
        records = [{"id": r.id, "title": r.title,
                    "summary": [{"index": s.index, "text": s.text, "role": s.role} for s in r.summary]}
                   for r in report.documents if r.error is None]
        write_records(records, fmt, table=_table, csv_row=_csv_row, output=output, bom=bom)
    if report.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def _csv_row(record: dict[str, Any]) -> dict[str, Any]:
    return {"id": record["id"], "title": record["title"],
            "summary": "".join(s["text"] for s in record["summary"]),
            "indices": " ".join(str(s["index"]) for s in record["summary"])}


def _table(records: Sequence[dict[str, Any]]) -> Table:
    table = Table(show_lines=True)
    table.add_column("article", overflow="fold", ratio=1)
    table.add_column("summary", overflow="fold", ratio=4)
    for record in records:
        # Chinese line breaking in the cells (rich alone would split 150亩 or start a line with ”)
        table.add_row(Group(ChineseParagraph(record["id"]), ChineseParagraph(record["title"] or "")),
                      Group(*(ChineseParagraph(s["text"]) for s in record["summary"])))
    return table
