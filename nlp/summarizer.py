"""Extractive summaries: whole sentences, picked by TextRank with a lead prior and redundancy control.

How a summary is picked (:class:`TextRankSummarizer`):

1. **Candidates.** The sentences of the :class:`~tiyao.types.SegmentedDocument` as the foundation's splitter cut
   them: whole sentences, never comma clauses. A first sentence that repeats the title is not body text
   (:func:`body_sentences`): the title alone is never picked, and a body that runs on after it on the same line
   starts after it. A heading sentence (``Sentence.is_heading``, e.g. ``简化办证程序。``)
   is never picked; neither is a sentence without a content word, unless nothing else is left.
2. **Similarity graph.** Each sentence is a bag of its content words (``Segmenter.is_content``: no punctuation,
   numbers, dates, stop words or stray characters; the tokens are the ones the segmenter already made). Edge
   weights are the symmetrised Okapi BM25 score of one sentence as a query against the other (``k1 = 1.2``,
   ``b = 0.75``, IDF over the article's sentences, Lucene's always-positive form), as in Barrios et al. (2016),
   "Variations of the similarity function of TextRank". TF-IDF cosine is the alternative (``similarity="tfidf"``).
   BM25 is kept: on LCSTS dev the two tie within noise, on the long CLTS articles BM25 is clearly ahead
   (benchmarks/RESULTS.md, section "summaries", has both).
   Long articles (more than ``max_neighbours + 1`` sentences) keep only each sentence's ``max_neighbours``
   strongest edges, taken from sparse blocks of the similarity matrix, so the graph and the memory grow linearly
   with the number of sentences (a 5,000-sentence article takes under 20 MB and a second or two).
3. **Centrality.** PageRank (:func:`tiyao.graph.pagerank`, damping 0.7, run until the L1 change is below ``tol``)
   personalised by a teleport vector: ``position_weight`` of the teleport mass follows a lead prior
   ``1 / (1 + index) ** position_decay`` (news puts the gist first), ``title_weight`` follows the sentence's
   overlap with the title (the share of the title's character bigrams found in the sentence; the title is never
   segmented again), the rest is uniform.
4. **Score.** ``score = (1 - position_weight - title_weight) * centrality + position_weight * lead prior
   + title_weight * title overlap``, centrality scaled to a maximum of 1. A weight of 0 switches its part off
   (``position_weight=0, title_weight=0`` is plain TextRank); with no title its weight goes to centrality.
   ``position_weight=0.5``, ``position_decay=0.5`` and ``damping=0.7`` were chosen on LCSTS dev from a small
   grid (neighbouring values score within about 0.003 ROUGE of them); ``title_weight=0.1`` is a judgement, as
   the evaluation data has no titles.
   An enumerated item (a clause opening with ``1、``, ``（2）``, ``③`` or ``二是``: a step of a recipe, one of a
   list of measures or reasons) loses ``list_penalty`` (0.5) of its score: it leans on the sentence that
   introduces the list and reads as a fragment on its own (``…；二是综合治理出生人口性别比。``), and such items
   are long and share many words with their siblings, so centrality alone ranks them high. Half is a round
   judgement, not a tuned value (0.35 to 1 give the same LCSTS and CLTS figures to 0.001); a number range
   (``二、三线城市``), a class (``五（6）班``) or a date (``昨(19)日``) does not count as an item.
5. **Redundancy.** Maximal marginal relevance over the best candidates: the next sentence maximises
   ``score - redundancy * max cosine to the sentences already ranked`` (TF-IDF cosine of content words), and a
   sentence whose cosine to a ranked one is above ``duplicate_threshold`` (0.8) is left out of the ranking, so
   two near-identical sentences are not both picked (1 switches this off).
6. **Budget.** At most one of ``sentences`` (a count), ``max_chars`` (characters) or ``ratio`` (a share of the
   article's characters, rounded up); none given means :data:`DEFAULT_SENTENCES` sentences, a reader's paragraph
   for a news article (and the whole of a short post). Sentences are taken best first; under a character budget
   a sentence that would overflow it is skipped and the next one tried. A sentence is never
   cut, and a summary always has at least one sentence when the article has any. The picked sentences are
   returned in document order.
7. **Coherence.** A sentence whose opening leans on the one before (:func:`tiyao.coherence.needs_previous`: a
   pronoun or demonstrative, ``他表示…``, ``这处工厂…``; a connective, ``但是…``; a clause ``…后，``) is picked
   together with that sentence, the pair within the budget, or not at all. On THUCNews-1000 (3 sentences) such
   sentences without their predecessor fell from 3.0 % of summary sentences to 0.
8. **Title over background.** When the article has a title and its best-ranked sentence is background (less
   than a quarter of the title's bigrams of the sentence that carries the title, which holds at least half of
   them), the carrier is ranked first: a lede about the industry does not crowd out ``宝马沈阳新工厂正式投产``.

:class:`LeadSummarizer` takes the first sentences (the lead baseline) under the same budget rules.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from .config import DEFAULT_SENTENCES
from .errors import ConfigError
from .coherence import needs_previous
from .furniture import BODY, HEADING, without_furniture
from .graph import pagerank
from .lexicon import Lexicon
from .resources import stop_words as default_stop_words
from .types import SegmentedDocument, Sentence, Summary, Token

_HEAD = 4  # a sentence budget of n reads the best 4 * n + 4 of the ranking

SIMILARITIES = ("bm25", "tfidf")
METHODS = ("textrank", "lead")


# An enumerated item: a number and 、 (not a range like 二、三线), a number in brackets or a circled number at the
# start of a clause, or 一是/二是 ("first", "second"), as lists of steps, conditions or reasons are written.
_NUMERAL = r"(?:\d{1,2}|[一二三四五六七八九十])"
_ENUMERATION = re.compile(rf"(?:^|[：:；;。！？，,])\s*(?:{_NUMERAL}[、．](?![\d一二三四五六七八九十])"
                          rf"|[（(]\s*{_NUMERAL}\s*[)）]|{_NUMERAL}是)|[①-⑳]")

# Candidates considered by the redundancy step (the rest keep their score order behind them).
_MMR_POOL = 64
# Sentence pairs scored at once on long articles (bounds the memory of one block of the similarity matrix).
_BLOCK_CELLS = 1_000_000
# Sparsified graphs up to this many sentences are built as dense arrays (the same edges as the sparse blocks, the
# same weights up to float rounding, less overhead).
_DENSE_GRAPH_MAX = 256


def _budget_error(sentences: int | None, max_chars: int | None, ratio: float | None) -> None:
    given = [name for name, value in (("sentences", sentences), ("max_chars", max_chars), ("ratio", ratio))
             if value is not None]
    if len(given) > 1:
        raise ConfigError(f"give one summary budget, not {' and '.join(given)}")
    for name, value in (("sentences", sentences), ("max_chars", max_chars)):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
            raise ConfigError(f"{name} must be an integer >= 1; got {value!r}")
    if ratio is not None and not (isinstance(ratio, (int, float)) and 0 < ratio <= 1):
        raise ConfigError(f"ratio must be in (0, 1]; got {ratio!r}")


def select(
    ranking: Sequence[Sentence],
    total_chars: int,
    *,
    sentences: int | None = None,
    max_chars: int | None = None,
    ratio: float | None = None,
    context: Sequence[Sentence] | None = None,
) -> tuple[Sentence, ...]:
    """Apply a budget to a ranking (best first): the picked sentences, in document order.

    ``total_chars`` is the length of the article's sentences together (``ratio`` is a share of it). Sentences
    are never cut; at least one sentence is returned when ``ranking`` is not empty.

    ``context`` (the article's sentences in order) makes the pick coherent: a sentence whose opening needs the one
    before it (:func:`tiyao.coherence.needs_previous`: ``他表示…``, ``但是…``, ``小试成功后…``) comes with that
    sentence (and with its own predecessor, if it leans back too), within the budget, or is not picked at all;
    one after a heading or at the very start has nothing to lean on and is left out.
    """
    _budget_error(sentences, max_chars, ratio)
    if not ranking:
        return ()
    if ratio is not None:
        max_chars = max(1, math.ceil(ratio * total_chars - 1e-9))
    count = None if max_chars is not None else (DEFAULT_SENTENCES if sentences is None else sentences)
    chosen: dict[int, Sentence] = {}
    used = 0
    for sentence in ranking:
        group = [sentence] if context is None else _with_support(sentence, context)
        new = [s for s in group if s.index not in chosen]
        if not new:
            continue
        if count is not None:
            if len(chosen) + len(new) > count:
                continue
        else:
            length = sum(len(s.text) for s in new)
            if used + length > max_chars:  # type: ignore[operator]
                continue
            used += length
        chosen.update((s.index, s) for s in new)
        if count is not None and len(chosen) == count:
            break
    if not chosen:
        chosen = {ranking[0].index: ranking[0]}
    return tuple(chosen[i] for i in sorted(chosen))


def _with_support(sentence: Sentence, context: Sequence[Sentence]) -> list[Sentence]:
    """``sentence`` and the sentences before it that its opening leans on (empty when there are none to lean on:
    the start of the article, or a heading)."""
    group = [sentence]
    current = sentence
    while needs_previous(current.text):
        at = current.index - 1
        previous = context[at] if 0 <= at < len(context) and context[at].index == at else None
        if previous is None or not _is_body(previous):  # a heading, or furniture (a dateline…)
            return []
        group.append(previous)
        current = previous
    return group


class _Budgeted:
    """The budget parameters and ``summarize`` shared by every summariser; subclasses define ``rank``."""

    sentences: int | None
    max_chars: int | None
    ratio: float | None

    def rank(self, doc: SegmentedDocument) -> tuple[Sentence, ...]:  # pragma: no cover - abstract
        raise NotImplementedError

    def summarize(self, doc: SegmentedDocument) -> Summary:
        """The summary of one article: whole sentences within the budget, in document order."""
        total = sum(len(s.text) for s in doc.sentence_records)
        picked = select(self.rank(doc), total, sentences=self.sentences, max_chars=self.max_chars, ratio=self.ratio,
                        context=body_sentences(doc))
        return Summary(doc.document.id, picked)


class LeadSummarizer(_Budgeted):
    """The lead baseline: the article's first sentences (headings and sentences without words skipped).

    Examples
    --------
    >>> from tiyao.types import Document
    >>> from tiyao.segment import Segmenter
    >>> doc = Segmenter().segment(Document("a", "", "第一句话。第二句话。第三句话。", "-"))
    >>> LeadSummarizer(sentences=1).summarize(doc).text
    '第一句话。'
    """

    def __init__(self, *, sentences: int | None = None, max_chars: int | None = None,
                 ratio: float | None = None) -> None:
        self.sentences = sentences
        self.max_chars = max_chars
        self.ratio = ratio

    def __repr__(self) -> str:
        return f"LeadSummarizer(sentences={self.sentences}, max_chars={self.max_chars}, ratio={self.ratio})"

    def rank(self, doc: SegmentedDocument) -> tuple[Sentence, ...]:
        """The sentences in document order, headings left out (unless the article has nothing else)."""
        sentences = body_sentences(doc)
        return tuple(s for s in sentences if _is_body(s) and _has_words(s.text)) or _fallback(sentences)


class TextRankSummarizer(_Budgeted):
    """TextRank over whole sentences, with a lead prior, title overlap and redundancy control.

    Parameters
    ----------
    sentences, max_chars, ratio:
        The budget: at most one of them (none: :data:`DEFAULT_SENTENCES` sentences).
    similarity:
        Edge weight between two sentences: ``"bm25"`` (symmetrised BM25, the default) or ``"tfidf"`` (cosine).
    damping:
        PageRank damping factor.
    position_weight:
        Weight of the lead prior, both in the teleport vector and in the final score (0 switches it off).
    position_decay:
        Exponent of the lead prior ``1 / (1 + index) ** position_decay``.
    title_weight:
        Weight of the overlap with the title (0 switches it off; it has no effect when the title is empty).
    list_penalty:
        Share taken off the score of an enumerated item (``1、``, ``（2）``, ``③``, ``二是``; 0 switches it off).
    redundancy:
        MMR penalty on the cosine to sentences already ranked (0 switches it off).
    duplicate_threshold:
        Cosine above which a sentence counts as a near-duplicate of one already ranked (1: never).
    max_neighbours:
        Edges kept per sentence on long articles (the graph is sparsified above this many sentences).
    is_content:
        Which tokens are content words; default: a default :class:`~tiyao.segment.Segmenter`'s ``is_content``
        (pass your segmenter's when it has other stop words). A segmenter's ``is_content`` (and the default) is read
        from its lexicon's columns (:mod:`tiyao.lexicon`); any other callable is asked token by token.
    tol, max_iter:
        PageRank convergence: stop when the L1 change is below ``tol``, after at most ``max_iter`` iterations.

    Examples
    --------
    >>> from tiyao import read_corpus, Segmenter
    >>> seg = Segmenter()
    >>> doc = seg.segment(read_corpus(["seeds"]).documents[2])
    >>> summary = TextRankSummarizer(sentences=2).summarize(doc)
    >>> [s.index for s in summary.sentences] == sorted(s.index for s in summary.sentences)
    True
    """

    def __init__(
        self,
        *,
        sentences: int | None = None,
        max_chars: int | None = None,
        ratio: float | None = None,
        similarity: str = "bm25",
        damping: float = 0.7,
        position_weight: float = 0.5,
        position_decay: float = 0.5,
        title_weight: float = 0.1,
        list_penalty: float = 0.5,
        redundancy: float = 0.3,
        duplicate_threshold: float = 0.8,
        max_neighbours: int = 30,
        k1: float = 1.2,
        b: float = 0.75,
        is_content: Callable[[Token], bool] | None = None,
        tol: float = 1e-6,
        max_iter: int = 100,
    ) -> None:
        self.sentences = sentences
        self.max_chars = max_chars
        self.ratio = ratio
        self.similarity = similarity
        self.damping = damping
        self.position_weight = position_weight
        self.position_decay = position_decay
        self.title_weight = title_weight
        self.list_penalty = list_penalty
        self.redundancy = redundancy
        self.duplicate_threshold = duplicate_threshold
        self.max_neighbours = max_neighbours
        self.k1 = k1
        self.b = b
        self.is_content = is_content
        self.tol = tol
        self.max_iter = max_iter

    def __repr__(self) -> str:
        return (f"TextRankSummarizer(sentences={self.sentences}, max_chars={self.max_chars}, ratio={self.ratio}, "
                f"similarity={self.similarity!r}, damping={self.damping}, position_weight={self.position_weight}, "
                f"position_decay={self.position_decay}, title_weight={self.title_weight}, "
                f"list_penalty={self.list_penalty}, redundancy={self.redundancy}, "
                f"duplicate_threshold={self.duplicate_threshold}, max_neighbours={self.max_neighbours})")

    # -- checking -------------------------------------------------------------------------------------------

    def _check(self) -> None:
        _budget_error(self.sentences, self.max_chars, self.ratio)
        if self.similarity not in SIMILARITIES:
            raise ConfigError(f"similarity must be one of {', '.join(SIMILARITIES)}; got {self.similarity!r}")
        for name in ("position_weight", "title_weight", "redundancy", "duplicate_threshold", "list_penalty"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or not 0 <= value <= 1:
                raise ConfigError(f"{name} must be in [0, 1]; got {value!r}")
        if self.position_weight + self.title_weight > 1:
            raise ConfigError(f"position_weight + title_weight must be at most 1; got "
                              f"{self.position_weight} + {self.title_weight}")
        if not isinstance(self.max_neighbours, int) or self.max_neighbours < 1:
            raise ConfigError(f"max_neighbours must be an integer >= 1; got {self.max_neighbours!r}")
        if self.position_decay < 0 or self.k1 < 0 or not 0 <= self.b <= 1:
            raise ConfigError("position_decay and k1 must be >= 0 and b in [0, 1]")

    def _content_filter(self) -> Callable[[Token], bool]:
        if self.is_content is not None:
            return self.is_content
        return self._default_lexicon().is_content_token

    def _default_lexicon(self) -> Lexicon:
        """A lexicon with tiyao's default stop words, this summariser's own (for articles from elsewhere)."""
        lexicon = self.__dict__.get("_lexicon")
        if lexicon is None:
            lexicon = self._lexicon = Lexicon()
        return lexicon

    def _terms_of(self, doc: SegmentedDocument) -> tuple[np.ndarray, list[str]]:
        """Each token's term number (-1: not a content word) and the terms they number."""
        is_content = self.is_content
        if is_content is None:  # a default segmenter's content words: the article's own lexicon, when it has them
            columns = doc.columns
            default = default_stop_words()
            lexicon = columns.lexicon if columns is not None and (
                columns.lexicon.stop_words is default or columns.lexicon.stop_words == default) \
                else self._default_lexicon()
        else:
            owner = getattr(is_content, "__self__", None)
            lexicon = owner.lexicon if getattr(owner, "is_content", None) == is_content \
                and isinstance(getattr(owner, "lexicon", None), Lexicon) else None
        if lexicon is not None:
            ids = lexicon.columns(doc).ids  # (first: it may add entries)
            return lexicon.term[ids], lexicon.terms
        return _asked_terms(doc, is_content)  # type: ignore[arg-type]

    def _counts(self, doc: SegmentedDocument) -> np.ndarray | sp.csr_matrix:
        """The article's sentence x term counts of its content words."""
        ids, terms = self._terms_of(doc)
        return _term_counts(doc, ids, terms, dense=self._dense(doc))[0]

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.pop("_lexicon", None)  # numbered again where the summariser is used
        return state

    # -- ranking --------------------------------------------------------------------------------------------

    def scores(self, doc: SegmentedDocument) -> np.ndarray:
        """The score of each sentence (in document order), before redundancy control."""
        self._check()
        counts = self._counts(doc)
        return self._scores(doc, counts, _idf(counts))

    def rank(self, doc: SegmentedDocument, *, limit: int | None = None) -> tuple[Sentence, ...]:
        """The sentences a summary may use, best first (only the best ``limit`` of them when it is given).

        Headings, sentences without a content word and near-duplicates of better sentences are left out, unless
        that leaves nothing (then the sentences with words come in document order, so there is always one).
        """
        self._check()
        doc = without_furniture(doc)
        sentences = body_sentences(doc)
        if not sentences:
            return ()
        counts = self._counts(doc)
        idf = _idf(counts)
        scores = self._scores(doc, counts, idf)
        has_words = (counts > 0).sum(axis=1) > 0 if isinstance(counts, np.ndarray) else counts.getnnz(axis=1) > 0
        eligible = np.asarray(has_words).ravel() & np.array([_is_body(s) and _has_words(s.text) for s in sentences])
        candidates = np.flatnonzero(eligible)
        scores = _title_first(scores, candidates, _title_overlap(doc, sentences))
        # by (-score, index); scores rounded so that float noise cannot reorder sentences that tie
        order = candidates[np.lexsort((candidates, -np.round(scores[candidates], 12)))].tolist()
        if not order:
            return _fallback(sentences)
        ranked = self._diversify(order, scores, counts, idf, limit=limit)
        return tuple(sentences[i] for i in ranked)

    def summarize(self, doc: SegmentedDocument) -> Summary:
        """The summary of one article: whole sentences within the budget, in document order."""
        total = sum(len(s.text) for s in doc.sentence_records) if self.ratio is not None else 0
        # A sentence budget reads only the head of the ranking, and MMR ranks one sentence at a time: it can stop
        # there (the head is the same as in the full ranking). Sentences that lean on one not picked are passed
        # over, so the head read is a few times the budget.
        limit = None if self.max_chars is not None or self.ratio is not None else (
            _HEAD * (DEFAULT_SENTENCES if self.sentences is None else self.sentences) + _HEAD)
        picked = select(self.rank(doc, limit=limit), total, sentences=self.sentences, max_chars=self.max_chars,
                        ratio=self.ratio, context=body_sentences(doc))
        return Summary(doc.document.id, picked)

    def _dense(self, doc: SegmentedDocument) -> bool:
        """Articles up to a few hundred sentences are counted in dense arrays: faster at that size."""
        return len(doc.sentence_records) <= max(self.max_neighbours + 1, _DENSE_GRAPH_MAX)

    def _sparsified(self, n: int) -> bool:
        """Does a graph of ``n`` sentences keep only each sentence's strongest edges?"""
        return n > self.max_neighbours + 1

    def _scores(self, doc: SegmentedDocument, counts: np.ndarray | sp.csr_matrix, idf: np.ndarray) -> np.ndarray:
        n = counts.shape[0]
        if n == 0:
            return np.zeros(0)
        prior = 1.0 / np.power(np.arange(1, n + 1, dtype=np.float64), self.position_decay)
        title = _title_overlap(doc)
        uniform = 1.0 - self.position_weight - self.title_weight
        if title.sum() == 0:  # no title, or nothing in common with it: its share goes to the rest
            uniform, title_weight = uniform + self.title_weight, 0.0
        else:
            title_weight = self.title_weight
        teleport = uniform / n + self.position_weight * prior / prior.sum()
        if title_weight:
            teleport = teleport + title_weight * title / title.sum()
        weights = self._graph(counts, idf)
        centrality = pagerank(weights, damping=self.damping, personalization=teleport, tol=self.tol,
                              max_iter=self.max_iter)
        top = centrality.max()
        centrality = centrality / top if top > 0 else centrality
        scores = uniform * centrality + self.position_weight * prior + title_weight * title
        if self.list_penalty:
            listed = np.fromiter((_ENUMERATION.search(s.text) is not None for s in doc.sentence_records),
                                 dtype=bool, count=n)
            if listed.any():
                scores = np.where(listed, scores * (1.0 - self.list_penalty), scores)
        return scores

    def _graph(self, counts: np.ndarray | sp.csr_matrix, idf: np.ndarray) -> np.ndarray | sp.csr_matrix:
        """Symmetric sentence-similarity matrix (zero diagonal), sparsified on long articles."""
        n = counts.shape[0]
        k = min(self.max_neighbours, n - 1)
        if isinstance(counts, np.ndarray):
            sparsified = self._sparsified(n)
            product = _product if sparsified else _full_product
            if self.similarity == "tfidf":
                vectors = _normalise_rows(counts * idf)
                weights = product(vectors, vectors)
            else:
                weights = product((counts > 0) * idf, _bm25_weights(counts, self.k1, self.b))
                weights = weights + weights.T  # bm25(i, j) + bm25(j, i)
            np.fill_diagonal(weights, 0.0)
            if not sparsified:
                return weights
            return _strongest(weights, k)  # the edges the sparse blocks below keep, in a dense matrix
        if self.similarity == "tfidf":
            left = _normalise_rows(_scale_columns(counts, idf))
            right = left
        else:
            query = _scale_columns(_binary(counts), idf)
            document = _bm25_weights(counts, self.k1, self.b)
            left = sp.hstack([query, document], format="csr")  # left_i . right_j = bm25(i, j) + bm25(j, i)
            right = sp.hstack([document, query], format="csr")
        right_t = right.T.tocsc()
        rows, cols, vals = [], [], []
        step = max(16, _BLOCK_CELLS // n)  # rows per block: a block has at most about _BLOCK_CELLS weights
        for start in range(0, n, step):
            block = (left[start:start + step] @ right_t).tocoo()
            row, col, value = _strongest_edges(block.row + start, block.col, block.data, k)
            rows.append(row)
            cols.append(col)
            vals.append(value)
        sparse = sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))
        return sparse.maximum(sparse.T).tocsr()

    def _diversify(self, order: list[int], scores: np.ndarray, counts: np.ndarray | sp.csr_matrix,
                   idf: np.ndarray, limit: int | None = None) -> list[int]:
        """Maximal marginal relevance over the best candidates; near-duplicates of ranked sentences are dropped.
        With ``limit``, only the first ``limit`` sentences of the ranking are returned."""
        pool = order[:_MMR_POOL]
        if len(pool) < 2 or (self.redundancy == 0 and self.duplicate_threshold >= 1):
            return order if limit is None else order[:limit]
        if isinstance(counts, np.ndarray):
            vectors = _normalise_rows(counts[pool] * idf)
            cosine = (_product if self._sparsified(counts.shape[0]) else _full_product)(vectors, vectors)
        else:
            vectors = _normalise_rows(_scale_columns(counts[pool], idf))
            cosine = (vectors @ vectors.T).toarray()
        cosine = np.minimum(np.round(cosine, 12), 1.0)
        base = np.round(scores[pool] / max(float(scores[pool].max()), 1e-12), 12)
        ranked: list[int] = []
        closest = np.zeros(len(pool))
        open_ = np.ones(len(pool), dtype=bool)
        while open_.any():
            values = np.where(open_, base - self.redundancy * closest, -np.inf)
            best = int(np.argmax(values))  # argmax takes the first of equals: the better-ranked one
            open_[best] = False
            if ranked and closest[best] > self.duplicate_threshold:
                continue
            ranked.append(pool[best])
            if limit is not None and len(ranked) >= limit:
                return ranked
            closest = np.maximum(closest, cosine[best])
        return (ranked + order[_MMR_POOL:])[:limit]


# -- building blocks ----------------------------------------------------------------------------------------

#: A sentence carries the title when it holds at least this share of the title's character bigrams; a lede
#: with less than a quarter of that is background (no name, number or event of the title).
TITLE_CARRIER = 0.5
_BACKGROUND = 0.25
_TITLE_GAP = re.compile(r"[\s|｜:：\-—_·•]*")


def body_sentences(doc: SegmentedDocument) -> list[Sentence]:
    """The article's sentences as a summary may use them: a first sentence that repeats the title is not body
    text (unless the title was read from that sentence: ``title_source`` ``"first_sentence"``). When it is the title alone it is left with no words (never picked); when the body runs on after it on
    the same line (``标题 正文…``), the sentence starts after the title (its offsets moved with it)."""
    sentences = list(doc.sentence_records)
    title = _alnum(doc.document.title)
    if len(title) < 4 or not sentences or doc.document.title_source == "first_sentence":
        return sentences  # (a title taken from the first sentence: that sentence is the body's own)
    first = sentences[0]
    text = first.text
    seen = 0
    for k, ch in enumerate(text):
        if seen == len(title):
            cut = k
            break
        if ch.isalnum():
            if ch.lower() != title[seen]:
                return sentences
            seen += 1
    else:
        if seen < len(title):
            return sentences
        cut = len(text)
    cut += _TITLE_GAP.match(text, cut).end() - cut
    rest = first._replace(start=first.start + cut, text=text[cut:])
    return [rest, *sentences[1:]]


def _title_first(scores: np.ndarray, candidates: np.ndarray, overlap: np.ndarray) -> np.ndarray:
    """``scores`` with the sentence that carries the title (among ``candidates``) raised just above the best one
    when the best is background (a lede without the title's names, numbers or event): the lede does not crowd
    out the news."""
    if not len(candidates) or overlap.max() < TITLE_CARRIER:
        return scores
    carrier = max(candidates.tolist(), key=lambda i: (overlap[i], -i))
    best = max(candidates.tolist(), key=lambda i: (round(float(scores[i]), 12), -i))
    if carrier == best or overlap[carrier] < TITLE_CARRIER or overlap[best] >= _BACKGROUND * overlap[carrier]:
        return scores
    raised = scores.copy()
    raised[carrier] = scores[best] + 1e-6
    return raised


def _has_words(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _is_body(sentence: Sentence) -> bool:
    """A sentence a summary may pick: a body sentence (not a heading, not furniture such as a dateline)."""
    return sentence.role == BODY and not sentence.is_heading


def _fallback(sentences: list[Sentence]) -> tuple[Sentence, ...]:
    """Ranking of an article with no body sentence: its headings with letters or digits, else its sentences
    with letters or digits, else all of them."""
    return tuple(s for s in sentences if (s.is_heading or s.role == HEADING) and _has_words(s.text)) \
        or tuple(s for s in sentences if _has_words(s.text)) or tuple(sentences)


def _asked_terms(doc: SegmentedDocument, is_content: Callable[[Token], bool]) -> tuple[np.ndarray, list[str]]:
    """Each token's term number (-1: not a content word) and the terms, asking ``is_content`` of each token (a
    content-word filter of the caller's own, which no lexicon holds)."""
    number: dict[str, int] = {}
    ids = [number.setdefault(token.text.lower(), len(number)) if is_content(token) else -1 for token in doc.tokens]
    return np.array(ids, dtype=np.int64), list(number)


def _term_counts(doc: SegmentedDocument, ids: np.ndarray, terms: Sequence[str], *, dense: bool
                 ) -> tuple[np.ndarray | sp.csr_matrix, list[str]]:
    """Sentence x term counts of the content words, from each token's term number ``ids`` (-1: not a content
    word; ``terms[i]`` is term ``i``), the terms numbered again in order of first appearance in the article."""
    n = len(doc.sentence_records)
    heads = doc.columns.heads if doc.columns is not None and doc.columns.ids.size == ids.size else \
        np.concatenate(([0], np.cumsum([len(s.tokens) for s in doc.sentences])))
    rows = np.repeat(np.arange(n), np.diff(heads))
    content = ids >= 0
    ids, rows = ids[content], rows[content]
    # columns numbered by first appearance in the article
    found, first_at, inverse = np.unique(ids, return_index=True, return_inverse=True)
    order = np.argsort(first_at, kind="stable")
    column_of = np.empty(found.size, dtype=np.int64)
    column_of[order] = np.arange(found.size)
    columns = column_of[inverse.reshape(-1)]
    vocabulary = list(map(terms.__getitem__, found[order].tolist()))
    width = len(vocabulary)
    if dense:
        dense_counts = np.bincount(rows * width + columns, minlength=n * width).reshape(n, width)
        return dense_counts.astype(np.float64), vocabulary
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    counts = sp.csr_matrix((np.ones(ids.size), columns, indptr), shape=(n, width))
    counts.sum_duplicates()
    return counts, vocabulary


def _full_product(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """``left @ right.T`` by numpy's matrix product: the fastest for a short article (up to ``max_neighbours + 1``
    sentences, where the matrices are too small for BLAS to start threads)."""
    return left @ right.T


def _product(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """``left @ right.T`` off the diagonal, for two sentences x terms arrays with the same non-zero cells (the
    diagonal is left wrong: callers do not read it), for articles of a few dozen to a few hundred sentences. Only
    the terms of at least two sentences are multiplied (a term of one sentence adds only to that sentence's own
    cell), by ``np.einsum``, which starts no BLAS threads: on a busy machine OpenBLAS's threads made a
    100-sentence article's product 30 times slower than this."""
    shared = np.count_nonzero(left, axis=0) >= 2
    return np.einsum("ik,jk->ij", left[:, shared], right[:, shared])


def _strongest(weights: np.ndarray, k: int) -> np.ndarray:
    """Each row's ``k`` strongest positive edges of a dense weight matrix with a zero diagonal (ties: the lower
    column; weights compared rounded to 12 decimals), symmetrised by the larger weight: the dense form of
    :func:`_strongest_edges`."""
    n = weights.shape[0]
    top = np.argsort(-np.round(weights, 12), axis=1, kind="stable")[:, :k]
    rows = np.repeat(np.arange(n), top.shape[1])
    cols = top.ravel()
    values = weights[rows, cols]
    keep = values > 0
    kept = np.zeros_like(weights)
    kept[rows[keep], cols[keep]] = values[keep]
    return np.maximum(kept, kept.T)


def _strongest_edges(row: np.ndarray, col: np.ndarray, value: np.ndarray, k: int
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Of the edges ``(row, col, value)`` (every edge of the rows they hold), each row's ``k`` strongest positive
    ones off the diagonal, ties broken by the lower column. Weights are compared rounded to 12 decimals, so the
    dense and the sparse sums of the same weights (which may differ in the last bits) keep the same edges."""
    keep = (value > 0) & (row != col)
    row, col, value = row[keep], col[keep], value[keep]
    order = np.lexsort((col, -np.round(value, 12), row))  # by row, then weight (strongest first), then column
    row, col, value = row[order], col[order], value[order]
    keep = np.arange(row.size) - np.searchsorted(row, row) < k
    return row[keep], col[keep], value[keep]


def _idf(counts: np.ndarray | sp.csr_matrix) -> np.ndarray:
    """IDF of each term over the article's sentences, in Lucene's BM25 form (always positive)."""
    n = counts.shape[0]
    if isinstance(counts, np.ndarray):
        df = (counts > 0).sum(axis=0).astype(np.float64)
    else:
        df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
    return np.log1p((n - df + 0.5) / (df + 0.5))


def _binary(matrix: sp.csr_matrix) -> sp.csr_matrix:
    out = matrix.copy()
    out.data = np.ones_like(out.data)
    return out


def _scale_columns(matrix: sp.csr_matrix, factors: np.ndarray) -> sp.csr_matrix:
    out = matrix.copy()
    out.data = out.data * factors[out.indices]
    return out


def _normalise_rows(matrix: np.ndarray | sp.csr_matrix) -> np.ndarray | sp.csr_matrix:
    if isinstance(matrix, np.ndarray):
        norms = np.sqrt((matrix * matrix).sum(axis=1))
        return matrix / np.where(norms > 0, norms, 1.0)[:, None]
    out = matrix.copy()
    norms = np.sqrt(np.asarray(out.multiply(out).sum(axis=1)).ravel())
    out.data = out.data / np.repeat(np.where(norms > 0, norms, 1.0), np.diff(out.indptr))
    return out


def _bm25_weights(counts: np.ndarray | sp.csr_matrix, k1: float, b: float) -> np.ndarray | sp.csr_matrix:
    """BM25 term-frequency saturation of each sentence as a document: f (k1 + 1) / (f + k1 (1 - b + b |d| / avg))."""
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    average = lengths.mean() if lengths.size and lengths.mean() > 0 else 1.0
    norm = k1 * (1 - b + b * lengths / average)
    if isinstance(counts, np.ndarray):
        return counts * (k1 + 1) / (counts + np.where(norm > 0, norm, 1.0)[:, None])
    out = counts.copy()
    f = out.data
    out.data = f * (k1 + 1) / (f + np.repeat(norm, np.diff(out.indptr)))
    return out


def _alnum(text: str) -> str:
    """The letters and digits of ``text``, lower-cased, side by side."""
    return "".join(filter(str.isalnum, text.lower()))


def _bigrams(text: str) -> set[str]:
    chars = _alnum(text)
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


def _title_overlap(doc: SegmentedDocument, sentences: Sequence[Sentence] | None = None) -> np.ndarray:
    """Share of the title's character bigrams that occur in each sentence (zeros when there is no title);
    ``sentences``: the article's body sentences (:func:`body_sentences`), computed when not given."""
    title = _bigrams(doc.document.title)
    n = len(doc.sentence_records)
    if not title:
        return np.zeros(n)
    body = body_sentences(doc) if sentences is None else sentences
    found = [sum(map(_alnum(s.text).__contains__, title)) for s in body]  # title & bigrams(s)
    return np.array(found, dtype=np.float64) / len(title)


# -- convenience ----------------------------------------------------------------------------------------------

def summarizer_for(
    method: str = "textrank",
    *,
    sentences: int | None = None,
    max_chars: int | None = None,
    ratio: float | None = None,
    **params: Any,
) -> TextRankSummarizer | LeadSummarizer:
    """A summariser by method name (``"textrank"`` or ``"lead"``); the budget is checked now, not at first use."""
    _budget_error(sentences, max_chars, ratio)
    if method == "lead":
        if params:
            raise ConfigError(f"the lead summariser takes no parameters; got {', '.join(sorted(params))}")
        return LeadSummarizer(sentences=sentences, max_chars=max_chars, ratio=ratio)
    if method != "textrank":
        raise ConfigError(f"method must be one of {', '.join(METHODS)}; got {method!r}")
    summarizer = TextRankSummarizer(sentences=sentences, max_chars=max_chars, ratio=ratio, **params)
    summarizer._check()
    return summarizer


def make_summarizer(config: Any) -> TextRankSummarizer | LeadSummarizer:
    """The summariser a :class:`~tiyao.config.PipelineConfig` asks for (``summary_method``, budget)."""
    return summarizer_for(getattr(config, "summary_method", "textrank"),
                          **{name: getattr(config, name, None) for name in ("sentences", "max_chars", "ratio")})


def summarize(
    doc: SegmentedDocument,
    *,
    sentences: int | None = None,
    max_chars: int | None = None,
    ratio: float | None = None,
    method: str = "textrank",
    **params: Any,
) -> Summary:
    """Summarise one segmented article (see :class:`TextRankSummarizer` for ``params``).

    Examples
    --------
    >>> from tiyao import read_corpus, Segmenter
    >>> doc = Segmenter().segment(read_corpus(["seeds"]).documents[0])
    >>> len(summarize(doc, sentences=2).sentences)
    2
    """
    return summarizer_for(method, sentences=sentences, max_chars=max_chars, ratio=ratio, **params).summarize(doc)
