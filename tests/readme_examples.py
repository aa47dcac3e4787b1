"""The README's console examples: each ``$ tiyao …`` block is run and its output compared with the README.

``python -m tests.readme_examples`` rewrites the blocks with the real output (run it after a change that moves
the output, read the diff, commit). The tests in ``test_docs.py`` fail when a block and the real output differ.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
#: A console block whose first line is a tiyao command; the rest of the block is its output.
EXAMPLE = re.compile(r"(```console\n\$ (tiyao[^\n]*)\n)(.*?)(```)", re.S)
WIDTH = "80"


def examples(text: str) -> list[tuple[str, str]]:
    """(command, output shown) for each example in the README text."""
    return [(m.group(2), m.group(3)) for m in EXAMPLE.finditer(text)]


def run_example(command: str) -> str:
    """The command's real stdout as a user at an 80-column terminal would see it (trailing spaces dropped)."""
    from typer.testing import CliRunner

    from tiyao.cli.main import app

    args = shlex.split(command)[1:]
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, args, env={"COLUMNS": WIDTH, "NO_COLOR": "1"})
    finally:
        os.chdir(cwd)
    if result.exit_code not in (0, 1):
        raise RuntimeError(f"{command} exited with {result.exit_code}: {result.stderr}")
    return "".join(line.rstrip() + "\n" for line in result.stdout.splitlines())


def update() -> None:
    text = README.read_text(encoding="utf-8")

    def replace(match: re.Match[str]) -> str:
        return match.group(1) + run_example(match.group(2)) + match.group(4)

    README.write_text(EXAMPLE.sub(replace, text), encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    update()
