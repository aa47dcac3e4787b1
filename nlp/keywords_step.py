"""The keywords step (:mod:`tiyao.steps`): the top keywords and keyphrases of each article (:mod:`tiyao.keyterms`).

- ``prepare``: what the ranking scores of the article (TF-IDF: its keyword candidates; TextRank: the segmented
  article itself).
- ``scan``: the article's distinct IDF terms (with keyphrases on, the candidates' terms: one scan serves both).
- ``combine``: the document frequencies of the terms (added up after each chunk of articles).
- ``fit``: the corpus IDF, from the document frequencies of the articles' terms, when it is fitted on the corpus
  (TF-IDF in ``blend`` or ``corpus`` mode without ``idf_model``); otherwise the ranker as given (jieba's table, a
  saved IDF, a saved model's IDF).
- ``analyse``: the article's keywords against that IDF, in the article's own script.

With a saved model whose IDF was fitted on its corpus, an article the model was not fitted on is ranked with
:func:`tiyao.model.with_one_more` (the model's IDF counting this article too), as a fit that included it would.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from .idf import IdfModel
from .keyterms import TfidfKeywords, make_keyword_extractor
from .keyterms.candidates import Candidates, TokenKinds, document_terms
from .report import SCORE_DIGITS
from .types import Keyword, SegmentedDocument
from .views import TerminalRow

if TYPE_CHECKING:
    from .config import PipelineConfig
    from .steps import Article, StepContext
    from .types import Document, Theme

#: The keywords the terminal shows of an article (the first three stand out).
KEYWORDS_SHOWN = 8


@dataclass(frozen=True)
class KeywordRanking:
    """The fitted keywords step: the ranker, and with a saved model the ranker for articles it was not fitted on
    and the fingerprints of those it was."""

    ranker: Any
    unseen: Any | None = None
    seen: frozenset[str] = frozenset()

    def ranker_for(self, article: Article) -> Any:
        if self.unseen is None:
            return self.ranker
        from .model import fingerprint

        return self.ranker if fingerprint(article.document) in self.seen else self.unseen

    @property
    def idf(self) -> IdfModel | None:
        """The IDF the keywords are ranked with (TF-IDF), or None."""
        return self.ranker.idf_ if isinstance(self.ranker, TfidfKeywords) else None


class KeywordsStep:
    name: ClassVar[str] = "keywords"
    key: ClassVar[str] = "keywords"
    empty: ClassVar[tuple[Keyword, ...]] = ()

    def __init__(self, context: StepContext) -> None:
        config, model = context.config, context.model
        self.config = config
        self.segmenter = context.segmenter
        self.unseen: Any | None = None
        self.seen: frozenset[str] = frozenset()
        if model is not None:
            from .model import counts_itself, with_one_more

            idf: IdfModel | str = model.idf if model.idf is not None else config.idf
            if model.idf is not None and counts_itself(config):
                self.unseen = self._fitted(with_one_more(model.idf))
                self.seen = frozenset(model.fitted)
        elif config.idf_model:
            idf = IdfModel.load(config.idf_model, mode=config.idf)
        else:
            idf = config.idf
        self.idf = idf  # what the ranker ranks with when fit() does not count the corpus
        self.ranker = self._ranker(idf)
        #: the IDF is fitted on this corpus: fit() sums the articles' terms
        self.fits = model is None and isinstance(self.ranker, TfidfKeywords) and not config.idf_model \
            and config.idf != "background"
        self.kinds = TokenKinds(context.segmenter) if isinstance(self.ranker, TfidfKeywords) else None

    def _ranker(self, idf: IdfModel | str) -> Any:
        config = self.config
        return make_keyword_extractor(config.keyword_method, top_k=config.top_k, phrases=config.phrases, idf=idf,
                                      segmenter=self.segmenter, concepts=config.extra.get("concepts", "measured"))

    def _fitted(self, idf: IdfModel | str) -> Any:
        """The ranker fitted with this IDF (a model, or a mode: background), or TextRank's (nothing to fit)."""
        ranker = self._ranker(idf)
        if not isinstance(ranker, TfidfKeywords):
            return ranker.fit()
        return ranker.with_idf(idf if isinstance(idf, IdfModel) else IdfModel(mode=idf))

    def prepare(self, article: Article) -> Candidates | SegmentedDocument:
        assert article.segmented is not None
        if isinstance(self.ranker, TfidfKeywords):
            return self.ranker.candidates(article.segmented)
        return article.segmented

    def scan(self, article: Article) -> Sequence[str]:
        if self.config.phrases:  # the candidates' terms are the IDF terms (see TfidfKeywords.candidates)
            return article.prepared(self).terms
        assert article.segmented is not None and self.kinds is not None
        return sorted(set(document_terms(article.segmented, self.kinds, max_words=self.ranker.max_words,
                                         max_chars=self.ranker.max_chars)))

    def fit(self, ids: Sequence[str], parts: Sequence[Sequence[str]]) -> KeywordRanking:
        if not self.fits:
            return KeywordRanking(self._fitted(self.idf), self.unseen, self.seen)
        df = self.combine(parts)
        idf = IdfModel.from_document_frequencies(dict(df), len(ids), mode=self.config.idf)
        return KeywordRanking(self._fitted(idf))

    @staticmethod
    def combine(parts: Sequence[Sequence[str] | Counter[str]]) -> Counter[str]:
        """The document frequency of each term over these articles' terms (or frequencies already combined). Frequencies
        combined before, given first (as the pipeline does after each chunk), are added to in place: copying them
        at every chunk made the fit pass grow faster than the corpus."""
        if parts and isinstance(parts[0], Counter):
            df, rest = parts[0], parts[1:]
        else:
            df, rest = Counter(), parts
        for part in rest:
            df.update(part)
        return df

    def analyse(self, article: Article, fitted: KeywordRanking) -> tuple[Keyword, ...]:
        ranked = article.prepared(self)
        ranker = fitted.ranker_for(article)
        keywords = ranker.rank(ranked) if isinstance(ranked, Candidates) else ranker.extract(ranked)
        return tuple(Keyword(article.twin.term(k.term), k.score) for k in keywords)

    @staticmethod
    def to_json(result: tuple[Keyword, ...]) -> list[dict[str, Any]]:
        return [{"term": k.term, "score": round(k.score, SCORE_DIGITS)} for k in result]

    # -- how the keywords are written (tiyao.views) --

    @staticmethod
    def markdown(result: tuple[Keyword, ...]) -> list[str]:
        return ["**关键词 Keywords:** " + "、".join(k.term for k in result), ""] if result else []

    csv_fields: ClassVar[tuple[str, ...]] = ("keywords",)

    @staticmethod
    def csv(result: tuple[Keyword, ...], themes: Sequence[Theme]) -> dict[str, str]:
        return {"keywords": "、".join(k.term for k in result)}

    @staticmethod
    def terminal(result: tuple[Keyword, ...]) -> list[TerminalRow]:
        pieces: list[tuple[str, str]] = []
        for i, keyword in enumerate(result[:KEYWORDS_SHOWN]):
            if i:
                pieces.append((" · ", "dim"))
            pieces.append((keyword.term, "green" if i < 3 else ""))
        return [TerminalRow("关键词", tuple(pieces))] if pieces else []

    @staticmethod
    def html(result: tuple[Keyword, ...], document: Document) -> str:
        from .report_html import keyword_bars

        return keyword_bars(result)

    @staticmethod
    def settings(config: PipelineConfig) -> str:
        return (f"keywords: {config.keyword_method}, top {config.top_k}, IDF {config.idf}"
                + (", phrases" if config.phrases else ""))
