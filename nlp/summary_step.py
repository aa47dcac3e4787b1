"""The summary step (:mod:`tiyao.steps`): an extractive summary of each article (:mod:`tiyao.summarizer`), whole
sentences in reading order, in the article's own script. It needs nothing fitted on the corpus: ``prepare`` makes
the summary, ``scan`` and ``fit`` have nothing to do, ``analyse`` returns the summary prepared."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from .summarizer import make_summarizer
from .types import Sentence

if TYPE_CHECKING:
    from .steps import Article, StepContext


class SummaryStep:
    name: ClassVar[str] = "summary"
    key: ClassVar[str] = "summary"
    empty: ClassVar[tuple[Sentence, ...]] = ()
    fits = False

    def __init__(self, context: StepContext) -> None:
        self.summarizer = make_summarizer(context.config)

    def prepare(self, article: Article) -> tuple[Sentence, ...]:
        assert article.segmented is not None
        return tuple(article.twin.sentence(s) for s in self.summarizer.summarize(article.segmented).sentences)

    def scan(self, article: Article) -> None:
        return None

    def fit(self, ids: Sequence[str], parts: Sequence[Any]) -> None:
        return None

    def analyse(self, article: Article, fitted: None) -> tuple[Sentence, ...]:
        return article.prepared(self)

    @staticmethod
    def to_json(result: tuple[Sentence, ...]) -> list[dict[str, Any]]:
        return [{"index": s.index, "text": s.text} for s in result]

    @staticmethod
    def markdown(result: tuple[Sentence, ...]) -> list[str]:
        return ["**摘要 Summary:**", "", "> " + "".join(s.text for s in result), ""] if result else []
