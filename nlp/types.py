"""The records that flow between tiyao's steps: small, frozen, and nothing else.

Every step takes and returns these. Offsets always refer to ``Document.text`` (the cleaned text), so any
sentence or token can be mapped back to where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


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


@dataclass(frozen=True, slots=True)
class SegmentedDocument:
    """A document cut into sentences and words, once, for every later step to reuse."""

    document: Document
    sentences: tuple[SegmentedSentence, ...]

    @property
    def tokens(self) -> tuple[Token, ...]:
        return tuple(token for sentence in self.sentences for token in sentence.tokens)


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
