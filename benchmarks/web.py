"""Benchmark: main text of saved web pages, ours against trafilatura, readability-lxml, GNE and tag stripping.

Every system reads the same decoded page (``tiyao.webpage.decode_page``: BOM, the page's declaration, detection)
and its text is scored by ``extract_score.py`` (Han-character bigrams against the hand-cleaned gold text, precision,
recall and F1 averaged over the gold pages; a page with no prediction scores 0), run in the same process as the
systems. Ours is what ``tiyao corpus PAGES --format jsonl --text`` writes (``tiyao.corpus.read_corpus`` and
``tiyao.export.export_record``). Peers: ``trafilatura.extract`` with its defaults, readability-lxml's
``Document.summary()`` as text, GNE's ``GeneralNewsExtractor().extract()["content"]`` (skipped if it is not
installed), and every text node of the page but scripts and styles (tag stripping). Ablations of ours show what each
part brings: trafilatura's text alone or readability's alone (with our rules), and both without our page-furniture
rules. Time: pages per second, one process, libraries imported before timing, on a shared machine (compare
ratios).

Run from the repository's top folder::

    python benchmarks/web.py            # writes section "web" of benchmarks/RESULTS.md
    python benchmarks/web.py --no-write --pages OTHER_PAGES --gold OTHER_PAGES.gold
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._results import write_section  # noqa: E402
from tiyao import webpage  # noqa: E402
from tiyao.corpus import read_corpus  # noqa: E402
from tiyao.export import export_record  # noqa: E402

SHARED = ROOT.parent / "shared"
PAGES = SHARED / "data" / "messy" / "cwce-web-dev"
SCORER = SHARED / "tools" / "extract_score.py"


# -- the systems: each maps the decoded page to its text ---------------------------------------------------------

def trafilatura_text(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def readability_text(html: str) -> str:
    import lxml.html
    from readability import Document

    return lxml.html.fromstring(Document(html).summary()).text_content()


def gne_text(html: str) -> str:
    from gne import GeneralNewsExtractor

    return GeneralNewsExtractor().extract(html).get("content", "")


def stripped_text(html: str) -> str:
    import lxml.html

    tree = lxml.html.fromstring(html)
    for element in tree.xpath("//script|//style"):
        element.drop_tree()
    return tree.text_content()


@contextmanager
def patched(**replacements: object) -> Iterator[None]:
    """Ablations: replace functions of tiyao.webpage for the duration of a run."""
    saved = {name: getattr(webpage, name) for name in replacements}
    for name, value in replacements.items():
        setattr(webpage, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(webpage, name, value)


# -- running and scoring ------------------------------------------------------------------------------------------

def run_ours(pages: Path) -> list[dict]:
    corpus = read_corpus([pages])
    return [export_record(document) for document in corpus.documents]


def run_peer(pages: Path, extract: Callable[[str], str]) -> list[dict]:
    records = []
    for path in sorted(pages.glob("*.htm*")):
        html = webpage.decode_page(path.read_bytes(), str(path))
        html = webpage._XML_DECLARATION.sub("", html, count=1)
        try:
            text = extract(html)
        except Exception as error:  # a peer that fails on a page scores 0 on it
            logging.getLogger(__name__).warning("%s failed on %s: %s", extract.__name__, path.name, error)
            text = ""
        records.append({"id": path.name, "source": path.name, "text": text})
    return records


def score(records: list[dict], gold: Path, folder: Path, name: str) -> dict:
    path = folder / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = subprocess.run([sys.executable, str(SCORER), str(path), str(gold)], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--gold", type=Path, default=None, help="Default: PAGES.gold")
    parser.add_argument("--no-write", action="store_true", help="Print the table only.")
    args = parser.parse_args(argv)
    gold = args.gold or args.pages.with_name(args.pages.name + ".gold")
    logging.disable(logging.WARNING)

    def body_only(line: webpage.Line) -> str:
        return "body"

    systems: list[tuple[str, Callable[[], list[dict]]]] = [
        ("**tiyao (ours)**", lambda: run_ours(args.pages)),
        ("ours, trafilatura's text only", lambda: _with(dict(_agrees=lambda tight, generous: False), args.pages)),
        ("ours, readability's text only", lambda: _with(dict(_agrees=lambda tight, generous: bool(tight)),
                                                          args.pages)),
        ("ours without the page-furniture rules", lambda: _with(dict(page_line_role=body_only), args.pages)),
        ("trafilatura", lambda: run_peer(args.pages, trafilatura_text)),
        ("readability-lxml", lambda: run_peer(args.pages, readability_text)),
        ("GNE", lambda: run_peer(args.pages, gne_text)),
        ("tag stripping", lambda: run_peer(args.pages, stripped_text)),
    ]
    try:
        import gne  # noqa: F401
    except ImportError:
        systems = [system for system in systems if system[0] != "GNE"]
    rows = []
    pages = len(sorted(args.pages.glob("*.htm*")))
    first = sorted(args.pages.glob("*.htm*"))[:1]
    for extract in (trafilatura_text, readability_text, stripped_text, webpage.extract_page):  # imports, untimed
        for path in first:
            try:
                extract(webpage._XML_DECLARATION.sub("", webpage.decode_page(path.read_bytes(), str(path))))
            except Exception:
                pass
    with tempfile.TemporaryDirectory() as folder:
        for name, run in systems:
            start = time.perf_counter()
            records = run()
            seconds = time.perf_counter() - start
            result = score(records, gold, Path(folder), f"system{len(rows)}")
            rows.append((name, result, pages / seconds))
            print(f"{name}: {result} {pages / seconds:.1f} pages/s", file=sys.stderr)
    rows.sort(key=lambda row: -row[1]["f1"])
    versions = _versions()
    lines = [
        "## Web pages: main text of saved pages (issue 17)",
        "",
        f"`{_relative(args.pages)}`: {pages} saved pages (news sites, blogs, forums, government sites; GB2312/GBK and "
        f"UTF-8), scored by `{_relative(SCORER)}` against `{_relative(gold)}` (Han-character bigrams: precision, "
        "recall, F1 averaged over pages). All systems read the same decoded page. Ours is the text "
        "`tiyao corpus PAGES --format jsonl --text` writes. Peers: " + versions + ".",
        "",
        "| system | precision | recall | F1 | pages/s |",
        "|---|---|---|---|---|",
    ]
    for name, result, rate in rows:
        lines.append(f"| {name} | {result['precision']:.4f} | {result['recall']:.4f} | {result['f1']:.4f} | "
                     f"{rate:.1f} |")
    markdown = "\n".join(lines)
    print(markdown)
    if not args.no_write:
        write_section("web", markdown)


def _with(replacements: dict, pages: Path) -> list[dict]:
    with patched(**replacements):
        return run_ours(pages)


def _relative(path: Path) -> str:
    try:
        return "../" + str(path.resolve().relative_to(ROOT.parent.resolve()))
    except ValueError:
        return str(path)


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    names = []
    for package in ("trafilatura", "readability-lxml", "gne", "lxml"):
        try:
            names.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            pass
    return ", ".join(names)


if __name__ == "__main__":
    main()
