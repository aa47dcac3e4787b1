"""PipelineConfig: every setting of a tiyao run, with its default, defined once for the CLI and the library.

The config used for a run is stored in its report, so any output can be reproduced.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from .errors import ConfigError

KEYWORD_METHODS = ("tfidf", "textrank")
IDF_MODES = ("blend", "corpus", "background")
SUMMARY_METHODS = ("textrank", "lead")
THEME_METHODS = ("kmeans", "agglomerative")
STEPS = ("keywords", "summary", "themes")
ENGINES = ("local", "dask")
SEGMENTERS = ("auto", "jieba", "rjieba")
#: Sentences in a summary when no budget is given (also the default of ``tiyao run``).
DEFAULT_SENTENCES = 3


@dataclass(frozen=True)
class PipelineConfig:
    """Settings of a run. Field names match the CLI options (``top_k`` is ``--top-k``/``-k``)."""

    steps: tuple[str, ...] = STEPS
    # keywords
    top_k: int = 10
    keyword_method: str = "tfidf"
    phrases: bool = True
    idf: str = "blend"
    idf_model: str | None = None
    discover_words: bool = True
    min_count: int = 3
    # summaries: at most one budget; none set means the summariser's default
    sentences: int | None = None
    max_chars: int | None = None
    ratio: float | None = None
    summary_method: str = "textrank"
    # themes
    themes: int | str = "auto"
    theme_method: str = "kmeans"
    # segmentation and execution
    user_dicts: tuple[str, ...] = ()
    segmenter: str = "auto"
    jobs: int | None = None  # worker processes; None: all cores (used when the corpus is large enough)
    engine: str = "local"
    scheduler: str | None = None  # a Dask scheduler address for engine="dask"; None: a local Dask cluster
    extra: dict[str, Any] = field(default_factory=dict)

    def validate(self) -> PipelineConfig:
        """Check every field; raise ConfigError naming the field, the allowed values and the value given."""
        from .steps import STEP_TYPES  # here: the steps import this module

        for step in self.steps:
            if step not in STEP_TYPES:
                raise ConfigError(f"steps must be among {', '.join(sorted(STEP_TYPES, key=_builtin_first))}; "
                                  f"got {step!r}")
        _choice("keyword_method", self.keyword_method, KEYWORD_METHODS)
        _choice("idf", self.idf, IDF_MODES)
        _choice("summary_method", self.summary_method, SUMMARY_METHODS)
        _choice("theme_method", self.theme_method, THEME_METHODS)
        _positive("top_k", self.top_k)
        _positive("min_count", self.min_count)
        if self.jobs is not None:
            _positive("jobs", self.jobs)
        _choice("engine", self.engine, ENGINES)
        _choice("segmenter", self.segmenter, SEGMENTERS)
        budgets = [name for name in ("sentences", "max_chars", "ratio") if getattr(self, name) is not None]
        if len(budgets) > 1:
            raise ConfigError(f"give one summary budget, not {' and '.join(budgets)}")
        if self.sentences is not None:
            _positive("sentences", self.sentences)
        if self.max_chars is not None:
            _positive("max_chars", self.max_chars)
        if self.ratio is not None and not 0 < self.ratio <= 1:
            raise ConfigError(f"ratio must be in (0, 1]; got {self.ratio}")
        if self.themes != "auto":
            if not isinstance(self.themes, int) or isinstance(self.themes, bool) or self.themes < 1:
                raise ConfigError(f"themes must be 'auto' or an integer >= 1; got {self.themes!r}")
        return self

    def to_dict(self) -> dict[str, Any]:
        """The settings as plain JSON-ready values, in field order."""
        data = asdict(self)
        data["steps"] = list(self.steps)
        data["user_dicts"] = list(self.user_dicts)
        if not data["extra"]:
            del data["extra"]
        return data

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


def _builtin_first(step: str) -> tuple[int, str]:
    return (STEPS.index(step) if step in STEPS else len(STEPS), step)


def _choice(name: str, value: object, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ConfigError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")


def _positive(name: str, value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"{name} must be an integer >= 1; got {value!r}")
