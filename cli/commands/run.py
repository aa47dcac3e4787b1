"""``tiyao run`` (and ``tiyao`` alone): the whole chain on a corpus, and the report."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from tiyao.config import PipelineConfig
from tiyao.errors import ConfigError
from tiyao.corpus import ReadOptions
from tiyao.report import DocumentResult, Report, csv_fields, csv_row, jsonl_line

from ..common import corpus_paths, nothing_usable, warn_failures
from ..errors import EXIT_SOME_FAILED, reporting_errors
from ..option_groups import takes_groups
from ..options import (Bom, InputOptions, KeywordOptions, Output, Paths, RunOptions, RunQuiet, Strict, SummaryMethod,
                       ThemeOptions)
from ..output import check_output_path, choose_format, csv_lines, print_table, to_csv, write_stream, write_text
from ..progress import progress_bar
from ..report_view import report_view
from .cluster import warn_fewer_themes


class ReportFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    md = "md"
    html = "html"


_K = "Keywords"
_S = "Summaries"
_T = "Themes"
_R = "Run"


@takes_groups
def run(
    paths: Paths = None,
    *,
    fmt: Annotated[Optional[ReportFormat], typer.Option(
        "--format", "-f", help="Report format. Default: from -o's extension (.json .jsonl .csv .md .html .txt), "
                               "else table.", show_default=False)] = None,
    output: Output = None,
    bom: Bom = True,
    top_k: Annotated[int, typer.Option("--top-k", "-k", help="Keywords per article.", rich_help_panel=_K)] = 10,
    ranking: KeywordOptions,
    sentences: Annotated[Optional[int], typer.Option("--sentences", "-n", help="Summary length in sentences.",
                                                     rich_help_panel=_S)] = None,
    max_chars: Annotated[Optional[int], typer.Option(help="Summary budget in characters (whole sentences).",
                                                     rich_help_panel=_S)] = None,
    ratio: Annotated[Optional[float], typer.Option(help="Summary budget as a share of the article's characters.",
                                                   rich_help_panel=_S)] = None,
    summary_method: Annotated[SummaryMethod, typer.Option(help="Summary method.", rich_help_panel=_S)]
    = SummaryMethod.textrank,
    theming: ThemeOptions,
    running: RunOptions,
    read: InputOptions,
    strict: Strict = False,
    quiet: RunQuiet = False,
    model: Annotated[Optional[Path], typer.Option(
        "--model", help="A model saved by `tiyao fit`: analyse the articles against it (its new words, IDF and "
                        "themes) instead of fitting on them.", rich_help_panel=_R, dir_okay=True)] = None,
) -> None:
    """Run the whole chain: keywords and a summary for each article, and the corpus's themes."""
    with reporting_errors():
        inputs = corpus_paths(paths)
        check_output_path(output, inputs)
        fmt = choose_format(fmt, output, ReportFormat)
        config = PipelineConfig(top_k=top_k, **ranking, sentences=sentences, max_chars=max_chars, ratio=ratio,
                                summary_method=summary_method.value, **theming, **running).validate()
        fitted = load_fitted_model(model, config)
        with progress_bar(not quiet) as progress:
            if fmt in (ReportFormat.jsonl, ReportFormat.csv):
                failed = stream_report(inputs, config, read, fmt, output, progress, strict, bom, fitted)
            else:
                from tiyao.pipeline import run as run_pipeline

                report = run_pipeline(inputs, config, read_options=read, progress=progress, strict=strict,
                                      model=fitted)
                failed = [(r.id, r.error or "") for r in report.failed]
                if len(failed) == len(report.documents):
                    warn_failures(failed)
                    raise nothing_usable(len(failed))
                warn_fewer_themes(config.themes, len(report.themes), len(report.documents) - len(failed))
                write_report(report, fmt, output, bom)
        warn_failures(failed)
    if failed:
        raise typer.Exit(EXIT_SOME_FAILED)



#: The options a model fixes (PipelineConfig field -> option), refused beside --model when not left at default.
_FITTED_OPTIONS = {"keyword_method": "--keyword-method", "phrases": "--no-phrases", "idf": "--idf",
                   "idf_model": "--idf-model", "discover_words": "--no-new-words", "min_count": "--min-count",
                   "themes": "--themes", "theme_method": "--theme-method", "user_dicts": "--user-dict"}


def load_fitted_model(path: Path | None, config: PipelineConfig) -> Any:
    """The model at ``path`` (None without one); an option the model fixes, given beside it, is an error."""
    if path is None:
        return None
    from tiyao.model import load_model

    defaults = PipelineConfig()
    given = [option for name, option in _FITTED_OPTIONS.items() if getattr(config, name) != getattr(defaults, name)]
    if given:
        raise ConfigError(f"{', '.join(given)} cannot be used with --model: the model was fitted with its own",
                          hint="Leave them out, or fit a model with them: `tiyao fit PATHS -o FILE ...`.")
    return load_model(path)


def stream_report(paths: list[str], config: PipelineConfig, options: ReadOptions, fmt: ReportFormat,
                  output: Path | None, progress: Any, strict: bool, bom: bool = True,
                  model: Any = None) -> list[tuple[str, str]]:
    """JSONL or CSV written article by article as the analysis pass yields them (memory stays flat). When no
    article could be used, the write is abandoned: an ``-o`` file keeps its old content."""
    from tiyao.pipeline import stream as stream_pipeline

    fit, results = stream_pipeline(paths, config, read_options=options, progress=progress, strict=strict,
                                   model=model)
    failed: list[tuple[str, str]] = []

    def watched() -> Iterator[DocumentResult]:
        written = 0
        for result in results:
            if result.error is not None:
                failed.append((result.id, result.error))
            written += 1
            yield result
        if written == len(failed):
            warn_failures(failed)
            raise nothing_usable(len(failed))

    if fmt is ReportFormat.jsonl:
        write_stream((jsonl_line(r) for r in watched()), output, json_text=True)
    else:
        write_stream(csv_lines((csv_row(r, fit.themes) for r in watched()), csv_fields()), output, bom=bom)
    return failed



def write_report(report: Report, fmt: ReportFormat, output: Path | None, bom: bool = True) -> None:
    if fmt is ReportFormat.json:
        write_text(report.to_json(), output, json_text=True)
    elif fmt is ReportFormat.jsonl:
        write_text(report.to_jsonl(), output, json_text=True)
    elif fmt is ReportFormat.csv:
        write_text(to_csv(report.csv_rows()), output, bom=bom)
    elif fmt is ReportFormat.md:
        write_text(report.to_markdown(), output)
    elif fmt is ReportFormat.html:
        from tiyao.report_html import render_html

        write_text(render_html(report), output)
    else:
        print_table(report_view(report), output, width=None if output is None else 80)
