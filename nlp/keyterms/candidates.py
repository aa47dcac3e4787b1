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

How it is computed: a token's kind is a column of the segmenter's lexicon (:func:`token_codes`, worked out once
per word and tag), read for the article's token columns at once; the candidate spans of every length are found with
numpy over those columns (kinds, runs, the cumulative character count), and each term is one slice of the
document's tokens joined once. No Python work per candidate apart from that slice;
:func:`occurrences` (one candidate at a time, with its run) stays as the readable reference the tests compare with.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from operator import attrgetter
from typing import Any

import numpy as np

from .. import resources
from ..compounds import join_compounds
from ..lexicon import KEYWORD_POS, SINGLE_CHAR_WORDS, Lexicon, is_basic_han
from ..segment import Segmenter
from ..furniture import BYLINE_WORDS, without_furniture
from ..types import SegmentedDocument, Token

#: Parts of speech of words that can sit inside a phrase but are not keywords alone.
PHRASE_POS = frozenset({"v", "vd", "a", "ad", "b", "bg", "f", "s", "h", "k"})
_RUN_POS = KEYWORD_POS | PHRASE_POS  # (with "x" for ASCII terms) the tags a non-break word can have
#: Parts of speech a phrase must not start with (a locality word or a suffix: 内, 型).
_NO_START_POS = frozenset({"f", "k"})
#: Single characters that may open a phrase (``大角度机动``); other single characters only continue or end one.
_AFFIX_START_POS = frozenset({"a", "b", "n", "ng"})

#: Parts of speech of single characters that can sit inside a phrase (``酶`` in ``氨基酰化酶``, ``型`` in
#: ``凝聚型菌株``, ``大`` in ``大角度机动``): noun-like characters, suffixes, adjectives and distinguishing words.
AFFIX_POS = frozenset({"n", "ng", "nz", "k", "zg", "j", "vn", "a", "b", "v", "ag", "tg", "dg"})

BREAK, PHRASE_WORD, KEYWORD_WORD, AFFIX = 0, 1, 2, 3
#: Bit set in a token's code (see :meth:`TokenKinds.code`) when a phrase may start with the token.
START = 4


class TokenKinds:
    """Classifies tokens as keyword words, phrase words, affixes or breaks: a column of the segmenter's lexicon
    (:func:`token_codes`), worked out once per word and tag."""

    def __init__(self, segmenter: Segmenter | None = None) -> None:
        self.segmenter = segmenter if segmenter is not None else Segmenter()

    def kind(self, token: Token) -> int:
        """:data:`KEYWORD_WORD`, :data:`PHRASE_WORD`, :data:`AFFIX` or :data:`BREAK`."""
        return self.code(token) & 3

    def code(self, token: Token) -> int:
        """The token's kind, plus :data:`START` when a phrase may open with it (not a break, a locality word, a
        suffix, or a single character that only continues a phrase)."""
        lexicon = self.segmenter.lexicon
        entry = lexicon.entry(token.text, token.pos)
        return int(lexicon.column(token_codes, np.uint8)[entry])

    def codes(self, tokens: list[Token], texts: list[str]) -> list[int]:
        """:meth:`code` of each token (``texts`` are their texts)."""
        lexicon = self.segmenter.lexicon
        entries = lexicon.entries(texts, list(map(_POS, tokens)))
        return lexicon.column(token_codes, np.uint8)[entries].tolist()


def token_codes(lexicon: Lexicon, start: int, stop: int) -> list[int]:
    """The code (kind | START) of the entries ``start..stop - 1`` of ``lexicon`` (a
    :meth:`~tiyao.lexicon.Lexicon.column` rule)."""
    codes = []
    stop_words = lexicon.stop_words
    for word, pos, content in zip(lexicon.words[start:stop], lexicon.tags[start:stop],
                                  lexicon.content[start:stop].tolist()):
        kind = _classify(word, pos, content, stop_words)
        opens = kind != BREAK and pos not in _NO_START_POS and not (kind == AFFIX and pos not in _AFFIX_START_POS)
        codes.append(kind | (START if opens else 0))
    return codes


def _classify(text: str, pos: str, content: bool, stop_words: frozenset[str]) -> int:
    if text in BYLINE_WORDS or _spoken_by(text, pos) or _latin_fragment(text):
        return BREAK  # 记者, 新华社; 李鹏说; mg, ch: never a keyword, nor part of one
    if len(text) == 1 and pos in AFFIX_POS and text not in stop_words \
            and text not in SINGLE_CHAR_WORDS and is_basic_han(text):
        return AFFIX
    if pos not in _RUN_POS and pos != "x" or not content:
        return BREAK
    if pos == "nz" and _verb_ended(text):
        return PHRASE_WORD  # 顺利开展: an adverb and a verb, not a name
    if pos in KEYWORD_POS or (pos == "x" and text.isascii()):
        return KEYWORD_WORD
    if pos in PHRASE_POS:
        return PHRASE_WORD
    return BREAK


_ADVERBS = frozenset({"d", "ad", "a"})


def _spoken_by(word: str, pos: str) -> bool:
    """Is ``word`` a name with its verb of saying (``李鹏说``, ``王五称``, ``张三表示``), which the HMM of the segmenter
    can glue into one unknown word? (Dictionary words such as 小说, 学说, 声称 are tagged otherwise.)"""
    if word in _SAY_VERBS:
        return pos.startswith("v")  # the verb alone: it must not end a phrase (李鹏 + 说)
    if pos not in _GLUED_POS:
        return False
    for verb in _SAY_VERBS:
        if word.endswith(verb) and 2 <= len(word) - len(verb) <= 3:
            return True
    return False


def _latin_fragment(word: str) -> bool:
    """A lower-case Latin fragment of one or two letters (``mg``, ``ti``: units, formula debris), or a formula's
    variable, one lower-case letter and a digit (``x0``, ``r1``, ``u1``: papers' subscripts written inline; names
    of things take more, ``p53``, ``T3``, ``Cd``)."""
    if len(word) > 2 or not word.isascii():
        return False
    return (word.isalpha() and word.islower()) or (len(word) == 2 and word[0].islower() and word[1].isdigit())


_GLUED_POS = frozenset({"nz", "nr", "nrfg", "nrt", "x"})
_SAY_VERBS = ("表示", "指出", "认为", "说", "称", "讲")


def _verb_ended(word: str) -> bool:
    """Is ``word`` (tagged ``nz``) an adverb or adjective and a verb, two dictionary words (顺利 + 开展)?
    (A noun and a verb, 数值模拟, is a term and stays one.)"""
    if len(word) < 4:
        return False
    tags = resources.jieba_pos_tags()
    return any(tags.get(word[:k]) in _ADVERBS and tags.get(word[k:]) == "v" for k in range(2, len(word) - 1))


@dataclass(frozen=True, slots=True, eq=False)
class Candidates:
    """The candidate terms of one document, with their statistics (parallel arrays, one entry per term, terms
    sorted). The words of a term are those of its first occurrence (:meth:`part`)."""

    terms: tuple[str, ...]
    count: np.ndarray  # occurrences in the document
    first: np.ndarray  # offset of the first occurrence / length of the text (0 = the very start)
    in_title: np.ndarray  # bool: the term occurs in the title
    length: int  # number of terms
    words: np.ndarray  # number of words of each term (1 for a single word)
    at: np.ndarray  # index in ``tokens`` of the first word of the term's first occurrence
    tokens: list[str]  # the texts of the document's tokens

    def __len__(self) -> int:
        return len(self.terms)

    def part(self, i: int) -> tuple[str, ...]:
        """The words of term ``i`` (``("长效", "节育", "措施")`` for ``长效节育措施``)."""
        at = int(self.at[i])
        return tuple(self.tokens[at:at + int(self.words[i])])

    @property
    def parts(self) -> tuple[tuple[str, ...], ...]:
        """The words of every term."""
        return tuple(self.part(i) for i in range(len(self.terms)))

    def index(self) -> dict[str, int]:
        """term -> its position in :attr:`terms`."""
        return dict(zip(self.terms, range(len(self.terms))))

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Pickled between the passes (kept, or sent to a worker process): the terms and the tokens go as one
        # string each, split back when unpickled: pickling an article's candidates took 0.09-0.10 ms, now 0.065
        # (THUCNews, 300 articles), unpickling no more than before.
        terms, tokens = _joined(self.terms), _joined(self.tokens)
        return _candidates, (terms, tokens, self.count, self.first, self.in_title, self.length, self.words,
                             self.at, isinstance(self.tokens, list))


_SEPARATOR = "\x00"  # (a text has no NUL: tiyao.clean drops control characters; a string with one goes as is)


def _joined(strings: Sequence[str]) -> str | Sequence[str]:
    joined = _SEPARATOR.join(strings)
    return joined if strings and joined.count(_SEPARATOR) == len(strings) - 1 else strings


def _split(strings: str | Sequence[str]) -> list[str]:
    return strings.split(_SEPARATOR) if isinstance(strings, str) else list(strings)


def _candidates(terms: str | Sequence[str], tokens: str | Sequence[str], count: np.ndarray, first: np.ndarray,
                in_title: np.ndarray, length: int, words: np.ndarray, at: np.ndarray, listed: bool) -> Candidates:
    texts = _split(tokens)
    return Candidates(tuple(_split(terms)), count, first, in_title, length, words, at,
                      texts if listed else tuple(texts))  # type: ignore[arg-type]


_POS = attrgetter("pos")


@dataclass(frozen=True, slots=True, eq=False)
class Scan:
    """One document's candidate occurrences, in reading order (by first word, then length), as columns."""

    terms: list[str]  # the term of each occurrence
    at: np.ndarray  # index of its first token
    words: np.ndarray  # its number of tokens
    texts: list[str]  # the texts of all tokens of the document
    codes: np.ndarray  # the code of every token (TokenKinds.code)
    starts: np.ndarray  # the offset of every token


#: Per token code (kind | START): is it a keyword word, in a run (not a break), can it open a phrase, an affix?
_FLAGS = np.array([[code & 3 == KEYWORD_WORD for code in range(8)],
                   [code & 3 != BREAK for code in range(8)],
                   [code & 3 != BREAK and code & START != 0 for code in range(8)],
                   [code & 3 == AFFIX for code in range(8)]], dtype=bool)
_FAR = 1 << 40  # characters "after the end of the text": no phrase reaches there


def _window(array: np.ndarray, offset: int, rows: int, n: int) -> np.ndarray:
    """``view[k, i] = array.flat[offset + k + i]`` (a sliding window; no copy). ``array`` is C-contiguous."""
    assert array.flags.c_contiguous
    size = array.itemsize
    return np.ndarray((rows, n), array.dtype, array, offset * size, (size, size))


def scan_candidates(doc: SegmentedDocument, kinds: TokenKinds, max_words: int, max_chars: int,
                    phrases: bool) -> Scan:
    """Every candidate occurrence of ``doc`` (what :func:`occurrences` yields, in the same order), vectorised:
    row ``k`` of a (width, n) table says whether the span of ``k + 1`` tokens from token ``i`` is a candidate.
    Furniture sentences (datelines, fields, mastheads…) give no candidates; each of the segmenter's compounds is
    one token (:func:`tiyao.compounds.join_compounds`)."""
    doc = join_compounds(without_furniture(doc), kinds.segmenter)
    lexicon = kinds.segmenter.lexicon
    columns = lexicon.columns(doc)
    ids = columns.ids
    n = ids.size
    codes = lexicon.column(token_codes, np.uint8)[ids]
    texts = list(map(lexicon.words.__getitem__, ids.tolist()))
    starts = columns.starts
    heads = columns.heads[1:-1]
    width = max(1, max_words if phrases else 1) if n > 1 else 1
    padded = np.zeros(n + width, dtype=np.uint8)  # (codes are 0..7; breaks after the end)
    padded[:n] = codes
    flags = np.take(_FLAGS, padded, axis=1)  # (4, n + width), C order: keyword, in a run, opens, affix
    keyword = flags[0, :n]
    if width == 1:
        at = np.flatnonzero(keyword)
        return Scan([texts[i] for i in at.tolist()], at, np.ones(len(at), dtype=np.int64), texts, padded[:n],
                     starts)
    rows = width - 1  # phrase sizes 2..width
    ends = columns.ends
    # run id of each token: a new run after a break, a gap or a sentence start
    link = flags[1, 1:n] & flags[1, :n - 1]
    link &= starts[1:] == ends[:-1]
    link[heads[(heads > 0) & (heads < n)] - 1] = False  # (a sentence without tokens has none to cut)
    run = np.empty(n + width, dtype=np.int64)  # (past n: never read for a span that fits in the text)
    run[0] = 0
    np.cumsum(~link, out=run[1:n])
    chars = np.empty(n + width, dtype=np.int64)  # characters before each token
    chars[0] = 0
    np.cumsum(ends - starts, out=chars[1:n + 1])
    chars[n + 1:] = _FAR
    keywords = np.empty(n + width, dtype=np.int64)  # keyword words before each token
    keywords[0] = 0
    np.cumsum(flags[0, :n + width - 1], out=keywords[1:])
    # the span of s = 2..width tokens from i: same run as its last token i + s - 1, at most max_chars
    # characters (chars[i + s] - chars[i]), and a keyword word in it or an affix at its end
    spans = np.empty((width, n), dtype=bool)
    spans[0] = keyword
    rest = spans[1:]
    np.equal(_window(run, 1, rows, n), run[:n], out=rest)
    rest &= flags[2, :n]
    rest &= _window(chars, 2, rows, n) - chars[:n] <= max_chars
    rest &= (_window(keywords, 2, rows, n) > keywords[:n]) | _window(flags, 3 * (n + width) + 1, rows, n)
    flat = np.flatnonzero(spans.T)  # by first token, then size: the reading order
    at, words = np.divmod(flat, width)
    words += 1
    joined = "".join(texts)
    terms = [joined[a:b] for a, b in zip(chars[at].tolist(), chars[at + words].tolist())]
    return Scan(terms, at, words, texts, padded[:n], starts)


def _runs(doc: SegmentedDocument, kinds: TokenKinds) -> Iterator[tuple[list[Token], list[int]]]:
    """Maximal runs of adjacent non-break tokens inside each sentence, with the kind of each token."""
    kind = kinds.kind
    for sentence in join_compounds(without_furniture(doc), kinds.segmenter).sentences:
        run: list[Token] = []
        run_kinds: list[int] = []
        previous_end = -1
        for token in sentence.tokens:
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
    return count_candidates(doc, scan_candidates(doc, kinds, max_words, max_chars, phrases))


def count_candidates(doc: SegmentedDocument, scan: Scan) -> Candidates:
    """The :class:`Candidates` of a :func:`scan_candidates` of ``doc`` (what :func:`collect` gives): a ranker that
    reads the scan itself (TextRank's word graph) counts it without scanning ``doc`` again."""
    occurrences = scan.terms
    m = len(occurrences)
    first_seen = dict(zip(reversed(occurrences), range(m - 1, -1, -1)))  # the earliest occurrence wins
    terms = tuple(sorted(first_seen))
    n = len(terms)
    counts = Counter(occurrences)
    count = np.fromiter(map(counts.__getitem__, terms), dtype=np.float64, count=n)
    seen = np.fromiter(map(first_seen.__getitem__, terms), dtype=np.int64, count=n)
    at = scan.at[seen]
    size = max(len(doc.document.text), 1)
    first = scan.starts[at] / size
    title = doc.document.title
    in_title = np.fromiter(map(title.__contains__, terms), dtype=bool, count=n) if title \
        else np.zeros(n, dtype=bool)
    return Candidates(terms, count, first, in_title, n, scan.words[seen], at, scan.texts)


def document_terms(doc: SegmentedDocument, kinds: TokenKinds | None = None, *, max_words: int = 5,
                   max_chars: int = 20) -> list[str]:
    """The distinct candidate terms of ``doc`` (the analyzer the corpus IDF is fitted with)."""
    kinds = kinds if kinds is not None else _default_kinds()
    return list(set(scan_candidates(doc, kinds, max_words, max_chars, True).terms))


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
    for: ``max(count(phrase)) / count(term)`` over the kept phrases whose words include the term's words.

    Where phrases recur across the corpus every phrase seen in another article is kept (THUCNews-1000 x 5: 133
    kept phrases an article, against 34 in THUCNews-1000 alone), and this loop grows with them. Each word of a
    kept phrase is looked up as it is (a single word's words are itself), without a slice and a join a word:
    thread CPU time an article, side by side with the loop before, in one pass over the corpus, x 5 0.287-0.297
    -> 0.249-0.257 ms, THUCNews-1000 0.096-0.108 -> 0.088-0.099 ms. Tried and lost: a table of integer keys of
    every run of tokens (a number a distinct token text; numpy sorts the terms' keys and looks up the kept phrases'
    runs, the same numbers), 0.27-0.29 -> 0.22 ms at x 5 when timed alone, but 0.247-0.277 -> 0.230-0.282 ms in a
    pass where the rest of the ranking runs between (numbering every token of the article reads every token's
    text: more memory than the loop touches); a loop slicing each kept phrase's own text at its words' offsets
    instead of joining words (slower: x 5 1.3-1.6 s against 1.0-1.4 s)."""
    index = cands.index()
    get = index.get
    inside = [0.0] * len(cands)
    count = cands.count.tolist()
    words = cands.words.tolist()
    at = cands.at.tolist()
    tokens = cands.tokens
    join = "".join
    for i in np.flatnonzero(kept).tolist():
        a, n, c = at[i], words[i], count[i]
        for j in map(get, tokens[a:a + n]):  # each word: a single word's own words are itself
            if j is not None and words[j] == 1 and c > inside[j]:
                inside[j] = c
        for size in range(2, n):
            for start in range(a, a + n - size + 1):
                sub = tokens[start:start + size]
                j = get(join(sub))
                # the term spelled like these words counts when its own words are these
                if j is not None and words[j] == size and c > inside[j] and tokens[at[j]:at[j] + size] == sub:
                    inside[j] = c
    return np.minimum(np.array(inside) / np.maximum(cands.count, 1.0), 1.0)


def multi_word(cands: Candidates) -> np.ndarray:
    """bool per term: is it a phrase of two or more words?"""
    return cands.words > 1
