"""The docstring examples of the package run as tests: every module in nlp/ and cli/ (pyproject's ``testpaths``).

Why not pytest's ``--doctest-modules``: it imports a collected file under the name its folders give it, so
``nlp/idf.py`` would load a second copy of the module as ``nlp.idf`` beside the ``tiyao.idf`` an example imports
(``from tiyao import ...``), and the two copies' classes differ (an ``isinstance`` in one copy fails on the other's
objects); in CI, where the package is installed rather than edited in place, the folder and the installed module
are not even the same file. So each file here is mapped to the module the package installs it as (``nlp/`` ->
``tiyao``, ``cli/`` -> ``tiyao.cli``), that module is imported as users import it, and its examples are found and
run by the standard library's :mod:`doctest`, one test per docstring, with pytest's usual report on failure.
"""

from __future__ import annotations

import doctest
import importlib
import os
from pathlib import Path

import pytest

#: Each folder of the repository that the package installs, and the package name it installs it as.
PACKAGE_FOLDERS = {"nlp": "tiyao", "cli": "tiyao.cli"}
ROOT = Path(__file__).resolve().parent
OPTIONS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def installed_name(path: Path) -> str | None:
    """``tiyao.keyterms.tfidf`` for ``nlp/keyterms/tfidf.py``; None for a file outside the package's folders."""
    try:
        relative = path.resolve().relative_to(ROOT)
    except ValueError:
        return None
    if relative.suffix != ".py" or relative.parts[0] not in PACKAGE_FOLDERS:
        return None
    parts = [PACKAGE_FOLDERS[relative.parts[0]], *relative.with_suffix("").parts[1:]]
    if parts[-1] == "__init__":
        parts.pop()
    elif parts[-1] == "__main__":
        return None  # running it is the command line itself
    return ".".join(parts)


def in_package_folders(path: Path) -> bool:
    try:
        return path.resolve().relative_to(ROOT).parts[:1] in {(folder,) for folder in PACKAGE_FOLDERS}
    except ValueError:
        return False


def pytest_collect_directory(path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    # a plain folder, not a Python package: pytest would import nlp/__init__.py as a package named ``nlp``
    # (a second copy of the library) to look for set-up functions
    return pytest.Dir.from_parent(parent, path=path) if in_package_folders(path) else None


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    name = installed_name(file_path)
    return DocstringExamples.from_parent(parent, path=file_path, module_name=name) if name else None


class DocstringExamples(pytest.File):
    """The docstring examples of one module of the package, imported by its installed name."""

    def __init__(self, *, module_name: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.module_name = module_name

    def collect(self):
        module = importlib.import_module(self.module_name)
        for test in sorted(doctest.DocTestFinder().find(module, self.module_name), key=lambda t: t.name):
            if test.examples:
                yield DocstringExample.from_parent(self, name=test.name, test=test)


class DocstringExample(pytest.Item):
    """One docstring's examples: they fail as a whole, with doctest's report of the first wrong one."""

    def __init__(self, *, test: doctest.DocTest, **kwargs) -> None:
        super().__init__(**kwargs)
        self.test = test

    def runtest(self) -> None:
        report: list[str] = []
        runner = doctest.DocTestRunner(optionflags=OPTIONS | doctest.REPORT_ONLY_FIRST_FAILURE)
        cwd = os.getcwd()
        os.chdir(ROOT)  # examples read seeds/ as a user in the repository would
        try:
            runner.run(self.test, out=report.append, clear_globs=True)
        finally:
            os.chdir(cwd)
        if runner.failures:
            raise DocstringExampleFailed("".join(report))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style=None) -> str:
        if isinstance(excinfo.value, DocstringExampleFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        line = self.test.lineno + 1 if self.test.lineno is not None else None
        return self.path, line, f"[doctest] {self.name}"


class DocstringExampleFailed(AssertionError):
    """A docstring example gave another output than the one written under it (doctest's report is the message)."""
