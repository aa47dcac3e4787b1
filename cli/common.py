"""What every command does first: read the corpus (or analyse it), and the checks of the shared options."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from tiyao.config import PipelineConfig
from tiyao.engine import default_jobs
from tiyao.corpus import STDIN, Corpus, ReadFailure, ReadOptions, no_articles, read_corpus
from tiyao.errors import ConfigError, InputError
from tiyao.pipeline import document_problem
from tiyao.report import Report
from tiyao.resources import seed_corpus_path
from tiyao.segment import Segmenter
from tiyao.types import Document

from .errors import note, warn

logger = logging.getLogger("tiyao.cli")


def corpus_paths(paths: Sequence[str] | None) -> list[str]:
    """The paths given, or the seed corpus when none is; ``-`` with a closed stdin (``<&-``) is an error."""
    if paths and STDIN in paths and sys.stdin is None:
        raise InputError("standard input is closed, so - has nothing to read", hint="Pipe the articles in, or "
                                                                                   "give their paths.")
    return list(paths) if paths else [str(seed_corpus_path())]


def load_corpus(paths: Sequence[str] | None, options: ReadOptions,
                progress: Callable[[str, int, int], None] | None = None, *, analysed: bool = True) -> Corpus:
    """Read the corpus; warn on stderr about each record that could not be read. For a command that analyses the
    articles (``analysed``), an article with nothing to analyse (no Chinese or English words, too large) is left
    out and named the way `tiyao run` names it, and counted among the failures (so in the exit status).
    ``progress("read", n, 0)`` is told of each record read."""
    corpus = read_corpus(corpus_paths(paths), options, progress=progress)
    if not corpus.documents:  # nothing usable: every file or record failed
        raise no_articles(corpus_paths(paths), corpus.failures)
    if analysed:
        usable: list[Document] = []
        problems: list[ReadFailure] = []
        for document in corpus.documents:
            problem = document_problem(document)
            if problem is None:
                usable.append(document)
            else:
                problems.append(ReadFailure(document.id, document.title, document.source,
                                            f"{document.id}: {problem}"))
        if not usable:
            raise no_articles(corpus_paths(paths), [*corpus.failures, *problems])
        corpus = Corpus(tuple(usable), (*corpus.failures, *problems))
    for failure in corpus.failures:
        warn(failure.error if failure.error.startswith("skipped ") else f"skipped {failure.error}")
    return corpus


def nothing_usable(failed: int) -> InputError:
    """The error of a run where no article could be used."""
    return InputError(f"no usable article: {'the article' if failed == 1 else f'all {failed} articles'} "
                      "failed (see the lines above); nothing was written",
                      hint="Check the input's format, encoding and text field.")


def analyse(paths: Sequence[str] | None, config: PipelineConfig, options: ReadOptions,
            progress: Callable[[str, int, int], None] | None, strict: bool = False) -> Report:
    """The pipeline (:func:`tiyao.pipeline.run`) on the paths with the command's steps (``config.steps``); every
    article that could not be analysed is named on stderr, as `tiyao run` names it. No usable article: an error."""
    from tiyao.pipeline import run

    report = run(corpus_paths(paths), config.validate(), read_options=options, progress=progress, strict=strict)
    failed = [(r.id, r.error or "") for r in report.failed]
    warn_failures(failed)
    if len(failed) == len(report.documents):
        raise nothing_usable(len(failed))
    return report


def warn_failures(failed: Sequence[tuple[str, str]]) -> None:
    for doc_id, message in failed:
        warn(message if doc_id in message.split(": ", 1)[0] else f"{doc_id}: {message}")


def make_segmenter(user_dicts: Sequence[Path] | None) -> Segmenter:
    return Segmenter(user_dicts=tuple(user_dicts or ()))


def capped_jobs(jobs: int | None) -> int | None:
    """``--jobs`` at most the cores this process may use (more would only make the workers wait on each other),
    with a note when capped."""
    cores = default_jobs()
    if jobs is not None and jobs > cores:
        note(f"--jobs {jobs} capped at {cores}, the number of cores available")
        return cores
    return jobs


def parse_themes(value: str) -> int | str:
    """``--themes``: ``auto`` or a whole number of themes, 1 or more."""
    text = value.strip().lower()
    if text == "auto":
        return "auto"
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        raise ConfigError(f"--themes must be 'auto' or an integer >= 1; got {value!r}")
    return count
