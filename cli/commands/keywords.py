"""``tiyao keywords``: the top keywords and keyphrases of each article."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.table import Table


from tiyao.config import PipelineConfig

from ..common import analyse, corpus_paths, engine_settings, read_options
from ..errors import EXIT_SOME_FAILED, reporting_errors
from ..options import FurnitureFile
from ..options import (Bom, Encoding, Format, IdField, IdfMode, InputFormat, InputFormatChoice, KeywordMethod, Output,
                       Paths, TextField, TitleField, UserDict, Quiet)
from ..output import check_output_path, write_records
from ..progress import progress_bar
from ..options import Engine, EngineChoice, Jobs, Scheduler, Segmenter, SegmenterChoice, Strict


def keywords(
    paths: Paths = None,
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
    new_words: Annotated[bool, typer.Option("--new-words/--no-new-words",
                                            help="Find the corpus's own words first (see `tiyao words`).")] = True,
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
    """Rank the keywords and keyphrases of each article, best first (the keywords step of `tiyao run`)."""
    with reporting_errors():
        check_output_path(output, corpus_paths(paths))
        config = PipelineConfig(steps=("keywords",), top_k=top_k, keyword_method=method.value, phrases=phrases,
                                idf=idf.value, idf_model=str(idf_model) if idf_model else None,
                                discover_words=new_words,
                                **engine_settings(user_dict, jobs, segmenter, engine, scheduler))
        with progress_bar(not quiet) as progress:
            report = analyse(paths, config, read_options(encoding, input_format, id_field, title_field, text_field,
                                                         furniture), progress, strict)
        records = [{"id": r.id, "title": r.title, "keywords": [{"term": k.term, "score": k.score} for k in r.keywords]}
                   for r in report.documents if r.error is None]
        write_records(records, fmt, table=_table, csv_row=_csv_row, output=output, bom=bom)
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
