"""The corpus's words and every rule about them, each decided once per distinct word: a :class:`Lexicon`.

A segmenter (:class:`tiyao.segment.Segmenter`) owns one lexicon. Every word it cuts gets an **entry**, a word
with its part of speech (jieba's tag set), numbered from 0 in order of first sight; a segmented article is the
array of its tokens' entry ids (:class:`tiyao.types.TokenColumns`). What the steps ask of a token is a column of
the lexicon, one value per entry, read for all the tokens of an article at once with numpy
(``lexicon.content[ids]``):

``tag_code``
    The entry's tag as a small integer (``lexicon.tag_names[code]``); code 0 is white space (tag ``""``).
``content``
    Is it a content word (:func:`is_content_word`: not punctuation, a number, a date, a stop word or a stray
    single character)?
``term``
    The summary's term: the lower-cased word's number in ``lexicon.terms`` for a content word, -1 otherwise.
other columns
    :meth:`Lexicon.column` computes a rule of another module (keyword candidate kinds, theme features) once per
    entry, for the entries added since it last asked, and keeps the values beside the others.

The tag of a word as the segmenter cuts it (:meth:`Lexicon.tag_of`) is its user-dictionary tag, else its tag in
jieba's dictionary, else a guess (:func:`guess_pos`). A token may carry another tag than its word's own (a measure
word after a number is ``mq``; tokens built by hand carry any tag): :meth:`Lexicon.entry` gives the entry of any
(word, tag) pair.

A column is read as it is when asked (``lexicon.content`` covers the entries made so far): make the entries first
(``ids = lexicon.ids(words)``), then index the column with them.

The lexicon grows with the corpus's vocabulary (its distinct words and tags), never with its length. It pickles
as its rules (stop words, user tags), without its entries: entry ids never leave a process (what the steps pass
between processes are words), and a worker numbers the words it sees on its own.

The rules themselves and the word-level constants the steps share are in :mod:`tiyao.wordclasses` (a module of
plain Python, which the segmenter imports without numpy) and are exported here too: the character classes
(:data:`HAN`, :func:`is_basic_han`), the noun-tag sets (:data:`KEYWORD_POS` of keyword candidates,
:data:`FEATURE_POS` of theme features), :func:`guess_pos` and :func:`is_content_word`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import compress, repeat
from typing import Any

import numpy as np

from . import resources
from .types import ROLE_CODES, SegmentedDocument, Token, TokenColumns

from .wordclasses import (CN_NUMBER, ENGLISH_STOP, FEATURE_POS, HAN, HAN_RANGES, KEYWORD_POS, NON_CONTENT_POS,
                          NUMBER, SINGLE_CHAR_WORDS, guess_pos, is_basic_han, is_content_word)

__all__ = ["CN_NUMBER", "ENGLISH_STOP", "FEATURE_POS", "HAN", "HAN_RANGES", "KEYWORD_POS", "NON_CONTENT_POS", "NUMBER",
           "SINGLE_CHAR_WORDS", "Lexicon", "Rule", "guess_pos", "is_basic_han", "is_content_word"]


# -- the lexicon -----------------------------------------------------------------------------------------------

#: ``rule(lexicon, start, stop) -> values``: a column's values for the entries ``start..stop - 1`` (see
#: :meth:`Lexicon.column`).
Rule = Callable[["Lexicon", int, int], Sequence[Any]]


class _Column:
    """One value per entry: a numpy array, its capacity doubled as needed."""

    __slots__ = ("data", "size")

    def __init__(self, dtype: Any) -> None:
        self.data = np.zeros(64, dtype=dtype)
        self.size = 0

    def view(self) -> np.ndarray:
        return self.data[:self.size]

    def extend(self, values: Sequence[Any]) -> None:
        end = self.size + len(values)
        if end > self.data.size:
            grown = np.zeros(max(end, 2 * self.data.size), dtype=self.data.dtype)
            grown[:self.size] = self.data[:self.size]
            self.data = grown
        self.data[self.size:end] = values
        self.size = end


class _OwnEntries(dict):
    """word -> the entry of the word with its own tag (:meth:`Lexicon.tag_of`); ``[word]`` makes the entry of a
    word not seen yet, so the entries of an article's new words are made in one pass over its words, in order
    of first sight. (Numbering THUCNews-1000's 590,000 words, 45,000 of them distinct, into a new lexicon: 0.245
    -> 0.22 s of CPU time, against a pass to find the new words and one to look every word up again; most of
    what is left is making the entries. Into a lexicon that has them all: 0.07 -> 0.05 s.) An entry is made with
    its word and tag only; its tag code, content verdict and term are worked out with those of the other new
    entries when that column is next read (:meth:`Lexicon._settle_codes`, :meth:`Lexicon._settle`): numbering
    THUCNews-1000's words into a new lexicon, reading the content column after each article, 0.29-0.31 ->
    0.21-0.24 s (the least of 5, twice, side by side with the entries made one rule call at a time)."""

    __slots__ = ("lexicon",)

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__()
        self.lexicon = lexicon

    def __missing__(self, word: str) -> int:
        lexicon = self.lexicon
        entry = self[word] = lexicon.entry(word, lexicon.tag_of(word))
        return entry


class Lexicon:
    """Entries (word, tag) numbered from 0, with their verdicts as columns (see the module docs).

    Parameters
    ----------
    stop_words:
        Words that are never content words; tiyao's curated list by default.
    user_tags:
        The words of user dictionaries and extra words, with the tags given there (before jieba's dictionary
        tags; ``""`` for a word given without a tag). Rules that ask whether a word is the user's read its keys.

    Examples
    --------
    >>> lexicon = Lexicon()
    >>> ids = lexicon.ids(["协会", "推出", "，", "的"])
    >>> [lexicon.tags[i] for i in ids]
    ['n', 'v', 'x', 'uj']
    >>> lexicon.content[ids].tolist()
    [True, True, False, False]
    """

    def __init__(self, stop_words: Iterable[str] | None = None, user_tags: Mapping[str, str] | None = None) -> None:
        self.stop_words = resources.stop_words() if stop_words is None else frozenset(stop_words)
        self.user_tags = dict(user_tags or {})
        self.dictionary_tags = resources.jieba_pos_tags()
        self.words: list[str] = []  # entry -> word
        self.tags: list[str] = []  # entry -> tag
        self._tag_names: list[str] = [""]  # tag code -> tag (0: white space)
        self._terms_seen: list[str] = []  # term number -> lower-cased content word
        self._tag_code = {"": 0}
        self._term_number: dict[str, int] = {}
        self._own = _OwnEntries(self)  # word -> its entry with its own tag (tag_of)
        self._by_tag: dict[str, dict[str, int]] = {}  # tag -> word -> entry
        self._tag_codes = _Column(np.int16)
        self._content = _Column(bool)
        self._terms = _Column(np.int64)
        self._rules: dict[Rule, _Column] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        return Lexicon, (self.stop_words, self.user_tags)  # its rules; the entries are numbered again where used

    def __len__(self) -> int:
        return len(self.words)

    def __repr__(self) -> str:
        return f"Lexicon(entries={len(self.words)}, stop_words={len(self.stop_words)})"

    # -- rules --------------------------------------------------------------------------------------------------

    def tag_of(self, word: str) -> str:
        """The tag the segmenter gives ``word``: its user tag, else jieba's dictionary tag, else a guess
        (:func:`guess_pos`); ``""`` for white space."""
        if word.isspace():
            return ""
        return self.user_tags.get(word) or self.dictionary_tags.get(word) or guess_pos(word)

    def knows(self, word: str) -> bool:
        """Is ``word`` a word of jieba's dictionary or of the user's (user dictionaries, extra words, a corpus's new
        words), rather than one the segmenter's HMM made?"""
        return word in self.dictionary_tags or word in self.user_tags

    def is_content(self, word: str, pos: str) -> bool:
        """Is ``word`` tagged ``pos`` a content word (:func:`is_content_word` with these stop words)?"""
        entry = self.entry(word, pos)  # (first: it may add the entry)
        return bool(self.content[entry])

    def is_content_token(self, token: Token) -> bool:
        """:meth:`is_content` of a token's text and tag."""
        return self.is_content(token.text, token.pos)

    # -- entries ------------------------------------------------------------------------------------------------

    def ids(self, words: Sequence[str]) -> np.ndarray:
        """The entry of each word with its own tag (:meth:`tag_of`), as an int64 array: one look-up per word, a
        word not seen yet getting its entry as it is met (:class:`_OwnEntries`)."""
        return np.fromiter(map(self._own.__getitem__, words), dtype=np.int64, count=len(words))

    def entry(self, word: str, tag: str) -> int:
        """The entry of ``word`` tagged ``tag`` (added when new)."""
        table = self._by_tag.get(tag)
        if table is None:
            table = self._by_tag[tag] = {}
        entry = table.get(word)
        if entry is None:  # a new entry (its verdicts are worked out when a column is read: _settle)
            entry = table[word] = len(self.words)
            self.words.append(word)
            self.tags.append(tag)
        return entry

    def entries(self, words: Sequence[str], tags: Sequence[str]) -> np.ndarray:
        """The entry of each (word, tag) pair, as an int64 array (the tokens of an article made by hand)."""
        entry = self.entry
        return np.fromiter(map(entry, words, tags), dtype=np.int64, count=len(words))

    def _settle_codes(self) -> None:
        """The tag codes of the entries added since the last call, for all of them at once."""
        start, stop = self._tag_codes.size, len(self.words)
        if start == stop:
            return
        tags = self.tags[start:stop]
        codes = list(map(self._tag_code.get, tags))
        if None in codes:
            for i in [i for i, code in enumerate(codes) if code is None]:
                code = self._tag_code.get(tags[i])
                if code is None:
                    code = self._tag_code[tags[i]] = len(self._tag_names)
                    self._tag_names.append(tags[i])
                codes[i] = code
        self._tag_codes.extend(codes)

    def _settle(self) -> None:
        """The content verdicts and terms of the entries added since the last call, worked out for all of them at
        once (when a column is read, not as each entry is made: THUCNews-1000's 57,000 entries a run were made one
        call per rule each; and a lexicon whose verdicts are never read, as that of the segmenter that reads a
        corpus's compounds, :mod:`tiyao.compounds`, never works them out)."""
        start, stop = self._content.size, len(self.words)
        if start == stop:
            return
        words, tags = self.words[start:stop], self.tags[start:stop]
        content = list(map(is_content_word, words, tags, repeat(self.stop_words)))
        terms = [-1] * len(words)
        number, seen = self._term_number, self._terms_seen
        for i in compress(range(len(words)), content):
            lower = words[i].lower()
            term = number.get(lower)
            if term is None:
                term = number[lower] = len(seen)
                seen.append(lower)
            terms[i] = term
        self._content.extend(content)
        self._terms.extend(terms)

    def columns(self, doc: SegmentedDocument) -> TokenColumns:
        """The token columns of ``doc`` over this lexicon: those the segmenter made when it is this lexicon's,
        else made here from its tokens (an article segmented by another segmenter, or built by hand)."""
        columns = doc.columns
        if columns is not None and columns.lexicon is self:
            return columns
        tokens = doc.tokens
        words, tags = [t.text for t in tokens], [t.pos for t in tokens]
        heads = np.zeros(len(doc.sentences) + 1, dtype=np.int64)
        np.cumsum([len(s.tokens) for s in doc.sentences], out=heads[1:])
        roles = np.fromiter((ROLE_CODES.get(s.sentence.role, 0) for s in doc.sentences), dtype=np.uint8,
                            count=len(doc.sentences))
        return TokenColumns(self, self.entries(words, tags),
                            np.fromiter((t.start for t in tokens), dtype=np.int64, count=len(tokens)),
                            np.fromiter((t.end for t in tokens), dtype=np.int64, count=len(tokens)), heads, roles)

    # -- columns --------------------------------------------------------------------------------------------

    @property
    def tag_code(self) -> np.ndarray:
        """Each entry's tag code (``tag_names[code]`` is the tag; 0: white space)."""
        self._settle_codes()
        return self._tag_codes.view()

    @property
    def content(self) -> np.ndarray:
        """Is each entry a content word?"""
        self._settle()
        return self._content.view()

    @property
    def term(self) -> np.ndarray:
        """Each entry's term number (its lower-cased word in :attr:`terms`), -1 for an entry that is not a
        content word."""
        self._settle()
        return self._terms.view()

    @property
    def tag_names(self) -> list[str]:
        """Tag code -> tag (code 0: white space, tag ``""``); read-only."""
        self._settle_codes()
        return self._tag_names

    @property
    def terms(self) -> list[str]:
        """Term number -> the lower-cased content word; read-only."""
        self._settle()
        return self._terms_seen

    def code(self, tag: str) -> int:
        """The tag code of ``tag`` (-1 for a tag no entry has yet)."""
        self._settle_codes()
        return self._tag_code.get(tag, -1)

    def column(self, rule: Rule, dtype: Any = np.int64) -> np.ndarray:
        """``rule``'s value for each entry, worked out once per entry (for the entries added since the last
        call) and kept. ``rule(lexicon, start, stop)`` returns the values of the entries ``start`` to ``stop - 1``
        (their ``words``, ``tags`` and the other columns); they must depend on nothing else than the entries and
        this lexicon's rules."""
        column = self._rules.get(rule)
        if column is None:
            column = self._rules[rule] = _Column(dtype)
        done, size = column.size, len(self.words)
        if done < size:
            column.extend(rule(self, done, size))
        return column.data[:size]
