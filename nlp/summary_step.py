"""The summary step (:mod:`tiyao.steps`): an extractive summary of each article (:mod:`tiyao.summarizer`), whole
sentences in reading order, in the article's own script. It needs nothing fitted on the corpus: ``prepare`` makes
the summary, ``scan`` and ``fit`` have nothing to do, ``analyse`` returns the summary prepared."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from .summarizer import make_summarizer
from .types import Sentence
from .views import TerminalRow

if TYPE_CHECKING:
    from .config import PipelineConfig
    from .steps import Article, StepContext
    from .types import Document, Theme


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

    # -- how the summary is written (tiyao.views) --

    @staticmethod
    def markdown(result: tuple[Sentence, ...]) -> list[str]:
        return ["**摘要 Summary:**", "", "> " + "".join(s.text for s in result), ""] if result else []

    csv_fields: ClassVar[tuple[str, ...]] = ("summary",)

    @staticmethod
    def csv(result: tuple[Sentence, ...], themes: Sequence[Theme]) -> dict[str, str]:
        return {"summary": "".join(s.text for s in result)}

    @staticmethod
    def terminal(result: tuple[Sentence, ...]) -> list[TerminalRow]:
        return [TerminalRow("摘要", (("".join(s.text for s in result), ""),), paragraph=True)] if result else []

    @staticmethod
    def html(result: tuple[Sentence, ...], document: Document) -> str:
        from .report_html import text_with_summary

        return text_with_summary(document, result)

    @staticmethod
    def stats(results: Sequence[tuple[Sentence, ...]]) -> list[tuple[int, str]]:
        return [(sum(len(summary) for summary in results), "句摘要 summary sentences")]

    @staticmethod
    def settings(config: PipelineConfig) -> str:
        return f"summary: {config.summary_method}, {budget(config)}"


def budget(config: PipelineConfig) -> str:
    """The summary budget a config asks for, in words ("3 sentences", "at most 120 characters")."""
    if config.sentences is not None:
        return f"{config.sentences} {'sentence' if config.sentences == 1 else 'sentences'}"
    if config.max_chars is not None:
        return f"at most {config.max_chars} characters"
    if config.ratio is not None:
        return f"{config.ratio:.0%} of the characters"
    return "default length"
