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


def test_a_step_that_says_how_it_is_written_shows_in_every_format(registry):
    """A new step shows in CSV, the terminal and the HTML page by its own methods (tiyao.views): no writer names
    it, and the steps it does not replace are written as before."""
    from tiyao.cli.output import render
    from tiyao.cli.report_view import report_view
    from tiyao.report import csv_fields
    from tiyao.report_html import render_html
    from tiyao.views import TerminalRow

    step, _ = _readme_step(registry)

    class Shown(step):
        csv_fields = ("sentence_length",)

        @staticmethod
        def csv(result, themes):
            return {"sentence_length": "" if result is None else result["mean"]}

        @staticmethod
        def terminal(result):
            return [TerminalRow("句长", ((f"平均 {result['mean']} 字", "dim"),))]

        @staticmethod
        def html(result, document):
            return "" if result is None else f'<p class="len">句长 {result["mean"]}</p>\n'

        @staticmethod
        def stats(results):
            return [(sum(1 for r in results if r is not None), "篇量过句长 measured")]

        @staticmethod
        def settings(config):
            return "sentence length: mean"

    registry["sentence_length"] = Shown
    config = PipelineConfig(steps=("keywords", "summary", "sentence_length"), sentences=1, top_k=3)
    report = run([SEEDS], config)
    means = [r.results["sentence_length"]["mean"] for r in report.documents]
    assert csv_fields() == ("id", "title", "theme", "theme_label", "keywords", "summary", "sentence_length", "error",
                            "date", "author", "site", "url")
    assert [row["sentence_length"] for row in report.csv_rows()] == means
    assert report.csv_rows()[1]["keywords"] == "、".join(k.term for k in report.documents[1].keywords)
    terminal = render(report_view(report), width=100)
    assert terminal.count("句长") == 8 and f"平均 {means[1]} 字" in terminal
    assert terminal.index("摘要") < terminal.index("句长")  # in the registry's order, after the steps before it
    html = render_html(report)
    assert html.count('<p class="len">') == 8 and f"句长 {means[0]}</p>" in html
    assert "<b>8</b> 篇量过句长 measured" in html
    assert "keywords: tfidf, top 3, IDF blend, phrases · summary: textrank, 1 sentence · sentence length: mean · " \
           "segmenter: auto" in html


def test_document_frequencies_add_up_across_chunks_in_place():
    from collections import Counter

    from tiyao.keywords_step import KeywordsStep

    first = KeywordsStep.combine([["计生户", "小额贷款"], ["计生户", "信用联社"]])
    assert first == Counter({"计生户": 2, "小额贷款": 1, "信用联社": 1})
    both = KeywordsStep.combine([first, ["计生户", "合作社"]])  # the next chunk's articles
    assert both is first  # the running total grows; it is not copied at every chunk
    assert both == Counter({"计生户": 3, "小额贷款": 1, "信用联社": 1, "合作社": 1})
