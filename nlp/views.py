"""Each step's result in each report format: the writers (:mod:`tiyao.report` for CSV and Markdown,
:mod:`tiyao.report_html`, the terminal view in ``tiyao.cli.report_view``) loop over the registered steps
(:mod:`tiyao.steps`) through these functions, and each step class says how its result is written, with optional
methods beside ``to_json``:

    markdown(result) -> lines            its lines in an article's Markdown section
    csv_fields, csv(result, themes)      its CSV columns, and their values for one article (``themes``: the run's)
    terminal(result) -> [TerminalRow]    its rows in an article's block in the terminal
    html(result, document) -> str        its part of an article's card in the HTML page
    stats(results) -> [(value, label)]   its figures for the whole run, in the HTML page's header
    settings(config) -> str              its settings in one line, in the HTML page's header

A step without one of them does not show in that format. The formats with a fixed layout (CSV columns, the HTML
page) write every registered step, with its ``empty`` value for an article it did not run on, as JSON does;
Markdown and the terminal write the steps that ran. Everything goes in the registry's order
(:data:`tiyao.steps.STEP_TYPES`), except the settings, in the order the run's config names its steps. How an
article is grouped (the run's themes, ``Report.themes``) is the report's layout, not a step's.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .steps import step_type, step_types

if TYPE_CHECKING:
    from .config import PipelineConfig
    from .report import DocumentResult
    from .types import Theme


@dataclass(frozen=True)
class TerminalRow:
    """One labelled row of an article in the terminal: ``label`` (``关键词``), then its text as pieces of
    ``(text, style)`` (rich style names, "" for plain). A ``paragraph`` (a summary) is wrapped by Chinese
    line-breaking rules and written plain; otherwise the pieces are folded where the line ends (a list of words)."""

    label: str
    pieces: tuple[tuple[str, str], ...]
    paragraph: bool = False

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.pieces)


def every_step(result: DocumentResult) -> Iterator[tuple[Any, Any]]:
    """Each registered step class and its result for this article (its ``empty`` value when it did not run)."""
    for step in step_types():
        yield step, result.results.get(step.name, step.empty)


def steps_that_ran(result: DocumentResult) -> Iterator[tuple[Any, Any]]:
    """Each registered step that ran on this article, and its result."""
    for step in step_types():
        if step.name in result.results:
            yield step, result.results[step.name]


def csv_fields() -> tuple[str, ...]:
    """The CSV columns the steps write, in the registry's order."""
    return tuple(field for step in step_types() for field in getattr(step, "csv_fields", ()))


def csv_cells(result: DocumentResult, themes: Sequence[Theme]) -> dict[str, Any]:
    """The steps' CSV cells for one article."""
    cells: dict[str, Any] = {}
    for step, value in every_step(result):
        if hasattr(step, "csv"):
            cells.update(step.csv(value, themes))
    return cells


def markdown_lines(result: DocumentResult) -> list[str]:
    """The steps' lines in an article's Markdown section."""
    return [line for step, value in steps_that_ran(result) if hasattr(step, "markdown")
            for line in step.markdown(value)]


def terminal_rows(result: DocumentResult) -> list[TerminalRow]:
    """The steps' rows in an article's block in the terminal."""
    return [row for step, value in steps_that_ran(result) if hasattr(step, "terminal")
            for row in step.terminal(value)]


def html_parts(result: DocumentResult) -> str:
    """The steps' parts of an article's card in the HTML page."""
    return "".join(step.html(value, result.document) for step, value in every_step(result) if hasattr(step, "html"))


def html_stats(results: Sequence[DocumentResult]) -> list[tuple[Any, str]]:
    """The steps' figures for the whole run: ``(value, label)`` pairs."""
    stats: list[tuple[Any, str]] = []
    for step in step_types():
        if hasattr(step, "stats"):
            stats += step.stats([r.results.get(step.name, step.empty) for r in results])
    return stats


def settings_lines(config: PipelineConfig) -> list[str]:
    """The settings of each step the run asked for, one line each, in the order ``config.steps`` names them."""
    out = []
    for name in config.steps:
        step = step_type(name)
        if hasattr(step, "settings"):
            out.append(step.settings(config))
    return out
