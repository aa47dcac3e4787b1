"""Help is fast (issue 14, item 6): no command's --help imports NumPy, SciPy, scikit-learn or jieba (they are
imported when a step runs). The time itself is measured by ``benchmarks/speed.py --help-only``, not here."""

from __future__ import annotations

import subprocess
import sys
import tempfile

import pytest

COMMANDS = ["", "run", "fit", "corpus", "segment", "summarize", "keywords", "words", "cluster", "idf", "idf build"]
HEAVY = ("numpy", "scipy", "sklearn", "jieba")
SCRIPT = ("import sys, runpy\n"
          "sys.argv = ['tiyao', *sys.argv[1:]]\n"
          "try:\n    runpy.run_module('tiyao.cli.main', run_name='__main__')\n"
          "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
          f"print('HEAVY:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))\n")


@pytest.mark.parametrize("command", COMMANDS)
def test_help_imports_no_heavy_library(command):
    done = subprocess.run([sys.executable, "-c", SCRIPT, *command.split(), "--help"], capture_output=True,
                          text=True, cwd=tempfile.gettempdir(), timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Usage" in done.stdout
    assert done.stdout.rstrip().endswith("HEAVY:"), done.stdout.splitlines()[-1]


def test_import_tiyao_is_light_and_the_steps_still_load():
    code = ("import sys, tiyao\n"
            f"assert not [m for m in {HEAVY!r} if m in sys.modules], sys.modules.keys()\n"
            "print([k.term for k in tiyao.keywords('两非两非。打击两非。两非行为要打击。', k=1)])\n"
            "from tiyao.segment import Segmenter\n"
            "assert ('rjieba' if Segmenter().engine == 'rjieba' else 'jieba') in sys.modules\n"
            # with rjieba cutting, jieba's dictionary and IDF table are read from its files, its code is not loaded
            "assert ('jieba' in sys.modules) == (Segmenter().engine == 'jieba')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tempfile.gettempdir(),
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no pkg_resources warning from jieba either
    assert done.stdout.strip() == "['两非']"
