"""Open the HTML report in headless Chromium and check what the browser rendered.

Usage::

    python tests/browser/check_html.py [--report seed|pipeline|cli] [--screenshot out.png] [--size 1280,2000]

Renders a report (``seed``: the hand-made seed report of tests/builders.py, the default; ``pipeline``:
``tiyao.pipeline.run`` on seeds/; ``cli``: the file written by ``tiyao run seeds --format html -o FILE``, checked
against the pipeline's report), writes it to a temporary file, then runs Chromium twice on it: ``--dump-dom`` (the DOM after
layout, checked for the themes, keyword bars, highlighted summary sentences and the map's points) and
``--screenshot``. Chromium runs offline (no network features, a fresh profile). Exits 0 and prints
"chromium not installed: skipped" when /usr/bin/chromium is absent; exits 1 with the failed checks otherwise.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

CHROMIUM = os.environ.get("TIYAO_CHROMIUM", "/usr/bin/chromium")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--mute-audio", "--disable-extensions")
TIMEOUT = 120


def build_report(kind: str):
    if kind in ("pipeline", "cli"):
        from tiyao.config import PipelineConfig
        from tiyao.pipeline import run

        return run([ROOT / "seeds"], PipelineConfig())
    from tests.builders import make_seed_report

    return make_seed_report(failed=True)


def chromium(args: list[str], profile: str) -> subprocess.CompletedProcess[str]:
    command = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)


class _Census(HTMLParser):
    """Counts what the checks need in the dumped DOM: tags by class, the map's points (``class="pt"``, any
    shape), widths of bars, marks' text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.classes: dict[str, int] = {}
        self.circles = 0
        self.widths: list[float] = []
        self.marks: list[str] = []
        self._in_mark = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name in (attributes.get("class") or "").split():
            self.classes[f"{tag}.{name}"] = self.classes.get(f"{tag}.{name}", 0) + 1
        if "pt" in (attributes.get("class") or "").split():
            self.circles += 1
        width = re.fullmatch(r"width:\s*([0-9.]+)%", attributes.get("style") or "")
        if tag == "span" and width:
            self.widths.append(float(width.group(1)))
        if tag == "mark" and "hl" in (attributes.get("class") or "").split() and "data-sentence" in attributes:
            self._in_mark += 1
            self.marks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._in_mark:
            self._in_mark -= 1

    def handle_data(self, data: str) -> None:
        if self._in_mark:
            self.marks[-1] += data


def check_dom(dom: str, report) -> list[str]:
    """What is missing from the rendered DOM (empty when all is well)."""
    census = _Census()
    census.feed(dom)
    problems = []
    analysed = [r for r in report.documents if r.error is None]
    placed = sum(1 for x, y in report.coords if x == x and y == y)  # NaN != NaN: articles without a position
    if census.classes.get("section.theme", 0) < len(report.themes):
        problems.append(f"{census.classes.get('section.theme', 0)} theme sections for {len(report.themes)} themes")
    for position, theme in enumerate(report.themes, 1):
        if f'id="theme-{position}"' not in dom:
            problems.append(f"no section for theme {position}")
    n_keywords = sum(len(r.keywords) for r in analysed)
    if len(census.widths) != n_keywords or not all(0 < w <= 100 for w in census.widths):
        problems.append(f"{len(census.widths)} keyword bars for {n_keywords} keywords, widths {census.widths[:5]}…")
    for result in analysed:
        for sentence in result.summary:
            if sentence.text not in census.marks:
                problems.append(f"summary sentence of {result.id} not highlighted: {sentence.text[:20]}…")
        if result.title and result.title not in dom:
            problems.append(f"title missing: {result.title}")
    if census.circles != placed:
        problems.append(f"{census.circles} points on the map for {placed} placed articles")
    for result in report.failed:
        if result.error not in dom:
            problems.append(f"error of {result.id} not shown")
    return problems


def check_many_themes(n: int, tmp: Path) -> list[str]:
    """The seed report spread over ``n`` themes: every point drawn, and no two themes alike in the legend as the
    browser computes it (dot colour and clip-path shape)."""
    from tests.builders import make_seed_report, spread_over_themes
    from tiyao.report_html import render_html

    report = spread_over_themes(make_seed_report(), n)
    page = tmp / f"themes-{n}.html"
    page.write_text(render_html(report), encoding="utf-8")
    dumped = chromium(["--dump-dom", page.as_uri()], str(tmp / "profile-many"))
    if dumped.returncode != 0 or "<html" not in dumped.stdout:
        return [f"chromium --dump-dom failed on {n} themes (exit {dumped.returncode})"]
    problems = check_dom(dumped.stdout, report)
    looks = re.findall(r'<span class="dot (shape-[a-z-]+)" style="background:\s*(#[0-9A-Fa-f]{6})', dumped.stdout)
    if len(looks) != n or len(set(looks)) != n:
        problems.append(f"{n} themes: {len(set(looks))} distinct legend markers of {len(looks)}")
    return [f"{n} themes: {p}" for p in problems]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report", choices=("seed", "pipeline", "cli"), default="seed")
    parser.add_argument("--screenshot", type=Path, help="where to save the PNG (default: a temporary file)")
    parser.add_argument("--size", default="1280,2000", help="window size WIDTH,HEIGHT (default 1280,2000)")
    parser.add_argument("--html", type=Path, help="also keep the HTML file here")
    parser.add_argument("--themes", type=int, default=20,
                        help="also check the seed report spread over this many themes (default 20; 0: do not)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        print("chromium not installed: skipped")
        return 0

    from tiyao.report_html import render_html

    report = build_report(args.report)
    with tempfile.TemporaryDirectory(prefix="tiyao-browser-") as tmp:
        page = Path(tmp) / "report.html"
        if args.report == "cli":
            command = [sys.executable, "-c", "from tiyao.cli.main import main; main()",
                       "run", str(ROOT / "seeds"), "--format", "html", "-o", str(page)]
            done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=TIMEOUT, check=False)
            if done.returncode != 0 or not page.exists():
                print(f"tiyao run --format html failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
                return 1
            html = page.read_text(encoding="utf-8")
            if html != render_html(report):
                print("tiyao run --format html differs from render_html(tiyao.pipeline.run(seeds))")
                return 1
        else:
            html = render_html(report)
            page.write_text(html, encoding="utf-8")
        if args.html:
            args.html.write_text(html, encoding="utf-8")
        url = page.as_uri()
        dumped = chromium(["--dump-dom", url], str(Path(tmp) / "profile-dom"))
        if dumped.returncode != 0 or "<html" not in dumped.stdout:
            print(f"chromium --dump-dom failed (exit {dumped.returncode}):\n{dumped.stderr[-2000:]}")
            return 1
        problems = check_dom(dumped.stdout, report)
        shot = args.screenshot or Path(tmp) / "report.png"
        taken = chromium([f"--screenshot={shot.resolve()}", f"--window-size={args.size}", url],
                         str(Path(tmp) / "profile-shot"))
        if taken.returncode != 0 or not shot.exists() or shot.stat().st_size == 0:
            problems.append(f"no screenshot (exit {taken.returncode}): {taken.stderr[-1000:]}")
        if args.themes:
            problems += check_many_themes(args.themes, Path(tmp))
        if problems:
            print("HTML report check failed in Chromium:\n  " + "\n  ".join(problems))
            return 1
    n = len(report.documents)
    print(f"HTML report renders in Chromium: {len(report.themes)} themes, {n} articles, "
          f"{sum(len(r.keywords) for r in report.documents)} keyword bars, "
          f"{sum(len(r.summary) for r in report.documents)} highlighted sentences, map ok"
          + (f"; {args.themes} themes told apart" if args.themes else "")
          + (f"; screenshot {args.screenshot}" if args.screenshot else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
