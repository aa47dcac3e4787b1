"""The main job: from raw articles to a :class:`~tiyao.report.Report`, in two passes over the corpus.

Steps::

    read and clean ─► discover the corpus's new words ─► segment every article once
        ─► fit pass: each step scans each article; each step fits on the corpus (IDF, themes)
        ─► analysis pass: each step's result for each article ─► Report

The steps (keywords, summary, themes, and any other: :mod:`tiyao.steps`) follow one contract: ``prepare`` and
``scan`` per article, ``fit`` once on the corpus, ``analyse`` per article. This module only runs them: it knows no
step's insides, and results are keyed by step name. The commands are this pipeline with a selection of steps
(``PipelineConfig.steps``). State fitted on the corpus (new words, IDF, vocabulary) is fitted once and shared, so
keywords, summaries and theme labels speak the same vocabulary. An article in traditional characters is analysed
through its simplified twin (:mod:`tiyao.script`) and reported in its own script. An article that cannot be
processed (empty after cleaning, no Chinese or English words) is recorded with an error and the others go on;
``strict=True`` raises instead.

Passes and memory
-----------------
0. New words are discovered from the first ``DISCOVERY_MAX_CHARS`` characters of the corpus (in input order).
1. **Fit pass**: each article is segmented once and each fitting step scans it (a few terms or features kept per
   article); then each step fits on the corpus.
2. **Analysis pass**: each step's result for each article, yielded in input order.

:func:`run` and :func:`stream` keep what the analysis needs of each article (what its steps prepared in the fit
pass: keyword candidates, summary; :mod:`tiyao.kept`): the first ``CACHE_MAX_CHARS`` characters' worth in memory,
the next ``KEPT_ON_DISK_MAX_CHARS`` in a temporary file, so pass 2 segments no article again (past both, it segments
again; pass 2 goes in chunks of ``CHUNK_SIZE`` articles); :func:`stream` lets each go once used and its results are
written as they come. Worker processes (``jobs`` > 1) keep what they prepared pickled in files of their own and
send back where it is (:class:`tiyao.kept.Shelf`); in pass 2 whoever analyses the article reads it there
(THUCNews-1000 x 20: one process 124 -> 102 s of CPU, two workers 124 -> 97 s of the workers' CPU, when it was
first kept; then sent back and forth through the pool's pipes). On Dask
nothing is kept (its workers may be other machines): they segment again. The same functions run on the
same articles in the same order either way, so the outputs are identical. With a saved model (``run(...,
model=...)``, :mod:`tiyao.model`), nothing is discovered and the steps fit against the model (its IDF; its themes
place the articles).

Where the work runs (:mod:`tiyao.engine`): the per-article work of both passes is a ``map`` over chunks (in this
process, in ``jobs`` processes, or on Dask); the fits run here on what the map returned. A pool of processes keeps
the next chunk in work while this process reads the results of the last. Every engine gives the same output.
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import islice
from typing import Any

from .config import PipelineConfig
from .corpus import (Corpus, CorpusReader, ReadFailure, ReadOptions, document_from_text, looks_like_text,
                     no_articles, unique_ids)
from .engine import LocalEngine, SideEngine, default_jobs, make_engine, spawn_runs_no_script
from .digest import with_digests
from .errors import ConfigError, DocumentError, InputError
from .fits import Fits
from .furniture import without_field_labels
from .kept import Kept, Replay, Shelf, Stored, unpickled
from .report import DocumentResult, Report
from .script import DocumentTwin
from .segment import Segmenter
from .steps import Article, Step, StepContext, build_steps, step_type
from .types import Document, Theme

logger = logging.getLogger(__name__)

#: ``progress(stage, done, total)`` is called from the start and as work completes, in this order of stages:
#: "read" (articles read so far, total 0), "words" (finding new words, 0/0), "segment" (articles segmented of
#: the usable articles), "themes" (0/0 when fitting starts), "analyse" (articles done of all the articles). A total is
#: known from the first article on: when a callback is given, the articles are counted first (by reading; files
#: that are streamed are read once more for it). Called after every article, so a callback that draws should
#: only record and let its own clock draw.
Progress = Callable[[str, int, int], None]
Records = Callable[[], Iterable["Document | ReadFailure"]]

#: Below this many characters, worker processes cost more than they save: the run stays in-process (see
#: :func:`parallel_min_chars`).
PARALLEL_MIN_CHARS = 1_000_000
#: From this many characters on (below ``PARALLEL_MIN_CHARS``), with more than one job, a fit that holds its
#: results (the themes) runs in a worker process while this one analyses the articles (see :func:`_engine`).
ASIDE_MIN_CHARS = 100_000
#: New words are discovered from at most this many characters of the corpus (its first articles, in order).
DISCOVERY_MAX_CHARS = 2_000_000
#: :func:`run` and :func:`stream` keep what pass 2 needs of each article (what its steps prepared) up to this many
#: characters of text.
CACHE_MAX_CHARS = 5_000_000
#: ... and past those, up to this many more on disk (~15 bytes per character of text: 450 MB), in a temporary file.
KEPT_ON_DISK_MAX_CHARS = 30_000_000
#: Articles handed to the engine at a time.
CHUNK_SIZE = 1024
#: An article longer than this is recorded as too large rather than analysed (a whole book in one record is
#: almost always an input mistake, and its summary would not be a gist).
MAX_ARTICLE_CHARS = 5_000_000
NO_WORDS = "no Chinese or English words to analyse"


@dataclass(frozen=True)
class CorpusFit:
    """The result of the fit pass: the segmenter, the steps and what each fitted (by step name)."""

    segmenter: Segmenter
    steps: tuple[Step, ...]
    fitted: Mapping[str, Any]  # (a Fits: a fit may still run in a thread; reading it waits for it)
    new_words: tuple[str, ...] = ()
    documents: int = 0  # articles with content words (what the fits saw)
    characters: int = 0
    records: int = 0  # articles read, usable or not (counted only for a progress callback)
    skipped: tuple[tuple[str, str], ...] = ()  # (id, why) of each record or article the fit could not use

    @property
    def themes(self) -> tuple[Theme, ...]:
        """The themes (none without the themes step)."""
        themes = self.fitted.get("themes")
        return themes.themes if themes is not None else ()

    @property
    def coords(self) -> dict[str, tuple[float, float]]:
        themes = self.fitted.get("themes")
        return themes.coords if themes is not None else {}


def run(
    inputs: Sequence[str | os.PathLike[str]] | Corpus | Iterable[Document] | None = None,
    config: PipelineConfig | None = None,
    *,
    texts: Iterable[str] | None = None,
    read_options: ReadOptions | None = None,
    progress: Progress | None = None,
    strict: bool = False,
    model: Any | None = None,
) -> Report:
    """Run the steps of ``config`` (by default: keywords, summary, themes) on ``inputs`` (paths, a Corpus, or
    Documents), or on ``texts`` (strings, each one article: never taken for paths), and return the Report.

    Examples
    --------
    >>> from tiyao import run, PipelineConfig
    >>> report = run(["seeds"], PipelineConfig(top_k=5))
    >>> [k.term for k in report.documents[1].keywords]
    ['绿化苗木', '田军', '西集农村信用联社', '林果业', '苗木种植']
    >>> report = run(texts=["北京今天下了一场大雨。", "上海明天有雨。"], config=PipelineConfig(steps=("summary",)))
    >>> [(r.id, r.summary[0].text) for r in report.documents]
    [('text-1', '北京今天下了一场大雨。'), ('text-2', '上海明天有雨。')]

    With ``model`` (a :class:`~tiyao.model.TiyaoModel` from ``tiyao.model.load_model``) nothing is fitted: the
    articles are analysed against the model (its settings replace ``config``'s fitted ones; see
    :mod:`tiyao.model`).
    """
    config = _config(config, model)
    fit, analysed = _fit_then_analyse(_given(inputs, texts), config, model, read_options, progress, strict,
                                      buffer=True)
    results = tuple(analysed)
    coords = tuple(fit.coords.get(r.id, (float("nan"), float("nan"))) for r in results) if fit.coords else ()
    themes = with_digests(fit.themes, {r.id: r.summary for r in results if r.error is None})
    return Report(results, themes, config, coords, fit.new_words)


def stream(
    inputs: Sequence[str | os.PathLike[str]] | Corpus | Iterable[Document] | None = None,
    config: PipelineConfig | None = None,
    *,
    texts: Iterable[str] | None = None,
    read_options: ReadOptions | None = None,
    progress: Progress | None = None,
    strict: bool = False,
    model: Any | None = None,
) -> tuple[CorpusFit, Iterator[DocumentResult]]:
    """The fit pass now, and the analysis pass as an iterator of results in input order (memory does not grow
    with the number of articles past the first ``CACHE_MAX_CHARS`` characters, whose preparation is kept in memory
    for the analysis, the next ones' on disk; files are read twice, stdin is held in memory). ``model``: as in :func:`run`."""
    return _fit_then_analyse(_given(inputs, texts), _config(config, model), model, read_options, progress, strict,
                             buffer=False)


def _fit_then_analyse(given: Any, config: PipelineConfig, model: Any | None, read_options: ReadOptions | None,
                      progress: Progress | None, strict: bool, *,
                      buffer: bool) -> tuple[CorpusFit, Iterator[DocumentResult]]:
    """The passes of :func:`run` and :func:`stream`: the fit now, the analysis as an iterator. The engine is
    closed as a ``with`` block would close it: told of an error, Ctrl-C or an abandoned iteration (a pool of
    workers is then stopped at once rather than left to finish its chunks)."""
    records = _records(given, read_options or ReadOptions(), buffer=buffer, progress=progress)
    engine = _engine(config, records, aside=model is None)
    engine.__enter__()
    kept = _kept_for(engine)

    def close(error: BaseException | None = None) -> None:
        try:
            engine.__exit__(type(error) if error else None, error, error.__traceback__ if error else None)
        finally:  # (after the workers: they write and read kept's files)
            for held in (kept, records):
                if isinstance(held, (Kept, Replay)):
                    held.close()

    try:
        fit = fit_records(records, config, model, engine=engine, progress=progress, strict=strict, kept=kept)
    except BaseException as error:
        close(error)
        raise

    def results() -> Iterator[DocumentResult]:
        try:
            yield from analyse_records(records, fit, engine=engine, progress=progress, strict=strict, kept=kept)
        except BaseException as error:
            close(error)
            raise
        close()

    return fit, results()


def fit(
    inputs: Sequence[str | os.PathLike[str]] | Corpus | Iterable[Document],
    config: PipelineConfig | None = None,
    *,
    read_options: ReadOptions | None = None,
    progress: Progress | None = None,
    strict: bool = False,
    each_article: Callable[[Document], None] | None = None,
) -> CorpusFit:
    """The fit pass alone (new words, then each step's fit: IDF, themes), with nothing analysed (``tiyao fit``,
    ``tiyao idf build``). ``each_article`` is called with each usable article, in input order."""
    config = _config(config, None)
    records = _records(_given(inputs, None), read_options or ReadOptions(), buffer=False)
    try:
        with _engine(config, records) as engine:
            return fit_records(records, config, engine=engine, progress=progress, strict=strict,
                               each_article=each_article)
    finally:
        if isinstance(records, Replay):
            records.close()


def _config(config: PipelineConfig | None, model: Any | None) -> PipelineConfig:
    config = (config or PipelineConfig()).validate()
    return model.run_config(config) if model is not None else config


# -- the two passes -------------------------------------------------------------------------------------------

def fit_records(
    records: Records,
    config: PipelineConfig,
    model: Any | None = None,
    *,
    engine: LocalEngine | None = None,
    progress: Progress | None = None,
    strict: bool = False,
    kept: Kept | None = None,
    each_article: Callable[[Document], None] | None = None,
) -> CorpusFit:
    """Pass 0 and 1: new words (or the model's), then segment every article once, scan it for the steps that fit
    (and prepare it for the analysis, kept in ``kept``, when there is room there), and fit each step on the
    corpus. ``each_article`` is called with each usable article, in input order."""
    engine = engine or LocalEngine()
    tick = progress or (lambda stage, done, total: None)
    n_records, total = _count(records, tick) if progress is not None else (0, 0)
    if model is not None:
        segmenter, new_words = model.segmenter(config.segmenter), model.new_words
    else:
        for name in config.steps:  # what the fits import, imported where they will run while this process works
            preload = getattr(step_type(name), "preload", None)
            if preload is not None:
                engine.preload(preload, name)
        if config.discover_words:
            tick("words", 0, 0)
        segmenter, new_words = discover_words(records, config,
                                              Segmenter(user_dicts=config.user_dicts, backend=config.segmenter))
    steps = build_steps(config.steps, StepContext(config, segmenter, model))
    work = _ScanWork(segmenter, steps, pickled=kept is not None and kept.pickled,
                     shelf=kept.shelf if kept is not None else None)

    ids: list[str] = []
    parts: dict[str, list[Any]] = {step.name: [] for step in steps if step.fits}
    skipped: list[tuple[str, str]] = []
    n_documents = characters = seen = 0
    for chunk, scanned in engine.map_chunks(work, _scan_jobs(records, strict, skipped, kept),
                                            tick=lambda done, _: tick("segment", seen + done, total)):
        seen += len(chunk)
        for (document, _keep), scan in zip(chunk, scanned):
            if each_article is not None:
                each_article(document)
            if scan is None:  # no content word
                continue
            article_parts, prepared = scan
            n_documents += 1
            characters += len(document.text)
            ids.append(document.id)
            for name, part in article_parts.items():
                parts[name].append(part)
            if prepared is not None and kept is not None and document.id not in kept:
                kept.put(document.id, prepared, len(document.text))  # (an id met twice: the first article's)
        for step in steps:  # parts that add up are added up as they come: memory does not grow with the corpus
            combine = getattr(step, "combine", None)
            if combine is not None and step.fits:
                parts[step.name] = [combine(parts[step.name])]

    fitted = Fits()
    for step in steps:
        stage = getattr(step, "stage", None)
        if stage and step.fits and ids:
            tick(stage, 0, 0)
        if not getattr(step, "fitted_results", False):
            fitted.set(step.name, step.fit(ids, parts.get(step.name, [])))
            continue
        # its results are in its fit: it runs while the articles are analysed (tiyao.fits), in a thread beside
        # the workers, in the engine's process for it (tiyao.engine.SideEngine), or here and now
        fit_step = partial(step.fit, ids, parts.pop(step.name, []))
        if not engine.in_process and engine.local:
            fitted.later(step.name, fit_step)
        elif step.fits and ids and (future := engine.submit(fit_step)) is not None:
            fitted.running(step.name, future, here=fit_step)
        else:
            fitted.set(step.name, fit_step())
    return CorpusFit(segmenter, steps, fitted, new_words, n_documents, characters, n_records, tuple(skipped))


def _scan_jobs(records: Records, strict: bool, skipped: list[tuple[str, str]],
               kept: Kept | None) -> Iterator[tuple[list[Any], list[tuple[Document, bool]]]]:
    """The fit pass's work in chunks (as ``(chunk, chunk)`` for :meth:`~tiyao.engine.LocalEngine.map_chunks`): each
    usable article, and whether to prepare it for the analysis too (when ``kept`` has room for it)."""
    for chunk in _chunks(_usable(records(), strict, skipped)):
        jobs = [(document, kept is not None and kept.takes(len(document.text))) for document in chunk]
        yield jobs, jobs


def analyse_records(
    records: Records,
    fit: CorpusFit,
    *,
    engine: LocalEngine | None = None,
    progress: Progress | None = None,
    strict: bool = False,
    kept: Kept | None = None,
) -> Iterator[DocumentResult]:
    """Pass 2: each step's result for each article, in input order (failed articles with their error)."""
    engine = engine or LocalEngine()
    tick = progress or (lambda stage, done, total: None)
    total = fit.records
    fitted = fit.fitted
    pending = fitted.pending if isinstance(fitted, Fits) else frozenset()
    looked_up = tuple(step for step in fit.steps if step.name in pending)  # (their fits run meanwhile)
    sent = tuple(step for step in fit.steps if step.name not in pending)
    work = _AnalyseWork(fit.segmenter, sent, {step.name: fitted[step.name] for step in sent},
                        shelf=kept.shelf if kept is not None else None)
    done = 0
    waiting: list[tuple[list[Any], list[Any]]] = []  # chunks analysed while a fit still runs: the workers go on
    chunks = engine.map_chunks(work, _analysis_jobs(records, strict, kept),
                               tick=lambda n, _: tick("analyse", done + n, total),
                               sent=fitted.start if looked_up else None,
                               # (not beside a fit running in a thread: it may use what the work holds)
                               here=(lambda: not fitted.pending) if looked_up else None)
    for chunk, outputs in chunks:
        done += len(chunk)
        tick("analyse", done, total)
        waiting.append((chunk, outputs))
        if looked_up and fitted.pending:
            continue
        for held in waiting:
            yield from _results(*held, fit.steps, looked_up, fitted, strict)
        waiting.clear()
    for held in waiting:  # (waits for the fits still running)
        yield from _results(*held, fit.steps, looked_up, fitted, strict)


def _results(chunk: list[Any], outputs: list[dict[str, Any] | None], steps: Sequence[Step],
             looked_up: Sequence[Step], fitted: Mapping[str, Any], strict: bool) -> Iterator[DocumentResult]:
    """The results of a chunk of records from the outputs of its articles (the results of the steps ``looked_up``
    are read in their fits here, in step order with the others)."""
    results = iter(outputs)
    for item in chunk:
        if isinstance(item, ReadFailure):
            yield DocumentResult(Document(item.id, item.title, "", item.source), error=item.error)
            continue
        if isinstance(item, _Problem):
            yield DocumentResult(item.document, error=item.problem)
            continue
        output = next(results)
        if output is None:
            if strict:
                raise DocumentError(f"{item.id}: {NO_WORDS}", hint="Leave out --strict to record it and go on.")
            yield DocumentResult(item, error=NO_WORDS)
            continue
        if looked_up:
            article = Article(item)
            output = {step.name: output[step.name] if step not in looked_up
                      else step.analyse(article, fitted[step.name]) for step in steps}
        yield DocumentResult(item, output)


def _analysis_jobs(records: Records, strict: bool, kept: Kept | None
                   ) -> Iterator[tuple[list[Any], list[tuple[Document, Any]]]]:
    """The analysis pass's work in chunks: ``(the chunk's records, a job per article)``, a job being the article
    and what the fit pass prepared of it (None: it is segmented again)."""
    for chunk in _chunks(_with_problems(records(), strict)):
        yield chunk, [(item, kept.pop(item.id) if kept else None) for item in chunk if isinstance(item, Document)]


# -- per-article work (picklable callables, for worker processes and Dask) -----------------------------------

class _ScanWork:
    """Segment one article (through its simplified twin) once; return the parts the fitting steps scanned of it
    and, when the job says to keep it, what every step prepared of it (else None; ``pickled``: where the work runs
    in a worker process, pickled and written to the ``shelf``, where it is (tiyao.kept.Stored), or pickled when it
    could not be written; the main process keeps what it prepared itself as it is); None when the article has no
    content word."""

    def __init__(self, segmenter: Segmenter, steps: Sequence[Step], *, pickled: bool = False,
                 shelf: Shelf | None = None) -> None:
        self.segmenter = segmenter
        self.steps = steps
        self.pickled = pickled
        self.shelf = shelf
        self._sent = False  # (True in the copy a worker unpickles)

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_sent": True}

    def __call__(self, job: tuple[Document, bool]
                 ) -> tuple[dict[str, Any], dict[str, Any] | bytes | Stored | None] | None:
        document, keep = job
        article = Article.segment(document, self.segmenter)
        if article is None:
            return None
        parts = {step.name: step.scan(article) for step in self.steps if step.fits}
        if not keep:
            return parts, None
        prepared = {step.name: article.prepared(step) for step in self.steps}
        if not (self.pickled and self._sent):
            return parts, prepared
        blob = pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL)
        return parts, (self.shelf and self.shelf.write(blob)) or blob


class _AnalyseWork:
    """Each step's result for one article (by step name; None when it has no content word). An article the fit
    pass prepared is not segmented again."""

    def __init__(self, segmenter: Segmenter, steps: Sequence[Step], fitted: Mapping[str, Any], *,
                 shelf: Shelf | None = None) -> None:
        self.segmenter = segmenter
        self.steps = steps
        self.fitted = fitted
        self.shelf = shelf  # (where workers stored what they prepared: read here)

    def __call__(self, job: tuple[Document, dict[str, Any] | bytes | Stored | None]) -> dict[str, Any] | None:
        document, prepared = job
        article = Article(document, prepared_by=dict(unpickled(prepared, self.shelf))) if prepared is not None \
            else Article.segment(document, self.segmenter)
        if article is None:
            return None
        return {step.name: step.analyse(article, self.fitted[step.name]) for step in self.steps}


# -- corpus-level pieces --------------------------------------------------------------------------------------

def discover_words(records: Records, config: PipelineConfig, segmenter: Segmenter) -> tuple[Segmenter, tuple[str, ...]]:
    """The corpus's own words (from its first ``DISCOVERY_MAX_CHARS`` characters: each article's title, then its
    text without the field labels of an export), added to the segmenter (the compounds as its phrases:
    :func:`tiyao.compounds.with_new_words`)."""
    if not config.discover_words:
        return segmenter, ()
    from .compounds import with_new_words
    from .keyterms import clean_discovery
    from .words import WordDiscoverer

    sample: list[str] = []
    size = 0
    for item in records():
        if size >= DISCOVERY_MAX_CHARS:
            break
        if isinstance(item, Document) and document_problem(item) is None:
            analysed = DocumentTwin.of(item).analysed
            text = "\n".join(part for part in (analysed.title, without_field_labels(analysed.text)) if part)
            sample.append(text)
            size += len(text)
    if not sample:
        return segmenter, ()
    clean = clean_discovery(config.keyword_method, config.phrases)
    words = tuple(w.word for w in WordDiscoverer(min_count=config.min_count, clean=clean).fit(sample).words_)
    return with_new_words(segmenter, words), words


def document_problem(document: Document) -> str | None:
    """Why a document cannot be analysed at all, or None."""
    if not document.text.strip():
        return "empty after cleaning"
    if len(document.text) > MAX_ARTICLE_CHARS:
        return (f"too large: {len(document.text):,} characters (at most {MAX_ARTICLE_CHARS:,}); "
                "split it into articles with # headings or one record per article")
    if not any(ch.isalpha() for ch in document.text):
        return "no Chinese or English words to analyse"
    return None


# -- records --------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Problem:
    document: Document
    problem: str

    @property
    def id(self) -> str:
        return self.document.id


def _usable(items: Iterable[Document | ReadFailure], strict: bool,
            skipped: list[tuple[str, str]] | None = None) -> Iterator[Document]:
    """The articles that can be analysed; the others' (id, why) go to ``skipped``."""
    for item in _with_problems(items, strict):
        if isinstance(item, Document):
            yield item
        elif skipped is not None:
            skipped.append((item.id, item.error if isinstance(item, ReadFailure) else item.problem))


def _with_problems(items: Iterable[Document | ReadFailure], strict: bool) -> Iterator[Document | ReadFailure | _Problem]:
    for item in items:
        if isinstance(item, ReadFailure):
            if strict:
                raise DocumentError(item.error, hint="Leave out --strict to record it and go on.")
            yield item
            continue
        problem = document_problem(item)
        if problem is None:
            yield item
        elif strict:
            raise DocumentError(f"{item.id}: {problem}", hint="Leave out --strict to record it and go on.")
        else:
            yield _Problem(item, problem)


def _given(inputs: Any, texts: Iterable[str] | None) -> Any:
    """The inputs, or the ``texts`` as Documents (``text-1``, ``text-2``…): one of the two, never both."""
    if texts is None:
        if inputs is None:
            raise ConfigError("give the inputs: paths, a Corpus or Documents, or texts=[...] for strings")
        return inputs
    if inputs is not None:
        raise ConfigError("give either inputs (paths, a Corpus, Documents) or texts=[...], not both")
    if isinstance(texts, str):
        raise ConfigError("texts must be a list of strings, one per article; got a single string",
                          hint="Wrap it in a list: texts=[text].")
    documents = []
    for n, text in enumerate(texts, 1):
        if not isinstance(text, str):
            raise ConfigError(f"texts must be strings; item {n} is {type(text).__name__}")
        documents.append(document_from_text(text, f"text-{n}"))
    if not documents:
        raise InputError("texts is empty", hint="Give at least one article's text.")
    return documents


def _records(inputs: Any, options: ReadOptions, *, buffer: bool, progress: Progress | None = None) -> Records:
    """A function giving the records again on each call (paths are read again; other inputs are held)."""
    if isinstance(inputs, Corpus):
        items: list[Document | ReadFailure] = [*inputs.documents, *inputs.failures]
        return lambda: iter(items)
    if isinstance(inputs, str) and looks_like_text(inputs):
        raise ConfigError("paths are expected, and this looks like the text of an article",
                          hint="Give texts as run(texts=[text]); for one article, tiyao.keywords(text) and "
                               "tiyao.summarize(text).")
    if isinstance(inputs, (str, os.PathLike)):
        raise ConfigError("a sequence of paths is expected, not a single path; wrap it in a list")
    inputs = list(inputs)
    if inputs and all(isinstance(item, Document) for item in inputs):
        held = list(unique_ids(inputs))
        return lambda: iter(held)
    if not all(isinstance(item, (str, os.PathLike)) for item in inputs):
        raise ConfigError("inputs must be paths, a Corpus, or Documents")
    paths = list(inputs)
    reader = CorpusReader(paths, options)  # streams are read (once) here
    warned: set[str] = set()
    if buffer:
        first = list(_counted(unique_ids(reader, warned=warned), progress))
        if not any(isinstance(item, Document) for item in first):
            raise no_articles(paths, first)
        return lambda: iter(first)
    # Stream from the files, read once (:class:`~tiyao.kept.Replay`: a corpus past its log is read again on each
    # pass, and a file that changes between passes is then a failure on the later one); check that there is
    # anything at all.
    records = Replay(lambda: unique_ids(reader, warned=warned), CACHE_MAX_CHARS, KEPT_ON_DISK_MAX_CHARS, _text_size)
    if next(records(), None) is None:
        raise no_articles(paths, [])
    return records


def _text_size(record: Document | ReadFailure) -> int:
    return len(record.text) if isinstance(record, Document) else 0


def _counted(items: Iterable[Any], progress: Progress | None) -> Iterator[Any]:
    """The items, reporting ``("read", n, 0)`` as each is read."""
    if progress is None:
        yield from items
        return
    for n, item in enumerate(items, 1):
        yield item
        progress("read", n, 0)


def _count(records: Records, progress: Progress) -> tuple[int, int]:
    """How many articles there are, and how many of them the fit pass will segment (counted by reading them,
    reported as "read")."""
    read = usable = 0
    for item in _counted(records(), progress):
        read += 1
        usable += isinstance(item, Document) and document_problem(item) is None
    return read, usable


def _chunks(items: Iterable[Any]) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, CHUNK_SIZE)):
        yield chunk


def _engine(config: PipelineConfig, records: Records, *, aside: bool = False) -> LocalEngine:
    """The engine of a run: a pool when the corpus is large enough for ``jobs`` processes
    (:func:`parallel_min_chars`), else this process; with ``aside`` (an analysis follows the fit) and more than one
    job, a corpus of ``ASIDE_MIN_CHARS`` or more and a step whose fit holds its results (the themes), this process
    with one worker beside it for that fit (:class:`~tiyao.engine.SideEngine`). No local worker where it would run
    this program's script again (a script without ``if __name__ == "__main__":``, :func:`spawn_runs_no_script`):
    the run stays in this process (with a warning where a pool was due)."""
    jobs = config.jobs if config.jobs is not None else default_jobs()
    up = partial(warm_up, config.segmenter)
    if config.engine == "local" and jobs > 1:
        size = 0
        for item in records():
            size += len(item.text) if isinstance(item, Document) else 0
            if size >= parallel_min_chars(jobs):
                break
        else:
            if aside and size >= ASIDE_MIN_CHARS and spawn_runs_no_script() and \
                    any(getattr(step_type(name), "fitted_results", False) for name in config.steps):
                return SideEngine(up)
            jobs = 1
        if jobs > 1 and not spawn_runs_no_script():
            logger.warning("worker processes would run this script again (its work is not under "
                           "'if __name__ == \"__main__\":'); the run stays in one process")
            jobs = 1
    return make_engine(config.engine, jobs, config.scheduler, warm_up=up)


def parallel_min_chars(jobs: int) -> int:
    """The least corpus, in characters, for which ``jobs`` processes are put to work (this one and ``jobs - 1``
    workers, :class:`~tiyao.engine.ProcessEngine`).

    A pool costs work one process does not do: each worker imports tiyao and loads the dictionaries (~0.7 s of CPU),
    builds its own lexicon, pickles what it prepared of each article for the analysis pass (~15 bytes per character)
    and unpickles it again there, and this process sends and receives it all. Two workers only just make up for
    that, so with two the pool starts at ``CACHE_MAX_CHARS``. Measured on 2 cores, wall seconds, one process against
    two side by side (before what the fit pass prepared was kept for workers too): THUCNews-1000 (1.0M characters)
    in process 4.2-4.7 against 5.5-6.1, twice over (2.0M) 10.8-13.4 against 10.3-11.8, five times over from the CLI
    24.7 against 25.2; since, from the CLI on 1.0M characters, user CPU 7.6 s in one process against 12.1 s with two
    workers (the same wall time). Since this process works beside one worker (jobs 2), in process on THUCNews-1000
    with the pool forced, wall seconds side by side: 8.5, 6.0, 7.3 against 7.6, 7.0, 6.6 in one process: still
    even, so the limit stays. With three or more jobs the pool starts at ``PARALLEL_MIN_CHARS`` (not measured here:
    this machine has two cores)."""
    return max(PARALLEL_MIN_CHARS, CACHE_MAX_CHARS) if jobs == 2 else PARALLEL_MIN_CHARS


def _kept_for(engine: LocalEngine) -> Kept | None:
    """Where the fit pass keeps what the analysis needs of each article (:mod:`tiyao.kept`): the first
    ``CACHE_MAX_CHARS`` characters' worth in memory, the next ``KEPT_ON_DISK_MAX_CHARS`` on disk; pickled by
    worker processes and sent back to them as it is. Nowhere on Dask (its workers may be other machines: they
    segment again)."""
    if not engine.local:
        return None
    return Kept(CACHE_MAX_CHARS, KEPT_ON_DISK_MAX_CHARS, pickled=not engine.in_process)


def warm_up(backend: str) -> None:
    """In a new worker process: load what every segmenter of this backend shares, while the main process discovers
    the corpus's words: jieba's tags (a lexicon) and, for jieba's tokenizer, its prefix dictionary (by a cut). An
    rjieba tokenizer is the segmenter's own, with the corpus's words: building a bare one here (0.1-0.15 s a
    worker) was thrown away; importing rjieba is enough."""
    segmenter = Segmenter(backend=backend)
    if segmenter.engine == "jieba":
        segmenter.cut("提要")
    else:  # (engine imported rjieba)
        segmenter.lexicon  # noqa: B018 (jieba's tags, the stop words)


