"""Furniture: the lines of an article that are not its text (fields, mastheads, bylines, reference lists…).

Real files carry more than the article: an export from a document database starts with ``【 文献号 】2-4116``
fields, a journal paper with its masthead, issue line, authors and their addresses, ``摘要：``/``关键词：`` lines,
an English title and abstract and a reference list; a wire story with its dateline and byline and ``（完）``; a
forum post with ``发信人:``/``信区:``/``发信站:`` headers; a saved page with ``分享到``/``返回首页``. A reader skips
them, and so do tiyao's steps: the cleaner keeps each such line a unit of its own (never joined to the next line),
the sentence splitter gives its sentences the role ``furniture``, and summaries, keywords and themes leave them out.

The rules are the table :data:`PATTERNS` below, one row per kind of line, each with an example that the tests
check. A pattern is a regular expression matched at the start of a cleaned line (``re.match``); ``max_chars``
limits it to lines no longer than that (a masthead is short; a ``摘要：`` line may be a long paragraph), and
``where`` to part of an article:

* ``"any"``: any line;
* ``"header"``: only the lines before the article's first body paragraph;
* ``"byline"``: only the lines of the header after its first line of text (the headline): author lines look like a
  list of names only there (``胡昌华　王青　陈新海`` under a paper's title; ``春天 来了`` above it is a headline);
* ``"chinese"``: any line of an article written mostly in Chinese (an English-only line is an English title or
  abstract there, but the text itself in an English article).

``"lead"`` rows (datelines, ``本报讯``) match the start of a paragraph: the matched part becomes a furniture line of
its own and the rest of the paragraph stays body text (``新华社北京5月3日电（记者张三）今天…``). ``"tail"`` rows
match the end of a paragraph (``（完）``, ``（记者 李四）``) and are split off the same way.

Three rules need the article around a line and live in :mod:`tiyao.clean`: the short lines above an issue line at
the top of a file are its masthead (``航空工程与维修`` / ``AVIATION ENGINEERING & MAINTENANCE`` / ``1999年 第6期``),
everything after a ``参考文献`` heading is the reference list, and everything after a forum post's ``--`` line is
its signature.

Users add their own rows the way they add stop words: :meth:`FurnitureRules.with_file` reads a UTF-8 file with
one pattern a line (``kind<TAB>regex``, or just ``regex``; ``#`` starts a comment line), and the CLI takes such a
file with ``--furniture FILE``. Their rows are ``"any"`` line rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress
from os import PathLike
from pathlib import Path

from .errors import ConfigError, InputError
from .types import SegmentedDocument

#: The roles a sentence can have (``Sentence.role``).
BODY, HEADING, FURNITURE = "body", "heading", "furniture"
ROLES = (BODY, HEADING, FURNITURE)

WHERE = ("any", "header", "byline", "chinese", "lead", "tail")

_LABEL_END = r"\s*(?:[:：]|\s|[】\]］]|$)"  # after a label: a colon, a space, or nothing more


@dataclass(frozen=True, slots=True)
class Pattern:
    """One kind of furniture line: a regular expression matched at the start of a line, and an example of it."""

    kind: str
    regex: str
    example: str = ""
    max_chars: int = 0  # 0: a line of any length
    where: str = "any"


def _label(*names: str) -> str:
    """A label at the start of a line (``关键词：``, ``关 键 词``, ``【关键词】``): the characters of one of ``names``
    with optional spaces between them, then a colon, a space or the end of the line."""
    spaced = ("\\s*".join(re.escape(ch) for ch in name) for name in names)
    return r"[【\[［]?\s*(?:" + "|".join(spaced) + r")" + _LABEL_END


# a Chinese name (2-4 characters, or letter-spaced: 王　涛, 杨 德 芳) and what may follow it (a note mark: 1), *)
_NAME = r"(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff](?:\s[\u4e00-\u9fff]){1,2})"
_MARKS = r"(?:\s*[\d*＊+,，)）\ue000-\uf8ff]+)?"  # (private-use characters: bytes a converter garbled)
_SEP = r"[\s,，、;；/]+"
_PAGE_JUMP = r"[(（]\s*(?:上|下)\s*(?:接|转)\s*第?\s*[\d一二三四五六七八九十]+\s*版\s*[)）]"
_FIELD_LABEL = r"【[^】\n]{1,12}】"  # a field of a document database's export: 【 文献号 】, 【原刊期号】
#: What an author note says its author is (``作者某某，现为某大学教授``).
_POSTS = (r"(?:教授|研究员|讲师|博士|硕士|研究生|院士|主任|院长|所长|校长|主编|编辑|编审|记者|作家|学者|专家|"
          r"工程师|教师|馆员|干部|委员|会员|评论员|研究人员|工作人员|负责人)")
_NOT_SPACED_TEXT = r"(?![\u4e00-\u9fff](?:\s[\u4e00-\u9fff]){3,}\s*$)"  # 试 验 研 究: a spaced heading

#: The built-in rules: kind, regular expression, an example line (see the module docstring).
PATTERNS: tuple[Pattern, ...] = (
    # exports from document databases and forum posts: 【 field 】 lines and headers
    Pattern("field", _FIELD_LABEL, "【 文献号 】2-1295"),
    Pattern("forum", _label("发信人", "寄信人", "信区", "发信站", "转信站", "出处", "来源站"),
            "发信人: bluesky (蓝天), 信区: Science"),
    Pattern("forum", r"※\s*(?:来源|修改|转载|转寄)\s*[:：]", "※ 来源:·水木社区 newsmth.net·[FROM: 166.111.8.*]"),
    Pattern("forum", r"【\s*在\s*.{1,40}的大作中提到\s*[:：]?\s*】", "【 在 bluesky (蓝天) 的大作中提到: 】"),
    Pattern("forum", r"--\s*$", "--"),
    Pattern("forum", r":\s", ": 大棚里的黄瓜叶子发黄了", max_chars=200),  # a quoted line of another post
    # labelled metadata lines of papers, news and pages
    Pattern("label", _label("标题", "题目", "题名", "原标题", "原题", "副标题", "英文标题", "Title"),
            "标题：农村养老服务的新探索"),
    Pattern("label", _label("摘要", "文摘", "提要", "内容提要", "内容摘要", "Abstract", "Summary"),
            "摘　要　本文研究了模糊神经网络的学习算法。"),
    Pattern("label", _label("关键词", "关键字", "主题词", "叙词", "Key words", "Keywords", "Key word"),
            "关键词：除草剂；吸附；土壤"),
    Pattern("label", _label("中图分类号", "中图法分类号", "中国图书分类号", "分类号", "文献标识码", "文章编号",
                            "文献编号", "DOI", "收稿日期", "修回日期", "修改稿收到日期", "作者简介", "作者单位",
                            "通讯作者", "通讯地址", "基金项目", "资助项目", "基金", "作者", "Author", "Authors"),
            "中图分类号：TP18 文献标识码：A 文章编号：1000-1328(1999)04-0001-07"),
    Pattern("label", _label("责任编辑", "责编", "编辑", "审核", "校对", "来源", "稿源", "文章来源", "稿件来源",
                            "出处", "原载", "原文出处", "发布时间", "发表时间", "发布日期", "日期", "时间",
                            "浏览次数", "阅读次数", "点击数", "字号", "本文链接", "原文链接", "转载请注明"),
            "责任编辑：王五", max_chars=80),
    Pattern("label", r"原题为?[:：「“《]", "原题为《春天的故事》", max_chars=80),
    Pattern("rights", r".{0,40}(?:版权所有|版权归.{1,20}所有|未经授权.{0,10}转载|Copyright|©|\(c\)\s*\d{4})",
            "版权所有 © 2013 某某报社", max_chars=80),
    # journals: issue lines, mastheads, subtitles under a title field, authors, affiliations
    Pattern("subtitle", r"(?:——|—|－－|--)\s*[^\s—－-].{0,40}$", "——漫说毛泽东与通俗文艺（下）", max_chars=45,
            where="header"),
    Pattern("issue", r".{0,24}?(?:(?:19|20)\d\d\s*年[\s,，]*)?(?:第\s*\d+\s*卷\s*)?第\s*\d+\s*期(?![\u4e00-\u9fff]{2})",
            "1999年　第20卷　第4期　vol20　No.4　1999", max_chars=60),
    Pattern("issue", r".{0,30}?\b(?:Vol|No)\s*\.?\s*\d+", "Vol.19 No.5 Sep. 1998", max_chars=60),
    Pattern("masthead", r".{0,12}(?:学报|杂志|期刊|月刊|季刊|周刊|半月刊|双月刊|日报|晚报|周报|快报|通讯|年鉴)"
                        r"(?:\s*[(（][^)）]{1,12}[)）])?\s*$", "宇航学报", max_chars=20),
    Pattern("authors", _NOT_SPACED_TEXT + _NAME + _MARKS + r"(?:" + _SEP + _NAME + _MARKS + r"){1,9}\s*$",
            "胡昌华　王青　陈新海", max_chars=60, where="byline"),
    Pattern("authors", r"[\u4e00-\u9fff](?:\s[\u4e00-\u9fff]){1,2}" + _MARKS + r"\s*$", "王　涛", where="byline",
            max_chars=12),
    Pattern("authors", _NAME + _MARKS + r"(?:" + _SEP + _NAME + _MARKS + r"){0,9}\s*[(（][^)）]{2,80}[)）]\s*$",
            "王琪全　刘维屏　(浙江大学化学系，杭州 310027)", max_chars=100, where="byline"),
    Pattern("authors", r"(?:作者|撰文|文|图|文/图|记者)\s*[:：/]\s*" + _NAME + r"(?:" + _SEP + _NAME + r")*\s*$",
            "文/李四", max_chars=40),
    Pattern("biography", r"[(（]?\s*作者\s*(?:" + _NAME + r"\s*[，,]?\s*)?"
                           r"(?:现为|现任|现系|系|原为|曾任|任职于|就职于|供职于|工作于)[^。！？]{0,60}?" + _POSTS,
            "作者高楠，现为辽宁大学中文系副主任、教授。邮编：110036", max_chars=120),
    Pattern("biography", r"[(（]\s*(?:作者|笔者)\s*(?:" + _NAME + r"\s*[，,]?\s*)?(?:现为|现任|现系|系|为|是|单位)"
                           r"[^)）]{2,60}[)）]\s*$", "（作者系中国人民大学经济学院教授）", where="tail"),
    Pattern("affiliation", r"[(（].{0,60}(?:大学|学院|研究所|研究院|研究中心|实验室|公司|工厂|医院|University|"
                           r"Institute|College|Department|Academy|Laborator)", "(浙江大学化学系，杭州 310027)",
            max_chars=160),
    Pattern("affiliation", r".{0,60}(?:大学|学院|研究所|研究院|研究中心|实验室|公司|医院).{0,30}[,，\s]\s*\d{6}\s*[)）]?\s*$",
            "北京航空航天大学自动化系 北京 100083", max_chars=100),
    Pattern("email", r".{0,60}[\w.+-]+@[\w-]+(?:\.[\w-]+)+", "E-mail: zhang@buaa.edu.cn", max_chars=100),
    Pattern("caption", r"(?:图|表|附图|附表|Fig\.?|Figure|Table|Tab\.)\s*\d+(?:[.．-]\d+)?(?:\s|[.:：]|$)",
            "图1 基于模糊神经网络的非线性系统故障诊断原理图", max_chars=60),
    # references
    Pattern("references", r"(?:参\s*考\s*文\s*献|参考资料|注\s*释|References|REFERENCES|Bibliography)\s*[:：]?\s*$",
            "参考文献"),
    Pattern("reference", r"[\[［〔(（]?\s*\d{1,3}\s*[\]］〕)）.、]\s*.{1,120}?[.．,，]\s*.{0,200}?[\[［][JMCDRSNPZAG](?:/OL)?[\]］]",
            "[1] 张三, 李四. 模糊神经网络的学习算法[J]. 自动化学报, 1998, 24(3): 1-7."),
    # news: datelines and bylines (as a paragraph's start or end, or a line of their own)
    Pattern("dateline", r"据?(?:新华社|中新社|中通社|新华网|中新网|人民网|央视网|央广网|国际在线|法新社|美联社|路透社|"
                        r"合众社|共同社|塔斯社|俄新社|本报|本刊|本台|本网)[^。！？，,\n]{0,24}?"
                        r"(?:\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯|消息|报道)|[\u4e00-\u9fff]{2,4}电(?![\u4e00-\u9fff]))"
                        r"(?:\s*[(（](?:记者|通讯员|实习生|特派记者|驻[^)）]{1,8}记者)[^)）]{0,30}[)）])?\s*",
            "新华社北京5月3日电（记者张三）", where="lead"),
    Pattern("dateline", r"(?:(?:本报|本刊|本台|本网)(?:[^。！？，,\n]{0,12}?)|[\u4e00-\u9fff]{1,6}(?:日报|晚报|早报|商报|时报|"
                        r"报|电视台|台|网))讯\s*(?:[(（](?:记者|通讯员|实习生)[^)）]{0,30}[)）])?\s*", "本报讯（记者 李四）",
            where="lead"),
    Pattern("dateline", r"[(（]\s*(?:本报|新华社|记者|通讯员|实习生)[^)）]{0,30}[)）]\s*", "（记者 王五 通讯员 赵六）",
            where="lead"),
    Pattern("byline", r"[(（]\s*(?:完|终|全文完|记者[^)）]{1,20}|通讯员[^)）]{1,20}|编辑[^)）]{1,20})\s*[)）]\s*$",
            "（完）", where="tail"),
    Pattern("byline", r"(?:本报记者|本报通讯员|新华社记者|记者|通讯员|实习生|特约记者|本报特约记者)\s*"
                      r"[\u4e00-\u9fff]{2,4}(?:" + _SEP + r"(?:记者|通讯员|实习生)?\s*[\u4e00-\u9fff]{2,4})*\s*$",
            "本报记者 张三 李四", max_chars=40),
    # newspaper pages: page jumps, edition and date lines, photo credits
    Pattern("page", _PAGE_JUMP, "（下转第三版）", max_chars=20),
    Pattern("page", _PAGE_JUMP + r"\s*$", "（下转第四版）", where="tail"),
    Pattern("page", _PAGE_JUMP + r"\s*", "（上接第一版）", where="lead"),
    Pattern("page", r"第\s*[\d一二三四五六七八九十]+\s*版\s*[:：]?\s*\S{0,12}\s*$", "第3版：要闻", max_chars=30),
    Pattern("page", r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周)[一二三四五六日天]", "2013年5月3日 星期五",
            max_chars=40),
    Pattern("photo", r"(?:新华社|本报)?(?:记者|通讯员|摄影|图/?)\s*[\u4e00-\u9fff]{2,4}\s*(?:摄|供图)\s*$",
            "新华社记者 张三 摄", max_chars=30),
    Pattern("photo", r".{0,60}[(（][^)）]{1,30}(?:摄|供图)\s*[)）]\s*$", "图为农民在收割小麦。（通讯员 王五 摄）",
            max_chars=80),
    # web pages
    Pattern("web", r"(?:分享到|点击进入|点击查看|返回首页|返回顶部|返回列表|打印本页|打印此文|关闭窗口|上一篇|下一篇|"
                   r"相关阅读|相关新闻|相关文章|延伸阅读|推荐阅读|扫一扫|我要评论|发表评论|收藏本文|【打印】|【关闭】)",
            "分享到：微信 微博 QQ空间", max_chars=60),
    # English titles and abstracts inside a Chinese article (at least three letters, no Chinese character)
    Pattern("english", r"(?=[^\u3400-\u9fff]*$).*?[A-Za-z]{3}",
            "The Development Direction of the Modularization Design", where="chinese"),
)

#: Words of a dateline or byline: never a keyword, nor part of one (``新华社伦敦``, ``记者张``).
BYLINE_WORDS = frozenset({"新华社", "中新社", "本报", "本报讯", "记者", "通讯员", "实习生", "本报记者", "新华社记者",
                          "特约记者", "发自", "电讯"})


@dataclass(frozen=True)
class FurnitureRules:
    """The furniture table in use: the built-in :data:`PATTERNS` and any a user added (see the module docstring).

    Examples
    --------
    >>> rules = FurnitureRules()
    >>> rules.kind_of("【 文献号 】2-1295"), rules.kind_of("关键词：除草剂；吸附"), rules.kind_of("今天天气很好。")
    ('field', 'label', None)
    >>> rules.with_patterns(["广告\\t【广告】"]).kind_of("【广告】点击领取")
    'field'
    """

    patterns: tuple[Pattern, ...] = PATTERNS
    _compiled: tuple[tuple[Pattern, re.Pattern[str]], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        compiled = []
        for pattern in self.patterns:
            if pattern.where not in WHERE:
                raise ConfigError(f"furniture pattern {pattern.regex!r}: where must be one of {', '.join(WHERE)}")
            try:
                compiled.append((pattern, re.compile(pattern.regex)))
            except re.error as error:
                raise ConfigError(f"furniture pattern {pattern.regex!r} is not a regular expression: {error}",
                                  hint="Write one Python regular expression per line.") from None
        object.__setattr__(self, "_compiled", tuple(compiled))

    def __getstate__(self) -> dict[str, object]:
        return {"patterns": self.patterns}

    def __setstate__(self, state: dict[str, object]) -> None:
        object.__setattr__(self, "patterns", state["patterns"])
        self.__post_init__()

    def with_patterns(self, lines: Iterable[str]) -> FurnitureRules:
        """These rules plus one row per line of ``lines`` (``kind<TAB>regex`` or ``regex``; blank lines and lines
        starting with ``#`` are skipped). Such rows match any line (``where="any"``)."""
        extra = []
        for line in lines:
            line = line.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            kind, tab, regex = line.partition("\t")
            if not tab:
                kind, regex = "user", line
            extra.append(Pattern(kind.strip() or "user", regex.strip(), where="any"))
        return FurnitureRules(self.patterns + tuple(extra))

    def with_file(self, path: str | PathLike[str]) -> FurnitureRules:
        """These rules plus the patterns of a UTF-8 file (see :meth:`with_patterns`)."""
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except OSError as error:
            raise InputError(f"cannot read furniture patterns {path}: {error.strerror or error}",
                             hint="Give a UTF-8 text file with one regular expression per line.") from None
        except UnicodeDecodeError:
            raise InputError(f"furniture patterns {path} are not UTF-8",
                             hint="Save the file as UTF-8.") from None
        return self.with_patterns(text.splitlines())

    def kind_of(self, line: str, *, header: bool = False, byline: bool | None = None,
                chinese: bool = True) -> str | None:
        """The kind of furniture ``line`` is (a whole-line row matches it), or None for a line of text.

        ``header``: the line comes before the article's first body paragraph; ``byline``: it comes in the header
        after the headline (default: ``header``); ``chinese``: the article is written mostly in Chinese."""
        if byline is None:
            byline = header
        size = len(line)
        for pattern, regex in self._compiled:
            where = pattern.where
            if where in ("lead", "tail") or (where == "header" and not header) or (where == "byline" and not byline) \
                    or (where == "chinese" and not chinese):
                continue
            if pattern.max_chars and size > pattern.max_chars:
                continue
            if regex.match(line):
                return pattern.kind
        return None

    def lead_of(self, paragraph: str) -> int:
        """The length of a dateline or byline that opens ``paragraph`` (``新华社北京5月3日电（记者张三）``), else 0."""
        for pattern, regex in self._compiled:
            if pattern.where == "lead":
                match = regex.match(paragraph, 0, min(len(paragraph), 200))
                if match and match.end():
                    return match.end()
        return 0

    def tail_of(self, paragraph: str) -> int:
        """The length of a byline or end mark that closes ``paragraph`` (``（完）``, ``（记者 李四）``), else 0."""
        start = max(0, len(paragraph) - 40)
        best = 0
        for pattern, regex in self._compiled:
            if pattern.where == "tail":
                for begin in _bracket_starts(paragraph, start):
                    match = regex.match(paragraph, begin)
                    if match and match.end() == len(paragraph):
                        best = max(best, len(paragraph) - begin)
                        break
        return best


def _bracket_starts(text: str, start: int) -> Sequence[int]:
    return [i for i in range(start, len(text)) if text[i] in "(（"]


DEFAULT_RULES = FurnitureRules()


_FIELD_LABEL_RE = re.compile(_FIELD_LABEL)


def without_field_labels(text: str) -> str:
    """``text`` with the field labels of an export (``【原刊期号】199505``: the label, not its value) each replaced by
    a line break: what new words are found in (a label recurs in every file of an export, as a word would)."""
    return _FIELD_LABEL_RE.sub("\n", text)


def without_furniture(doc: SegmentedDocument) -> SegmentedDocument:
    """The article as the steps read it: its title, heading and body sentences, its furniture left out (the same
    object when it has none, or when it has nothing else)."""
    records = doc.sentence_records
    keep = [s.role != FURNITURE for s in records]
    if all(keep) or not any(keep):
        return doc
    if doc.columns is not None:  # (no Token made)
        return SegmentedDocument(doc.document, records=tuple(compress(records, keep)),
                                 columns=doc.columns.select(keep))
    return SegmentedDocument(doc.document, tuple(compress(doc.sentences, keep)))
