"""``tiyao fit``: fit new words, IDF and themes on a corpus once, and save them for ``tiyao run --model``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tiyao.config import PipelineConfig

from ..common import corpus_paths
from ..errors import EXIT_SOME_FAILED, reporting_errors, warn
from ..option_groups import takes_groups
from ..options import InputOptions, KeywordOptions, Paths, RunOptions, RunQuiet, Strict, ThemeOptions
from ..output import check_output_path
from ..progress import progress_bar

@takes_groups
def fit(
    paths: Paths = None,
    *,
    output: Annotated[Path, typer.Option("--output", "-o", help="The model file to write.", dir_okay=False)]
    = Path("model.tiyao"),
    ranking: KeywordOptions,
    theming: ThemeOptions,
    running: RunOptions,
    read: InputOptions,
    strict: Strict = False,
    quiet: RunQuiet = False,
) -> None:
    """Fit new words, IDF and themes once and save them as a model for `tiyao run --model`.

    `tiyao run NEW --model FILE` analyses other articles against it, fitting nothing; the file is data, not code.
    """
    from tiyao.model import fit_model, save_model

    with reporting_errors():
        check_output_path(output, corpus_paths(paths))
        config = PipelineConfig(**ranking, **theming, **running).validate()
        with progress_bar(not quiet) as progress:
            model = fit_model(corpus_paths(paths), config, read_options=read, progress=progress, strict=strict)
        save_model(model, output)
        for doc_id, message in model.skipped:
            warn(message if message.startswith(doc_id) else f"{doc_id}: {message}")
        terms = len(model.idf.df_) if model.idf is not None else 0
        typer.echo(f"Wrote {output}: {_count(model.documents, 'article')}, {_count(len(model.new_words), 'new word')}, "
                   f"{_count(terms, 'IDF term')}, {_count(len(model.themes), 'theme')}.", err=True)
        for theme in model.themes:
            typer.echo(f"  主题 {theme.number}  {'、'.join(theme.label)} · {theme.size} 篇", err=True)
    if model.skipped:
        raise typer.Exit(EXIT_SOME_FAILED)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
