"""Issue 8's folder of every bad input through `tiyao run`: results for every readable article, a line for each
unreadable one, exit code 1, no traceback, and the output file complete."""

import json

import pytest

from tiyao.cli.main import app

from ..bad_inputs import EXPECTED, READABLE_IDS, make_bad_input_folder


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return make_bad_input_folder(tmp_path_factory.mktemp("bad"))


def test_run_on_the_bad_input_folder(runner, folder, tmp_path):
    out = tmp_path / "report.jsonl"
    result = runner.invoke(app, ["run", str(folder), "-f", "jsonl", "-o", str(out), "-q"])
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr and result.exception is None or isinstance(result.exception, SystemExit)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_id = {r["id"]: r for r in records}
    for name, expect in EXPECTED.items():
        for doc_id in expect.ids:
            record = by_id[doc_id]
            if expect.run_error:
                assert expect.run_error in record["error"], doc_id
            else:
                assert "error" not in record, (doc_id, record.get("error"))
                assert record["keywords"] and record["summary"] and record["theme"] is not None, doc_id
        if expect.warning:
            assert expect.warning in result.stderr, name
        for fragment in expect.failures:
            assert fragment in result.stderr, fragment
            assert any(fragment in r.get("error", "") for r in records), fragment
    assert [r["id"] for r in records if r["id"] in set(READABLE_IDS)] == list(READABLE_IDS)
    mixed = by_id["mixed.txt"]
    terms = {k["term"] for k in mixed["keywords"]}
    assert {"iPhone", "GPT-4"} & terms or {"AI芯片", "芯片"} & terms


def test_strict_stops_at_the_first_failure_with_exit_2(runner, folder, tmp_path):
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["run", str(folder), "-f", "json", "-o", str(out), "-q", "--strict"])
    assert result.exit_code == 2 and "\nError: emoji.txt: no Chinese or English words" in result.stderr
    assert not out.exists()


# -- every input file accounted for (issue 12 item 1) and read once (issue 15) -----------------------------------

ARTICLE = "西集镇计生协会推出计生信贷，帮助育龄妇女创业致富。截至目前，已发放贷款300万元，扶持创业户120户。"


@pytest.fixture()
def mixed_folder(tmp_path):
    from ..bad_inputs import _png, seed_articles

    folder = tmp_path / "in"
    folder.mkdir()
    for number, article in enumerate(seed_articles()[:4], 1):
        (folder / f"{number}.md").write_text(article, encoding="utf-8")
    (folder / "photo.png").write_bytes(_png())
    (folder / "empty.txt").write_bytes(b"")
    return folder


def test_every_report_format_accounts_for_every_file(runner, mixed_folder, tmp_path):
    # before: the JSON and HTML reports counted only what was read ("4 articles from 4 files" for 6), exit 0
    result = runner.invoke(app, ["run", str(mixed_folder), "-f", "json", "-q"])
    assert result.exit_code == 1, result.stderr
    data = json.loads(result.stdout)
    assert [(f["id"], f["source"]) for f in data["failures"]] == [
        ("empty.txt", str(mixed_folder / "empty.txt")), ("photo.png", str(mixed_folder / "photo.png"))]
    assert "is a PNG image, not text" in data["failures"][1]["error"]
    counts = "4 篇文章 articles · 来自 6 个文件 from 6 files · 2 篇未能读取 not read"  # Chinese, English beside
    for fmt, line in [("md", f"# 提要 · {counts}"), ("html", f"<h1>{counts}</h1>"),
                      ("table", "4 篇文章 articles from 6 files, 2 not read")]:
        result = runner.invoke(app, ["run", str(mixed_folder), "-f", fmt, "-q"])
        assert result.exit_code == 1 and line in result.stdout, fmt
    for fmt in ("jsonl", "csv"):
        result = runner.invoke(app, ["run", str(mixed_folder), "-f", fmt, "-q"])
        assert result.exit_code == 1 and "photo.png" in result.stdout and "empty.txt" in result.stdout, fmt
        assert "Warning: " in result.stderr and "photo.png is a PNG image" in result.stderr


def test_a_report_written_into_the_input_folder_is_not_read_back(runner, mixed_folder):
    # before: the second run read the first run's report as records ("has no 'text' field" for every line)
    (mixed_folder / "photo.png").unlink()
    (mixed_folder / "empty.txt").unlink()
    out = mixed_folder / "report.jsonl"
    first = runner.invoke(app, ["run", str(mixed_folder), "-f", "jsonl", "-o", str(out), "-q"])
    written = out.read_text(encoding="utf-8")
    second = runner.invoke(app, ["run", str(mixed_folder), "-f", "jsonl", "-o", str(out), "-q"])
    assert first.exit_code == second.exit_code == 0, second.stderr
    assert out.read_text(encoding="utf-8") == written
    assert "report.jsonl: it is a JSONL report written by tiyao, not articles" in second.stderr


def test_cluster_never_puts_an_article_without_words_into_a_theme(runner, mixed_folder):
    # before: an emoji-only article was given a theme, with exit status 0
    (mixed_folder / "photo.png").unlink()
    (mixed_folder / "empty.txt").unlink()
    (mixed_folder / "emoji.txt").write_text("😀🎉✨ ★☆※\n\n2013 100%", encoding="utf-8")
    result = runner.invoke(app, ["cluster", str(mixed_folder), "-f", "jsonl", "--themes", "2"])
    assert result.exit_code == 1
    assert "emoji.txt" not in result.stdout
    assert "Warning: emoji.txt: no Chinese or English words to analyse" in result.stderr  # named as `run` names it


def test_stdin_through_dev_stdin_is_read_once_in_a_streamed_run(tmp_path):
    # before: `cat f | tiyao run /dev/stdin -f jsonl` wrote 0 lines with exit status 0
    import subprocess
    import sys

    from ..conftest import SEEDS

    data = (SEEDS / "xiji-town-2013.md").read_bytes()
    done = subprocess.run([sys.executable, "-m", "tiyao.cli.main", "run", "/dev/stdin", "-f", "jsonl", "-q",
                           "--no-new-words"], input=data, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    assert len(done.stdout.decode().splitlines()) == 8
