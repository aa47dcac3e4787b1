"""Benchmark: word segmentation on the SIGHAN 2005 test sets (PKU, MSR, CityU, AS), against the peers.

Protocol (``/work/shared/peers.md``): the input is each gold line with its spaces removed (this sidesteps the 16 MSR
lines where a quote moved between test and gold lines, and the AS gold file's extra empty last line). A predicted
word is right when its character span equals a gold span; precision, recall and F1 are micro-averaged over the
set; OOV recall is the recall on gold words that are not in the set's training word list. Speed is characters
per second of the tool's own cut calls on PKU after loading: the best of up to three passes (fewer when a pass
takes more than five seconds), since the machine is shared and noisy.

Systems: ours (``Segmenter.cut``, backend jieba and, if installed, rjieba), plain jieba
(``jieba.Tokenizer().lcut``, HMM on), and the peers that import: rjieba, jieba_fast, pkuseg (default model,
shipped with the package), thulac (``seg_only``). A tool whose output does not add up to its input is counted
as it is (its misaligned words are wrong) and the number of such lines is reported.

Run from the repository's top folder::

    python benchmarks/segmentation.py                     # writes section "segmentation" of benchmarks/RESULTS.md
    python benchmarks/segmentation.py --no-write --sets pku --tools ours,jieba
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._results import write_section  # noqa: E402
from tiyao.segment import Segmenter  # noqa: E402

SETS = {  # name: (gold file, training word list, label)
    "pku": ("pku_test_gold.utf8", "pku_training_words.utf8", "PKU"),
    "msr": ("msr_test_gold.utf8", "msr_training_words.utf8", "MSR"),
    "cityu": ("cityu_test_gold.utf8", "cityu_training_words.utf8", "CityU (trad.)"),
    "as": ("as_testing_gold.utf8", "as_training_words.utf8", "AS (trad.)"),
}
SPEED_SET = "pku"

Cutter = Callable[[str], Sequence[str]]


# -- tools ----------------------------------------------------------------------------------------------------------

def _ours(backend: str) -> Callable[[], Cutter]:
    def make() -> Cutter:
        seg = Segmenter(backend=backend) if backend != "default" else Segmenter()
        seg.cut("预热")
        return seg.cut
    return make


def _jieba() -> Cutter:
    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return lambda text: tokenizer.lcut(text, HMM=True)


def _rjieba() -> Cutter:
    import rjieba

    jieba = rjieba.Jieba()
    return lambda text: jieba.cut(text, True)


def _jieba_fast() -> Cutter:
    import jieba_fast

    logging.getLogger("jieba_fast").setLevel(logging.WARNING)
    tokenizer = jieba_fast.Tokenizer()
    tokenizer.initialize()
    return lambda text: tokenizer.lcut(text, HMM=True)


def _pkuseg() -> Cutter:
    import pkuseg

    seg = pkuseg.pkuseg()  # the default model ships inside the package: nothing is downloaded
    return seg.cut


def _thulac() -> Cutter:
    import thulac

    seg = thulac.thulac(seg_only=True)
    return lambda text: [word for word, _ in seg.cut(text)]


def _supports_backend() -> bool:
    import inspect

    return "backend" in inspect.signature(Segmenter).parameters


def tools() -> dict[str, tuple[str, Callable[[], Cutter]]]:
    """key: (label, factory). Our segmenter first, then plain jieba, then the other peers."""
    table: dict[str, tuple[str, Callable[[], Cutter]]] = {}
    if _supports_backend():
        table["ours"] = ("tiyao Segmenter (backend=jieba)", _ours("jieba"))
        table["ours-rjieba"] = ("tiyao Segmenter (backend=rjieba)", _ours("rjieba"))
    else:
        table["ours"] = ("tiyao Segmenter", _ours("default"))
    table.update({
        "jieba": ("jieba (HMM on)", _jieba),
        "rjieba": ("rjieba", _rjieba),
        "jieba_fast": ("jieba_fast", _jieba_fast),
        "pkuseg": ("pkuseg (default model)", _pkuseg),
        "thulac": ("thulac (seg_only)", _thulac),
    })
    return table


# -- data and scoring -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TestSet:
    name: str
    label: str
    gold: tuple[tuple[str, ...], ...]  # words per non-empty line
    training: frozenset[str]

    @property
    def inputs(self) -> list[str]:
        return ["".join(words) for words in self.gold]

    @property
    def chars(self) -> int:
        return sum(len(word) for words in self.gold for word in words)


def load_set(data: Path, name: str) -> TestSet:
    gold_file, words_file, label = SETS[name]
    folder = data / "seg"
    gold = tuple(tuple(line.split()) for line in (folder / gold_file).read_text(encoding="utf-8").splitlines())
    training = frozenset(line.strip() for line in (folder / words_file).read_text(encoding="utf-8").splitlines())
    return TestSet(name, label, tuple(words for words in gold if words), training - {""})


def spans(words: Sequence[str]) -> list[tuple[int, int]]:
    result, position = [], 0
    for word in words:
        result.append((position, position + len(word)))
        position += len(word)
    return result


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    oov_recall: float
    misaligned: int  # lines whose predicted words do not add up to the input


def score(predicted: Sequence[Sequence[str]], test: TestSet) -> Score:
    right = n_predicted = n_gold = oov = oov_right = misaligned = 0
    for words, gold in zip(predicted, test.gold, strict=True):
        words = [w for w in words if w and not w.isspace()]
        if "".join(words) != "".join(gold):
            misaligned += 1
        predicted_spans = set(spans(words))
        n_predicted += len(words)
        n_gold += len(gold)
        for word, span in zip(gold, spans(gold)):
            hit = span in predicted_spans
            right += hit
            if word not in test.training:
                oov += 1
                oov_right += hit
    p = right / n_predicted if n_predicted else 0.0
    r = right / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Score(p, r, f, oov_right / oov if oov else 0.0, misaligned)


def run(cut: Cutter, test: TestSet, passes: int = 1) -> tuple[list[Sequence[str]], float]:
    """The tool's output on the set, and the fastest of up to ``passes`` passes in seconds."""
    inputs = test.inputs
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        output = [cut(text) for text in inputs]
        best = min(best, time.perf_counter() - start)
        if best > 5:
            break
    return output, best


NOTES = """\
Our segmenter is jieba's algorithm and dictionary (with its own tokenizer) plus two joins jieba does not make:
ASCII runs stay whole (`GPT-4`, `6-1`, `www.people.com.cn`; jieba cuts them at `-` and `.`), and full-width
letters and digits that jieba cuts one character at a time are joined (`１７％`, `１９.９％`, `ＩＢＭ`,
`ｉｎｔｅｒｎｅｔ`). MSR and AS write numbers and Latin words in full-width characters, hence our gain there; PKU
and CityU barely have any. Everything else is cut exactly as jieba cuts it."""


def words_parity(sets: Sequence[TestSet]) -> dict[tuple[str, str], list[Sequence[str]]]:
    """Both backends with each simplified set's training word list added as extra words (the way discovered
    words and user dictionaries come in): their cuts, to compare line by line."""
    outputs: dict[tuple[str, str], list[Sequence[str]]] = {}
    for test in sets:
        if test.name not in ("pku", "msr"):
            continue
        words = sorted(test.training)
        for key, backend in (("ours+words", "jieba"), ("ours-rjieba+words", "rjieba")):
            seg = Segmenter(backend=backend, words=words)
            outputs[key, test.name] = [seg.cut(text) for text in test.inputs]
    return outputs


# -- report ---------------------------------------------------------------------------------------------------------

def markdown(results: dict[str, dict[str, Score]], speeds: dict[str, float], labels: dict[str, str],
             sets: Sequence[TestSet], skipped: dict[str, str],
             parity: dict[str, tuple[int, int]] | None = None) -> str:
    lines = [
        "## Segmentation, SIGHAN 2005 test sets: F1 (OOV recall)",
        "",
        "Input = gold line with spaces removed; a word is right when its character span equals a gold span; "
        "micro-averaged; OOV recall against each set's training word list. Speed: characters per second of the "
        "tool's own cut calls on PKU after loading (best of three passes), in the same run.",
        "",
        "| tool | " + " | ".join(t.label for t in sets) + " | chars/s on PKU |",
        "|---|" + "---|" * len(sets) + "---|",
    ]
    for key, per_set in results.items():
        cells = []
        for test in sets:
            s = per_set[test.name]
            cells.append(f"{s.f1:.3f} ({s.oov_recall:.3f})" + (f" [{s.misaligned} lines misaligned]" if s.misaligned else ""))
        speed = f"{speeds[key]:,.0f}" if key in speeds else "—"
        lines.append(f"| {labels[key]} | " + " | ".join(cells) + f" | {speed} |")
    lines += ["", "Precision / recall per set:", "", "| tool | " + " | ".join(t.label for t in sets) + " |",
              "|---|" + "---|" * len(sets)]
    for key, per_set in results.items():
        lines.append(f"| {labels[key]} | " + " | ".join(
            f"{per_set[t.name].precision:.3f} / {per_set[t.name].recall:.3f}" for t in sets) + " |")
    lines += ["", NOTES]
    if parity:
        lines += ["", "Our two backends, line by line: " + "; ".join(
            f"{label}: {same:,} of {total:,} lines cut the same" for label, (same, total) in parity.items())
            + ". Only two cuts of exactly equal probability can come out differently (each breaks such ties its own "
            "way): with all 55,303 PKU training words added at random round frequencies, 2 of 5,929 PKU and MSR "
            "lines did (干部人事制度: 干部 100 + 人事制度 3 against 干部人事 3 + 制度 100). This is why "
            "`backend=\"auto\"` (the default) takes rjieba: same words, same cuts, same tags."]
    if skipped:
        lines += ["", "Not measured: " + "; ".join(f"{labels.get(k, k)}: {why}" for k, why in skipped.items()) + "."]
    return "\n".join(lines)


def discovery(data: Path, names: Sequence[str], *, write: bool) -> int:
    """jieba, our Segmenter, and our Segmenter with the new words :class:`tiyao.words.WordDiscoverer` finds on
    the test text itself, in one run: as ``tiyao`` adds them to a corpus's segmenter
    (:func:`tiyao.compounds.with_new_words`: the compounds read whole by the keyword candidates, not cut as words;
    this is also what ``tiyao cluster`` cuts with) and, for comparison, every new word, compounds too, cut as a
    word (as before): F1 and OOV recall per set."""
    import jieba

    from tiyao.compounds import split_compounds, with_new_words
    from tiyao.words import WordDiscoverer

    plain = jieba.Tokenizer()
    plain.initialize()
    ours = Segmenter()
    rows: dict[str, dict[str, Score]] = {"jieba": {}, "ours": {}, "ours+new": {}, "ours+every-new": {}}
    found: dict[str, int] = {}
    compounds: dict[str, int] = {}
    sets = [load_set(data, name) for name in names]
    for test in sets:
        words = [w.word for w in WordDiscoverer().fit(test.inputs).words_]
        found[test.name] = len(words)
        compounds[test.name] = len(split_compounds(words).compounds)
        with_words = with_new_words(ours, words)
        with_every_word = ours.with_words([(word, None, "nz") for word in words])
        for key, cut in (("jieba", plain.lcut), ("ours", ours.cut), ("ours+new", with_words.cut),
                         ("ours+every-new", with_every_word.cut)):
            rows[key][test.name] = s = score([cut(text) for text in test.inputs], test)
            print(f"{key:14s} {test.label:14s} F1 {s.f1:.4f} OOV-R {s.oov_recall:.4f}", file=sys.stderr, flush=True)
    labels = {"jieba": "jieba (HMM on)", "ours": "tiyao Segmenter",
              "ours+new": "tiyao Segmenter + new words found on the test text, as `tiyao` adds them "
                          "(compounds not cut as words)",
              "ours+every-new": "the same with every new word cut as a word, compounds too (before)"}
    lines = ["## Segmentation with new-word discovery, SIGHAN 2005 test sets: F1 (OOV recall)", "",
             "New words are found on each set's test text itself (`WordDiscoverer()` defaults, min count 3), as "
             "`tiyao` finds them on a corpus, and added to the segmenter as `tiyao` adds them "
             "(`tiyao.compounds.with_new_words`): a new word that hides known words of two or more characters "
             "(`tiyao.words.hides_known_words`: 西部大开发, 偏股基金, 党主席) is a compound, a phrase of those words, "
             "and is not cut as one word (the keyword candidates read it whole); the other new words are. Scoring "
             "as in the section above; all rows in the same run.", "",
             "| tool | " + " | ".join(t.label for t in sets) + " |", "|---|" + "---|" * len(sets)]
    for key, label in labels.items():
        lines.append(f"| {label} | " + " | ".join(f"{rows[key][t.name].f1:.5f} ({rows[key][t.name].oov_recall:.4f})"
                                                   for t in sets) + " |")
    lines += ["", "New words found per set: " + ", ".join(
        f"{t.label} {found[t.name]:,} ({compounds[t.name]:,} compounds)" for t in sets) + "."]
    text = "\n".join(lines)
    print(text)
    if write:
        write_section("segmentation-discovery", text)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data",
                        help="evaluation data folder (holding seg/); default ../shared/data")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated: " + ",".join(SETS))
    parser.add_argument("--tools", default=None, help="comma-separated tool keys (default: all that import)")
    parser.add_argument("--no-write", action="store_true", help="print the table, do not write RESULTS.md")
    parser.add_argument("--discovery", action="store_true",
                        help="only the new-word discovery comparison (section segmentation-discovery)")
    args = parser.parse_args(argv)
    if args.discovery:
        return discovery(args.data, [s.strip().lower() for s in args.sets.split(",")], write=not args.no_write)

    table = tools()
    keys = list(table) if args.tools is None else [k.strip() for k in args.tools.split(",")]
    unknown = [k for k in keys if k not in table]
    if unknown:
        parser.error(f"unknown tools {unknown}; known: {', '.join(table)}")
    names = [s.strip().lower() for s in args.sets.split(",")]
    sets = [load_set(args.data, name) for name in names]
    labels = {key: table[key][0] for key in table}

    results: dict[str, dict[str, Score]] = {}
    speeds: dict[str, float] = {}
    skipped: dict[str, str] = {}
    outputs: dict[tuple[str, str], list[Sequence[str]]] = {}
    for key in keys:
        label, factory = table[key]
        try:
            with contextlib.redirect_stdout(sys.stderr):  # thulac prints "Model loaded succeed"
                cut = factory()
        except ImportError as error:
            skipped[key] = f"not installed ({error.name or error})"
            print(f"{label}: skipped, {skipped[key]}", file=sys.stderr)
            continue
        except Exception as error:  # a peer that cannot load (e.g. wants to download a model) is skipped
            skipped[key] = f"{type(error).__name__}: {error}"
            print(f"{label}: skipped, {skipped[key]}", file=sys.stderr)
            continue
        results[key] = {}
        for test in sets:
            output, seconds = run(cut, test, passes=3 if test.name == SPEED_SET else 1)
            results[key][test.name] = s = score(output, test)
            if key.startswith("ours"):
                outputs[key, test.name] = [list(words) for words in output]
            if test.name == SPEED_SET:
                speeds[key] = test.chars / seconds
            print(f"{label:36s} {test.label:14s} P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} "
                  f"OOV-R {s.oov_recall:.3f} misaligned {s.misaligned}  {test.chars / seconds:,.0f} chars/s",
                  file=sys.stderr)

    if "ours" in results and "ours-rjieba" in results:
        outputs.update(words_parity(sets))
    parity = {test.label: (sum(a == b for a, b in zip(outputs["ours", test.name], outputs["ours-rjieba", test.name])),
                           len(test.gold))
              for test in sets if ("ours", test.name) in outputs and ("ours-rjieba", test.name) in outputs}
    parity.update({f"{test.label} with its training words added": (
        sum(a == b for a, b in zip(outputs["ours+words", test.name], outputs["ours-rjieba+words", test.name])),
        len(test.gold)) for test in sets if ("ours+words", test.name) in outputs})
    text = markdown(results, speeds, labels, sets, skipped, parity)
    print(text)
    if not args.no_write:
        write_section("segmentation", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
