"""A digest per theme: a few sentences from the theme's articles that together say what the theme is about.

For each theme, :func:`theme_digests` reads the summary sentences of its articles (the sentences the summariser
already chose as each article's gist) and picks 2 to :data:`MAX_SENTENCES` of them:

1. **Candidates.** Every summary sentence of the theme's articles, except one whose opening leans on the sentence
   before it (:func:`tiyao.coherence.needs_previous`: out of its article it would read wrongly) and one longer than
   :data:`MAX_CHARS` characters when shorter ones are left (a digest is read at a glance).
2. **Near-duplicates merged.** News corpora repeat the same wire copy: two candidates whose character-bigram
   sets overlap by :data:`DUPLICATE` (0.6 Jaccard) or more are one sentence; the one from the article listed first
   stands for both.
3. **What the theme is about.** Each sentence is a TF-IDF vector of its character bigrams (IDF over the summary
   sentences of every theme, so what all themes share weighs little); its weight is its cosine to the centre of
   its theme's candidates (what the theme's articles have in common), times 1 + the share of the theme's label
   words it holds.
4. **Together, not the same thing twice.** Maximal marginal relevance: the next sentence maximises
   ``weight - REDUNDANCY * max cosine to the sentences picked``, from an article not cited yet while there is one.
   The digest takes one sentence per article up to :data:`MAX_SENTENCES` (a theme of one article gets its two
   best sentences at most), in the order picked: the first says most of what the theme is about. A sentence
   weighing less than half the best is left out (a reference line, a side remark), unless fewer than two are left.

Each digest sentence cites its article (``id``) and the sentence's place in it (``index``), as in the JSON report:
``themes[].digest: [{"id", "index", "text"}]``. Everything is deterministic (ties by article order, then index).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from operator import add
from typing import TYPE_CHECKING

from .coherence import needs_previous
from .types import DigestSentence, Sentence, Theme

if TYPE_CHECKING:
    import scipy.sparse as sp

# numpy and scipy are imported where the digests are made: the report modules import this one, and a command's
# --help must not load them (tests/cli/test_help_start_up.py)

#: Most sentences in a digest (and at least two when the theme's articles give two).
MAX_SENTENCES = 4
MIN_SENTENCES = 2
#: Sentences longer than this are used only when no shorter one is left.
MAX_CHARS = 120
#: Character-bigram Jaccard similarity at or above which two sentences are the same copy.
DUPLICATE = 0.6
#: MMR penalty on the cosine to sentences already in the digest.
REDUNDANCY = 0.5
#: Past the first two, a sentence weighing less than this share of the first is left out.
WEAK = 0.5


@dataclass(frozen=True, slots=True)
class _Candidate:
    id: str
    order: int  # the article's position in the theme
    sentence: Sentence
    bigrams: frozenset[str]


def theme_digests(themes: Sequence[Theme], summaries: dict[str, Sequence[Sentence]]
                  ) -> dict[int, tuple[DigestSentence, ...]]:
    """The digest of each theme (by theme id) from the summaries of its articles (article id -> summary
    sentences; articles without a summary, e.g. failed ones, are simply absent)."""
    from threadpoolctl import threadpool_limits

    bigrams: dict[str, frozenset[str]] = {}  # text -> its bigrams: wire copy repeats the same sentences
    pools = [_candidates(theme, summaries, bigrams) for theme in themes]
    vectors = _Vectors(pools)
    # One BLAS thread, as for the themes (tiyao.cluster): the norm of a theme's centre is a dot product of tens
    # of thousands of bigrams, which OpenBLAS splits over its threads; on a busy 2-core machine they then spun
    # beside the Python code that follows. THUCNews-1000's digests: 0.24-0.65 -> 0.18-0.42 s of CPU time,
    # side by side; and the sum is the same whatever the number of cores.
    with threadpool_limits(limits=1):
        return {theme.id: _digest(theme, pool, vectors.of_pool(n))
                for n, (theme, pool) in enumerate(zip(themes, pools))}


def with_digests(themes: Sequence[Theme], summaries: dict[str, Sequence[Sentence]]) -> tuple[Theme, ...]:
    """``themes`` with their :attr:`~tiyao.types.Theme.digest` set (:func:`theme_digests`)."""
    digests = theme_digests(themes, summaries)
    return tuple(replace(theme, digest=digests[theme.id]) for theme in themes)


def _candidates(theme: Theme, summaries: dict[str, Sequence[Sentence]],
                bigrams: dict[str, frozenset[str]] | None = None) -> list[_Candidate]:
    """The theme's candidate sentences (``bigrams``: the bigrams of the texts met so far, added to)."""
    found: list[_Candidate] = []
    known = bigrams if bigrams is not None else {}
    for order, doc_id in enumerate(theme.doc_ids):
        for sentence in summaries.get(doc_id, ()):
            text = sentence.text
            grams = known.get(text)
            if grams is None:
                if needs_previous(text):
                    continue
                grams = known[text] = _bigrams(text)
            if grams:
                found.append(_Candidate(doc_id, order, sentence, grams))
    short = [c for c in found if len(c.sentence.text) <= MAX_CHARS]
    return short if len(short) >= MIN_SENTENCES else found


class _Vectors:
    """Every theme's candidates as TF-IDF vectors of their character bigrams, the unit rows of one sparse matrix
    (IDF over the candidates of every theme, so what all themes share weighs little), pool after pool."""

    def __init__(self, pools: Sequence[list[_Candidate]]) -> None:
        import numpy as np
        import scipy.sparse as sp

        every = [candidate.bigrams for pool in pools for candidate in pool]
        sizes = np.fromiter(map(len, every), dtype=np.int64, count=len(every))
        # bigrams numbered in sorted order (as np.unique would number them; a dict of the distinct ones is faster
        # than an array of every bigram's string: x20 THUCNews-1000's 2.4 million, 1.4 -> 0.3 s)
        vocabulary = sorted(set().union(*every))
        number = dict(zip(vocabulary, range(len(vocabulary))))
        numbered: dict[int, np.ndarray] = {}  # each set's columns, once per set (a text's set is met once per copy)
        for grams in every:
            if id(grams) not in numbered:
                numbered[id(grams)] = np.fromiter(map(number.__getitem__, grams), dtype=np.int64, count=len(grams))
        columns = np.concatenate([numbered[id(grams)] for grams in every]) if every else np.zeros(0, np.int64)
        rows = np.repeat(np.arange(len(every)), sizes)
        df = np.bincount(columns, minlength=len(vocabulary))
        idf = np.log((1.0 + len(every)) / (1.0 + df)) + 1.0
        values = idf[columns]
        norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=len(every)))
        norms[norms == 0] = 1.0
        self.matrix = sp.csr_matrix((values / norms[rows], (rows, columns)), shape=(len(every), len(vocabulary)))
        # each row's bigrams in sorted order (not the sets' hash order): the same sums in every process, and the
        # order _first_copies breaks ties in
        self.matrix.sort_indices()
        self.starts = np.cumsum([0, *map(len, pools)]).tolist()

    def of_pool(self, n: int) -> sp.csr_matrix:
        """The vectors of the ``n``-th pool's candidates, in order."""
        return self.matrix[self.starts[n]:self.starts[n + 1]]


def _digest(theme: Theme, pool: list[_Candidate], pool_vectors: sp.csr_matrix) -> tuple[DigestSentence, ...]:
    if not pool:
        return ()
    import numpy as np

    rows = _first_copies(pool, pool_vectors)
    distinct = [pool[i] for i in rows]
    vectors = pool_vectors[rows]
    centre = np.asarray(vectors.sum(axis=0)).ravel()
    centre_norm = math.sqrt(float(centre @ centre)) or 1.0
    abouts = (vectors @ centre / centre_norm).tolist()
    label = [word for word in theme.label if word]
    weights = []
    for candidate, about in zip(distinct, abouts):
        named = sum(word in candidate.sentence.text for word in label) / len(label) if label else 0.0
        weights.append(about * (1.0 + named))
    # a sentence weighing less than half the best says little of the theme (a reference line, a side remark):
    # left out, unless the digest would have fewer than two sentences without it
    strong = sorted(range(len(distinct)), key=lambda i: (-round(weights[i], 12), distinct[i].order,
                                                         distinct[i].sentence.index))
    cut = max(MIN_SENTENCES, sum(weights[i] >= WEAK * weights[strong[0]] for i in strong))
    kept = sorted(strong[:cut])
    distinct = [distinct[i] for i in kept]
    vectors = vectors[kept]
    weights_kept = np.array([weights[i] for i in kept])
    articles = len({c.id for c in distinct})
    size = min(MAX_SENTENCES, max(MIN_SENTENCES, articles), len(distinct))
    overlap = np.zeros(len(distinct))  # each sentence's greatest cosine to the sentences picked
    picked: list[int] = []
    while len(picked) < size:
        cited = {distinct[i].id for i in picked}
        fresh = [i for i in range(len(distinct)) if i not in picked and distinct[i].id not in cited]
        pool_left = fresh or [i for i in range(len(distinct)) if i not in picked]
        if not pool_left:
            break
        gains = (weights_kept - REDUNDANCY * overlap).tolist()
        best = max(pool_left, key=lambda i: (round(gains[i], 12), -distinct[i].order, -distinct[i].sentence.index))
        picked.append(best)
        overlap = np.maximum(overlap, (vectors @ vectors[best].T).toarray().ravel())
    return tuple(DigestSentence(distinct[i].id, distinct[i].sentence.index, distinct[i].sentence.text)
                 for i in picked)


def _first_copies(pool: list[_Candidate], vectors: sp.csr_matrix | None = None) -> list[int]:
    """The positions of the candidates that are no near-copy (:data:`DUPLICATE` Jaccard or more) of one before
    them, in order. ``vectors``: the pool's rows of :class:`_Vectors` (made here when not given).

    Not every pair is compared (a theme of thousands of articles would take minutes): with the bigrams of the
    pool ranked rarest first, two sets whose Jaccard similarity reaches t share one of the first
    ``|x| - ceil(t |x|) + 1`` bigrams of each (prefix filtering, Bayardo et al. 2007), so only the sentences that
    share a bigram of that prefix, and whose sizes allow it, are compared exactly. Same answer as comparing all."""
    import numpy as np

    if vectors is None:
        vectors = _Vectors([pool]).of_pool(0)
    share = Fraction(DUPLICATE).limit_denominator(1000)  # exact: ceil(0.6 * 5) must be 3, not 4
    num, den = share.numerator, share.denominator
    # each candidate's bigrams (numbered in sorted order), rarest in the pool first, ties by bigram
    grams, bounds = vectors.indices, vectors.indptr.tolist()
    df = np.bincount(grams, minlength=vectors.shape[1])
    rows = np.repeat(np.arange(len(pool)), np.diff(vectors.indptr))
    ranked = grams[np.lexsort((grams, df[grams], rows))].tolist()
    index: dict[int, list[int]] = {}
    distinct: list[_Candidate] = []
    positions: list[int] = []
    met: set[int] = set()  # the bigram sets met (one text's set is one object): a set met again is a copy
    for position, candidate in enumerate(pool):  # in article order, then sentence order: the first copy stands
        if id(candidate.bigrams) in met:  # for the others
            continue
        met.add(id(candidate.bigrams))
        start, end = bounds[position], bounds[position + 1]
        size = end - start
        prefix = ranked[start:end - (num * size + den - 1) // den + 1]  # the first size - ceil(share * size) + 1
        seen: set[int] = set()
        copy = False
        for gram in prefix:
            for k in index.get(gram, ()):
                if k in seen:
                    continue
                seen.add(k)
                other = distinct[k].bigrams  # share * size <= len(other) <= size / share, then exactly:
                if num * size <= den * len(other) and num * len(other) <= den * size \
                        and _jaccard(candidate.bigrams, other) >= DUPLICATE:
                    copy = True
                    break
            if copy:
                break
        if not copy:
            for gram in prefix:
                index.setdefault(gram, []).append(len(distinct))
            distinct.append(candidate)
            positions.append(position)
    return positions


def _bigrams(text: str) -> frozenset[str]:
    """The character bigrams of ``text`` lower-cased, its letters and digits only (``str.isalnum``, the
    characters ``_NOT_ALNUM`` does not match: checked over every code point)."""
    chars = _NOT_ALNUM.sub("", text.lower())
    return frozenset(map(add, chars, chars[1:]))


_NOT_ALNUM = re.compile(r"[\W_]+")


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


__all__ = ["DigestSentence", "MAX_SENTENCES", "theme_digests", "with_digests"]
