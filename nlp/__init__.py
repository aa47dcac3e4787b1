"""tiyao (提要): the gist of Chinese news articles: keywords, extractive summaries and themes.

The library behind the ``tiyao`` command. Read a corpus, segment it once, then rank keywords, summarise and
group articles by theme::

    from tiyao import read_corpus, Segmenter
    corpus = read_corpus(["seeds/"])
    segmenter = Segmenter()
    doc = segmenter.segment(corpus.documents[0])
"""

from __future__ import annotations

import logging
import warnings

with warnings.catch_warnings():  # jieba 0.42 imports pkg_resources, which warns on current setuptools
    warnings.filterwarnings("ignore", message=".*pkg_resources", category=UserWarning)
    import jieba  # noqa: F401

from .corpus import Corpus, ReadFailure, ReadOptions, iter_records, read_corpus
from .errors import ConfigError, DocumentError, InputError, TiyaoError
from .segment import Segmenter
from .sentences import split_sentences
from .types import Document, Keyword, SegmentedDocument, SegmentedSentence, Sentence, Summary, Theme, Token

__version__ = "0.2.0"  # the same as pyproject.toml's (a test checks)

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "ConfigError", "Corpus", "Document", "DocumentError", "InputError", "Keyword", "ReadFailure", "ReadOptions",
    "SegmentedDocument", "SegmentedSentence", "Segmenter", "Sentence", "Summary", "Theme", "TiyaoError", "Token",
    "iter_records", "read_corpus", "split_sentences",
]
