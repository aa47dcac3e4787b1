"""``tiyao idf build``: fit an IDF model once on a large corpus, to reuse with ``--idf-model``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


from ..common import corpus_paths, load_corpus, make_segmenter, read_options
from ..errors import EXIT_SOME_FAILED, reporting_errors
from ..options import FurnitureFile
from ..options import (Encoding, IdField, InputFormat, InputFormatChoice, Paths, Quiet, TextField, TitleField,
                       UserDict)
from ..progress import each, progress_bar
from ..output import check_output_path

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
    quiet: Quiet = False,
) -> None:
    """Count the document frequency of every keyword candidate of the corpus and save it."""
    with reporting_errors():
        check_output_path(output, corpus_paths(paths))
        with progress_bar(not quiet) as progress:
            read = load_corpus(paths, read_options(encoding, input_format, id_field, title_field, text_field,
                                                   furniture), progress)
            segmenter = make_segmenter(user_dict)
            from tiyao.keyterms import fit_idf

            segmented = [segmenter.segment(d) for d in each(read.documents, progress, "segment")]
            if progress is not None:
                progress("idf", 0, 0)
            model = fit_idf(segmented, mode="corpus", segmenter=segmenter)
        model.save(output)
        typer.echo(f"Wrote {output}: {model.n_documents_} documents, {len(model.df_)} terms.", err=True)
    if read.failures:
        raise typer.Exit(EXIT_SOME_FAILED)
