"""``tiyao idf build``: fit an IDF model once on a large corpus, to reuse with ``--idf-model``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


from tiyao.config import PipelineConfig

from ..common import corpus_paths, nothing_usable, warn_failures
from ..errors import EXIT_SOME_FAILED, reporting_errors
from ..option_groups import takes_groups
from ..options import FindNewWords, InputOptions, Paths, Quiet, RunOptions, Strict
from ..output import check_output_path
from ..progress import progress_bar

app = typer.Typer(name="idf", help="Build IDF models (document frequencies of words and keyphrases).",
                  no_args_is_help=True)


@app.command("build")
@takes_groups
def build(
    paths: Paths = None,
    *,
    output: Annotated[Path, typer.Option("--output", "-o", help="The model file to write (UTF-8 TSV).",
                                         dir_okay=False)] = Path("idf.tsv"),
    running: RunOptions,
    read: InputOptions,
    new_words: FindNewWords = True,
    strict: Strict = False,
    quiet: Quiet = False,
) -> None:
    """Count the document frequency of every keyword candidate of the corpus and save it (the IDF fit of
    `tiyao run`, with the corpus's new words)."""
    with reporting_errors():
        check_output_path(output, corpus_paths(paths))
        from tiyao.pipeline import fit

        config = PipelineConfig(steps=("keywords",), idf="corpus", discover_words=new_words, **running)
        with progress_bar(not quiet) as progress:
            fitted = fit(corpus_paths(paths), config, read_options=read, progress=progress, strict=strict)
        warn_failures(fitted.skipped)
        model = fitted.fitted["keywords"].idf
        if not fitted.documents or model is None:
            raise nothing_usable(len(fitted.skipped))
        model.save(output)
        typer.echo(f"Wrote {output}: {model.n_documents_} documents, {len(model.df_)} terms.", err=True)
    if fitted.skipped:
        raise typer.Exit(EXIT_SOME_FAILED)
