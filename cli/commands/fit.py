"""``tiyao fit``: fit new words, IDF and themes on a corpus once, and save them for ``tiyao run --model``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from tiyao.config import PipelineConfig

from ..common import corpus_paths, read_options
from ..errors import EXIT_SOME_FAILED, reporting_errors, warn
from ..options import (Encoding, FurnitureFile, IdField, IdfMode, InputFormat, InputFormatChoice, KeywordMethod, Paths,
                       TextField, ThemeMethod, TitleField, UserDict)
from ..output import check_output_path
from ..progress import progress_bar
from .run import EngineChoice, SegmenterChoice, parse_themes

_K = "Keywords"
_T = "Themes"
_R = "Run"


def fit(
    paths: Paths = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The model file to write.", dir_okay=False)]
    = Path("model.tiyao"),
    keyword_method: Annotated[KeywordMethod, typer.Option(help="Keyword ranking.", rich_help_panel=_K)]
    = KeywordMethod.tfidf,
    phrases: Annotated[bool, typer.Option("--phrases/--no-phrases", help="Rank keyphrases too.",
                                          rich_help_panel=_K)] = True,
    idf: Annotated[IdfMode, typer.Option(help="IDF: fitted on the corpus, jieba's background table, or a blend.",
                                         rich_help_panel=_K)] = IdfMode.blend,
    idf_model: Annotated[Optional[Path], typer.Option(help="An IDF model saved by `tiyao idf build`.",
                                                      rich_help_panel=_K, exists=True, dir_okay=False)] = None,
    new_words: Annotated[bool, typer.Option("--new-words/--no-new-words",
                                            help="Discover the corpus's own new words first and segment with them.",
                                            rich_help_panel=_K)] = True,
    min_count: Annotated[int, typer.Option(help="Least count of a discovered word.", rich_help_panel=_K)] = 3,
    themes: Annotated[str, typer.Option(help="Number of themes, or 'auto'.", rich_help_panel=_T)] = "auto",
    theme_method: Annotated[ThemeMethod, typer.Option(help="Clustering method.", rich_help_panel=_T)]
    = ThemeMethod.kmeans,
    user_dict: UserDict = None,
    encoding: Encoding = None,
    input_format: InputFormat = InputFormatChoice.auto,
    id_field: IdField = "id",
    title_field: TitleField = "title",
    text_field: TextField = "text",
    furniture: FurnitureFile = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", help="Worker processes (default: all cores; used "
                                                "for corpora of 1,000,000 characters or more).",
                                                rich_help_panel=_R)] = None,
    segmenter: Annotated[SegmenterChoice, typer.Option(help="Segmentation backend (the same words either way).",
                                                       rich_help_panel=_R)] = SegmenterChoice.auto,
    engine: Annotated[EngineChoice, typer.Option(help="Where the work runs: this machine, or Dask.",
                                                 rich_help_panel=_R)] = EngineChoice.local,
    scheduler: Annotated[Optional[str], typer.Option(help="Address of a Dask scheduler for --engine dask.",
                                                     rich_help_panel=_R)] = None,
    strict: Annotated[bool, typer.Option(help="Stop at the first article that cannot be processed.",
                                         rich_help_panel=_R)] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.", rich_help_panel=_R)] = False,
) -> None:
    """Fit new words, IDF and themes once and save them as a model for `tiyao run --model`.

    `tiyao run NEW --model FILE` analyses other articles against it, fitting nothing; the file is data, not code.
    """
    from tiyao.model import fit_model, save_model

    with reporting_errors():
        check_output_path(output, corpus_paths(paths))
        config = PipelineConfig(
            keyword_method=keyword_method.value, phrases=phrases, idf=idf.value,
            idf_model=str(idf_model) if idf_model else None, discover_words=new_words, min_count=min_count,
            themes=parse_themes(themes), theme_method=theme_method.value,
            user_dicts=tuple(str(p) for p in user_dict or ()), jobs=jobs, segmenter=segmenter.value,
            engine=engine.value, scheduler=scheduler,
        ).validate()
        options = read_options(encoding, input_format, id_field, title_field, text_field, furniture)
        with progress_bar(not quiet) as progress:
            model = fit_model(corpus_paths(paths), config, read_options=options, progress=progress, strict=strict)
        save_model(model, output)
        for doc_id, message in model.skipped:
            warn(message if message.startswith(doc_id) else f"{doc_id}: {message}")
        terms = len(model.idf.df_) if model.idf is not None else 0
        typer.echo(f"Wrote {output}: {_count(model.documents, 'article')}, {_count(len(model.new_words), 'new word')}, "
                   f"{_count(terms, 'IDF term')}, {_count(len(model.themes), 'theme')}.", err=True)
        for theme in model.themes:
            typer.echo(f"  主题 {theme.id + 1}  {'、'.join(theme.label)} · {theme.size} 篇", err=True)
    if model.skipped:
        raise typer.Exit(EXIT_SOME_FAILED)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
