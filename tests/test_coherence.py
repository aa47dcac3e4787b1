"""Summaries pick a sentence that leans on the one before only together with it (tiyao.coherence, summarizer)."""

from __future__ import annotations

import pytest

from tiyao.coherence import needs_previous
from tiyao.segment import Segmenter
from tiyao.summarizer import LeadSummarizer, TextRankSummarizer, body_sentences
from tiyao.types import Document


@pytest.mark.parametrize("text", ["他表示，球队会尽快调整。", "但是，房价仍在上涨。", "小试成功后，2007年田军成立了合作社。",
                                  "这处工厂位于城郊。", "“其中最受关注的是住宅地块。", "此外，基金认购超过7亿元。",
                                  "该镇计划生育户积极创业。", "与此同时，银行收紧信贷。",
                                  "帝曰：归我中夏，遵守祖风，留遗汴梁。”", "留遗汴梁」"])  # (a quotation's rest)
def test_openings_that_refer_back(text):
    assert needs_previous(text)


@pytest.mark.parametrize("text", ["枣庄市山亭区西集镇采取多项措施。", "并购重组是今年的热点。", "也门局势紧张。",
                                  "2013年，全镇出生人口下降。", "还款期限为三年。", "", "“”",
                                  "碑文说：“归我中夏，遵守祖风。”", "“归我中夏”四字刻在碑上。",
                                  "申请赴德签证要懂“窍门”，就会避免许多麻烦。”"])  # (a stray mark at the end)
def test_openings_that_stand_alone(text):
    assert not needs_previous(text)


SEG = Segmenter()
# The loan story: sentence 2 leans on 1 ("小试成功后"), sentence 4 on 3 ("他表示").
STORY = ("田军是西集镇的苗木种植户。田军2003年贷款种植苗木，试种了十亩绿化苗木。小试成功后，田军贷款流转土地四十亩，"
         "成立了苗木合作社，苗木收入逐年递增。苗木合作社带动十七户社员种植苗木。他表示，苗木合作社还要扩大苗木种植。")


def _picked(summarizer, text=STORY, title=""):
    return [s.index for s in summarizer.summarize(SEG.segment(Document("a", title, text, "-"))).sentences]


def test_a_sentence_that_leans_back_comes_with_the_one_before_or_not_at_all():
    for n in (1, 2, 3, 4):
        picked = _picked(TextRankSummarizer(sentences=n))
        assert len(picked) <= n
        for index in picked:
            if index in (2, 4):
                assert index - 1 in picked, (n, picked)


def test_a_character_budget_counts_the_sentence_it_leans_on():
    doc = SEG.segment(Document("a", "", STORY, "-"))
    for budget in (20, 40, 60, 90):
        picked = TextRankSummarizer(max_chars=budget).summarize(doc).sentences
        assert sum(len(s.text) for s in picked) <= budget or len(picked) == 1
        assert all(not needs_previous(s.text) or s.index - 1 in {p.index for p in picked} for s in picked)


def test_a_first_line_repeating_the_title_is_not_body_text():
    title = "西集镇计生信贷助推育龄妇女创业"
    doc = SEG.segment(Document("a", title, title + "　枣庄市山亭区西集镇农村信用联社发放小额贷款。计生户创业致富。", "-"))
    first = body_sentences(doc)[0]
    assert first.text == "枣庄市山亭区西集镇农村信用联社发放小额贷款。"
    assert doc.document.text[first.start:first.end] == first.text
    summary = TextRankSummarizer(sentences=1).summarize(doc).text
    assert not summary.startswith("西集镇计生信贷")
    assert LeadSummarizer(sentences=1).summarize(doc).text == "枣庄市山亭区西集镇农村信用联社发放小额贷款。"


def test_a_background_lede_does_not_crowd_out_the_sentence_carrying_the_title():
    title = "宝马沈阳新工厂投产"
    text = ("汽车工业是国民经济的重要支柱产业，近年来各地纷纷出台政策扶持汽车产业发展，产业规模不断扩大。"
            "产业集群效应逐步显现，零部件配套能力持续提升，汽车消费市场保持稳定增长。"
            "昨日，宝马沈阳新工厂正式投产，年产能达到三十万辆。"
            "汽车产业的发展也带动了钢铁、橡胶和电子等相关产业的发展。")
    picked = _picked(TextRankSummarizer(sentences=1), text, title)
    assert picked == [2]
    assert _picked(TextRankSummarizer(sentences=1), text, "") == [0]  # without a title the lede leads
