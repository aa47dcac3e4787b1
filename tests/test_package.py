"""The installed package is ``tiyao`` and nothing else: no top-level ``nlp`` or ``cli`` for other packages to clash with."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import re
from importlib import metadata
from pathlib import Path

import tiyao

ROOT = Path(__file__).resolve().parents[1]


def test_the_distribution_installs_only_the_tiyao_package():
    dist = metadata.distribution("tiyao")
    top_level = (dist.read_text("top_level.txt") or "").split()
    assert top_level == ["tiyao"]
    assert [ep.value for ep in dist.entry_points if ep.name == "tiyao"] == ["tiyao.cli:main"]


def test_version_is_the_one_in_pyproject():
    version = re.search(r'^version = "([^"]+)"$', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    assert tiyao.__version__ == version.group(1) == metadata.version("tiyao")


def test_code_and_tests_import_tiyao_never_nlp_or_cli():
    offenders = []
    for folder in ("nlp", "cli", "tests", "benchmarks"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
                    [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else []
                offenders += [f"{path.relative_to(ROOT)}: {name}" for name in names
                              if name.split(".")[0] in ("nlp", "cli")]
    assert offenders == []


def test_a_users_own_nlp_and_cli_folders_do_not_shadow_tiyao(tmp_path):
    for name in ("nlp", "cli"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text("raise ImportError('the user\\'s own package')\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", "from tiyao.cli.main import main; import sys; "
                             "sys.argv = ['tiyao', 'corpus', sys.argv[1]]; main()", str(ROOT / "seeds")],
                            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "xiji-town-2013.md" in result.stdout


def test_every_module_the_package_imports_is_one_it_declares():
    """A module imported by tiyao's code and installed only as another package's dependency (click, which typer
    once brought and now vendors) works in the dev venv and fails on a user's fresh `pip install .`."""
    declared = {re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")
                for requirement in metadata.requires("tiyao") or ()}
    owners = metadata.packages_distributions()
    undeclared = set()
    for folder in ("nlp", "cli"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top in sys.stdlib_module_names or top == "tiyao":
                        continue
                    dists = {d.lower().replace("_", "-") for d in owners.get(top, [top])}
                    if not dists & declared:
                        undeclared.add(f"{path.relative_to(ROOT)}: {top}")
    assert not undeclared, sorted(undeclared)
