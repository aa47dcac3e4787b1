"""The main job: from raw articles to a :class:`~tiyao.report.Report`, in two passes over the corpus.

Steps::

    read and clean ─► discover the corpus's new words ─► segment every article
        ─► fit the corpus IDF and the themes ─► keywords and summary of each article ─► Report

State fitted on the corpus (new words, IDF, vocabulary) is fitted once and shared by every step, so keywords,
summaries and theme labels speak the same vocabulary. An article in traditional characters is analysed through
its simplified twin (:mod:`tiyao.script`) and reported in its own script. An article that cannot be processed
(empty after cleaning, no Chinese or English words) is recorded with an error and the others go on;
``strict=True`` raises instead.

Passes and memory
-----------------
0. New words are discovered from the first ``DISCOVERY_MAX_CHARS`` characters of the corpus (in input order).
1. **Fit pass**: each article is segmented once; what the corpus fits need is kept: the distinct keyword
   candidates of each article (summed into document frequencies for the IDF) and its theme features (its content
   nouns). Themes are then clustered on those features.
2. **Analysis pass**: keywords and summary of each article, yielded in input order.

With a saved model (``run(..., model=...)``, :mod:`tiyao.model`), passes 0 and 1 fit nothing: each article is
segmented with the model's words and placed among its themes (:func:`tiyao.model.apply_model`), and pass 2 ranks
keywords against the model's IDF.

Each article is segmented once. Its summary needs nothing fitted on the corpus, so pass 1 makes it there and
then; its keywords need the corpus IDF, so pass 1 keeps the article's keyword candidates (the same scan that gave
its IDF terms) and pass 2 only scores them. :func:`run` keeps these (:class:`Prepared`: candidates and summary, a
few kilobytes per article, far less than the segmented article) for the first ``CACHE_MAX_CHARS`` characters of
the corpus. :func:`stream` keeps nothing: pass 2 reads and segments again, in chunks of ``CHUNK_SIZE`` articles,
and its results are written as they come. Its memory is then the models (segmenter, IDF, one chunk) plus, per
article, its id and theme features (a few kilobytes), whatever the corpus size. The same functions run on the
same articles in the same order either way, so the outputs are identical.

Where the work runs (:mod:`tiyao.engine`): the per-article work of both passes is a ``map`` (in this process, in
``jobs`` processes, or on Dask); the IDF is a reduction of what the map returns; themes are fitted once on the
collected features. Every engine gives the same output.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from typing import Any

from .config import PipelineConfig
from .corpus import (Corpus, CorpusReader, ReadFailure, ReadOptions, document_from_text, looks_like_text,
                     no_articles, unique_ids)
from .engine import LocalEngine, default_jobs, make_engine
from .digest import with_digests
from .errors import ConfigError, DocumentError, InputError
from .report import DocumentResult, Report
from .script import DocumentTwin
from .segment import Segmenter
from .types import Document, Keyword, SegmentedDocument, Sentence, Theme

logger = logging.getLogger(__name__)

#: ``progress(stage, done, total)`` is called from the start and as work completes, in this order of stages:
#: "read" (articles read so far, total 0), "words" (finding new words, 0/0), "segment" (articles segmented of
#: the usable articles), "themes" (0/0 when fitting starts), "analyse" (articles done of all the articles). A total is
#: known from the first article on: when a callback is given, the articles are counted first (by reading; files
#: that are streamed are read once more for it). Called after every article, so a callback that draws should
#: only record and let its own clock draw.
Progress = Callable[[str, int, int], None]
Records = Callable[[], Iterable["Document | ReadFailure"]]

#: Below this many characters, worker processes cost more to start than they save: the run stays in-process.
PARALLEL_MIN_CHARS = 1_000_000
#: New words are discovered from at most this many characters of the corpus (its first articles, in order).
DISCOVERY_MAX_CHARS = 2_000_000
#: :func:`run` keeps what pass 2 needs of each article (:class:`Prepared`) up to this many characters of text.
CACHE_MAX_CHARS = 5_000_000
#: Articles handed to the engine at a time.
CHUNK_SIZE = 1024
#: An article longer than this is recorded as too large rather than analysed (a whole book in one record is
#: almost always an input mistake, and its summary would not be a gist).
MAX_ARTICLE_CHARS = 5_000_000


@dataclass(frozen=True)
class CorpusModel:
    """What is fitted on the whole corpus once and shared by the per-article steps (picklable)."""

    segmenter: Segmenter
    keywords: Any | None = None  # a fitted keyword extractor (.extract(SegmentedDocument))
    summarizer: Any | None = None  # a summariser (.summarize(SegmentedDocument))
    new_words: tuple[str, ...] = ()
    # with a saved model (tiyao.model): the extractor for an article the model was not fitted on (its IDF counts
    # the article, as a fit that included it would), and the fingerprints of the articles it was fitted on
    unseen_keywords: Any | None = None
    seen: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CorpusFit:
    """The result of the fit pass: the model, the themes and where each article belongs."""

    model: CorpusModel
    themes: tuple[Theme, ...] = ()
    theme_of: dict[str, int] = field(default_factory=dict)
    coords: dict[str, tuple[float, float]] = field(default_factory=dict)
    documents: int = 0
    characters: int = 0
    space: Any | None = None  # the themes' ThemeSpace (places articles the fit did not see), or None
    records: int = 0  # articles read, usable or not (counted only for a progress callback)


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
    """Run the whole chain on ``inputs`` (paths, a Corpus, or Documents), or on ``texts`` (strings, each one
    article: never taken for paths), and return the Report.

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
    records = _records(_given(inputs, texts), read_options or ReadOptions(), buffer=True, progress=progress)
    cache: dict[str, Prepared] = {}
    with _engine(config, records) as engine:
        fit = _fit(records, config, model, engine=engine, progress=progress, strict=strict, cache=cache)
        results = tuple(analyse_corpus(records, fit, config, engine=engine, progress=progress, strict=strict,
                                       cache=cache))
    coords = tuple(fit.coords.get(r.id, (float("nan"), float("nan"))) for r in results) if fit.coords else ()
    themes = with_digests(fit.themes, {r.id: r.summary for r in results if r.error is None})
    return Report(results, themes, config, coords, fit.model.new_words)


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
    with the number of articles; files are read twice, stdin is held in memory). ``model``: as in :func:`run`."""
    config = _config(config, model)
    records = _records(_given(inputs, texts), read_options or ReadOptions(), buffer=False, progress=progress)
    engine = _engine(config, records)
    engine.__enter__()
    try:
        fit = _fit(records, config, model, engine=engine, progress=progress, strict=strict, cache=None)
    except BaseException:
        engine.__exit__(None, None, None)
        raise

    def results() -> Iterator[DocumentResult]:
        try:
            yield from analyse_corpus(records, fit, config, engine=engine, progress=progress, strict=strict,
                                      cache=None)
        finally:
            engine.__exit__(None, None, None)

    return fit, results()


def _config(config: PipelineConfig | None, model: Any | None) -> PipelineConfig:
    config = (config or PipelineConfig()).validate()
    return model.run_config(config) if model is not None else config


def _fit(records: Records, config: PipelineConfig, model: Any | None, **options: Any) -> CorpusFit:
    """The fit pass, or with a model its stand-in (:func:`tiyao.model.apply_model`)."""
    if model is None:
        return fit_corpus(records, config, **options)
    from .model import apply_model

    return apply_model(records, model, config, **options)


# -- the two passes -------------------------------------------------------------------------------------------

def fit_corpus(
    records: Records,
    config: PipelineConfig,
    *,
    engine: LocalEngine | None = None,
    progress: Progress | None = None,
    strict: bool = False,
    cache: dict[str, Prepared] | None = None,
) -> CorpusFit:
    """Pass 0 and 1: new words, then segment every article once and fit the IDF and the themes."""
    engine = engine or LocalEngine()
    tick = progress or (lambda stage, done, total: None)
    n_records, total = _count(records, tick) if progress is not None else (0, 0)
    segmenter = Segmenter(user_dicts=config.user_dicts, backend=config.segmenter)
    if config.discover_words:
        tick("words", 0, 0)
    segmenter, new_words = discover_words(records, config, segmenter)
    extractor, idf_terms = _keyword_plan(config, segmenter)
    clusterer = _clusterer(config, segmenter) if "themes" in config.steps else None
    summarizer = None
    if "summary" in config.steps:
        from .summarizer import make_summarizer

        summarizer = make_summarizer(config)
    work = _FitWork(segmenter, extractor, idf_terms, clusterer, summarizer, keep=cache is not None)

    df: Counter[str] = Counter()
    ids: list[str] = []
    scans: list[Any] = []
    n_documents = characters = 0
    cached_chars = 0
    seen = 0
    for chunk in _chunks(_usable(records(), strict)):
        done_before = seen
        fits = engine.map(work, chunk, tick=lambda done, _: tick("segment", done_before + done, total))
        seen += len(chunk)
        for document, fitted in zip(chunk, fits):
            if not fitted.content:
                continue
            n_documents += 1
            characters += len(document.text)
            if idf_terms is not None:
                df.update(fitted.terms)
            if clusterer is not None:
                ids.append(document.id)
                scans.append(fitted.scan)
            if cache is not None and fitted.prepared is not None and cached_chars < CACHE_MAX_CHARS:
                cache[document.id] = fitted.prepared
                cached_chars += len(document.text)

    if idf_terms is not None:
        from .idf import IdfModel

        extractor.idf = IdfModel.from_document_frequencies(dict(df), n_documents, mode=config.idf)
    if extractor is not None:
        extractor = extractor.fit([])
    model = CorpusModel(segmenter, extractor, summarizer, new_words)

    themes: tuple[Theme, ...] = ()
    theme_of: dict[str, int] = {}
    coords: dict[str, tuple[float, float]] = {}
    space = None
    if clusterer is not None and ids:
        tick("themes", 0, 0)
        clusterer.fit_scans(ids, scans)
        themes = tuple(clusterer.themes_)
        theme_of = {doc_id: int(label) for doc_id, label in zip(ids, clusterer.labels_)}
        coords = {doc_id: (float(x), float(y)) for doc_id, (x, y) in zip(ids, clusterer.coords_)}
        space = clusterer.space()
    return CorpusFit(model, themes, theme_of, coords, n_documents, characters, space=space, records=n_records)


def analyse_corpus(
    records: Records,
    fit: CorpusFit,
    config: PipelineConfig,
    *,
    engine: LocalEngine | None = None,
    progress: Progress | None = None,
    strict: bool = False,
    cache: dict[str, Prepared] | None = None,
) -> Iterator[DocumentResult]:
    """Pass 2: keywords and summary of each article, in input order (failed articles with their error)."""
    engine = engine or LocalEngine()
    tick = progress or (lambda stage, done, total: None)
    total = fit.records
    work = _AnalyseWork(fit.model)
    done = 0
    for chunk in _chunks(_with_problems(records(), strict)):
        jobs = [(item, cache.get(item.id) if cache else None) for item in chunk if isinstance(item, Document)]
        outputs = iter(_analyse(work, jobs, engine, lambda n, before=done: tick("analyse", before + n, total)))
        for item in chunk:
            if isinstance(item, ReadFailure):
                yield DocumentResult(Document(item.id, item.title, "", item.source), error=item.error)
                continue
            if isinstance(item, _Problem):
                yield DocumentResult(item.document, error=item.problem)
                continue
            keywords, summary, content = next(outputs)
            if not content:
                problem = "no Chinese or English words to analyse"
                if strict:
                    raise DocumentError(f"{item.id}: {problem}", hint="Leave out --strict to record it and go on.")
                yield DocumentResult(item, error=problem)
                continue
            yield DocumentResult(item, keywords, summary, fit.theme_of.get(item.id))
        done += len(chunk)
        tick("analyse", done, total)


def _analyse(work: _AnalyseWork, jobs: list[tuple[Document, Prepared | None]], engine: LocalEngine,
             tick: Callable[[int], None] = lambda done: None) -> list[Any]:
    """The analysis of each job, in order: an article that must be segmented again goes to the engine; one the
    fit pass prepared is only scored against the corpus IDF, here (sending its candidates to a worker and the
    result back costs more than the scoring)."""
    again = [i for i, (_, prepared) in enumerate(jobs) if prepared is None]
    outputs: list[Any] = [None] * len(jobs)
    for i, output in zip(again, engine.map(work, [jobs[i] for i in again], tick=lambda done, _: tick(done))):
        outputs[i] = output
    done = len(again)
    for i, (job, output) in enumerate(zip(jobs, outputs)):
        if output is None:
            outputs[i] = work(job)
            done += 1
            tick(done)
    return outputs


# -- corpus-level pieces --------------------------------------------------------------------------------------

def discover_words(records: Records, config: PipelineConfig, segmenter: Segmenter) -> tuple[Segmenter, tuple[str, ...]]:
    """The corpus's own words (from its first ``DISCOVERY_MAX_CHARS`` characters), added to the segmenter."""
    if not config.discover_words:
        return segmenter, ()
    from .keyterms import clean_discovery
    from .words import WordDiscoverer

    sample: list[str] = []
    size = 0
    for item in records():
        if size >= DISCOVERY_MAX_CHARS:
            break
        if isinstance(item, Document) and document_problem(item) is None:
            text = DocumentTwin.of(item).analysed.text
            sample.append(text)
            size += len(text)
    if not sample:
        return segmenter, ()
    clean = clean_discovery(config.keyword_method, config.phrases)
    found = WordDiscoverer(min_count=config.min_count, clean=clean).fit(sample)
    entries = found.dictionary_entries()
    return segmenter.with_words(entries), tuple(entry[0] for entry in entries)


def _keyword_plan(config: PipelineConfig, segmenter: Segmenter) -> tuple[Any | None, Any | None]:
    """The keyword extractor (unfitted) and, when its IDF is fitted on this corpus, the per-article function
    giving the terms whose document frequencies make that IDF."""
    if "keywords" not in config.steps:
        return None, None
    from .idf import IdfModel
    from .keyterms import make_keyword_extractor
    from .keyterms.candidates import analyzer

    idf: IdfModel | str = config.idf
    if config.idf_model:
        idf = IdfModel.load(config.idf_model, mode=config.idf)
    extractor = make_keyword_extractor(config.keyword_method, top_k=config.top_k, phrases=config.phrases, idf=idf,
                                       segmenter=segmenter)
    if config.keyword_method != "tfidf" or config.idf_model or config.idf == "background":
        return extractor, None
    terms = analyzer(extractor._kinds(), max_words=extractor.max_words, max_chars=extractor.max_chars)
    return extractor, terms


def _clusterer(config: PipelineConfig, segmenter: Segmenter) -> Any:
    from .cluster import ThemeClusterer

    return ThemeClusterer(themes=config.themes, method=config.theme_method, segmenter=segmenter)


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


def _usable(items: Iterable[Document | ReadFailure], strict: bool) -> Iterator[Document]:
    for item in _with_problems(items, strict):
        if isinstance(item, Document):
            yield item


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
    # Stream from the files on each pass (a file that changes between passes is a failure on the later one);
    # check once that there is anything at all.
    if next(iter(reader), None) is None:
        raise no_articles(paths, [])
    return lambda: unique_ids(reader, warned=warned)


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


def _engine(config: PipelineConfig, records: Records) -> LocalEngine:
    jobs = config.jobs if config.jobs is not None else default_jobs()
    if config.engine == "local" and jobs > 1:
        size = 0
        for item in records():
            size += len(item.text) if isinstance(item, Document) else 0
            if size >= PARALLEL_MIN_CHARS:
                break
        else:
            jobs = 1
    return make_engine(config.engine, jobs, config.scheduler, warm_up=partial(warm_up, config.segmenter))


def warm_up(backend: str) -> None:
    """In a new worker process: load what every segmenter of this backend shares (jieba's tags and dictionary),
    while the main process discovers the corpus's words."""
    Segmenter(backend=backend).cut("提要")


# -- per-article work (picklable callables, for worker processes and Dask) -----------------------------------

@dataclass(frozen=True, slots=True)
class Prepared:
    """What the fit pass keeps of an article so that the analysis pass need not segment it again: the input of
    its keyword ranking (the keyword candidates, or the segmented article for a ranker that needs it; None
    without keywords) and its summary (summaries need nothing fitted on the corpus), in the article's own script."""

    keyword_input: Any
    summary: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Fitted:
    """What the fit pass returns for one article: whether it has content words, its distinct IDF terms, its theme
    features, and (when the run keeps them) what the analysis pass needs."""

    content: bool
    terms: Sequence[str] = ()
    scan: Any = None
    prepared: Prepared | None = None


class _FitWork:
    """Segment one article (through its simplified twin), once, and return its :class:`Fitted`. One keyword
    candidate scan serves both the IDF terms and, later, the ranking."""

    def __init__(self, segmenter: Segmenter, extractor: Any, idf_terms: Any, clusterer: Any, summarizer: Any,
                 keep: bool) -> None:
        self.segmenter = segmenter
        self.extractor = extractor
        self.idf_terms = idf_terms
        self.clusterer = clusterer
        self.summarizer = summarizer
        self.keep = keep

    def __call__(self, document: Document) -> Fitted:
        twin = DocumentTwin.of(document)
        segmented = _segment(self.segmenter, twin)
        if segmented is None:
            return Fitted(False)
        extractor = self.extractor
        # the candidates' terms are the IDF terms when phrases are on (see TfidfKeywords.candidates)
        shared = _scans_candidates(extractor) and extractor.phrases
        candidates = extractor.candidates(segmented) if shared or (self.keep and _scans_candidates(extractor)) \
            else None
        terms: Sequence[str] = ()
        if self.idf_terms is not None:
            terms = candidates.terms if shared else sorted(set(self.idf_terms(segmented)))
        scan = self.clusterer.scan(segmented) if self.clusterer is not None else None
        prepared = _prepare(self.extractor, self.summarizer, twin, segmented, candidates) if self.keep else None
        return Fitted(True, terms, scan, prepared)


class _AnalyseWork:
    """Keywords and summary of one article, in the article's own script: (keywords, summary, has content).
    An article the fit pass prepared is not segmented again."""

    def __init__(self, model: CorpusModel) -> None:
        self.model = model

    def __call__(self, job: tuple[Document, Prepared | None]
                 ) -> tuple[tuple[Keyword, ...], tuple[Sentence, ...], bool]:
        document, prepared = job
        twin = DocumentTwin.of(document)
        model = self.model
        if prepared is None:
            segmented = _segment(model.segmenter, twin)
            if segmented is None:
                return (), (), False
            prepared = _prepare(model.keywords, model.summarizer, twin, segmented, None)
        keywords = ()
        extractor = model.keywords
        if model.unseen_keywords is not None:
            from .model import fingerprint

            if fingerprint(document) not in model.seen:
                extractor = model.unseen_keywords
        if extractor is not None:
            given = prepared.keyword_input
            keywords = extractor.extract(given) if isinstance(given, SegmentedDocument) \
                else extractor.extract(None, given)
        return tuple(Keyword(twin.term(k.term), k.score) for k in keywords), prepared.summary, True


def _segment(segmenter: Segmenter, twin: DocumentTwin) -> SegmentedDocument | None:
    """The article segmented (its simplified twin), or None when it has no content word."""
    segmented = segmenter.segment(twin.analysed)
    return segmented if any(segmenter.is_content(t) for t in segmented.tokens) else None


def _scans_candidates(extractor: Any) -> bool:
    """Does this keyword extractor rank a candidate scan (``candidates`` / ``extract(doc, candidates)``)?"""
    return extractor is not None and hasattr(extractor, "candidates")


def _prepare(extractor: Any, summarizer: Any, twin: DocumentTwin, segmented: SegmentedDocument,
             candidates: Any) -> Prepared:
    """What the analysis needs of a segmented article: its keyword candidates (scanned now unless given; the
    segmented article itself for a ranker without a scan) and its summary in the article's own script."""
    if candidates is None and _scans_candidates(extractor):
        candidates = extractor.candidates(segmented)
    summary = summarizer.summarize(segmented).sentences if summarizer is not None else ()
    keyword_input = candidates if candidates is not None else segmented if extractor is not None else None
    return Prepared(keyword_input, tuple(twin.sentence(s) for s in summary))
