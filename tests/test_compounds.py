"""Discovered compounds: not cut as words, read whole by the keyword candidates (tiyao.compounds)."""

from __future__ import annotations

import pickle

from tiyao.compounds import join_compounds, split_compounds, with_new_words
from tiyao.keyterms.candidates import TokenKinds, scan_candidates
from tiyao.segment import Segmenter
from tiyao.types import Document, SegmentedDocument, SegmentedSentence, Sentence, Token
from tiyao.words import WordDiscoverer

TEXT = ("核酸适配体在抗肿瘤药物中应用广泛。结合辽宁省岫岩县林权抵押贷款实施情况，对林权抵押贷款风险因素进行分析。"
        "打击“两非”行为。")


def test_compounds_are_the_new_words_that_hide_known_words():
    split = split_compounds(["两非", "林权抵押贷款", "西部大开发", "海合会", "核酸适配体"])
    assert split.words == ("两非", "海合会")
    assert split.compounds == ("林权抵押贷款", "西部大开发", "核酸适配体")
    assert split_compounds([]).words == ()


def test_the_segmenter_cuts_compounds_into_their_words_and_keeps_them_as_phrases():
    seg = with_new_words(Segmenter(), ["两非", "林权抵押贷款", "核酸适配体"])
    assert seg.phrases == {"林权抵押贷款", "核酸适配体"}
    words = seg.cut(TEXT)
    assert "两非" in words  # a new word that hides no known word is cut as a word
    assert "林权抵押贷款" not in words and "核酸适配体" not in words
    assert pickle.loads(pickle.dumps(seg)).phrases == seg.phrases  # worker processes get them too
    assert seg.with_words(["田军"]).phrases == seg.phrases


def test_join_compounds_reads_each_compound_as_a_cut_that_knows_it_as_a_word():
    seg = with_new_words(Segmenter(), ["林权抵押贷款", "核酸适配体"])
    doc = seg.segment(Document("1", "", TEXT, "<test>"))
    cut = [t.text for t in doc.tokens]
    assert "体在" in cut and "对林权" in cut  # the HMM glued a character of the compound to the word beside it
    joined = join_compounds(doc, seg)
    texts = [t.text for t in joined.tokens]
    assert texts.count("林权抵押贷款") == 2 and texts.count("核酸适配体") == 1
    assert texts[:3] == ["核酸适配体", "在", "抗肿瘤"]
    assert "对" in texts and "风险" in texts
    assert all(TEXT[t.start:t.end] == t.text for t in joined.tokens)
    knowing = Segmenter().with_words(["林权抵押贷款", "核酸适配体"])
    assert texts == [t.text for t in knowing.segment(Document("1", "", TEXT, "<test>")).tokens]
    assert joined.sentences[-1] == doc.sentences[-1]  # a sentence without a compound is not cut again
    assert joined.columns is not None and joined.columns.lexicon is seg.lexicon  # spliced into the article's columns
    assert list(joined.columns.ids[joined.columns.heads[-2]:]) == list(doc.columns.ids[doc.columns.heads[-2]:])
    assert join_compounds(doc, Segmenter()) is doc  # no compounds: the same document


def test_the_sentences_holding_a_compound_are_found_whole_inside_each_sentence():
    from tiyao.compounds import _holding

    compounds = frozenset({"林权抵押贷款", "核酸适配体", "西部大开发"})
    sentences = ["核酸适配体在抗肿瘤药物中应用广泛。", "结合辽宁省岫岩县林权抵押", "贷款实施情况。",
                 "对林权抵押贷款风险因素进行分析。", "西部大", "开发西部大开发。", "打击“两非”行为。"]
    # the sentence 林权抵押 + 贷款 and 西部大 + 开发 join only across a sentence's end: not a compound there
    assert _holding(sentences, compounds) == [0, 3, 5]
    assert _holding(sentences, frozenset({"核酸适配体药物"})) == []  # the opening alone is not the compound
    assert _holding([], compounds) == [] and _holding(["短"], compounds) == []


def test_a_compound_that_straddles_two_dictionary_words_is_not_read_there():
    seg = with_new_words(Segmenter(), ["国柑橘"])  # a fragment a discovery without cleaning can find
    assert seg.phrases == {"国柑橘"}
    text = "中国入世后美国柑橘准入机会及我们的对策"
    doc = seg.segment(Document("1", "", text, "<test>"))
    assert [t.text for t in join_compounds(doc, seg).tokens][:6] == ["中国", "入世", "后", "美国", "柑橘", "准入"]


def test_keyword_candidates_read_a_compound_whole():
    seg = with_new_words(Segmenter(), ["林权抵押贷款", "核酸适配体"])
    doc = seg.segment(Document("1", "", TEXT, "<test>"))
    terms = set(scan_candidates(doc, TokenKinds(seg), 5, 20, True).terms)
    assert {"林权抵押贷款", "核酸适配体"} <= terms
    words_only = scan_candidates(doc, TokenKinds(seg), 1, 20, False).terms
    assert words_only.count("林权抵押贷款") == 2  # one token, so a keyword word even without phrases


def test_a_numeral_before_its_measure_word_and_a_preposition_do_not_make_a_new_word():
    texts = ["另一个问题是资金。另一种办法是贷款。", "另一个村庄。另一位代表。", "另一家企业。另一名记者。"] * 2
    found = [w.word for w in WordDiscoverer(min_pmi=0.0, min_entropy=0.0).fit(texts).words_]
    assert "另一" not in found
    wire = ["据新华社电 记者报道。", "据新华社电 会议召开。", "据新华社电 今天开幕。", "新华社电讯", "新华社消息"]
    found = [w.word for w in WordDiscoverer(min_pmi=0.0, min_entropy=0.0).fit(wire).words_]
    assert "据新华社电" not in found


def test_textrank_reads_the_compounds_too():
    from tiyao.keyterms import TextRankKeywords

    seg = with_new_words(Segmenter(), ["林权抵押贷款", "核酸适配体"])
    doc = seg.segment(Document("1", "林权抵押贷款风险", TEXT, "<test>"))
    ranker = TextRankKeywords(segmenter=seg)
    assert "林权抵押贷款" in ranker.word_scores(doc)
    assert "林权抵押贷款" in [k.term for k in ranker.extract(doc)]
    # a cut that glued the compound's end to the words after it: joined, the sentence has more tokens than cut
    text = "林权抵押贷款风险因素分析"
    sentence = Sentence(0, 0, len(text), text)
    glued = SegmentedDocument(Document("2", "", text, "<test>"), (SegmentedSentence(sentence, (
        Token("林权抵押", "nz", 0, 4), Token("贷款风险因素分析", "nz", 4, 12))),))
    assert [t.text for t in join_compounds(glued, seg).tokens] == ["林权抵押贷款", "风险", "因素", "分析"]
    assert set(ranker.word_scores(glued)) == {"林权抵押贷款", "风险", "因素", "分析"}


def test_themes_read_the_cut_with_the_compounds_in_their_words():
    from tiyao.cluster import ThemeClusterer

    seg = with_new_words(Segmenter(), ["林权抵押贷款", "核酸适配体"])
    doc = seg.segment(Document("1", "", TEXT, "<test>"))
    words, _ = ThemeClusterer(segmenter=seg).scan(doc)
    assert "林权抵押贷款" not in words and words.count("林权") == 1 and "贷款" in words
