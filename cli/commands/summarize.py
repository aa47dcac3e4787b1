"""``tiyao summarize``: an extractive summary of each article: whole sentences, in reading order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Optional

import typer
from rich.console import Group
from rich.table import Table

from tiyao.config import DEFAULT_SENTENCES, PipelineConfig

from ..common import analyse, corpus_paths
from ..errors import EXIT_SOME_FAILED, reporting_errors
from ..option_groups import takes_groups
from ..options import InputOptions, OutputOptions, Paths, Quiet, RunOptions, Strict, SummaryMethod
from ..output import check_output_path, write_records
from ..progress import progress_bar
from ..report_view import ChineseParagraph


@takes_groups
def summarize(
    paths: Paths = None,
    *,
    sentences: Annotated[Optional[int], typer.Option(
        "--sentences", "-n", help=f"Summary length in sentences. Default: {DEFAULT_SENTENCES}.")] = None,
    max_chars: Annotated[Optional[int], typer.Option(
        help="Budget in characters (whole sentences only; at least one sentence).")] = None,
    ratio: Annotated[Optional[float], typer.Option(
        help="Budget as a share of the article's characters, e.g. 0.2 (whole sentences only).")] = None,
    method: Annotated[SummaryMethod, typer.Option(
        help="textrank: central sentences with a lead prior; lead: the first sentences.")] = SummaryMethod.textrank,
    out: OutputOptions,
    running: RunOptions,
    read: InputOptions,
    strict: Strict = False,
    quiet: Quiet = False,
) -> None:
    """Summarise each article with whole sentences, in the order they appear (the summary step of `tiyao run`)."""
    with reporting_errors():
        check_output_path(out.path, corpus_paths(paths))
        config = PipelineConfig(steps=("summary",), sentences=sentences, max_chars=max_chars, ratio=ratio,
                                summary_method=method.value, **running)
        with progress_bar(not quiet) as progress:
            report = analyse(paths, config, read, progress, strict)
        records = [{"id": r.id, "title": r.title,
                    "summary": [{"index": s.index, "text": s.text, "role": s.role} for s in r.summary]}
                   for r in report.documents if r.error is None]
        write_records(records, out, table=_table, csv_row=_csv_row)
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
