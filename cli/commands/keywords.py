"""``tiyao keywords``: the top keywords and keyphrases of each article."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.table import Table


from tiyao.config import PipelineConfig

from ..common import analyse, corpus_paths
from ..errors import EXIT_SOME_FAILED, reporting_errors
from ..option_groups import takes_groups
from ..options import (FindNewWords, IdfMode, InputOptions, KeywordMethod, OutputOptions, Paths, Quiet, RunOptions,
                       Strict, keyword_options)
from ..output import check_output_path, write_records
from ..progress import progress_bar


@takes_groups
def keywords(
    paths: Paths = None,
    *,
    top_k: Annotated[int, typer.Option("--top-k", "-k", min=1, help="Keywords per article.")] = 10,
    method: Annotated[KeywordMethod, typer.Option(
        help="tfidf: TF-IDF with the corpus IDF and position/title priors; textrank: PageRank over co-occurrences."
    )] = KeywordMethod.tfidf,
    phrases: Annotated[bool, typer.Option("--phrases/--no-phrases", help="Also rank keyphrases.")] = True,
    idf: Annotated[IdfMode, typer.Option(
        help="IDF for tfidf: the input corpus blended with jieba's general table, or one side.")] = IdfMode.blend,
    idf_model: Annotated[Optional[Path], typer.Option(
        help="An IDF model built by `tiyao idf build` (replaces fitting on the input).", exists=True,
        dir_okay=False)] = None,
    new_words: FindNewWords = True,
    out: OutputOptions,
    running: RunOptions,
    read: InputOptions,
    strict: Strict = False,
    quiet: Quiet = False,
) -> None:
    """Rank the keywords and keyphrases of each article, best first (the keywords step of `tiyao run`)."""
    with reporting_errors():
        check_output_path(out.path, corpus_paths(paths))
        ranking = keyword_options.build(keyword_method=method, phrases=phrases, idf=idf, idf_model=idf_model,
                                        new_words=new_words)
        config = PipelineConfig(steps=("keywords",), top_k=top_k, **ranking, **running)
        with progress_bar(not quiet) as progress:
            report = analyse(paths, config, read, progress, strict)
        records = [{"id": r.id, "title": r.title, "keywords": [{"term": k.term, "score": k.score} for k in r.keywords]}
                   for r in report.documents if r.error is None]
        write_records(records, out, table=_table, csv_row=_csv_row)
    if report.failed:
        raise typer.Exit(EXIT_SOME_FAILED)


def _csv_row(record: dict[str, Any]) -> dict[str, Any]:
    return {"id": record["id"], "title": record["title"],
            "keywords": " ".join(k["term"] for k in record["keywords"]),
            "scores": " ".join(f"{k['score']:.4f}" for k in record["keywords"])}


def _table(records: Sequence[dict[str, Any]]) -> Table:
    table = Table(show_lines=True)
    table.add_column("article", overflow="fold", ratio=1)
    table.add_column("keywords", overflow="fold", ratio=3)
    for record in records:
        table.add_row(f"{record['id']}\n{record['title']}", "、".join(k["term"] for k in record["keywords"]))
    return table
