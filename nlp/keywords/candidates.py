"""Keyword candidates: content words and keyphrases (runs of adjacent content words) of one segmented document.

A token is one of three kinds:

* a **keyword word**: a content word (``Segmenter.is_content``: no punctuation, number, date, stop word or stray
  single character) whose part of speech is in :data:`KEYWORD_POS` (nouns, names, places, organisations, other
  proper nouns, verbal and adjectival nouns, abbreviations, fixed expressions, English words). It can be a
  keyword on its own and the head of a phrase;
* a **phrase word**: a content word tagged as a verb, adjective or distinguishing word (:data:`PHRASE_POS`:
  ``优化`` in ``平方和优化``, ``长效`` in ``长效节育措施``), or a word tagged ``nz`` that is an adverb and a verb
  (``顺利开展``). It can sit in a phrase, never stand alone;
* a **break**: anything else. Punctuation, numbers, particles, stop words and gaps in the text (a line break,
  a space) end a run, so a phrase never crosses a sentence, a clause or a Markdown leftover.

A single Chinese character tagged as a noun, suffix, adjective, verb or distinguishing word (:data:`AFFIX_POS`,
not a stop word) is an **affix**: it continues or ends a phrase (``酶`` in ``氨基酰化酶``, ``型`` in ``凝聚型菌株``,
``液`` in ``蚀刻液``) and may open one only when it is an adjective, noun or distinguishing word (``大角度机动``).

Candidates are the single keyword words and every run of 2 to ``max_words`` adjacent tokens inside a run that
holds a keyword word or ends with an affix, and does not start with a locality word or suffix (at most
``max_chars`` characters). Verbs may open a phrase (``蚀刻液``, ``补肾活血汤``); a phrase only counts when it recurs
(see the extractors), which keeps clause fragments such as ``采取调度督导`` out. The term of a
phrase is its words joined as written (``长效`` + ``节育`` + ``措施`` = ``长效节育措施``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

import numpy as np

from .. import resources
from ..segment import SINGLE_CHAR_WORDS, Segmenter
from ..types import SegmentedDocument, Token

#: Parts of speech (jieba's tags) of words that can be keywords on their own.
KEYWORD_POS = frozenset({
    "n", "nr", "nr1", "nr2", "nrt", "nrfg", "ns", "nt", "nz", "nw", "nl", "ng",  # nouns, names, places, orgs
    "vn", "an",  # verbal and adjectival nouns (管理, 安全)
    "j", "l",  # abbreviations (计生), fixed expressions (计划生育)
    "eng",  # English words and ASCII terms (MRP, Lyapunov)
    "PER", "LOC", "ORG",  # jieba's paddle-mode names
})
#: Parts of speech of words that can sit inside a phrase but are not keywords alone.
PHRASE_POS = frozenset({"v", "vd", "a", "ad", "b", "bg", "f", "s", "h", "k"})
#: Parts of speech a phrase must not start with (a locality word or a suffix: 内, 型).
_NO_START_POS = frozenset({"f", "k"})
#: Single characters that may open a phrase (``大角度机动``); other single characters only continue or end one.
_AFFIX_START_POS = frozenset({"a", "b", "n", "ng"})

#: Parts of speech of single characters that can sit inside a phrase (``酶`` in ``氨基酰化酶``, ``型`` in
#: ``凝聚型菌株``, ``大`` in ``大角度机动``): noun-like characters, suffixes, adjectives and distinguishing words.
AFFIX_POS = frozenset({"n", "ng", "nz", "k", "zg", "j", "vn", "a", "b", "v", "ag", "tg", "dg"})

BREAK, PHRASE_WORD, KEYWORD_WORD, AFFIX = 0, 1, 2, 3


class TokenKinds:
    """Classifies tokens as keyword words, phrase words or breaks, with a per-word cache."""

    def __init__(self, segmenter: Segmenter | None = None) -> None:
        self.segmenter = segmenter if segmenter is not None else Segmenter()
        self._cache: dict[tuple[str, str], int] = {}

    def __getstate__(self) -> dict[str, object]:
        return {"segmenter": self.segmenter, "_cache": {}}

    def kind(self, token: Token) -> int:
        key = (token.text, token.pos)
        kind = self._cache.get(key)
        if kind is None:
            if len(token.text) == 1 and token.pos in AFFIX_POS and token.text not in self.segmenter.stop_words \
                    and token.text not in SINGLE_CHAR_WORDS and "\u4e00" <= token.text <= "\u9fff":
                kind = AFFIX
            elif not self.segmenter.is_content(token):
                kind = BREAK
            elif token.pos == "nz" and _verb_ended(token.text):
                kind = PHRASE_WORD  # 顺利开展: an adverb and a verb, not a name
            elif token.pos in KEYWORD_POS or (token.pos == "x" and token.text.isascii()):
                kind = KEYWORD_WORD
            elif token.pos in PHRASE_POS:
                kind = PHRASE_WORD
            else:
                kind = BREAK
            if len(self._cache) < 500_000:
                self._cache[key] = kind
        return kind


_ADVERBS = frozenset({"d", "ad", "a"})


def _verb_ended(word: str) -> bool:
    """Is ``word`` (tagged ``nz``) an adverb or adjective and a verb, two dictionary words (顺利 + 开展)?
    (A noun and a verb, 数值模拟, is a term and stays one.)"""
    if len(word) < 4:
        return False
    tags = resources.jieba_pos_tags()
    return any(tags.get(word[:k]) in _ADVERBS and tags.get(word[k:]) == "v" for k in range(2, len(word) - 1))


@dataclass(frozen=True, slots=True)
class Candidates:
    """The candidate terms of one document, with their statistics (parallel arrays, one entry per term)."""

    terms: tuple[str, ...]
    parts: tuple[tuple[str, ...], ...]  # the words of each term
    count: np.ndarray  # occurrences in the document
    first: np.ndarray  # offset of the first occurrence / length of the text (0 = the very start)
    in_title: np.ndarray  # bool: the term occurs in the title
    length: int  # number of candidate-bearing tokens in the document (for normalising)

    def __len__(self) -> int:
        return len(self.terms)


def _runs(doc: SegmentedDocument, kinds: TokenKinds) -> Iterator[tuple[list[Token], list[int]]]:
    """Maximal runs of adjacent non-break tokens inside each sentence, with the kind of each token."""
    kind = kinds.kind
    cache = kinds._cache
    for sentence in doc.sentences:
        run: list[Token] = []
        run_kinds: list[int] = []
        previous_end = -1
        for token in sentence.tokens:
            k = cache.get((token.text, token.pos))
            if k is None:
                k = kind(token)
            if k == BREAK or token.start != previous_end:
                if run:
                    yield run, run_kinds
                run, run_kinds = ([], []) if k == BREAK else ([token], [k])
            else:
                run.append(token)
                run_kinds.append(k)
            previous_end = token.end
        if run:
            yield run, run_kinds


def occurrences(doc: SegmentedDocument, kinds: TokenKinds, *, max_words: int = 5, max_chars: int = 20,
                phrases: bool = True) -> Iterator[tuple[str, list[Token], int, int]]:
    """Every candidate occurrence of ``doc`` as (term, run, i, j): the term is ``run[i:j]`` joined."""
    for run, ks in _runs(doc, kinds):
        size = len(run)
        for i in range(size):
            k = ks[i]
            token = run[i]
            if k == KEYWORD_WORD:
                yield token.text, run, i, i + 1
            if not phrases or size == 1 or token.pos in _NO_START_POS \
                    or (k == AFFIX and token.pos not in _AFFIX_START_POS):
                continue
            has_keyword = k == KEYWORD_WORD
            term = token.text
            for j in range(i + 1, min(size, i + max_words)):
                term += run[j].text
                if len(term) > max_chars:
                    break
                kj = ks[j]
                if kj == KEYWORD_WORD:
                    has_keyword = True
                if has_keyword or kj == AFFIX:
                    yield term, run, i, j + 1


def collect(doc: SegmentedDocument, kinds: TokenKinds, *, max_words: int = 5, max_chars: int = 20,
            phrases: bool = True) -> Candidates:
    """Count the candidates of ``doc``: occurrences, first position and presence in the title."""
    stats: dict[str, list[Any]] = {}
    for term, run, i, j in occurrences(doc, kinds, max_words=max_words, max_chars=max_chars, phrases=phrases):
        entry = stats.get(term)
        if entry is None:
            stats[term] = [1, run, i, j]
        else:
            entry[0] += 1
    terms = tuple(sorted(stats))
    n = len(terms)
    rows = [stats[t] for t in terms]
    size = max(len(doc.document.text), 1)
    count = np.fromiter((r[0] for r in rows), dtype=np.float64, count=n)
    first = np.fromiter((r[1][r[2]].start for r in rows), dtype=np.float64, count=n) / size
    title = doc.document.title
    in_title = np.fromiter((t in title for t in terms), dtype=bool, count=n) if title else np.zeros(n, dtype=bool)
    parts = tuple((t,) if r[3] - r[2] == 1 else tuple(x.text for x in r[1][r[2]:r[3]]) for t, r in zip(terms, rows))
    return Candidates(terms, parts, count, first, in_title, n)


def document_terms(doc: SegmentedDocument, kinds: TokenKinds | None = None, *, max_words: int = 5,
                   max_chars: int = 20) -> list[str]:
    """The distinct candidate terms of ``doc`` (the analyzer the corpus IDF is fitted with)."""
    kinds = kinds if kinds is not None else _default_kinds()
    return list({term for term, _, _, _ in occurrences(doc, kinds, max_words=max_words, max_chars=max_chars)})


@lru_cache(maxsize=1)
def _default_kinds() -> TokenKinds:
    """A classifier with tiyao's default stop words (shared, read-only apart from its word cache)."""
    return TokenKinds()


def analyzer(kinds: TokenKinds | None = None, *, max_words: int = 5,
             max_chars: int = 20) -> Callable[[SegmentedDocument], list[str]]:
    """An ``IdfModel`` analyzer using ``kinds`` (so the IDF sees exactly the extractor's candidates).
    A partial of a module-level function, so that it pickles (worker processes, Dask)."""
    return partial(document_terms, kinds=kinds, max_words=max_words, max_chars=max_chars)


def inside_share(cands: Candidates, kept: np.ndarray) -> np.ndarray:
    """For each term, the share of its occurrences (at most 1) that a longer kept phrase containing it accounts
    for: ``max(count(phrase)) / count(term)`` over the kept phrases whose words include the term's words."""
    index = {parts: i for i, parts in enumerate(cands.parts)}
    inside = np.zeros(len(cands))
    count = cands.count
    for i in np.flatnonzero(kept):
        parts = cands.parts[i]
        n = len(parts)
        for size in range(1, n):
            for start in range(n - size + 1):
                j = index.get(parts[start:start + size])
                if j is not None and count[i] > inside[j]:
                    inside[j] = count[i]
    return np.minimum(inside / np.maximum(count, 1.0), 1.0)


def multi_word(cands: Candidates) -> np.ndarray:
    """bool per term: is it a phrase of two or more words?"""
    return np.fromiter((len(p) > 1 for p in cands.parts), dtype=bool, count=len(cands))
