"""Specific over generic (issue 13, item 2): a word's genericness is measured, and ranks keywords and theme labels."""

from __future__ import annotations

import pytest

from tiyao.keyterms.generic import (BACKGROUND_LINE, SPREAD_WEIGHT, VERB_WEIGHT, genericness, spread_factor,
                                    specificities)
from tiyao.keyterms.tfidf import TfidfKeywords
from tiyao.segment import Segmenter
from tiyao.types import Document


def test_each_signal_is_measured_on_data_not_listed():
    service = genericness("服务")  # jieba: IDF 0.38 of the largest, tagged vn
    assert service.background == pytest.approx(0.384 / BACKGROUND_LINE, abs=0.01)
    assert service.part_of_speech == VERB_WEIGHT
    seedling = genericness("苗木")  # rare in general Chinese, a noun
    assert seedling.background == 1.0 and seedling.part_of_speech == 1.0
    assert genericness("两非").specificity == 1.0  # a new word the table lacks: no evidence against it
    assert genericness("工作人员").background < 1.0 and genericness("工作人员").part_of_speech == 1.0


def test_spread_over_the_corpus_units_lowers_specificity_from_one_unit_to_all():
    assert spread_factor(1, 8) == 1.0 and spread_factor(5, 1) == 1.0  # one article, or a corpus of one
    assert spread_factor(8, 8) == pytest.approx(1 - SPREAD_WEIGHT)
    assert spread_factor(2, 8) > spread_factor(4, 8) > spread_factor(6, 8)
    values = specificities(["苗木", "苗木"], holding=[1, 8], units=8)
    assert values[0] == 1.0 and values[1] == pytest.approx(1 - SPREAD_WEIGHT)
    assert specificities(["服务"], line=0.0)[0] == VERB_WEIGHT  # the background line off: only the tag speaks


def test_genericness_of_one_word_matches_the_vectorised_form():
    for word, holding in (("服务", 6), ("办理", 4), ("计生户", 2), ("辖区", 1)):
        one = genericness(word, holding=holding, units=8).specificity
        assert specificities([word], holding=[holding], units=8)[0] == pytest.approx(one)


def test_a_word_in_many_seed_articles_gives_its_slot_to_one_of_the_article(monkeypatch):
    import tiyao.keyterms.generic as generic
    from tiyao import read_corpus

    seg = Segmenter()
    docs = [seg.segment(d) for d in read_corpus(["seeds"]).documents]
    office = docs[4]  # 西集镇计生办采纳人大建议简化办证程序: 办理 is in 4 of the 8 articles, 服务 in 6
    extractor = TfidfKeywords(top_k=10).fit(docs)
    cands, measured = extractor.scores(office)
    ranked = [k.term for k in extractor.extract(office)]
    monkeypatch.setattr(generic, "SPREAD_WEIGHT", 0.0)
    monkeypatch.setattr(generic, "VERB_WEIGHT", 1.0)
    _, plain = extractor.scores(office)
    before = [k.term for k in extractor.extract(office)]
    at = cands.index()
    assert measured[at["办理"]] / plain[at["办理"]] == pytest.approx(1 - SPREAD_WEIGHT * 3 / 7)
    assert measured[at["服务"]] / plain[at["服务"]] == pytest.approx((1 - SPREAD_WEIGHT * 5 / 7) * VERB_WEIGHT)
    assert measured[at["办证"]] == plain[at["办证"]]  # in this article only, rare in general Chinese
    assert "办理" in before and "办理" not in ranked and "办证" in ranked


def test_seed_keywords_and_theme_labels_hold_no_measured_generic_word():
    from tiyao import read_corpus
    from tiyao.pipeline import run

    report = run(["seeds"])
    generic = {"服务", "办理", "人口", "规范"}  # measured generic in the seeds (see the module docs)
    for result in report.documents:
        assert not generic & {k.term for k in result.keywords}, result.document.title
    for theme in report.themes:
        assert not generic & set(theme.label), theme.label
    assert len(read_corpus(["seeds"]).documents) == len(report.documents) == 8
