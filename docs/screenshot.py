"""Make the README's screenshot, ``docs/report-screenshot.png``, from the current HTML report of the seed corpus.

Usage, from the repository's top folder (needs headless Chromium, ``apt-get install chromium``, and a CJK font,
``apt-get install fonts-noto-cjk``; nothing is downloaded)::

    python docs/screenshot.py                     # writes docs/report-screenshot.png
    python docs/screenshot.py -o /tmp/shot.png    # somewhere else

Steps: ``tiyao run seeds/ --format html -o FILE`` (the command line, as a user runs it), then Chromium
``--headless --screenshot`` of that file at 1280x1600 CSS pixels, offline (no network features, a fresh
profile). The PNG gets a text chunk ``tiyao-report-sha256`` holding the SHA-256 of the HTML it shows, so a test
(``tests/test_screenshot.py``) can tell, without a browser, whether the screenshot is of the current report.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "docs" / "report-screenshot.png"
CHROMIUM = "/usr/bin/chromium"
SIZE = (1280, 1600)
KEY = "tiyao-report-sha256"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         "--mute-audio", "--disable-extensions", "--force-device-scale-factor=1")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def report_html(folder: Path) -> str:
    """The HTML report of seeds/ as ``tiyao run`` writes it."""
    page = folder / "report.html"
    command = [sys.executable, "-m", "tiyao.cli.main", "run", str(ROOT / "seeds"), "--format", "html", "-o",
               str(page), "-q"]
    subprocess.run(command, check=True, cwd=ROOT, timeout=300)
    return page.read_text(encoding="utf-8")


def html_digest(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


def with_text_chunk(png: bytes, key: str, value: str) -> bytes:
    """The PNG with a ``tEXt`` chunk ``key=value`` inserted before its ``IEND`` chunk."""
    if not png.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG")
    body = b"tEXt" + key.encode("latin-1") + b"\0" + value.encode("latin-1")
    chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    end = png.rindex(b"IEND") - 4  # the IEND chunk starts with its 4-byte length
    return png[:end] + chunk + png[end:]


def text_chunks(png: bytes) -> dict[str, str]:
    """The ``tEXt`` chunks of a PNG, by key."""
    found, position = {}, len(PNG_SIGNATURE)
    while position + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[position:position + 8])
        data = png[position + 8:position + 8 + length]
        if kind == b"tEXt" and b"\0" in data:
            key, value = data.split(b"\0", 1)
            found[key.decode("latin-1")] = value.decode("latin-1")
        position += 12 + length
    return found


def png_size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


def shoot(html_file: Path, out: Path, profile: Path) -> None:
    command = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={out}",
               f"--window-size={SIZE[0]},{SIZE[1]}", html_file.as_uri()]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    if done.returncode != 0 or not out.exists() or out.stat().st_size == 0:
        raise RuntimeError(f"chromium --screenshot failed (exit {done.returncode}): {done.stderr[-1000:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=SCREENSHOT,
                        help=f"default: {SCREENSHOT.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    if shutil.which(CHROMIUM) is None:
        print(f"Error: {CHROMIUM} not found; install it with apt-get install chromium", file=sys.stderr)
        return 2
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False).stdout
    if not fonts.strip():
        print("Error: no Chinese font installed (the screenshot would show boxes); apt-get install fonts-noto-cjk",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="tiyao-shot-") as tmp:
        folder = Path(tmp)
        html = report_html(folder)
        raw = folder / "shot.png"
        shoot(folder / "report.html", raw, folder / "profile")
        png = with_text_chunk(raw.read_bytes(), KEY, html_digest(html))
    args.output.write_bytes(png)
    width, height = png_size(png)
    print(f"Wrote {args.output}: {width}x{height}, the report of seeds/ ({KEY} {html_digest(html)[:12]}…)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
