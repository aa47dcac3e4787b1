"""The docstring examples of the package are tests (conftest.py at the top of the repository collects them from
nlp/ and cli/ through pyproject's testpaths): every file with an example is collected, under its installed name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_module_with_docstring_examples_is_collected_under_its_installed_name():
    with_examples = sorted(str(path.relative_to(ROOT)) for folder in ("nlp", "cli")
                           for path in (ROOT / folder).rglob("*.py") if ">>>" in path.read_text(encoding="utf-8"))
    assert "nlp/keyterms/tfidf.py" in with_examples
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    collected = [line for line in done.stdout.splitlines() if line.startswith(("nlp/", "cli/"))]
    assert sorted({line.split("::")[0] for line in collected}) == with_examples
    assert "nlp/keyterms/tfidf.py::tiyao.keyterms.tfidf.TfidfKeywords" in collected
