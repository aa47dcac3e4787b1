"""Keywords and keyphrases of each article: TF-IDF (corpus-fitted IDF blended with a general one) or TextRank.

Every extractor follows :class:`KeywordExtractor`: ``fit(documents)`` learns what it needs from the corpus once
(TF-IDF: the IDF; TextRank: nothing), then ``extract(doc)`` ranks one segmented article and returns
:class:`~tiyao.types.Keyword` records, best first, higher scores better. Nothing is re-segmented inside ``extract``.

Examples
--------
>>> from tiyao.segment import Segmenter
>>> from tiyao.types import Document
>>> seg = Segmenter()
>>> docs = [seg.segment(Document("1", "", "育龄妇女申请计生信贷。计生信贷帮助育龄妇女创业。", "<doc>"))]
>>> [k.term for k in extract_keywords(docs, top_k=2)[0]]
['育龄妇女', '计生信贷']
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

from ..errors import ConfigError
from ..idf import IdfModel
from ..segment import Segmenter
from ..types import Document, Keyword, SegmentedDocument
from .textrank import TextRankKeywords
from .tfidf import TfidfKeywords, fit_idf


@runtime_checkable
class KeywordExtractor(Protocol):
    """What every keyword method offers."""

    def fit(self, documents: Sequence[SegmentedDocument]) -> KeywordExtractor: ...

    def extract(self, doc: SegmentedDocument) -> tuple[Keyword, ...]: ...


#: Method name -> extractor class (the ``--method`` choices).
METHODS: dict[str, type] = {"tfidf": TfidfKeywords, "textrank": TextRankKeywords}
DEFAULT_METHOD = "tfidf"


def make_keyword_extractor(method: str = DEFAULT_METHOD, *, top_k: int = 10, phrases: bool = True,
                           idf: IdfModel | str | None = None, segmenter: Segmenter | None = None,
                           concepts: str = "measured") -> Any:
    """An unfitted extractor by method name. ``idf`` is a model, or an IDF mode (``blend``, ``corpus``,
    ``background``) for TF-IDF to fit; TextRank ignores it, and ``concepts`` (TF-IDF's rule for one slot per
    concept, :class:`TfidfKeywords`)."""
    if method not in METHODS:
        raise ConfigError(f"method must be one of {', '.join(METHODS)}; got {method!r}")
    if method == "textrank":
        return TextRankKeywords(top_k=top_k, phrases=phrases, segmenter=segmenter)
    if isinstance(idf, str):
        return TfidfKeywords(top_k=top_k, phrases=phrases, idf_mode=idf, segmenter=segmenter, concepts=concepts)
    return TfidfKeywords(top_k=top_k, phrases=phrases, idf=idf, segmenter=segmenter, concepts=concepts)


def extract_keywords(documents: Sequence[SegmentedDocument], *, method: str = DEFAULT_METHOD, top_k: int = 10,
                     phrases: bool = True, idf: IdfModel | str | None = None,
                     segmenter: Segmenter | None = None) -> list[tuple[Keyword, ...]]:
    """Fit on ``documents`` once, then the keywords of each, in input order."""
    docs = list(documents)
    extractor = make_keyword_extractor(method, top_k=top_k, phrases=phrases, idf=idf, segmenter=segmenter)
    extractor.fit(docs)
    return [extractor.extract(doc) for doc in docs]


def clean_discovery(method: str, phrases: bool) -> bool:
    """Whether the new words that feed a keyword ranking are found with issue 13's cleaning
    (:class:`tiyao.words.WordDiscoverer`'s ``clean``): for TF-IDF with keyphrases (the default), not for words only
    or TextRank. Measured on CSL dev: words only, exact F1@5 0.2186 without it against 0.1726 with it (a compound of
    dictionary words, ``遗传算法``, is a keyword there only as a new word); TextRank, exact F1@10 0.1870 against
    0.1868 and partial F1@5 0.4484 against 0.4482."""
    return phrases and method == "tfidf"


def corpus_keywords(documents: Sequence[Document], *, method: str = DEFAULT_METHOD, top_k: int = 10,
                    phrases: bool = True, idf: str = "blend", idf_model: str | os.PathLike[str] | None = None,
                    discover_words: bool = True, min_count: int = 3, segmenter: str = "auto",
                    progress: Callable[[str, int, int], None] | None = None,
                    concepts: str = "measured") -> list[tuple[Keyword, ...]]:
    """The keywords of each document, in input order, as ``tiyao keywords`` gives them: the pipeline with its
    keywords step alone (:func:`tiyao.pipeline.run`: the corpus's new words unless ``discover_words`` is off, each
    article segmented once, the corpus IDF or ``idf_model``, a traditional article through its simplified twin),
    in this process. A document without words to rank has none. ``segmenter``: the backend (``auto``, ``rjieba``,
    ``jieba``); ``progress(stage, done, total)``: the pipeline's stages; ``concepts``: TF-IDF's rule for one slot
    per concept (:class:`TfidfKeywords`)."""
    from ..config import PipelineConfig
    from ..pipeline import run

    docs = list(documents)
    if not docs:
        return []
    config = PipelineConfig(steps=("keywords",), top_k=top_k, keyword_method=method, phrases=phrases, idf=idf,
                            idf_model=os.fspath(idf_model) if idf_model else None, discover_words=discover_words,
                            min_count=min_count, segmenter=segmenter, jobs=1,
                            extra={"concepts": concepts} if concepts != "measured" else {})
    return [result.keywords for result in run(docs, config, progress=progress).documents]


def make_extractor(config: Any, documents: Sequence[SegmentedDocument]) -> Any:
    """The fitted extractor a :class:`~tiyao.config.PipelineConfig` asks for (used by ``tiyao.pipeline``)."""
    idf: IdfModel | str = config.idf
    if config.idf_model:
        idf = IdfModel.load(config.idf_model, mode=config.idf)
    extractor = make_keyword_extractor(config.keyword_method, top_k=config.top_k, phrases=config.phrases, idf=idf)
    return extractor.fit(list(documents))


__all__ = ["DEFAULT_METHOD", "METHODS", "IdfModel", "KeywordExtractor", "TextRankKeywords", "TfidfKeywords",
           "clean_discovery", "corpus_keywords", "extract_keywords", "fit_idf", "make_extractor", "make_keyword_extractor"]
