"""What every command does first: read the corpus and build the segmenter from the shared options."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from tiyao.corpus import Corpus, ReadOptions, read_corpus
from tiyao.resources import seed_corpus_path
from tiyao.segment import Segmenter

from .errors import warn

logger = logging.getLogger("tiyao.cli")


def corpus_paths(paths: Sequence[str] | None) -> list[str]:
    """The paths given, or the seed corpus when none is."""
    return list(paths) if paths else [str(seed_corpus_path())]


def read_options(
    encoding: str | None = None,
    input_format: str = "auto",
    id_field: str = "id",
    title_field: str = "title",
    text_field: str = "text",
) -> ReadOptions:
    return ReadOptions(encoding=encoding or None, input_format=getattr(input_format, "value", input_format),
                       id_field=id_field, title_field=title_field, text_field=text_field)


def load_corpus(paths: Sequence[str] | None, options: ReadOptions,
                progress: Callable[[str, int, int], None] | None = None) -> Corpus:
    """Read the corpus; warn on stderr about each record that could not be read."""
    corpus = read_corpus(corpus_paths(paths), options, progress=progress)
    for failure in corpus.failures:
        warn(f"skipped {failure.error}")
    return corpus


def make_segmenter(user_dicts: Sequence[Path] | None) -> Segmenter:
    return Segmenter(user_dicts=tuple(user_dicts or ()))
