"""Options shared by several commands, declared once so every command names and documents them alike; and the
groups of them a command takes whole (see :mod:`cli.option_groups`): output, input, run, keywords and themes."""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Optional

import typer

from tiyao.corpus import ReadOptions
from tiyao.furniture import DEFAULT_RULES

from .common import capped_jobs, parse_themes
from .option_groups import option_group
from .output import OutputFormat, OutputTarget


class KeywordMethod(str, Enum):
    tfidf = "tfidf"
    textrank = "textrank"


class IdfMode(str, Enum):
    blend = "blend"
    corpus = "corpus"
    background = "background"


class SummaryMethod(str, Enum):
    textrank = "textrank"
    lead = "lead"


class ThemeMethod(str, Enum):
    kmeans = "kmeans"
    agglomerative = "agglomerative"


class SegmenterChoice(str, Enum):
    auto = "auto"
    jieba = "jieba"
    rjieba = "rjieba"


class EngineChoice(str, Enum):
    local = "local"
    dask = "dask"


class InputFormatChoice(str, Enum):
    auto = "auto"
    text = "text"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    tsv = "tsv"
    html = "html"


Paths = Annotated[
    Optional[list[str]],
    typer.Argument(help="Files or folders of articles (Markdown/text, JSONL, JSON, CSV, saved web pages), or - for stdin. "
                        "Default: the seed corpus.", show_default=False),
]
Format = Annotated[Optional[OutputFormat], typer.Option(
    "--format", "-f", help="Output format. Default: from -o's extension (.json .jsonl .csv .txt), else table.",
    show_default=False)]
Output = Annotated[
    Optional[Path],
    typer.Option("--output", "-o", help="Write to this file (atomically, keeping its mode; through a symlink) "
                                        "instead of stdout.", dir_okay=False),
]
Bom = Annotated[bool, typer.Option("--bom/--no-bom", help="Start CSV written to a file with a UTF-8 BOM (for Excel "
                                                          "and WPS); stdout never gets one.")]

#: Named in the message when --encoding is not a text encoding.
COMMON_ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "utf-16", "utf-16-le",
                    "utf-16-be", "utf-32")


def text_encoding(value: Optional[str]) -> Optional[str]:
    """``--encoding``: a codec that decodes bytes to text (not rot13, base64, hex or zlib)."""
    if value is None or not value.strip():
        return None
    accepted = f"use a text encoding such as {', '.join(COMMON_ENCODINGS)}"
    try:
        codecs.lookup(value)
    except LookupError:
        raise typer.BadParameter(f"unknown encoding {value!r}; {accepted}") from None
    try:
        "文".encode(value, errors="replace").decode(value, errors="replace")
    except (LookupError, TypeError, ValueError):
        raise typer.BadParameter(f"{value!r} is not a text encoding; {accepted}") from None
    return value


Encoding = Annotated[
    Optional[str],
    typer.Option(help="Force the input encoding (e.g. gb18030, big5, utf-16). Default: detect.",
                 rich_help_panel="Input", callback=text_encoding),
]
InputFormat = Annotated[
    InputFormatChoice,
    typer.Option("--input-format", help="How to read the input. Default: by file extension.",
                 rich_help_panel="Input"),
]
IdField = Annotated[str, typer.Option(help="Record field holding the article id.", rich_help_panel="Input")]
TitleField = Annotated[str, typer.Option(help="Record field holding the title.", rich_help_panel="Input")]
TextField = Annotated[str, typer.Option(help="Record field holding the text.", rich_help_panel="Input")]
Quiet = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="No progress display (drawn on stderr only, and only when it is a terminal)."),
]
FurnitureFile = Annotated[
    Optional[Path],
    typer.Option("--furniture", help="A UTF-8 file of extra furniture patterns (lines that are not the article's "
                 "text, such as a site's footer): one Python regular expression per line, or kind<TAB>regex.",
                 rich_help_panel="Input"),
]
UserDict = Annotated[
    Optional[list[Path]],
    typer.Option("--user-dict", help="A jieba user dictionary (word [freq] [tag] per line); repeatable.",
                 rich_help_panel="Input"),
]


# -- what a corpus fit is made of: `tiyao run` and `tiyao fit` take the same options ---------------------------

_KEYWORDS = "Keywords"
_THEMES = "Themes"
_RUN = "Run"


def scheduler_option(value: Optional[str]) -> Optional[str]:
    """``--scheduler``: tcp://host:port, checked before any work (whether it answers is checked when the run
    connects, with a timeout)."""
    if value is not None:
        from tiyao.engine import scheduler_address
        from tiyao.errors import ConfigError

        try:
            scheduler_address(value)
        except ConfigError as error:
            raise typer.BadParameter(error.message) from None
    return value


KeywordMethodOption = Annotated[KeywordMethod, typer.Option(help="Keyword ranking.", rich_help_panel=_KEYWORDS)]
Phrases = Annotated[bool, typer.Option("--phrases/--no-phrases", help="Rank keyphrases too.",
                                       rich_help_panel=_KEYWORDS)]
Idf = Annotated[IdfMode, typer.Option(help="IDF: fitted on the corpus, jieba's background table, or a blend.",
                                      rich_help_panel=_KEYWORDS)]
IdfModelFile = Annotated[Optional[Path], typer.Option(help="An IDF model saved by `tiyao idf build`.",
                                                      rich_help_panel=_KEYWORDS, exists=True, dir_okay=False)]
NewWords = Annotated[bool, typer.Option("--new-words/--no-new-words",
                                        help="Discover the corpus's own new words first and segment with them.",
                                        rich_help_panel=_KEYWORDS)]
MinCount = Annotated[int, typer.Option(help="Least count of a discovered word.", rich_help_panel=_KEYWORDS)]
Themes = Annotated[str, typer.Option(help="Number of themes, or 'auto'.", rich_help_panel=_THEMES)]
ThemeMethodOption = Annotated[ThemeMethod, typer.Option(help="Clustering method.", rich_help_panel=_THEMES)]
Jobs = Annotated[Optional[int], typer.Option("--jobs", "-j", help="Processes at work: this one and N-1 workers "
                                             "(default: all cores; used for corpora of 1,000,000 characters or "
                                             "more, 5,000,000 with two; from 100,000, one worker scans a "
                                             "share and finds the themes).", rich_help_panel=_RUN)]
Segmenter = Annotated[SegmenterChoice, typer.Option(help="Segmentation backend: rjieba (installed with tiyao, "
                                                         "same words as jieba, faster) or jieba; auto picks rjieba "
                                                         "unless it cannot be imported.",
                                                    rich_help_panel=_RUN)]
Engine = Annotated[EngineChoice, typer.Option(help="Where the work runs: this machine, or Dask "
                                                   "(pip install 'tiyao[dask]').", rich_help_panel=_RUN)]
Scheduler = Annotated[Optional[str], typer.Option(help="Address of a Dask scheduler (tcp://host:8786) for "
                                                       "--engine dask; default: a local Dask cluster.",
                                                  rich_help_panel=_RUN, callback=scheduler_option)]
Strict = Annotated[bool, typer.Option(help="Stop at the first article that cannot be processed.",
                                      rich_help_panel=_RUN)]
RunQuiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.", rich_help_panel=_RUN)]
FindNewWords = Annotated[bool, typer.Option("--new-words/--no-new-words",
                                            help="Find the corpus's own words first (see `tiyao words`).")]


# -- the groups: each declared once, each command taking the ones it needs as one value per group --------------

@option_group
def output_options(fmt: Format = None, output: Output = None, bom: Bom = True) -> OutputTarget:
    """Where and in what format the command writes."""
    return OutputTarget(fmt, output, bom)


@option_group
def input_options(
    encoding: Encoding = None,
    input_format: InputFormat = InputFormatChoice.auto,
    id_field: IdField = "id",
    title_field: TitleField = "title",
    text_field: TextField = "text",
    furniture: FurnitureFile = None,
) -> ReadOptions:
    """How the input is read (the library's :class:`~tiyao.corpus.ReadOptions`)."""
    rules = DEFAULT_RULES.with_file(furniture) if furniture is not None else None
    return ReadOptions(encoding=encoding or None, input_format=input_format.value, id_field=id_field,
                       title_field=title_field, text_field=text_field, furniture=rules)


@option_group
def run_options(
    user_dict: UserDict = None,
    jobs: Jobs = None,
    segmenter: Segmenter = SegmenterChoice.auto,
    engine: Engine = EngineChoice.local,
    scheduler: Scheduler = None,
) -> Mapping[str, Any]:
    """The :class:`~tiyao.config.PipelineConfig` fields of how the words are cut and where the work runs."""
    return MappingProxyType({"user_dicts": tuple(str(p) for p in user_dict or ()), "jobs": capped_jobs(jobs),
                             "segmenter": segmenter.value, "engine": engine.value, "scheduler": scheduler})


@option_group
def keyword_options(
    keyword_method: KeywordMethodOption = KeywordMethod.tfidf,
    phrases: Phrases = True,
    idf: Idf = IdfMode.blend,
    idf_model: IdfModelFile = None,
    new_words: NewWords = True,
    min_count: MinCount = 3,
) -> Mapping[str, Any]:
    """The :class:`~tiyao.config.PipelineConfig` fields of the keywords and the corpus fit behind them."""
    return MappingProxyType({"keyword_method": keyword_method.value, "phrases": phrases, "idf": idf.value,
                             "idf_model": str(idf_model) if idf_model else None, "discover_words": new_words,
                             "min_count": min_count})


@option_group
def theme_options(themes: Themes = "auto", theme_method: ThemeMethodOption = ThemeMethod.kmeans) -> Mapping[str, Any]:
    """The :class:`~tiyao.config.PipelineConfig` fields of the themes."""
    return MappingProxyType({"themes": parse_themes(themes), "theme_method": theme_method.value})


OutputOptions = Annotated[OutputTarget, output_options]
InputOptions = Annotated[ReadOptions, input_options]
RunOptions = Annotated[Mapping[str, Any], run_options]
KeywordOptions = Annotated[Mapping[str, Any], keyword_options]
ThemeOptions = Annotated[Mapping[str, Any], theme_options]
