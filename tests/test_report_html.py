"""The HTML report: well-formed, self-contained, faithful to the text, escaped, deterministic."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tiyao.report import Report
from tiyao.report_html import PALETTE, render_html
from tiyao.types import Sentence

from .builders import make_seed_report
from .conftest import ROOT, SEED_TITLES

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
CHROMIUM = Path("/usr/bin/chromium")


class Page(HTMLParser):
    """A strict reading of the page: every element closed in order, plus what the tests look at."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.marks: list[tuple[int, str]] = []  # (data-sentence, text) of each summary highlight
        self.texts: dict[str, list[str]] = {}  # article id -> text of each paragraph of its full text
        self.data: list[str] = []
        self._article: str | None = None
        self._in_text = self._in_p = False
        self._mark: int | None = None
        self.feed(html)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed at the end: {self.stack}")

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.tags.append((tag, attributes))
        classes = attributes.get("class", "").split()
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "article":
            self._article = attributes["id"]
        if tag == "div" and "text" in classes:
            self._in_text = True
        if tag == "p" and self._in_text and self._article:
            self._in_p = True
            self.texts.setdefault(self._article, []).append("")
        if tag == "mark" and "data-sentence" in attributes:
            self._mark = int(attributes["data-sentence"])
            self.marks.append((self._mark, ""))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        if tag == "p":
            self._in_p = False
        if tag == "div":
            self._in_text = False
        if tag == "article":
            self._article = None
        if tag == "mark":
            self._mark = None

    def handle_data(self, data):
        self.data.append(data)
        if self._in_p and self._article:
            self.texts[self._article][-1] += data
        if self._mark is not None:
            index, text = self.marks[-1]
            self.marks[-1] = (index, text + data)

    def find(self, tag: str, cls: str | None = None) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and (cls is None or cls in a.get("class", "").split())]


@pytest.fixture(scope="module")
def report() -> Report:
    return make_seed_report(failed=True)


@pytest.fixture(scope="module")
def html(report) -> str:
    return render_html(report)


@pytest.fixture(scope="module")
def page(html) -> Page:
    return Page(html)


def _article_ids(report: Report) -> dict[str, str]:
    """Document id -> the page anchor of its article (``a<n>``, n counted from 1 in report order)."""
    return {result.id: f"a{n}" for n, result in enumerate(report.documents, 1)}


def test_page_is_well_formed_html5(html, page):
    assert html.startswith("<!DOCTYPE html>\n<html lang=")
    assert page.errors == []
    names = [tag for tag, _ in page.tags]
    for tag in ("html", "head", "body", "main", "svg", "style"):
        assert names.count(tag) == 1, tag
    assert names.count("article") == 9 and names.count("section") >= 3
    assert page.find("meta")[0] == {"charset": "utf-8"}


def test_every_title_appears_once_as_an_article_heading(page):
    headings = [a for t, a in page.tags if t == "h3"]
    assert len(headings) == 9
    text = "".join(page.data)
    for title in SEED_TITLES + ("空文章",):
        assert title in text


def test_full_text_is_reproduced_paragraph_by_paragraph(report, page):
    anchors = _article_ids(report)
    for result in report.documents[:8]:
        paragraphs = [line for line in result.document.text.split("\n") if line.strip()]
        assert page.texts[anchors[result.id]] == paragraphs


def test_each_summary_sentence_is_highlighted_exactly_once_in_place(report, page):
    summary = [(s.index, s.text) for result in report.documents for s in result.summary]
    assert len(summary) == 16
    assert sorted(page.marks) == sorted(summary)  # one mark per sentence, with exactly its text
    # in place: the first mark of article 1 opens its first paragraph (the lead sentence)
    first = report.documents[0].summary[0]
    assert page.texts["a1"][0].startswith(first.text)


def test_run_in_headings_are_bold_and_stay_inside_their_paragraph(html):
    assert '<p><b class="hd">突出一条主线：</b>稳定低生育水平。' in html


def test_keyword_bars_are_relative_to_the_top_score(report, page):
    widths = [float(re.fullmatch(r"width:([0-9.]+)%", a["style"]).group(1))
              for a in page.find("span") if a.get("style", "").startswith("width:")]
    keywords = [k for result in report.documents for k in result.keywords]
    assert len(widths) == len(keywords) == 37
    assert all(0 < w <= 100 for w in widths)
    by_anchor = {f"a{n}": result for n, result in enumerate(report.documents, 1)}
    position = 0
    for anchor in (a["id"] for a in page.find("article")):  # articles appear grouped by theme
        result = by_anchor[anchor]
        top = max(k.score for k in result.keywords) if result.keywords else 0
        for keyword in result.keywords:
            assert widths[position] == pytest.approx(keyword.score / top * 100, abs=0.05)
            position += 1
    terms = [a for a in page.find("span", "term")]
    assert len(terms) == 37


def test_map_has_a_point_per_placed_article_linked_and_coloured_by_theme(report, html, page):
    circles = page.find("circle")
    assert len(circles) == 8  # the failed article has no position
    links = [a["href"] for a in page.find("a") if a.get("href", "").startswith("#a")]
    assert links == [f"#a{n}" for n in range(1, 9)]
    anchors = {a["id"] for a in page.find("article")}
    assert {link[1:] for link in links} <= anchors
    fills = [c["fill"] for c in circles]
    expected = [PALETTE[r.theme] for r in report.documents[:8]]
    assert fills == expected
    for circle in circles:
        assert 0 <= float(circle["cx"]) <= 640 and 0 <= float(circle["cy"]) <= 380
    assert "<title>1. 西集镇全面推动计划生育工作再上新台阶 (主题 1 Theme 1: 计划生育、人大、基层)</title>" in html


def test_themes_have_sections_and_the_failed_article_shows_its_error(report, html, page):
    sections = [a["id"] for a in page.find("section") if "theme" in a.get("class", "").split()]
    assert sections == ["theme-1", "theme-2", "failed"]
    assert "<li>计划生育</li>" in html and "<li>贷款</li>" in html
    assert '<p class="error"><b>错误 Error:</b> empty after cleaning</p>' in html
    # the theme sections hold their articles in the theme's order
    order = [a["id"] for a in page.find("article")]
    assert order == ["a1", "a3", "a5", "a7", "a8", "a2", "a4", "a6", "a9"]


def test_page_is_self_contained(html, page):
    lowered = html.lower()
    for needle in ("http://", "https://", "src=", "url(", "@import", "<script", "<link", "<img", "<iframe"):
        assert needle not in lowered, needle
    assert all(a["href"].startswith("#") for a in page.find("a"))


def test_markup_in_the_input_stays_text(report):
    doc = report.documents[0].document
    nasty = replace(doc, title='<script>alert("x")</script>', id="a&b<c>",
                    text=doc.text + "\n<img src=x onerror=alert(1)> & “引号”")
    first = report.documents[0]
    evil = replace(first, document=nasty).with_results(
        keywords=(first.keywords[0], replace(first.keywords[1], term="<b>粗</b>")))
    html = render_html(replace(report, documents=(evil,) + report.documents[1:]))
    page = Page(html)
    assert page.errors == []
    assert not [t for t, _ in page.tags if t in ("script", "img")]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; “引号”" in html
    assert "&lt;b&gt;粗&lt;/b&gt;" in html and "a&amp;b&lt;c&gt;" in html
    assert page.texts["a1"][-1] == "<img src=x onerror=alert(1)> & “引号”"


def test_output_is_deterministic(html):
    assert render_html(make_seed_report(failed=True)) == html
    assert "2026" not in html and "2025" not in html  # no timestamp


def test_no_coords_means_no_map_but_a_note(report):
    html = render_html(replace(report, coords=()))
    assert "<svg" not in html and "No map" in html
    assert Page(html).errors == []


def test_without_themes_articles_are_listed_in_one_section(report):
    plain = tuple(r.with_results(themes=None) for r in report.documents[:8])
    html = render_html(replace(report, documents=plain, themes=(), coords=()))
    page = Page(html)
    assert [a["id"] for a in page.find("section") if a.get("id")] == ["unthemed"]
    assert len(page.find("article")) == 8 and len(page.marks) == 16


def test_a_sentence_with_stale_offsets_is_found_by_its_text_and_a_missing_one_is_listed(report):
    result = report.documents[2]
    moved = result.summary[0]._replace(start=0, end=3)  # wrong offsets, real text
    ghost = Sentence(99, 0, 4, "不在文中的句子。")
    html = render_html(replace(report, documents=(result.with_results(summary=(moved, ghost)),)))
    page = Page(html)
    assert sorted(page.marks) == [(moved.index, moved.text)]
    assert "Summary sentences not found in the text" in html and "不在文中的句子。" in html


def test_a_sentence_across_a_line_break_is_highlighted_in_each_paragraph(report):
    result = report.documents[0]
    text = result.document.text
    cut = text.index("\n")
    across = Sentence(0, cut - 5, cut + 6, text[cut - 5:cut + 6])
    page = Page(render_html(replace(report, documents=(result.with_results(summary=(across,)),), coords=())))
    assert page.errors == []
    assert [m for _, m in page.marks] == [text[cut - 5:cut], text[cut + 1:cut + 6]]


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium not installed")
def test_report_renders_in_headless_chromium(tmp_path):
    shot = tmp_path / "report.png"
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "browser" / "check_html.py"),
                           "--screenshot", str(shot), "--size", "1280,1600"],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "HTML report renders in Chromium" in done.stdout
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_failed_results_are_counted_in_the_header(report):
    only_failed = Report((report.documents[-1],), (), report.config)
    html = render_html(only_failed)
    assert '<li class="warn"><b>1</b> 篇未能处理 not analysed</li>' in html
    assert "<h1>0 篇文章 articles · 来自 1 个文件 from 1 file · 1 篇未能读取 not read</h1>" in html
    assert "empty after cleaning" in html
    assert "<svg" not in html


def test_coinciding_points_are_moved_apart_and_each_keeps_its_number(report):
    same = tuple((0.2, 0.3) for _ in report.documents[:8])
    page = Page(render_html(replace(report, documents=report.documents[:8], coords=same)))
    centres = [(float(c["cx"]), float(c["cy"])) for c in page.find("circle")]
    assert len(set(centres)) == 8
    for i, (x, y) in enumerate(centres):
        for u, v in centres[i + 1:]:
            assert (x - u) ** 2 + (y - v) ** 2 >= 19.9 ** 2
    assert len(page.find("text")) == 8
