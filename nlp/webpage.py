"""Saved web pages as articles: one page, one article, its main text, headline, date, author, source and address.

Reading a page takes four steps:

1. **Bytes to text** (:func:`decode_page`): a byte-order mark; else the page's own declaration (``<meta charset>``,
   ``<meta http-equiv="Content-Type" content="…; charset=…">`` or ``<?xml … encoding=…?>``, where ``gb2312`` and
   ``gbk`` are read as their superset GB18030), unless the bytes are valid UTF-8 with non-ASCII text (a page saved
   again by a browser keeps its old declaration); else the detection of :func:`tiyao.encoding.decode_bytes`.
2. **Main text** (:func:`extract_page`): two maintained extractors read the page, trafilatura (good at finding the
   article, generous with what surrounds it) and readability-lxml (tight, but now and then it picks a wrong block).
   readability's text is taken when it agrees with trafilatura's (most of its Han bigrams are in trafilatura's text
   and it has at least :data:`AGREEMENT_MIN_SHARE` of its length); otherwise trafilatura's. Both give HTML, which
   is turned into paragraphs here (block elements and ``<br>`` end a paragraph), each knowing how much of it is
   link text.
3. **Page furniture out** (:func:`page_line_role`): our rules for what of a Chinese page is not article: link
   lists (a line mostly of link text, or the lines after ``相关新闻``/``相关阅读``…), editor, source, author and
   original-title lines (``责任编辑：``, ``来源：``, ``作者：``, ``原标题：``), datelines (``2021-1-29 13:18 来源：…``),
   share bars and page tools (``分享到``, ``返回首页``, ``打印本页``, ``关闭窗口``, ``点击进入``, ``上一页``),
   copyright and licence lines (``版权所有``, ``Copyright``, ``ICP备``, ``未经授权不得转载``), and the headline
   repeated at the top of the text. Lines that name the source, author or date are read for the metadata first.
4. **Metadata** (:func:`page_metadata`): the headline from ``og:title`` or JSON-LD, the longest ``<h1>``-``<h3>``
   that the ``<title>`` contains, or the ``<title>`` without its site-name suffix (``…_新浪财经_新浪网``), never the
   site's own name; for a page whose markup names none (a ``<title>`` of one word), an emphasised line (``<b>``,
   ``<font>``, class ``*title*``) just above the text; the date, author, source and address
   from ``<meta>`` (``article:published_time``, ``PubDate``, ``publishdate``, ``author``, ``ContentSource``,
   ``og:site_name``), JSON-LD (``datePublished``, ``author``, ``publisher``), ``<link rel="canonical">``,
   ``og:url``, the ``saved from url`` comment browsers write, and the byline and dateline lines of step 3.

A page whose text after these steps has fewer than :data:`MIN_ARTICLE_CHARS` Han characters or no sentence at all
(a list page, an empty shell that needs JavaScript), a short page with a password field and a title about logging
in (a login form), or a page whose paragraphs each sit under a link (search results, a list page with leads) is not
an article: :class:`NotAnArticle` says why, and the reader turns it into a per-page failure.

The extractors are the optional extra ``tiyao[web]``; they are imported when a page is read, and reading a page
without them is a :class:`~tiyao.errors.ConfigError` naming the extra (one error for the whole input, not one per page).
"""

from __future__ import annotations

import codecs
import json
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .clean import clean_article, ends_sentence, normalize_spaces, normalize_width
from .encoding import decode_bytes
from .errors import ConfigError
from .types import Document
from .wordclasses import HAN, SENTENCE_END

#: A page whose article text has fewer Han characters than this is not an article.
MIN_ARTICLE_CHARS = 30
#: readability's text is used when it is at least this share of trafilatura's (in Han characters) ...
AGREEMENT_MIN_SHARE = 0.25
#: ... and at least this share of its Han bigrams are in trafilatura's text.
AGREEMENT_MIN_OVERLAP = 0.9
#: A line with at least this share of its characters in links is a link list entry, unless it is a long sentence.
LINK_LINE_SHARE = 0.5
#: A ``<title>`` (without its site name) shorter than this is not taken for the headline.
MIN_TITLE_CHARS = 5
#: A line at most this long, without a sentence end, can be the headline of a page whose markup names none.
HEADLINE_MAX_CHARS = 40
#: How many lines of the page above the article's first paragraph are searched for its headline and byline.
HEADER_LINES = 12
#: A page with a password field, a title about logging in and less text than this is a login form.
LOGIN_PAGE_MAX_CHARS = 300
#: A page with at least this many paragraphs, this share of them right under a link, is a list of excerpts.
EXCERPT_LIST_MIN = 3
EXCERPT_LIST_SHARE = 0.6
#: Furniture lines (bylines, datelines, tools) are short: longer lines are article text whatever they contain.
FURNITURE_MAX_CHARS = 80

EXTRA_HINT = "Install it with pip install 'tiyao[web]'."

_GB_NAMES = {"gb2312", "gbk", "gb_2312", "gb_2312-80", "x-gbk", "csgb2312", "cp936", "ms936", "windows-936",
             "euc-cn", "x-euc-cn", "gb18030"}
_DECLARED = (
    re.compile(rb"<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)", re.IGNORECASE),
    re.compile(rb"<meta[^>]{0,300}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE),
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_HAN = HAN


class NotAnArticle(Exception):
    """The page has no article text (a list page, search results, a login form, an empty shell)."""


@dataclass(frozen=True, slots=True)
class Line:
    """One paragraph of a page's extracted text and how much of it is link text."""

    text: str
    link_chars: int = 0

    @property
    def link_share(self) -> float:
        return self.link_chars / max(len(self.text), 1)


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What a page says of itself (empty strings where it says nothing)."""

    title: str = ""
    date: str = ""
    author: str = ""
    url: str = ""
    site: str = ""


@dataclass(frozen=True, slots=True)
class WebPage:
    """A page read as an article: its headline, its paragraphs, and what it says of itself."""

    title: str
    paragraphs: tuple[str, ...]
    metadata: PageMetadata


# -- files that come with a saved page -------------------------------------------------------------------------

_RESOURCE_FOLDER = re.compile(r"^(.+?)(?:_files|\.files|-Dateien|_fichiers|_archivos|_arquivos|_bestanden|_file)$")


def is_page_resource(path: Path, levels: int) -> bool:
    """Whether ``path`` lies in the folder a browser saves beside a page for its images, scripts, styles and frames
    (``新闻.html`` and ``新闻_files/``): those files are the page's parts, not articles. Only the ``levels``
    folders nearest the file are looked at (those inside the folder the user gave)."""
    for folder in list(path.parents)[:levels]:
        match = _RESOURCE_FOLDER.match(folder.name)
        if match and any((folder.parent / (match.group(1) + suffix)).is_file()
                         for suffix in (".html", ".htm", ".shtml", ".xhtml", ".mht")):
            return True
    return False


# -- bytes to text ---------------------------------------------------------------------------------------------

def declared_encoding(data: bytes) -> str | None:
    """The encoding a page declares in its first 4 KiB (``gb2312``/``gbk`` as ``gb18030``), or None."""
    head = data[:4096]
    for pattern in _DECLARED:
        match = pattern.search(head)
        if match is None:
            continue
        name = match.group(1).decode("ascii").lower()
        if name in _GB_NAMES:
            return "gb18030"
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            continue
        return None if codec.startswith(("utf-16", "utf-32")) else codec  # ASCII bytes cannot be UTF-16
    return None


def decode_page(data: bytes, source: str, encoding: str | None = None) -> str:
    """A page's text: ``encoding`` if given, else a BOM, the page's declaration, then detection."""
    if encoding or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data, source, encoding)
    declared = declared_encoding(data)
    if declared and declared != "utf-8":
        if not data.isascii():
            try:
                return data.decode("utf-8")  # saved again as UTF-8 by a browser, old declaration kept
            except UnicodeDecodeError:
                pass
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    return decode_bytes(data, source)


# -- HTML to paragraphs ----------------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section summary table tbody td tfoot th thead tr "
    "ul".split())
_SKIP_TAGS = frozenset("script style noscript template head iframe object embed svg select option button "
                       "textarea input".split())


def html_lines(fragment: Any) -> list[Line]:
    """The paragraphs of an lxml element: block elements and ``<br>`` end one; link text is counted."""
    lines: list[Line] = []
    parts: list[str] = []
    links = [0]

    def flush() -> None:
        text = normalize_spaces(normalize_width("".join(parts)))
        if text:
            raw = "".join(parts)
            share = links[0] / max(len(raw.strip()), 1)
            lines.append(Line(text, round(share * len(text))))
        parts.clear()
        links[0] = 0

    def walk(element: Any, in_link: bool) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower().rsplit("}", 1)[-1]
        if tag in _SKIP_TAGS or not tag:
            return
        block = tag in _BLOCK_TAGS
        if block or tag == "br":
            flush()
        link = in_link or tag == "a"
        if element.text and tag != "br":
            parts.append(element.text)
            if link:
                links[0] += len(element.text.strip())
        for child in element:
            walk(child, link)
            if child.tail:
                parts.append(child.tail)
                if link:
                    links[0] += len(child.tail.strip())
        if block:
            flush()

    walk(fragment, False)
    flush()
    return lines


def _parse(html: str) -> Any:
    import lxml.html

    return lxml.html.document_fromstring(html)


# -- extraction ---------------------------------------------------------------------------------------------------

def _libraries() -> tuple[Any, Any]:
    try:
        import trafilatura
        from readability import Document as Readability
    except ImportError:
        raise ConfigError("reading web pages needs the extra tiyao[web] (trafilatura and readability-lxml), "
                          "which is not installed", hint=EXTRA_HINT) from None
    return trafilatura, Readability


def _trafilatura_lines(trafilatura: Any, html: str) -> list[Line]:
    out = trafilatura.extract(html, output_format="html", include_comments=False, include_links=True,
                              include_images=False, include_tables=True, deduplicate=False)
    return html_lines(_parse(out)) if out else []


def _readability_lines(readability: Any, html: str) -> list[Line]:
    try:
        out = readability(html).summary(html_partial=True)
    except Exception:  # readability raises its own errors (and lxml's) on pages it cannot make sense of
        return []
    return html_lines(_parse(out)) if out and out.strip() else []


def _bigrams(lines: list[Line]) -> Counter[str]:
    han = _HAN.findall("".join(line.text for line in lines))
    return Counter(a + b for a, b in zip(han, han[1:]))


def _agrees(tight: list[Line], generous: list[Line]) -> bool:
    """Whether the tight extractor's text is a large part of the generous one's and almost all inside it."""
    tight_grams, generous_grams = _bigrams(tight), _bigrams(generous)
    size = sum(tight_grams.values())
    if not size or size < AGREEMENT_MIN_SHARE * sum(generous_grams.values()):
        return False
    return sum((tight_grams & generous_grams).values()) >= AGREEMENT_MIN_OVERLAP * size


# -- page furniture ---------------------------------------------------------------------------------------------

_DATE = r"(?:(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)"
_DATELINE = re.compile(_DATE)
_DATE_PARTS = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*日)?"
                         r"(?:\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?")
_LABEL = r"\s*[:：]\s*"
_SOURCE = re.compile(r"(?:来源|来自|稿源|出处|消息来源|文章来源|信息来源)" + _LABEL + r"([^\s|｜/、,，;；)）\]】]{2,30})")
_AUTHOR = re.compile(r"(?:作者|撰文|撰稿|记者|文)\s*[:：/]\s*([^\s|｜/,，;；)）\]】]{2,20})")
_REPORTER = re.compile(r"^[(（\[【]?\s*(?:本报|本台|本刊|新华社|中新社|央视)?(?:特约)?记者\s*([\u4e00-\u9fff·]{2,5})(?:[\s、，,]|$)")
_EDITOR = re.compile(r"^[(（\[【]?\s*(?:责任编辑|责编|编辑|审核|校对|实习编辑|编审|值班编辑|监制|统筹|策划|"
                     r"美编|摄影|图片来源|图片编辑|新媒体编辑|本文编辑)" + _LABEL)
_ORIGINAL_TITLE = re.compile(r"^[(（\[【]?\s*原标题" + _LABEL)
_TOOLS = re.compile(
    r"分享到|分享至|一键分享|返回首页|返回顶部|返回页首|返回列表|打印本页|打印本文|打印此文|关闭窗口|关闭本页|"
    r"点击进入|点击查看|点此进入|上一页|下一页|上一篇|下一篇|发表评论|我要评论|查看评论|网友评论|收藏本文|"
    r"加入收藏|设为首页|推荐给朋友|发送给朋友|扫一扫|扫描二维码|微信扫码|【[大中小]】|"
    r"(?:字号|字体)\s*[:：]?\s*[【\[]?\s*[大中小]|[【\[]\s*(?:字号|字体)|"  # not 老字号
    r"第\s*\d+\s*页\s*/?\s*共\s*\d+\s*页|(?:阅读|点击|浏览)(?:量|数|次数)?\s*[:：]\s*\d+|"
    r"(?:阅读|点击|浏览)\s*\d+\s*次")  # not 每年阅读3本书
_COPYRIGHT = re.compile(r"版权所有|版权声明|copyright|©|\(c\)\s*\d{4}|ICP[备证]|公网安备|未经.{0,12}(?:授权|许可)|"
                        r"不得转载|转载请注明|转载务必", re.IGNORECASE)
#: Footer links: a line of two or more of them, or one alone, is the page's footer (关于我们的未来 is not).
_FOOTER_LINK = re.compile(r"联系我们|关于我们|广告服务|网站地图|友情链接|免责声明|隐私政策|法律声明|网站声明|"
                          r"招聘英才|人才招聘|意见反馈|合作加盟|投稿须知")
_LIST_START = re.compile(r"^[【\[(（]?\s*(?:相关新闻|相关报道|相关阅读|相关文章|相关链接|延伸阅读|推荐阅读|热点推荐|"
                         r"今日推荐|猜你喜欢|热门推荐|热门文章|精彩推荐|更多精彩|更多内容|更多新闻|最新新闻|"
                         r"本周.{0,4}推荐|图片精选|幻灯欣赏|今日焦点|热点新闻|热门评论|最新评论|精彩图片)")


def page_line_role(line: Line) -> str:
    """``"body"`` or the kind of furniture a line of a page is: ``"links"``, ``"byline"``, ``"tools"``,
    ``"copyright"``, ``"list"`` (a heading that starts a list of links)."""
    text = line.text
    short = len(text) <= FURNITURE_MAX_CHARS
    ends = text.rstrip("”’」』）)\"' ")[-1:] in SENTENCE_END
    if short and _LIST_START.match(text):
        return "list"
    if short and (_EDITOR.match(text) or _ORIGINAL_TITLE.match(text)):
        return "byline"
    if short and (_COPYRIGHT.search(text) or len(_FOOTER_LINK.findall(text)) >= 2 or _FOOTER_LINK.fullmatch(text)):
        return "copyright"
    if short and _TOOLS.search(text) and not ends:
        return "tools"
    if short and not ends and (_DATELINE.search(text) and len(_HAN.findall(text)) <= 24
                               or _SOURCE.search(text) or _AUTHOR.match(text) or _REPORTER.match(text)):
        return "byline"
    if line.link_share >= LINK_LINE_SHARE and not (ends and len(text) > 40):
        return "links"
    return "body"


def _article_lines(lines: list[Line], title: str) -> tuple[list[str], list[str]]:
    """(article paragraphs, byline/dateline/tool paragraphs) of extracted lines."""
    body: list[str] = []
    bylines: list[str] = []
    in_list = False
    headline = _key(title)
    for line in lines:
        role = page_line_role(line)
        if role == "list":
            in_list = True
            continue
        if in_list:
            if role == "body" and _is_paragraph(line.text):
                in_list = False
            else:
                continue
        if role in ("byline", "tools"):
            bylines.append(line.text)
        elif role == "body":
            if headline and not body and _key(line.text) == headline:
                continue  # the headline repeated on top of the text: it is the title
            body.append(line.text)
    return body, bylines


def _is_paragraph(text: str) -> bool:
    return len(_HAN.findall(text)) >= 20 and any(mark in text for mark in SENTENCE_END + "，")


def _key(text: str) -> str:
    return "".join(_HAN.findall(text)) or text.strip().lower()


# -- metadata -------------------------------------------------------------------------------------------------------

_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|--|—|–| - |-(?=[^-]{1,15}$)|·(?=[^·]{1,12}$))\s*")
_LABEL_PREFIX = re.compile(r"^\s*(?:来源|来自|稿源|出处)\s*[:：]\s*")
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.IGNORECASE)
_DATE_META = ("article:published_time", "og:published_time", "og:release_date", "pubdate", "publishdate",
              "publish_date", "publish-date", "publishtime", "publication_date", "datepublished", "date",
              "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date", "firstpublishedtime",
              "weibo:webpage:create_at", "mediapub_date")
_AUTHOR_META = ("article:author", "author", "dc.creator", "byl", "parsely-author", "sailthru.author")
_SITE_META = ("og:site_name", "contentsource", "source", "sitename", "site_name", "application-name", "dc.publisher")


def _meta(tree: Any) -> dict[str, str]:
    values: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = normalize_spaces(element.get("content") or "")
        if key and content and key not in values:
            values[key] = content
    return values


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                items.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
    return items


def _name_of(value: Any) -> str:
    if isinstance(value, list):
        names = [_name_of(item) for item in value]
        return "、".join(name for name in names if name)
    if isinstance(value, dict):
        value = value.get("name", "")
    return normalize_spaces(str(value)) if isinstance(value, str) else ""


def iso_date(text: str) -> str:
    """The first date in ``text`` as ISO 8601 (``2021-01-29`` or ``2021-01-29T13:18``), or ""."""
    match = re.search(r"((?:19|20)\d{2})-(\d{2})-(\d{2})T(\d{2}):(\d{2})", text)
    if match:
        return match.group(0) if match.group(0)[11:] != "00:00" else match.group(0)[:10]
    match = _DATE_PARTS.search(normalize_width(text))
    if match is None:
        return ""
    year, month, day, hour, minute, _ = match.groups()
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return ""
    date = f"{year}-{int(month):02d}-{int(day):02d}"
    if not hour or int(hour) >= 24 or (int(hour) == 0 and minute == "00"):
        return date  # no time, or midnight: the date alone (CMSs write 00:00:00 for "no time")
    return f"{date}T{int(hour):02d}:{minute}"


_GENERIC_SOURCES = frozenset("互联网 网络 网友 网友投稿 转载 转载文章 本站 本网 原创 综合 未知 不详 其他 整理 网络整理".split())


def _plausible_site(name: str) -> bool:
    return 2 <= len(name) <= 30 and name not in _GENERIC_SOURCES and not _COPYRIGHT.search(name) \
        and not re.search(r"www\.|\.com|\.cn\b|[,，;；]", name, re.IGNORECASE)


def _plausible_author(name: str) -> bool:
    if not name or len(name) > 30 or re.search(r"[\d@,，;；]|www\.|\.com|team|inc\b|ltd", name, re.IGNORECASE):
        return False
    return bool(_HAN.search(name)) or bool(re.fullmatch(r"[A-Za-z][A-Za-z .'-]+", name))


def _headline(tree: Any, meta: dict[str, str], ld_items: list[dict[str, Any]]) -> tuple[str, str]:
    """(headline, the site name the ``<title>`` appends)."""
    title_element = tree.find(".//title")
    page_title = normalize_spaces(title_element.text_content()) if title_element is not None else ""
    parts = [part for part in _TITLE_SEPARATORS.split(page_title) if part.strip()] if page_title else []
    suffix = parts[-1] if len(parts) > 1 else ""
    page_key, site_key = _key(page_title), _key(suffix)

    def in_title(candidate: str) -> str:
        """The candidate (without a site suffix of its own) when the <title> holds it and it is not the site name."""
        candidate = normalize_spaces(candidate)
        key = _key(candidate)
        if not key or not page_key or key not in page_key or key == site_key or len(key) < 2:
            return ""
        cut = [part for part in _TITLE_SEPARATORS.split(candidate) if part.strip()]
        return candidate if len(cut) < 2 or _key(cut[0]) == key else cut[0]

    declared = [meta.get("og:title", ""), meta.get("twitter:title", "")]
    declared += [_name_of(item.get("headline", "")) for item in ld_items]
    for candidate in declared:
        if in_title(candidate):
            return in_title(candidate), suffix
    # headings: the longest one the <title> holds (a site logo in a <h1> is shorter than the headline)
    headings = [in_title(heading.text_content()) for heading in tree.iter("h1", "h2", "h3")]
    headings = [heading for heading in headings if len(_key(heading)) >= MIN_TITLE_CHARS]
    if headings:
        return max(headings, key=lambda heading: len(_key(heading))), suffix
    if meta.get("og:title"):
        return normalize_spaces(meta["og:title"]), suffix
    best = max(parts[:-1] or parts, key=lambda part: len(_key(part))) if parts else ""
    # a <title> of a word or two ("显示", "网易娱乐") names the site or the page type, not the article
    return (best if len(_key(best)) >= MIN_TITLE_CHARS else ""), suffix


def page_metadata(tree: Any, html: str, bylines: list[str]) -> PageMetadata:
    """Headline, date, author, address and source of a parsed page (see the module docstring)."""
    meta = _meta(tree)
    ld_items = [item for item in _json_ld(tree)
                if any(key in item for key in ("headline", "datePublished", "author", "publisher"))]
    title, title_site = _headline(tree, meta, ld_items)
    date = next((iso_date(item.get("datePublished", "")) for item in ld_items
                 if isinstance(item.get("datePublished"), str) and iso_date(item["datePublished"])), "")
    date = date or next((iso_date(meta[key]) for key in _DATE_META if key in meta and iso_date(meta[key])), "")
    dated = next((iso_date(line) for line in bylines if iso_date(line)), "")
    if not date or (len(date) == 10 and dated.startswith(date)):
        date = dated or date  # the byline's time of the same day says more than a bare date
    author = next((name for name in (_name_of(item.get("author")) for item in ld_items) if _plausible_author(name)),
                  "")
    author = author or next((meta[key] for key in _AUTHOR_META if key in meta and _plausible_author(meta[key])), "")
    for line in bylines:
        match = _AUTHOR.search(line) or _REPORTER.match(line)
        if not author and match and _plausible_author(match.group(1)):
            author = match.group(1)
    sites = [match.group(1) for match in map(_SOURCE.search, bylines) if match]
    sites += [_name_of(item.get("publisher")) for item in ld_items]
    sites += [_LABEL_PREFIX.sub("", meta.get(key, "")) for key in _SITE_META]
    sites.append(title_site if len(title_site) <= 20 else "")
    site = next((name for name in sites if _plausible_site(name)), "")
    url = ""
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and (link.get("href") or "").startswith("http"):
            url = link.get("href").strip()
            break
    url = url or (meta.get("og:url", "") if meta.get("og:url", "").startswith("http") else "")
    saved = _SAVED_FROM.search(html[:2048])
    url = url or (saved.group(1) if saved else "")
    return PageMetadata(title=title, date=date, author=author, url=url, site=site)


_EMPHASIS_TAGS = ("h1", "h2", "h3", "h4", "b", "strong", "font", "big")


def _headline_in_text(tree: Any, body: list[str], header: list[Line]) -> tuple[list[str], str]:
    """For a page whose markup names no headline: an emphasised line (``<b>``, ``<font>``, ``<h3>``, an element
    of class ``*title*``) above the first paragraph (in the text, or just above it on the page) is the headline;
    the lines above it in the text go."""
    emphasised = {normalize_spaces(normalize_width(element.text_content())) for element in tree.iter(*_EMPHASIS_TAGS)}
    emphasised |= {normalize_spaces(normalize_width(element.text_content()))
                   for element in tree.xpath("//*[contains(translate(@class, 'TILE', 'tile'), 'title') or "
                                             "contains(translate(@id, 'TILE', 'tile'), 'title')]")}

    def headline_like(text: str) -> bool:
        # a headline may ask or exclaim (…吗？), but does not end with a full stop
        return text in emphasised and 4 <= len(text) <= HEADLINE_MAX_CHARS and text[-1] not in "。." \
            and page_line_role(Line(text)) == "body"

    first = next((index for index, text in enumerate(body[:8]) if _is_paragraph(text)), 0)
    for index in range(first):
        if headline_like(body[index]):
            return body[index + 1:], body[index]
    for line in reversed(header):
        if headline_like(line.text):
            return body, line.text
    return body, ""


def _header(page: list[Line], body: list[str]) -> list[Line]:
    """The lines of the whole page just above the article's first paragraph (where headlines and bylines are)."""
    if not body:
        return []
    start = body[0][:20]
    for index, line in enumerate(page):
        if start in line.text:
            return page[max(0, index - HEADER_LINES):index]
    return []


# -- the page ------------------------------------------------------------------------------------------------------

def extract_page(html: str) -> WebPage:
    """A page's article: headline, paragraphs and metadata. Raises NotAnArticle for pages without one."""
    trafilatura, readability = _libraries()
    html = _XML_DECLARATION.sub("", html, count=1)  # lxml refuses a str that declares its bytes' encoding
    try:
        tree = _parse(html)
    except Exception:  # lxml: an empty document, or bytes it cannot build a tree from
        raise NotAnArticle("the page is empty") from None
    generous = _trafilatura_lines(trafilatura, html)
    tight = _readability_lines(readability, html)
    lines = tight if _agrees(tight, generous) else generous or tight
    page = html_lines(tree)
    provisional = _headline(tree, _meta(tree), [])[0]
    body, bylines = _article_lines(lines, provisional)
    header = _header(page, body)
    bylines += [line.text for line in header if page_line_role(line) in ("byline", "tools")]
    metadata = page_metadata(tree, html, bylines)
    if metadata.title != provisional:
        body, _ = _article_lines(lines, metadata.title)
    if not metadata.title:
        body, headline = _headline_in_text(tree, body, header)
        metadata = replace(metadata, title=headline)
    _check_article(tree, page, body, metadata.title)
    return WebPage(metadata.title, tuple(body), metadata)


# not a bare 注册: 注册制改革 and 公司注册资本 are news
_LOGIN = re.compile(r"登录|登陆|用户注册|会员注册|账号注册|免费注册|注册新用户|log\s*in|sign\s*in|sign\s*up", re.IGNORECASE)


def _check_article(tree: Any, page: list[Line], body: list[str], title: str) -> None:
    """Raise NotAnArticle, naming the kind of page, when ``body`` is not an article's text."""
    han = sum(len(_HAN.findall(line)) for line in body)
    found = f"{han} Chinese characters of text found"
    if han < MIN_ARTICLE_CHARS or not any(mark in "".join(body) for mark in SENTENCE_END + "，"):
        kind = "a list of links" if sum(line.link_chars for line in page) > \
            LINK_LINE_SHARE * sum(len(line.text) for line in page) else "no article text"
        raise NotAnArticle(f"not an article: the page has {kind} ({found}; a list page, search results, "
                           "a login form or a page that needs JavaScript?)")
    if han < LOGIN_PAGE_MAX_CHARS and tree.xpath("//input[@type='password']") and \
            (_LOGIN.search(title) or _LOGIN.search(" ".join(tree.xpath("//title//text()")))):
        raise NotAnArticle(f"not an article: the page is a login or sign-up form ({found})")
    if _excerpt_list(page, body):
        raise NotAnArticle(f"not an article: the page is a list of linked excerpts, such as search results or a "
                           f"list page with leads ({len(body)} excerpts, each under a link)")


def _excerpt_list(page: list[Line], body: list[str]) -> bool:
    """Whether most paragraphs of ``body`` sit right under a line of link text on the page (a title linking
    elsewhere, then its excerpt), as in search results and list pages; an article's paragraphs follow each other."""
    if len(body) < EXCERPT_LIST_MIN:
        return False
    under_links = 0
    position = 0  # the paragraphs are found on the page in their order, each after the one before
    for text in body:
        index = next((i for i in range(position, len(page)) if page[i].text == text), None)
        if index is None:
            continue
        position = index + 1
        above = next((line for line in reversed(page[max(0, index - 2):index]) if _HAN.search(line.text)), None)
        under_links += above is not None and above.link_share >= LINK_LINE_SHARE
    return under_links >= EXCERPT_LIST_SHARE * len(body)


def page_document(data: bytes, source: str, name: str, encoding: str | None = None) -> Document:
    """One saved page (its bytes) as a :class:`Document` with its metadata (the file name is the title when the
    page names no headline). Raises NotAnArticle, InputError (undecodable) or ConfigError (no ``tiyao[web]``)."""
    page = extract_page(decode_page(data, source, encoding))
    title, title_source, paragraphs = page.title, "html", list(page.paragraphs)
    if not title:
        first = paragraphs[0]
        if len(paragraphs) > 1 and len(first) <= HEADLINE_MAX_CHARS and not ends_sentence(first) \
                and first[-1] not in "，,；;：:、":
            title, title_source, paragraphs = first, "first_line", paragraphs[1:]
        else:
            stem = name.rsplit("/", 1)[-1]
            title, title_source = (stem.rsplit(".", 1)[0] if "." in stem else stem), "file_name"
    cleaned = clean_article(paragraphs)
    metadata = page.metadata
    return Document(name, title, cleaned.text, source, cleaned.headings, title_source=title_source,
                    date=metadata.date, author=metadata.author, url=metadata.url, site=metadata.site,
                    furniture=cleaned.furniture)
