"""New-word discovery: the corpus's own words that jieba's dictionary lacks (西集镇, 两非, 计生信贷).

Candidates are strings of 2 to ``max_length`` Chinese characters inside runs of Chinese characters (punctuation,
digits, Latin letters and line breaks end a run). A candidate ``w`` seen at least ``min_count`` times is scored on

* **cohesion**: the weakest split's pointwise mutual information,
  ``pmi(w) = min over splits w = a + b of ln(p(w) / (p(a) * p(b)))`` with ``p(x) = count(x) / characters``;
  a real word holds together at every split;
* **freedom**: the branching entropy of the characters just left and just right of its occurrences,
  ``entropy(w) = min(H_left(w), H_right(w))``; the edge of a run counts as a new neighbour each time, so a word
  that stands between punctuation (“两非”) is free. A fragment (集镇 inside 西集镇) has one left neighbour and
  entropy near 0.

It is a new word when ``pmi >= min_pmi``, ``entropy >= min_entropy``, it is not in jieba's dictionary, it does not
start or end with a function character (的, 了, 和, ...), end with a locality word or directional complement (下, 内,
出, ...: 条件下), hold 的, 了 or 着 anywhere (提出了一种), and it is not made of numerals only. Its score is
``ln(1 + count) * pmi * entropy``. A candidate that is a part of a longer new word and almost never occurs apart
from it (at most ``1 / 0.9`` times the longer word's count) is dropped, and so is a better new word joined to a
known or new word (``西集镇计生`` = ``西集镇`` + ``计生``).

Found words go to the segmenter for the run (``Segmenter.with_words(discoverer.dictionary_entries())``) and can
be exported as a jieba user dictionary (``word nz`` per line; jieba picks a frequency that keeps the word whole).
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Container, Iterable
from dataclasses import dataclass
from pathlib import Path

from . import resources
from .errors import ConfigError, InputError

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
#: Characters a word rarely starts or ends with: particles, prepositions, conjunctions, pronouns, copulas.
FUNCTION_CHARS = frozenset("的了着过和与及或在是为把被对从向于以由而并也都就又还很最更较所之其这那些个每各此该有没不要将等")
#: Characters a new word does not end with either: locality words and directional complements (条件下, 范围内).
_NO_END_CHARS = frozenset("上下中内外出")
#: Particles that never sit inside a new word (提出了一种, 性能的影响).
_NO_INSIDE_CHARS = frozenset("的了着")
_NUMERALS = frozenset("零〇一二三四五六七八九十百千万亿两几第余多半")


@dataclass(frozen=True, slots=True)
class NewWord:
    """A word found in the corpus that jieba's dictionary lacks, with the evidence for it."""

    word: str
    count: int  # occurrences in the corpus
    pmi: float  # cohesion: the weakest split's pointwise mutual information
    entropy: float  # freedom: min(left, right) branching entropy, in nats
    score: float  # ln(1 + count) * pmi * entropy


class WordDiscoverer:
    """Find a corpus's new words from frequency, cohesion (PMI) and branching entropy (see the module docs).

    Parameters
    ----------
    min_count:
        Occurrences a word needs.
    max_length:
        Longest word, in characters.
    min_pmi, min_entropy:
        Thresholds on cohesion and freedom.
    known:
        Words that are not new; jieba's dictionary by default.

    Examples
    --------
    >>> texts = ["西集镇计生办，西集镇派出所。", "西集镇卫生院和西集镇民政办。", "来到西集镇。"]
    >>> [w.word for w in WordDiscoverer(min_count=3, min_pmi=1.0).fit(texts).words_]
    ['西集镇']
    """

    def __init__(self, *, min_count: int = 3, max_length: int = 6, min_pmi: float = 3.0,
                 min_entropy: float = 0.9, known: frozenset[str] | None = None) -> None:
        self.min_count = min_count
        self.max_length = max_length
        self.min_pmi = min_pmi
        self.min_entropy = min_entropy
        self.known = known

    def _validate(self) -> None:
        for name in ("min_count", "max_length"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"{name} must be an integer >= 1; got {value!r}")
        if self.max_length < 2:
            raise ConfigError(f"max_length must be an integer >= 2; got {self.max_length}")

    def fit(self, texts: Iterable[str]) -> WordDiscoverer:
        """Find the new words of ``texts``; sets ``words_`` (best first, ties by word)."""
        self._validate()
        if isinstance(texts, str):
            raise InputError("Iterable over raw text documents expected, string object received.")
        known: Container[str] = self.known if self.known is not None else resources.jieba_pos_tags()
        runs = [run for text in texts for run in _HAN_RUN.findall(text)]
        characters = sum(len(run) for run in runs)
        if not characters:
            self.words_: tuple[NewWord, ...] = ()
            return self
        min_count = self.min_count
        # Count n-grams layer by layer. Layer m counts the m-grams whose (m-1)-prefix or (m-1)-suffix is frequent:
        # those give the right and left neighbours of the frequent (m-1)-grams, and the m-grams whose prefix and
        # suffix are both frequent are the next candidates (every part of a frequent string is frequent), so rare
        # strings are never stored and neighbours are read from distinct m-grams, not from every occurrence.
        counts: Counter[str] = Counter()
        for run in runs:
            counts.update(run)
        frequent = {ch for ch, c in counts.items() if c >= min_count}
        candidates: set[str] = set()
        left: dict[str, Counter[str]] = defaultdict(Counter)
        right: dict[str, Counter[str]] = defaultdict(Counter)
        edges: Counter[str] = Counter()  # occurrences at the start (key "^w") or end ("w$") of a run
        for m in range(2, self.max_length + 2):
            layer: Counter[str] = Counter()
            for run in runs:
                if len(run) >= m:
                    layer.update(g for g in (run[i:i + m] for i in range(len(run) - m + 1))
                                 if g[:-1] in frequent or g[1:] in frequent)
            if m > 2:
                for run in runs:
                    if len(run) >= m - 1:
                        if run[:m - 1] in frequent:
                            edges["^" + run[:m - 1]] += 1
                        if run[1 - m:] in frequent:
                            edges[run[1 - m:] + "$"] += 1
            following: set[str] = set()
            for gram, c in layer.items():
                head, tail = gram[:-1], gram[1:]
                head_ok, tail_ok = head in frequent, tail in frequent
                if m > 2:
                    if head_ok:
                        right[head][gram[-1]] += c
                    if tail_ok:
                        left[tail][gram[0]] += c
                if head_ok and tail_ok and m <= self.max_length:
                    counts[gram] = c
                    if c >= min_count:
                        following.add(gram)
            candidates |= following
            frequent = following
            if not frequent:
                break
        log_total = math.log(characters)
        found: list[NewWord] = []
        for word in candidates:
            if word in known or word[0] in FUNCTION_CHARS or word[-1] in FUNCTION_CHARS \
                    or word[-1] in _NO_END_CHARS or not _NO_INSIDE_CHARS.isdisjoint(word) \
                    or all(ch in _NUMERALS for ch in word):
                continue
            count = counts[word]
            log_p = math.log(count) - log_total
            pmi = min(log_p - (math.log(counts[word[:k]]) - log_total) - (math.log(counts[word[k:]]) - log_total)
                      for k in range(1, len(word)))
            if pmi < self.min_pmi:
                continue
            entropy = min(_entropy(left[word], edges["^" + word]), _entropy(right[word], edges[word + "$"]))
            if entropy < self.min_entropy:
                continue
            score = math.log1p(count) * pmi * entropy
            found.append(NewWord(word, count, round(pmi, 4), round(entropy, 4), round(score, 4)))
        found.sort(key=lambda w: (-w.score, w.word))
        kept: list[NewWord] = []
        for word in sorted(found, key=lambda w: (-len(w.word), w.word)):
            if any(word.word in longer.word and word.count <= longer.count / 0.9 for longer in kept):
                continue
            kept.append(word)
        keep = {w.word for w in kept}
        words: list[NewWord] = []
        accepted: set[str] = set()
        for word in (w for w in found if w.word in keep):
            if not _compound(word.word, accepted, known):
                words.append(word)
                accepted.add(word.word)
        self.words_ = tuple(words)
        return self

    def dictionary_entries(self) -> list[tuple[str, int | None, str]]:
        """The found words as ``(word, None, "nz")`` entries for :meth:`nlp.segment.Segmenter.with_words`
        (jieba picks a frequency that keeps each word whole)."""
        if not hasattr(self, "words_"):
            raise ConfigError("WordDiscoverer is not fitted; call fit(texts) first")
        return [(w.word, None, "nz") for w in self.words_]

    def export(self, path: str | os.PathLike[str]) -> None:
        """Write the found words as a jieba user dictionary (``word nz`` per line, UTF-8), atomically."""
        entries = self.dictionary_entries()
        target = Path(path)
        temporary = target.with_name(target.name + ".tmp")
        try:
            temporary.write_text("".join(f"{word} {tag}\n" for word, _, tag in entries), encoding="utf-8")
            os.replace(temporary, target)
        except OSError as error:
            raise InputError(f"cannot write {target}: {error.strerror or error}") from None


def _compound(word: str, new: set[str], known: Container[str]) -> bool:
    """Is ``word`` a better new word followed or preceded by a known or new word (西集镇 + 计生)?"""
    for k in range(2, len(word) - 1):
        head, tail = word[:k], word[k:]
        if (head in new and (tail in known or tail in new)) or (tail in new and (head in known or head in new)):
            return True
    return False


def _entropy(neighbours: Counter[str], edges: int = 0) -> float:
    """Branching entropy of the neighbour counts; each of the ``edges`` run boundaries is a neighbour of its own."""
    total = sum(neighbours.values()) + edges
    if not total:
        return 0.0
    value = -sum(c / total * math.log(c / total) for c in neighbours.values())
    return value + edges / total * math.log(total)


def discover_words(texts: Iterable[str], *, min_count: int = 3) -> tuple[NewWord, ...]:
    """The new words of ``texts``, best first (``WordDiscoverer(min_count=...).fit(texts).words_``)."""
    return WordDiscoverer(min_count=min_count).fit(texts).words_
