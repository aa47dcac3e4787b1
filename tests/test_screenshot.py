"""The README's screenshot is of the current report (issue 14, item 6): docs/screenshot.py makes it and records
the SHA-256 of the HTML it shows in the PNG; here that digest is checked against today's report of seeds/."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys

import pytest

from tiyao.config import PipelineConfig
from tiyao.pipeline import run
from tiyao.report_html import render_html

from .conftest import ROOT


def _script():
    spec = importlib.util.spec_from_file_location("screenshot", ROOT / "docs" / "screenshot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


screenshot = _script()


def test_readme_shows_the_screenshot_and_names_its_script():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/report-screenshot.png)" in readme
    assert "python docs/screenshot.py" in readme


def test_the_screenshot_is_of_the_current_report():
    png = screenshot.SCREENSHOT.read_bytes()
    assert png.startswith(screenshot.PNG_SIGNATURE)
    assert screenshot.png_size(png) == screenshot.SIZE
    html = render_html(run([ROOT / "seeds"], PipelineConfig()))
    recorded = screenshot.text_chunks(png).get(screenshot.KEY)
    assert recorded == screenshot.html_digest(html), \
        "docs/report-screenshot.png shows an older report: run python docs/screenshot.py and commit the PNG"


def test_text_chunk_round_trip():
    png = screenshot.SCREENSHOT.read_bytes()
    again = screenshot.with_text_chunk(png, "other", "值".encode("utf-8").hex())
    assert screenshot.text_chunks(again)["other"] == "值".encode("utf-8").hex()
    assert screenshot.text_chunks(again)[screenshot.KEY] == screenshot.text_chunks(png)[screenshot.KEY]
    with pytest.raises(ValueError):
        screenshot.with_text_chunk(b"GIF89a", "k", "v")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which(screenshot.CHROMIUM) is None, reason="headless Chromium not installed")
def test_the_script_makes_a_screenshot(tmp_path):
    out = tmp_path / "shot.png"
    done = subprocess.run([sys.executable, str(ROOT / "docs" / "screenshot.py"), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    if done.returncode == 2 and "font" in done.stderr:
        pytest.skip("no Chinese font installed")
    assert done.returncode == 0, done.stderr
    png = out.read_bytes()
    assert screenshot.png_size(png) == screenshot.SIZE
    assert screenshot.text_chunks(png)[screenshot.KEY] == \
        screenshot.text_chunks(screenshot.SCREENSHOT.read_bytes())[screenshot.KEY]
