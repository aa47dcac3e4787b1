"""Writing results: one writer per format (table for people; JSON, JSONL and CSV for programs).

stdout carries results only; with ``output`` the text goes to a temporary file beside the target that is renamed
over it when complete, so a failed or interrupted run never leaves half a file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

from rich.console import Console, RenderableType

from tiyao.errors import InputError


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


def render(renderable: RenderableType, width: int | None = None) -> str:
    """A rich renderable as plain text (for ``-o FILE`` with the table format)."""
    console = Console(file=io.StringIO(), width=width or 100, color_system=None, highlight=False, markup=False,
                      emoji=False)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def check_output_path(output: Path | None) -> None:
    """Fail before any work is done when ``output`` cannot be written."""
    if output is None:
        return
    folder = output.resolve().parent
    if not folder.is_dir():
        raise InputError(f"cannot write {output}: folder {folder} does not exist", hint="Create the folder first.")
    if not os.access(folder, os.W_OK) or (output.exists() and not os.access(output, os.W_OK)):
        raise InputError(f"cannot write {output}: permission denied", hint="Choose a path you can write to.")
    if output.is_dir():
        raise InputError(f"cannot write {output}: it is a folder", hint="Give a file name.")


def write_text(text: str, output: Path | None) -> None:
    """Write to stdout, or atomically to ``output``."""
    if output is None:
        stream = sys.stdout
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            stream.write(text)
        else:  # UTF-8 whatever the locale says, so Chinese never fails to print
            stream.flush()
            buffer.write(text.encode("utf-8"))
            buffer.flush()
        return
    folder = output.resolve().parent
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_stream(lines: Iterable[str], output: Path | None) -> None:
    """Write lines as they come: to stdout, or to a temporary file renamed over ``output`` at the end."""
    if output is None:
        stream = sys.stdout
        buffer = getattr(stream, "buffer", None)
        stream.flush()
        for line in lines:
            if buffer is None:
                stream.write(line)
            else:
                buffer.write(line.encode("utf-8"))
        if buffer is not None:
            buffer.flush()
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.resolve().parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            for line in lines:
                handle.write(line)
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
    fmt: OutputFormat,
    *,
    table: Callable[[Sequence[dict[str, Any]]], RenderableType] | None = None,
    csv_row: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    json_document: Any = None,
    output: Path | None = None,
) -> None:
    """Write per-article ``records`` in ``fmt``.

    ``table`` renders the records for people; ``csv_row`` flattens one record to a CSV row (default: the record,
    with lists joined by " | "); ``json_document`` replaces the plain list for ``--format json``.
    """
    if fmt is OutputFormat.json:
        write_text(to_json(records if json_document is None else json_document) + "\n", output)
    elif fmt is OutputFormat.jsonl:
        write_text(to_jsonl(records), output)
    elif fmt is OutputFormat.csv:
        flatten = csv_row or _flat_row
        write_text(to_csv([flatten(record) for record in records]), output)
    else:
        renderable = table(records) if table is not None else to_json(records)
        if output is None:
            stdout_console().print(renderable)
        else:
            write_text(render(renderable), output)


def _flat_row(record: dict[str, Any]) -> dict[str, Any]:
    return {key: " | ".join(map(str, value)) if isinstance(value, (list, tuple)) else value
            for key, value in record.items()}
