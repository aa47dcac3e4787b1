"""The CLI's base: help, version, corpus, segment, error messages and exit codes (via CliRunner)."""

import json
import os
import subprocess
import sys

from tiyao.cli.main import app
from tiyao import __version__

from ..conftest import ROOT, SEED_TITLES, SEEDS


def test_help_lists_the_commands(runner):
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("corpus", "segment"):
        assert command in result.stdout


def test_version(runner):
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"tiyao {__version__}\n")


def test_corpus_jsonl_prints_eight_lines_titled_by_the_seed_headings(runner):
    result = runner.invoke(app, ["corpus", str(SEEDS), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert tuple(r["title"] for r in records) == SEED_TITLES
    assert all(r["chars"] > 400 and r["sentences"] >= 7 for r in records)
    assert result.stderr == ""


def test_corpus_csv_and_json_parse(runner):
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["corpus", str(SEEDS), "-f", "csv"]).stdout)))
    assert [r["title"] for r in rows] == list(SEED_TITLES)
    data = json.loads(runner.invoke(app, ["corpus", str(SEEDS), "-f", "json"]).stdout)
    assert len(data) == 8 and data[0]["id"] == "xiji-town-2013.md#1"


def test_corpus_reads_stdin(runner):
    result = runner.invoke(app, ["corpus", "-", "-f", "jsonl"], input="## 标题\n\n正文一句。正文两句。\n")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {"id": "stdin", "title": "标题", "chars": 10, "sentences": 2,
                                         "source": "<stdin>"}


def test_segment_jsonl_and_pos(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("西集镇计生协会推出计生信贷。GPT-4发布了。", encoding="utf-8")
    result = runner.invoke(app, ["segment", str(path), "-f", "jsonl", "--pos"])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    words = [w for sentence in record["sentences"] for w in sentence]
    assert "协会/n" in words and "GPT-4/eng" in words and not any(w.startswith("。") for w in words)


def test_user_dictionary_changes_segmentation(runner, tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("开展计生信贷助富活动。", encoding="utf-8")
    user = tmp_path / "user.txt"
    user.write_text("计生信贷助富 10 nz\n", encoding="utf-8")
    plain = json.loads(runner.invoke(app, ["segment", str(text), "-f", "jsonl"]).stdout)
    custom = json.loads(runner.invoke(app, ["segment", str(text), "-f", "jsonl", "--user-dict", str(user)]).stdout)
    assert "计生信贷助富" not in plain["sentences"][0]
    assert "计生信贷助富" in custom["sentences"][0]


def test_missing_path_is_an_error_with_exit_2_and_no_traceback(runner):
    result = runner.invoke(app, ["corpus", "no/such/folder"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: no such file or folder: no/such/folder")
    assert "Traceback" not in result.stderr


def test_undecodable_file_is_an_error_naming_the_file(runner, tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\x81\xff\xfe\xfd\x80" * 5)
    result = runner.invoke(app, ["corpus", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and "broken.txt" in result.stderr
    assert "--encoding" in result.stderr and "Traceback" not in result.stderr


def test_empty_folder_is_an_error(runner, tmp_path):
    result = runner.invoke(app, ["corpus", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no readable articles in folder")


def test_unknown_encoding_is_an_error(runner):
    result = runner.invoke(app, ["corpus", str(SEEDS), "--encoding", "klingon"])
    assert result.exit_code == 2 and "unknown encoding 'klingon'" in result.stderr


def test_broken_record_is_reported_the_others_printed_and_exit_1(runner, tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "1", "text": "第一条。"}\n{broken\n', encoding="utf-8")
    result = runner.invoke(app, ["corpus", str(path), "-f", "jsonl"])
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["1"]
    assert "line 2" in result.stderr and "broken JSON" in result.stderr


def test_output_file_in_a_missing_folder_fails_before_work(runner, tmp_path):
    result = runner.invoke(app, ["corpus", str(SEEDS), "-o", str(tmp_path / "missing" / "out.json")])
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_output_file_is_written(runner, tmp_path):
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["corpus", str(SEEDS), "-f", "jsonl", "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert len(out.read_text(encoding="utf-8").splitlines()) == 8
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_console_script_runs_in_a_real_subprocess():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "tiyao.cli.main", "--help"], capture_output=True, text=True, env=env,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 0 and "corpus" in result.stdout
