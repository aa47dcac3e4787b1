"""Benchmark: traditional Chinese through a simplified twin (``tiyao.script``), against the peers.

Four measurements on the traditional SIGHAN 2005 test sets (CityU: Hong Kong; AS: Taiwan), all in one run:

1. **Segmentation** (the protocol of ``/work/shared/peers.md``: input = gold line with spaces removed; a word is
   right when its character span equals a gold span; micro-averaged F1; OOV recall against the set's training
   word list). Our segmenter on the traditional text as it is, and on its simplified twin (``to_simplified``;
   the twin has the same length, so its spans are the original's). Peers: jieba on the traditional text, and
   jieba on OpenCC's ``t2s`` conversion where that keeps the length (the usual recipe), when OpenCC is installed.
2. **Conversion**: characters where each converter's output differs from OpenCC's phrase-level ``t2s`` (the
   reference; it is not gold, but it is the maintained standard), on lines where the lengths agree: tiyao's
   ``to_simplified``, SnowNLP's table read character by character (what tiyao starts from), and SnowNLP's own
   converter (``snownlp.normal.zh2hans``, phrase-level, which changes the length of some lines).
3. **Detection**: ``is_traditional`` on blocks of 10 consecutive lines of CityU and AS (traditional) and PKU and
   MSR (simplified).
4. **Speed**: characters per second of each converter on CityU + AS (best of three passes).

Run from the repository's top folder::

    python benchmarks/traditional.py              # writes section "traditional" of benchmarks/RESULTS.md
    python benchmarks/traditional.py --no-write
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._results import write_section  # noqa: E402
from tiyao.script import _tables, is_traditional, to_simplified  # noqa: E402
from tiyao.segment import Segmenter  # noqa: E402

SETS = {"cityu": ("cityu_test_gold.utf8", "cityu_training_words.utf8", "CityU"),
        "as": ("as_testing_gold.utf8", "as_training_words.utf8", "AS")}
SIMPLIFIED_SETS = {"pku": "pku_test.utf8", "msr": "msr_test.utf8"}


def _gold(path: Path) -> list[list[str]]:
    return [line.split() for line in path.read_text(encoding="utf-8").splitlines() if line.split()]


def _spans(words: Sequence[str]) -> set[tuple[int, int]]:
    spans, position = set(), 0
    for word in words:
        spans.add((position, position + len(word)))
        position += len(word)
    return spans


def _score(gold: list[list[str]], predicted: list[Sequence[str]], oov: set[str]) -> tuple[float, float]:
    right = n_pred = n_gold = oov_total = oov_right = 0
    for words, guess in zip(gold, predicted):
        gold_spans, pred_spans = _spans(words), _spans([w for w in guess if w.strip()])
        right += len(gold_spans & pred_spans)
        n_pred += len(pred_spans)
        n_gold += len(gold_spans)
        position = 0
        for word in words:
            if word not in oov:
                position += len(word)
                continue
            oov_total += 1
            oov_right += (position, position + len(word)) in pred_spans
            position += len(word)
    precision, recall = right / n_pred, right / n_gold
    return 2 * precision * recall / (precision + recall), oov_right / max(oov_total, 1)


def _via(convert: Callable[[str], str], cut: Callable[[str], Sequence[str]]) -> Callable[[str], list[str]]:
    """Cut the converted line and take the same spans of the original (the conversion keeps the length)."""
    def run(line: str) -> list[str]:
        converted = convert(line)
        if len(converted) != len(line):
            return list(cut(line))  # cannot map back: cut the original
        words, position = [], 0
        for word in cut(converted):
            words.append(line[position:position + len(word)])
            position += len(word)
        return words
    return run


def _opencc() -> Callable[[str], str] | None:
    try:
        import opencc
    except ImportError:
        return None
    converter = opencc.OpenCC("t2s")
    return converter.convert


def _snownlp() -> Callable[[str], str] | None:
    try:
        from snownlp.normal import zh2hans
    except ImportError:
        return None
    return zh2hans


def _snownlp_table() -> Callable[[str], str]:
    """SnowNLP's single-character entries alone (first entry of a repeated key), as tiyao reads them."""
    from tiyao.script import _snownlp_entries

    table: dict[str, str] = {}
    for trad, simp in _snownlp_entries():
        if len(trad) == 1 and len(simp) == 1:
            table.setdefault(trad, simp)
    mapping = str.maketrans(table)
    return lambda text: text.translate(mapping)


def _best_speed(convert: Callable[[str], str], text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        convert(text)
        best = min(best, time.perf_counter() - start)
    return len(text) / best


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args(argv)
    seg_dir = args.data / "seg"
    _tables()

    segmenter = Segmenter()
    segmenter.cut("预热")
    import jieba

    plain = jieba.Tokenizer()
    plain.initialize()
    opencc, snownlp = _opencc(), _snownlp()

    systems: list[tuple[str, Callable[[str], Sequence[str]]]] = [
        ("tiyao Segmenter on the traditional text", segmenter.cut),
        ("tiyao Segmenter on the simplified twin (`to_simplified`)", _via(to_simplified, segmenter.cut)),
        ("jieba on the traditional text", plain.lcut),
    ]
    if opencc is not None:
        systems.append(("jieba on OpenCC `t2s`", _via(opencc, plain.lcut)))

    seg_rows = []
    texts = {}
    for key, (gold_name, train_name, _label) in SETS.items():
        gold = _gold(seg_dir / gold_name)
        oov = set((seg_dir / train_name).read_text(encoding="utf-8").split())
        oov_words = {w for line in gold for w in line if w not in oov}
        lines = ["".join(words) for words in gold]
        texts[key] = lines
        for name, cut in systems:
            f1, oov_recall = _score(gold, [cut(line) for line in lines], oov_words)
            seg_rows.append((name, key, f1, oov_recall))
    seg_table = ["| system | CityU F1 (OOV recall) | AS F1 (OOV recall) |", "|---|---|---|"]
    for name, _ in systems:
        cells = [f"{f1:.3f} ({oov_recall:.3f})" for n, _, f1, oov_recall in seg_rows if n == name]
        seg_table.append(f"| {name} | {' | '.join(cells)} |")

    all_lines = texts["cityu"] + texts["as"]
    joined = "\n".join(all_lines)
    conv_table = ["| converter | chars differing from OpenCC `t2s` | lines whose length changes | chars/s |",
                  "|---|---|---|---|"]
    converters: list[tuple[str, Callable[[str], str]]] = [("tiyao `to_simplified`", to_simplified),
                                                          ("SnowNLP table, character by character", _snownlp_table())]
    if snownlp is not None:
        converters.append(("SnowNLP `zh2hans` (phrases)", snownlp))
    reference = [opencc(line) for line in all_lines] if opencc is not None else None
    for name, convert in converters:
        differ = total = changed = 0
        for line, ref in zip(all_lines, reference or all_lines):
            out = convert(line)
            if len(out) != len(line):
                changed += 1
                continue
            if reference is not None and len(ref) == len(line):
                total += len(line)
                differ += sum(a != b for a, b in zip(out, ref))
        share = f"{differ / total:.3%} ({differ:,} of {total:,})" if total else "n/a (OpenCC not installed)"
        conv_table.append(f"| {name} | {share} | {changed:,} of {len(all_lines):,} | {_best_speed(convert, joined):,.0f} |")
    if opencc is not None:
        conv_table.append(f"| OpenCC `t2s` (opencc-python-reimplemented, pure Python) | reference | "
                          f"{sum(len(r) != len(l) for r, l in zip(reference, all_lines)):,} of {len(all_lines):,} | "
                          f"{_best_speed(opencc, joined):,.0f} |")

    detect_rows = ["| set | script | 10-line blocks | classed traditional |", "|---|---|---|---|"]
    blocks_by_set = {**{k: texts[k] for k in SETS},
                     **{k: [l for l in (seg_dir / name).read_text(encoding="utf-8").splitlines() if l.strip()]
                        for k, name in SIMPLIFIED_SETS.items()}}
    for key, lines in blocks_by_set.items():
        blocks = ["".join(lines[i:i + 10]) for i in range(0, len(lines), 10)]
        hits = sum(is_traditional(block) for block in blocks)
        script = "traditional" if key in SETS else "simplified"
        detect_rows.append(f"| {key.upper() if key != 'cityu' else 'CityU'} | {script} | {len(blocks):,} | {hits:,} |")

    markdown = "\n".join([
        "## Traditional Chinese: analysing a simplified twin (`nlp/script.py`)",
        "",
        "Segmentation of the traditional SIGHAN 2005 test sets (the segmentation protocol: gold line with spaces "
        "removed, span-exact words, micro-averaged F1; OOV recall against the set's training word list). "
        "A twin is cut and its spans are read back from the original, so the words are in the original script.",
        "",
        *seg_table,
        "",
        "Conversion on CityU + AS: characters that differ from OpenCC's phrase-level `t2s` (the maintained standard, "
        "not gold) on lines whose length the converter keeps; tiyao's conversion must keep every length so offsets "
        "hold. Speed: characters per second on CityU + AS, best of three passes.",
        "",
        *conv_table,
        "",
        "Detection (`is_traditional`) on blocks of 10 consecutive lines:",
        "",
        *detect_rows,
    ])
    print(markdown)
    if not args.no_write:
        write_section("traditional", markdown)


if __name__ == "__main__":
    main()
