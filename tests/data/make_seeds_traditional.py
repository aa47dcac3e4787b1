"""Make tests/data/seeds-traditional.md: the seed articles in traditional characters (OpenCC ``s2t``).

Run once by hand (``python tests/data/make_seeds_traditional.py``) with an OpenCC package installed
(``opencc-python-reimplemented`` or ``opencc``); the output is committed, so tests do not need OpenCC.
``s2t`` is OpenCC's phrase-level simplified-to-traditional conversion; it keeps the length of the text, which
the script refuses to write otherwise (tiyao's offsets depend on it).
"""

from __future__ import annotations

from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    source = ROOT / "seeds" / "xiji-town-2013.md"
    text = source.read_text(encoding="utf-8")
    converter = opencc.OpenCC("s2t")
    traditional = converter.convert(text)
    if len(traditional) != len(text):
        raise SystemExit("OpenCC changed the length of the text; refusing to write the fixture")
    target = Path(__file__).with_name("seeds-traditional.md")
    target.write_text(traditional, encoding="utf-8")
    print(f"wrote {target} ({len(traditional)} characters)")


if __name__ == "__main__":
    main()
