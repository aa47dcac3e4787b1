"""The result of a run and its plain renderings: JSON, JSONL, CSV rows and Markdown (no terminal code here). Each
step's part of a record, row or section is written by the step (:mod:`tiyao.views`); this module lays them out.

JSON layout (``Report.to_dict``)::

    {"documents": [{"id", "title", "theme", "keywords": [{"term", "score"}], "summary": [{"index", "text"}]}],
     "themes": [{"id", "label", "size", "representative", "documents", "digest": [{"id", "index", "text"}]}],
     "failures": [{"source", "id", "error"}],
     "config": {...}}

A document that failed has ``"error": "…"`` and empty results; ``failures`` lists every file, record or article
that could not be analysed (a binary or empty file, a broken record, an article without words) with its reason,
so that every input file is accounted for (:meth:`Report.counts` says "582 articles from 600 files, 18 not read"). Scores are rounded to 4 decimals and keys keep
this order, so two runs on the same input give byte-identical JSON.

Themes are numbered from 1 in every output (JSON ``theme`` and themes' ``id``, CSV, Markdown, HTML, terminal):
the number is ``Theme.number``, ``Theme.id + 1`` (the library's ids count from 0). The Markdown speaks Chinese
with the English beside it (``主题 1 Theme 1``, ``关键词 Keywords``, ``摘要 Summary``), as the terminal does.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from collections.abc import Mapping, Sequence
from typing import Any

from .config import PipelineConfig
from .types import Document, Keyword, Sentence, Theme

SCORE_DIGITS = 4


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """Everything tiyao found for one article: each step's result by step name (:mod:`tiyao.steps`), or ``error``
    when it could not be processed."""

    document: Document
    results: Mapping[str, Any] = field(default_factory=dict)
    error: str | None = None

    @property
    def id(self) -> str:
        return self.document.id

    @property
    def keywords(self) -> tuple[Keyword, ...]:
        return self.results.get("keywords", ())

    @property
    def summary(self) -> tuple[Sentence, ...]:
        return self.results.get("summary", ())

    @property
    def theme(self) -> int | None:
        """The id of the article's theme (``Theme.id``, from 0), or None."""
        return self.results.get("themes")

    def with_results(self, **by_step: Any) -> DocumentResult:
        """A copy with these steps' results in place of its own (``result.with_results(themes=None)``)."""
        return DocumentResult(self.document, {**self.results, **by_step}, self.error)

    @property
    def title(self) -> str:
        return self.document.title


@dataclass(frozen=True, slots=True)
class Report:
    """A whole run: per-article results in input order, the themes, and the config used."""

    documents: tuple[DocumentResult, ...]
    themes: tuple[Theme, ...]
    config: PipelineConfig
    coords: tuple[tuple[float, float], ...] = ()  # a 2-D map position per document (same order), for the HTML map
    new_words: tuple[str, ...] = field(default=())  # words discovered in the corpus and added for the run

    @property
    def failed(self) -> tuple[DocumentResult, ...]:
        return tuple(result for result in self.documents if result.error is not None)

    def source_files(self) -> tuple[str, ...]:
        """Every input file the report's articles and failures come from (a record's place cut to its file),
        sorted."""
        return tuple(sorted({source_file(r.document.source) for r in self.documents if r.document.source}))

    def counts(self) -> str:
        """"8 articles" or, when something could not be analysed, "582 articles from 600 files, 18 not read"."""
        analysed = len(self.documents) - len(self.failed)
        line = f"{analysed} {'article' if analysed == 1 else 'articles'}"
        if self.failed:
            files = len(self.source_files())
            line += f" from {files} {'file' if files == 1 else 'files'}, {len(self.failed)} not read"
        return line

    def counts_zh(self) -> str:
        """:meth:`counts` in Chinese with the English beside it: "8 篇文章 articles", or "582 篇文章 articles · 来自
        600 个文件 from 600 files · 18 篇未能读取 not read"."""
        analysed = len(self.documents) - len(self.failed)
        line = f"{analysed} 篇文章 {_plural(analysed, 'article')}"
        if self.failed:
            files = len(self.source_files())
            line += (f" · 来自 {files} 个文件 from {files} {_plural(files, 'file')} · {len(self.failed)} 篇未能读取 "
                     "not read")
        return line

    def failure_records(self) -> list[dict[str, Any]]:
        """What could not be analysed, in input order: ``{"source", "id", "error"}``."""
        return [{"source": source_file(r.document.source), "id": r.id, "error": r.error} for r in self.failed]

    def theme_of(self, result: DocumentResult) -> Theme | None:
        """The theme that lists the article, or None."""
        return next((theme for theme in self.themes if result.id in theme.doc_ids), None)

    def themes_by_article(self) -> dict[str, Theme]:
        """Article id -> the theme that lists it (the articles in no theme are not keys): how the reports group."""
        return {doc_id: theme for theme in self.themes for doc_id in theme.doc_ids}

    # -- renderings ---------------------------------------------------------------------------------------

    def document_record(self, result: DocumentResult) -> dict[str, Any]:
        """One article as a JSON-ready dict (the JSONL line, and an item of JSON's ``documents``)."""
        return document_record(result)

    def theme_record(self, theme: Theme) -> dict[str, Any]:
        return {"id": theme.number, "label": list(theme.label), "size": theme.size,
                "representative": theme.representative, "documents": list(theme.doc_ids),
                "digest": [{"id": s.id, "index": s.index, "text": s.text} for s in theme.digest]}

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": [self.document_record(result) for result in self.documents],
            "themes": [self.theme_record(theme) for theme in self.themes],
            "failures": self.failure_records(),
            "config": self.config.to_dict(),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def to_jsonl(self) -> str:
        return "".join(jsonl_line(result) for result in self.documents)

    def csv_rows(self) -> list[dict[str, Any]]:
        """One row per article: keywords joined by "、", summary sentences joined as they read."""
        return [csv_row(result, self.themes) for result in self.documents]

    def to_markdown(self) -> str:
        """A readable document: a section per theme, each article with its keywords and summary."""
        lines = [f"# 提要 · {self.counts_zh()} · {len(self.themes)} 个主题 {_plural(len(self.themes), 'theme')}", ""]
        by_id = {result.id: result for result in self.documents}
        for theme in self.themes:
            lines += [f"## 主题 {theme.number} Theme {theme.number}：{'、'.join(theme.label)}", "",
                      f"{theme.size} 篇 {_plural(theme.size, 'article')}", ""]
            lines += _markdown_digest(theme, by_id)
            for doc_id in theme.doc_ids:
                lines += _markdown_article(by_id[doc_id])
        grouped = self.themes_by_article()
        unthemed = [r for r in self.documents if r.id not in grouped]
        if unthemed:
            lines += ["## 未分组 Not grouped" if self.themes else "## 文章 Articles", ""]
            for result in unthemed:
                lines += _markdown_article(result)
        if self.failed:
            lines += [f"## 未能读取 Not read ({len(self.failed)})", ""]
            lines += [f"- `{r.id}` ({source_file(r.document.source)}): {r.error}" for r in self.failed]
        return "\n".join(lines).rstrip() + "\n"


_PLACE = re.compile(r"(?:, (?:line|record) \d+|:\d+)$")


def source_file(source: str) -> str:
    """The file a source names (``"a.jsonl, line 3"`` -> ``"a.jsonl"``)."""
    return _PLACE.sub("", source)


def document_record(result: DocumentResult) -> dict[str, Any]:
    """One article as a JSON-ready dict (a JSONL line, and an item of JSON's ``documents``)."""
    from .steps import step_types

    record: dict[str, Any] = {"id": result.id, "title": result.title}
    for step in step_types():  # every registered step, in the registry's order
        record[step.key] = step.to_json(result.results.get(step.name, step.empty))
    record.update(document_metadata(result.document))
    if result.error is not None:
        record["error"] = result.error
    return record


METADATA_FIELDS = ("title_source", "date", "author", "url", "site", "author_keywords")


def document_metadata(document: Document) -> dict[str, Any]:
    """What the article says of itself (``Document.date`` etc.), only the fields that are set, in a fixed order."""
    values = ((name, getattr(document, name)) for name in METADATA_FIELDS)
    return {name: list(value) if isinstance(value, tuple) else value for name, value in values if value}


def jsonl_line(result: DocumentResult) -> str:
    return json.dumps(document_record(result), ensure_ascii=False) + "\n"


def csv_fields() -> tuple[str, ...]:
    """The CSV columns: the article's id and title, each step's columns (``theme``, ``theme_label``, ``keywords``,
    ``summary``), then its error and what it says of itself."""
    from .views import csv_fields as step_fields

    return ("id", "title", *step_fields(), "error", "date", "author", "site", "url")


def byline(document: Document) -> str:
    """A short line of what the article says of itself: date, source, author (``2021-10-18 09:30 · 经济日报 ·
    李晓明``), or "" when it says none of them."""
    return " · ".join(part for part in (document.date.replace("T", " "), document.site, document.author) if part)


def csv_row(result: DocumentResult, themes: Sequence[Theme]) -> dict[str, Any]:
    """One article as a CSV row (:func:`csv_fields`): each step's cells (keywords joined by "、", summary sentences
    joined as they read)."""
    from .views import csv_cells

    return {
        "id": result.id,
        "title": result.title,
        **csv_cells(result, themes),
        "error": result.error or "",
        "date": result.document.date,
        "author": result.document.author,
        "site": result.document.site,
        "url": result.document.url,
    }


def _markdown_digest(theme: Theme, by_id: dict[str, DocumentResult]) -> list[str]:
    """The theme's digest: its sentences as a list, each citing its article (title, or id when untitled)."""
    if not theme.digest:
        return []
    lines = ["**Digest:**", ""]
    for sentence in theme.digest:
        result = by_id.get(sentence.id)
        source = (result.title if result is not None and result.title else "") or sentence.id
        lines.append(f"- {sentence.text} ({source}, `{sentence.id}`)")
    return lines + [""]


def theme_number(theme_id: int | None) -> int | None:
    """The number every output shows for a theme id (``Theme.number``: from 1), None for no theme."""
    return None if theme_id is None else theme_id + 1


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def _markdown_article(result: DocumentResult) -> list[str]:
    said = byline(result.document)
    lines = [f"### {result.title or result.id}", "", f"`{result.id}`" + (f" · {said}" if said else ""), ""]
    if result.error is not None:
        return lines + [f"> **错误 Error:** {result.error}", ""]
    from .views import markdown_lines

    return lines + markdown_lines(result)  # each step that ran and writes Markdown, in the registry's order
