"""The main job: one pass over a corpus, from raw articles to a :class:`~nlp.report.Report`.

Steps::

    read and clean ─► discover the corpus's new words ─► segment every article once
        ─► fit the corpus IDF ─► keywords and summary of each article ─► themes ─► Report

State fitted on the corpus (new words, IDF, vocabulary) is fitted once and shared by every step, so keywords,
summaries and theme labels speak the same vocabulary. An article in traditional characters is analysed through
its simplified twin (:mod:`nlp.script`) and reported in its own script. An article that cannot be processed
(empty after cleaning, no Chinese or English words) is recorded with an error and the others go on;
``strict=True`` raises instead.

Where the work runs (:mod:`nlp.engine`): segmentation and the per-article steps are a ``map`` over the articles
(in this process, a pool of ``jobs`` processes, or Dask); the corpus fits are reductions of what the map returns
(document frequencies are summed) or run once on the whole corpus (new words from a bounded sample, themes on
the document vectors). The same functions run in the same order on every engine, so the report is the same.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .config import PipelineConfig
from .corpus import Corpus, ReadFailure, ReadOptions, read_corpus
from .engine import LocalEngine, default_jobs, make_engine
from .errors import ConfigError, DocumentError
from .report import DocumentResult, Report
from .script import DocumentTwin
from .segment import Segmenter
from .types import Document, Keyword, SegmentedDocument, Sentence

logger = logging.getLogger(__name__)

#: ``progress(stage, done, total)`` is called as work completes; stages: "segment", "analyse", "themes".
Progress = Callable[[str, int, int], None]

#: Below this many characters, worker processes cost more to start than they save: the run stays in-process.
PARALLEL_MIN_CHARS = 300_000
#: New words are discovered from at most this many characters of the corpus (its first articles, in order).
DISCOVERY_MAX_CHARS = 2_000_000


@dataclass(frozen=True)
class CorpusModel:
    """What is fitted on the whole corpus once and shared by the per-article steps (picklable)."""

    segmenter: Segmenter
    keywords: Any | None = None  # a fitted keyword extractor (.extract(SegmentedDocument))
    summarizer: Any | None = None  # a summariser (.summarize(SegmentedDocument))
    new_words: tuple[str, ...] = ()


def run(
    inputs: Sequence[str | os.PathLike[str]] | Corpus | Iterable[Document],
    config: PipelineConfig | None = None,
    *,
    read_options: ReadOptions | None = None,
    progress: Progress | None = None,
    strict: bool = False,
) -> Report:
    """Run the whole chain on ``inputs`` (paths, a Corpus, or Documents) and return the Report.

    Examples
    --------
    >>> from nlp import run, PipelineConfig
    >>> report = run(["seeds"], PipelineConfig(top_k=5))      # doctest: +SKIP
    >>> [k.term for k in report.documents[1].keywords]         # doctest: +SKIP
    ['苗木', '田军', '西集农村信用联社', '林果业', '合作社']
    """
    config = (config or PipelineConfig()).validate()
    documents, failures = _documents(inputs, read_options or ReadOptions())
    if strict and failures:
        raise DocumentError(failures[0].error)
    tick = progress or (lambda stage, done, total: None)

    results: dict[str, DocumentResult] = {}
    usable: list[Document] = []
    for document in documents:
        problem = document_problem(document)
        if problem is None:
            usable.append(document)
        else:
            _fail(results, document, problem, strict)

    twins = {d.id: DocumentTwin.of(d) for d in usable}
    analysed = [twins[d.id].analysed for d in usable]
    with _engine(config, analysed) as engine:
        model = fit_corpus_model(analysed, config)
        segmented = engine.map(_Segment(model.segmenter), analysed, _stage(tick, "segment"))
        kept: list[SegmentedDocument] = []
        for doc in segmented:
            if any(model.segmenter.is_content(t) for t in doc.tokens):
                kept.append(doc)
            else:
                _fail(results, twins[doc.document.id].original, "no Chinese or English words to analyse", strict)
        model = fit_keywords(model, kept, config, engine)
        outputs = engine.map(_Analyse(model), kept, _stage(tick, "analyse"))

    for doc, (keywords, summary) in zip(kept, outputs):
        twin = twins[doc.document.id]
        keywords = tuple(Keyword(twin.term(k.term), k.score) for k in keywords)
        summary = tuple(twin.sentence(s) for s in summary)
        results[doc.document.id] = DocumentResult(twin.original, keywords, summary)

    themes, coords = (), ()
    if "themes" in config.steps and kept:
        tick("themes", 0, 1)
        themes, assignment, coords = fit_themes(kept, config, model)
        for doc_id, theme in assignment.items():
            results[doc_id] = replace(results[doc_id], theme=theme)
        tick("themes", 1, 1)

    ordered = tuple(results[d.id] for d in documents)
    ordered += tuple(DocumentResult(Document(f.id, f.title, "", f.source), error=f.error) for f in failures)
    coord_by_id = dict(zip((d.document.id for d in kept), coords))
    nowhere = (float("nan"), float("nan"))
    all_coords = tuple(coord_by_id.get(r.id, nowhere) for r in ordered) if coords else ()
    return Report(ordered, tuple(themes), config, all_coords, model.new_words)


def document_problem(document: Document) -> str | None:
    """Why a document cannot be analysed at all, or None."""
    if not document.text.strip():
        return "empty after cleaning"
    if not any(ch.isalpha() for ch in document.text):
        return "no Chinese or English words to analyse"
    return None


def _fail(results: dict[str, DocumentResult], document: Document, problem: str, strict: bool) -> None:
    if strict:
        raise DocumentError(f"{document.id}: {problem}", hint="Leave out --strict to record it and go on.")
    logger.info("%s: %s; left out", document.id, problem)
    results[document.id] = DocumentResult(document, error=problem)


def _documents(inputs: Any, options: ReadOptions) -> tuple[list[Document], list[ReadFailure]]:
    if isinstance(inputs, Corpus):
        return list(inputs.documents), list(inputs.failures)
    if isinstance(inputs, (str, os.PathLike)):
        raise ConfigError("a sequence of paths is expected, not a single path; wrap it in a list")
    items = list(inputs)
    if items and all(isinstance(item, Document) for item in items):
        return items, []
    if all(isinstance(item, (str, os.PathLike)) for item in items):
        corpus = read_corpus(items, options)
        return list(corpus.documents), list(corpus.failures)
    raise ConfigError("inputs must be paths, a Corpus, or Documents")


def _engine(config: PipelineConfig, documents: Sequence[Document]) -> LocalEngine:
    jobs = config.jobs if config.jobs is not None else default_jobs()
    if config.engine == "local" and sum(len(d.text) for d in documents) < PARALLEL_MIN_CHARS:
        jobs = 1
    return make_engine(config.engine, jobs, config.scheduler)


def _stage(tick: Progress, stage: str) -> Callable[[int, int], None]:
    return lambda done, total: tick(stage, done, total)


# -- corpus-level fitting -------------------------------------------------------------------------------------

def fit_corpus_model(documents: Sequence[Document], config: PipelineConfig) -> CorpusModel:
    """The segmenter for this corpus (user dictionaries plus the corpus's own new words) and the summariser."""
    segmenter = Segmenter(user_dicts=config.user_dicts, backend=config.segmenter)
    new_words: tuple[str, ...] = ()
    if config.discover_words and documents:
        from .words import WordDiscoverer

        sample, size = [], 0
        for document in documents:
            if size >= DISCOVERY_MAX_CHARS:
                break
            sample.append(document.text)
            size += len(document.text)
        found = WordDiscoverer(min_count=config.min_count).fit(sample)
        entries = found.dictionary_entries() if hasattr(found, "dictionary_entries") else found
        segmenter = segmenter.with_words(entries)
        new_words = tuple(entry[0] if isinstance(entry, tuple) else entry for entry in entries)
    summarizer = None
    if "summary" in config.steps:
        from .summarize import make_summarizer

        summarizer = make_summarizer(config)
    return CorpusModel(segmenter, None, summarizer, new_words)


def fit_keywords(model: CorpusModel, documents: Sequence[SegmentedDocument], config: PipelineConfig,
                 engine: LocalEngine | None = None) -> CorpusModel:
    """The keyword extractor, with its IDF fitted on the corpus (document frequencies summed over a map)."""
    if "keywords" not in config.steps:
        return model
    from .keywords import make_extractor

    extractor = make_extractor(config, documents)
    return replace(model, keywords=extractor)


def fit_themes(documents: Sequence[SegmentedDocument], config: PipelineConfig, model: CorpusModel):
    """Themes of the corpus: (themes, {doc id: theme id}, 2-D coordinates per document)."""
    from .cluster import ThemeClusterer

    clusterer = ThemeClusterer(themes=config.themes, method=config.theme_method, segmenter=model.segmenter)
    clusterer.fit(documents)
    assignment = {doc.document.id: int(label) for doc, label in zip(documents, clusterer.labels_)}
    coords = tuple((float(x), float(y)) for x, y in clusterer.coords_)
    return clusterer.themes_, assignment, coords


# -- per-article work (picklable callables, for worker processes) --------------------------------------------

class _Segment:
    def __init__(self, segmenter: Segmenter) -> None:
        self.segmenter = segmenter

    def __call__(self, document: Document) -> SegmentedDocument:
        return self.segmenter.segment(document)


class _Analyse:
    """Keywords and summary of one segmented article."""

    def __init__(self, model: CorpusModel) -> None:
        self.model = model

    def __call__(self, doc: SegmentedDocument) -> tuple[tuple[Keyword, ...], tuple[Sentence, ...]]:
        keywords = self.model.keywords.extract(doc) if self.model.keywords is not None else ()
        summary = self.model.summarizer.summarize(doc).sentences if self.model.summarizer is not None else ()
        return tuple(keywords), tuple(summary)


def document_frequencies(terms: Iterable[Iterable[str]]) -> Counter[str]:
    """Sum the distinct terms of each document (a reduction any engine can run)."""
    total: Counter[str] = Counter()
    for document_terms in terms:
        total.update(set(document_terms))
    return total
