"""Progress from the first second (issue 14, item 4): the library calls back from the start with known totals,
per article; the CLI draws it on a terminal's stderr only, and -q/--quiet is on every command."""

from __future__ import annotations

import io
import json
import time
from itertools import groupby
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tiyao
from tiyao.cli.main import app
from tiyao.cli.progress import progress_bar
from tiyao.config import PipelineConfig

ROOT = Path(__file__).resolve().parent.parent.parent
SEEDS = ROOT / "seeds"
COMMANDS = ["run", "fit", "corpus", "segment", "summarize", "keywords", "words", "cluster", "idf build"]


def _stages(calls):
    return [(stage, list(group)) for stage, group in groupby(calls, key=lambda call: call[0])]


def _corpus(tmp_path: Path) -> Path:
    """Three articles, one of them empty after cleaning (an error record) and one unreadable line."""
    lines = [json.dumps({"id": "a", "title": "暴雨", "text": "北京今天下了一场大雨。市民出行受到影响。气象台发布暴雨预警。"},
                        ensure_ascii=False),
             json.dumps({"id": "b", "title": "空", "text": "1234"}, ensure_ascii=False),
             "{broken",
             json.dumps({"id": "c", "title": "新国标", "text": "电动自行车新国标发布。新国标规定最高车速不超过每小时25公里。"},
                        ensure_ascii=False)]
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("streamed", [False, True])
def test_pipeline_reports_from_the_start_with_known_totals(tmp_path, streamed):
    path = _corpus(tmp_path)
    calls: list[tuple[str, int, int]] = []
    config = PipelineConfig(themes=1)
    if streamed:
        fit, results = tiyao.stream([path], config, progress=lambda *call: calls.append(call))
        list(results)
    else:
        tiyao.run([path], config, progress=lambda *call: calls.append(call))
    stages = _stages(calls)
    names = [name for name, _ in stages]
    assert names[0] == "read" and calls[0] == ("read", 1, 0)  # before any work on the articles
    assert names.index("read") < names.index("words") < names.index("segment") < names.index("themes") \
        < names.index("analyse")
    segment = dict(stages)["segment"]
    assert segment == [("segment", 1, 2), ("segment", 2, 2)]  # a tick per article; 2 usable of 4 records
    analyse = dict(stages)["analyse"]
    assert {total for _, _, total in analyse} == {4} and analyse[-1] == ("analyse", 4, 4)
    assert [done for _, done, _ in analyse] == sorted(done for _, done, _ in analyse)


def test_other_library_steps_report_per_article():
    documents = tiyao.read_corpus([SEEDS]).documents
    from tiyao.cluster import cluster_corpus
    from tiyao.keyterms import corpus_keywords

    calls: list[tuple[str, int, int]] = []
    corpus_keywords(documents, top_k=3, progress=lambda *call: calls.append(call))  # the pipeline's stages
    assert [name for name, _ in _stages(calls)] == ["read", "words", "segment", "analyse"]
    assert calls[-1] == ("analyse", 8, 8) and ("segment", 8, 8) in calls
    calls.clear()
    cluster_corpus(documents, themes=2, progress=lambda *call: calls.append(call))
    assert [name for name, _ in _stages(calls)] == ["read", "words", "segment", "themes", "analyse"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_display_draws_stage_lines_then_bars_with_count_and_rate():
    stream = _Terminal()
    with progress_bar(True, stream) as progress:
        assert progress is not None
        time.sleep(0.25)  # the display draws the first stage line at once, on its own clock
        progress("read", 12, 0)
        progress("words", 0, 0)
        for done in range(1, 11):
            progress("segment", done, 10)
            time.sleep(0.03)
        time.sleep(0.25)
    drawn = stream.getvalue()
    assert "读取 reading" in drawn and "新词 finding new words" in drawn and "分词 segmenting" in drawn
    assert "12 篇" in drawn  # the articles counted while reading
    assert "10/10 篇" in drawn and "篇/s" in drawn  # the bar: done/total and the rate
    assert "0:00:0" in drawn  # the clock


def test_no_display_when_quiet_or_not_a_terminal():
    with progress_bar(False, _Terminal()) as progress:
        assert progress is None
    with progress_bar(True, io.StringIO()) as progress:
        assert progress is None


@pytest.mark.parametrize("command", COMMANDS)
def test_quiet_is_an_option_of_every_command(command):
    result = CliRunner().invoke(app, [*command.split(), "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "--quiet" in result.output and "-q" in result.output


def test_quiet_runs_and_progress_never_reaches_stdout_or_a_pipe():
    runner = CliRunner()
    for args in (["corpus", str(SEEDS), "-q", "--format", "jsonl"], ["-q", "corpus", str(SEEDS), "--format", "jsonl"],
                 ["corpus", str(SEEDS), "--format", "jsonl"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert len(lines) == 8 and all(line.startswith("{") for line in lines)
        assert "reading" not in result.stderr  # stderr here is not a terminal


@pytest.mark.parametrize("args", [["-q", "corpus", str(SEEDS), "--format", "jsonl"],
                                  ["-q", "idf", "build", str(SEEDS), "-o", "{tmp}/idf.txt"],
                                  ["corpus", str(SEEDS), "--format", "jsonl", "-q"]])
def test_a_quiet_flag_before_or_after_the_command_turns_its_progress_display_off(args, monkeypatch, tmp_path):
    import contextlib

    from tiyao.cli.commands import corpus, idf

    asked: list[bool] = []

    @contextlib.contextmanager
    def recording(enabled, stream=None):
        asked.append(enabled)
        yield None

    monkeypatch.setattr(corpus, "progress_bar", recording)
    monkeypatch.setattr(idf, "progress_bar", recording)
    result = CliRunner().invoke(app, [a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 0, result.output
    assert asked == [False]
    asked.clear()
    loud = [a.format(tmp=tmp_path) for a in args if a != "-q"]
    assert CliRunner().invoke(app, loud).exit_code == 0
    assert asked == [True]
