"""Options shared by several commands, declared once so every command names and documents them alike."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .output import OutputFormat


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
Format = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
Output = Annotated[
    Optional[Path],
    typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout.", dir_okay=False),
]
Encoding = Annotated[
    Optional[str],
    typer.Option(help="Force the input encoding (e.g. gb18030, big5, utf-16). Default: detect.",
                 rich_help_panel="Input"),
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
