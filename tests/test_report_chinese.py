"""Reports in Chinese with the English beside them, themes numbered alike in every format, and a map that tells
any number of themes apart (issue 14, item 5)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter

import pytest
from typer.testing import CliRunner

from tiyao.cli.main import app
from tiyao.report import Report
from tiyao.report_html import PALETTE, SHAPES, render_html

from .builders import make_seed_report, spread_over_themes
from .conftest import ROOT
from .test_report_html import Page

SEEDS = ROOT / "seeds"
LOAN_TITLE = "西集镇小额贷款引领计生户致富"
#: The CJK font stack of the page (unchanged by this work: a test that it stays).
SANS = '--sans:-apple-system,BlinkMacSystemFont,"Segoe UI","PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;'


@pytest.fixture(scope="module")
def report() -> Report:
    return make_seed_report(failed=True)


def _english_alone(text: str, words: tuple[str, ...]) -> list[str]:
    """English labels not preceded by their Chinese (``Theme 1`` without ``主题 1``, ``Keywords`` alone…)."""
    chinese = {"Theme": "主题", "Keywords": "关键词", "Summary": "摘要", "Text": "正文", "Not grouped": "未分组",
               "Not analysed": "未能处理", "Error": "错误", "Reading this page": "阅读说明", "All settings": "全部设置"}
    alone = []
    for word in words:
        for match in re.finditer(rf"(?<![A-Za-z]){word}(?![a-z])", text):
            before = text[max(0, match.start() - 12):match.start()]
            if chinese[word] not in before:
                alone.append(text[max(0, match.start() - 12):match.end() + 4])
    return alone


def test_html_labels_are_chinese_with_english_beside(report):
    html = render_html(report)
    for label in ("主题 1 Theme 1", "主题 2 Theme 2", "关键词 Keywords", "正文 Text", "摘要 the summary",
                  "阅读说明 Reading this page", "未能处理 Not analysed", "错误 Error", "全部设置 All settings",
                  "篇文章 articles", "个主题 themes", "字 characters", "主题 Themes"):
        assert label in html, label
    visible = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    assert _english_alone(visible, ("Theme", "Keywords", "Text", "Not analysed", "Error", "Reading this page")) == []
    assert 'lang="zh-CN"' in html
    assert SANS in html  # CJK font stack unchanged


def test_markdown_labels_are_chinese_with_english_beside(report):
    markdown = report.to_markdown()
    assert markdown.startswith("# 提要 · 8 篇文章 articles · 来自 2 个文件 from 2 files · 1 篇未能读取 not read · "
                               "2 个主题 themes\n")
    assert "## 未能读取 Not read (1)" in markdown
    assert "## 主题 1 Theme 1：" in markdown and "## 主题 2 Theme 2：" in markdown
    assert "**关键词 Keywords:**" in markdown and "**摘要 Summary:**" in markdown
    assert "**错误 Error:** empty after cleaning" in markdown
    assert _english_alone(markdown, ("Theme", "Keywords", "Summary", "Error")) == []


def _invoke(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "-q"], env={"COLUMNS": "100", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_theme_has_the_same_number_in_every_format():
    """The loan article's theme, read from each format of `run` and from `cluster`."""
    run_json = json.loads(_invoke("run", str(SEEDS), "--format", "json"))
    loan = next(d for d in run_json["documents"] if d["title"] == LOAN_TITLE)
    number = loan["theme"]
    assert [t["id"] for t in run_json["themes"]] == [1, 2]  # from 1
    assert loan["id"] in next(t for t in run_json["themes"] if t["id"] == number)["documents"]

    jsonl = [json.loads(line) for line in _invoke("run", str(SEEDS), "--format", "jsonl").splitlines()]
    assert next(d for d in jsonl if d["title"] == LOAN_TITLE)["theme"] == number

    rows = list(csv.DictReader(io.StringIO(_invoke("run", str(SEEDS), "--format", "csv").lstrip("\ufeff"))))
    assert next(r for r in rows if r["title"] == LOAN_TITLE)["theme"] == str(number)

    markdown = _invoke("run", str(SEEDS), "--format", "md")
    section = markdown[:markdown.index(f"### {LOAN_TITLE}")].rsplit("\n## ", 1)[1]
    assert section.startswith(f"主题 {number} Theme {number}")

    html = _invoke("run", str(SEEDS), "--format", "html")
    section = html[:html.index(LOAN_TITLE + "</h3>")].rsplit('<section class="theme"', 1)[1]
    assert f'id="theme-{number}"' in section and f"主题 {number} Theme {number}" in section

    terminal = _invoke("run", str(SEEDS))
    rule = re.findall(r"主题 (\d+) ", terminal[:terminal.index(LOAN_TITLE)])[-1]
    assert int(rule) == number

    cluster = json.loads(_invoke("cluster", str(SEEDS), "--format", "json"))
    assert [t["id"] for t in cluster["themes"]] == [1, 2]
    assert next(d for d in cluster["documents"] if d["title"] == LOAN_TITLE)["theme"] == number
    table = _invoke("cluster", str(SEEDS))
    assert re.search(r"│\s+1 │", table) and re.search(r"│\s+2 │", table) and not re.search(r"│\s+0 │", table)


def _markers(page: Page) -> list[tuple[str, str]]:
    return [(tag, attrs["fill"]) for tag, attrs in page.tags if "pt" in attrs.get("class", "").split()]


def test_twenty_themes_are_told_apart_by_colour_and_shape(report):
    many = spread_over_themes(report, 20)
    html = render_html(many)
    page = Page(html)
    assert page.errors == []
    markers = _markers(page)
    assert len(markers) == len(many.documents) == 40
    looks: dict[int, set[tuple[str, str]]] = {}
    for result, look in zip(many.documents, markers):
        looks.setdefault(result.theme, set()).add(look)
    assert all(len(look) == 1 for look in looks.values())  # one marker (element and colour) per theme
    assert len({next(iter(look)) for look in looks.values()}) == 20  # and no two themes alike
    legend = re.findall(r'<span class="dot shape-([a-z-]+)" style="background:(#[0-9A-F]{6})">', html)
    assert len(legend) == 20 and len(set(legend)) == 20  # … and the legend shows each theme's own shape and colour
    assert Counter(shape for shape, _ in legend) == {"circle": 8, "square": 8, "triangle": 4}
    assert {fill for _, fill in legend} == set(PALETTE)
    for n in (1, 9, 17, 20):
        assert f'id="theme-{n}"' in html and f"主题 {n} Theme {n}" in html
    assert '<text class="tn"' not in html  # colour and shape suffice for 20


def test_beyond_forty_themes_the_map_writes_theme_numbers(report):
    many = spread_over_themes(report, len(PALETTE) * len(SHAPES) + 1)
    html = render_html(many)
    assert Page(html).errors == []
    numbers = re.findall(r'<text class="tn"[^>]*>(\d+)</text>', html)
    assert sorted(map(int, numbers)) == list(range(1, 42))
