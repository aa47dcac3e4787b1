"""The records that flow between tiyao's steps: small, frozen, and nothing else.

Every step takes and returns these. Offsets always refer to ``Document.text`` (the cleaned text), so any
sentence or token can be mapped back to where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Sequence
from itertools import repeat
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # (numpy is imported where the columns are made: importing tiyao stays light)
    import numpy as np


@dataclass(frozen=True, slots=True)
class Document:
    """One article, after reading and cleaning."""

    id: str  # record id, or "<file>#<n>" for articles cut from a text file
    title: str
    text: str  # cleaned text: paragraphs joined by "\n"; every offset refers to it
    source: str  # file path, "<stdin>" or the record's file and line
    headings: tuple[tuple[int, int], ...] = ()  # spans of sub-headings and run-in headings in ``text``
    # What the article says of itself, where it says it (empty when unknown; reported only when set):
    title_source: str = ""  # where ``title`` came from, e.g. "record", "heading", "field", "first_line", "file_name", "html"
    date: str = ""  # publication date as given (ISO 8601 where it could be read)
    author: str = ""
    url: str = ""  # the page's address (canonical link, og:url) for saved web pages
    site: str = ""  # the publisher or source named by the article (来源：…, og:site_name)
    author_keywords: tuple[str, ...] = ()  # the article's own keyword line (关键词：A；B；C), in its order
    furniture: tuple[tuple[int, int], ...] = ()  # spans of its furniture lines in ``text`` (tiyao.furniture)


class Token(NamedTuple):
    """A word as the segmenter cut it, with its part of speech (jieba's tag set).

    Immutable like the dataclasses here, but a named tuple: the segmenter makes hundreds of thousands of tokens,
    and a tuple is made in C in one step (a frozen dataclass takes a call per field). Built, compared, hashed,
    printed and pickled the same way (``Token(text=..., pos=..., start=..., end=...)``)."""

    text: str
    pos: str
    start: int  # offset in the text that was segmented
    end: int


class Sentence(NamedTuple):
    """A whole sentence: ``text[start:end] == sentence.text`` for the text it was split from.

    A named tuple, as :class:`Token` is: an article has hundreds of sentences, made column by column in one step
    each (``Sentence._make``)."""

    index: int  # position in the document, from 0
    start: int
    end: int
    text: str
    is_heading: bool = False  # a sub-heading or run-in heading (``简化办证程序。``), not a sentence to summarise
    role: str = "body"  # "body", "heading" or "furniture" (a dateline, a field, a masthead…: tiyao.furniture)


class SegmentedSentence(NamedTuple):
    """A sentence with its tokens (offsets of the tokens are relative to the document); a named tuple, as
    :class:`Sentence` is."""

    sentence: Sentence
    tokens: tuple[Token, ...]


@dataclass(frozen=True, slots=True, eq=False)
class TokenColumns:
    """A segmented article as arrays over its segmenter's :class:`~tiyao.lexicon.Lexicon`: one entry per token
    (white space left out), in reading order, and the sentences' bounds in them. Token ``k`` is the word
    ``lexicon.words[ids[k]]`` tagged ``lexicon.tags[ids[k]]`` at ``text[starts[k]:ends[k]]``; the tokens of
    sentence ``s`` are ``heads[s]:heads[s + 1]``."""

    lexicon: Any  # tiyao.lexicon.Lexicon (the ids are its entries)
    ids: np.ndarray  # int64: each token's lexicon entry
    starts: np.ndarray  # int64: each token's offset in the document's text
    ends: np.ndarray  # int64
    heads: np.ndarray  # int64, one more than the sentences: where each sentence's tokens start, then the end
    roles: np.ndarray  # uint8 per sentence: ROLE_CODES of its role ("body" 0, "heading" 1, "furniture" 2)

    def __len__(self) -> int:
        return int(self.ids.size)

    def tokens(self) -> list[Token]:
        """The tokens as :class:`Token` objects (made here, column by column)."""
        lexicon = self.lexicon
        ids = self.ids.tolist()
        return list(map(_new_tuple, repeat(Token), zip(map(lexicon.words.__getitem__, ids),
                                                       map(lexicon.tags.__getitem__, ids),
                                                       self.starts.tolist(), self.ends.tolist())))

    def sentence_of_tokens(self) -> np.ndarray:
        """The sentence of each token."""
        import numpy as np

        return np.repeat(np.arange(self.heads.size - 1), np.diff(self.heads))

    def select(self, keep: Sequence[bool]) -> TokenColumns:
        """The columns of the sentences where ``keep`` (bool per sentence) is set."""
        import numpy as np

        keep = np.asarray(keep, dtype=bool)
        lengths = np.diff(self.heads)[keep]
        index = np.repeat(self.heads[:-1][keep] - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths) \
            + np.arange(int(lengths.sum()))
        heads = np.zeros(lengths.size + 1, dtype=np.int64)
        np.cumsum(lengths, out=heads[1:])
        return TokenColumns(self.lexicon, self.ids[index], self.starts[index], self.ends[index], heads,
                            self.roles[keep])


#: The code of each sentence role in :attr:`TokenColumns.roles`.
ROLE_CODES = {"body": 0, "heading": 1, "furniture": 2}

_new_tuple = tuple.__new__


class SegmentedDocument:
    """A document cut into sentences and words, once, for every later step to reuse.

    Made by a segmenter, it holds its tokens as :attr:`columns` (arrays over the segmenter's lexicon, which the
    steps read) and builds :attr:`sentences` (each with its :class:`Token` objects) on first use. Made by hand,
    ``SegmentedDocument(document, sentences)``, it holds the sentences given and no columns. Immutable; equal
    when the documents and the sentences are; pickled as its document and sentences."""

    __slots__ = ("document", "_sentences", "_records", "columns")

    def __init__(self, document: Document, sentences: tuple[SegmentedSentence, ...] | None = None, *,
                 records: tuple[Sentence, ...] | None = None, columns: TokenColumns | None = None) -> None:
        if sentences is None and (records is None or columns is None):
            raise TypeError("SegmentedDocument needs its sentences, or their records and token columns")
        setter = object.__setattr__
        setter(self, "document", document)
        setter(self, "_sentences", None if sentences is None else tuple(sentences))
        setter(self, "_records", records)
        setter(self, "columns", columns)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"SegmentedDocument is immutable: cannot set {name!r}")

    @property
    def sentences(self) -> tuple[SegmentedSentence, ...]:
        """The sentences with their tokens."""
        sentences = self._sentences
        if sentences is None:
            columns = self.columns
            assert columns is not None and self._records is not None
            tokens = tuple(columns.tokens())
            heads = columns.heads.tolist()
            sentences = tuple(map(SegmentedSentence._make, zip(
                self._records, map(tokens.__getitem__, map(slice, heads, heads[1:])))))
            object.__setattr__(self, "_sentences", sentences)
        return sentences

    @property
    def sentence_records(self) -> tuple[Sentence, ...]:
        """The sentences without their tokens (no Token is made)."""
        if self._records is None:
            object.__setattr__(self, "_records", tuple(s.sentence for s in self.sentences))
        return self._records  # type: ignore[return-value]

    @property
    def tokens(self) -> tuple[Token, ...]:
        return tuple(token for sentence in self.sentences for token in sentence.tokens)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SegmentedDocument):
            return NotImplemented
        return self.document == other.document and self.sentences == other.sentences

    def __hash__(self) -> int:
        return hash((self.document, self.sentences))

    def __repr__(self) -> str:
        return f"SegmentedDocument(document={self.document!r}, sentences={self.sentences!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return SegmentedDocument, (self.document, self.sentences)


@dataclass(frozen=True, slots=True)
class Keyword:
    """A ranked keyword or keyphrase. Higher scores are better, for every method."""

    term: str
    score: float


@dataclass(frozen=True, slots=True)
class Summary:
    """The sentences picked for a document's summary, always in document order."""

    doc_id: str
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        return "".join(sentence.text for sentence in self.sentences)


@dataclass(frozen=True, slots=True)
class DigestSentence:
    """One sentence of a theme's digest, citing its article (``id``) and its place there (``index``)."""

    id: str
    index: int
    text: str


@dataclass(frozen=True, slots=True)
class Theme:
    """A group of articles on one theme, named by its label words."""

    id: int  # from 0, largest first (outputs show ``number``, from 1)
    label: tuple[str, ...]  # label words, best first
    doc_ids: tuple[str, ...]  # in input order
    representative: str  # id of the article nearest the theme's centre
    digest: tuple[DigestSentence, ...] = ()  # what the theme is about, from its articles (tiyao.digest); run() sets it

    @property
    def size(self) -> int:
        return len(self.doc_ids)

    @property
    def number(self) -> int:
        """The theme's number as every output shows it (JSON, CSV, terminal, Markdown, HTML): ``id + 1``."""
        return self.id + 1
