"""Traditional Chinese: detection, a same-length simplified twin, and terms mapped back to the original script."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiyao.corpus import read_corpus
from tiyao.script import ScriptTwin, is_traditional, to_original_script, to_simplified, traditional_share

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).parent.parent / "seeds" / "xiji-town-2013.md"


@pytest.fixture(scope="module")
def cityu() -> str:
    return (DATA / "cityu_article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seeds_text() -> str:
    return SEEDS.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seeds_traditional() -> str:
    return (DATA / "seeds-traditional.md").read_text(encoding="utf-8")


# -- detection ------------------------------------------------------------------------------------------------

def test_cityu_news_is_traditional(cityu):
    assert is_traditional(cityu)
    only, han = traditional_share(cityu)
    assert only / han > 0.15


def test_seed_articles_are_simplified_and_their_copies_traditional(seeds_text, seeds_traditional):
    assert not is_traditional(seeds_text)
    assert traditional_share(seeds_text)[0] == 0
    assert is_traditional(seeds_traditional)
    for document in read_corpus([DATA / "seeds-traditional.md"]).documents:
        assert is_traditional(document.text), document.id
    for document in read_corpus([SEEDS]).documents:
        assert not is_traditional(document.text), document.id


def test_a_quoted_traditional_name_does_not_tip_a_simplified_article(seeds_text):
    article = seeds_text[:2000] + "据《蘋果日報》报道。"
    assert not is_traditional(article)


def test_detection_on_text_without_chinese():
    assert not is_traditional("")
    assert not is_traditional("Apple released the iPhone 15. 2013 12345")
    assert not is_traditional("這")  # one character is not enough to tell


# -- the simplified twin ----------------------------------------------------------------------------------------

def test_simplified_twin_keeps_length_and_offsets(cityu):
    twin = to_simplified(cityu)
    assert len(twin) == len(cityu)
    assert twin.startswith("「练得铜皮铁骨」露宿早惯蚊叮")
    assert "露宿者日间多到商场等冷气场所避暑" in twin
    assert not is_traditional(twin)
    # punctuation, digits and line breaks stay where they were
    assert [i for i, ch in enumerate(cityu) if not ch.isalpha()] == [i for i, ch in enumerate(twin) if not ch.isalpha()]


def test_traditional_seeds_convert_back_to_the_seeds(seeds_text, seeds_traditional):
    assert len(seeds_traditional) == len(seeds_text)
    assert seeds_traditional != seeds_text
    assert to_simplified(seeds_traditional) == seeds_text


def test_simplified_text_is_left_as_it_is(seeds_text):
    assert to_simplified(seeds_text) == seeds_text


def test_phrases_that_a_character_table_gets_wrong():
    assert to_simplified("政府公佈計畫") == "政府公布计划"
    assert to_simplified("著名作家反覆答覆") == "著名作家反复答复"
    assert to_simplified("覆蓋全港") == "覆盖全港"
    assert to_simplified("一目瞭然，瞭望台") == "一目了然，瞭望台"
    assert to_simplified("他佔了三成，僱主") == "他占了三成，雇主"


def test_conversion_is_length_preserving_on_every_character():
    # every character of the CJK block, including the traditional ones the table maps
    text = "".join(chr(code) for code in range(0x4E00, 0xA000))
    assert len(to_simplified(text)) == len(text)


# -- back to the original script ---------------------------------------------------------------------------

def test_terms_map_back_to_the_original_script(cityu):
    simplified = to_simplified(cityu)
    assert to_original_script("露宿者", simplified, cityu) == "露宿者"
    assert to_original_script("外展社工", simplified, cityu) == "外展社工"
    assert to_original_script("关怀无家者协会", simplified, cityu) == "關懷無家者協會"
    assert to_original_script("游乐场", simplified, cityu) == "遊樂場"


def test_seed_terms_map_to_their_traditional_forms(seeds_text, seeds_traditional):
    simplified = to_simplified(seeds_traditional)
    for term, expected in [("计生", "計生"), ("信贷", "信貸"), ("西集镇", "西集鎮"), ("育龄妇女", "育齡婦女"),
                           ("小额贷款", "小額貸款"), ("计划生育", "計劃生育")]:
        assert to_original_script(term, simplified, seeds_traditional) == expected


def test_sentence_offsets_hold_in_both_scripts(seeds_traditional):
    from tiyao.sentences import split_sentences

    twin = ScriptTwin.of(seeds_traditional)
    assert twin.traditional
    for sentence in split_sentences(twin.analysed):
        original = twin.original[sentence.start:sentence.end]
        assert to_simplified(original) == sentence.text


def test_a_term_that_does_not_occur_is_converted_character_by_character():
    original, simplified = "計生協會", "计生协会"
    assert to_original_script("协会计生", simplified, original) == "協會計生"
    assert to_original_script("没有", simplified, original) == "没有"


def test_simplified_articles_pass_through_unchanged(seeds_text):
    twin = ScriptTwin.of(seeds_text)
    assert not twin.traditional
    assert twin.analysed is seeds_text
    assert twin.to_original("计生") == "计生"


def test_sentences_are_reported_in_the_original_script(cityu):
    from tiyao.sentences import split_sentences

    twin = ScriptTwin.of(cityu)
    sentences = [twin.original_sentence(s) for s in split_sentences(twin.analysed)]
    assert sentences[0].text == "「練得銅皮鐵骨」露宿早慣蚊叮"
    assert all(cityu[s.start:s.end] == s.text for s in sentences)


def test_traditional_seed_articles_segment_like_their_simplified_twins(segmenter, seed_documents):
    """What the pipeline relies on: the twin of each traditional seed article is the seed article, so its words
    (and hence its keywords) are the same, and each maps back to the traditional form at the same offsets."""
    traditional = read_corpus([DATA / "seeds-traditional.md"]).documents
    assert len(traditional) == len(seed_documents) == 8
    for trad, simp in zip(traditional, seed_documents):
        twin = ScriptTwin.of(trad.text)
        assert twin.traditional and twin.analysed == simp.text
        assert to_simplified(trad.title) == simp.title
        words = [t.text for t in segmenter.tokens(twin.analysed) if segmenter.is_content(t)]
        assert words == [t.text for t in segmenter.tokens(simp.text) if segmenter.is_content(t)]
        for token in segmenter.tokens(twin.analysed):
            assert to_simplified(twin.to_original(token.text)) == token.text
    assert ScriptTwin.of(traditional[1].text).to_original("计生信贷") == "計生信貸"


def test_document_twin_of_a_traditional_seed_article():
    from tiyao.script import DocumentTwin
    from tiyao.sentences import split_sentences

    original = read_corpus([DATA / "seeds-traditional.md"]).documents[1]
    simplified = read_corpus([SEEDS]).documents[1]
    twin = DocumentTwin.of(original)
    assert twin.traditional
    assert (twin.analysed.title, twin.analysed.text) == (simplified.title, simplified.text)
    assert (twin.analysed.id, twin.analysed.headings) == (original.id, original.headings)
    assert twin.term("育龄妇女") == "育齡婦女"  # only in the title
    assert twin.term("信用联社") == "信用聯社"
    first = twin.sentence(split_sentences(twin.analysed.text)[0])
    assert first.text.startswith("“是西集農村信用聯社幫我開啓了創業夢想”")
    assert DocumentTwin.of(simplified).analysed is simplified


def test_traditional_seed_keywords_are_the_traditional_forms_of_the_simplified_ones(segmenter, seed_documents):
    """Issue 8's check, on the keyword step itself: each traditional seed article, analysed through its twin,
    gets its simplified twin's keywords, written as they are written in the traditional article."""
    from tiyao.keyterms import extract_keywords
    from tiyao.script import DocumentTwin

    twins = [DocumentTwin.of(d) for d in read_corpus([DATA / "seeds-traditional.md"]).documents]
    simplified = extract_keywords([segmenter.segment(d) for d in seed_documents], top_k=10, segmenter=segmenter)
    traditional = extract_keywords([segmenter.segment(t.analysed) for t in twins], top_k=10, segmenter=segmenter)
    assert traditional == simplified
    for twin, found in zip(twins, traditional):
        for keyword in found:
            written = twin.term(keyword.term)
            assert written in twin.original.text and to_simplified(written) == keyword.term
    assert [twins[1].term(k.term) for k in traditional[1]][:3] != [k.term for k in simplified[1]][:3]
