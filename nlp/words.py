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
  Every number is one neighbour, whatever its digits (``0-9``, full-width digits, 一二三…百千万, 第, 余, 多, 半):
  a run that starts after a number is not free on that side (``次助攻``, ``场比赛``, ``日下午``, ``万像素`` follow
  numbers only, so their left entropy is near 0).

It is a new word when ``pmi >= min_pmi``, ``entropy >= min_entropy``, it is not in jieba's dictionary, it does not
start or end with a function character (的, 了, 和, ...), end with a locality word or directional complement (下, 内,
出, ...: 条件下), hold 的, 了 or 着 anywhere (提出了一种), and it is not made of numerals only. Its score is
``ln(1 + count) * pmi * entropy``. Then these strings are not new words:

* a part of longer new words that almost never occurs apart from them (at most ``1 / 0.9`` times the summed counts
  of the kept words it sits in: ``人口计`` inside ``人口计生``);
* a one-character function or modifier word glued before or after a known word or another kept new word of two
  or more characters, or a pronoun: a verb, preposition, pronoun, adverb, conjunction, numeral, measure word,
  adjective, distinguishing word, particle or surname before (``让湖人``, ``给大家``, ``让你``, ``已开始``,
  ``新局面``, ``副主席``, ``宋省长``), a verb, preposition, pronoun, adverb, conjunction, locality word, particle,
  suffix or surname after (``孩子们``, ``成功地``, ``目前已``, ``发生后``, ``记者王``): a phrase, not a word;
* a piece of its neighbours: a character and a known word or a phrase of known words, where that character
  mostly (in at least half of the occurrences) closes a dictionary word begun by the one to three characters before
  it (``委书记`` after 县, 市: 县委, 市委; ``化进程`` after 现代: 现代化; ``局副局长`` after 公安: 公安局;
  ``镇计生协会`` after 西集: 集镇) or makes one with the character after it (``正式投`` before 资: 投资). The
  characters beside the candidates are counted once (:meth:`_Grams.neighbours`), not searched for word by word;
* a phrase of known words: a string that cuts into dictionary words of two or more characters, perhaps joined by
  a function character (``基金经理``, ``数据显示``, ``经济和社会``): jieba reads it already;
* a better new word joined to a known or new word (``西集镇计生`` = ``西集镇`` + ``计生``).

``tiyao words`` lists each kept word with this evidence: count, PMI, left and right entropy, score.

Keywords keep the compounds that hide known words of two or more characters (a term is wanted whole); themes
would cluster better without them (``WordDiscoverer(compounds=False)``, :func:`hides_known_words`: ``偏股基金``
hides ``基金``, ``党主席`` hides ``主席``: the known word is what articles on one subject share), but a run's new
words serve all its steps, so ``tiyao run`` and ``tiyao cluster`` keep them.

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
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
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
#: The neighbour code of every number (any code point that is not a Chinese character and not 0, the edge).
NUMBER_CLASS = 0x30
#: Characters of context on each side a word is checked against for borrowing a piece of its neighbour.
CONTEXT = 3


@dataclass(frozen=True, slots=True)
class NewWord:
    """A word found in the corpus that jieba's dictionary lacks, with the evidence for it."""

    word: str
    count: int  # occurrences in the corpus
    pmi: float  # cohesion: the weakest split's pointwise mutual information
    entropy: float  # freedom: min(left, right) branching entropy, in nats
    score: float  # ln(1 + count) * pmi * entropy
    left_entropy: float = 0.0  # branching entropy of the characters before it (numbers one class, edges free)
    right_entropy: float = 0.0  # and after it


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
    clean:
        Apply issue 13's cleaning (numbers one neighbour class, parts dropped by summed counts, the phrase rules:
        see the module docs). Off, words are found as before it (numbers are edges, a part is dropped by the count
        of the longest word around it, no phrase rules): the keyword rankings that measured worse with the
        cleaning use that (:func:`tiyao.keyterms.clean_discovery`: words only, where ``基金经理`` or ``遗传算法``
        can be a keyword only as a new word, and TextRank).
    compounds:
        Keep new words that hide known words of two or more characters (:func:`hides_known_words`: ``偏股基金``,
        ``党主席``, ``新浪娱乐讯``): a keyword wants such a term whole. Themes alone would rather have it off: the
        known word inside (``基金``, ``主席``, ``娱乐``) is what articles on one subject share, and a rarer compound
        in its place hides it. On THUCNews-1000, themes with ``--themes 10``: V-measure 0.919 at seed 0 and 0.9126
        over seeds 0-9 without them, 0.914 and 0.9108 with them (what ``tiyao cluster`` does: the run's new words
        serve every step), 0.918 and 0.9116 with no new words.

    Examples
    --------
    >>> texts = ["西集镇计生办，西集镇派出所。", "西集镇卫生院和西集镇民政办。", "来到西集镇。"]
    >>> [w.word for w in WordDiscoverer(min_count=3, min_pmi=1.0).fit(texts).words_]
    ['西集镇']
    """

    def __init__(self, *, min_count: int = 3, max_length: int = 6, min_pmi: float = 3.0,
                 min_entropy: float = 0.9, known: frozenset[str] | None = None, clean: bool = True,
                 compounds: bool = True) -> None:
        self.min_count = min_count
        self.max_length = max_length
        self.min_pmi = min_pmi
        self.min_entropy = min_entropy
        self.known = known
        self.clean = clean
        self.compounds = compounds

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
        tags = resources.jieba_pos_tags()
        known: Container[str] = self.known if self.known is not None else tags
        text = "\n".join(texts)  # a line break ends a run, like the end of a text
        grams = _Grams(text, self.min_count, self.max_length, numbers_one_class=self.clean)
        if not grams.characters:
            self.words_: tuple[NewWord, ...] = ()
            return self
        found: list[NewWord] = []
        gram_id: dict[str, tuple[int, int]] = {}  # each found word's length and id among the n-grams
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
            left, right = grams.entropy(n, ids)
            entropy = np.minimum(left, right)
            free = entropy >= self.min_entropy
            for i, e, a, b in zip(ids[free].tolist(), entropy[free].tolist(), left[free].tolist(),
                                  right[free].tolist()):
                p, c, m = int(first[i]), int(count[i]), float(pmi[i])
                found.append(NewWord(text[p:p + n], c, round(m, 4), round(e, 4), round(math.log1p(c) * m * e, 4),
                                     round(a, 4), round(b, 4)))
                gram_id[text[p:p + n]] = (n, i)
        found.sort(key=lambda w: (-w.score, w.word))
        # A word that almost never occurs apart from longer kept words is a part of them: keep, for every string
        # inside kept words, how often it occurs inside them (the kept words' counts, summed over the kept words
        # and over its places in each; longest words are kept first).
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
                    if self.clean:
                        around[part] = around.get(part, 0) + word.count
                    elif around.get(part, -1) < word.count:
                        around[part] = word.count
        words: list[NewWord] = []
        accepted: set[str] = set()
        candidates = [w for w in found if w.word in keep]
        phrases = {w.word for w in candidates if self.clean and (_glued_function_word(w.word, known, keep, tags)
                                                                  or _known_words(w.word, known))}
        if self.clean:  # the characters beside the words that could be a piece of their neighbours, counted once
            beside = self._contexts(grams, [w.word for w in candidates if w.word not in phrases], gram_id, known)
            phrases.update(w for w, (left, right) in beside.items() if _borrows_a_neighbour(w, left, right, known))
        for word in candidates:
            phrase = word.word in phrases
            if not phrase and not _compound(word.word, accepted, known):
                words.append(word)
                accepted.add(word.word)
        if not self.compounds and words:
            from .segment import Segmenter

            cut = Segmenter(hmm=False).cut  # the dictionary's own cut of each word
            words = [w for w in words if not hides_known_words(w.word, cut)]
        self.words_ = tuple(words)
        return self

    @staticmethod
    def _contexts(grams: _Grams, words: Iterable[str], gram_id: dict[str, tuple[int, int]],
                  known: Container[str]) -> dict[str, tuple[dict[str, int], dict[str, int]]]:
        """The contexts (:meth:`_Grams.neighbours`) of those ``words`` that :func:`_borrows_a_neighbour` looks
        at (three or more characters, the rest of the word known or a phrase of known words), one call per
        length."""
        by_length: dict[int, list[tuple[int, str]]] = {}
        for word in words:
            if len(word) >= 3 and (_whole(word[1:], known) or _whole(word[:-1], known)):
                n, i = gram_id[word]
                by_length.setdefault(n, []).append((i, word))
        contexts: dict[str, tuple[dict[str, int], dict[str, int]]] = {}
        for n, items in sorted(by_length.items()):
            items.sort()
            ids = np.array([i for i, _ in items], dtype=np.int64)
            for (_, word), sides in zip(items, grams.neighbours(n, ids)):
                contexts[word] = sides
        return contexts

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

    def __init__(self, text: str, min_count: int, max_length: int, *, numbers_one_class: bool = True) -> None:
        code = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
        han = ((code >= 0x3400) & (code <= 0x4DBF)) | ((code >= 0x4E00) & (code <= 0x9FFF)) \
            | ((code >= 0xF900) & (code <= 0xFAFF))
        # Neighbours: a number (digits, full-width digits, Chinese numerals) is one neighbour class, not an edge
        # (``次助攻`` after 10, 8, 12 is not free on its left); other characters outside Chinese runs are edges.
        number = ((code >= 0x30) & (code <= 0x39)) | ((code >= 0xFF10) & (code <= 0xFF19)) \
            | (han & _NUMERAL[np.minimum(code, 0xFFFF)])
        neighbour = np.where(han, code, 0)
        if numbers_one_class:
            neighbour[number] = NUMBER_CLASS
        # raw[i + CONTEXT]: the character at position i, whatever it is (0 beyond the text's ends)
        self.raw = np.concatenate((np.zeros(CONTEXT, dtype=np.int64), code, np.zeros(CONTEXT, dtype=np.int64)))
        code = np.where(han, code, 0)
        self.code = code
        self.neighbour = np.concatenate(([0], neighbour, [0]))  # neighbour[i]: the character before position i
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

    def entropy(self, n: int, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The left and the right branching entropy of each n-gram id in ``ids`` (ascending), as the module docs
        say."""
        if not len(ids):
            return np.zeros(0), np.zeros(0)
        rank = np.full(len(self.count[n]), -1, dtype=np.int64)
        rank[ids] = np.arange(len(ids))
        positions, which = self.occurrences[n]
        which = rank[which]
        chosen = which >= 0
        positions, which = positions[chosen], which[chosen]
        total = self.count[n][ids]
        left = self._side(which, self.neighbour[positions], positions, total)
        right = self._side(which, self.neighbour[positions + n + 1], positions, total)
        return left, right

    def neighbours(self, n: int, ids: np.ndarray) -> list[tuple[dict[str, int], dict[str, int]]]:
        """For each n-gram id in ``ids`` (ascending), the ``CONTEXT`` characters just before and just after its
        occurrences, as strings in text order with their counts (digits, letters and punctuation as they are;
        ``"\\0"`` beyond the ends of the text): one sort of the occurrences' contexts per side."""
        result: list[tuple[dict[str, int], dict[str, int]]] = [({}, {}) for _ in range(len(ids))]
        if not len(ids):
            return result
        rank = np.full(len(self.count[n]), -1, dtype=np.int64)
        rank[ids] = np.arange(len(ids))
        positions, which = self.occurrences[n]
        which = rank[which]
        chosen = which >= 0
        positions, which = positions[chosen] + CONTEXT, which[chosen]
        for side, begin in enumerate((positions - CONTEXT, positions + n)):
            rows = np.stack([which] + [self.raw[begin + k] for k in range(CONTEXT)], axis=1)
            contexts, counts = np.unique(rows, axis=0, return_counts=True)
            for row, c in zip(contexts.tolist(), counts.tolist()):
                result[row[0]][side]["".join(map(chr, row[1:]))] = c
        return result

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


#: Tags (jieba's) of single characters that do not open a new word glued to a known one: verbs, prepositions,
#: pronouns, adverbs, conjunctions, numerals, measure words, adjectives, distinguishing words, particles and
#: surnames (让 + 湖人, 给 + 大家, 已 + 开始, 三 + 大任务, 新 + 局面, 副 + 主席, 宋 + 省长); and that do not close one:
#: verbs, prepositions, pronouns, adverbs, conjunctions, locality words, particles, suffixes and surnames
#: (孩子 + 们, 成功 + 地, 目前 + 已, 发生 + 后, 记者 + 王).
_GLUE_HEAD_TAGS = frozenset({"v", "p", "r", "d", "c", "m", "q", "a", "b", "nr", "u", "uj", "uv", "ud", "ul", "uz",
                             "ug"})
_GLUE_TAIL_TAGS = frozenset({"v", "p", "r", "d", "c", "f", "k", "nr", "u", "uj", "uv", "ud", "ul", "uz", "ug"})


def _glued_function_word(word: str, known: Container[str], new: Container[str], tags: dict[str, str]) -> bool:
    """Is ``word`` a one-character function word (verb, preposition, pronoun, adverb, ...: see the tag sets) glued
    before or after a known word or another kept new word (``让湖人``, ``给大家``, ``孩子们``)? The rest must have
    two or more characters, or be a pronoun (``让你``)."""
    for char, rest, glue in ((word[0], word[1:], _GLUE_HEAD_TAGS), (word[-1], word[:-1], _GLUE_TAIL_TAGS)):
        if tags.get(char) in glue and (rest in known or rest in new) and (len(rest) >= 2 or tags.get(rest) == "r"):
            return True
    return False


def _borrows_a_neighbour(word: str, left: Mapping[str, int], right: Mapping[str, int],
                         known: Container[str]) -> bool:
    """Is ``word`` a piece of its neighbours: does its first character, in at least half of its occurrences,
    close a known word that the one to three characters before it open (``委书记`` after 县 or 市: 县委, 市委;
    ``化进程`` after 现代: 现代化; ``局副局长`` after 公安: 公安局), or its last character make a known word with the
    character after it (``正式投`` before 资: 投资; only one: a place name's 镇, 村, 市 open longer words after it,
    三阳镇 + 政府)? A side is checked only when the rest of the word is
    a known word or a phrase of known words (``镇计生协会`` after 西集: 集镇, the rest 计生 + 协会). Words of two
    characters are not checked: in traditional Chinese text, read with jieba's mostly simplified dictionary,
    real words (集團, 火車, 校園) lean on their neighbours as often. ``left`` and ``right``: the ``CONTEXT`` characters just
    before and just after the word's occurrences, with their counts (:meth:`_Grams.neighbours`), so no scan of the
    text per word."""
    if len(word) < 3:
        return False
    head, tail = _whole(word[1:], known), _whole(word[:-1], known)
    if not head and not tail:
        return False
    total = sum(left.values())
    before = sum(c for chars, c in left.items() if any(chars[-k:] + word[0] in known for k in range(1, CONTEXT + 1))) \
        if head else 0
    after = sum(c for chars, c in right.items() if word[-1] + chars[:1] in known) if tail else 0
    return total > 0 and 2 * max(before, after) >= total


def _whole(rest: str, known: Container[str]) -> bool:
    """Is ``rest`` (two or more characters) a known word or a phrase of known words?"""
    return rest in known or _known_words(rest, known)


def _known_words(word: str, known: Container[str]) -> bool:
    """Can ``word`` be cut into known words of two or more characters each, perhaps joined by a function character
    (``基金经理`` = ``基金`` + ``经理``, ``经济和社会`` = ``经济`` + ``和`` + ``社会``)? Then it is a phrase jieba
    already reads, not a new word."""
    ends = [True] + [False] * len(word)  # ends[i]: word[:i] is cut into known words and joiners
    for i in range(1, len(word) + 1):
        ends[i] = any(ends[j] and word[j:i] in known for j in range(0, i - 1)) \
            or (0 < i - 1 and ends[i - 1] and word[i - 1] in FUNCTION_CHARS and i < len(word))
    return ends[-1]


def _compound(word: str, new: set[str], known: Container[str]) -> bool:
    """Is ``word`` a better new word followed or preceded by a known or new word (西集镇 + 计生)?"""
    for k in range(2, len(word) - 1):
        head, tail = word[:k], word[k:]
        if (head in new and (tail in known or tail in new)) or (tail in new and (head in known or head in new)):
            return True
    return False


def hides_known_words(word: str, cut: Callable[[str], Sequence[str]]) -> bool:
    """Does ``word`` hide known words of two or more characters? ``cut`` is the dictionary's cut (no HMM): yes when
    it holds two or more such words (``新浪娱乐讯`` = 新浪 + 娱乐 + 讯, ``可持续发展`` = 可 + 持续 + 发展) or ends in
    one after single characters (``偏股基金`` = 偏 + 股 + 基金, ``党主席`` = 党 + 主席, ``西集镇`` = 西 + 集镇)."""
    pieces = cut(word)
    known = [piece for piece in pieces if len(piece) >= 2]
    return len(known) >= 2 or (len(known) == 1 and len(pieces) > 1 and len(pieces[-1]) >= 2 and len(pieces[0]) == 1)


def discover_words(texts: Iterable[str], *, min_count: int = 3) -> tuple[NewWord, ...]:
    """The new words of ``texts``, best first (``WordDiscoverer(min_count=...).fit(texts).words_``)."""
    return WordDiscoverer(min_count=min_count).fit(texts).words_
