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
