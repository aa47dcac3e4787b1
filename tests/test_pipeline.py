"""The main job through the library: one pass over the seeds, shared state, failures recorded, determinism."""

import json

import pytest

from tiyao.config import PipelineConfig
from tiyao.errors import ConfigError, DocumentError
from tiyao.pipeline import run
from tiyao.types import Document

from .conftest import SEED_TITLES, SEEDS

LOAN_TITLES = {"西集镇计生信贷助推育龄妇女创业", "西集镇计生协会“贷”动计生户创业", "西集镇小额贷款引领计生户致富"}


@pytest.fixture(scope="module")
def seed_report():
    return run([SEEDS], PipelineConfig())


def test_seed_report_has_eight_documents_each_with_keywords_summary_and_theme(seed_report):
    assert tuple(r.title for r in seed_report.documents) == SEED_TITLES
    for result in seed_report.documents:
        assert result.error is None
        assert len(result.keywords) == 10
        assert result.summary
        assert result.theme is not None
    assert sum(theme.size for theme in seed_report.themes) == 8


def test_summary_sentences_are_exact_spans_in_document_order(seed_report):
    for result in seed_report.documents:
        indices = [s.index for s in result.summary]
        assert indices == sorted(indices)
        for sentence in result.summary:
            assert result.document.text[sentence.start:sentence.end] == sentence.text


def test_keywords_occur_in_their_article_and_are_junk_free(seed_report):
    for result in seed_report.documents:
        for keyword in result.keywords:
            assert keyword.term in result.document.text, keyword.term
            assert not any(ch in keyword.term for ch in "*#，。、：“”") and not keyword.term.isdigit()
        assert [k.score for k in result.keywords] == sorted((k.score for k in result.keywords), reverse=True)


def test_the_three_loan_articles_share_a_theme(seed_report):
    themes = {r.theme for r in seed_report.documents if r.title in LOAN_TITLES}
    assert len(themes) == 1


def test_discovered_words_are_shared_by_keywords(seed_report):
    assert "西集镇" in seed_report.new_words
    all_terms = {k.term for r in seed_report.documents for k in r.keywords}
    assert "集镇" not in all_terms  # the fragment of 西集镇 that plain jieba produces


def test_config_is_stored_in_the_report(seed_report):
    data = seed_report.to_dict()
    assert data["config"]["top_k"] == 10 and data["config"]["themes"] == "auto"
    assert list(data) == ["documents", "themes", "failures", "config"]


def test_two_runs_give_byte_identical_json(seed_report):
    assert run([SEEDS], PipelineConfig()).to_json() == seed_report.to_json()


def test_an_empty_article_is_recorded_and_the_others_processed(seed_documents):
    docs = [*seed_documents[:2], Document("empty", "空", "", "<test>"), Document("num", "数", "2013 2014。", "<t>")]
    report = run(docs, PipelineConfig(steps=("keywords", "summary")))
    errors = {r.id: r.error for r in report.documents}
    assert errors["empty"] == "empty after cleaning"
    assert "no Chinese or English words" in errors["num"]
    assert errors[seed_documents[0].id] is None and report.documents[0].keywords
    assert json.loads(report.to_json())["documents"][2]["error"] == "empty after cleaning"


def test_strict_stops_at_the_first_failure(seed_documents):
    with pytest.raises(DocumentError, match="empty"):
        run([seed_documents[0], Document("empty", "", "", "<t>")], PipelineConfig(), strict=True)


def test_bad_config_is_refused_naming_the_field():
    with pytest.raises(ConfigError, match="top_k must be an integer >= 1; got 0"):
        run([SEEDS], PipelineConfig(top_k=0))
    with pytest.raises(ConfigError, match="one summary budget"):
        run([SEEDS], PipelineConfig(sentences=2, max_chars=100))


def test_a_single_article_and_two_articles_work(seed_documents):
    one = run(seed_documents[:1], PipelineConfig())
    assert len(one.themes) == 1 and one.documents[0].theme == 0
    two = run(seed_documents[:2], PipelineConfig())
    assert all(r.keywords and r.summary and r.theme is not None for r in two.documents)


def test_traditional_copy_of_the_seeds_gets_the_traditional_forms_of_the_same_keywords(seed_report):
    from tiyao.script import to_simplified

    from .conftest import ROOT

    report = run([ROOT / "tests" / "data" / "seeds-traditional.md"], PipelineConfig())
    assert len(report.documents) == 8
    for traditional, simplified in zip(report.documents, seed_report.documents):
        terms = [k.term for k in traditional.keywords]
        assert [to_simplified(t) for t in terms] == [k.term for k in simplified.keywords]
        assert all(t in traditional.document.text or t in traditional.title for t in terms)
        assert terms != [k.term for k in simplified.keywords] or traditional.title == simplified.title
        assert [s.index for s in traditional.summary] == [s.index for s in simplified.summary]
        for sentence in traditional.summary:
            assert traditional.document.text[sentence.start:sentence.end] == sentence.text
    def numbers(themes):
        return [[doc_id.split("#")[1] for doc_id in theme.doc_ids] for theme in themes]

    assert numbers(report.themes) == numbers(seed_report.themes)


def test_jobs_two_gives_the_same_report_as_jobs_one(seed_documents, monkeypatch):
    import tiyao.pipeline as pipeline

    monkeypatch.setattr(pipeline, "parallel_min_chars", lambda jobs: 0)  # use the pool even for eight articles
    one = run(seed_documents, PipelineConfig(jobs=1)).to_json()
    two = run(seed_documents, PipelineConfig(jobs=2)).to_json()
    assert two.replace('"jobs": 2', '"jobs": 1') == one


def test_a_too_large_article_is_recorded_and_the_others_processed(seed_documents, monkeypatch):
    import tiyao.pipeline as pipeline

    monkeypatch.setattr(pipeline, "MAX_ARTICLE_CHARS", 1000)
    report = run(seed_documents[:3], PipelineConfig(steps=("keywords",)))
    errors = [r.error for r in report.documents]
    assert errors[0].startswith("too large: 1,255 characters (at most 1,000)")
    assert errors[1:] == [None, None] and report.documents[1].keywords
