"""Reading a corpus: files, folders, several paths or stdin, in Markdown/plain text, JSONL, JSON or CSV.

Text files (``.md``, ``.txt`` and anything not named below): a ``#`` or ``##`` heading starts an article and is its
title. When a file has two or more ``#`` headings, those start articles and deeper headings are sub-headings;
otherwise ``##`` headings start articles and a lone ``#`` heading with no text under it is the file's title and
is skipped. A file without such headings is one article; its title is its labelled title field, else its first
headline-like line after the furniture (fields, masthead, issue line), joined with its second line where it was
wrapped, else its first sentence, else the file's name without extension (:mod:`tiyao.titles`; the Document says
which in ``title_source``). Article ids are ``<file>#<n>`` (n from 1) for files holding several articles and ``<file>`` for
one-article files, where ``<file>`` is the path relative to the folder given (or the file name).

Records (``.jsonl``/``.ndjson``, ``.json`` (a list of records), ``.csv``/``.tsv``): the text, title and id come
from the fields named by ``ReadOptions`` (``text``, ``title``, ``id`` by default); a record without an id gets
``<file>:<line>``. A record that cannot be used (broken JSON, no text field) becomes a :class:`ReadFailure` with
its line number; the other records are still read.

Saved web pages (``.html``, ``.htm``, ``.xhtml``, ``.shtml``, or ``input_format="html"``; stdin that starts like
HTML): one page is one article, read by :mod:`tiyao.webpage` (main text, headline, date, author, source, address);
a page without an article (a list page, search results, an empty shell) is a :class:`ReadFailure` saying so. The
folder a browser saves beside a page (``page_files/``: its images, scripts, styles and frames) is not read.

Folders are read recursively in sorted path order, following symbolic links (a folder reached twice is named and
read once, :mod:`tiyao.sources`); hidden files are ignored. Every file is accounted for: in a folder, a binary file
(images, PDFs, archives: by content), a file with no text (empty, white space or NUL bytes only), a file of unknown
type, a FIFO, socket or device, a file that cannot be read or decoded, or a JSON/CSV file that cannot be parsed
becomes a :class:`ReadFailure` naming it with its reason, and the other files are still read; a file named on its
own raises :class:`~tiyao.errors.InputError` instead (an empty one is a failure). A report tiyao wrote, saved into
the folder, is skipped with a warning (:func:`tiyao_report`). Every text goes through :mod:`tiyao.clean`; a record
whose text is empty after cleaning is a :class:`ReadFailure`.

:class:`CorpusReader` reads the same paths several times (the pipeline's passes): streams are read once and held,
a file changed or deleted between passes is a failure on the later pass, and each warning is said once.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from .clean import CleanText, clean_article, clean_line, heading_of, replace_surrogates
from .encoding import decode
from .errors import ConfigError, InputError
from .furniture import FurnitureRules
from .sources import (FIFO_TIMEOUT, Fingerprint, Skip, fingerprint_now, read_regular, read_stream, stat_input,
                      walk_folder)
from .titles import TITLE_MAX_CHARS  # noqa: F401  (the longest line taken for a headline; re-exported)
from .types import Document
from .webpage import is_page_resource

logger = logging.getLogger(__name__)

STDIN = "-"
INPUT_FORMATS = ("auto", "text", "jsonl", "json", "csv", "tsv", "html")
_EXTENSIONS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".tsv": "tsv",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".md": "text", ".markdown": "text", ".txt": "text", ".text": "text", ".mdown": "text",
}
_HTML_START = re.compile(r"(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|\?xml[^>]*>\s*<(?:!doctype\s+)?html)",
                         re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read input: forced encoding and format, and the record fields to use."""

    encoding: str | None = None
    input_format: str = "auto"
    id_field: str = "id"
    title_field: str = "title"
    text_field: str = "text"
    furniture: FurnitureRules | None = None  # the furniture table (None: tiyao.furniture.DEFAULT_RULES)

    def validate(self) -> None:
        if self.encoding:
            try:
                codecs.lookup(self.encoding)
            except LookupError:
                raise ConfigError(
                    f"unknown encoding {self.encoding!r}",
                    hint="Use a name Python knows, such as utf-8, gb18030, gbk, big5 or utf-16.") from None
        if self.input_format not in INPUT_FORMATS:
            raise ConfigError(f"input_format must be one of {', '.join(INPUT_FORMATS)}; got {self.input_format!r}")
        for name in ("id_field", "title_field", "text_field"):
            if not getattr(self, name):
                raise ConfigError(f"{name} must not be empty")


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A record or article that could not be read; the rest of the corpus still is."""

    id: str
    title: str
    source: str
    error: str


@dataclass(frozen=True, slots=True)
class Corpus:
    """What :func:`read_corpus` found: the articles in input order, and what could not be read."""

    documents: tuple[Document, ...]
    failures: tuple[ReadFailure, ...] = ()

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)


def read_corpus(
    paths: Sequence[str | os.PathLike[str]],
    options: ReadOptions = ReadOptions(),
    *,
    stdin: BinaryIO | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Corpus:
    """Read every article under ``paths`` (files, folders, or ``"-"`` for stdin); ``progress("read", n, 0)`` is
    called as each is read.

    Raises
    ------
    InputError
        A path that does not exist, a file named on its own that cannot be read or decoded, or nothing at all
        (neither an article nor a failure).
    """
    documents: list[Document] = []
    failures: list[ReadFailure] = []
    for item in iter_records(paths, options, stdin=stdin):
        (documents if isinstance(item, Document) else failures).append(item)
        if progress is not None:
            progress("read", len(documents) + len(failures), 0)
    if not documents and not failures:
        raise no_articles(paths, failures)
    return Corpus(_unique_ids(documents), tuple(failures))


def no_articles(paths: Sequence[str | os.PathLike[str]], failures: Sequence[ReadFailure], *,
                folder: bool = False) -> InputError:
    """The error for input holding no article at all, naming (the first few of) the failures."""
    where = ", ".join("stdin" if str(p) == STDIN else str(p) for p in paths) or "the input"
    where = f"readable articles in folder {where}" if folder else f"articles found in {where}"
    if not failures:
        return InputError(f"no {where}",
                          hint="Give Markdown/text files, or JSONL/JSON/CSV records with a text field.")
    shown = "; ".join(failure.error for failure in failures[:5])
    more = f"; and {len(failures) - 5} more" if len(failures) > 5 else ""
    return InputError(f"no {where}: {len(failures)} not read ({shown}{more})",
                      hint="Give Markdown/text files, or JSONL/JSON/CSV records with a text field.")


def iter_records(
    paths: Sequence[str | os.PathLike[str]],
    options: ReadOptions = ReadOptions(),
    *,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | ReadFailure]:
    """Yield the articles (and unreadable records) under ``paths`` one at a time, in input order.

    Paths are checked before anything is read, so a missing path fails fast.
    """
    return iter(CorpusReader(paths, options, stdin=stdin))


class CorpusReader:
    """The records under some paths, to be read once or several times (the pipeline's passes) with the same
    result: streams (stdin, pipes, FIFOs, ``/dev/fd/*``) are read once and held; a folder's files are listed once;
    a file that changed or vanished since it was first read gives a :class:`ReadFailure` on a later pass instead
    of other articles; each warning is logged once, however many passes.

    Paths are checked (and streams read) when the reader is made, so a missing path fails fast.
    """

    def __init__(
        self,
        paths: Sequence[str | os.PathLike[str]],
        options: ReadOptions = ReadOptions(),
        *,
        stdin: BinaryIO | None = None,
        fifo_timeout: float = FIFO_TIMEOUT,
    ) -> None:
        options.validate()
        if isinstance(paths, (str, os.PathLike)):
            raise ConfigError("a sequence of paths is expected, not a single path; wrap it in a list")
        self.paths = list(paths)
        self.options = options
        self._warned: set[str] = set()
        self._prints: dict[Path, Fingerprint] = {}
        self._listings: dict[Path, list[Path | Skip]] = {}
        modes = {}
        for path in self.paths:
            if str(path) != STDIN and looks_like_text(path):
                shown = str(path) if len(str(path)) <= 30 else str(path)[:30] + "…"
                raise InputError(f"{shown!r} is not a file or folder; it looks like the text of an article",
                                 hint="Paths are expected here. In Python give texts as tiyao.run(texts=[...]) "
                                      "(or tiyao.keywords(text), tiyao.summarize(text)); on the command line "
                                      "pipe text in: echo '…' | tiyao run -")
            if str(path) != STDIN:
                modes[str(path)] = stat_input(Path(path)).st_mode
        self._held: dict[str, bytes] = {}
        for path in self.paths:
            if str(path) == STDIN:
                if STDIN not in self._held:
                    handle = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
                    if handle is None:
                        raise InputError("stdin is closed: there is nothing to read from '-'",
                                         hint="Pipe the articles in, or name files or folders.")
                    self._held[STDIN] = read_stream(None, handle=handle)
            elif not (stat.S_ISDIR(modes[str(path)]) or stat.S_ISREG(modes[str(path)])):
                self._held[str(path)] = read_stream(Path(path), timeout=fifo_timeout)

    def warn(self, message: str) -> None:
        """Log a warning, once per reader."""
        if message not in self._warned:
            self._warned.add(message)
            logger.warning("%s", message)

    def __iter__(self) -> Iterator[Document | ReadFailure]:
        for path in self.paths:
            if str(path) == STDIN:
                yield from self._read_held(self._held[STDIN], "<stdin>", "stdin")
                continue
            if str(path) in self._held:
                yield from self._read_held(self._held[str(path)], str(path), Path(path).name)
                continue
            path = Path(path)
            if path in self._listings or path.is_dir():
                yield from self._read_folder(path)
            else:
                yield from self._read_file(path, path.name, explicit=True)

    def _read_held(self, data: bytes, source: str, name: str) -> Iterator[Document | ReadFailure]:
        fmt = self.options.input_format if self.options.input_format != "auto" else None
        if fmt is None and source != "<stdin>":
            fmt = _EXTENSIONS.get(Path(source).suffix.lower())
        yield from _read_bytes(data, source, name, self.options, explicit=True, fmt=fmt, warn=self.warn)

    def _read_folder(self, folder: Path) -> Iterator[Document | ReadFailure]:
        if folder not in self._listings:
            self._listings[folder] = walk_folder(folder)
        found = False
        failures: list[ReadFailure] = []
        for entry in self._listings[folder]:
            if isinstance(entry, Skip):
                name = entry.path.relative_to(folder).as_posix()
                failure = ReadFailure(name, "", str(entry.path), f"skipped {entry.path}: {entry.reason}")
                failures.append(failure)
                yield failure
                continue
            name = entry.relative_to(folder).as_posix()
            if is_page_resource(entry, name.count("/")):
                logger.debug("skipped %s: part of a saved web page, not an article", entry)
                continue
            for item in self._read_file(entry, name, explicit=False):
                if isinstance(item, Document):
                    found = True
                else:
                    failures.append(item)
                yield item
        if not found:
            raise no_articles([folder], failures, folder=True)

    def _read_file(self, path: Path, name: str, *, explicit: bool) -> Iterator[Document | ReadFailure]:
        """The articles of one file. In a folder (not ``explicit``) a file that cannot be read is a ReadFailure,
        as is, on a later pass, a file that changed or vanished since the first."""
        first = self._prints.get(path)
        try:
            try:
                data, fingerprint = read_regular(path)
            except InputError:
                if first is not None and fingerprint_now(path) is None:
                    raise InputError(f"{path}: deleted while tiyao was reading the corpus (after its first pass); "
                                     "its articles are not analysed") from None
                raise
            if first is not None and first.digest != fingerprint.digest:
                raise InputError(f"{path}: changed while tiyao was reading the corpus (between its passes: "
                                 f"{first.size:,} bytes, then {fingerprint.size:,}); its articles are not "
                                 "analysed", hint="Run again when nothing writes to it.")
            self._prints[path] = fingerprint
            fmt = self.options.input_format if self.options.input_format != "auto" \
                else _EXTENSIONS.get(path.suffix.lower())
            if fmt is None and not explicit and path.suffix:
                report = tiyao_report(data[:4096].decode("utf-8", errors="ignore"), None)
                if report is not None:  # an HTML report saved into the folder read
                    self.warn(f"skipped {path}: it is {report} written by tiyao, not articles")
                    return
                raise InputError(f"skipped {path}: unknown file type {path.suffix!r}",
                                 hint="tiyao reads .md, .txt, .jsonl, .json, .csv, .tsv and .html files; name the "
                                      "format with --input-format.")
            items = list(_read_bytes(data, str(path), name, self.options, explicit=explicit, fmt=fmt,
                                     warn=self.warn))
        except InputError as error:
            if explicit and first is None:
                raise
            hint = f"; {error.hint[0].lower()}{error.hint[1:]}" if error.hint else ""
            yield ReadFailure(name, "", str(path), f"{error.message}{hint}")
            return
        yield from items


def _read_bytes(
    data: bytes, source: str, name: str, options: ReadOptions, *, explicit: bool, fmt: str | None = None,
    warn: Callable[[str], None] | None = None,
) -> Iterator[Document | ReadFailure]:
    say = warn or (lambda message: logger.warning("%s", message))
    if fmt == "html" or (fmt is None and options.input_format == "html"):
        if not data.strip():
            what = "it is empty" if not data else "it has no text, only white space"
            yield ReadFailure(name, "", source, f"{'stdin' if source == '<stdin>' else source}: {what}")
            return
        report = None if explicit else tiyao_report(data[:4096].decode("utf-8", errors="ignore"), "html")
        if report is not None:
            say(f"skipped {source}: it is {report} written by tiyao, not articles")
            return
        yield _web_page(data, source, name, options)
        return
    decoded = decode(data, source, options.encoding)
    for warning in decoded.warnings:
        say(f"{source}: {warning}")
    text = decoded.text
    if not text.strip():
        what = ("it is empty" if not data else "it has no text, only NUL bytes" if not data.strip(b"\x00")
                else "it has no text, only white space")
        yield ReadFailure(name, "", source, f"{'stdin' if source == '<stdin>' else source}: {what}")
        return
    if fmt is None:
        fmt = options.input_format if options.input_format != "auto" else _sniff(text)
    report = None if explicit or options.input_format != "auto" else tiyao_report(text, fmt)
    if report is not None:
        say(f"skipped {source}: it is {report} written by tiyao, not articles")
        return
    if fmt == "html":
        yield _web_page(data, source, name, options)
    elif fmt == "jsonl":
        yield from _jsonl_records(text, source, name, options)
    elif fmt == "json":
        yield from _json_records(text, source, name, options)
    elif fmt in ("csv", "tsv"):
        yield from _csv_records(text, source, name, options, delimiter="\t" if fmt == "tsv" else ",", warn=say)
    else:
        yield from text_articles(text, source, name, options.furniture)


def tiyao_report(text: str, fmt: str | None) -> str | None:
    """"a JSON report", "a CSV report"... when ``text`` is a report tiyao wrote (so that a report saved into the
    folder it reads is not read back as articles on the next run), else None."""
    head = text.lstrip("\ufeff")[:4096]
    first_line = head.split("\n", 1)[0].strip()
    if fmt == "json" and re.match(r'\{\s*"documents"\s*:\s*\[', head) and '"config"' in text[-65536:]:
        return "a JSON report"
    if fmt == "jsonl" and first_line.startswith('{"id": '):
        try:
            record = json.loads(first_line)
        except ValueError:
            return None
        if isinstance(record, dict) and {"id", "title", "theme", "keywords", "summary"} <= set(record) \
                and "text" not in record:
            return "a JSONL report"
    if fmt in ("csv", "tsv") and first_line.startswith("id,title,theme,theme_label,keywords,summary,error"):
        return "a CSV report"
    if re.match(r"# 提要 · \d+ 篇文章 ", first_line):  # Report.to_markdown's heading, one article or many
        return "a Markdown report"
    if '<meta name="generator" content="tiyao">' in head:
        return "an HTML report"
    return None


def _web_page(data: bytes, source: str, name: str, options: ReadOptions) -> Document | ReadFailure:
    """A saved web page is one article (see :mod:`tiyao.webpage`); a page with no article is a ReadFailure."""
    from .webpage import NotAnArticle, page_document

    try:
        return page_document(data, source, name, options.encoding)
    except NotAnArticle as reason:
        return ReadFailure(name, "", source, f"{source}: {reason}")


def _sniff(text: str) -> str:
    head = text.lstrip("\ufeff \t\r\n")[:1]
    if _HTML_START.match(text.lstrip("\ufeff \t\r\n")[:200]):
        return "html"
    if head == "[":
        return "json"
    if head == "{":
        return "jsonl"
    return "text"


#: Sentence punctuation that never appears in a path someone means to read.
_TEXT_MARKS = frozenset("。！？，；：、“”")
#: Longer than any file name allows on common file systems (and than a path anyone types).
_MAX_PATH_CHARS = 1024


def looks_like_text(value: str | os.PathLike[str]) -> bool:
    """Is this, given where a path is expected, clearly the text of an article rather than a path? True for a
    string that does not exist and has a line break, is longer than any path, or has Chinese sentence
    punctuation (``今天北京下雨了。``); a missing ``新闻.md`` is still a path."""
    if not isinstance(value, str):
        return False
    if "\n" in value or len(value) > _MAX_PATH_CHARS or len(Path(value).name.encode()) > 255:
        return True
    if not _TEXT_MARKS.intersection(value):
        return False
    try:
        return not Path(value).exists()
    except OSError:
        return True


def document_from_text(text: str, doc_id: str, *, title: str | None = None, source: str = "<text>") -> Document:
    """One article from a string, cleaned as a file's text is (:mod:`tiyao.clean`). Without ``title``, a
    headline-like first line is the title (as for a file without headings: :mod:`tiyao.titles`), else the title is
    empty.

    >>> document_from_text("今天北京下雨了\\n北京今天下了一场大雨。", "a").title
    '今天北京下雨了'
    """
    cleaned = clean_article(text.splitlines(), find_title=title is None)
    if title is not None:
        return _document(doc_id, clean_line(title), source, cleaned, "given")
    return _document(doc_id, cleaned.title, source, cleaned, cleaned.title_source if cleaned.title else "")


# -- Markdown and plain text ---------------------------------------------------------------------------------

def text_articles(text: str, source: str, name: str, furniture: FurnitureRules | None = None) -> Iterator[Document]:
    """Cut a Markdown/plain text into articles at its ``#``/``##`` headings (see the module docstring); an article
    without such a heading takes its title from its lines (:mod:`tiyao.titles`), else from the file's name."""
    lines = text.splitlines()
    levels = [h[0] for h in (heading_of(line) for line in lines) if h is not None and h[0] <= 2]
    level = 1 if levels.count(1) >= 2 else 2 if 2 in levels else 1 if 1 in levels else 0
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in lines:
        heading = heading_of(line) if level else None
        if heading is not None and heading[0] <= level:
            sections.append((heading[1], []))
        else:
            sections[-1][1].append(line)
    articles: list[tuple[str, str, CleanText]] = []
    for title, body in sections:
        if not any(line.strip() for line in body):
            continue  # a heading with nothing under it (a file title), or an empty preamble
        cleaned = clean_article(body, furniture, find_title=title is None)
        if title is not None:
            title_source = "heading"
        elif cleaned.title:
            title, title_source = cleaned.title, cleaned.title_source
        else:
            title, title_source = _file_stem(name), "file_name"
        if cleaned.text:
            articles.append((title, title_source, cleaned))
    for number, (title, title_source, cleaned) in enumerate(articles, 1):
        doc_id = f"{name}#{number}" if len(articles) > 1 else name
        yield _document(doc_id, title, source, cleaned, title_source)


def _file_stem(name: str) -> str:
    stem = name.rsplit("/", 1)[-1]
    return stem.rsplit(".", 1)[0] if "." in stem else stem


def _document(doc_id: str, title: str, source: str, cleaned: CleanText, title_source: str = "") -> Document:
    """A Document from a cleaned text, with what the text says of itself (its author, source and keywords)."""
    fields = dict(reversed(cleaned.fields))  # the first of each field
    return Document(doc_id, title, cleaned.text, source, cleaned.headings, title_source=title_source,
                    author=fields.get("author", ""), site=fields.get("site", ""),
                    author_keywords=cleaned.author_keywords, furniture=cleaned.furniture)


# -- records ------------------------------------------------------------------------------------------------

def _record(
    record: object, where: str, default_id: str, source: str, options: ReadOptions
) -> Document | ReadFailure:
    if not isinstance(record, dict):
        return ReadFailure(default_id, "", where, f"{where}: expected a JSON object, got {type(record).__name__}")
    record = {replace_surrogates(str(key)): replace_surrogates(value) if isinstance(value, str) else value
              for key, value in record.items()}  # "\ud800" escapes in JSON: not characters, cannot be written
    raw_id = record.get(options.id_field)
    doc_id = str(raw_id) if raw_id not in (None, "") else default_id
    title = record.get(options.title_field)
    title = clean_line(str(title)) if title is not None else ""
    text = record.get(options.text_field)
    if text is None and options.text_field in record:
        return ReadFailure(doc_id, title, where, f"{where}: {json.dumps(options.text_field, ensure_ascii=False)} is "
                           "null; give the record a text or remove it")
    if text is None:
        fields = ", ".join(sorted(map(str, record))) or "none"
        return ReadFailure(doc_id, title, where,
                           f"{where}: record has no {options.text_field!r} field (fields: {fields}); "
                           "name the text field with --text-field")
    if not isinstance(text, str):
        return ReadFailure(doc_id, title, where,
                           f"{where}: field {options.text_field!r} is {type(text).__name__}, not text")
    cleaned = clean_article(text.splitlines(), options.furniture)
    if not cleaned.text:
        return ReadFailure(doc_id, title, where, f"{where}: the {options.text_field!r} field is empty"
                           + (" after cleaning" if text.strip() else "") + "; give the record a text or remove it")
    return _document(doc_id, title, source, cleaned)


def _jsonl_records(text: str, source: str, name: str, options: ReadOptions) -> Iterator[Document | ReadFailure]:
    # Only "\n" ends a record: str.splitlines would also split at U+2028 and other separators that JSON allows
    # raw inside strings (json.dumps(..., ensure_ascii=False) writes them as they are).
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{source}, line {lineno}"
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as error:
            yield ReadFailure(f"{name}:{lineno}", "", where, f"{where}: {_json_problem(error)}; fix or remove that line")
            continue
        yield _record(record, where, f"{name}:{lineno}", source, options)


def _json_problem(error: Exception) -> str:
    """What the JSON decoder refused, in words (broken syntax, a number too long, nesting too deep)."""
    if isinstance(error, json.JSONDecodeError):
        return f"broken JSON ({error.msg}, column {error.colno})"
    if isinstance(error, RecursionError):
        return "JSON nested too deeply to read (lists or objects inside each other thousands of levels deep)"
    if "digits" in str(error) or "limit" in str(error):
        return "a JSON number too long to read (thousands of digits)"
    return f"JSON that cannot be read ({error})"


def _json_records(text: str, source: str, name: str, options: ReadOptions) -> Iterator[Document | ReadFailure]:
    try:
        data = json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as error:
        raise InputError(f"{source}: broken JSON at line {error.lineno}, column {error.colno}: {error.msg}",
                         hint="A .json file must hold one list of records; use .jsonl for one record per line.") \
            from None
    except (ValueError, RecursionError) as error:
        raise InputError(f"{source}: {_json_problem(error)}",
                         hint="Fix that record, or write one record per line (.jsonl) so that the others are read.") \
            from None
    if isinstance(data, dict):
        lists = [value for value in data.values() if isinstance(value, list)]
        if len(lists) != 1:
            raise InputError(f"{source}: expected a list of records", hint="Write the records as a JSON list.")
        data = lists[0]
    if not isinstance(data, list):
        raise InputError(f"{source}: expected a list of records, got {type(data).__name__}",
                         hint="Write the records as a JSON list.")
    for number, record in enumerate(data, 1):
        where = f"{source}, record {number}"
        if _has_long_number(record):
            yield ReadFailure(f"{name}:{number}", "", where, f"{where}: {_json_problem(ValueError('digits'))}; "
                              "fix or remove that record")
            continue
        yield _record(record, where, f"{name}:{number}", source, options)


class _LongNumber(str):
    """The digits of a JSON integer too long for Python to convert (the record holding it is a failure)."""


def _parse_int(digits: str) -> int | _LongNumber:
    limit = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 0
    return _LongNumber(digits) if limit and len(digits.lstrip("-")) > limit else int(digits)


def _has_long_number(value: object) -> bool:
    if isinstance(value, _LongNumber):
        return True
    if isinstance(value, dict):
        return any(_has_long_number(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_long_number(v) for v in value)
    return False


def _csv_records(
    text: str, source: str, name: str, options: ReadOptions, *, delimiter: str,
    warn: Callable[[str], None] | None = None,
) -> Iterator[Document | ReadFailure]:
    # The csv module refuses fields over 128 KiB (a process-wide limit) and a long article is one field: the limit
    # is raised to the length of this text when it is shorter (never lowered).
    if len(text) > csv.field_size_limit():
        csv.field_size_limit(len(text))
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        fields = reader.fieldnames or []
    except csv.Error as error:
        raise InputError(f"{source}: broken CSV header ({error})", hint="Check the first line of the file.") from None
    if options.text_field not in fields:
        raise InputError(f"{source}: no {options.text_field!r} column (columns: {', '.join(fields) or 'none'})",
                         hint="Name the text column with --text-field.")
    line = reader.line_num
    rows = iter(reader)
    while True:
        start = line + 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as error:  # the reader cannot go on after this: the rest of the file is one failure
            where = f"{source}, line {start}"
            yield ReadFailure(f"{name}:{start}", "", where, f"{where}: broken CSV ({error}); the rest of the file "
                              "is not read; check the quoting from that line on")
            return
        line = reader.line_num
        if None in row:
            row.pop(None)
        row = {key: "" if value is None else value for key, value in row.items()}  # a short row
        swallowed = max((_runaway_rows(value, len(fields), delimiter) for value in row.values()), default=0)
        if swallowed and warn is not None:
            warn(f"{source}, line {start}: a quoted field opened on this line runs on over {swallowed} "
                 f"{'line' if swallowed == 1 else 'lines'} that read as records of their own (an unclosed "
                 "quote?); they are read as part of this record; check the quoting of that line")
        yield _record(row, f"{source}, line {start}", f"{name}:{start}", source, options)


def _runaway_rows(value: str, width: int, delimiter: str) -> int:
    """How many lines of a field's ``value`` after its first read as CSV rows of the file's ``width`` (a quote
    left open swallows the rows after it into one field); 0 unless nearly all of them do."""
    if "\n" not in value or width < 2:
        return 0
    lines = [line for line in value.split("\n")[1:] if line.strip()]
    if not lines:
        return 0
    rows = sum(1 for line in lines if len(next(csv.reader([line], delimiter=delimiter), [])) == width)
    return rows if rows >= 0.8 * len(lines) else 0


def _unique_ids(documents: Iterable[Document]) -> tuple[Document, ...]:
    return tuple(unique_ids(documents))


def unique_ids(records: Iterable[Document | ReadFailure], *,
               warned: set[str] | None = None) -> Iterator[Document | ReadFailure]:
    """Ids must be unique for outputs to be joined back to inputs: a repeated id gets ``~2``, ``~3``…
    (a stream: it keeps only the ids seen). A warning already in ``warned`` is not logged again (passes)."""
    seen: dict[str, int] = {}
    for record in records:
        count = seen.get(record.id, 0) + 1
        seen[record.id] = count
        if count > 1:
            new_id = f"{record.id}~{count}"
            if isinstance(record, Document):
                message = f"id {record.id!r} appears more than once; the copy from {record.source} is renamed {new_id!r}"
                if warned is None or message not in warned:
                    logger.warning("%s", message)
                    if warned is not None:
                        warned.add(message)
                record = replace(record, id=new_id)
            else:
                record = ReadFailure(new_id, record.title, record.source, record.error)
        yield record
