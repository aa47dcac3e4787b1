"""The themes step (:mod:`tiyao.steps`): the corpus's themes, each named by its words, and the theme of each
article (:mod:`tiyao.cluster`).

- ``scan``: the article's theme features (its content nouns, :meth:`~tiyao.cluster.ThemeClusterer.scan`).
- ``fit``: the themes clustered on every article's features (:class:`ThemeFit`), or, with a saved model, each
  article placed among the model's themes: its nearest, or none when it is further from it than 99 % of the fit's
  articles were from the rest of their own (:class:`~tiyao.cluster.ThemeSpace`); an article the model's fit saw
  (same title and text) keeps the theme the fit gave it.
- ``analyse``: the article's theme id (None: no theme).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from .cluster import ThemeClusterer
from .report import theme_number
from .types import Theme

if TYPE_CHECKING:
    from .config import PipelineConfig
    from .steps import Article, StepContext


@dataclass(frozen=True)
class ThemeFit:
    """The fitted themes step: the themes, the theme of each article, its place on the 2-D map, and the space the
    themes were found in (which places articles the fit did not see; None without themes)."""

    themes: tuple[Theme, ...] = ()
    theme_of: dict[str, int] = field(default_factory=dict)
    coords: dict[str, tuple[float, float]] = field(default_factory=dict)
    space: Any | None = None


class ThemesStep:
    name: ClassVar[str] = "themes"
    key: ClassVar[str] = "theme"
    empty: ClassVar[int | None] = None
    #: the progress stage shown while the themes are fitted
    stage: ClassVar[str] = "themes"
    #: the fit holds every article's theme (analyse looks it up): with workers it runs while they analyse
    fitted_results: ClassVar[bool] = True

    def __init__(self, context: StepContext) -> None:
        config, model = context.config, context.model
        self.model = model
        if model is None:
            self.clusterer = ThemeClusterer(themes=config.themes, method=config.theme_method,
                                            random_state=int(config.extra.get("seed", 0)),
                                            segmenter=context.segmenter)
        else:
            self.clusterer = ThemeClusterer(segmenter=context.segmenter)
        self.fits = model is None or model.space is not None

    @staticmethod
    def preload() -> None:
        """Import scikit-learn and load the tables the labels read (where the fit will run, while this process
        works on the articles: :func:`tiyao.cluster.preload`)."""
        from .cluster import preload

        preload()

    def prepare(self, article: Article) -> None:
        return None  # the theme of an article is fitted, nothing to prepare

    def scan(self, article: Article) -> Any:
        assert article.segmented is not None
        features = self.clusterer.scan(article.segmented)
        if self.model is None:
            return features
        from .model import fingerprint

        return features[0], fingerprint(article.document)

    def fit(self, ids: Sequence[str], parts: Sequence[Any]) -> ThemeFit:
        if not self.fits or not ids:
            return ThemeFit()
        if self.model is not None:
            return self._place(ids, parts)
        clusterer = self.clusterer.fit_scans(ids, parts)
        return ThemeFit(tuple(clusterer.themes_), {i: int(label) for i, label in zip(ids, clusterer.labels_)},
                        {i: (float(x), float(y)) for i, (x, y) in zip(ids, clusterer.coords_)}, clusterer.space())

    def _place(self, ids: Sequence[str], parts: Sequence[tuple[list[str], str]]) -> ThemeFit:
        model = self.model
        assert model is not None and model.space is not None
        space = model.space
        vectors = space.vectors([words for words, _ in parts])
        labels, _ = space.assign(vectors)
        for i, (_, key) in enumerate(parts):
            known = model.fitted.get(key, -1)
            if known >= 0:
                labels[i] = known
        theme_of = {doc_id: int(label) for doc_id, label in zip(ids, labels) if label >= 0}
        coords = {doc_id: (float(x), float(y)) for doc_id, (x, y) in zip(ids, space.coords(vectors))}
        return ThemeFit(present_themes(model.themes, ids, labels, vectors, space), theme_of, coords, space)

    def analyse(self, article: Article, fitted: ThemeFit) -> int | None:
        return fitted.theme_of.get(article.id)

    @staticmethod
    def to_json(result: int | None) -> int | None:
        return theme_number(result)

    # -- how the theme is written (tiyao.views; the reports group the articles by the run's themes themselves) --

    csv_fields: ClassVar[tuple[str, ...]] = ("theme", "theme_label")

    @staticmethod
    def csv(result: int | None, themes: Sequence[Theme]) -> dict[str, Any]:
        theme = next((t for t in themes if t.id == result), None)
        return {"theme": "" if result is None else theme_number(result),
                "theme_label": "、".join(theme.label) if theme else ""}

    @staticmethod
    def settings(config: PipelineConfig) -> str:
        return f"themes: {config.theme_method}, {config.themes}"


def present_themes(fitted: Sequence[Theme], ids: Sequence[str], labels: np.ndarray, vectors: np.ndarray,
                   space: Any) -> tuple[Theme, ...]:
    """The model's themes that have articles here, with these articles (input order) and, as representative, the
    one nearest the theme's centre (the first such on ties)."""
    result = []
    for theme in fitted:
        members = np.flatnonzero(labels == theme.id)
        if not len(members):
            continue
        sims = space.cosines(vectors[members])[:, theme.id]
        representative = ids[int(members[int(np.argmax(sims))])]
        result.append(Theme(theme.id, theme.label, tuple(ids[i] for i in members), representative))
    return tuple(result)
