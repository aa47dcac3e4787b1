"""``tiyao cluster``: the themes of a corpus, each named by its words, and the theme of each article."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import typer
from rich.table import Table

from tiyao.config import PipelineConfig
from tiyao.report import theme_number

from ..common import analyse, corpus_paths, parse_themes
from ..errors import EXIT_SOME_FAILED, reporting_errors, warn
from ..option_groups import takes_groups
from ..options import FindNewWords, InputOptions, OutputOptions, Paths, Quiet, RunOptions, Strict, ThemeMethod
from ..output import check_output_path, write_records
from ..progress import progress_bar


@takes_groups
def cluster(
    paths: Paths = None,
    *,
    themes: Annotated[str, typer.Option(
        "--themes", "-t", metavar="N|auto",
        help="Number of themes, or auto: chosen by silhouette (the fewest within 5% of the best).",
    )] = "auto",
    method: Annotated[ThemeMethod, typer.Option(
        help="kmeans: consensus k-means over LSA vectors; agglomerative: average linkage on cosine (small corpora).",
    )] = ThemeMethod.kmeans,
    seed: Annotated[int, typer.Option(help="Random seed (0 to 4294967295); the same seed gives the same themes.",
                                      min=0, max=2**32 - 1)] = 0,
    new_words: FindNewWords = True,
    out: OutputOptions,
    running: RunOptions,
    read: InputOptions,
    strict: Strict = False,
    quiet: Quiet = False,
) -> None:
    """Group the articles into themes named by their words; the number of themes is chosen unless given (the
    themes step of `tiyao run`)."""
    with reporting_errors():
        check_output_path(out.path, corpus_paths(paths))
        count = parse_themes(themes)
        config = PipelineConfig(steps=("themes",), themes=count, theme_method=method.value, discover_words=new_words,
                                **running, extra={"seed": seed} if seed else {})
        with progress_bar(not quiet) as progress:
            report = analyse(paths, config, read, progress, strict)
        analysed = [r for r in report.documents if r.error is None]
        warn_fewer_themes(count, len(report.themes), len(analysed))
        # themes are numbered from 1 here as in every output (Theme.number; the library's ids count from 0)
        theme_label = {theme.id: list(theme.label) for theme in report.themes}
        records = [{"id": r.id, "title": r.title, "theme": theme_number(r.theme),
                    "theme_label": theme_label.get(r.theme, []) if r.theme is not None else []}
                   for r in analysed]
        themes_json = [{"id": t.number, "label": list(t.label), "size": t.size, "representative": t.representative,
                        "documents": list(t.doc_ids)} for t in report.themes]
        write_records(records, out, table=_table, csv_row=_csv_row,
                      json_document={"themes": themes_json, "documents": records})
    if report.failed:
        raise typer.Exit(EXIT_SOME_FAILED)



def warn_fewer_themes(asked: int | str, found: int, articles: int) -> None:
    """Say so when the articles support fewer themes than ``--themes`` asked for."""
    if isinstance(asked, int) and found < asked:
        warn(f"--themes {asked} asks for more themes than the {articles} articles support; found {found}")


def _csv_row(record: dict[str, Any]) -> dict[str, Any]:
    return {**record, "theme_label": "、".join(record["theme_label"])}


def _table(records: Sequence[dict[str, Any]]) -> Table:
    themes: dict[int, list[dict[str, Any]]] = {}
    for record in records:
        themes.setdefault(record["theme"], []).append(record)
    table = Table(title=f"{len(records)} articles, {len(themes)} themes", title_justify="left", show_lines=True)
    table.add_column("theme", justify="right")
    table.add_column("label", overflow="fold", ratio=2)
    table.add_column("articles", overflow="fold", ratio=3)
    for theme_id in sorted(themes):
        members = themes[theme_id]
        table.add_row(str(theme_id), " · ".join(members[0]["theme_label"]),
                      "\n".join(m["title"] or m["id"] for m in members))
    return table
