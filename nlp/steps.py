"""The Step contract: what one step of the pipeline (keywords, summary, themes, and any step to come) offers, and
the registry of steps by name.

A step is one object built from the run's :class:`StepContext` (config, segmenter, saved model). The pipeline
(:mod:`tiyao.pipeline`) calls it in two passes over the corpus::

    prepare(article) -> prepared     per article: what analyse needs that needs nothing fitted on the corpus
                                     (keyword candidates, the summary); read it as ``article.prepared(step)``
    scan(article) -> part            per article: what the corpus fit needs of it (a few terms or features)
    fit(ids, parts) -> fitted        once: the corpus-level reduce of every article's part (in input order)
    analyse(article, fitted) -> result   per article: its result

The per-article calls run in the map of each pass (this process, worker processes, Dask). An article is segmented
once in the fit pass; when the run keeps what the analysis needs (:func:`tiyao.pipeline.run` and ``stream``, in
memory then on disk: :mod:`tiyao.kept`), the fit pass also prepares it and the analysis pass does not segment it
again. A step whose
fit needs no parts sets ``fits = False`` and is not scanned. A step says how its result is written (class
attributes, so a report is written without building steps): ``key`` (its JSON key), ``empty`` (the value for an
article it did not run on) and ``to_json(result)``. Optionally, ``stage`` is the progress stage shown while it fits
(the themes step: "themes"), and ``combine(parts) -> part`` adds up parts that add up (document frequencies): the
pipeline combines them after each chunk of articles, so that memory does not grow with the corpus, and ``fit``
takes the combined parts as it takes the others; ``preload()``, a static method (called before the steps are
built), imports what ``fit`` needs to fit the corpus's own articles, where the fit will run, while this process
works on the articles (:meth:`tiyao.engine.LocalEngine.preload`: in the worker that will fit, or in a thread while
worker processes scan, where this process would only wait; the themes step: scikit-learn, ~1 s); and
``fitted_results = True`` says that the fit holds every article's result and ``analyse`` only looks it up by the
article's id (the themes step): with worker processes such a fit runs in a thread while the workers analyse the
other steps, and without them, when there are cores to spare, in a worker process of its own while this process
analyses (:mod:`tiyao.fits`). How the result shows in the other formats (Markdown, CSV, the
terminal, the HTML page) is said by optional methods too, listed in :mod:`tiyao.views`; the writers loop over the
registered steps. Everything a step holds and returns must pickle.

Adding a step: write its class in its own module (with the view methods of the formats it should show in) and add
it to :data:`STEP_TYPES` (its place there is its place in every article's JSON record, CSV row, Markdown section,
terminal block and HTML card). See the README's developer section for a complete example.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from .config import PipelineConfig
from .errors import ConfigError
from .script import DocumentTwin
from .segment import Segmenter
from .types import Document, SegmentedDocument

if TYPE_CHECKING:
    from .model import TiyaoModel


@dataclass(frozen=True)
class StepContext:
    """What a step is built from: the run's settings, the segmenter every step shares (with the corpus's new
    words), and the saved model the run analyses against (None when the run fits on its own articles)."""

    config: PipelineConfig
    segmenter: Segmenter
    model: TiyaoModel | None = None


class Article:
    """One article as the steps see it: the document, its simplified twin (an article in traditional characters
    is analysed through it and reported in its own script, :mod:`tiyao.script`), its segmentation (None when the
    fit pass prepared it), and what the steps have prepared of it (step name -> prepared)."""

    __slots__ = ("document", "_twin", "segmented", "prepared_by")

    def __init__(self, document: Document, segmented: SegmentedDocument | None = None,
                 prepared_by: dict[str, Any] | None = None, twin: DocumentTwin | None = None) -> None:
        self.document = document
        self._twin = twin
        self.segmented = segmented
        self.prepared_by = prepared_by if prepared_by is not None else {}

    @property
    def twin(self) -> DocumentTwin:
        """The article's simplified twin (made when first asked for: a step that reads only the id never does)."""
        if self._twin is None:
            self._twin = DocumentTwin.of(self.document)
        return self._twin

    @classmethod
    def segment(cls, document: Document, segmenter: Segmenter) -> Article | None:
        """The article segmented (through its simplified twin), or None when it has no content word."""
        twin = DocumentTwin.of(document)
        segmented = segmenter.segment(twin.analysed)
        lexicon = segmenter.lexicon
        ids = lexicon.columns(segmented).ids  # (first: it may add entries)
        if not lexicon.content[ids].any():
            return None
        return cls(document, segmented, twin=twin)

    @property
    def id(self) -> str:
        return self.document.id

    def prepared(self, step: Step) -> Any:
        """``step.prepare(self)``, made once."""
        if step.name not in self.prepared_by:
            self.prepared_by[step.name] = step.prepare(self)
        return self.prepared_by[step.name]


class Step(Protocol):
    """What every step offers (see the module docs)."""

    name: ClassVar[str]  # its name in PipelineConfig.steps and in DocumentResult.results
    key: ClassVar[str]  # its key in an article's JSON record
    empty: ClassVar[Any]  # its result for an article it did not run on
    fits: bool  # does fit() need the articles' parts?

    def prepare(self, article: Article) -> Any: ...

    def scan(self, article: Article) -> Any: ...

    def fit(self, ids: Sequence[str], parts: Sequence[Any]) -> Any: ...

    def analyse(self, article: Article, fitted: Any) -> Any: ...

    @staticmethod
    def to_json(result: Any) -> Any: ...


#: Step name -> its class, or where to import it from (``"module:Class"``, so that importing tiyao stays light), in
#: the order their results are written in an article's JSON record ("theme", "keywords", "summary").
STEP_TYPES: dict[str, type | str] = {
    "themes": "tiyao.themes_step:ThemesStep",
    "keywords": "tiyao.keywords_step:KeywordsStep",
    "summary": "tiyao.summary_step:SummaryStep",
}


def step_type(name: str) -> Any:
    """The class of the step registered as ``name``."""
    found = STEP_TYPES[name]
    if isinstance(found, str):
        module, _, attribute = found.partition(":")
        return getattr(importlib.import_module(module), attribute)
    return found


def step_types() -> list[Any]:
    """The class of every registered step, in the registry's order."""
    return [step_type(name) for name in STEP_TYPES]


def build_steps(names: Iterable[str], context: StepContext) -> tuple[Step, ...]:
    """The steps ``names`` asks for, built from ``context``, in registry order."""
    wanted = set(names)
    unknown = wanted - set(STEP_TYPES)
    if unknown:
        raise ConfigError(f"steps must be among {', '.join(STEP_TYPES)}; got {sorted(unknown)[0]!r}")
    return tuple(step_type(name)(context) for name in STEP_TYPES if name in wanted)
