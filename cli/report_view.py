"""The terminal view of a Report: grouped by theme, then each article's title, keywords and summary.

Built from rich renderables, which measure CJK characters as two cells, so lines wrap correctly on an 80-column
terminal (or any width) without breaking a character in half.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from nlp.report import DocumentResult, Report

KEYWORDS_SHOWN = 8


def report_view(report: Report) -> RenderableType:
    """The whole report as one renderable."""
    parts: list[RenderableType] = [_header(report)]
    by_id = {result.id: result for result in report.documents}
    for theme in report.themes:
        title = Text.assemble((f" 主题 {theme.id + 1} ", "bold reverse cyan"), " ",
                              ("、".join(theme.label), "bold cyan"), (f"  · {theme.size} 篇", "dim"))
        parts.append(Padding(Rule(title, align="left", style="cyan"), (1, 0, 0, 0)))
        for doc_id in theme.doc_ids:
            parts.append(_article(by_id[doc_id]))
    loose = [result for result in report.documents if result.theme is None and result.error is None]
    if loose:
        parts.append(Padding(Rule(Text("未分组 · not grouped", style="bold"), align="left"), (1, 0, 0, 0)))
        parts.extend(_article(result) for result in loose)
    failed = report.failed
    if failed:
        parts.append(Padding(Rule(Text(f"未能处理 · {len(failed)} failed", style="bold red"), align="left",
                                  style="red"), (1, 0, 0, 0)))
        for result in failed:
            parts.append(Text.assemble(("  ✗ ", "red"), (result.title or result.id, "bold"), "  ",
                                       (result.error or "", "red")))
    return Group(*parts)


def _header(report: Report) -> RenderableType:
    ok = len(report.documents) - len(report.failed)
    line = Text.assemble(("提要 tiyao", "bold"), "  ",
                         (f"{ok} 篇文章 articles · {len(report.themes)} 个主题 themes", "dim"))
    if report.new_words:
        shown = "、".join(report.new_words[:8]) + ("…" if len(report.new_words) > 8 else "")
        line.append(f"\n新词 new words: {shown}", style="dim")
    return line


def _article(result: DocumentResult) -> RenderableType:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=6, style="dim", no_wrap=True)
    grid.add_column(ratio=1)
    title = Text(result.title or result.id, style="bold", overflow="fold")
    grid.add_row(Text("▌", style="cyan"), title)
    if result.keywords:
        words = Text(overflow="fold")
        for i, keyword in enumerate(result.keywords[:KEYWORDS_SHOWN]):
            if i:
                words.append(" · ", style="dim")
            words.append(keyword.term, style="green" if i < 3 else "")
        grid.add_row("关键词", words)
    if result.summary:
        grid.add_row("摘要", Text("".join(s.text for s in result.summary), overflow="fold"))
    return Padding(grid, (1, 0, 0, 1))
