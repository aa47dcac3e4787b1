"""The HTML report: one self-contained page to read a run's results in a browser (``tiyao run --format html``).

Layout of the page::

    header    corpus size, number of themes, the settings of the run
    overview  a 2-D map of the articles (inline SVG, coloured by theme) beside the list of themes (the legend)
    sections  one per theme, then "Not grouped" and "Not analysed" (failed articles, with their error)
    article   title and id; its keywords as horizontal bars (length relative to the article's top score);
              its full text, paragraph by paragraph, with the summary sentences highlighted in place

Labels are in Chinese with the English beside them (``主题 1 Theme 1``, ``关键词 Keywords``, ``摘要``), as in the
terminal; themes are numbered from 1 (``Theme.number``) as in every other output. Each theme has a colour and a
marker shape (:func:`theme_marker`): eight colours times five shapes tell 40 themes apart, and beyond that the map
also writes each theme's number at the centre of its points.

Everything is inline (CSS, SVG): no script, no font, no image and no URL is loaded, so the file can be mailed
or opened offline. Text is placed by offsets into ``Document.text`` (``Sentence.start``/``end``, heading spans)
and escaped with :func:`html.escape`. The output is deterministic: the same report gives byte-identical HTML.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from html import escape
from pathlib import PurePath

from .report import DocumentResult, Report, byline
from .types import Document, Keyword, Sentence, Theme
from .views import html_parts, html_stats, settings_lines

#: Okabe-Ito, the colour-blind-safe palette (Okabe & Ito 2008), darkest and most distinct hues first.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000")
#: Marker shapes, used in turn once the palette's colours are all taken (circle first: up to 8 themes, all circles).
SHAPES = ("circle", "square", "triangle", "diamond", "triangle-down")
UNTHEMED_COLOUR = "#999999"
FAILED_COLOUR = "#C0392B"
#: The map's drawing area (SVG user units) and the margin kept free around the points.
MAP_WIDTH, MAP_HEIGHT, MAP_MARGIN = 640, 380, 32
#: Above this many articles the map's points are not numbered (the labels would overlap).
MAP_LABEL_LIMIT = 60
MIN_BAR_PERCENT = 1.0
POINT_RADIUS = 9


def render_html(report: Report) -> str:
    """The whole report as one self-contained UTF-8 HTML5 document.

    Examples
    --------
    >>> from tiyao import run
    >>> page = render_html(run(["seeds"]))      # write it with open("report.html", "w", encoding="utf-8")
    >>> page.startswith("<!DOCTYPE html>"), "主题 1 Theme 1" in page
    (True, True)
    """
    numbers = {id(result): n for n, result in enumerate(report.documents, 1)}
    colours = {theme.id: theme_colour(i) for i, theme in enumerate(report.themes)}
    page = _Page(report, numbers, colours)
    n_docs, n_themes = len(report.documents), len(report.themes)
    title = f"提要 · {n_docs} 篇文章 {_plural(n_docs, 'article')} · {n_themes} 个主题 {_plural(n_themes, 'theme')}"
    return "".join([
        "<!DOCTYPE html>\n",
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="generator" content="tiyao">\n',
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n",
        page.header(),
        '<main class="wrap">\n',
        page.overview(),
        page.sections(),
        "</main>\n",
        '<footer class="wrap foot">由提要（tiyao）生成：中文新闻的关键词、摘要与主题。本页不从网络加载任何内容。<br>'
        "Made by tiyao (提要): keywords, extractive summaries and themes of Chinese news. This page loads nothing "
        "from the network.</footer>\n",
        "</body>\n</html>\n",
    ])


def theme_colour(position: int) -> str:
    """The colour of the theme at ``position`` in ``Report.themes`` (the palette repeats after 8 themes; the
    shape, :func:`theme_shape`, changes then)."""
    return PALETTE[position % len(PALETTE)]


def theme_shape(position: int) -> str:
    """The marker shape of the theme at ``position``: circles for the first 8 themes, then squares, triangles…
    (colour and shape together differ for the first ``len(PALETTE) * len(SHAPES)`` = 40 themes)."""
    return SHAPES[(position // len(PALETTE)) % len(SHAPES)]


def theme_marker(shape: str, x: float, y: float, r: float, fill: str, inner: str = "") -> str:
    """An SVG marker of ``shape`` centred on (x, y), about the size of a circle of radius ``r`` (class ``pt``)."""
    if shape == "circle":
        return f'<circle class="pt" cx="{x:.1f}" cy="{y:.1f}" r="{r:g}" fill="{fill}">{inner}</circle>'
    if shape == "square":
        side = r * 1.7
        return (f'<rect class="pt" x="{x - side / 2:.1f}" y="{y - side / 2:.1f}" width="{side:.1f}" '
                f'height="{side:.1f}" fill="{fill}">{inner}</rect>')
    big = r * 1.3
    corners = {
        "triangle": ((0, -big), (big * 0.95, big * 0.75), (-big * 0.95, big * 0.75)),
        "diamond": ((0, -big), (big, 0), (0, big), (-big, 0)),
        "triangle-down": ((0, big), (big * 0.95, -big * 0.75), (-big * 0.95, -big * 0.75)),
    }[shape]
    points = " ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in corners)
    return f'<polygon class="pt" points="{points}" fill="{fill}">{inner}</polygon>'


class _Page:
    """The parts of one page; holds the report and the article numbers and theme colours derived from it."""

    def __init__(self, report: Report, numbers: dict[int, int], colours: dict[int, str]) -> None:
        self.report = report
        self.numbers = numbers
        self.colours = colours
        self.shapes = {theme.id: theme_shape(i) for i, theme in enumerate(report.themes)}
        self.theme_by_id = report.themes_by_article()

    # -- helpers --------------------------------------------------------------------------------------------

    def number(self, result: DocumentResult) -> int:
        return self.numbers[id(result)]

    def anchor(self, result: DocumentResult) -> str:
        return f"a{self.number(result)}"

    def theme(self, result: DocumentResult) -> Theme | None:
        """The theme that lists the article (None: failed, or in no theme)."""
        return self.theme_by_id.get(result.id) if result.error is None else None

    def colour(self, result: DocumentResult) -> str:
        if result.error is not None:
            return FAILED_COLOUR
        theme = self.theme(result)
        return self.colours[theme.id] if theme is not None else UNTHEMED_COLOUR

    def shape(self, result: DocumentResult) -> str:
        theme = self.theme(result)
        return self.shapes[theme.id] if theme is not None else "circle"

    def unthemed(self) -> list[DocumentResult]:
        """Analysed articles that no theme lists (shown under "Not grouped")."""
        return [r for r in self.report.documents if r.error is None and r.id not in self.theme_by_id]

    # -- header ---------------------------------------------------------------------------------------------

    def header(self) -> str:
        report = self.report
        n_docs, n_themes, n_failed = len(report.documents), len(report.themes), len(report.failed)
        chars = sum(len(r.document.text) for r in report.documents)
        stats = [
            _stat(n_themes, f"个主题 {_plural(n_themes, 'theme')}"),
            _stat(f"{chars:,}", "字 characters"),
            *(_stat(value, label) for value, label in html_stats(report.documents)),
        ]
        if n_failed:
            stats.append(_stat(n_failed, "篇未能处理 not analysed", "warn"))
        # every input file accounted for: "582 篇文章 articles · 来自 600 个文件 from 600 files · 18 篇未能读取 not read"
        heading = report.counts_zh() if n_failed else \
            f'{n_docs} 篇文章 {_plural(n_docs, "article")}{_sources(report)}'
        return (
            '<header class="top">\n<div class="wrap">\n'
            '<p class="brand">提要 <span>tiyao report</span></p>\n'
            f"<h1>{escape(heading)}</h1>\n"
            f'<ul class="stats">{"".join(stats)}</ul>\n'
            f"{self.settings()}"
            "</div>\n</header>\n"
        )

    def settings(self) -> str:
        """The settings that shape the results in one line, and every setting (plus new words) folded away."""
        config = self.report.config
        parts = [*settings_lines(config), f"segmenter: {config.segmenter}"]
        rows = "".join(
            f"<tr><th>{escape(name)}</th><td>{escape(_setting(value))}</td></tr>"
            for name, value in config.to_dict().items()
        )
        new_words = self.report.new_words
        words = ""
        if new_words:
            shown = "、".join(new_words[:80]) + ("…" if len(new_words) > 80 else "")
            words = (f'<p class="newwords"><b>新词 {len(new_words)} new {_plural(len(new_words), "word")} '
                     f"found in the corpus:</b> {escape(shown)}</p>")
        return (
            f'<p class="config">{escape(" · ".join(parts))}</p>\n'
            f'<details class="allsettings"><summary>全部设置 All settings</summary>'
            f'<table class="settings">{rows}</table>{words}</details>\n'
        )

    # -- overview: map and legend -----------------------------------------------------------------------------

    def overview(self) -> str:
        return (
            '<section class="overview" aria-label="Overview">\n'
            f'<figure class="map">{self.map()}</figure>\n'
            f'<nav class="legend" aria-label="Themes">\n<h2>主题 Themes</h2>\n{self.legend()}{_KEY}</nav>\n'
            "</section>\n"
        )

    def legend(self) -> str:
        items = []
        by_id = {r.id: r for r in self.report.documents}
        for theme in self.report.themes:
            size = sum(1 for doc_id in theme.doc_ids if doc_id in by_id)
            items.append(_legend_item(f"#theme-{theme.number}", self.colours[theme.id], _theme_name(theme),
                                      _label_words(theme), size, self.shapes[theme.id]))
        unthemed = self.unthemed()
        if unthemed:
            name = "未分组 Not grouped" if self.report.themes else "文章 Articles"
            items.append(_legend_item("#unthemed", UNTHEMED_COLOUR, name, "", len(unthemed)))
        if self.report.failed:
            items.append(_legend_item("#failed", FAILED_COLOUR, "未能处理 Not analysed", "", len(self.report.failed)))
        if not items:
            return '<p class="note">没有文章。No articles.</p>\n'
        return '<ul class="themes">\n' + "".join(items) + "</ul>\n"

    def map(self) -> str:
        """An SVG scatter of ``Report.coords``: a point per article, linked to it, coloured by theme."""
        report = self.report
        caption = ('<figcaption>文章分布图：每个点是一篇文章，用词相近的文章靠在一起；颜色和形状表示主题。<br>'
                   "Map of the articles: each point is an article, placed by the words it uses (TF-IDF vectors "
                   "projected to 2-D); nearby points share vocabulary; colour and shape give the theme."
                   "</figcaption>")
        if not report.coords:
            return ('<p class="note nomap">没有分布图 No map: this run has no article positions (themes were not '
                    "computed).</p>")
        if len(report.coords) != len(report.documents):
            return (f'<p class="note nomap">没有分布图 No map: {len(report.coords)} positions for '
                    f"{len(report.documents)} articles.</p>")
        points = [(result, x, y) for result, (x, y) in zip(report.documents, report.coords)
                  if math.isfinite(x) and math.isfinite(y)]
        if not points:
            return '<p class="note nomap">没有分布图 No map: no article has a position.</p>'
        placed = _fit_to_box([(x, y) for _, x, y in points])
        label = len(points) <= MAP_LABEL_LIMIT
        if label:  # few points: move coinciding ones apart a little, and put each number where it is free
            placed = _spread(placed, 2 * POINT_RADIUS + 2)
            labels = _place_labels(placed, [str(self.number(result)) for result, _, _ in points])
        marks = []
        for i, ((result, _, _), (px, py)) in enumerate(zip(points, placed)):
            theme = self.theme(result)
            tip = f"{self.number(result)}. {result.title or result.id}"
            if theme is not None:
                tip += f" ({_theme_name(theme)}: {_label_words(theme)})"
            text = ""
            if label:
                tx, ty, anchor = labels[i]
                text = f'<text x="{tx:.1f}" y="{ty:.1f}"{anchor}>{self.number(result)}</text>'
            marker = theme_marker(self.shape(result), px, py, POINT_RADIUS, self.colour(result),
                                  f"<title>{escape(tip)}</title>")
            marks.append(f'<a href="#{self.anchor(result)}">{marker}{text}</a>\n')
        if len(report.themes) > len(PALETTE) * len(SHAPES):
            marks += self.theme_numbers(points, placed)
        return (
            f'<svg class="scatter" viewBox="0 0 {MAP_WIDTH} {MAP_HEIGHT}" role="img" '
            f'aria-label="文章分布图 Map of {len(points)} articles, coloured and shaped by theme">\n'
            f'<rect class="frame" x="0.5" y="0.5" width="{MAP_WIDTH - 1}" height="{MAP_HEIGHT - 1}" rx="10"/>\n'
            + "".join(marks) + "</svg>\n" + caption
        )

    def theme_numbers(self, points: Sequence[tuple[DocumentResult, float, float]],
                      placed: Sequence[tuple[float, float]]) -> list[str]:
        """Each theme's number at the centre of its points (when colour and shape no longer tell themes apart)."""
        members: dict[int, list[tuple[float, float]]] = {}
        for (result, _, _), xy in zip(points, placed):
            theme = self.theme(result)
            if theme is not None:
                members.setdefault(theme.id, []).append(xy)
        out = []
        for theme in self.report.themes:
            where = members.get(theme.id)
            if where:
                x = sum(p[0] for p in where) / len(where)
                y = sum(p[1] for p in where) / len(where)
                out.append(f'<text class="tn" x="{x:.1f}" y="{y + 5:.1f}" text-anchor="middle">{theme.number}</text>\n')
        return out

    # -- sections and articles --------------------------------------------------------------------------------

    def sections(self) -> str:
        report = self.report
        by_id: dict[str, DocumentResult] = {}
        for result in report.documents:
            by_id.setdefault(result.id, result)
        out = []
        for theme in report.themes:
            members = [by_id[doc_id] for doc_id in theme.doc_ids if doc_id in by_id]
            colour = self.colours[theme.id]
            chips = "".join(f'<li>{escape(word)}</li>' for word in theme.label)
            out.append(
                f'<section class="theme" id="theme-{theme.number}" style="--c:{colour}">\n'
                f'<h2><span class="swatch {_shape_class(self.shapes[theme.id])}"></span>{_theme_name(theme)} '
                f'<span class="count">{_articles(len(members))}</span></h2>\n'
                f'<ul class="label" aria-label="Label words">{chips}</ul>\n'
                + self.digest(theme, by_id)
                + "".join(self.article(r, theme) for r in members) + "</section>\n"
            )
        unthemed = self.unthemed()
        if unthemed:
            name = "未分组 Not grouped" if report.themes else "文章 Articles"
            out.append(f'<section class="theme" id="unthemed" style="--c:{UNTHEMED_COLOUR}">\n'
                       f'<h2><span class="swatch"></span>{name} <span class="count">{_articles(len(unthemed))}'
                       '</span></h2>\n'
                       + "".join(self.article(r, None) for r in unthemed) + "</section>\n")
        if report.failed:
            out.append(f'<section class="theme failed" id="failed" style="--c:{FAILED_COLOUR}">\n'
                       f'<h2><span class="swatch"></span>未能处理 Not analysed <span class="count">'
                       f'{_articles(len(report.failed))}</span></h2>\n'
                       + "".join(self.article(r, None) for r in report.failed) + "</section>\n")
        return "".join(out)

    def digest(self, theme: Theme, by_id: dict[str, DocumentResult]) -> str:
        """The theme's digest: its sentences, each linking to the article it comes from."""
        if not theme.digest:
            return ""
        items = []
        for sentence in theme.digest:
            result = by_id.get(sentence.id)
            if result is None:
                cite = escape(sentence.id)
            else:
                cite = (f'<a href="#{escape(self.anchor(result))}">'
                        f'{escape(result.title or result.id)}</a>')
            items.append(f'<li>{escape(sentence.text)} <cite>{cite}</cite></li>')
        return f'<ol class="digest" aria-label="Digest">{"".join(items)}</ol>\n'

    def article(self, result: DocumentResult, theme: Theme | None) -> str:
        document = result.document
        meta = [f"<code>{escape(result.id)}</code>", f"{len(document.text):,} 字 characters"]
        if byline(document):
            meta.append(escape(byline(document)))
        if theme is not None and theme.representative == result.id:
            meta.append('<span class="badge">最接近主题中心 closest to the theme centre</span>')
        head = (f'<header><span class="num">{self.number(result)}</span>'
                f"<h3>{escape(result.title or result.id)}</h3>"
                f'<p class="meta">{" · ".join(meta)}</p></header>\n')
        if result.error is not None:
            source = f'<p class="meta">来自 From {escape(document.source)}</p>' if document.source else ""
            return (f'<article class="doc failed" id="{self.anchor(result)}" style="--c:{FAILED_COLOUR}">\n{head}'
                    f'<p class="error"><b>错误 Error:</b> {escape(result.error)}</p>{source}\n</article>\n')
        return (f'<article class="doc" id="{self.anchor(result)}" style="--c:{self.colour(result)}">\n{head}'
                f'<div class="body">\n{html_parts(result)}</div>\n</article>\n')


# -- article parts (the keywords and summary steps' parts of an article's card: tiyao.views) -------------------

def keyword_bars(keywords: Sequence[Keyword]) -> str:
    """The keywords as bars: length is the score relative to the article's top score (at least 1%)."""
    if not keywords:
        return '<aside class="kw"><h4>关键词 Keywords</h4><p class="note">没有关键词 No keywords.</p></aside>\n'
    top = max(keyword.score for keyword in keywords)
    rows = []
    for keyword in keywords:
        share = keyword.score / top * 100 if top > 0 else 100.0
        width = min(100.0, max(MIN_BAR_PERCENT, share)) if math.isfinite(share) else MIN_BAR_PERCENT
        rows.append(f'<li><span class="term">{escape(keyword.term)}</span>'
                    f'<span class="bar" aria-hidden="true"><span style="width:{width:.1f}%"></span></span>'
                    f'<span class="score">{keyword.score:.3f}</span></li>')
    return ('<aside class="kw"><h4>关键词 Keywords</h4>\n<ol class="bars">' + "".join(rows) + "</ol></aside>\n")


def text_with_summary(document: Document, summary: Sequence[Sentence]) -> str:
    """``Document.text`` paragraph by paragraph, summary sentences in ``<mark>``, headings in ``<b>``."""
    text = document.text
    spans, lost = _summary_spans(text, summary)
    headings = sorted((max(0, s), min(len(text), e)) for s, e in document.headings if s < e)
    n_chars = sum(end - start for start, end, _ in spans)
    if summary:
        share = f"{n_chars / len(text):.0%}" if text else "0%"
        n = len(summary)
        legend = (f'<h4>正文 Text <span class="hint"><mark class="hl key">高亮 highlighted</mark>：摘要 the summary, '
                  f'{n} 句 {_plural(n, "sentence")}, {n_chars:,} 字 characters ({share})</span></h4>\n')
    else:
        legend = '<h4>正文 Text <span class="hint">没有摘要 no summary</span></h4>\n'
    paragraphs = []
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        pieces, position = [], start
        for s, e, index in spans:
            s, e = max(s, start), min(e, end)
            if s >= e:
                continue
            pieces.append(_plain(text, position, s, headings))
            pieces.append(f'<mark class="hl" data-sentence="{index}">{_plain(text, s, e, headings)}</mark>')
            position = e
        pieces.append(_plain(text, position, end, headings))
        paragraphs.append("<p>" + "".join(pieces) + "</p>\n")
    missing = ""
    if lost:
        missing = ('<p class="note">摘要句未在正文中找到 Summary sentences not found in the text: '
                   + "".join(f'<mark class="hl lost">{escape(s.text)}</mark>' for s in lost) + "</p>\n")
    return f'<div class="text">\n{legend}{"".join(paragraphs)}{missing}</div>\n'


def _summary_spans(text: str, summary: Sequence[Sentence]) -> tuple[list[tuple[int, int, int]], list[Sentence]]:
    """(start, end, index) of each summary sentence in ``text``, sorted and without overlaps; and those not found.

    The offsets are trusted when they fit the text (the text there may be a same-length twin, e.g. simplified
    from traditional); otherwise the sentence is looked up by its text.
    """
    spans, lost = [], []
    for sentence in summary:
        start, end = sentence.start, sentence.end
        fits = 0 <= start < end <= len(text)
        if not fits or (text[start:end] != sentence.text and len(sentence.text) != end - start):
            found = text.find(sentence.text) if sentence.text else -1
            if found < 0:
                lost.append(sentence)
                continue
            start, end = found, found + len(sentence.text)
        spans.append((start, end, sentence.index))
    spans.sort()
    kept: list[tuple[int, int, int]] = []
    for span in spans:
        if kept and span[0] < kept[-1][1]:
            continue  # overlaps the previous one: already highlighted
        kept.append(span)
    return kept, lost


def _plain(text: str, start: int, end: int, headings: Sequence[tuple[int, int]]) -> str:
    """``text[start:end]`` escaped, with the parts inside heading spans in ``<b class="hd">``."""
    out, position = [], start
    for s, e in headings:
        s, e = max(s, position), min(e, end)
        if s >= e:
            continue
        out.append(escape(text[position:s]))
        out.append(f'<b class="hd">{escape(text[s:e])}</b>')
        position = e
    out.append(escape(text[position:end]))
    return "".join(out)


# -- small pieces -------------------------------------------------------------------------------------------

def _fit_to_box(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Scale points uniformly (keeping the projection's proportions) and centre them in the map's box."""
    xs, ys = [x for x, _ in points], [y for _, y in points]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    width, height = MAP_WIDTH - 2 * MAP_MARGIN, MAP_HEIGHT - 2 * MAP_MARGIN
    span_x, span_y = x1 - x0, y1 - y0
    scales = [size / span for size, span in ((width, span_x), (height, span_y)) if span > 0]
    scale = min(scales) if scales else 0.0
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    # SVG's y axis points down: flip it so the map reads like a plot.
    return [(MAP_WIDTH / 2 + (x - cx) * scale, MAP_HEIGHT / 2 - (y - cy) * scale) for x, y in points]


def _sources(report: Report) -> str:
    """" from seeds.md", " from 3 files" or "": where the articles came from (file names, no line numbers)."""
    names = [PurePath(f).name or f for f in report.source_files()]
    if not names:
        return ""
    if len(names) <= 2:
        return " · 来自 from " + " and ".join(names)
    return f" · 来自 {len(names)} 个文件 from {len(names)} files"


def _spread(points: list[tuple[float, float]], gap: float) -> list[tuple[float, float]]:
    """Move points that would overlap (closer than ``gap``) to the nearest free spot on a spiral around them.

    Only for small maps (quadratic); the shift is a few units in a 640-unit box, deterministic (input order).
    """
    done: list[tuple[float, float]] = []
    for x, y in points:
        px, py = x, y
        step = 0
        while any((px - qx) ** 2 + (py - qy) ** 2 < gap * gap for qx, qy in done) and step < 200:
            step += 1
            angle, radius = step * 2.39996, gap * 0.35 * math.sqrt(step)  # golden-angle spiral
            px = min(MAP_WIDTH - MAP_MARGIN / 2, max(MAP_MARGIN / 2, x + radius * math.cos(angle)))
            py = min(MAP_HEIGHT - MAP_MARGIN / 2, max(MAP_MARGIN / 2, y + radius * math.sin(angle)))
        done.append((px, py))
    return done


def _place_labels(points: list[tuple[float, float]], texts: list[str]) -> list[tuple[float, float, str]]:
    """(x, y, text-anchor attribute) of each point's number: right of it, else left, above or below, where the
    label box touches no point and no label placed before; right when nowhere is free."""
    r = POINT_RADIUS
    boxes: list[tuple[float, float, float, float]] = []

    def free(box: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = box
        if x0 < 0 or x1 > MAP_WIDTH or y0 < 0 or y1 > MAP_HEIGHT:
            return False
        for px, py in points:
            nx, ny = min(max(px, x0), x1), min(max(py, y0), y1)
            if (nx - px) ** 2 + (ny - py) ** 2 < (r + 1) ** 2:
                return False
        return all(x1 <= a0 or a1 <= x0 or y1 <= b0 or b1 <= y0 for a0, b0, a1, b1 in boxes)

    out = []
    for (px, py), text in zip(points, texts):
        w, h = 9.0 * len(text), 12.0  # 15px digits are about 9 units wide, 11 high
        options = [
            ((px + r + 4, py - h / 2, px + r + 4 + w, py + h / 2), (px + r + 4, py + 5, "")),
            ((px - r - 4 - w, py - h / 2, px - r - 4, py + h / 2), (px - r - 4, py + 5, ' text-anchor="end"')),
            ((px - w / 2, py - r - 3 - h, px + w / 2, py - r - 3), (px, py - r - 4, ' text-anchor="middle"')),
            ((px - w / 2, py + r + 3, px + w / 2, py + r + 3 + h), (px, py + r + 15, ' text-anchor="middle"')),
        ]
        box, place = next(((b, p) for b, p in options if free(b)), options[0])
        boxes.append(box)
        out.append(place)
    return out


def _legend_item(href: str, colour: str, name: str, words: str, size: int, shape: str = "circle") -> str:
    words_html = f'<span class="words">{escape(words)}</span>' if words else ""
    return (f'<li><a href="{href}"><span class="dot {_shape_class(shape)}" style="background:{colour}"></span>'
            f'<span class="name">{escape(name)}</span>{words_html}'
            f'<span class="size">{size}</span></a></li>\n')


def _label_words(theme: Theme) -> str:
    return "、".join(theme.label) if theme.label else _theme_name(theme)


def _theme_name(theme: Theme) -> str:
    return f"主题 {theme.number} Theme {theme.number}"


def _articles(n: int) -> str:
    return f"{n} 篇 {_plural(n, 'article')}"


def _shape_class(shape: str) -> str:
    """The CSS class drawing a legend dot or a section swatch in the theme's marker shape."""
    return f"shape-{shape}"


def _stat(value: object, label: str, kind: str = "") -> str:
    cls = f' class="{kind}"' if kind else ""
    return f"<li{cls}><b>{escape(str(value))}</b> {escape(label)}</li>"


def _setting(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


_KEY = (
    '<h2 class="keyhead">阅读说明 Reading this page</h2>\n<dl class="readkey">'
    '<dt><span class="bar sample" aria-hidden="true"><span></span></span></dt>'
    "<dd>关键词，条越长得分越高 keyword; bar length is its score relative to the article's best keyword</dd>"
    '<dt><mark class="hl key">句子</mark></dt><dd>摘要句，在正文原处高亮 a sentence picked for the summary, in place '
    "in the text</dd>"
    '<dt><b class="hd">标题：</b></dt><dd>文中小标题 a sub-heading of the article</dd></dl>\n'
)

_CSS = """
:root{--ink:#1d2330;--muted:#5c6577;--line:#e3e6ec;--bg:#f6f7f9;--card:#fff;--hl:#ffe98a;--hl-edge:#e0b400;
--sans:-apple-system,BlinkMacSystemFont,"Segoe UI","PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;
--mono:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Noto Sans Mono CJK SC",monospace}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.7 var(--sans)}
.wrap{max-width:1120px;margin:0 auto;padding:0 24px}
a{color:inherit}
code{font:0.82em var(--mono);background:#eef0f4;padding:1px 6px;border-radius:4px;word-break:break-all}
.top{background:#1d2330;color:#fff;padding:28px 0 22px}
.brand{margin:0;font-size:15px;letter-spacing:.08em;color:#aab3c5}
.brand span{margin-left:.5em;font-size:13px;text-transform:uppercase;letter-spacing:.14em}
.top h1{margin:4px 0 12px;font-size:30px;line-height:1.25;font-weight:650}
.stats{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 14px;padding:0;list-style:none}
.stats li{background:rgba(255,255,255,.09);border-radius:999px;padding:3px 14px;font-size:14px;color:#d9deea}
.stats b{color:#fff;font-size:16px;margin-right:2px}
.stats li.warn{background:#7a2a22}
.config{margin:0 0 6px;font-size:14px;color:#c5cbd8}
.allsettings{font-size:13px;color:#c5cbd8}
.allsettings summary{cursor:pointer;color:#aab3c5}
.settings{border-collapse:collapse;margin:8px 0;font:12px/1.5 var(--mono)}
.settings th{text-align:left;font-weight:normal;color:#8d97ab;padding:1px 16px 1px 0;vertical-align:top}
.settings td{color:#e8ebf2;word-break:break-all}
.newwords{max-width:900px;line-height:1.6}
main.wrap{padding-top:28px}
.overview{display:grid;grid-template-columns:minmax(0,3fr) minmax(240px,2fr);gap:24px;align-items:start;
margin-bottom:36px}
.map,.legend{margin:0;background:var(--card);border:1px solid var(--line);border-radius:12px;padding:16px}
.scatter{display:block;width:100%;height:auto}
.scatter .frame{fill:#f8f9fb;stroke:none}
.scatter circle{stroke:#fff;stroke-width:2}
.scatter a:hover circle,.scatter a:focus circle{stroke:#1d2330;stroke-width:2.5}
.scatter text{font:600 15px var(--sans);fill:#3b4456}
figcaption{margin-top:8px;font-size:13px;color:var(--muted);line-height:1.5}
.legend h2{margin:0 0 8px;font-size:13px;text-transform:uppercase;letter-spacing:.1em;color:var(--muted)}
.themes{list-style:none;margin:0;padding:0}
.themes a{display:grid;grid-template-columns:14px auto 1fr auto;gap:4px 10px;align-items:baseline;
text-decoration:none;padding:8px 6px;border-radius:8px}
.themes a:hover{background:var(--bg)}
.themes li+li{border-top:1px solid var(--line)}
.dot{width:12px;height:12px;border-radius:50%;align-self:center}
.dot.shape-square,.swatch.shape-square{border-radius:1px}
.shape-triangle{border-radius:0!important;clip-path:polygon(50% 0,100% 90%,0 90%)}
.shape-diamond{border-radius:0!important;clip-path:polygon(50% 0,100% 50%,50% 100%,0 50%)}
.shape-triangle-down{border-radius:0!important;clip-path:polygon(0 10%,100% 10%,50% 100%)}
.swatch.shape-circle{border-radius:50%}
.tn{font:bold 15px var(--sans);fill:#1d2330;paint-order:stroke;stroke:#fff;stroke-width:4px}
.themes .name{font-weight:600;white-space:nowrap}
.themes .words{color:var(--muted);font-size:14px}
.themes .size{font-variant-numeric:tabular-nums;color:var(--muted);font-size:14px}
.theme{margin:0 0 40px}
.theme>h2{display:flex;align-items:center;gap:10px;margin:0 0 6px;font-size:22px;line-height:1.3}
.swatch{width:14px;height:14px;border-radius:4px;background:var(--c);flex:none}
.count{font-size:14px;font-weight:normal;color:var(--muted)}
.digest{margin:0 0 16px;padding:0 0 0 44px;line-height:1.7}
.digest cite{font-style:normal;font-size:13px;color:var(--muted)}
.digest cite::before{content:"— "}
.label{display:flex;flex-wrap:wrap;gap:6px;list-style:none;margin:0 0 16px;padding:0 0 0 24px}
.label li{border:1px solid var(--c);border-radius:999px;padding:0 12px;font-size:14px;background:var(--card)}
.doc{background:var(--card);border:1px solid var(--line);border-left:5px solid var(--c);border-radius:12px;
padding:18px 22px 8px;margin:0 0 16px;scroll-margin-top:12px}
.doc:target{box-shadow:0 0 0 3px var(--c)}
.doc>header{display:grid;grid-template-columns:auto 1fr;column-gap:12px;align-items:baseline;margin-bottom:12px}
.num{grid-row:span 2;align-self:start;min-width:30px;height:30px;border-radius:50%;background:var(--c);color:#fff;
font:600 14px/30px var(--sans);text-align:center;padding:0 6px;text-shadow:0 0 2px rgba(0,0,0,.45)}
.doc h3{margin:0;font-size:20px;line-height:1.4}
.meta{margin:2px 0 0;font-size:13px;color:var(--muted)}
.badge{background:#eef0f4;border-radius:4px;padding:1px 6px;white-space:nowrap}
.body{display:grid;grid-template-columns:minmax(200px,15rem) minmax(0,1fr);gap:28px}
h4{margin:0 0 8px;font-size:12px;text-transform:uppercase;letter-spacing:.1em;color:var(--muted);font-weight:600}
.hint{text-transform:none;letter-spacing:0;font-weight:normal;margin-left:6px}
.bars{display:grid;grid-template-columns:max-content 1fr max-content;gap:5px 8px;align-items:center;
list-style:none;margin:0 0 12px;padding:0}
.bars li{display:contents}
.term{font-size:15px;line-height:1.35}
.bar{height:10px;background:#eef0f4;border-radius:5px;overflow:hidden}
.bar span{display:block;height:100%;background:var(--c);border-radius:5px}
.score{font:11px var(--mono);color:var(--muted);font-variant-numeric:tabular-nums}
.text p{margin:0 0 .8em;text-align:justify;line-height:1.85}
mark.hl{background:linear-gradient(transparent 12%,var(--hl) 12%,var(--hl) 92%,transparent 92%);color:inherit;
box-shadow:inset 0 -2px 0 var(--hl-edge);padding:0 1px;-webkit-box-decoration-break:clone;box-decoration-break:clone}
mark.key{font-size:12px}
b.hd{font-weight:700}
.note{color:var(--muted);font-size:14px}
.error{background:#fdecea;border:1px solid #f5c2bc;color:#8a1f14;border-radius:8px;padding:8px 12px;margin:0 0 12px}
.keyhead{margin-top:18px!important}
.readkey{display:grid;grid-template-columns:52px 1fr;gap:6px 12px;align-items:center;margin:0;font-size:13px;color:var(--muted)}
.readkey dt{text-align:center}.readkey dd{margin:0;line-height:1.45}
.bar.sample{display:block;--c:#5c6577}.bar.sample span{width:70%}
.foot{padding:8px 24px 32px;font-size:13px;color:var(--muted)}
@media (max-width:760px){
.wrap{padding:0 14px}.top h1{font-size:24px}
.overview{grid-template-columns:1fr}.body{grid-template-columns:1fr;gap:8px}
.doc{padding:14px 14px 6px}.text p{text-align:left}}
@media print{
body{background:#fff;font-size:11pt}.top{background:#fff;color:#000;padding:0 0 8pt;border-bottom:1pt solid #000}
.top h1,.stats b{color:#000}.stats li,.config,.brand{color:#333;background:none}.allsettings{display:none}
.overview{grid-template-columns:3fr 2fr}.doc{break-inside:auto;border-color:#bbb}
.doc>header,.kw{break-inside:avoid}.theme>h2{break-after:avoid}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""
