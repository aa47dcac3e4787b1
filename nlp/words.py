"""New-word discovery: the corpus's own words that jieba's dictionary lacks (西集镇, 两非, 计生信贷).

Candidates are strings of 2 to ``max_length`` Chinese characters inside runs of Chinese characters (punctuation,
digits, Latin letters and line breaks end a run). A candidate ``w`` seen at least ``min_count`` times is scored on

* **cohesion**: the weakest split's pointwise mutual information,
  ``pmi(w) = min over splits w = a + b of ln(p(w) / (p(a) * p(b)))`` with ``p(x) = count(x) / characters``;
  a real word holds together at every split;
* **freedom**: the branching entropy of the characters just left and just right of its occurrences,
  ``entropy(w) = min(H_left(w), H_right(w))`` with ``H = -sum over neighbours x of p(x) ln p(x)``; the edge of a
  run counts as a new neighbour each time (``e`` edges add ``e / total * ln(total)``), so a word that stands
  between punctuation (“两非”) is free. A fragment (集镇 inside 西集镇) has one left neighbour and entropy near 0.

It is a new word when ``pmi >= min_pmi``, ``entropy >= min_entropy``, it is not in jieba's dictionary, it does not
start or end with a function character (的, 了, 和, ...), end with a locality word or directional complement (下, 内,
出, ...: 条件下), hold 的, 了 or 着 anywhere (提出了一种), and it is not made of numerals only. Its score is
``ln(1 + count) * pmi * entropy``. A candidate that is a part of a longer new word and almost never occurs apart
from it (at most ``1 / 0.9`` times the longer word's count) is dropped, and so is a better new word joined to a
known or new word (``西集镇计生`` = ``西集镇`` + ``计生``).

Found words go to the segmenter for the run (``Segmenter.with_words(discoverer.dictionary_entries())``) and can
be exported as a jieba user dictionary (``word nz`` per line; jieba picks a frequency that keeps the word whole).

The counting is vectorised (:class:`_Grams`): the texts become one array of code points, n-grams get ids level by
level with one sort per level, only at positions whose shorter parts are frequent, and the neighbours are counted
with one sort per side for the candidates that pass every other test; no Python work per character. About 0.3 s
per million characters of news. The floats are summed in the same order as the plain definition, so the scores
are the same to the last bit.
"""

from __future__ import annotations

import math
import os
from collections.abc import Container, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import resources
from .errors import ConfigError, InputError
from .files import write_file

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
        text = "\n".join(texts)  # a line break ends a run, like the end of a text
        grams = _Grams(text, self.min_count, self.max_length)
        if not grams.characters:
            self.words_: tuple[NewWord, ...] = ()
            return self
        found: list[NewWord] = []
        for n in range(2, self.max_length + 1):
            if len(grams.first[n]) == 0:
                break
            first, count = grams.first[n], grams.count[n]
            chars = np.stack([grams.code[first + k] for k in range(n)])  # (n, grams): each gram's characters
            ok = ~(_FUNCTION[chars[0]] | _FUNCTION[chars[-1]] | _NO_END[chars[-1]]
                   | _NO_INSIDE[chars].any(axis=0) | _NUMERAL[chars].all(axis=0))
            pmi = grams.pmi(n, ok)
            ok &= pmi >= self.min_pmi
            ids = np.flatnonzero(ok)
            ids = ids[[text[p:p + n] not in known for p in first[ids].tolist()]] if len(ids) else ids
            entropy = grams.entropy(n, ids)
            free = entropy >= self.min_entropy
            for i, e in zip(ids[free].tolist(), entropy[free].tolist()):
                p, c, m = int(first[i]), int(count[i]), float(pmi[i])
                found.append(NewWord(text[p:p + n], c, round(m, 4), round(e, 4), round(math.log1p(c) * m * e, 4)))
        found.sort(key=lambda w: (-w.score, w.word))
        # A word that almost never occurs apart from a longer kept word is a part of it: keep, for every string
        # inside a kept word, the highest count of a kept word around it (longest words are kept first).
        around: dict[str, int] = {}
        keep: set[str] = set()
        for word in sorted(found, key=lambda w: (-len(w.word), w.word)):
            if word.word in around and word.count <= around[word.word] / 0.9:
                continue
            keep.add(word.word)
            w = word.word
            for size in range(2, len(w)):
                for start in range(len(w) - size + 1):
                    part = w[start:start + size]
                    if around.get(part, -1) < word.count:
                        around[part] = word.count
        words: list[NewWord] = []
        accepted: set[str] = set()
        for word in (w for w in found if w.word in keep):
            if not _compound(word.word, accepted, known):
                words.append(word)
                accepted.add(word.word)
        self.words_ = tuple(words)
        return self

    def dictionary_entries(self) -> list[tuple[str, int | None, str]]:
        """The found words as ``(word, None, "nz")`` entries for :meth:`tiyao.segment.Segmenter.with_words`
        (jieba picks a frequency that keeps each word whole)."""
        if not hasattr(self, "words_"):
            raise ConfigError("WordDiscoverer is not fitted; call fit(texts) first")
        return [(w.word, None, "nz") for w in self.words_]

    def export(self, path: str | os.PathLike[str]) -> None:
        """Write the found words as a jieba user dictionary (``word nz`` per line, UTF-8), atomically."""
        entries = self.dictionary_entries()
        target = Path(path)
        write_file(target, "".join(f"{word} {tag}\n" for word, _, tag in entries))


def _table(chars: str) -> np.ndarray:
    """A lookup table over the Basic Multilingual Plane: True at the code points of ``chars``."""
    table = np.zeros(0x10000, dtype=bool)
    table[[ord(ch) for ch in chars]] = True
    return table


_FUNCTION = _table("".join(FUNCTION_CHARS))
_NO_END = _table("".join(_NO_END_CHARS))
_NO_INSIDE = _table("".join(_NO_INSIDE_CHARS))
_NUMERAL = _table("".join(_NUMERALS))


class _Grams:
    """The frequent n-grams of one text, counted with numpy (no Python work per character or per occurrence).

    The text is an array of code points with 0 for every character outside a run of Chinese characters. Level
    ``n`` gives every frequent n-gram (``count >= min_count``) an id: the n-grams are keyed by (id of their
    frequent (n-1)-prefix, their last character) at the positions whose (n-1)-prefix and (n-1)-suffix are both
    frequent (every part of a frequent string is frequent), grouped with one sort of ``key << bits | position``,
    so each group also lists its occurrences in text order. ``ids[n][i]`` is the id of the n-gram at ``i`` (-1
    if it is not frequent), ``first[n]`` and ``count[n]`` the first position and the count of each id.
    """

    def __init__(self, text: str, min_count: int, max_length: int) -> None:
        code = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
        han = ((code >= 0x3400) & (code <= 0x4DBF)) | ((code >= 0x4E00) & (code <= 0x9FFF)) \
            | ((code >= 0xF900) & (code <= 0xFAFF))
        code[~han] = 0
        self.code = code
        self.padded = np.concatenate(([0], code, [0]))  # padded[i]: the character before position i
        self.characters = int(np.count_nonzero(han))
        self.bits = max(1, (len(code) - 1).bit_length())  # bits of a position
        chars = np.bincount(code[han], minlength=0x10000)
        chars[0] = 0
        frequent = chars >= min_count
        dense = np.cumsum(frequent) - 1
        self.ids: dict[int, np.ndarray] = {1: np.where(frequent[code], dense[code], -1).astype(np.int32)}
        self.count: dict[int, np.ndarray] = {1: chars[frequent]}
        self.first: dict[int, np.ndarray] = {}
        self.occurrences: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # (positions, ids), grouped by id
        alphabet = int(np.count_nonzero(frequent))
        empty = np.zeros(0, dtype=np.int64)
        for n in range(2, max_length + 1):
            prev = self.ids[n - 1]
            at = np.flatnonzero((prev[:-1] >= 0) & (prev[1:] >= 0))
            if not len(at):
                for m in range(n, max_length + 1):
                    self.first[m] = self.count[m] = empty
                break
            keys = prev[at].astype(np.int64) * alphabet + self.ids[1][at + n - 1]
            positions, starts, counts = self._groups(keys, at)[1:]
            keep = counts >= min_count
            label = np.where(keep, np.cumsum(keep) - 1, -1).astype(np.int32)
            ids = np.full(len(code), -1, dtype=np.int32)
            ids[positions] = np.repeat(label, counts)
            self.ids[n] = ids
            self.first[n] = positions[starts[keep]]
            self.count[n] = counts[keep]
            inside = np.repeat(keep, counts)
            self.occurrences[n] = (positions[inside], np.repeat(label[keep], counts[keep]))

    def _groups(self, keys: np.ndarray, positions: np.ndarray) -> tuple[np.ndarray, ...]:
        """Sort ``keys`` (ties by position): the sorted keys, their positions, where each run of equal keys starts,
        and the runs' lengths."""
        if int(keys.max()).bit_length() + self.bits <= 62:
            packed = np.sort((keys << self.bits) | positions)
            keys, positions = packed >> self.bits, packed & ((1 << self.bits) - 1)
        else:  # pragma: no cover - only for texts of billions of characters
            order = np.argsort(keys, kind="stable")
            keys, positions = keys[order], positions[order]
        new = np.empty(len(keys), dtype=bool)
        new[:1] = True
        np.not_equal(keys[1:], keys[:-1], out=new[1:])
        starts = np.flatnonzero(new)
        return keys, positions, starts, np.diff(np.append(starts, len(keys)))

    def pmi(self, n: int, ok: np.ndarray) -> np.ndarray:
        """The weakest split's PMI of each n-gram id (-inf where ``ok`` is False), as the module docs define it."""
        pmi = np.full(len(ok), -np.inf)
        first = self.first[n][ok]
        if not len(first):
            return pmi
        log_total = math.log(self.characters)
        log_p = np.log(self.count[n][ok]) - log_total
        weakest = None
        for k in range(1, n):
            head = np.log(self.count[k][self.ids[k][first]])
            tail = np.log(self.count[n - k][self.ids[n - k][first + k]])
            value = log_p - (head - log_total) - (tail - log_total)
            weakest = value if weakest is None else np.minimum(weakest, value)
        pmi[ok] = weakest
        return pmi

    def entropy(self, n: int, ids: np.ndarray) -> np.ndarray:
        """min(left, right) branching entropy of each n-gram id in ``ids`` (ascending), as the module docs say."""
        if not len(ids):
            return np.zeros(0)
        rank = np.full(len(self.count[n]), -1, dtype=np.int64)
        rank[ids] = np.arange(len(ids))
        positions, which = self.occurrences[n]
        which = rank[which]
        chosen = which >= 0
        positions, which = positions[chosen], which[chosen]
        total = self.count[n][ids]
        left = self._side(which, self.padded[positions], positions, total)
        right = self._side(which, self.padded[positions + n + 1], positions, total)
        return np.minimum(left, right)

    def _side(self, which: np.ndarray, neighbour: np.ndarray, positions: np.ndarray, total: np.ndarray) -> np.ndarray:
        """Branching entropy per rank from each occurrence's neighbour (0: the edge of a run). The terms are summed
        in the order the neighbours first occur in the text, as a plain loop over the text would, so the floats are
        the same to the last bit."""
        keys, positions, starts, counts = self._groups((which << 16) | neighbour, positions)
        keys, first = keys[starts], positions[starts]
        rank, neighbour = keys >> 16, keys & 0xFFFF
        edge = neighbour == 0
        edges = np.bincount(rank[edge], weights=counts[edge], minlength=len(total))
        rank, counts, first = rank[~edge], counts[~edge], first[~edge]
        order = np.lexsort((first, rank))
        rank, counts = rank[order], counts[order]
        share = counts / total[rank]
        value = np.bincount(rank, weights=share * np.log(share), minlength=len(total))
        return -value + edges / total * np.log(total)


def _compound(word: str, new: set[str], known: Container[str]) -> bool:
    """Is ``word`` a better new word followed or preceded by a known or new word (西集镇 + 计生)?"""
    for k in range(2, len(word) - 1):
        head, tail = word[:k], word[k:]
        if (head in new and (tail in known or tail in new)) or (tail in new and (head in known or head in new)):
            return True
    return False


def discover_words(texts: Iterable[str], *, min_count: int = 3) -> tuple[NewWord, ...]:
    """The new words of ``texts``, best first (``WordDiscoverer(min_count=...).fit(texts).words_``)."""
    return WordDiscoverer(min_count=min_count).fit(texts).words_
