"""The Step contract (tiyao.steps): the pipeline runs any selection of steps, results are keyed by step name, and
a new step is its class plus one line in the registry (the README's example, run here as written)."""

import contextlib
import io
import json
import os

import pytest

from tiyao import steps
from tiyao.config import PipelineConfig
from tiyao.errors import ConfigError
from tiyao.pipeline import run, stream

from .conftest import ROOT, SEEDS
from .test_api import _readme_block


@pytest.fixture()
def registry(monkeypatch):
    """A copy of the step registry, so that a step registered in a test stays in the test."""
    monkeypatch.setattr(steps, "STEP_TYPES", dict(steps.STEP_TYPES))
    return steps.STEP_TYPES


def _readme_step(registry):
    out = io.StringIO()
    namespace = {"__name__": "__readme__"}
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(_readme_block("step-example", "python"), "README.md", "exec"), namespace)
    finally:
        os.chdir(cwd)
    return namespace["SentenceLengthStep"], out.getvalue()


def test_readme_step_runs_and_prints_what_the_readme_shows(registry):
    step, printed = _readme_step(registry)
    assert registry["sentence_length"] is step
    assert printed == _readme_block("step-output", "text")


def test_a_new_step_is_in_every_record_and_streams_like_run(registry):
    _readme_step(registry)
    config = PipelineConfig(steps=("summary", "sentence_length"), sentences=1)
    report = run([SEEDS], config)
    record = report.document_record(report.documents[1])
    assert list(record)[:6] == ["id", "title", "theme", "keywords", "summary", "sentence_length"]
    assert record["keywords"] == [] and record["theme"] is None  # steps not run: their empty value
    means = [r.results["sentence_length"]["mean"] for r in report.documents]
    ratios = [r.results["sentence_length"]["to_corpus"] for r in report.documents]
    assert len(set(means)) > 1 and min(ratios) < 1 < max(ratios)  # the articles differ, around the corpus mean
    _, results = stream([SEEDS], config)  # the analysis pass segments again: same results
    assert report.to_jsonl() == "".join(json.dumps(report.document_record(r), ensure_ascii=False) + "\n"
                                        for r in results)


def test_the_pipeline_runs_any_selection_of_steps():
    texts = ["北京今天下了一场大雨，市民出行受到影响。气象台发布暴雨预警。", "上海明天有雨，气温下降。"]
    only_keywords = run(texts=texts, config=PipelineConfig(steps=("keywords",), top_k=3))
    assert [set(r.results) for r in only_keywords.documents] == [{"keywords"}, {"keywords"}]
    assert only_keywords.documents[0].keywords and only_keywords.documents[0].summary == ()
    assert only_keywords.themes == ()
    both = run(texts=texts, config=PipelineConfig(steps=("keywords", "summary"), top_k=3))
    assert [r.keywords for r in both.documents] == [r.keywords for r in only_keywords.documents]
    assert [r.summary[0].text for r in both.documents] == ["北京今天下了一场大雨，市民出行受到影响。",
                                                          "上海明天有雨，气温下降。"]


def test_an_unknown_step_is_named():
    with pytest.raises(ConfigError, match="steps must be among keywords, summary, themes; got 'sentiment'"):
        run(texts=["北京今天下雨。"], config=PipelineConfig(steps=("sentiment",)))


def test_a_step_with_a_markdown_method_is_written_in_each_article_section(registry):
    step, _ = _readme_step(registry)

    class WithMarkdown(step):
        @staticmethod
        def markdown(result):
            return [f"**句长 Sentence length:** {result['mean']}", ""]

    registry["sentence_length"] = WithMarkdown
    report = run([SEEDS], PipelineConfig(steps=("summary", "sentence_length"), sentences=1))
    markdown = report.to_markdown()
    assert markdown.count("**句长 Sentence length:**") == len(report.documents) == 8
    first = report.documents[0]
    section = markdown[markdown.index(f"`{first.id}`"):]
    assert section.index("**摘要 Summary:**") < section.index(f"**句长 Sentence length:** {first.results['sentence_length']['mean']}")
