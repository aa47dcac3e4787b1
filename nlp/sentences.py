"""Splitting Chinese (and English) text into whole sentences, with offsets back into the text.

A sentence ends after 。！？ (or ! ? . in an English run) and after an ellipsis (…… or …), together with any
further end marks and the closing quotes or brackets that follow (” ’ 」 』 ） » …), so ``他说：“好。”`` stays
one sentence and the next one does not start with ``”``. A line break ends a sentence too (paragraphs end
sentences). The text is never split at ，、；：, and a last sentence without an end mark is kept.

Run-in headings: ``突出一条主线：稳定低生育水平。`` is one sentence, since a colon never splits; the heading
reads as the lead-in of its sentence. A heading that ends in its own full stop (``简化办证程序。实行首接负责制…``,
from ``**简化办证程序。**``) is a sentence of its own, and when the cleaner recorded it as a heading, the sentence
is flagged ``is_heading`` so the summariser does not pick it alone.

Over-long runs: text without end marks (a 2 MB article with no punctuation) must not become one huge sentence.
A run longer than ``MAX_SENTENCE_CHARS`` is cut after the last semicolon in the second half of the limit (the end of
an item of a list: ``一是……；二是……``, so that a piece starts as a reader would start reading), else after the
last clause mark (``，；、,;`` or a space) within the limit, else hard at the limit (moved back to the start of an
ASCII word it would cut through); offsets stay exact.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .types import Sentence

_CJK_END = "。！？｡"
_ASCII_END = "!?"
_ELLIPSIS = "…"
_CLOSERS = "”’」』）)》】〕］]\"'»›"
_ALL_END = _CJK_END + _ASCII_END + _ELLIPSIS + "."
# An English "." ends a sentence only after a word of two or more letters (not "Mr.", "U.S.", "e.g.", "3.5").
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "inc", "ltd", "co", "no"})
_WORD_BEFORE = re.compile(r"([A-Za-z]+)$")
_NON_SPACE = re.compile(r"\S")
_WORD_WINDOW = 16  # longer than any abbreviation: a word cut short by the window is still not one
#: A sentence longer than this (no end mark for that long) is cut at a clause mark, else hard (see the docstring).
MAX_SENTENCE_CHARS = 500
_SOFT_BREAKS = "，；、,; \t"
_ITEM_ENDS = "；;"  # (preferred to the other soft breaks where one is late enough in the window)
# An end mark and the further end marks right after it.
_END_MARK = re.compile(r"[。！？｡!?….][。！？｡!?….]*")


def _is_ascii_break(text: str, i: int) -> bool:
    """Is the ASCII mark text[i] (. ! ?) the end of an English sentence?"""
    after = text[i + 1] if i + 1 < len(text) else ""
    if after.isascii() and after.isalnum():
        return False  # "3.5", "example.com", "a!b"
    if text[i] == ".":
        # only the last few letters matter (a one-letter word or an abbreviation): search a window, not the text
        word = _WORD_BEFORE.search(text, max(0, i - _WORD_WINDOW), i)
        if word is not None and (len(word.group(1)) == 1 or word.group(1).lower() in _ABBREVIATIONS):
            return False  # "U.S.", "Mr. Smith"
    if after.isspace():
        rest = _NON_SPACE.search(text, i + 1)  # the next character that is not white space (str.isspace)
        return rest is None or not rest.group().islower()  # "approx. five" goes on; "15. It" ends
    return True


def _sentence_ends(paragraph: str) -> list[int]:
    """End offsets (exclusive) of the sentences in one paragraph."""
    ends: list[int] = []
    i, n = 0, len(paragraph)
    search = _END_MARK.search
    while True:
        found = search(paragraph, i)  # jump to the next end mark: the text between them cannot end a sentence
        if found is None:
            break
        i = found.start()
        char = paragraph[i]
        if char in _CJK_END or char == _ELLIPSIS or _is_ascii_break(paragraph, i):
            j = found.end()  # the run of end marks (。！？!?….) that follows
            while j < n and paragraph[j] in _CLOSERS:
                j += 1
            if char == _ELLIPSIS and j < n and paragraph[j] in "，、；：,;:":
                i = j  # "……，" is a pause inside a sentence, not its end
                continue
            ends.append(j)
            i = j
        else:
            i += 1
    if not ends or ends[-1] < n:
        ends.append(n)
    if len(paragraph) <= MAX_SENTENCE_CHARS:
        return ends  # no sentence can be over the limit
    return _cap_lengths(paragraph, ends)


def _cap_lengths(paragraph: str, ends: list[int], limit: int = MAX_SENTENCE_CHARS) -> list[int]:
    """Add cuts inside every sentence longer than ``limit``: after its last semicolon in the second half of the
    limit, else after its last clause mark within the limit, else hard at the limit (but not through an ASCII
    word)."""
    capped: list[int] = []
    start = 0
    for end in ends:
        position = start
        while end - position > limit:
            window = paragraph[position:position + limit]
            mark = max(window.rfind(ch) for ch in _ITEM_ENDS)
            if mark < limit // 2:
                mark = max(window.rfind(ch) for ch in _SOFT_BREAKS)
            cut = position + mark + 1 if mark >= 0 else position + limit
            if mark < 0 and paragraph[cut - 1].isascii() and paragraph[cut - 1].isalnum() \
                    and paragraph[cut].isascii() and paragraph[cut].isalnum():
                word_start = cut - 1
                while word_start > position and paragraph[word_start - 1].isascii() \
                        and paragraph[word_start - 1].isalnum():
                    word_start -= 1
                if word_start > position:
                    cut = word_start
            capped.append(cut)
            position = cut
        capped.append(end)
        start = end
    return capped


class _Spans:
    """Is a sentence inside one of these spans? Asked in text order, answered by walking the sorted spans once
    (linear time in the sentences and spans, where a scan of every span per sentence was quadratic)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.next = 0  # spans before this one end before the sentences still to come
        self.reach = -1  # the furthest end of the spans passed (spans may nest or overlap)
        self.reach_start = 0

    def cover(self, start: int, end: int) -> bool:
        spans = self.spans
        while self.next < len(spans) and spans[self.next][0] <= start:
            s, e = spans[self.next]
            if e > self.reach:
                self.reach, self.reach_start = e, s
            self.next += 1
        return bool(spans) and self.reach_start <= start and end <= self.reach


def split_sentences(text: str, headings: Sequence[tuple[int, int]] = (),
                    furniture: Sequence[tuple[int, int]] = ()) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences; ``text[s.start:s.end] == s.text`` for each.

    Parameters
    ----------
    text:
        Cleaned text (paragraphs joined by line breaks).
    headings:
        Spans of headings in ``text`` (``Document.headings``); a sentence inside one is flagged ``is_heading``
        and has the role ``"heading"``.
    furniture:
        Spans of furniture lines in ``text`` (``Document.furniture``); a sentence inside one has the role
        ``"furniture"``. Every other sentence has the role ``"body"``.

    Examples
    --------
    >>> [s.text for s in split_sentences("他说：“明天见。”我们走吧！最后一句")]
    ['他说：“明天见。”', '我们走吧！', '最后一句']
    """
    starts: list[int] = []  # the sentences column by column, made into Sentence objects at the end
    ends: list[int] = []
    bodies: list[str] = []
    flags: list[bool] = []
    roles: list[str] = []
    in_heading = _Spans(headings)
    in_furniture = _Spans(furniture)
    offset = 0
    for paragraph in text.split("\n"):
        start = 0
        for end in _sentence_ends(paragraph):
            piece = paragraph[start:end]
            lead = len(piece) - len(piece.lstrip())
            body = piece.strip()
            if body and (body[0].isalnum() or any(ch.isalnum() for ch in body)):
                s = offset + start + lead
                e = s + len(body)
                starts.append(s)
                ends.append(e)
                bodies.append(body)
                heading = in_heading.cover(s, e)
                flags.append(heading)
                roles.append("furniture" if in_furniture.cover(s, e) else "heading" if heading else "body")
            elif body and bodies and ends[-1] == offset + start \
                    and len(bodies[-1]) + lead + len(body) <= MAX_SENTENCE_CHARS:
                # stray marks ("……", "！！") after a sentence belong to it
                ends[-1] = offset + start + lead + len(body)
                bodies[-1] += piece[: lead + len(body)]
            start = end
        offset += len(paragraph) + 1
    return tuple(map(Sentence._make, zip(range(len(starts)), starts, ends, bodies, flags, roles)))
