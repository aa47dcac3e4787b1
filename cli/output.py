"""Writing results: one writer per format (table for people; JSON, JSONL and CSV for programs).

stdout carries results only; with ``output`` the text goes through :func:`tiyao.files.atomic_writer` (a unique
temporary file beside the target renamed over it when complete, the mode of the file kept, symlinks written
through, devices and FIFOs written directly), so a failed or interrupted run never leaves half a file. The
format is ``--format``, else ``-o``'s extension, else the table. File names that are not UTF-8 and control
characters are escaped where they would break the output or a terminal.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, TextIO, TypeVar

from rich.console import Console, RenderableType

from tiyao.errors import OutputError
from tiyao.files import atomic_writer, write_target

from .errors import warn
from .safe_text import escape_names, terminal_records, terminal_safe

E = TypeVar("E", bound=Enum)
#: Extensions the reader takes from a folder: an output there would be read back as an input.
READ_EXTENSIONS = {".md", ".markdown", ".mdown", ".txt", ".text", ".jsonl", ".ndjson", ".json", ".csv", ".tsv",
                   ".html", ".htm"}


def _json_escapes(error: UnicodeError) -> tuple[str, int]:
    """An encode error handler for JSON written to a terminal whose encoding cannot show everything: JSON's own
    escapes (``\\u00e9``, a surrogate pair above U+FFFF), so the text stays valid JSON where backslashreplace's
    ``\\xe9`` and ``\\U0001f600`` would not."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return json.dumps(error.object[error.start:error.end])[1:-1], error.end


codecs.register_error("tiyao-json-escapes", _json_escapes)


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def to_json(value: Any) -> str:
    """JSON with Chinese as is and key order as given (dataclass/field order), so outputs diff cleanly."""
    return json.dumps(value, ensure_ascii=False, indent=2)


def to_jsonl(records: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def to_csv(rows: Sequence[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return buffer.getvalue()


def stdout_console() -> Console:
    return Console(soft_wrap=False, highlight=False, markup=False, emoji=False)


def render(renderable: RenderableType, width: int | None = None, encoding: str = "utf-8") -> str:
    """A rich renderable as plain text (for ``-o FILE`` and pipes with the table format), without the spaces
    rich pads each line with; for a non-UTF ``encoding``, drawn with ASCII boxes."""
    canvas = _Canvas(encoding)
    console = Console(file=canvas, width=width or 100, color_system=None, highlight=False, markup=False,
                      emoji=False)
    console.print(renderable)
    return "".join(line.rstrip() + "\n" for line in canvas.getvalue().splitlines())


class _Canvas(io.StringIO):
    """A string buffer that tells rich which encoding the text is for (rich draws ASCII boxes unless UTF)."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


# -- where the output goes ---------------------------------------------------------------------------------

#: The format an output file's extension asks for.
EXTENSION_FORMATS = {".json": "json", ".jsonl": "jsonl", ".csv": "csv", ".md": "md", ".html": "html",
                     ".htm": "html", ".txt": "table"}
UTF8_BOM = "\ufeff"


@dataclass(frozen=True)
class OutputTarget:
    """What a command's ``--format``, ``--output`` and ``--bom`` ask for."""

    format: OutputFormat | None = None  # None: from the path's extension (:func:`choose_format`)
    path: Path | None = None  # None: stdout
    bom: bool = True  # CSV written to a file starts with a UTF-8 BOM


def choose_format(fmt: E | None, output: Path | None, choices: type[E], *, quiet: bool = False) -> E:
    """The format to write: ``--format`` when given, else the one ``-o``'s extension names, else the table.

    A ``--format`` that contradicts the extension is written as asked, with a warning; an extension this command
    has no format for gives the table, with a warning (none when ``quiet``)."""
    if quiet:
        return _format_of(fmt, output, choices)
    return _format_of(fmt, output, choices, warn)


def _format_of(fmt: E | None, output: Path | None, choices: type[E],
               warn: Callable[[str], None] = lambda message: None) -> E:
    wanted = EXTENSION_FORMATS.get(output.suffix.lower()) if output is not None else None
    known = {choice.value for choice in choices}
    if fmt is not None:
        if wanted is not None and wanted != fmt.value:
            warn(f"--format {fmt.value} contradicts the extension of {output}; writing {fmt.value}")
        return fmt
    if wanted is None:
        return choices("table")
    if wanted not in known:
        warn(f"this command has no {wanted} output; writing the table to {output}")
        return choices("table")
    return choices(wanted)


def check_output_path(output: Path | None, inputs: Sequence[str] = ()) -> None:
    """Fail before any work is done when ``output`` cannot be written, or is one of the ``inputs`` (the same
    file, also through a symlink or a hard link, or a file inside an input folder that would be read)."""
    if output is None:
        if sys.stdout is None:
            raise OutputError("standard output is closed", hint="Give an output file with -o FILE.")
        return
    target, _ = write_target(output)
    if target.exists():
        if not os.access(target, os.W_OK):
            raise OutputError(f"cannot write {output}: permission denied", hint="Choose a path you can write to.")
        if target.is_file():
            _refuse_input(output, target, inputs)
    elif not os.access(target.parent, os.W_OK):
        raise OutputError(f"cannot write {output}: permission denied", hint="Choose a path you can write to.")


def _refuse_input(output: Path, target: Path, inputs: Sequence[str]) -> None:
    written = target.stat()
    for given in inputs:
        if given == "-":
            continue
        try:
            source = Path(given).stat()
        except OSError:
            continue
        same = (source.st_dev, source.st_ino) == (written.st_dev, written.st_ino)
        inside = os.path.isdir(given) and target.suffix.lower() in READ_EXTENSIONS \
            and target.is_relative_to(os.path.realpath(given)) and not _is_tiyao_report(target)
        if same or inside:
            raise OutputError(f"-o {output} would overwrite an input, {given if same else target}",
                              hint="Write the output somewhere else.")


def _is_tiyao_report(path: Path) -> bool:
    """Whether ``path`` holds a report tiyao wrote (which the reader skips in a folder, so replacing it replaces
    no input)."""
    from tiyao.corpus import tiyao_report

    formats = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv",
               ".html": "html", ".htm": "html"}
    try:
        with path.open("rb") as handle:
            data = handle.read(64 << 20)
    except OSError:
        return False
    return tiyao_report(data.decode("utf-8", errors="replace"), formats.get(path.suffix.lower())) is not None


def _stdout() -> TextIO:
    if sys.stdout is None:
        raise OutputError("standard output is closed", hint="Give an output file with -o FILE.")
    return sys.stdout


def write_text(text: str, output: Path | None, *, json_text: bool = False, bom: bool = False) -> None:
    """Write to stdout, or atomically to ``output`` (see :mod:`tiyao.files`); a BOM only ever goes to a file."""
    write_stream([text], output, json_text=json_text, bom=bom)


def write_stream(lines: Iterable[str], output: Path | None, *, json_text: bool = False, bom: bool = False) -> None:
    """Write lines as they come: to stdout, or to a temporary file renamed over ``output`` at the end.

    Text is UTF-8 whatever the locale says (machine formats are UTF-8); non-UTF-8 file-name bytes are escaped
    (:func:`escape_names`), and on a terminal control characters are too."""
    if output is None:
        stream = _stdout()
        buffer = getattr(stream, "buffer", None)
        on_terminal = stream.isatty()
        # a terminal gets its own encoding (what it cannot show escaped); files and pipes always get UTF-8
        encoding = (getattr(stream, "encoding", None) or "utf-8") if on_terminal else "utf-8"
        stream.flush()
        for line in lines:
            line = terminal_safe(line) if on_terminal else escape_names(line, json_text=json_text)
            if buffer is None:
                stream.write(line)
            else:
                buffer.write(line.encode(encoding, errors="tiyao-json-escapes" if json_text else "backslashreplace"))
        if buffer is not None:
            buffer.flush()
        return
    with atomic_writer(output) as handle:
        if bom:
            handle.write(UTF8_BOM)
        for line in lines:
            handle.write(escape_names(line, json_text=json_text))


def print_table(renderable: RenderableType, output: Path | None = None, width: int | None = None) -> None:
    """A table (rich renderable) for people: drawn on a terminal; plain, without trailing padding, in a pipe or
    a file. On stdout it is written in stdout's encoding (``PYTHONIOENCODING=ascii``: ASCII boxes, and what the
    encoding cannot show escaped, as ``\\u4e2d``)."""
    if output is not None:
        write_text(render(renderable, width=width), output)
        return
    stream = _stdout()
    if stream.isatty():
        stdout_console().print(renderable)
        return
    encoding = getattr(stream, "encoding", None) or "utf-8"
    text = terminal_safe(render(renderable, width=width or stdout_console().width, encoding=encoding))
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(text)
        return
    stream.flush()
    buffer.write(text.encode(encoding, errors="backslashreplace"))
    buffer.flush()


def csv_lines(rows: Iterable[dict[str, Any]], fields: Sequence[str]) -> Iterator[str]:
    """CSV text a row at a time (header first)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()


def write_records(
    records: Sequence[dict[str, Any]],
    target: OutputTarget,
    *,
    table: Callable[[Sequence[dict[str, Any]]], RenderableType] | None = None,
    csv_row: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    json_document: Any = None,
) -> None:
    """Write per-article ``records`` as ``target`` asks.

    ``table`` renders the records for people; ``csv_row`` flattens one record to a CSV row (default: the record,
    with lists joined by " | "); ``json_document`` replaces the plain list for ``--format json``. The format is
    ``target.format``, else from ``target.path``'s extension (:func:`choose_format`).
    """
    output = target.path
    fmt = choose_format(target.format, output, OutputFormat)
    if fmt is OutputFormat.json:
        write_text(to_json(records if json_document is None else json_document) + "\n", output, json_text=True)
    elif fmt is OutputFormat.jsonl:
        write_text(to_jsonl(records), output, json_text=True)
    elif fmt is OutputFormat.csv:
        flatten = csv_row or _flat_row
        write_text(to_csv([flatten(record) for record in records]), output, bom=target.bom)
    else:
        shown = terminal_records(list(records))
        print_table(table(shown) if table is not None else to_json(shown), output)


def _flat_row(record: dict[str, Any]) -> dict[str, Any]:
    return {key: " | ".join(map(str, value)) if isinstance(value, (list, tuple)) else value
            for key, value in record.items()}
