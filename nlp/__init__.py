"""tiyao (提要): the gist of Chinese news articles: keywords, extractive summaries and themes.

The library behind the ``tiyao`` command. One article, one call::

    import tiyao
    tiyao.keywords(text, k=10)          # [Keyword(term=..., score=...), ...], best first
    tiyao.summarize(text, sentences=3)  # Summary: .text, .sentences (whole sentences, in reading order)

A corpus, the whole job (new words, keywords, summaries, themes), returning a :class:`Report`::

    report = tiyao.run(["seeds/"], tiyao.PipelineConfig(top_k=5))   # paths: files or folders
    report = tiyao.run(texts=["第一篇文章……", "第二篇……"])            # strings, never taken for paths

The steps are there one by one too (``read_corpus``, ``Segmenter``, ``tiyao.keyterms``, ``tiyao.summarizer``,
``tiyao.cluster``). ``import tiyao`` is light: jieba, NumPy, SciPy and scikit-learn are imported when a step
first needs them.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .article import keywords, summarize
    from .config import PipelineConfig
    from .corpus import Corpus, ReadFailure, ReadOptions, iter_records, read_corpus
    from .errors import ConfigError, DocumentError, InputError, TiyaoError
    from .pipeline import run, stream
    from .report import DocumentResult, Report
    from .segment import Segmenter
    from .sentences import split_sentences
    from .types import Document, Keyword, SegmentedDocument, SegmentedSentence, Sentence, Summary, Theme, Token

__version__ = "0.2.0"  # the same as pyproject.toml's (a test checks)

logging.getLogger(__name__).addHandler(logging.NullHandler())

#: Every public name, loaded from its module on first use: ``import tiyao`` imports nothing of the package, so the
#: console script (``tiyao.cli:main``) installs its Ctrl-C handler before anything slow runs, and ``tiyao.run``
#: alone imports the pipeline (and with it NumPy).
_LAZY = {
    "keywords": "article", "summarize": "article", "PipelineConfig": "config",
    **dict.fromkeys(("Corpus", "ReadFailure", "ReadOptions", "iter_records", "read_corpus"), "corpus"),
    **dict.fromkeys(("ConfigError", "DocumentError", "InputError", "TiyaoError"), "errors"),
    "run": "pipeline", "stream": "pipeline", "DocumentResult": "report", "Report": "report",
    "Segmenter": "segment", "split_sentences": "sentences",
    **dict.fromkeys(("Document", "Keyword", "SegmentedDocument", "SegmentedSentence", "Sentence", "Summary", "Theme",
                     "Token"), "types"),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tiyao' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "ConfigError", "Corpus", "Document", "DocumentError", "DocumentResult", "InputError", "Keyword",
    "PipelineConfig", "ReadFailure", "ReadOptions", "Report", "SegmentedDocument", "SegmentedSentence", "Segmenter",
    "Sentence", "Summary", "Theme", "TiyaoError", "Token", "iter_records", "keywords", "read_corpus", "run",
    "split_sentences", "stream", "summarize",
]
