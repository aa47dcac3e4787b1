"""Benchmark: speed and scale of the whole chain (issues 7 and 16), against the scripts a user writes today.

What is measured, all in the same run:

- Ours in-process, after loading (like the peers' figures, "the tools' own calls after loading"):
  ``tiyao.pipeline.run(documents, PipelineConfig(jobs=..., segmenter=..., engine=...))`` on the articles of
  THUCNews-1000 read once with :func:`tiyao.corpus.read_corpus`. Each config is run once untimed (dictionary load,
  imports; its report is kept for the identity checks), then ``--repeat`` times; the median is reported. A run with
  worker processes (jobs 2, Dask) includes starting its pool or local cluster, as a user's call does. Characters
  are ``sum(len(document.text))`` of the cleaned articles. The JSONL of jobs 2 must equal that of jobs 1, and the
  Dask engine's that of the local engine (``Report.to_jsonl()``).
- The CLI end to end, in a subprocess: ``tiyao run FILE --format jsonl -q --jobs N`` (stdout to
  /dev/null), wall time including start-up and reading, and peak memory (``ru_maxrss`` of ``os.wait4``: one
  process, so the memory figures use ``--jobs 1``), on the file and on a 20x concatenation of it (each line
  repeated with a new id, ``id-r{k}``), the 20x corpus with ``--jobs 1`` and ``--jobs 2`` (issue 16: 2 jobs >= 1.6x
  one job there), ``--repeat-20x`` times each; on each corpus ``--jobs 1`` and ``--jobs 2`` take turns (this
  machine's speed drifts by a third over minutes: a config timed in one spell and the other in another measures
  the spells). On THUCNews-1000 ``--jobs 2`` (the default on 2 cores) uses no pool (below 5,000,000 characters)
  but one worker process beside the main one, which scans a share of the articles and finds the themes
  (``tiyao.engine.SideEngine``).
- Peers on the first ``--peer-docs`` articles, per article: ``jieba.analyse.extract_tags(text, topK=10)`` plus
  (a) ``SnowNLP(text).summary(3)``, (b) TextRank4ZH ``TextRank4Sentence().analyze(text, lower=True,
  source='all_filters')`` + ``get_key_sentences(num=3)``, (c) sumy ``LexRankSummarizer()(doc, 3)`` on
  ``PlaintextParser.from_string(text, Tokenizer("chinese"))``; each after a warm-up call; text = title + newline +
  cleaned text (the protocol of ``/work/shared/peers.md``), characters counted as for ours.
- The CLI alone (``--cli-only``, its own section "speed-cli"): the CLI runs above beside the jieba.analyse + sumy
  LexRank pair (issue 16's CLI target), in one run.
- Help time (``--help-only``, its own section "speed-help": the full run is too heavy to repeat for it): the wall
  time of ``python -m tiyao.cli.main [COMMAND] --help`` in a subprocess (start-up included), for the top level and
  every command, the fastest and the median of ``--repeat`` runs (the fastest is the least disturbed by other
  work on the machine), and which heavy libraries (NumPy, SciPy, scikit-learn, jieba) the help imports.
- A profile (cProfile) of one jieba jobs-1 run: the top functions by own time, in ``benchmarks/speed-profile.txt``.

Run from the repository's top folder::

    python benchmarks/speed.py                                    # writes section "speed" of benchmarks/RESULTS.md
    python benchmarks/speed.py --repeat-20x 3                     # ... with the 20x runs three times each
    python benchmarks/speed.py --repeat 1 --skip-20x --peer-docs 30 --no-write     # a quick look
    python benchmarks/speed.py --help-only --repeat 7             # section "speed-help": help time
    python benchmarks/speed.py --cli-only --repeat 5              # section "speed-cli": the CLI against the pair
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = "cluster/thucnews_cnews_1000.jsonl"
PROFILE = Path(__file__).resolve().parent / "speed-profile.txt"
EXIT_SOME_FAILED = 1  # cli/errors.py: some articles could not be processed (the others are reported)

# name: (segmenter, jobs, engine)
CONFIGS: dict[str, tuple[str, int, str]] = {
    "jieba-j1": ("jieba", 1, "local"),
    "rjieba-j1": ("rjieba", 1, "local"),
    "jieba-j2": ("jieba", 2, "local"),
    "rjieba-j2": ("rjieba", 2, "local"),
    "dask-j2": ("jieba", 2, "dask"),
}
# config: the config whose JSONL it must equal
SAME_AS = {"jieba-j2": "jieba-j1", "rjieba-j2": "rjieba-j1", "dask-j2": "jieba-j1"}
PEERS = {
    "snownlp": "jieba.analyse + SnowNLP summary",
    "textrank4zh": "jieba.analyse + TextRank4ZH",
    "lexrank": "jieba.analyse + sumy LexRank",
}


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class Timing:
    """Seconds of each timed run over ``chars`` characters of ``articles`` articles."""

    name: str
    label: str
    chars: int
    articles: int
    seconds: list[float] = field(default_factory=list)
    note: str = ""
    peak_mb: float | None = None
    identical: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")

    @property
    def chars_per_s(self) -> float:
        return self.chars / self.median if self.seconds else float("nan")

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.median if self.seconds else float("nan")


# -- ours, in-process -----------------------------------------------------------------------------------------------

def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def _config(segmenter: str, jobs: int, engine: str) -> Any:
    from tiyao.config import PipelineConfig

    return PipelineConfig(jobs=jobs, segmenter=segmenter, engine=engine)


def _timed_runs(documents: Sequence[Any], config: Any, repeat: int) -> tuple[str, list[float]]:
    """One untimed run (its JSONL is returned), then ``repeat`` timed runs."""
    from tiyao.pipeline import run

    jsonl = run(documents, config).to_jsonl()
    seconds = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        run(documents, config)
        seconds.append(time.perf_counter() - start)
    return jsonl, seconds


def measure_ours(documents: Sequence[Any], names: Sequence[str], repeat: int, slow_repeat: int) -> list[Timing]:
    chars = sum(len(d.text) for d in documents)
    timings, outputs = [], {}
    for name in names:
        segmenter, jobs, engine = CONFIGS[name]
        label = f"tiyao, {segmenter}, jobs {jobs}" + (", Dask local cluster" if engine == "dask" else "")
        timing = Timing(name, label, chars, len(documents))
        timings.append(timing)
        if segmenter == "rjieba" and not _has_module("rjieba"):
            timing.note = "skipped: rjieba is not installed"
            continue
        if engine == "dask" and not _has_module("distributed"):
            timing.note = "skipped: dask.distributed is not installed"
            continue
        runs = slow_repeat if jobs > 1 else repeat
        _say(f"ours {name}: 1 untimed + {runs} timed runs on {len(documents)} articles ...")
        import tiyao.pipeline as pipeline

        threshold = pipeline.parallel_min_chars
        forced = engine == "local" and jobs > 1 and chars < threshold(jobs)
        try:
            if forced:  # below the threshold a run stays in one process: the pool is forced here, to measure it
                pipeline.parallel_min_chars = lambda jobs: 0
            outputs[name], timing.seconds = _timed_runs(documents, _config(segmenter, jobs, engine), runs)
        except Exception as error:  # report and go on: the benchmark measures whatever the code does
            timing.note = f"failed: {type(error).__name__}: {error}"
            _say(f"  {timing.note}")
            continue
        finally:
            pipeline.parallel_min_chars = threshold
        _say(f"  runs {', '.join(f'{s:.2f}' for s in timing.seconds)} s -> {timing.chars_per_s:,.0f} chars/s")
        notes = [f"pool forced (by default one process below {threshold(jobs):,} characters)"] if forced else []
        notes += [f"median of {runs} runs"] if runs != repeat else []
        timing.note = "; ".join(notes)
    for timing in timings:
        reference = SAME_AS.get(timing.name)
        if timing.name in outputs and reference in outputs:
            same = outputs[timing.name] == outputs[reference]
            timing.identical = f"{'yes' if same else 'NO'} (vs {reference})"
            if not same:
                _say(f"{timing.name}: JSONL differs from {reference}: {_first_difference(outputs[timing.name], outputs[reference])}")
    if "jieba-j1" in outputs and "rjieba-j1" in outputs:
        same = outputs["jieba-j1"] == outputs["rjieba-j1"]
        for timing in timings:
            if timing.name == "rjieba-j1":
                timing.identical = f"{'yes' if same else 'no'} (vs jieba-j1)"
    return timings


def _first_difference(a: str, b: str) -> str:
    lines_a, lines_b = a.splitlines(), b.splitlines()
    if len(lines_a) != len(lines_b):
        return f"{len(lines_a)} lines vs {len(lines_b)}"
    differing = [i for i, (x, y) in enumerate(zip(lines_a, lines_b)) if x != y]
    return f"{len(differing)} of {len(lines_a)} lines differ, first: line {differing[0] + 1}" if differing else "?"


def profile_ours(documents: Sequence[Any], top: int = 15) -> str:
    """cProfile of one jieba jobs-1 run (after the warm-up of measure_ours): top functions by own time."""
    import cProfile
    import io
    import pstats

    from tiyao.pipeline import run

    config = _config("jieba", 1, "local")
    run(documents[:20], config)  # dictionary and imports loaded
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    run(documents, config)
    profiler.disable()
    seconds = time.perf_counter() - start
    chars = sum(len(d.text) for d in documents)
    out = io.StringIO()
    out.write(f"cProfile of tiyao.pipeline.run on {len(documents)} articles ({chars:,} characters), segmenter jieba, "
              f"jobs 1: {seconds:.2f} s under the profiler ({chars / seconds:,.0f} chars/s; the profiler slows "
              f"Python-heavy code more than C code).\n\n")
    stats = pstats.Stats(profiler, stream=out)
    total = sum(row[2] for row in stats.stats.values())  # type: ignore[attr-defined]
    rows = sorted(stats.stats.items(), key=lambda item: -item[1][2])  # type: ignore[attr-defined]
    out.write(f"Top {top} functions by own time (total own time {total:.2f} s):\n\n")
    out.write(f"{'own s':>7} {'share':>6} {'cum s':>7} {'calls':>10}  function\n")
    for (filename, line, function), (_, calls, own, cum, _) in rows[:top]:
        out.write(f"{own:7.2f} {own / total:6.1%} {cum:7.2f} {calls:10d}  {_where(filename, line, function)}\n")
    out.write(f"\nTop {top} functions of nlp/ by cumulative time:\n\n")
    ours = [item for item in stats.stats.items() if "/nlp/" in item[0][0] or "/tiyao/" in item[0][0]]  # type: ignore[attr-defined]
    ours.sort(key=lambda item: -item[1][3])
    out.write(f"{'cum s':>7} {'share':>6} {'own s':>7} {'calls':>10}  function\n")
    for (filename, line, function), (_, calls, own, cum, _) in ours[:top]:
        out.write(f"{cum:7.2f} {cum / seconds:6.1%} {own:7.2f} {calls:10d}  {_where(filename, line, function)}\n")
    return out.getvalue()


def _where(filename: str, line: int, function: str) -> str:
    if filename == "~":
        return function
    path = Path(filename)
    for anchor in ("nlp", "tiyao", "site-packages"):
        if anchor in path.parts:
            index = len(path.parts) - 1 - path.parts[::-1].index(anchor)
            path = Path(*path.parts[index + (anchor == "site-packages"):])
            break
    return f"{path}:{line}({function})"


# -- the CLI, end to end --------------------------------------------------------------------------------------------

def write_copies(source: Path, copies: int, folder: Path) -> Path:
    """``copies`` copies of a JSONL corpus, each line with a new unique id (``id-r{k}``)."""
    target = folder / f"{source.stem}_x{copies}.jsonl"
    lines = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    with target.open("w", encoding="utf-8") as out:
        for k in range(copies):
            for record in lines:
                out.write(json.dumps({**record, "id": f"{record['id']}-r{k}"}, ensure_ascii=False) + "\n")
    return target


_PEAK_WRAPPER = """
import atexit, sys
PEAK_FILE = sys.argv[1]  # taken now: sys.argv is replaced below
def _peak():
    with open("/proc/self/status") as status, open(PEAK_FILE, "w") as out:
        out.write(next((line.split()[1] for line in status if line.startswith("VmHWM:")), ""))
atexit.register(_peak)
sys.argv = ["tiyao", *sys.argv[2:]]
if __name__ == "__main__":
    from tiyao.cli import main  # what the console script `tiyao` runs (workers import no CLI module)
    main()
"""


def run_cli(path: Path, jobs: int, extra: Sequence[str] = ()) -> tuple[float, float]:
    """(wall seconds, peak resident memory in MB) of ``tiyao run`` on ``path`` in a subprocess.

    Peak memory is the process's own high-water mark (``VmHWM`` of /proc/self/status, read at exit). Not
    ``ru_maxrss`` of ``os.wait4``: on Linux a child's maxrss starts from its parent's resident size at fork,
    which here is this benchmark's (gigabytes after the in-process runs); ru_maxrss is the fallback off Linux.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    arguments = ["run", str(path), "--format", "jsonl", "-q", "--jobs", str(jobs), *extra]
    with tempfile.TemporaryDirectory(prefix="tiyao-peak-") as folder, tempfile.TemporaryFile() as errors:
        peak_file = Path(folder) / "peak"
        command = [sys.executable, "-c", _PEAK_WRAPPER, str(peak_file), *arguments]
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, EXIT_SOME_FAILED):
            errors.seek(0)
            raise RuntimeError(f"tiyao {' '.join(arguments)} exited {process.returncode}: "
                               f"{errors.read().decode(errors='replace')[-800:]}")
        peak = peak_file.read_text().strip() if peak_file.exists() else ""
    if not peak and sys.platform.startswith("linux"):
        raise RuntimeError(f"tiyao {' '.join(arguments)} did not report its peak memory")
    peak_kb = int(peak) if peak else usage.ru_maxrss  # kilobytes
    return seconds, peak_kb / 1024


def _in_turns(first: tuple[Any, ...], second: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """Two CLI configs (``entry[3]``: its number of runs), one run a turn, taking turns (the rest of the one with
    more runs after)."""
    return [entry for pair in zip_longest([first] * first[3], [second] * second[3]) for entry in pair
            if entry is not None]


def measure_cli(source: Path, chars: int, articles: int, repeat: int, slow_repeat: int,
                skip_20x: bool, repeat_20x: int = 1) -> list[Timing]:
    """The CLI runs; on each corpus the jobs 1 and jobs 2 runs take turns (``repeat_20x`` each on the 20x corpus),
    so that a slow or a fast spell of this shared machine falls on both."""
    timings = []
    plan: list[tuple[str, Path, int, int, int]] = [("cli-1x-j1", source, 1, repeat, 1),
                                                   ("cli-1x-j2", source, 2, slow_repeat, 1)]
    with tempfile.TemporaryDirectory(prefix="tiyao-speed-") as folder:
        if not skip_20x:
            _say("writing the 20x corpus ...")
            copies = write_copies(source, 20, Path(folder))
            plan += [("cli-20x-j1", copies, 1, repeat_20x, 20), ("cli-20x-j2", copies, 2, repeat_20x, 20)]
        turns = _in_turns(*plan[:2]) + (_in_turns(*plan[2:]) if len(plan) > 2 else [])
        made: dict[str, Timing] = {}
        peaks: dict[str, list[float]] = {}
        for name, path, jobs, runs, copies in turns:
            if name not in made:
                label = f"`tiyao run`, {'20x corpus' if copies > 1 else 'THUCNews-1000'}, jobs {jobs}"
                made[name] = Timing(name, label, chars * copies, articles * copies)
                timings.append(made[name])
                peaks[name] = []
            timing = made[name]
            if timing.note.startswith("failed"):
                continue
            _say(f"CLI {name}: 1 run(s) ...")
            try:
                seconds, peak = run_cli(path, jobs)
                timing.seconds.append(seconds)
                peaks[name].append(peak)
            except RuntimeError as error:
                timing.note = f"failed: {error}"
                _say(f"  {timing.note}")
                continue
            if len(timing.seconds) < runs:
                continue  # (its next turn comes after the other config's)
            timing.peak_mb = max(peaks[name])
            from tiyao.pipeline import ASIDE_MIN_CHARS, parallel_min_chars

            if jobs > 1 and ASIDE_MIN_CHARS <= chars * copies < parallel_min_chars(jobs):
                timing.note = (f"no pool below {parallel_min_chars(jobs):,} characters: the articles in this process, "
                               f"one worker beside it scans a share and finds the themes; peak memory of the main "
                               f"process only")
            elif jobs > 1 and chars * copies < parallel_min_chars(jobs):
                timing.note = f"one process: the corpus is below {parallel_min_chars(jobs):,} characters"
            elif jobs > 1:
                timing.note = "peak memory of the main process only"
            if runs != repeat:
                timing.note = f"{timing.note}; median of {runs} run(s)" if timing.note else f"median of {runs} run(s)"
            _say(f"  runs {', '.join(f'{s:.1f}' for s in timing.seconds)} s, peak {timing.peak_mb:,.0f} MB")
    return timings


# -- peers ----------------------------------------------------------------------------------------------------------

def _peer_summarizers() -> dict[str, Callable[[str], Any]]:
    """The three summarisers, each built once (loading happens here, not in the timed calls)."""
    made: dict[str, Callable[[str], Any]] = {}
    try:
        from snownlp import SnowNLP

        made["snownlp"] = lambda text: SnowNLP(text).summary(3)
    except ImportError:
        pass
    try:
        import networkx

        if not hasattr(networkx, "from_numpy_matrix"):  # TextRank4ZH 0.3 predates networkx 3
            networkx.from_numpy_matrix = networkx.from_numpy_array
        from textrank4zh import TextRank4Sentence

        def textrank4zh(text: str) -> Any:
            ranker = TextRank4Sentence()
            ranker.analyze(text, lower=True, source="all_filters")
            return ranker.get_key_sentences(num=3)

        made["textrank4zh"] = textrank4zh
    except ImportError:
        pass
    try:
        from sumy.nlp.tokenizers import Tokenizer
        from sumy.parsers.plaintext import PlaintextParser
        from sumy.summarizers.lex_rank import LexRankSummarizer

        tokenizer, summarizer = Tokenizer("chinese"), LexRankSummarizer()
        made["lexrank"] = lambda text: summarizer(PlaintextParser.from_string(text, tokenizer).document, 3)
    except ImportError:
        pass
    return made


def measure_peers(documents: Sequence[Any], repeat: int,
                  only: Sequence[str] | None = None) -> tuple[list[Timing], dict[str, Timing]]:
    """jieba.analyse keywords and each summariser (those named in ``only``, if given), timed apart; the pairs are
    the sums of their times."""
    import logging

    import jieba
    import jieba.analyse

    jieba.setLogLevel(logging.WARNING)
    texts = [f"{d.title}\n{d.text}" for d in documents]
    chars, articles = sum(len(d.text) for d in documents), len(documents)
    steps: dict[str, Callable[[str], Any]] = {"jieba.analyse": lambda text: jieba.analyse.extract_tags(text, topK=10)}
    steps.update((name, step) for name, step in _peer_summarizers().items() if only is None or name in only)
    parts: dict[str, Timing] = {}
    for name, step in steps.items():
        timing = Timing(name, name, chars, articles)
        parts[name] = timing
        _say(f"peer {name}: {repeat} run(s) on {articles} articles ...")
        try:
            step(texts[0])  # warm-up: dictionaries, models, imports
            for _ in range(repeat):
                gc.collect()
                start = time.perf_counter()
                for text in texts:
                    step(text)
                timing.seconds.append(time.perf_counter() - start)
        except Exception as error:
            timing.note = f"failed: {type(error).__name__}: {error}"
            timing.seconds = []
            _say(f"  {timing.note}")
            continue
        _say(f"  {timing.chars_per_s:,.0f} chars/s")
    return _pairs(parts, chars, articles, only), parts


def _pairs(parts: dict[str, Timing], chars: int, articles: int, only: Sequence[str] | None) -> list[Timing]:
    """jieba.analyse + each summariser: a pair's time is the sum of its two steps' medians."""
    pairs = []
    for name, label in PEERS.items():
        if only is not None and name not in only:
            continue
        pair = Timing(name, label, chars, articles)
        if name in parts and parts[name].seconds and parts["jieba.analyse"].seconds:
            pair.seconds = [parts["jieba.analyse"].median + parts[name].median]
        else:
            pair.note = parts[name].note if name in parts else "not installed"
        pairs.append(pair)
    return pairs


# -- report ---------------------------------------------------------------------------------------------------------

HELP_COMMANDS = ("", "run", "fit", "corpus", "segment", "summarize", "keywords", "words", "cluster", "idf", "idf build")
HELP_LIMIT_S = 0.5
#: How the interpreter given to --before was made for the section in RESULTS.md.
BEFORE = ("the code before this work (`main` at a7aeed5: `git archive a7aeed5` unpacked, its `nlp/` laid out as "
          "`tiyao/` with `cli/` and `seeds/` inside, first on PYTHONPATH of this venv's interpreter: `--before` names a script running that)")
HEAVY = ("numpy", "scipy", "sklearn", "jieba")
_HELP_SCRIPT = ("import sys, runpy\n"
                "sys.argv = ['tiyao', *sys.argv[1:]]\n"
                "try:\n    runpy.run_module('tiyao.cli.main', run_name='__main__')\n"
                "except SystemExit as stop:\n    if stop.code:\n        raise\n"
                "print(','.join(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)\n")


def measure_help(repeat: int, pythons: Sequence[str]) -> list[list[tuple[str, float, float, float, str]]]:
    """Per interpreter, per command: (command, fastest wall s, median wall s, least CPU s, heavy modules imported)
    of ``tiyao COMMAND --help`` in a new process. CPU time (user + system, of the child) is the figure least moved
    by other work on a shared machine. The interpreters take turns run by run, so load hits them alike."""
    import resource

    rows: list[list[tuple[str, float, float, float, str]]] = [[] for _ in pythons]
    for command in HELP_COMMANDS:
        times: list[list[float]] = [[] for _ in pythons]
        cpus: list[list[float]] = [[] for _ in pythons]
        heavy = [""] * len(pythons)
        for run in range(repeat + 1):  # the first run warms the file cache and is not counted
            for n, python in enumerate(pythons):
                args = [python, "-c", _HELP_SCRIPT.format(heavy=HEAVY), *command.split(), "--help"]
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                done = subprocess.run(args, capture_output=True, text=True, cwd=tempfile.gettempdir(), check=n == 0)
                wall = time.perf_counter() - start
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                if run:
                    times[n].append(wall)
                    cpus[n].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
                heavy[n] = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
                if done.returncode != 0:  # a command the other version does not have
                    heavy[n] = "(no such command)"
        name = f"tiyao {command} --help".replace("  ", " ")
        for n in range(len(pythons)):
            if heavy[n] == "(no such command)":
                rows[n].append((name, math.nan, math.nan, math.nan, heavy[n]))
                continue
            rows[n].append((name, min(times[n]), statistics.median(times[n]), min(cpus[n]), heavy[n]))
            _say(f"{pythons[n]} {name}: fastest {min(times[n]):.2f} s, median {statistics.median(times[n]):.2f} s, "
                 f"CPU {min(cpus[n]):.2f} s, heavy: {heavy[n]}")
    return rows


def help_markdown(rows: list[tuple[str, float, float, float, str]], repeat: int, load: tuple[float, float],
                  before: list[tuple[str, float, float, float, str]] | None = None, before_name: str = "") -> str:
    lines = ["## Help time (issue 14, item 6)", "",
             "A section of its own (`--help-only`): the full speed run is too heavy to repeat for a start-up figure.",
             "",
             f"Wall time of `python -m tiyao.cli.main [COMMAND] --help` in a new process (interpreter start-up "
             f"included), {repeat} runs after one untimed run; the fastest run is the figure least disturbed by "
             f"other work on this shared machine (load average {load[0]:.1f} at the start, {load[1]:.1f} at the "
             f"end); CPU is the least user + system time of the process over the runs. Target: under {HELP_LIMIT_S} s. Before this change `tiyao --help` imported NumPy, SciPy, "
             "scikit-learn and jieba (0.9-1.9 s in the issue)"
             + (f"; the same commands of {before_name} were timed in the same run, each right after ours." if before
                else "."), "",
             "| command | fastest | median | CPU | heavy libraries imported |"
             + (" before: fastest | median | CPU | heavy |" if before else ""),
             "|---|---:|---:|---:|---|" + ("---:|---:|---:|---|" if before else "")]
    for n, (command, fastest, median, cpu, heavy) in enumerate(rows):
        line = f"| `{command}` | {fastest:.2f} s | {median:.2f} s | {cpu:.2f} s | {heavy or 'none'} |"
        if before:
            _, b_fastest, b_median, b_cpu, b_heavy = before[n]
            if math.isnan(b_fastest):
                line += f" – | – | – | {b_heavy} |"
            else:
                line += f" {b_fastest:.2f} s | {b_median:.2f} s | {b_cpu:.2f} s | {b_heavy or 'none'} |"
        lines.append(line)
    worst = max(fastest for _, fastest, _, _, _ in rows)
    worst_cpu = max(cpu for _, _, _, cpu, _ in rows)
    lines += ["", f"- Slowest help, fastest of its runs: {worst:.2f} s wall "
              f"({'under' if worst < HELP_LIMIT_S else 'NOT under'} {HELP_LIMIT_S} s on this machine at this load), "
              f"{worst_cpu:.2f} s CPU ({'under' if worst_cpu < HELP_LIMIT_S else 'NOT under'} {HELP_LIMIT_S} s)."]
    return "\n".join(lines)


def _num(value: float, digits: int = 0) -> str:
    return "—" if value != value else f"{value:,.{digits}f}"


def markdown(ours: list[Timing], sample: list[Timing], cli: list[Timing], pairs: list[Timing],
             parts: dict[str, Timing], args: argparse.Namespace, load: tuple[float, float]) -> str:
    peer_speed = {p.name: p.chars_per_s for p in pairs}
    n_peer = pairs[0].articles if pairs else 0
    lines = [
        "## Speed and scale (issue 7)",
        "",
        f"Whole chain (`tiyao.pipeline.run`, default settings: keywords, summaries, themes, new-word discovery) on "
        f"THUCNews-1000 (`{DATA_FILE}`, {ours[0].articles:,} articles, {ours[0].chars:,} characters after "
        f"cleaning), in-process after loading; median of {args.repeat} runs after an untimed one "
        f"({args.slow_repeat or args.repeat} for the configs with 2 processes). Peers in the same "
        f"run on the first {n_peer} articles (title + newline + text; the titles of this file are empty), per "
        f"article, after a warm-up call; a pair's time is the sum of its two steps' medians. Ratios are our "
        f"chars/s over the pair's. Machine: 2 cores shared with other jobs (load average "
        f"{load[0]:.1f} at the start, {load[1]:.1f} at the end), so figures are noisy; compare ratios.",
        "",
        "| config | chars/s | articles/s | x jieba+SnowNLP | x jieba+TextRank4ZH | x jieba+LexRank | runs (s) | JSONL identical |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for t in ours + sample:
        if not t.seconds:
            lines.append(f"| {t.label} | — | — | — | — | — | {t.note} | |")
            continue
        ratios = [_num(t.chars_per_s / peer_speed.get(p, float("nan")), 1) for p in PEERS]
        runs = ", ".join(f"{s:.2f}" for s in t.seconds) + (f" ({t.note})" if t.note else "")
        lines.append(f"| {t.label} | {_num(t.chars_per_s)} | {_num(t.articles_per_s, 1)} | {' | '.join(ratios)} "
                     f"| {runs} | {t.identical} |")
    lines += ["", f"Peers (first {n_peer} articles, {pairs[0].chars if pairs else 0:,} characters):", "",
              "| tool | chars/s | articles/s | note |", "|---|---|---|---|"]
    for t in list(parts.values()) + pairs:
        lines.append(f"| {t.label} | {_num(t.chars_per_s)} | {_num(t.articles_per_s, 1)} | {t.note} |")
    lines += cli_lines(cli)
    lines += ["", "Done-when figures of issue 16 (speed), as measured:", ""]
    lines += [f"- {line}" for line in checks(ours, cli, peer_speed)]
    return "\n".join(lines) + "\n"


def _pooled(*measured: tuple[list[Timing], dict[str, Timing]], only: Sequence[str] | None = None) -> list[Timing]:
    """The pairs of several :func:`measure_peers` runs, from the medians of all their runs of each step."""
    parts: dict[str, Timing] = {}
    for _, each in measured:
        for name, timing in each.items():
            pooled = parts.setdefault(name, Timing(name, timing.label, timing.chars, timing.articles, note=timing.note))
            pooled.seconds += timing.seconds
    first = next(iter(parts.values()))
    return _pairs(parts, first.chars, first.articles, only)


def cli_markdown(cli: list[Timing], pairs: list[Timing], load: tuple[float, float]) -> str:
    """The section of ``--cli-only``: the CLI runs beside the peer pair of issue 16's target, in one run."""
    peer_speed = {p.name: p.chars_per_s for p in pairs if p.seconds}
    lines = ["## Speed from the command line against jieba.analyse + sumy LexRank (issue 16)", "",
             "A section of its own (`--cli-only`): the CLI runs and the peer pair of issue 16's CLI target, in one "
             "run, without the rest of the speed section above (heavier; its figures come from another run, and "
             "this shared machine's speed drifts from day to day: compare the ratios within one section). The pair "
             f"on the first {pairs[0].articles if pairs else 0} articles, in process, as above, timed before and "
             "after the CLI runs (each step's median over both sets). Load average "
             f"{load[0]:.1f} at the start, {load[1]:.1f} at the end."]
    lines += cli_lines(cli)
    lines += ["", "Every run: " + "; ".join(
        f"{t.label}: " + ", ".join(f"{s:.1f}" for s in t.seconds) + " s" for t in cli if t.seconds) + "."]
    if pairs:
        lines += ["", f"{PEERS['lexrank']} in the same run: {_num(peer_speed.get('lexrank', float('nan')))} chars/s."]
    lines += ["", "Done-when figures of issue 16 (the CLI), as measured:", ""]
    lines += [f"- {line}" for line in checks([], cli, peer_speed)
              if ("CLI" in line or "20x" in line) and "not measured" not in line]
    return "\n".join(lines) + "\n"


def cli_lines(cli: list[Timing]) -> list[str]:
    lines: list[str] = []
    if cli:
        lines += ["", "The CLI end to end in a subprocess (`tiyao run FILE --format jsonl -q --jobs N`: the "
                  "console script's entry point, `tiyao.cli:main`; default segmenter `auto`), wall time including "
                  "start-up, reading and writing; peak memory = "
                  "the process's own high-water mark (`VmHWM`, read at exit):", "",
                  "| run | wall s (median) | chars/s | articles/s | peak memory MB | note |", "|---|---|---|---|---|---|"]
        for t in cli:
            if not t.seconds:
                lines.append(f"| {t.label} | — | — | — | — | {t.note} |")
                continue
            lines.append(f"| {t.label} | {t.median:.1f} | {_num(t.chars_per_s)} | {_num(t.articles_per_s, 1)} | "
                         f"{_num(t.peak_mb or float('nan'))} | {t.note} |")
    return lines


def checks(ours: list[Timing], cli: list[Timing], peer_speed: dict[str, float]) -> list[str]:
    by = {t.name: t for t in ours + cli}

    def speed(name: str) -> float:
        return by[name].chars_per_s if name in by and by[name].seconds else float("nan")

    def verdict(ok: bool) -> str:
        return "**met**" if ok else "**not met**"

    out = []
    lexrank = peer_speed.get("lexrank", float("nan"))
    rjieba1 = speed("rjieba-j1")
    out.append(f"default install (rjieba), jobs 1, in process: {_num(rjieba1)} chars/s (target >= 450,000): "
               f"{verdict(rjieba1 >= 450_000)}")
    out.append(f"default install (rjieba), jobs 1, over {PEERS['lexrank']}: {_num(rjieba1 / lexrank, 1)}x "
               f"(target >= 6x): {verdict(rjieba1 / lexrank >= 6)}")
    for name in ("cli-1x-j1", "cli-1x-j2"):
        ratio = speed(name) / lexrank
        out.append(f"CLI end to end, THUCNews-1000, jobs {name[-1]}, over {PEERS['lexrank']}: {_num(ratio, 1)}x "
                   f"(target >= 3x): {verdict(ratio >= 3)}")
    jieba1 = speed("jieba-j1")
    out.append(f"--segmenter jieba, jobs 1: {_num(jieba1)} chars/s (target: not slower than issue 16's 68,000): "
               f"{verdict(jieba1 >= 68_000)}")
    if speed("cli-20x-j1") == speed("cli-20x-j1") and speed("cli-20x-j2") == speed("cli-20x-j2"):
        gain = speed("cli-20x-j2") / speed("cli-20x-j1")
        out.append(f"20x corpus (CLI), jobs 1 -> 2: {_num(gain, 2)}x (target >= 1.6x): {verdict(gain >= 1.6)}")
    else:
        out.append("20x corpus, jobs 1 -> 2: not measured in this run (--skip-20x)")
    for segmenter in ("jieba", "rjieba"):
        gain = speed(f"{segmenter}-j2") / speed(f"{segmenter}-j1")
        out.append(f"THUCNews-1000 in process, {segmenter}, jobs 1 -> 2: {_num(gain, 2)}x (no target: a pool "
                   f"costs its start-up here)")
    if "cli-20x-j1" in by and by["cli-20x-j1"].peak_mb and by.get("cli-1x-j1") and by["cli-1x-j1"].peak_mb:
        ratio = by["cli-20x-j1"].peak_mb / by["cli-1x-j1"].peak_mb
        out.append(f"peak memory 20x / 1x (CLI, jobs 1): {by['cli-20x-j1'].peak_mb:,.0f} / "
                   f"{by['cli-1x-j1'].peak_mb:,.0f} MB = {ratio:.2f}x (target < 3x): {verdict(ratio < 3)}")
    else:
        out.append("peak memory 20x / 1x: not measured in this run (--skip-20x)")
    for name in ("dask-j2", "jieba-j2", "rjieba-j2"):
        if name in by and by[name].identical:
            out.append(f"{name} JSONL equals {SAME_AS[name]}'s: {by[name].identical.split()[0]}")
    return out


# -- main -----------------------------------------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data",
                        help="the evaluation data folder (default: ../shared/data from the repository)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per config; the median is reported")
    parser.add_argument("--slow-repeat", type=int, default=None,
                        help="timed runs of the configs with 2 processes (jobs 2, Dask; default: --repeat)")
    parser.add_argument("--peer-docs", type=int, default=100, help="articles the peers are timed on")
    parser.add_argument("--configs", default=",".join(CONFIGS), help=f"which of ours to run ({', '.join(CONFIGS)})")
    parser.add_argument("--skip-20x", action="store_true", help="leave out the CLI run on the 20x corpus")
    parser.add_argument("--repeat-20x", type=int, default=1,
                        help="CLI runs of the 20x corpus per config, jobs 1 and 2 taking turns (default 1)")
    parser.add_argument("--no-cli", action="store_true", help="leave out the CLI runs")
    parser.add_argument("--no-peers", action="store_true", help="leave out the peers")
    parser.add_argument("--no-profile", action="store_true", help=f"leave out the profile ({PROFILE.name})")
    parser.add_argument("--no-write", action="store_true", help="print only; do not write RESULTS.md")
    parser.add_argument("--cli-only", action="store_true",
                        help='only the CLI runs (wall time, memory) and the jieba.analyse + sumy LexRank pair '
                             '(writes section "speed-cli")')
    parser.add_argument("--help-only", action="store_true",
                        help='only the help time of every command (writes section "speed-help")')
    parser.add_argument("--before", metavar="PYTHON", default=None,
                        help="--help-only: also time the tiyao of this interpreter (e.g. another checkout's venv)")
    args = parser.parse_args(argv)
    names = [name.strip() for name in args.configs.split(",") if name.strip()]
    unknown = [name for name in names if name not in CONFIGS]
    if unknown:
        parser.error(f"unknown config(s): {', '.join(unknown)}")

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import logging

    logging.getLogger("jieba").setLevel(logging.WARNING)
    from tiyao.corpus import read_corpus

    load_start = os.getloadavg()[0]
    if args.help_only:
        measured = measure_help(args.repeat, [sys.executable, *([args.before] if args.before else [])])
        text = help_markdown(measured[0], args.repeat, (load_start, os.getloadavg()[0]),
                             measured[1] if args.before else None, BEFORE)
        print(text)
        if not args.no_write:
            from benchmarks._results import write_section

            write_section("speed-help", text)
        return 0
    source = args.data / DATA_FILE
    if args.cli_only:
        documents = list(read_corpus([source]).documents)
        # the pair before and after the CLI runs (this machine's speed drifts): the medians of both sets of runs
        before = ([], {}) if args.no_peers else measure_peers(documents[:args.peer_docs], args.repeat, only=("lexrank",))
        cli = measure_cli(source, sum(len(d.text) for d in documents), len(documents), args.repeat,
                          args.slow_repeat or args.repeat, args.skip_20x, args.repeat_20x)
        pairs = [] if args.no_peers else _pooled(before, measure_peers(documents[:args.peer_docs], args.repeat,
                                                                       only=("lexrank",)), only=("lexrank",))
        text = cli_markdown(cli, pairs, (load_start, os.getloadavg()[0]))
        print(text)
        if not args.no_write and pairs:
            from benchmarks._results import write_section

            write_section("speed-cli", text)
        return 0
    documents = list(read_corpus([source]).documents)
    chars = sum(len(d.text) for d in documents)
    _say(f"{source}: {len(documents)} articles, {chars:,} characters; load average {load_start:.1f}")

    pairs, parts = ([], {}) if args.no_peers else measure_peers(documents[:args.peer_docs], args.repeat)
    ours = measure_ours(documents, names, args.repeat, args.slow_repeat or args.repeat)
    sample = []
    if not args.no_peers and "jieba-j1" in names:
        timing = measure_ours(documents[:args.peer_docs], ["jieba-j1"], args.repeat, args.repeat)[0]
        timing.label = f"tiyao, jieba, jobs 1, on the peers' {len(documents[:args.peer_docs])} articles"
        sample.append(timing)
    profile = ""
    if not args.no_profile:
        _say("profiling one jieba jobs-1 run ...")
        profile = profile_ours(documents)
        PROFILE.write_text(profile, encoding="utf-8")
    cli = [] if args.no_cli else measure_cli(source, chars, len(documents), args.repeat, args.slow_repeat or args.repeat,
                                            args.skip_20x, args.repeat_20x)
    load_end = os.getloadavg()[0]

    text = markdown(ours, sample, cli, pairs, parts, args, (load_start, load_end))
    print(text)
    if profile:
        print(profile)
    if not args.no_write:
        from benchmarks._results import write_section

        write_section("speed", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
