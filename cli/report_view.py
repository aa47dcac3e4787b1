"""The terminal view of a Report: grouped by theme, then each article's title and the rows its steps write
(keywords, summary: :func:`tiyao.views.terminal_rows`).

Built from rich renderables, which measure CJK characters as two cells, so lines wrap correctly on an 80-column
terminal (or any width) without breaking a character in half.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from tiyao.report import DocumentResult, Report, byline
from tiyao.types import Theme
from tiyao.views import TerminalRow, terminal_rows

from .safe_text import terminal_safe as safe

#: Marks that must not start a line, and marks that must not end one (Chinese line-breaking rules, 避头尾).
NO_LINE_START = set("，。、；：？！）》」』】〕”’…·,.;:?!)]}%")
NO_LINE_END = set("（《「『【〔“‘([{")


class ChineseParagraph:
    """Text wrapped by Chinese line-breaking rules: a line never starts with ，。、；：？！ or a closing bracket
    (the character before it moves down with it) and never ends with an opening one; CJK characters count as
    two cells; ASCII words are not split. Nothing is ever cut off."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text = text
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in wrap_chinese(self.text, options.max_width):
            yield Text(line, style=self.style, no_wrap=True, overflow="crop")

    def __rich_measure__(self, console: Console, options: ConsoleOptions):
        from rich.measure import Measurement

        return Measurement(min(4, options.max_width), min(cell_len(self.text), options.max_width))


def wrap_chinese(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` cells (see ChineseParagraph)."""
    width = max(width, 4)
    pieces = [part for piece in _pieces(text) for part in ([piece] if cell_len(piece) <= width else piece)]
    lines: list[str] = []
    line, used = "", 0
    for piece in pieces:
        size = cell_len(piece)
        if used + size > width and line:
            # a mark that may not start a line takes the character before it down with it (推出), and a mark
            # that may not end a line goes down to the next one
            carry = ""
            while (carry or piece)[0] in NO_LINE_START and len(line) > 1:
                carry, line = line[-1] + carry, line[:-1]
            while len(line) > 1 and line[-1] in NO_LINE_END:
                carry, line = line[-1] + carry, line[:-1]
            if line.strip():
                lines.append(line.rstrip())
            line = (carry + piece).lstrip()
            used = cell_len(line)
        else:
            line, used = line + piece, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _pieces(text: str) -> list[str]:
    """Unbreakable pieces: an ASCII word with what follows it, or one CJK character (or mark)."""
    import re

    return re.findall(r"[A-Za-z0-9][A-Za-z0-9.\-+%/]*\s*|\s+|.", text)


def _digest(theme: Theme, by_id: dict[str, DocumentResult]) -> RenderableType:
    """The theme's digest under its rule: each sentence, then the title of the article it comes from."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=6, style="dim", no_wrap=True)
    grid.add_column(ratio=1)
    for i, sentence in enumerate(theme.digest):
        result = by_id.get(sentence.id)
        source = (result.title if result is not None and result.title else "") or sentence.id
        grid.add_row("综述" if i == 0 else "", ChineseParagraph(sentence.text))
        grid.add_row("", ChineseParagraph("—— " + source, style="dim"))
    return Padding(grid, (1, 0, 0, 1))


def report_view(report: Report) -> RenderableType:
    """The whole report as one renderable."""
    parts: list[RenderableType] = [_header(report)]
    by_id = {result.id: result for result in report.documents}
    for theme in report.themes:
        title = Text.assemble((f" 主题 {theme.number} ", "bold reverse cyan"), " ",
                              (safe("、".join(theme.label)), "bold cyan"), (f"  · {theme.size} 篇", "dim"))
        parts.append(Padding(Rule(title, align="left", style="cyan"), (1, 0, 0, 0)))
        if theme.digest:
            parts.append(_digest(theme, by_id))
        for doc_id in theme.doc_ids:
            parts.append(_article(by_id[doc_id]))
    grouped = report.themes_by_article()
    loose = [result for result in report.documents if result.id not in grouped and result.error is None]
    if loose:
        parts.append(Padding(Rule(Text("未分组 · not grouped", style="bold"), align="left"), (1, 0, 0, 0)))
        parts.extend(_article(result) for result in loose)
    failed = report.failed
    if failed:
        parts.append(Padding(Rule(Text(f"未能处理 · {len(failed)} failed", style="bold red"), align="left",
                                  style="red"), (1, 0, 0, 0)))
        for result in failed:
            parts.append(Text.assemble(("  ✗ ", "red"), (safe(result.title or result.id), "bold"), "  ",
                                       (safe(result.error or ""), "red")))
    return Group(*parts)


def _header(report: Report) -> RenderableType:
    ok = len(report.documents) - len(report.failed)
    counts = f"{ok} 篇文章 articles"
    if report.failed:  # every input file accounted for
        counts += report.counts().removeprefix(f"{ok} article").removeprefix("s")
    line = Text.assemble(("提要 tiyao", "bold"), "  ", (f"{counts} · {len(report.themes)} 个主题 themes", "dim"))
    if report.new_words:
        shown = safe("、".join(report.new_words[:8])) + ("…" if len(report.new_words) > 8 else "")
        return Group(line, ChineseParagraph(f"新词 new words: {shown}", style="dim"))
    return line


def _article(result: DocumentResult) -> RenderableType:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=6, style="dim", no_wrap=True)
    grid.add_column(ratio=1)
    title = Text(safe(result.title or result.id), style="bold", overflow="fold")
    grid.add_row(Text("▌", style="cyan"), title)
    said = byline(result.document)
    if said:
        grid.add_row("", Text(said, style="dim", overflow="fold"))
    for row in terminal_rows(result):
        grid.add_row(row.label, _row_text(row))
    return Padding(grid, (1, 0, 0, 1))


def _row_text(row: TerminalRow) -> RenderableType:
    """A step's row: a paragraph wrapped by Chinese line-breaking rules, or styled pieces folded at the edge."""
    if row.paragraph:
        return ChineseParagraph(safe(row.text))
    text = Text(overflow="fold")
    for piece, style in row.pieces:
        text.append(safe(piece), style=style)
    return text
