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
2. Text cut into words (a space after at least one Chinese character in eight, :func:`cut_into_words`) loses the
   spaces between its Chinese characters and Chinese punctuation, before anything else; spaces next to Latin
   words stay.
3. Furniture (:mod:`tiyao.furniture`): each line is matched against the furniture table; the short lines above an
   issue line at the top are the masthead, everything after a reference-list heading is the reference list, and
   everything after a forum post's ``--`` line is its signature.
   A dateline that opens a paragraph (``新华社北京5月3日电（记者张三）``) and a byline or ``（完）`` that closes one
   are split off as lines of their own.
4. Lines are joined only where they were wrapped. In a text wrapped at a fixed width (most of its long lines end
   within a few columns of one width, :func:`wrap_width`), a line that reaches the width goes on in the next one
   and a shorter line ends its paragraph. Elsewhere (the seeds' blank lines in the middle of a sentence, even of a
   word) a paragraph that does not end a sentence is joined to the next one, unless it looks like a heading (at
   most ``SHORT_LINE`` characters without sentence or clause punctuation, ``一、工作思路``, or a numbered section
   heading of up to 40 characters, ``2.1 材料``), or is a short line without a comma followed by a longer one (a
   headline, an author line, a caption). A furniture line, a Markdown heading and a list item (``1、``, ``（2）``,
   ``①``) always start a paragraph; a furniture line goes on only where it was wrapped at the text's width. A
   number broken at a line end is rejoined without a space (``196`` / ``5年`` → ``1965年``), two Latin words keep
   theirs (a hard wrap at a fixed width joins two lower-case pieces of one word).
5. Headings (Markdown sub-headings, heading-like paragraphs, and emphasised run-in headings at the start of a
   paragraph) and furniture paragraphs are recorded as character spans, so that the sentence splitter can give
   each sentence its role (body, heading or furniture). With ``find_title``, the title is taken out of the
   paragraphs (:func:`tiyao.titles.choose_title`); labelled fields are read from the first lines
   (:func:`tiyao.titles.field_of`). Every step is linear in the size of the text.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .furniture import BODY, DEFAULT_RULES, FURNITURE, HEADING, FurnitureRules
from .titles import TITLE_MAX_CHARS, TitleChoice, choose_title, field_of, keyword_list, unfinished_headline
from .wordclasses import HAN_RANGES, SENTENCE_END

#: A line without an end mark that is at most this long is taken for a heading, not a broken sentence.
SHORT_LINE = 20

CLOSERS = "”’」』）)》】\"'»›］]"
CLAUSE_MARKS = "，,、；;：:—-（(“‘「『《【"

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}  # ０-９
_FULLWIDTH.update({code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULLWIDTH.update({code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FULLWIDTH_RUN = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")  # the characters _FULLWIDTH maps

_FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
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
_LATIN = re.compile(r"[A-Za-z]")
_CJK_TEXT = HAN_RANGES + "，。、；：！？“”‘’（）《》「」"
# a space between two Chinese characters (or Chinese punctuation marks): how text cut into words shows
_HAN_GAP = re.compile(f"(?<=[{_CJK_TEXT}])[ \u3000]+(?=[{_CJK_TEXT}])")
_GAP_AFTER_HAN = re.compile(f"[{_CJK_TEXT}][ \u3000]+(?=[{_CJK_TEXT}])")  # (the same gaps, found faster)
# a list item: 1、 (1) （一） 一、 ① • (not "1.5")
_LIST_ITEM = re.compile(r"(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[、．.](?!\d)|"
                        r"[\u2460-\u2473\u2776-\u277f]|[•·▪●○■□◆◇]\s*)")
_COMMA = re.compile(r"[，,；;、。！？!?]")
_SECTION_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2}){0,3}\s+(?!\d)\S")
_WRAP_MAX = 400  # longer lines were not wrapped at a fixed width
_WRAP_SLACK = 4  # a wrapped line may end this many columns short of the width (a wide character did not fit)
_FIELD_LINES = 60  # labelled fields are read from this many first lines


@dataclass(frozen=True, slots=True)
class CleanText:
    """The cleaned text of one article and the spans of its headings in it."""

    text: str
    headings: tuple[tuple[int, int], ...]
    furniture: tuple[tuple[int, int], ...] = ()  # spans of the furniture lines (tiyao.furniture)
    fields: tuple[tuple[str, str], ...] = ()  # labelled fields found (tiyao.titles.field_of), in order
    title: str = ""  # the title taken out of the lines (``find_title``), "" for none
    title_source: str = ""  # where it came from (tiyao.titles.choose_title)
    author_keywords: tuple[str, ...] = ()  # the article's own keyword line (关键词：A；B；C)


def normalize_width(text: str) -> str:
    """Full-width ASCII letters and digits to half-width (``２０１３`` → ``2013``); punctuation is kept."""
    if _FULLWIDTH_RUN.search(text) is None:  # the common case: str.translate would look up every character
        return text
    return _FULLWIDTH_RUN.sub(_halfwidth, text)


def _halfwidth(match: re.Match[str]) -> str:
    return match.group().translate(_FULLWIDTH)


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
    """A short line with no sentence or clause punctuation in it (a list comma 、 is allowed: ``一、工作思路``), or
    a numbered section heading of a paper (``2.1 材料``, ``2　SiCf+p/LY12复合材料口盖板的制备``)."""
    if len(paragraph) <= SHORT_LINE:
        return not any(mark in _HEADING_FREE for mark in paragraph)
    return len(paragraph) <= TITLE_MAX_CHARS and _SECTION_NUMBER.match(paragraph) is not None \
        and not any(mark in _HEADING_FREE for mark in paragraph)


def _joiner(left: str, right: str) -> str:
    """A space between two ASCII words, nothing between CJK characters."""
    if left and right and _ASCII_WORD.match(left[-1]) and _ASCII_WORD.match(right[0]):
        return " "
    return ""


@dataclass(slots=True)
class _Line:
    """One non-blank line of the input, cleaned, with what its layout says."""

    text: str
    span: tuple[int, int] | None  # a heading inside it (a run-in heading), or the whole line for a heading
    whole_heading: bool  # a Markdown heading or an emphasised line: always a unit of its own
    width: int  # display width of the raw line (a CJK character counts 2), 0 when not measured
    trailing_space: bool  # the raw line ended in white space (a wrap between two words)
    kind: str | None = None  # the kind of furniture it is (tiyao.furniture), None for text


@dataclass(slots=True)
class _Unit:
    """A paragraph being built: a line and the wrapped lines joined to it."""

    text: str
    spans: list[tuple[int, int]]
    kind: str | None  # furniture kind, or None
    whole_heading: bool
    last: _Line


def clean_article(
    lines: list[str] | tuple[str, ...],
    furniture: FurnitureRules | None = None,
    *,
    find_title: bool = False,
) -> CleanText:
    """Clean the lines of one article (see the module docstring for the rules).

    ``furniture``: the furniture table (default :data:`tiyao.furniture.DEFAULT_RULES`); ``find_title``: take the
    article's title out of its lines (:func:`tiyao.titles.choose_title`) into ``CleanText.title``."""
    rules = furniture if furniture is not None else DEFAULT_RULES
    raw_lines = strip_html("\n".join(lines)).split("\n")
    if cut_into_words(raw_lines):
        raw_lines = [unsegment(line) for line in raw_lines]
    width = wrap_width(raw_lines)
    items = _line_items(raw_lines)
    fields = _classify(items, rules)
    units = _join(items, rules, width)
    title = TitleChoice("", "") if not find_title else choose_title(
        [(unit.text, _role(unit)) for unit in units], fields) or TitleChoice("", "")
    if title.end > title.start:
        units = units[:title.start] + units[title.end:]
    if title.title and _FULLWIDTH_ALNUM.search(original := "\n".join(raw_lines)):
        title = TitleChoice(as_given(title.title, original), title.source, title.start, title.end)

    parts: list[str] = []
    headings: list[tuple[int, int]] = []
    furniture_spans: list[tuple[int, int]] = []
    position = 0
    for unit in units:
        if unit.kind is not None:
            furniture_spans.append((position, position + len(unit.text)))
        else:
            headings.extend((start + position, end + position) for start, end in unit.spans)
        parts.append(unit.text)
        position += len(unit.text) + 1
    keywords = next((keyword_list(value) for name, value in fields if name == "keywords"), ())
    return CleanText("\n".join(parts), tuple(headings), tuple(furniture_spans), tuple(fields), title.title,
                     title.source, keywords)


def as_given(title: str, text: str) -> str:
    """A title read from cleaned lines, in the characters ``text`` (the article's lines) gives it: full-width
    letters and digits stay as written (``纪念茅盾诞辰１００周年``), as a reader sees the document; the analysis
    reads the half-width text. The title is looked up in ``text`` with white space and widths set aside; a title
    not found there is returned as it is.

    >>> as_given("纪念茅盾诞辰100周年", "【 标  题 】纪念茅盾诞辰１００周年\\n【 作  者 】某")
    '纪念茅盾诞辰１００周年'
    """
    places = [i for i, ch in enumerate(text) if not ch.isspace()]
    plain = normalize_width("".join(text[i] for i in places))
    at = plain.find("".join(ch for ch in title if not ch.isspace()))
    if at < 0:
        return title
    given = iter(places[at:])
    return "".join(ch if ch.isspace() else text[next(given)] for ch in title)


def cut_into_words(lines: Sequence[str]) -> bool:
    """Is this text cut into words, a space between Chinese words (``我们 今天 去 学校``), as some corpora ship?
    Yes when at least one Chinese character in eight is followed by a space and another Chinese character."""
    gaps = sum(len(_GAP_AFTER_HAN.findall(line)) for line in lines if " " in line or "\u3000" in line)
    return gaps >= 5 and gaps * 8 >= sum(map(_wide_count, lines))


def unsegment(line: str) -> str:
    """Remove the spaces between Chinese characters (and Chinese punctuation) of a line cut into words."""
    return _HAN_GAP.sub("", line)


def _wide_count(text: str) -> int:
    """How many characters of ``text`` take three or more bytes in UTF-8 (CJK characters and punctuation, about)."""
    return (len(text.encode("utf-8", "surrogatepass")) - len(text)) // 2


def display_width(line: str) -> int:
    """Columns the line takes in a fixed-width file: a character of three or more bytes in UTF-8 (CJK characters
    and punctuation) counts two, as in the GB encodings such files were wrapped in (an estimate: fast)."""
    return len(line) + _wide_count(line)


def wrap_width(lines: Sequence[str]) -> int:
    """The width a text was wrapped at (display columns), or 0 when it was not: a good share of its long lines (40 columns
    or more, at least four of them and a quarter of all) end within a few columns of one width: a file can wrap
    its front matter and abstract and leave its body in long lines."""
    widths = [width for width in (display_width(line.rstrip()) for line in lines if 20 <= len(line) <= _WRAP_MAX)
              if width >= 40]
    long_lines = len(widths) + sum(1 for line in lines if len(line) > _WRAP_MAX)
    if len(widths) < 4:
        return 0
    counts = Counter(widths)
    best, best_count = 0, 0
    for width in sorted(counts):
        near = sum(counts.get(w, 0) for w in range(width - _WRAP_SLACK, width + 1))
        if near > best_count or (near == best_count and width > best):
            best, best_count = width, near
    return best if best_count * 4 >= long_lines and best_count >= 4 else 0


def _line_items(raw_lines: Sequence[str]) -> list[_Line]:
    """The non-blank lines with Markdown marks removed (headings, bullets, quotes, rules, emphasis)."""
    items: list[_Line] = []
    for raw in raw_lines:
        if not raw.strip() or _RULE.match(raw):
            continue
        trailing = raw.rstrip("\r") != raw.rstrip()
        width = display_width(raw.rstrip()) if len(raw) <= _WRAP_MAX else 0
        heading = heading_of(raw)
        if heading is not None:
            if heading[1]:
                items.append(_Line(heading[1], (0, len(heading[1])), True, width, trailing))
            continue
        line = _BULLET.sub("", _QUOTE.sub("", raw))
        lead = _LEAD_EMPHASIS.match(line.strip())
        if lead is not None:
            head = clean_line(lead.group(2))
            rest = clean_line(line.strip()[lead.end():])
            text = head + _joiner(head, rest) + rest if rest else head
            span = (0, len(head)) if head else None
            items.append(_Line(text, span, not rest, width, trailing))
        else:
            text = clean_line(line)
            if text:
                items.append(_Line(text, None, False, width, trailing))
    return items


def _classify(items: list[_Line], rules: FurnitureRules) -> list[tuple[str, str]]:
    """Mark the furniture lines (``_Line.kind``) and return the labelled fields found in them, in order."""
    sample = "".join(item.text[:2000] for item in items[:200])[:20_000]  # (the start tells the language)
    chinese = _wide_count(sample) * 3 >= len(_LATIN.findall(sample))
    header = True  # before the first body paragraph
    headline = False  # a line of text seen in the header (the headline: author lines come after it)
    for item in items:
        if item.whole_heading:
            headline = True
            continue
        item.kind = rules.kind_of(item.text, header=header, byline=header and headline, chinese=chinese)
        if item.kind is None:
            headline = True
            if header and (len(item.text) > TITLE_MAX_CHARS or ends_sentence(item.text)):
                header = False
    # the short lines above an issue line at the top of a file are its masthead
    for n, item in enumerate(items[:8]):
        if item.kind == "issue":
            for above in items[:n]:
                if above.kind is None and len(above.text) <= TITLE_MAX_CHARS and not ends_sentence(above.text):
                    above.kind = "masthead"
            break
    # everything after a reference-list heading is the reference list, after a forum post's "--" its signature
    tail_kind = None
    for item in items:
        if tail_kind is not None:
            item.kind = item.kind or tail_kind
        elif item.kind == "references":
            tail_kind = "reference"
        elif item.kind == "forum" and item.text == "--":
            tail_kind = "signature"
    fields: list[tuple[str, str]] = []
    head = items[:_FIELD_LINES]
    for n, item in enumerate(head):
        if item.kind in ("field", "label", "forum"):
            found = field_of(item.text)
            if found is not None:
                fields.append(found)
                if found[0] == "title" and _field_goes_on(head, n):  # a title field wrapped over two lines
                    head[n + 1].kind = "field"
                    if unfinished_headline(found[1]):
                        item.text += head[n + 1].text
                        fields[-1] = ("title", found[1] + head[n + 1].text)
    return fields


def _field_goes_on(items: list[_Line], n: int) -> bool:
    """Is the line after the field ``items[n]`` part of its value: a short line of text, without an end mark,
    between two field lines (``【 标  题 】滇文化艺术的`` / ``舞蹈意象`` / ``【 作  者 】李坚``)? It is the field's (never
    body text); it is joined to the title only where the first line is unfinished (:func:`unfinished_headline`):
    ``纪念茅盾诞辰100周年`` / ``论茅盾艺术思维理论…`` is a kicker above a title, not one title."""
    if n + 2 >= len(items):
        return False
    rest, after = items[n + 1], items[n + 2]
    return rest.kind is None and not rest.whole_heading and len(rest.text) <= TITLE_MAX_CHARS \
        and not ends_sentence(rest.text) and not _COMMA.search(rest.text) and after.kind is not None


def _join(items: list[_Line], rules: FurnitureRules, width: int) -> list[_Unit]:
    """Lines -> paragraphs: a line is joined to the one before only where that one was wrapped (see the module
    docstring)."""
    units: list[_Unit] = []
    open_unit = False
    for n, item in enumerate(items):
        if open_unit and item.kind is None and not item.whole_heading \
                and (units[-1].kind is not None or not _starts_unit(item, units[-1].last, width)):
            unit = units[-1]
            glue = _wrap_joiner(unit.last, item, width)
            offset = len(unit.text) + len(glue)
            if item.span is not None:
                unit.spans.append((item.span[0] + offset, item.span[1] + offset))
            unit.text += glue + item.text
            unit.last = item
        else:
            if open_unit:  # the paragraph before was left open, but this line cannot go on with it: it ends there
                _close(units, rules)
            units.extend(_new_units(item, rules))
        following = items[n + 1] if n + 1 < len(items) else None
        open_unit = _is_open(units[-1], following, width)
        if not open_unit:
            _close(units, rules)
    return units


def _new_units(item: _Line, rules: FurnitureRules) -> list[_Unit]:
    """The paragraph a line starts: with a dateline that opens it split off as a furniture paragraph of its own."""
    lead = rules.lead_of(item.text) if item.kind is None and not item.whole_heading else 0
    if not lead:
        return [_Unit(item.text, [item.span] if item.span is not None else [], item.kind, item.whole_heading, item)]
    if lead == len(item.text):
        item.kind = "dateline"
        return [_Unit(item.text, [], item.kind, False, item)]
    dateline = _Line(item.text[:lead].rstrip(), None, False, 0, False, "dateline")
    rest = _Line(item.text[lead:].lstrip(), None, False, item.width, item.trailing_space)
    return [_Unit(dateline.text, [], "dateline", False, dateline), _Unit(rest.text, [], None, False, rest)]


def _is_open(unit: _Unit, following: _Line | None, width: int) -> bool:
    """Does the paragraph go on in the next line (was its last line wrapped)?"""
    last = unit.last
    if unit.whole_heading or following is None or ends_sentence(unit.text):
        return False
    at_width = width > 0 and last.width >= width - _WRAP_SLACK
    if unit.kind is not None:
        return at_width  # a furniture line goes on only where it was wrapped at the text's width
    if width > 0:
        return at_width
    if _is_heading_like(unit.text):
        return False
    # a short line without a comma, followed by a longer one, is its own unit (a headline, an author line, a
    # caption); a line with a comma in it is a piece of a sentence ("…，田军在西" / "集农村信用联社…")
    text = last.text
    return not (len(text) <= TITLE_MAX_CHARS and not _COMMA.search(text)
                and len(following.text) >= len(text) * 5 // 4 + 5)


def _starts_unit(item: _Line, previous: _Line, width: int) -> bool:
    """Does ``item`` start a paragraph even though the line before it did not end one (a list item)?"""
    if width > 0 and previous.width >= width - _WRAP_SLACK:
        return False  # in the middle of a wrapped paragraph
    return _LIST_ITEM.match(item.text) is not None or _is_heading_like(item.text) and _SECTION_NUMBER.match(item.text)


def _close(units: list[_Unit], rules: FurnitureRules) -> None:
    """A paragraph is complete: split a closing byline (``（完）``) off it, mark it a heading when it reads as one."""
    unit = units[-1]
    if unit.kind is not None or unit.whole_heading:
        return
    tail = rules.tail_of(unit.text)
    if tail:
        if tail < len(unit.text):
            body = unit.text[:-tail].rstrip()
            byline = unit.text[-tail:].strip()
            spans = [span for span in unit.spans if span[1] <= len(body)]
            units[-1] = _Unit(body, spans, None, False, unit.last)
            units.append(_Unit(byline, [], "byline", False, unit.last))
            return
        unit.kind = "byline"
        return
    if _is_heading_like(unit.text) and not unit.spans:
        unit.spans.append((0, len(unit.text)))


def _role(unit: _Unit) -> str:
    if unit.kind is not None:
        return FURNITURE
    if unit.whole_heading or unit.spans == [(0, len(unit.text))]:
        return HEADING
    return BODY


def _wrap_joiner(left: _Line, right: _Line, width: int) -> str:
    """What goes between two lines of one paragraph: a space between two Latin words, nothing inside a number or
    a word broken at the line end (``196`` / ``5年`` → ``1965年``) or between Chinese characters."""
    a, b = left.text[-1], right.text[0]
    if not (_ASCII_WORD.match(a) and _ASCII_WORD.match(b)):
        return ""
    if a.isdigit() and b.isdigit():
        return ""
    if left.trailing_space:
        return " "
    if width > 0 and left.width >= width - _WRAP_SLACK and a.islower() and b.islower():
        return ""  # a hard wrap at a fixed width cuts words anywhere
    return " "


def clean_text(text: str) -> str:
    """Clean a whole text as one article and return only the text."""
    return clean_article(text.splitlines()).text
