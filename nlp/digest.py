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
from collections import Counter
from fractions import Fraction
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .coherence import needs_previous
from .types import DigestSentence, Sentence, Theme

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
    pools = {theme.id: _candidates(theme, summaries) for theme in themes}
    idf = _idf([c.bigrams for pool in pools.values() for c in pool])
    return {theme.id: _digest(theme, pools[theme.id], idf) for theme in themes}


def with_digests(themes: Sequence[Theme], summaries: dict[str, Sequence[Sentence]]) -> tuple[Theme, ...]:
    """``themes`` with their :attr:`~tiyao.types.Theme.digest` set (:func:`theme_digests`)."""
    digests = theme_digests(themes, summaries)
    return tuple(replace(theme, digest=digests[theme.id]) for theme in themes)


def _candidates(theme: Theme, summaries: dict[str, Sequence[Sentence]]) -> list[_Candidate]:
    found: list[_Candidate] = []
    for order, doc_id in enumerate(theme.doc_ids):
        for sentence in summaries.get(doc_id, ()):
            if needs_previous(sentence.text):
                continue
            grams = _bigrams(sentence.text)
            if grams:
                found.append(_Candidate(doc_id, order, sentence, grams))
    short = [c for c in found if len(c.sentence.text) <= MAX_CHARS]
    return short if len(short) >= MIN_SENTENCES else found


def _digest(theme: Theme, pool: list[_Candidate], idf: dict[str, float]) -> tuple[DigestSentence, ...]:
    if not pool:
        return ()
    distinct = _first_copies(pool)
    vectors = [_vector(c.bigrams, idf) for c in distinct]
    centre: Counter[str] = Counter()
    for vector in vectors:
        centre.update(vector)
    centre_norm = math.sqrt(sum(v * v for v in centre.values())) or 1.0
    label = [word for word in theme.label if word]
    weights = []
    for candidate, vector in zip(distinct, vectors):
        about = sum(vector.get(g, 0.0) * centre[g] for g in vector) / centre_norm
        named = sum(word in candidate.sentence.text for word in label) / len(label) if label else 0.0
        weights.append(about * (1.0 + named))
    # a sentence weighing less than half the best says little of the theme (a reference line, a side remark):
    # left out, unless the digest would have fewer than two sentences without it
    strong = sorted(range(len(distinct)), key=lambda i: (-round(weights[i], 12), distinct[i].order,
                                                         distinct[i].sentence.index))
    cut = max(MIN_SENTENCES, sum(weights[i] >= WEAK * weights[strong[0]] for i in strong))
    kept = sorted(strong[:cut])
    distinct = [distinct[i] for i in kept]
    vectors = [vectors[i] for i in kept]
    weights = [weights[i] for i in kept]
    articles = len({c.id for c in distinct})
    size = min(MAX_SENTENCES, max(MIN_SENTENCES, articles), len(distinct))
    picked: list[int] = []
    while len(picked) < size:
        cited = {distinct[i].id for i in picked}
        fresh = [i for i in range(len(distinct)) if i not in picked and distinct[i].id not in cited]
        pool_left = fresh or [i for i in range(len(distinct)) if i not in picked]
        if not pool_left:
            break

        def gain(i: int) -> tuple[float, int, int]:
            overlap = max((_cosine(vectors[i], vectors[j]) for j in picked), default=0.0)
            return (round(weights[i] - REDUNDANCY * overlap, 12), -distinct[i].order, -distinct[i].sentence.index)

        picked.append(max(pool_left, key=gain))
    return tuple(DigestSentence(distinct[i].id, distinct[i].sentence.index, distinct[i].sentence.text)
                 for i in picked)


def _first_copies(pool: list[_Candidate]) -> list[_Candidate]:
    """The candidates that are no near-copy (:data:`DUPLICATE` Jaccard or more) of one before them, in order.

    Not every pair is compared (a theme of thousands of articles would take minutes): with the bigrams of the
    pool ranked rarest first, two sets whose Jaccard similarity reaches t share one of the first
    ``|x| - ceil(t |x|) + 1`` bigrams of each (prefix filtering, Bayardo et al. 2007), so only the sentences that
    share a bigram of that prefix, and whose sizes allow it, are compared exactly. Same answer as comparing all."""
    share = Fraction(DUPLICATE).limit_denominator(1000)  # exact: ceil(0.6 * 5) must be 3, not 4
    df: Counter[str] = Counter()
    for candidate in pool:
        df.update(candidate.bigrams)
    index: dict[str, list[int]] = {}
    distinct: list[_Candidate] = []
    for candidate in pool:  # in article order, then sentence order: the first copy stands for the others
        grams = sorted(candidate.bigrams, key=lambda g: (df[g], g))
        size = len(grams)
        prefix = grams[:size - math.ceil(share * size) + 1]
        seen: set[int] = set()
        copy = False
        for gram in prefix:
            for k in index.get(gram, ()):
                if k in seen:
                    continue
                seen.add(k)
                other = distinct[k].bigrams
                if share * size <= len(other) <= size / share \
                        and _jaccard(candidate.bigrams, other) >= DUPLICATE:
                    copy = True
                    break
            if copy:
                break
        if not copy:
            for gram in prefix:
                index.setdefault(gram, []).append(len(distinct))
            distinct.append(candidate)
    return distinct


def _bigrams(text: str) -> frozenset[str]:
    chars = "".join(filter(str.isalnum, text.lower()))
    return frozenset(chars[i:i + 2] for i in range(len(chars) - 1))


def _idf(sets: list[frozenset[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for grams in sets:
        df.update(grams)
    n = len(sets)
    return {g: math.log((1 + n) / (1 + d)) + 1.0 for g, d in df.items()}


def _vector(grams: frozenset[str], idf: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(idf[g] ** 2 for g in grams)) or 1.0
    return {g: idf[g] / norm for g in grams}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(g, 0.0) for g, v in a.items())


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


__all__ = ["DigestSentence", "MAX_SENTENCES", "theme_digests", "with_digests"]
