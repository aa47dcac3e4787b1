"""Writing one benchmark's section of ``benchmarks/RESULTS.md`` without touching the others'.

Each benchmark owns the text between ``<!-- begin NAME -->`` and ``<!-- end NAME -->``; sections are kept in
the order they were first written.
"""

from __future__ import annotations

import platform
import re
import shlex
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADER = "# Benchmark results\n\nEach section was written by the command shown in it; peers are measured in the same run.\n"


def command_line() -> str:
    """The command that is running, as a user would type it from the project's top folder."""
    script = Path(sys.argv[0])
    try:
        script = script.resolve().relative_to(Path.cwd())
    except ValueError:
        pass
    return " ".join(["python", shlex.quote(str(script)), *map(shlex.quote, sys.argv[1:])])


def machine() -> str:
    import os

    return f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}"


def write_section(name: str, markdown: str) -> None:
    """Replace (or add) the section ``name`` of RESULTS.md with ``markdown``, stamped with the command."""
    body = f"<!-- begin {name} -->\n{markdown.rstrip()}\n\nProduced by `{command_line()}` ({machine()}).\n<!-- end {name} -->"
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else HEADER
    pattern = re.compile(rf"<!-- begin {re.escape(name)} -->.*?<!-- end {re.escape(name)} -->", re.S)
    text = pattern.sub(lambda _: body, text) if pattern.search(text) else text.rstrip() + "\n\n" + body + "\n"
    RESULTS.write_text(text, encoding="utf-8")
