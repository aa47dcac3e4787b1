"""``tiyao idf build``: fit an IDF model once on a large corpus, to reuse with ``--idf-model``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


from tiyao.config import PipelineConfig

from ..common import corpus_paths, engine_settings, nothing_usable, read_options, warn_failures
from ..errors import EXIT_SOME_FAILED, reporting_errors
from ..options import FurnitureFile
from ..options import (Encoding, IdField, InputFormat, InputFormatChoice, Paths, Quiet, TextField, TitleField,
                       UserDict)
from ..progress import progress_bar
from ..output import check_output_path
from ..options import Engine, EngineChoice, Jobs, Scheduler, Segmenter, SegmenterChoice, Strict

app = typer.Typer(name="idf", help="Build IDF models (document frequencies of words and keyphrases).",
                  no_args_is_help=True)


@app.command("build")
def build(
    paths: Paths = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The model file to write (UTF-8 TSV).",
                                         dir_okay=False)] = Path("idf.tsv"),
    user_dict: UserDict = None,
    encoding: Encoding = None,
    input_format: InputFormat = InputFormatChoice.auto,
    id_field: IdField = "id",
    title_field: TitleField = "title",
    text_field: TextField = "text",
    furniture: FurnitureFile = None,
    new_words: Annotated[bool, typer.Option("--new-words/--no-new-words",
                                            help="Find the corpus's own words first (see `tiyao words`).")] = True,
    jobs: Jobs = None,
    segmenter: Segmenter = SegmenterChoice.auto,
    engine: Engine = EngineChoice.local,
    scheduler: Scheduler = None,
    strict: Strict = False,
    quiet: Quiet = False,
) -> None:
    """Count the document frequency of every keyword candidate of the corpus and save it (the IDF fit of
    `tiyao run`, with the corpus's new words)."""
    with reporting_errors():
        check_output_path(output, corpus_paths(paths))
        from tiyao.pipeline import fit

        config = PipelineConfig(steps=("keywords",), idf="corpus", discover_words=new_words,
                                **engine_settings(user_dict, jobs, segmenter, engine, scheduler))
        with progress_bar(not quiet) as progress:
            fitted = fit(corpus_paths(paths), config, read_options=read_options(
                encoding, input_format, id_field, title_field, text_field, furniture), progress=progress, strict=strict)
        warn_failures(fitted.skipped)
        model = fitted.fitted["keywords"].idf
        if not fitted.documents or model is None:
            raise nothing_usable(len(fitted.skipped))
        model.save(output)
        typer.echo(f"Wrote {output}: {model.n_documents_} documents, {len(model.df_)} terms.", err=True)
    if fitted.skipped:
        raise typer.Exit(EXIT_SOME_FAILED)
