"""The main job: one pass over a corpus, from raw articles to a :class:`~nlp.report.Report`.

Steps::

    read and clean ─► discover the corpus's new words ─► segment every article once
        ─► fit the corpus IDF ─► keywords and summary of each article ─► themes ─► Report

State fitted on the corpus (new words, IDF, vocabulary) is fitted once and shared by every step, so keywords,
summaries and theme labels speak the same vocabulary. An article that cannot be processed (empty after cleaning,
no Chinese or English words) is recorded with an error and the others go on; ``strict=True`` raises instead.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .config import PipelineConfig
from .corpus import Corpus, ReadFailure, ReadOptions, read_corpus
from .errors import ConfigError, DocumentError
from .report import DocumentResult, Report
from .segment import Segmenter
from .types import Document, Keyword, SegmentedDocument, Sentence

logger = logging.getLogger(__name__)

#: ``progress(stage, done, total)`` is called as work completes; stages: "segment", "analyse", "themes".
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class CorpusModel:
    """What is fitted on the whole corpus once and shared by the per-article steps (picklable)."""

    segmenter: Segmenter
    keywords: Any | None  # a fitted keyword extractor (.extract(SegmentedDocument))
    summarizer: Any | None  # a summariser (.summarize(SegmentedDocument))
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
    >>> report.documents[0].keywords[0].term                    # doctest: +SKIP
    '苗木'
    """
    config = (config or PipelineConfig()).validate()
    documents, failures = _documents(inputs, read_options or ReadOptions())
    if strict and failures:
        raise DocumentError(failures[0].error)
    tick = progress or (lambda stage, done, total: None)

    usable: list[Document] = []
    results: dict[str, DocumentResult] = {}
    for document in documents:
        problem = document_problem(document)
        if problem is None:
            usable.append(document)
        elif strict:
            raise DocumentError(f"{document.id}: {problem}")
        else:
            logger.warning("%s: %s; left out", document.id, problem)
            results[document.id] = DocumentResult(document, error=problem)

    model = fit_corpus_model(usable, config)
    segmented = _map(model.segmenter.segment, usable, config.jobs, tick, "segment")
    kept: list[SegmentedDocument] = []
    for doc in segmented:
        if not any(model.segmenter.is_content(t) for t in doc.tokens):
            problem = "no Chinese or English words to analyse"
            if strict:
                raise DocumentError(f"{doc.document.id}: {problem}")
            logger.warning("%s: %s; left out", doc.document.id, problem)
            results[doc.document.id] = DocumentResult(doc.document, error=problem)
        else:
            kept.append(doc)

    model = fit_keywords(model, kept, config)
    analysed = _map(_Analyser(model), kept, config.jobs, tick, "analyse")
    for doc, (keywords, summary) in zip(kept, analysed):
        results[doc.document.id] = DocumentResult(doc.document, keywords, summary)

    themes, coords = (), ()
    if "themes" in config.steps and kept:
        tick("themes", 0, 1)
        themes, assignment, coords = fit_themes(kept, config)
        for doc_id, theme in assignment.items():
            results[doc_id] = replace(results[doc_id], theme=theme)
        tick("themes", 1, 1)

    ordered = tuple(results[d.id] for d in documents)
    ordered += tuple(DocumentResult(Document(f.id, f.title, "", f.source), error=f.error) for f in failures)
    coord_by_id = dict(zip((d.document.id for d in kept), coords))
    all_coords = tuple(coord_by_id.get(r.id, (float("nan"), float("nan"))) for r in ordered) if coords else ()
    return Report(ordered, tuple(themes), config, all_coords, model.new_words)


def document_problem(document: Document) -> str | None:
    """Why a document cannot be analysed at all, or None."""
    if not document.text.strip():
        return "empty after cleaning"
    if not any(ch.isalpha() for ch in document.text):
        return "no Chinese or English words to analyse"
    return None


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


# -- corpus-level fitting -------------------------------------------------------------------------------------

def fit_corpus_model(documents: Sequence[Document], config: PipelineConfig) -> CorpusModel:
    """The segmenter for this corpus: user dictionaries plus the corpus's own new words."""
    segmenter = Segmenter(user_dicts=config.user_dicts)
    new_words: tuple[str, ...] = ()
    if config.discover_words and documents:
        from .words import WordDiscoverer

        found = WordDiscoverer(min_count=config.min_count).fit([d.text for d in documents])
        entries = found.dictionary_entries() if hasattr(found, "dictionary_entries") else found
        segmenter = segmenter.with_words(entries)
        new_words = tuple(entry[0] if isinstance(entry, tuple) else entry for entry in entries)
    return CorpusModel(segmenter, None, _summarizer(config), new_words)


def fit_keywords(model: CorpusModel, documents: Sequence[SegmentedDocument], config: PipelineConfig) -> CorpusModel:
    if "keywords" not in config.steps:
        return model
    from .keywords import make_extractor

    extractor = make_extractor(config, documents)
    return replace(model, keywords=extractor)


def _summarizer(config: PipelineConfig) -> Any | None:
    if "summary" not in config.steps:
        return None
    from .summarize import make_summarizer

    return make_summarizer(config)


def fit_themes(documents: Sequence[SegmentedDocument], config: PipelineConfig):
    from .cluster import ThemeClusterer

    clusterer = ThemeClusterer(themes=config.themes, method=config.theme_method).fit(documents)
    assignment = {doc.document.id: int(label) for doc, label in zip(documents, clusterer.labels_)}
    coords = tuple((float(x), float(y)) for x, y in clusterer.coords_)
    return clusterer.themes_, assignment, coords


# -- per-article work -----------------------------------------------------------------------------------------

class _Analyser:
    """Keywords and summary of one segmented article (picklable, for worker processes)."""

    def __init__(self, model: CorpusModel) -> None:
        self.model = model

    def __call__(self, doc: SegmentedDocument) -> tuple[tuple[Keyword, ...], tuple[Sentence, ...]]:
        keywords = self.model.keywords.extract(doc) if self.model.keywords is not None else ()
        summary = self.model.summarizer.summarize(doc).sentences if self.model.summarizer is not None else ()
        return tuple(keywords), tuple(summary)


def _map(function: Callable[[Any], Any], items: Sequence[Any], jobs: int, tick: Progress, stage: str) -> list[Any]:
    """``map`` in input order, in ``jobs`` processes when there is enough work."""
    total = len(items)
    tick(stage, 0, total)
    if jobs <= 1 or total < 2 * jobs:
        results = []
        for done, item in enumerate(items, 1):
            results.append(function(item))
            if done % 16 == 0 or done == total:
                tick(stage, done, total)
        return results
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(64, total // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = []
        for done, result in enumerate(pool.map(function, items, chunksize=chunk), 1):
            results.append(result)
            if done % 16 == 0 or done == total:
                tick(stage, done, total)
    return results
