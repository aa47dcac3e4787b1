"""`tiyao run` and `tiyao` alone: every format parses, -o is atomic, no arguments means the seeds."""

import csv
import io
import json
from html.parser import HTMLParser

import pytest

from tiyao.cli.main import app

from ..conftest import SEED_TITLES, SEEDS


@pytest.fixture(scope="module")
def json_report():
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["run", str(SEEDS), "-f", "json", "-q"])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_json_report_shape(json_report):
    data = json.loads(json_report)
    assert list(data) == ["documents", "themes", "failures", "config"]
    assert [d["title"] for d in data["documents"]] == list(SEED_TITLES)
    for document in data["documents"]:
        assert list(document)[:5] == ["id", "title", "theme", "keywords", "summary"]
        assert document["keywords"] and all(set(k) == {"term", "score"} for k in document["keywords"])
        assert document["summary"] and all(set(s) == {"index", "text"} for s in document["summary"])
    for theme in data["themes"]:
        assert list(theme) == ["id", "label", "size", "representative", "documents", "digest"]
        assert all(set(s) == {"id", "index", "text"} and s["id"] in theme["documents"] for s in theme["digest"])
        assert theme["size"] == len(theme["documents"]) and theme["representative"] in theme["documents"]


def test_tiyao_alone_equals_tiyao_run_seeds(runner, json_report):
    alone = runner.invoke(app, ["run", "-f", "json", "-q"])
    assert alone.exit_code == 0
    assert alone.stdout == json_report


def test_tiyao_with_no_arguments_prints_the_themed_report(runner):
    result = runner.invoke(app, [])
    assert result.exit_code == 0, result.stderr
    assert "主题 1" in result.stdout and "关键词" in result.stdout and "摘要" in result.stdout
    for title in SEED_TITLES:
        assert title in result.stdout


def test_jsonl_has_one_article_per_line_with_the_json_fields(runner, json_report):
    result = runner.invoke(app, ["run", str(SEEDS), "-f", "jsonl", "-q"])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines == json.loads(json_report)["documents"]


def test_csv_parses_with_one_row_per_article(runner):
    result = runner.invoke(app, ["run", str(SEEDS), "-f", "csv", "-q"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["title"] for r in rows] == list(SEED_TITLES)
    assert all(r["keywords"] and r["summary"] and r["theme"] != "" for r in rows)


def test_markdown_is_a_readable_document(runner):
    result = runner.invoke(app, ["run", str(SEEDS), "-f", "md", "-q"])
    assert result.stdout.startswith("# ")
    assert result.stdout.count("\n### ") == 8 and "**关键词 Keywords:**" in result.stdout


def test_html_parses_and_is_self_contained(runner, tmp_path):
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["run", str(SEEDS), "-f", "html", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")

    class Collector(HTMLParser):
        tags: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)

    collector = Collector()
    collector.feed(html)
    assert "svg" in collector.tags and "circle" in collector.tags
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    for title in SEED_TITLES:
        assert title.replace("“", "&ldquo;") in html or title in html


def test_output_is_written_atomically_and_a_failed_run_leaves_no_file(runner, tmp_path):
    out = tmp_path / "out.json"
    assert runner.invoke(app, ["run", str(SEEDS), "-f", "json", "-o", str(out), "-q"]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["documents"]
    bad = tmp_path / "bad.json"
    result = runner.invoke(app, ["run", str(tmp_path / "missing"), "-f", "json", "-o", str(bad), "-q"])
    assert result.exit_code == 2 and not bad.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_interrupted_write_leaves_no_file(tmp_path, monkeypatch):
    from tiyao.cli import output

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    out = tmp_path / "report.json"
    monkeypatch.setattr(output.os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        output.write_text("{}", out)
    assert list(tmp_path.iterdir()) == []


def test_bad_option_values_are_errors_with_exit_2(runner):
    result = runner.invoke(app, ["run", str(SEEDS), "--themes", "many"])
    assert result.exit_code == 2 and "themes must be 'auto' or an integer" in result.stderr
    result = runner.invoke(app, ["run", str(SEEDS), "--sentences", "2", "--max-chars", "80"])
    assert result.exit_code == 2 and "one summary budget" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_quiet_run_says_nothing_on_stderr():
    # jieba 0.42 imports pkg_resources, which warns on current setuptools: that warning reached the user when
    # jieba was first imported through importlib.resources (reading its dictionary) instead of tiyao's own import
    import subprocess
    import sys

    script = "import sys; from tiyao.cli import main; sys.argv[0] = 'tiyao'; main()"
    result = subprocess.run([sys.executable, "-c", script, "run", str(SEEDS), "-q", "-f", "json"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0
    assert result.stderr == ""
    assert '"documents"' in result.stdout
