"""Every command is the pipeline with a selection of steps (issue 16, item 1): `tiyao keywords`, `summarize` and
`cluster` give the keywords, summaries and themes `tiyao run` gives for the same options, a traditional article
included (analysed through its simplified twin, reported in its own script); `tiyao idf build` is the pipeline's
IDF fit, new words included."""

import json
import shutil

import pytest

from tiyao.cli.main import app

from ..conftest import SEEDS

CITYU = SEEDS.parent / "tests" / "data" / "cityu_article.txt"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    shutil.copy(CITYU, folder / "zz_cityu.txt")  # a Hong Kong news article in traditional characters
    return folder


@pytest.fixture(scope="module")
def ran(corpus):
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["run", str(corpus), "-f", "json", "-q", "-k", "8", "-n", "2"])
    assert result.exit_code == 0, result.stderr
    return {d["id"]: d for d in json.loads(result.stdout)["documents"]}, json.loads(result.stdout)["themes"]


def _json(runner, *args):
    result = runner.invoke(app, [*args, "-f", "json", "-q"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_keywords_command_gives_the_keywords_of_run(runner, corpus, ran):
    documents, _ = ran
    records = _json(runner, "keywords", str(corpus), "-k", "8")
    assert [r["id"] for r in records] == list(documents)
    for record in records:
        assert [(k["term"], round(k["score"], 4)) for k in record["keywords"]] == \
            [(k["term"], k["score"]) for k in documents[record["id"]]["keywords"]]
    traditional = next(r for r in records if r["id"].startswith("zz_cityu"))
    terms = [k["term"] for k in traditional["keywords"]]
    assert "外展社工" in terms and "銅皮鐵骨" in terms  # ranked on the simplified twin, shown as written


def test_summarize_command_gives_the_summaries_of_run(runner, corpus, ran):
    documents, _ = ran
    records = _json(runner, "summarize", str(corpus), "-n", "2")
    assert [r["id"] for r in records] == list(documents)
    for record in records:
        assert [(s["index"], s["text"]) for s in record["summary"]] == \
            [(s["index"], s["text"]) for s in documents[record["id"]]["summary"]]
    traditional = next(r for r in records if r["id"].startswith("zz_cityu"))
    assert all(s["role"] == "body" for s in traditional["summary"]) and "露宿" in traditional["summary"][0]["text"]


def test_cluster_command_gives_the_themes_of_run(runner, corpus, ran):
    documents, themes = ran
    data = _json(runner, "cluster", str(corpus))
    assert [(t["id"], t["label"], t["documents"]) for t in data["themes"]] == \
        [(t["id"], t["label"], t["documents"]) for t in themes]
    assert {r["id"]: r["theme"] for r in data["documents"]} == {i: d["theme"] for i, d in documents.items()}


def test_idf_build_is_the_pipeline_fit_with_new_words(runner, tmp_path):
    out = tmp_path / "idf.tsv"
    result = runner.invoke(app, ["idf", "build", str(SEEDS), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    terms = dict(line.split("\t")[:2] for line in out.read_text(encoding="utf-8").splitlines()[1:])
    assert "西集镇" in terms  # a new word of the corpus, found before the IDF is counted
    assert "集镇" not in terms  # not the fragment jieba cuts it into
    assert "8 documents" in result.stderr


def test_a_command_names_an_article_without_words_and_goes_on(runner, tmp_path):
    (tmp_path / "a.txt").write_text("北京今天下了一场大雨，市民出行受到影响。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("123 456 !!!", encoding="utf-8")
    result = runner.invoke(app, ["keywords", str(tmp_path), "-f", "jsonl", "-q"])
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a.txt"]
    assert "b.txt" in result.stderr and "no Chinese or English words" in result.stderr


@pytest.mark.parametrize("command", [["keywords"], ["summarize"], ["cluster"], ["idf", "build"]])
def test_strict_stops_every_command_at_the_article_without_words(runner, tmp_path, command):
    (tmp_path / "a.txt").write_text("北京今天下了一场大雨，市民出行受到影响。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("123 456 !!!", encoding="utf-8")
    out = tmp_path / "out.txt"
    result = runner.invoke(app, [*command, str(tmp_path), "--strict", "-q", "-o", str(out)])
    assert result.exit_code == 2
    assert "Error: b.txt: no Chinese or English words to analyse" in result.stderr
    assert not out.exists()


def test_run_finds_the_new_words_tiyao_words_lists(runner):
    """New words are found in each article's title and text, by every command as by `tiyao words` (西集镇 is in all
    eight seed titles: counted there, it is the second best new word)."""
    from tiyao import PipelineConfig, run

    listed = [w["word"] for w in _json(runner, "words", str(SEEDS))]
    report = run([SEEDS], PipelineConfig(steps=("keywords",), top_k=1))
    assert list(report.new_words) == listed and listed[:2] == ["两非", "西集镇"]
