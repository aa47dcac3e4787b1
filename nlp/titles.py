"""What an article says of itself in labelled lines, and its true title.

Labelled fields: an export from a document database (``【 标  题 】…``, ``【 作  者 】…``), a forum post
(``标  题: …``), a paper (``关键词：A；B；C``) or a news page (``来源：…``) names its parts. :func:`field_of` reads one
such line as ``(name, value)`` with ``name`` one of :data:`FIELD_NAMES`.

The title of a text file without Markdown headings (:func:`choose_title`), in order:

1. a labelled title field (``【 标  题 】``, ``标题：``, ``题目：``, ``Title:``, ``原标题：``): ``title_source`` ``"field"``;
2. the first line of text that reads like a headline (at most :data:`TITLE_MAX_CHARS` characters, no sentence end,
   more text after it), skipping the furniture above it (fields, masthead, issue line, forum headers), with its
   second line when it was wrapped over two (``竞争学习模糊神经网络及在导弹`` / ``故障诊断中的应用``):
   ``"first_line"``; the headline's lines leave the text;
3. the first sentence of the first body line, cut to at most :data:`TITLE_MAX_CHARS` characters at a clause mark:
   ``"first_sentence"`` (the sentence stays in the text);
4. nothing (the caller falls back to the file's name: ``"file_name"``).

A title is never a furniture line: a field, a masthead, a forum header or a dateline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .wordclasses import BASIC_HAN, SENTENCE_END, is_basic_han

#: Longest line still taken for a headline.
TITLE_MAX_CHARS = 40

#: The fields :func:`field_of` reports, and the labels that name them.
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "title": ("标题", "题目", "题名", "篇名", "Title", "TITLE"),
    "original_title": ("原标题", "原题"),
    "author": ("作者", "Author", "Authors"),
    "keywords": ("关键词", "关键字", "主题词", "叙词"),
    "site": ("来源", "稿源", "文章来源", "稿件来源", "原文出处", "出处", "原载"),
}
FIELD_NAMES = tuple(FIELD_LABELS)

_LABEL_TO_NAME = {re.sub(r"\s+", "", label).lower(): name for name, labels in FIELD_LABELS.items()
                  for label in labels}
_LABELS = "|".join(r"\s*".join(re.escape(ch) for ch in label)
                   for label in sorted(_LABEL_TO_NAME, key=len, reverse=True))
# 【 标  题 】value, or "标题：value" / "标  题: value" / "关键词　A　B" (a label, then a colon or a space)
_BRACKETED = re.compile(r"\s*【\s*([^】\n]{1,12}?)\s*】\s*(.*)$")
_COLONED = re.compile(r"\s*[\[［]?\s*(" + _LABELS + r")\s*[\]］]?\s*(?:[:：]|\s)\s*(.*)$", re.IGNORECASE)
_HAN = re.compile(f"[{BASIC_HAN}]")
_SPACED = re.compile(f"[{BASIC_HAN}]\\s(?=[{BASIC_HAN}])")
_SPACED_GAP = re.compile(f"(?<=[{BASIC_HAN}])\\s(?=[{BASIC_HAN}])")
# a line that is one Chinese name (the author under a headline), not the rest of the headline (的研究)
_NAME_LINE = re.compile(r"[^\W\d_的之与和及等中上下论]\w{1,2}[\d*＊+)）\ue000-\uf8ff]*$")
_TITLE_LINES = 3
_SAYING = ("说", "称", "表示", "指出", "认为", "强调", "要求", "提出", "呼吁", "希望", "透露", "宣布", "谈")  # a headline is wrapped over at most this many lines
_KEYWORD_SEPARATORS = re.compile(r"\s*[;；,，、/|]\s*|\s+")
_KEYWORD_MARKS = re.compile(r"\s*[;；,，、/|]\s*")
_CLAUSE = "，,；;：:、"
_CONNECTORS = "和与及或的之、《「“‘（(-—·"
_BRACKET_PAIRS = (("《", "》"), ("“", "”"), ("（", "）"), ("(", ")"), ("「", "」"))


def field_of(line: str) -> tuple[str, str] | None:
    """``(name, value)`` when ``line`` is a labelled field this module knows (see :data:`FIELD_LABELS`), else None.

    >>> field_of("【 标  题 】滇文化艺术的舞蹈意象")
    ('title', '滇文化艺术的舞蹈意象')
    >>> field_of("关键词：除草剂；吸附")
    ('keywords', '除草剂；吸附')
    >>> field_of("标  题: 请教一个问题"), field_of("今天：晴")
    (('title', '请教一个问题'), None)
    """
    for regex in (_BRACKETED, _COLONED):
        match = regex.match(line)
        if match is not None:
            name = _LABEL_TO_NAME.get(re.sub(r"\s+", "", match.group(1)).lower())
            if name is not None:
                value = match.group(2).strip()
                return (name, value) if value else None
    return None


def keyword_list(value: str) -> tuple[str, ...]:
    """The keywords of a ``关键词`` field, in order, each once (``除草剂；吸附；土壤`` → three)."""
    seen: dict[str, None] = {}
    value = value.strip().rstrip("。.;；")
    # separated by marks (除草剂；吸附), else by spaces (除草剂　吸附); a mark-separated keyword may hold a space
    separators = _KEYWORD_MARKS if _KEYWORD_MARKS.search(value) else _KEYWORD_SEPARATORS
    for word in separators.split(value):
        word = word.strip()
        if word and len(word) <= 20:
            seen.setdefault(word)
    return tuple(seen)


@dataclass(frozen=True, slots=True)
class TitleChoice:
    """The title found, where it came from, and the units it took out of the text (``start``..``end``, empty for
    none)."""

    title: str
    source: str
    start: int = 0
    end: int = 0


def choose_title(units: Sequence[tuple[str, str]], fields: Sequence[tuple[str, str]] = ()) -> TitleChoice | None:
    """The title of an article from its units ``(text, role)`` in order and its fields (see the module
    docstring), or None when only the file name is left.

    The headline is the run of headline-like lines (at most three) that opens the article's text after its
    furniture. When furniture follows the run directly (the authors, the English title of a paper), the whole run
    is the title, wrapped over its lines; otherwise the first line is, with the second where it was wrapped. When
    the text opens with a body paragraph (an abstract without a label), a headline directly followed by furniture
    among the next units is taken.

    >>> choose_title([("宇航学报", "furniture"), ("竞争学习模糊神经网络及在导弹", "heading"),
    ...               ("故障诊断中的应用", "heading"), ("胡昌华　王青", "furniture"), ("正文很长。", "body")])
    TitleChoice(title='竞争学习模糊神经网络及在导弹故障诊断中的应用', source='first_line', start=1, end=3)
    """
    for name, value in fields:
        if name == "title" and _readable(value):
            return TitleChoice(_tidy(value), "field")
    first = next((i for i, (_, role) in enumerate(units) if role != "furniture"), None)
    if first is None:
        return None
    end = first
    while end < len(units) and end - first < _TITLE_LINES and units[end][1] != "furniture" \
            and _headline(units[end][0]) and not (end > first and _NAME_LINE.match(units[end][0])):
        end += 1
    rest_has_text = any(role != "furniture" for _, role in units[end:])
    if end > first and rest_has_text:
        lines = [text for text, _ in units[first:end]]
        set_off = end < len(units) and (units[end][1] == "furniture" or _NAME_LINE.match(units[end][0]))
        if set_off and sum(map(len, lines)) <= 2 * TITLE_MAX_CHARS:
            return TitleChoice("".join(map(_tidy, lines)), "first_line", first, end)
        if len(lines) > 1 and _wrapped(lines[0], lines[1]) \
                and any(role != "furniture" for _, role in units[first + 2:]):
            return TitleChoice(_tidy(lines[0]) + _tidy(lines[1]), "first_line", first, first + 2)
        return TitleChoice(_tidy(lines[0]), "first_line", first, first + 1)
    if end == first:  # the text opens with a paragraph: a headline set off by furniture just after it?
        for n in range(first + 1, min(len(units) - 1, first + _TITLE_LINES + 1)):
            text, role = units[n]
            if role != "furniture" and _headline(text) and units[n + 1][1] == "furniture" \
                    and any(r != "furniture" for _, r in units[n + 1:]):
                return TitleChoice(_tidy(text), "first_line", n, n + 1)
    for body, role in units[first:]:
        if role == "body":
            return TitleChoice(_first_sentence(body), "first_sentence")
    return None


def _tidy(title: str) -> str:
    """A title without a footnote mark (``…的吸附*``) and without the spaces of a letter-spaced headline
    (``最 优 偏 置`` → ``最优偏置``)."""
    title = title.rstrip("*＊ ") or title
    if len(_SPACED.findall(title)) * 2 >= len(_HAN.findall(title)) >= 4:
        title = _SPACED_GAP.sub("", title)
    return title


def _readable(title: str) -> bool:
    return any(is_basic_han(ch) or ch.isalpha() for ch in title)


def _headline(line: str) -> bool:
    return 0 < len(line) <= TITLE_MAX_CHARS and line[-1] not in SENTENCE_END + _CLAUSE \
        and not line.rstrip("”’」』）)》】\"'").endswith(tuple(SENTENCE_END))


def _wrapped(first: str, second: str) -> bool:
    """Is ``second`` the rest of a headline wrapped after ``first``? It is a short headline-like line, and
    ``first`` leaves a bracket open, ends on a connecting word, or is longer than it (a wrap fills the first line)."""
    if not _headline(second) or len(first) + len(second) > 2 * TITLE_MAX_CHARS:
        return False
    if unfinished_headline(first):
        return True
    return len(first) >= 10 and len(second) < len(first) and not _numbered(second)


def unfinished_headline(line: str) -> bool:
    """Does a headline line stop before its end: a bracket left open, a connecting word or character at its end
    (``…的基本要求》和《``, ``滇文化艺术的``), or a verb of saying still waiting for what was said
    (``胡锦涛在中央党校春季开学典礼上强调``)?"""
    line = line.rstrip()
    if not line:
        return False
    return any(line.count(a) > line.count(b) for a, b in _BRACKET_PAIRS) or line[-1] in _CONNECTORS \
        or line.endswith(_SAYING)


def _numbered(line: str) -> bool:
    return bool(re.match(r"\s*(?:[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}(?:[.．]\d{1,2})*[\s、.．]|[(（]\S{1,3}[)）])",
                         line))


def _first_sentence(text: str) -> str:
    end = min((i for i in (text.find(mark) for mark in SENTENCE_END) if i >= 0), default=len(text))
    sentence = text[:end].strip()
    if len(sentence) <= TITLE_MAX_CHARS:
        return sentence
    window = sentence[:TITLE_MAX_CHARS]
    cut = max(window.rfind(mark) for mark in _CLAUSE)
    return window[:cut] if cut >= 8 else window
