"""``tiyao words``: the corpus's own words that jieba's dictionary lacks, with their evidence."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.table import Table


from ..common import corpus_paths, load_corpus
from ..errors import EXIT_SOME_FAILED, reporting_errors
from ..option_groups import takes_groups
from ..options import InputOptions, OutputOptions, Paths, Quiet
from ..output import check_output_path, write_records
from ..progress import progress_bar


@takes_groups
def words(
    paths: Paths = None,
    *,
    min_count: Annotated[int, typer.Option(min=1, help="Occurrences a new word needs.")] = 3,
    export: Annotated[Optional[Path], typer.Option(
        help="Also write the words as a jieba user dictionary (use it with --user-dict).", dir_okay=False)] = None,
    out: OutputOptions,
    read: InputOptions,
    quiet: Quiet = False,
) -> None:
    """Find new words (frequent, cohesive, free-standing strings jieba does not know), best first, with why each
    was kept: its count, cohesion (PMI), the branching entropy on its left and right, and the score."""
    with reporting_errors():
        check_output_path(out.path, corpus_paths(paths))
        check_output_path(export, corpus_paths(paths))
        with progress_bar(not quiet) as progress:
            articles = load_corpus(paths, read, progress)
            from tiyao.furniture import without_field_labels
            from tiyao.words import WordDiscoverer

            if progress is not None:
                progress("words", 0, 0)
            found = WordDiscoverer(min_count=min_count).fit([d.title + "\n" + without_field_labels(d.text)
                                                             for d in articles.documents])
        if export is not None:
            found.export(export)
        records = [{"word": w.word, "count": w.count, "pmi": w.pmi, "entropy": w.entropy,
                    "left_entropy": w.left_entropy, "right_entropy": w.right_entropy, "score": w.score}
                   for w in found.words_]
        write_records(records, out, table=_table)
    if articles.failures:
        raise typer.Exit(EXIT_SOME_FAILED)


def _table(records: Sequence[dict[str, Any]]) -> Table:
    table = Table()
    for name in ("word", "count", "pmi", "left entropy", "right entropy", "score"):
        table.add_column(name, justify="left" if name == "word" else "right")
    for r in records:
        table.add_row(r["word"], str(r["count"]), f"{r['pmi']:.2f}", f"{r['left_entropy']:.2f}",
                      f"{r['right_entropy']:.2f}", f"{r['score']:.2f}")
    return table
