"""Reading a corpus: files, folders, several paths or stdin, in Markdown/plain text, JSONL, JSON or CSV.

Text files (``.md``, ``.txt`` and anything not named below): a ``#`` or ``##`` heading starts an article and is its
title. When a file has two or more ``#`` headings, those start articles and deeper headings are sub-headings;
otherwise ``##`` headings start articles and a lone ``#`` heading with no text under it is the file's title and
is skipped. A file without such headings is one article; its title is its first line when that line is short
(at most 40 characters), has no sentence end mark and more text follows (a headline), else the file's name
without extension. Article ids are ``<file>#<n>`` (n from 1) for files holding several articles and ``<file>`` for
one-article files, where ``<file>`` is the path relative to the folder given (or the file name).

Records (``.jsonl``/``.ndjson``, ``.json`` (a list of records), ``.csv``/``.tsv``): the text, title and id come
from the fields named by ``ReadOptions`` (``text``, ``title``, ``id`` by default); a record without an id gets
``<file>:<line>``. A record that cannot be used (broken JSON, no text field) becomes a :class:`ReadFailure` with
its line number; the other records are still read.

Saved web pages (``.html``, ``.htm``, ``.xhtml``, ``.shtml``, or ``input_format="html"``; stdin that starts like
HTML): one page is one article, read by :mod:`tiyao.webpage` (main text, headline, date, author, source, address);
a page without an article (a list page, search results, an empty shell) is a :class:`ReadFailure` saying so. The
folder a browser saves beside a page (``page_files/``: its images, scripts, styles and frames) is not read.

Folders are read recursively in sorted path order; hidden files are ignored, and binary files (images, PDFs,
archives) and files with no text (empty, or white space only) are skipped with a warning. In a folder, a file
that cannot be read or decoded, or a JSON/CSV file that cannot be parsed, becomes a :class:`ReadFailure` naming
it, and the other files are still read; a file named on its own raises :class:`~tiyao.errors.InputError` instead.
Every text goes through :mod:`tiyao.clean`; a record whose text is empty after cleaning is a :class:`ReadFailure`.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .clean import clean_article, clean_line, ends_sentence, heading_of, replace_surrogates, strip_html
from .encoding import binary_kind, decode_bytes
from .errors import ConfigError, InputError
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
#: Longest first line still taken for a headline in a file without headings.
TITLE_MAX_CHARS = 40


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read input: forced encoding and format, and the record fields to use."""

    encoding: str | None = None
    input_format: str = "auto"
    id_field: str = "id"
    title_field: str = "title"
    text_field: str = "text"

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
        A path that does not exist, a file that cannot be read or decoded, or no article at all.
    """
    documents: list[Document] = []
    failures: list[ReadFailure] = []
    for item in iter_records(paths, options, stdin=stdin):
        (documents if isinstance(item, Document) else failures).append(item)
        if progress is not None:
            progress("read", len(documents) + len(failures), 0)
    if not documents and not failures:
        where = ", ".join("stdin" if str(p) == STDIN else str(p) for p in paths) or "the input"
        raise InputError(f"no articles found in {where}",
                         hint="Give Markdown/text files, or JSONL/JSON/CSV records with a text field.")
    return Corpus(_unique_ids(documents), tuple(failures))


def iter_records(
    paths: Sequence[str | os.PathLike[str]],
    options: ReadOptions = ReadOptions(),
    *,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | ReadFailure]:
    """Yield the articles (and unreadable records) under ``paths`` one at a time, in input order.

    Paths are checked before anything is read, so a missing path fails fast.
    """
    options.validate()
    if isinstance(paths, (str, os.PathLike)):
        raise ConfigError("a sequence of paths is expected, not a single path; wrap it in a list")
    for path in paths:
        if str(path) != STDIN and looks_like_text(path):
            shown = str(path) if len(str(path)) <= 30 else str(path)[:30] + "…"
            raise InputError(f"{shown!r} is not a file or folder; it looks like the text of an article",
                             hint="Paths are expected here. In Python give texts as tiyao.run(texts=[...]) "
                                  "(or tiyao.keywords(text), tiyao.summarize(text)); on the command line pipe "
                                  "text in: echo '…' | tiyao run -")
        if str(path) != STDIN and not Path(path).exists():
            raise InputError(f"no such file or folder: {path}", hint="Check the path.")
    for path in paths:
        if str(path) == STDIN:
            data = (stdin or sys.stdin.buffer).read()
            kind = binary_kind(data)
            if kind is not None:
                raise InputError(f"stdin is {kind}, not text", hint="Pipe text, Markdown, JSONL, JSON or CSV in.")
            yield from _read_bytes(data, "<stdin>", "stdin", options, explicit=True)
            continue
        path = Path(path)
        if path.is_dir():
            files = sorted(_walk(path))
            found = False
            for file in files:
                for item in _read_file(file, file.relative_to(path).as_posix(), options, explicit=False):
                    found = True
                    yield item
            if not found:
                raise InputError(f"no readable articles in folder {path}",
                                 hint="tiyao reads .md, .txt, .jsonl, .json, .csv and .html files.")
        else:
            yield from _read_file(path, path.name, options, explicit=True)


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"]
        for name in files:
            if not name.startswith("."):
                yield Path(root) / name


def _read_file(path: Path, name: str, options: ReadOptions, *, explicit: bool) -> Iterator[Document | ReadFailure]:
    """The articles of one file. In a folder (not ``explicit``) a file that cannot be read is a ReadFailure."""
    try:
        yield from _read_one_file(path, name, options, explicit=explicit)
    except InputError as error:
        if explicit:
            raise
        hint = f"; {error.hint[0].lower()}{error.hint[1:]}" if error.hint else ""
        yield ReadFailure(name, "", str(path), f"{error.message}{hint}")


def _read_one_file(
    path: Path, name: str, options: ReadOptions, *, explicit: bool
) -> Iterator[Document | ReadFailure]:
    if not explicit and is_page_resource(path, name.count("/")):
        logger.debug("skipped %s: part of a saved web page, not an article", path)
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}",
                         hint="Check that the file exists and is readable.") from None
    kind = binary_kind(data)
    if kind is not None:
        if explicit:
            raise InputError(f"{path} is {kind}, not text", hint="Give text, Markdown, JSONL, JSON or CSV files.")
        logger.warning("skipped %s: it is %s, not text", path, kind)
        return
    fmt = options.input_format if options.input_format != "auto" else _EXTENSIONS.get(path.suffix.lower())
    if fmt is None and not explicit and path.suffix:
        logger.warning("skipped %s: unknown file type %r", path, path.suffix)
        return
    yield from _read_bytes(data, str(path), name, options, explicit=explicit, fmt=fmt)


def _read_bytes(
    data: bytes, source: str, name: str, options: ReadOptions, *, explicit: bool, fmt: str | None = None
) -> Iterator[Document | ReadFailure]:
    if fmt == "html" or (fmt is None and options.input_format == "html"):
        if data.strip():
            yield _web_page(data, source, name, options)
        elif source != "<stdin>":
            logger.warning("skipped %s: %s", source, "it is empty" if not data else "it has no text, only white space")
        return
    text = decode_bytes(data, source, options.encoding)
    if not text.strip():
        if source != "<stdin>":
            logger.warning("skipped %s: %s", source, "it is empty" if not data else "it has no text, only white space")
        return
    if fmt is None:
        fmt = options.input_format if options.input_format != "auto" else _sniff(text)
    if fmt == "html":
        yield _web_page(data, source, name, options)
    elif fmt == "jsonl":
        yield from _jsonl_records(text, source, name, options)
    elif fmt == "json":
        yield from _json_records(text, source, name, options)
    elif fmt in ("csv", "tsv"):
        yield from _csv_records(text, source, name, options, delimiter="\t" if fmt == "tsv" else ",")
    else:
        yield from text_articles(text, source, name)


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
    headline-like first line is the title (as for a file without headings), else the title is empty.

    >>> document_from_text("今天北京下雨了\\n北京今天下了一场大雨。", "a").title
    '今天北京下雨了'
    """
    lines = text.splitlines()
    if title is None:
        title, lines = _title_from_lines(lines, "")
    cleaned = clean_article(lines)
    return Document(doc_id, clean_line(title), cleaned.text, source, cleaned.headings)


# -- Markdown and plain text ---------------------------------------------------------------------------------

def text_articles(text: str, source: str, name: str) -> Iterator[Document]:
    """Cut a Markdown/plain text into articles at its ``#``/``##`` headings (see the module docstring)."""
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
    articles = []
    for title, body in sections:
        if not any(line.strip() for line in body):
            continue  # a heading with nothing under it (a file title), or an empty preamble
        if title is None:
            title, body = _title_from_lines(body, name)
        cleaned = clean_article(body)
        if cleaned.text:
            articles.append((title, cleaned))
    for number, (title, cleaned) in enumerate(articles, 1):
        doc_id = f"{name}#{number}" if len(articles) > 1 else name
        yield Document(doc_id, title, cleaned.text, source, cleaned.headings)


def _title_from_lines(lines: list[str], name: str) -> tuple[str, list[str]]:
    """A headline-like first line becomes the title; else the file name (without extension)."""
    stripped = [line for line in lines if line.strip()]
    first = clean_line(strip_html(stripped[0]).replace("\n", " ")) if stripped else ""
    if 0 < len(first) <= TITLE_MAX_CHARS and not ends_sentence(first) and first[-1] not in "，,；;：:、" \
            and len(stripped) > 1:
        index = lines.index(stripped[0])
        return first, lines[index + 1:]
    stem = name.rsplit("/", 1)[-1]
    return (stem.rsplit(".", 1)[0] if "." in stem else stem), lines


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
    if text is None:
        fields = ", ".join(sorted(map(str, record))) or "none"
        return ReadFailure(doc_id, title, where,
                           f"{where}: record has no {options.text_field!r} field (fields: {fields}); "
                           "name the text field with --text-field")
    if not isinstance(text, str):
        return ReadFailure(doc_id, title, where,
                           f"{where}: field {options.text_field!r} is {type(text).__name__}, not text")
    cleaned = clean_article(text.splitlines())
    if not cleaned.text:
        return ReadFailure(doc_id, title, where, f"{where}: the {options.text_field!r} field is empty"
                           + (" after cleaning" if text.strip() else "") + "; give the record a text or remove it")
    return Document(doc_id, title, cleaned.text, source, cleaned.headings)


def _jsonl_records(text: str, source: str, name: str, options: ReadOptions) -> Iterator[Document | ReadFailure]:
    # Only "\n" ends a record: str.splitlines would also split at U+2028 and other separators that JSON allows
    # raw inside strings (json.dumps(..., ensure_ascii=False) writes them as they are).
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{source}, line {lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield ReadFailure(f"{name}:{lineno}", "", where,
                              f"{where}: broken JSON ({error.msg}, column {error.colno}); fix or remove that line")
            continue
        yield _record(record, where, f"{name}:{lineno}", source, options)


def _json_records(text: str, source: str, name: str, options: ReadOptions) -> Iterator[Document | ReadFailure]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{source}: broken JSON at line {error.lineno}, column {error.colno}: {error.msg}",
                         hint="A .json file must hold one list of records; use .jsonl for one record per line.") \
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
        yield _record(record, f"{source}, record {number}", f"{name}:{number}", source, options)


def _csv_records(
    text: str, source: str, name: str, options: ReadOptions, *, delimiter: str
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
        yield _record(row, f"{source}, line {start}", f"{name}:{start}", source, options)


def _unique_ids(documents: Iterable[Document]) -> tuple[Document, ...]:
    return tuple(unique_ids(documents))


def unique_ids(records: Iterable[Document | ReadFailure]) -> Iterator[Document | ReadFailure]:
    """Ids must be unique for outputs to be joined back to inputs: a repeated id gets ``~2``, ``~3``…
    (a stream: it keeps only the ids seen)."""
    seen: dict[str, int] = {}
    for record in records:
        count = seen.get(record.id, 0) + 1
        seen[record.id] = count
        if count > 1:
            new_id = f"{record.id}~{count}"
            if isinstance(record, Document):
                logger.warning("id %r appears more than once; the copy from %s is renamed %r",
                               record.id, record.source, new_id)
                record = Document(new_id, record.title, record.text, record.source, record.headings)
            else:
                record = ReadFailure(new_id, record.title, record.source, record.error)
        yield record


