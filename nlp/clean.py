"""Cleaning article text: Markdown and HTML leftovers out, broken paragraphs rejoined, widths and spaces normalised.

The seed corpus shows what real input looks like: paragraphs broken by a blank line in the middle of a sentence,
even of a word (``…二是综合`` / blank line / ``治理出生人口性别比…``), Markdown emphasis around run-in headings
(``**突出一条主线：**稳定低生育水平。``), full-width digits. :func:`clean_article` turns the lines of one article
into the text every later step works on, and records where its headings are.

Rules, in order:

1. Each line: HTML tags dropped and entities unescaped; Markdown heading marks, list bullets, block quotes and
   emphasis (``**…**``, ``__…__``, ``*…*``, ``` `…` ```, links) removed, their words kept; full-width ASCII letters
   and digits made half-width; runs of white space (the ideographic space included) made one space; lone
   surrogates (from ``\ud800`` escapes in JSON) replaced by U+FFFD.
2. Paragraphs: a paragraph that does not end a sentence is joined to the next one, because a writer does not end
   a paragraph there, unless it looks like a heading: at most ``SHORT_LINE`` characters with no sentence or clause
   punctuation in it (``一、工作思路``). Such a line stays a paragraph of its own.
3. Headings (Markdown sub-headings, short unpunctuated lines, and emphasised run-in headings at the start of a
   paragraph) are recorded as character spans, so the summariser can tell a heading from a sentence.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

#: A line without an end mark that is at most this long is taken for a heading, not a broken sentence.
SHORT_LINE = 20

SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』）)》】\"'»›］]"
CLAUSE_MARKS = "，,、；;：:—-（(“‘「『《【"

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}  # ０-９
_FULLWIDTH.update({code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULLWIDTH.update({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})  # ａ-ｚ

_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_HTML_BREAK = re.compile(r"<(?:br|/p|p|/div|div|/li|li|/h[1-6]|h[1-6])(?:\s[^<>]*)?/?>", re.IGNORECASE)
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
# Not inside longer runs of * or _ ("______" is a fill-in blank, not emphasis): cleaning stays idempotent.
_LEAD_EMPHASIS = re.compile(r"^(\*\*|__)(?![_*])(.+?)(?<![_*])\1(?![_*])")
_STRONG = re.compile(r"(?<![_*])(\*\*|__)(?![_*])(.+?)(?<![_*])\1(?![_*])")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_CODE = re.compile(r"`([^`\n]+)`")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_HEADING_FREE = frozenset(SENTENCE_END + "，,；;：:—")


@dataclass(frozen=True, slots=True)
class CleanText:
    """The cleaned text of one article and the spans of its headings in it."""

    text: str
    headings: tuple[tuple[int, int], ...]


def normalize_width(text: str) -> str:
    """Full-width ASCII letters and digits to half-width (``２０１３`` → ``2013``); punctuation is kept."""
    return text.translate(_FULLWIDTH)


def normalize_spaces(text: str) -> str:
    """Runs of white space (the ideographic space included) become one space; zero-width marks go."""
    return _SPACES.sub(" ", _ZERO_WIDTH.sub("", text)).strip()


def strip_html(text: str) -> str:
    """Drop HTML tags (block tags become line breaks) and unescape entities."""
    if "<" in text:
        text = _HTML_BREAK.sub("\n", text)
        text = _HTML_TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return text


def strip_inline_markdown(text: str) -> str:
    """Remove emphasis, code marks, images and links from one line, keeping their words."""
    if "!" in text or "[" in text:
        text = _IMAGE.sub(r"\1", text)
        text = _LINK.sub(r"\1", text)
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _STRONG.sub(r"\2", text)
        text = _EMPHASIS.sub(r"\1", text)
    return text


def heading_of(line: str) -> tuple[int, str] | None:
    """``(level, title)`` when ``line`` is a Markdown ATX heading (``## 标题``), else None."""
    match = _HEADING.match(line)
    if match is None:
        return None
    marks = match.group(1)
    after = line.lstrip()[len(marks):]
    if after and not after[0].isspace() and after[0] != "#":
        # "#标签" is a hashtag, not a heading, unless it is CJK directly after the marks (common in Chinese files).
        if after[0].isascii():
            return None
    return len(marks), clean_line(match.group(2))


def replace_surrogates(text: str) -> str:
    """Lone surrogates (``\\ud800`` escapes in JSON give them; they are not characters and cannot be written as
    UTF-8) become U+FFFD."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def clean_line(line: str) -> str:
    """One line of text with Markdown marks removed and widths and spaces normalised."""
    return normalize_spaces(normalize_width(strip_inline_markdown(replace_surrogates(line))))


def ends_sentence(paragraph: str) -> bool:
    """True when the paragraph ends with a sentence end mark (a closing quote or bracket may follow it)."""
    stripped = paragraph.rstrip(CLOSERS + " ")
    if not stripped:
        return False
    if stripped[-1] in SENTENCE_END:
        return True
    # An English sentence ends with "." after a word, not after a number or an abbreviation-like single letter.
    return stripped[-1] == "." and len(stripped) > 1 and not stripped[-2].isdigit()


def _is_heading_like(paragraph: str) -> bool:
    """A short line with no sentence or clause punctuation in it (a list comma 、 is allowed: ``一、工作思路``)."""
    return len(paragraph) <= SHORT_LINE and not any(mark in _HEADING_FREE for mark in paragraph)


def _joiner(left: str, right: str) -> str:
    """A space between two ASCII words, nothing between CJK characters."""
    if left and right and _ASCII_WORD.match(left[-1]) and _ASCII_WORD.match(right[0]):
        return " "
    return ""


def clean_article(lines: list[str] | tuple[str, ...]) -> CleanText:
    """Clean the lines of one article (see the module docstring for the rules)."""
    # 1. Lines -> paragraphs (text, heading span inside it or None, is the whole paragraph a heading).
    paragraphs: list[tuple[str, tuple[int, int] | None, bool]] = []
    for raw in strip_html("\n".join(lines)).split("\n"):
        if not raw.strip() or _RULE.match(raw):
            continue
        heading = heading_of(raw)
        if heading is not None:
            if heading[1]:
                paragraphs.append((heading[1], (0, len(heading[1])), True))
            continue
        line = _BULLET.sub("", _QUOTE.sub("", raw))
        lead = _LEAD_EMPHASIS.match(line.strip())
        if lead is not None:
            head = clean_line(lead.group(2))
            rest = clean_line(line.strip()[lead.end():])
            text = head + _joiner(head, rest) + rest if rest else head
            span = (0, len(head)) if head else None
            paragraphs.append((text, span, not rest))
        else:
            text = clean_line(line)
            if text:
                paragraphs.append((text, None, False))

    # 2. Rejoin paragraphs broken inside a sentence.
    joined: list[tuple[str, list[tuple[int, int]]]] = []
    open_paragraph = False
    for text, span, whole_heading in paragraphs:
        if open_paragraph and not whole_heading:
            previous, spans = joined[-1]
            glue = _joiner(previous, text)
            offset = len(previous) + len(glue)
            if span is not None:
                spans.append((span[0] + offset, span[1] + offset))
            joined[-1] = (previous + glue + text, spans)
        else:
            joined.append((text, [span] if span is not None else []))
        current = joined[-1][0]
        open_paragraph = not whole_heading and not ends_sentence(current) and not _is_heading_like(current)
        if not open_paragraph and not whole_heading and _is_heading_like(current) and not joined[-1][1]:
            joined[-1] = (current, [(0, len(current))])

    # 3. Paragraphs -> text with absolute heading spans.
    parts: list[str] = []
    headings: list[tuple[int, int]] = []
    position = 0
    for text, spans in joined:
        headings.extend((start + position, end + position) for start, end in spans)
        parts.append(text)
        position += len(text) + 1
    return CleanText("\n".join(parts), tuple(headings))


def clean_text(text: str) -> str:
    """Clean a whole text as one article and return only the text."""
    return clean_article(text.splitlines()).text
