"""Word segmentation: a :class:`Segmenter` that owns its jieba tokenizer, tags parts of speech, and knows which
tokens are content words.

Never jieba's module-level ``jieba.dt``: a user dictionary or a discovered word added for one corpus must not
change anyone else's segmentation. The tokenizer is built on first use (loading takes about a second; jieba's
prefix-dictionary cache lives in the user's cache directory) and dropped when the segmenter is pickled, so a
segmenter can be sent to worker processes.

Parts of speech use jieba's tag set. A word in the dictionary (or a user dictionary) gets its dictionary tag,
which is what ``jieba.posseg`` gives dictionary words; a Chinese word that jieba's HMM found outside the
dictionary gets ``nz`` (another proper noun: mostly names, places and new terms), ASCII words ``eng`` and numbers
``m``. ``jieba.posseg`` would run a second, character-level HMM over those words, which costs more than the
whole cut; the dictionary lookup keeps tagging as fast as cutting.

Two tokenizers can do the cutting (``backend=``): jieba's own Python one, or jieba-rs through rjieba (a dependency
of tiyao), which has the same dictionary and HMM and cuts about ten times faster. With the same words they cut
the SIGHAN 2005 test sets line for line the same (``benchmarks/segmentation.py``), so ``"auto"`` (the default)
takes rjieba, and jieba only where rjieba cannot be used: not installed (``pip install --no-deps``, a platform
without its wheel), not importable, or older than 0.2.2 (no ``add_word``). Each segmenter has an
``rjieba.Jieba`` instance of its own, never rjieba's module-level one. A user dictionary word with frequency 0
(jieba's "always split this") also keeps ``"auto"`` on jieba, since jieba-rs has no forced split. On top of either, ASCII runs (``GPT-4``) and full-width letters and
digits (``１９.５％``) are joined into one token.
"""

from __future__ import annotations

import logging
import math
import re
from functools import lru_cache
from bisect import bisect_left
from itertools import accumulate, compress
from collections.abc import Callable, Iterable, Sequence
from os import PathLike
from pathlib import Path
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from . import resources
from .errors import ConfigError, InputError
from .sentences import split_sentences
from .types import ROLE_CODES, Document, SegmentedDocument, Token, TokenColumns
from .wordclasses import NON_CONTENT_POS, SINGLE_CHAR_WORDS

if TYPE_CHECKING:  # numpy and the lexicon (which needs it) are imported on first use: importing tiyao stays light
    import numpy as np

    from .lexicon import Lexicon

__all__ = ["BACKENDS", "NON_CONTENT_POS", "SINGLE_CHAR_WORDS", "Segmenter", "read_user_dict", "rjieba_available",
           "user_dict_entries"]

logger = logging.getLogger(__name__)

_MEASURES = frozenset("个只户名位项条件套台辆次批")
# ASCII runs that belong together: model names and versions (GPT-4, iPhone15, Wi-Fi, C++, .NET is left out).
_ASCII_RUN = re.compile(r"[A-Za-z0-9]+(?:[-.+][A-Za-z0-9]+)*\+*#?")
_ASCII_JOIN = frozenset("-.+#")
_ASCII_JOIN_CHAR = re.compile(r"[-.+#]")
# Full-width letters and digits (１９９６, ＩＢＭ, ８０％): jieba cuts them one character at a time.
_FULLWIDTH_ALNUM = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_FULLWIDTH_DIGITS = frozenset("０１２３４５６７８９")
_TEXT, _POS = attrgetter("text"), attrgetter("pos")
#: What to install for the rjieba backend (as pyproject.toml asks for it).
_RJIEBA_REQUIREMENT = "rjieba>=0.2.2,<0.3"

#: The tokenizers a Segmenter can cut with (``backend=``).
BACKENDS = ("auto", "jieba", "rjieba")

class Segmenter:
    """Cut Chinese text into words with a jieba tokenizer of its own.

    Parameters
    ----------
    user_dicts:
        jieba user dictionaries (``word [freq] [tag]`` per line), loaded in order.
    words:
        Extra words for this segmenter, as ``word`` or ``(word, freq, tag)``; discovered new words come in here.
    hmm:
        Let jieba's HMM find words that are not in the dictionary (recommended; on by default).
    stop_words:
        Words that are never content words; tiyao's curated list by default.
    backend:
        ``"jieba"`` (jieba's Python tokenizer), ``"rjieba"`` (jieba-rs through rjieba, installed with tiyao: the
        same dictionary, HMM and cuts, about ten times faster) or ``"auto"`` (the default: rjieba, or jieba where
        rjieba cannot be used, see :func:`rjieba_available`). Both honour user dictionaries and extra words, each in a tokenizer of its own
        segmenter, and give the same tokens and tags (see ``benchmarks/RESULTS.md``, section segmentation).
    phrases:
        A corpus's compounds (:mod:`tiyao.compounds`: new words that hide known words, ``偏股基金``): not words of
        the cut, which stays with the known words; the keyword candidates read each one as one term
        (:func:`tiyao.compounds.join_compounds`).

    Examples
    --------
    >>> seg = Segmenter()
    >>> seg.cut("计生协会推出GPT-4")
    ['计生', '协会', '推出', 'GPT-4']
    """

    def __init__(
        self,
        *,
        user_dicts: Sequence[str | PathLike[str]] = (),
        words: Sequence[str | tuple[str, int | None, str | None]] = (),
        hmm: bool = True,
        stop_words: frozenset[str] | None = None,
        backend: str = "auto",
        phrases: Iterable[str] = (),
    ) -> None:
        if backend not in BACKENDS:
            raise ConfigError(f"unknown segmenter backend {backend!r}",
                              hint=f"Use one of: {', '.join(BACKENDS)}.")
        self.user_dicts = tuple(Path(path) for path in user_dicts)
        self._extra_words = tuple(words)
        self.hmm = hmm
        self.backend = backend
        #: a corpus's compounds (:mod:`tiyao.compounds`): not cut as words, read whole by the keyword candidates
        self.phrases = frozenset(phrases)
        self.stop_words = resources.stop_words() if stop_words is None else frozenset(stop_words)
        self._tokenizer: Any = None
        self._cut: Callable[[str], list[str]] | None = None
        self._user_tags: dict[str, str] = {}
        self._lexicon: Lexicon | None = None  # made on first use, again when the tokenizer is built

    # -- building -------------------------------------------------------------------------------------------

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_tokenizer"] = None  # holds an RLock and a large dictionary: rebuilt lazily in the worker
        state["_cut"] = None
        state["_user_tags"] = {}
        state["_lexicon"] = None  # numbered again in the worker, as it cuts
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        if "words" in state:  # pickled before the extra words moved to ``_extra_words``
            state["_extra_words"] = state.pop("words")
        state.setdefault("backend", "jieba")  # pickled before there was a choice
        state.setdefault("_cut", None)
        state.setdefault("phrases", frozenset())
        for stale in ("_tags", "_pos", "_content"):  # pickled before the lexicon held them
            state.pop(stale, None)
        state["_lexicon"] = None
        self.__dict__.update(state)

    @property
    def words(self) -> _Words:
        """The extra words this segmenter was given (the ``words`` parameter), as a tuple.

        Called with a text, ``seg.words(text)`` gives that text's content words instead (see
        :meth:`content_words`): both uses are part of tiyao's API."""
        return _Words(self._extra_words, self)

    def __repr__(self) -> str:
        return (f"Segmenter(user_dicts={[str(p) for p in self.user_dicts]!r}, words={len(self._extra_words)}, "
                f"hmm={self.hmm}, backend={self.backend!r})")

    def with_words(self, words: Iterable[str | tuple[str, int | None, str | None]]) -> Segmenter:
        """A new segmenter that also knows ``words`` (this one is left unchanged)."""
        return Segmenter(user_dicts=self.user_dicts, words=(*self._extra_words, *words), hmm=self.hmm,
                         stop_words=self.stop_words, backend=self.backend, phrases=self.phrases)

    def with_phrases(self, phrases: Iterable[str]) -> Segmenter:
        """A new segmenter that also has ``phrases`` (:attr:`phrases`; its cut is this one's)."""
        return Segmenter(user_dicts=self.user_dicts, words=self._extra_words, hmm=self.hmm,
                         stop_words=self.stop_words, backend=self.backend, phrases=self.phrases | set(phrases))

    @property
    def engine(self) -> str:
        """The tokenizer this segmenter cuts with, ``"jieba"`` or ``"rjieba"``: ``backend`` with ``"auto"``
        resolved (rjieba where :func:`rjieba_available`; jieba for a user dictionary that forces splits with
        frequency 0, which only jieba's Python tokenizer honours). Reads the user dictionaries, so it can raise InputError."""
        if self._tokenizer is not None:
            return "rjieba" if not hasattr(self._tokenizer, "FREQ") else "jieba"
        return self._engine(self._entries())

    def _engine(self, entries: Sequence[tuple[str, int | None, str | None]]) -> str:
        if self.backend != "auto":
            return self.backend
        if not rjieba_available() or any(freq == 0 for _, freq, _ in entries):
            return "jieba"
        return "rjieba"

    @property
    def tokenizer(self) -> Any:
        """This segmenter's own tokenizer (a ``jieba.Tokenizer`` or an ``rjieba.Jieba``), built on first use."""
        if self._tokenizer is None:
            self._build()
        return self._tokenizer

    def _entries(self) -> list[tuple[str, int | None, str | None]]:
        """The user dictionaries' words, then the extra words, as (word, freq, tag)."""
        entries = [entry for path in self.user_dicts for entry in read_user_dict(path)]
        for entry in self._extra_words:
            word, freq, tag = (entry, None, None) if isinstance(entry, str) else entry
            if word and not word.isspace():  # numpy integers and the like become plain ones for rjieba
                entries.append((str(word), None if freq is None else int(freq), str(tag) if tag else None))
        return entries

    def _build(self) -> None:
        entries = self._entries()
        engine = self._engine(entries)
        tokenizer = _new_rjieba() if engine == "rjieba" else _new_jieba()
        user_tags: dict[str, str] = {}
        for word, freq, tag in entries:
            if engine == "jieba":
                _add_jieba_word(tokenizer, word, freq, tag)
            else:
                tokenizer.add_word(word, freq, tag)
            if tag:
                user_tags[word] = tag
            else:  # a word without a tag is the user's word too (its tag: the dictionary's, else a guess)
                user_tags.setdefault(word, "")
        self._user_tags = user_tags
        from .lexicon import Lexicon

        self._lexicon = Lexicon(self.stop_words, user_tags)
        hmm = bool(self.hmm)
        if engine == "rjieba":
            cut = tokenizer.cut
            self._cut = lambda text: cut(text, hmm)
        else:
            lcut = tokenizer.lcut
            self._cut = lambda text: lcut(text, HMM=hmm)
        self._tokenizer = tokenizer

    # -- cutting --------------------------------------------------------------------------------------------

    def cut(self, text: str) -> list[str]:
        """All tokens of ``text``, punctuation and spaces included, in order (they add up to ``text``)."""
        if self._cut is None:
            self._build()
        tokens = self._cut(text)  # type: ignore[misc]
        if _FULLWIDTH_ALNUM.search(text):
            tokens = _join_fullwidth_runs(tokens)
        if _ASCII_JOIN_CHAR.search(text):  # a regex over the text is cheaper than a look at every token
            tokens = _join_ascii_runs(tokens)
        return tokens

    def tokens(self, text: str, offset: int = 0) -> list[Token]:
        """Tokens of ``text`` with POS tags and offsets (``offset`` is added to every offset); spaces dropped."""
        return self.token_columns(text, offset).tokens()

    def token_columns(self, text: str, offset: int = 0) -> TokenColumns:
        """:meth:`tokens` as token columns over this segmenter's :attr:`lexicon` (one sentence; no Token made)."""
        import numpy as np

        words = self.cut(text)  # cut builds the tokenizer and the lexicon on first use
        starts = np.fromiter(accumulate(map(len, words), initial=offset), dtype=np.int64, count=len(words) + 1)
        ids, starts, ends, _ = self._entries_of(words, starts[:-1], starts[1:], np.zeros(1, dtype=np.int64))
        return TokenColumns(self.lexicon, ids, starts, ends, np.array([0, ids.size]), np.zeros(1, np.uint8))

    @property
    def lexicon(self) -> Lexicon:
        """The words this segmenter has cut (or been asked about) and the rules about them (:mod:`tiyao.lexicon`):
        the segmented articles' token columns are its entries."""
        lexicon = self._lexicon
        if lexicon is None or lexicon.stop_words is not self.stop_words:
            from .lexicon import Lexicon

            lexicon = self._lexicon = Lexicon(self.stop_words, self._user_tags)
        return lexicon

    def _entries_of(self, words: list[str], starts: np.ndarray, ends: np.ndarray, firsts: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
        """The lexicon entries of the cut ``words`` (at ``starts``/``ends``) with white space dropped, and a
        measure word right after a number (white space between them does not count) tagged ``mq`` (``8个村`` cut
        as 8 / 个村), unless it is at one of ``firsts`` (the positions of sentence-initial words: the rule stays
        inside a sentence). Also the positions in ``words`` of the entries kept (None: all of them)."""
        import numpy as np

        lexicon = self.lexicon
        ids = lexicon.ids(words)
        solid = np.flatnonzero(lexicon.tag_code[ids] != 0)  # white space: dropped
        if solid.size < ids.size:
            ids, starts, ends = ids[solid], starts[solid], ends[solid]
        else:
            solid = None
        number = lexicon.code("m")
        if number >= 0 and ids.size > 1:
            tags = lexicon.tag_code[ids]
            after = np.flatnonzero((tags[:-1] == number) & lexicon.column(_measure_words, bool)[ids[1:]]) + 1
            if after.size and firsts.size:
                after = after[~np.isin(after if solid is None else solid[after], firsts)]
            if after.size:
                ids = ids.copy()
                entry = lexicon.entry
                ids[after] = [entry(lexicon.words[i], "mq") for i in ids[after].tolist()]
        return ids, starts, ends, solid

    def is_content(self, token: Token) -> bool:
        """Is this token a content word: not punctuation, a number, a date, a stop word or a stray character?

        The answer depends only on the token's text and tag (and ``stop_words``): it is worked out once per
        (text, tag) by this segmenter's :attr:`lexicon`. :meth:`content_mask` answers for many tokens at once."""
        return self.lexicon.is_content(token.text, token.pos)

    def content_mask(self, tokens: Iterable[Token]) -> list[bool]:
        """``[seg.is_content(t) for t in tokens]``, faster (no call per token once the words are known)."""
        if not isinstance(tokens, (list, tuple)):
            tokens = list(tokens)
        lexicon = self.lexicon
        ids = lexicon.entries(list(map(_TEXT, tokens)), list(map(_POS, tokens)))  # (first: it may add entries)
        return lexicon.content[ids].tolist()

    def content_words(self, text: str) -> list[str]:
        """The content words of ``text``, in order (a tokenizer for scikit-learn's vectorizers); also
        ``seg.words(text)``."""
        tokens = self.tokens(text)
        return [token.text for token in compress(tokens, self.content_mask(tokens))]

    def segment(self, document: Document) -> SegmentedDocument:
        """Split a document into sentences and cut each one; token offsets refer to ``document.text``.

        The same tokens as ``tokens(sentence.text, sentence.start)`` for each sentence, made faster: the text is
        cut once and each sentence takes its run of those words, where both ends of the sentence lie next to a
        character that both tokenizers cut on its own (punctuation, white space; see :func:`_safe_boundary`),
        so its words cannot differ from a cut of the sentence alone; any other sentence is cut alone (and so is
        one whose ASCII or full-width pieces are joined, which is rare). The result holds the tokens as columns
        over this segmenter's :attr:`lexicon` (:class:`~tiyao.types.TokenColumns`); Token objects are made only
        when asked for.
        """
        import numpy as np

        text = document.text
        sentences = split_sentences(text, document.headings, document.furniture)
        if self._cut is None:
            self._build()
        cut = self._cut
        assert cut is not None
        # every sentence is a run of the "pool" of words: the text's words, then those of sentences cut alone
        if len(sentences) < 2 or "\r" in text:  # "\r\n" is one token to jieba: not worth a special case
            raw: list[str] = []
            bounds = [0]
        else:
            raw = cut(text)
            bounds = list(accumulate(map(len, raw), initial=0))
        pool, pool_starts = raw, bounds[:-1]
        fullwidth = _FULLWIDTH_ALNUM.search(text) is not None
        ascii_join = _ASCII_JOIN_CHAR.search(text) is not None
        runs: list[int] = []  # pool index of each sentence's first word, and of the word after its last
        for sentence in sentences:
            s, e = sentence.start, sentence.end
            if raw:
                i = bisect_left(bounds, s)
                j = bisect_left(bounds, e, i)
                if bounds[i] == s and bounds[j] == e and _safe_boundary(text, s) and _safe_boundary(text, e):
                    piece = joined = raw[i:j]
                    if fullwidth and _FULLWIDTH_ALNUM.search(text, s, e):  # as cut() does, sentence by sentence
                        joined = _join_fullwidth_runs(joined)
                    if ascii_join and _ASCII_JOIN_CHAR.search(text, s, e):
                        joined = _join_ascii_runs(joined)
                    if joined is piece or joined == piece:
                        runs += (i, j)
                        continue
                else:
                    joined = self.cut(sentence.text)
            else:
                joined = self.cut(sentence.text)
            if pool is raw:
                pool, pool_starts = list(raw), list(pool_starts)
            runs += (len(pool), len(pool) + len(joined))
            pool_starts.extend(accumulate(map(len, joined[:-1]), initial=s))
            pool.extend(joined)
        first, last = np.array(runs[0::2], dtype=np.int64), np.array(runs[1::2], dtype=np.int64)
        lengths = last - first
        order = np.repeat(first - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths) + np.arange(lengths.sum())
        sizes = np.fromiter(map(len, pool), dtype=np.int64, count=len(pool))
        starts = np.fromiter(pool_starts, dtype=np.int64, count=len(pool))
        words = pool if order.size == len(pool) and (order.size == 0 or order[-1] == order.size - 1) \
            else list(map(pool.__getitem__, order.tolist()))
        heads = np.concatenate(([0], np.cumsum(lengths)))
        ids, token_starts, token_ends, solid = self._entries_of(words, starts[order], starts[order] + sizes[order],
                                                                heads[:-1])
        if solid is not None:  # white space dropped: the sentences' bounds among the tokens kept
            heads = np.searchsorted(solid, heads)
        columns = TokenColumns(self.lexicon, ids, token_starts, token_ends, heads,
                               np.fromiter((ROLE_CODES[s.role] for s in sentences), dtype=np.uint8,
                                           count=len(sentences)))
        return SegmentedDocument(document, records=tuple(sentences), columns=columns)


def _measure_words(lexicon: Lexicon, start: int, stop: int) -> list[bool]:
    """Could each of the entries ``start..stop - 1`` be a measure word after a number: does it start with one (个村,
    名) and is it not a word of jieba's dictionary or of the user's?"""
    knows = lexicon.knows
    return [word[0] in _MEASURES and not knows(word) for word in lexicon.words[start:stop]]


class _Words(tuple):
    """A segmenter's extra words (a plain tuple to read) that, called with a text, gives its content words:
    ``seg.words`` is the constructor parameter, ``seg.words(text)`` the content-word tokenizer."""

    def __new__(cls, words: tuple, segmenter: Segmenter) -> _Words:
        self = super().__new__(cls, words)
        self._segmenter = segmenter
        return self

    def __call__(self, text: str) -> list[str]:
        return self._segmenter.content_words(text)

    def __reduce__(self) -> tuple[Any, ...]:
        return tuple, (tuple(self),)  # pickles (and copies) as the plain tuple it stands for


def _new_rjieba() -> Any:
    try:
        import rjieba
    except ImportError as error:
        raise ConfigError(f"the rjieba backend needs the rjieba package, which cannot be imported here ({error})",
                          hint=f'Install it with pip install "{_RJIEBA_REQUIREMENT}", or use backend="jieba".') from None
    if not hasattr(getattr(rjieba, "Jieba", None), "add_word"):
        raise ConfigError("the rjieba installed here is too old (it cannot add words)",
                          hint=f'Upgrade it with pip install "{_RJIEBA_REQUIREMENT}", or use backend="jieba".')
    return rjieba.Jieba()  # an instance of its own: words added to it reach no other segmenter


def _new_jieba() -> Any:
    jieba = resources.import_jieba()

    # jieba logs at DEBUG to its own stderr handler ("Building prefix dict ..."); let it speak only when
    # tiyao's own logger is at DEBUG (the CLI's --verbose).
    logging.getLogger("jieba").setLevel(logging.DEBUG if logger.isEnabledFor(logging.DEBUG) else logging.WARNING)
    tokenizer = jieba.Tokenizer()
    # jieba's prefix dictionary (FREQ, total) is loaded once per process and copied into each segmenter,
    # so a segmenter with extra words (a corpus's new words) costs a dict copy, not a second load.
    freq, total = _default_prefix_dictionary()
    tokenizer.FREQ, tokenizer.total = dict(freq), total
    tokenizer.initialized = True
    return tokenizer


def _add_jieba_word(tokenizer: Any, word: str, freq: int | None, tag: str | None) -> None:
    """``tokenizer.add_word`` with jieba-rs's bookkeeping, so that both backends cut the same with the same words:
    a word without a frequency gets jieba-rs's suggested one (jieba's own formula rounds differently: it adds one
    to a word already in the dictionary where jieba-rs mostly does not), and ``total`` stays the sum of the
    frequencies (jieba adds a re-added word's new frequency without taking its old one off)."""
    old = tokenizer.FREQ.get(word, 0)
    if freq is None:
        known = tokenizer.FREQ
        logtotal = math.log(tokenizer.total)
        logfreq = sum(math.log(known.get(piece) or 1) - logtotal for piece in tokenizer.cut(word, HMM=False))
        freq = max(int(math.exp(logfreq + logtotal)) + 1, old or 1)
    tokenizer.add_word(word, freq, tag)
    tokenizer.total -= old


def user_dict_entries(paths: Iterable[str | Path]) -> tuple[tuple[str, int | None, str | None], ...]:
    """The entries (word, freq, tag) of jieba user dictionaries, in order (what a saved model keeps of them)."""
    return tuple(entry for path in paths for entry in read_user_dict(Path(path)))


def read_user_dict(path: Path) -> list[tuple[str, int | None, str | None]]:
    """The entries of a jieba user dictionary: ``word [freq] [tag]`` per line, ``#`` comments, UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read user dictionary {path}: {error.strerror or error}",
                         hint="Check the path given to --user-dict.") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"user dictionary {path} is not UTF-8 text",
                         hint="jieba user dictionaries are UTF-8, one 'word [freq] [tag]' per line.") from None
    entries: list[tuple[str, int | None, str | None]] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        parts = line.strip().split()
        if not parts or parts[0].startswith("#"):
            continue
        word, freq, tag = parts[0], None, None
        rest = parts[1:]
        if rest and rest[0].isdigit():
            freq = int(rest.pop(0))
        if rest:
            tag = rest[0]
        if len(parts) > 3 or (rest and not re.fullmatch(r"[A-Za-z]+", rest[0])):
            raise InputError(f"{path}, line {lineno}: expected 'word [freq] [tag]', got {line.strip()!r}",
                             hint="Fix that line of the user dictionary.")
        entries.append((word, freq, tag))
    return entries


def rjieba_available() -> bool:
    """Can rjieba (the fast backend, a dependency of tiyao) cut here? Not where it is missing (installed with
    ``--no-deps``, or no wheel for the platform), does not import (a broken or foreign build), or is older than
    0.2.2 (no ``Jieba.add_word``, which user dictionaries and discovered words need): ``"auto"`` then takes jieba.
    Importing it costs a few milliseconds, once per process."""
    try:
        import rjieba
    except ImportError:
        return False
    return hasattr(getattr(rjieba, "Jieba", None), "add_word")


@lru_cache(maxsize=1)
def _default_prefix_dictionary() -> tuple[dict[str, int], int]:
    """jieba's default prefix dictionary, loaded through jieba's own cache in the user's cache directory.
    Read-only: each Segmenter copies it before adding words."""
    jieba = resources.import_jieba()

    loader = jieba.Tokenizer()
    cache = resources.cache_dir()
    try:
        cache.mkdir(parents=True, exist_ok=True)
        loader.tmp_dir = str(cache)
    except OSError:
        logger.debug("cache directory %s is not writable; jieba caches in the temp directory", cache)
    loader.initialize()
    return loader.FREQ, loader.total


# Characters that jieba (and jieba-rs) may put into one word with a neighbour: what their block patterns match
# (Han of every plane jieba-rs knows, ASCII letters and digits, +#&._%-) and "\r" ("\r\n" is one token).
_GLUE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffffA-Za-z0-9+#&._%\-\r]")


def _safe_boundary(text: str, position: int) -> bool:
    """Can the text be cut at ``position`` without changing any word? Yes at either end of the text, and where a
    character on either side is one the tokenizers always cut on its own (not matched by ``_GLUE``; full-width
    letters and digits are single characters too, and the joins run sentence by sentence)."""
    if position <= 0 or position >= len(text):
        return True
    return _GLUE.match(text, position - 1) is None or _GLUE.match(text, position) is None


def _join_fullwidth_runs(tokens: list[str]) -> list[str]:
    """Join full-width letters and digits that jieba cut one by one (``１`` ``９`` ``.`` ``５`` ``％`` →
    ``１９.５％``, ``Ｉ`` ``Ｂ`` ``Ｍ`` → ``ＩＢＭ``): a decimal point between digits and a percent sign after them
    belong to the number."""
    joined: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        if len(token) != 1 or not _FULLWIDTH_ALNUM.match(token):
            joined.append(token)
            i += 1
            continue
        j = i + 1
        while j < n:
            nxt = tokens[j]
            if len(nxt) == 1 and _FULLWIDTH_ALNUM.match(nxt):
                j += 1
            elif (nxt in ("．", ".") and tokens[j - 1] in _FULLWIDTH_DIGITS and j + 1 < n
                  and tokens[j + 1] in _FULLWIDTH_DIGITS):
                j += 2
            else:
                break
        if j < n and tokens[j] in ("％", "%") and tokens[j - 1] in _FULLWIDTH_DIGITS:
            j += 1
        joined.append("".join(tokens[i:j]))
        i = j
    return joined


def _join_ascii_runs(tokens: list[str]) -> list[str]:
    """Join ASCII pieces jieba split apart (``GPT`` ``-`` ``4`` → ``GPT-4``) into one token."""
    if _ASCII_JOIN.isdisjoint(tokens):  # no "-", ".", "+" or "#" of its own: nothing to join
        return tokens
    joined: list[str] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and tokens[j].isascii() and (tokens[j].isalnum() or tokens[j] in _ASCII_JOIN):
            j += 1
        if j - i > 1:
            run = "".join(tokens[i:j])
            match = _ASCII_RUN.match(run)
            while match is not None and match.end() > 0:
                joined.append(run[: match.end()])
                run = run[match.end():]
                while run and not run[0].isalnum():
                    joined.append(run[0])
                    run = run[1:]
                match = _ASCII_RUN.match(run)
            joined.extend(run)
            i = j
        else:
            joined.append(tokens[i])
            i += 1
    return joined
