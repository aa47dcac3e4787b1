"""Keywords: ranking on hand-built tokens (a dictionary change cannot move them), the seeds read as a Chinese
reader would, and the ``tiyao keywords`` command."""

from __future__ import annotations

import json
import pickle
import re

import pytest

from tiyao.cli.main import app
from tiyao.config import PipelineConfig
from tiyao.errors import ConfigError
from tiyao.idf import IdfModel
from tiyao.keyterms import (KeywordExtractor, TextRankKeywords, TfidfKeywords, corpus_keywords, extract_keywords,
                          make_extractor)
from tiyao.keyterms.candidates import TokenKinds, collect, document_terms, inside_share, multi_word, occurrences
from tiyao.types import Document, SegmentedDocument, SegmentedSentence, Sentence, Token

from .conftest import SEEDS


def make_segmented(sentences: list[list[tuple[str, str]]], *, title: str = "", doc_id: str = "d") -> SegmentedDocument:
    """A SegmentedDocument from hand-cut (word, POS) sentences; offsets are computed."""
    text = ""
    built = []
    for index, words in enumerate(sentences):
        start = len(text)
        tokens = []
        for word, pos in words:
            tokens.append(Token(word, pos, len(text), len(text) + len(word)))
            text += word
        built.append((index, start, tokens))
    document = Document(doc_id, title, text, "<test>")
    return SegmentedDocument(document, tuple(
        SegmentedSentence(Sentence(i, s, (tokens[-1].end if tokens else s), text[s:(tokens[-1].end if tokens else s)]),
                          tuple(tokens)) for i, s, tokens in built))


NURSERY = make_segmented([
    [("田军", "nr"), ("种植", "v"), ("绿化", "vn"), ("苗木", "n"), ("。", "x")],
    [("苗木", "n"), ("合作社", "n"), ("销售", "v"), ("苗木", "n"), ("，", "x"), ("2013", "m"), ("年", "m"),
     ("**", "x"), ("合作社", "n"), ("的", "uj"), ("苗木", "n"), ("。", "x")],
    [("苗木", "n"), ("合作社", "n"), ("带动", "v"), ("农户", "n"), ("。", "x")],
    [("农户", "n"), ("学习", "v"), ("技术", "n"), ("。", "x")],
])
OTHER = make_segmented([
    [("农户", "n"), ("申请", "v"), ("贷款", "n"), ("。", "x")],
    [("技术", "n"), ("培训", "vn"), ("。", "x")],
], doc_id="o")


def terms(keywords) -> list[str]:
    return [k.term for k in keywords]


# -- ranking on hand-built tokens -------------------------------------------------------------------------------

def test_tfidf_ranks_the_article_s_own_repeated_noun_first():
    extractor = TfidfKeywords(top_k=5, idf=IdfModel(mode="corpus")).fit([NURSERY, OTHER])
    assert terms(extractor.extract(NURSERY))[0] == "苗木"


def test_words_in_every_document_rank_below_the_article_s_own_words():
    extractor = TfidfKeywords(top_k=10, idf=IdfModel(mode="corpus")).fit([NURSERY, OTHER])
    ranked = terms(extractor.extract(NURSERY))
    assert ranked.index("苗木") < ranked.index("农户")


def test_recurring_adjacent_words_become_one_keyphrase():
    extractor = TfidfKeywords(top_k=10, idf=IdfModel(mode="corpus")).fit([NURSERY, OTHER])
    cands, score = extractor.scores(NURSERY)
    assert score[cands.index()["苗木合作社"]] > 0  # a scored keyphrase ...
    ranked = terms(extractor.extract(NURSERY))
    # ... listed beside 苗木: 苗木 is seen apart from it, and a reader (or an author) may key both
    assert "苗木合作社" in ranked and "苗木" in ranked


def test_one_slot_per_concept_in_a_keyword_list():
    from tiyao.types import Document
    text = ("西集镇人大组织人大代表视察。镇人大听取汇报，人大代表提出建议。西集镇人大要求落实。"
            "人大代表走访计生户，计生户致富有门路。广大计生户感谢信用社。")
    from tiyao.segment import Segmenter
    doc = Segmenter().segment(Document("r", "镇人大视察计生户", text, "<t>"))
    ranked = terms(TfidfKeywords(top_k=8, idf=IdfModel(mode="corpus")).fit([doc, OTHER]).extract(doc))
    assert not [(a, b) for a in ranked for b in ranked if a != b and a in b]
    # 人大代表 (seen 3 times, 0.75 of the score) takes the place of 人大, a two-character keyword
    assert ranked[:2] == ["计生户", "人大代表"] and "人大" not in ranked


def test_phrases_off_gives_single_words_only():
    extractor = TfidfKeywords(top_k=10, phrases=False, idf=IdfModel(mode="corpus")).fit([NURSERY, OTHER])
    ranked = terms(extractor.extract(NURSERY))
    assert "苗木合作社" not in ranked and {"苗木", "合作社"} <= set(ranked)


def test_a_phrase_never_crosses_punctuation_or_a_gap():
    # "苗木，2013年**合作社": the comma, the date and the Markdown leftover each end the run
    extractor = TfidfKeywords(top_k=50, idf=IdfModel(mode="corpus")).fit([NURSERY, OTHER])
    cands, score = extractor.scores(NURSERY)
    assert not any("，" in t or "**" in t or "2013" in t for t in cands.terms)
    # a clause fragment seen once is a candidate but scores nothing: only recurring phrases count
    assert score[cands.terms.index("苗木合作社销售")] == 0


def test_a_part_that_never_occurs_apart_is_not_listed_beside_its_phrase():
    doc = make_segmented([
        [("计生", "j"), ("信贷", "n"), ("助推", "v"), ("创业", "vn"), ("。", "x")],
        [("计生", "j"), ("信贷", "n"), ("到位", "v"), ("。", "x")],
        [("妇女", "n"), ("创业", "vn"), ("。", "x")],
    ])
    ranked = terms(TfidfKeywords(top_k=10, idf=IdfModel(mode="corpus")).fit([doc]).extract(doc))
    assert ranked[0] == "计生信贷"
    assert "信贷" not in ranked and "计生" not in ranked  # they never occur apart from 计生信贷
    assert "创业" in ranked  # a word that occurs on its own is still listed


def test_keywords_exclude_numbers_dates_punctuation_and_particles():
    extractor = TfidfKeywords(top_k=50, idf=IdfModel(mode="corpus")).fit([NURSERY, OTHER])
    for term in terms(extractor.extract(NURSERY)):
        assert re.search(r"[\u4e00-\u9fffA-Za-z]", term), term
        assert not re.search(r"[\d，。*]", term), term
        assert term not in {"的", "年", "销售", "种植"}, term  # particles, dates, generic verbs alone



def test_a_formula_s_variables_are_no_keywords_but_names_of_things_are():
    import tiyao

    paper = ("动态测量中滤波网络的动态误差分析。设滤波网络的初始状态为x0，电阻r1与r2串联，时间常数由r1和r2决定。"
             "当输入为阶跃信号时，滤波网络输出的动态误差随x0增大；r1增大时动态误差减小，r2增大时动态误差增大。"
             "抑癌基因p53的表达与动态误差无关。")
    found = [k.term for k in tiyao.keywords(paper, k=20)]
    assert "动态误差" in found and "滤波网络" in found
    assert not {"x0", "r1", "r2"} & set(found), found
    assert "p53" in found, found


def test_a_particle_the_segmenter_glued_to_a_character_is_no_keyword_by_itself():
    import tiyao
    from tiyao.keyterms.tfidf import TfidfKeywords
    from tiyao.segment import Segmenter

    # a Fudan paper and CSL abstracts, where jieba's HMM cuts 之序, 之梦, 对物, 物在 and 从主位 as unknown words
    essay = ("人伦之序是儒家伦理的核心。艺术追求人伦之序，人伦之序又规定艺术。全民健身是国民之梦，国民之梦在于健康。"
             "自然物对物的关系，物在那里，自然物对物而言是存在。本文从主位视角探讨族群认同，从主位视角看认同。"
             "于丹讲论语，于丹的讲座很受欢迎。")
    cut = Segmenter().cut(essay)
    assert {"之序", "之梦", "对物", "物在", "从主位"} <= set(cut), cut  # (the premise: the cut glues them)
    found = [k.term for k in tiyao.keywords(essay, k=20)]
    assert not {"之序", "之梦", "对物", "物在", "从主位"} & set(found), found
    assert "于丹" in found, found  # (于 opens names: no particle of the rule)
    assert "人伦之序" in found and "国民之梦" in found, found  # inside a phrase the glued word still counts
    for segmenter, scored in ((Segmenter(), False), (Segmenter(words=[("之序", None, "n")]), True),
                              (Segmenter(words=["之序"]), True)):  # (with a tag or without)
        # a word the user (or the corpus's new words) gives is a word: it keeps its score
        ranker = TfidfKeywords(segmenter=segmenter, idf_mode="background")
        cands, score = ranker.scores(segmenter.segment(tiyao.Document("1", "", essay, "<test>")))
        assert (score[cands.terms.index("之序")] > 0) == scored
        assert score[cands.terms.index("于丹")] > 0


def test_ties_break_on_the_term():
    doc = make_segmented([[("乙方", "n"), ("。", "x")], [("甲方", "n"), ("。", "x")]])
    ranked = TfidfKeywords(top_k=2, idf=IdfModel(mode="corpus"), position_weight=0).fit([doc]).extract(doc)
    assert ranked[0].score == ranked[1].score
    assert terms(ranked) == sorted(terms(ranked))


def test_title_words_rank_higher():
    body = [[("苗木", "n"), ("。", "x")], [("花卉", "n"), ("。", "x")]]
    plain = make_segmented(body)
    titled = make_segmented(body, title="花卉市场")
    extractor = TfidfKeywords(top_k=2, idf=IdfModel(mode="corpus")).fit([plain])
    assert terms(extractor.extract(plain))[0] == "苗木"  # first position wins without a title
    assert terms(extractor.extract(titled))[0] == "花卉"


def test_textrank_ranks_the_central_word_first_with_scores_descending():
    ranked = TextRankKeywords(top_k=5, phrases=False).extract(NURSERY)
    assert ranked[0].term == "苗木" and ranked[0].score == 1.0
    assert all(a.score >= b.score for a, b in zip(ranked, ranked[1:]))


def test_textrank_is_deterministic_and_lists_the_recurring_phrase():
    first = TextRankKeywords(top_k=10).extract(NURSERY)
    assert first == TextRankKeywords(top_k=10).extract(NURSERY)
    assert "苗木合作社" in terms(first)


def test_empty_document_gives_no_keywords():
    empty = make_segmented([[("。", "x")]])
    assert TfidfKeywords(idf=IdfModel(mode="corpus")).fit([empty]).extract(empty) == ()
    assert TextRankKeywords().extract(empty) == ()


def test_bad_parameters_raise_config_error():
    with pytest.raises(ConfigError, match="top_k"):
        TfidfKeywords(top_k=0).fit([NURSERY])
    with pytest.raises(ConfigError, match="window"):
        TextRankKeywords(window=1).extract(NURSERY)
    with pytest.raises(ConfigError, match="not fitted"):
        TfidfKeywords(idf_mode="corpus").extract(NURSERY)


def test_extractors_follow_the_protocol():
    assert isinstance(TfidfKeywords(), KeywordExtractor) and isinstance(TextRankKeywords(), KeywordExtractor)


# -- the vectorised candidates agree with the one-at-a-time reference ---------------------------------------------

def reference_candidates(doc, kinds, **options):
    """term -> [count, offset of the first occurrence, words of the first occurrence], from :func:`occurrences`."""
    stats = {}
    for term, run, i, j in occurrences(doc, kinds, **options):
        if term in stats:
            stats[term][0] += 1
        else:
            stats[term] = [1, run[i].start, tuple(t.text for t in run[i:j])]
    return stats


GAPPED = make_segmented([
    [("计生", "j"), ("信贷", "n"), ("助推", "v"), ("长效", "b"), ("节育", "vn"), ("措施", "n"), ("。", "x")],
    [("大", "a"), ("角度", "n"), ("机动", "vn"), ("型", "k"), ("蚀刻", "v"), ("液", "n"), ("内", "f"), ("苗木", "n")],
    [("苗木", "n"), ("合作社", "n")],  # a new sentence right after 苗木: no phrase across the boundary
    [("Lyapunov", "eng"), ("函数", "n"), ("计生", "j"), ("信贷", "n"), ("计生信贷", "nz"), ("的", "uj"),
     ("顺利开展", "nz"), ("工作", "vn")],
])
# a gap inside a sentence (a dropped space between 合作社 and 苗木): the run ends there
_TOKENS = GAPPED.sentences[2].tokens
GAPPED = SegmentedDocument(GAPPED.document, GAPPED.sentences[:2] + (SegmentedSentence(
    GAPPED.sentences[2].sentence, (_TOKENS[0], Token(_TOKENS[1].text, "n", _TOKENS[1].start + 1, _TOKENS[1].end + 1))),)
    + GAPPED.sentences[3:])


@pytest.mark.parametrize("options", [{}, {"max_words": 2}, {"max_words": 1}, {"max_chars": 4}, {"phrases": False},
                                     {"max_words": 8, "max_chars": 30}])
def test_candidates_match_the_reference_scan(seed_segmented, segmenter, options):
    kinds = TokenKinds(segmenter)
    for doc in [*seed_segmented, NURSERY, OTHER, GAPPED, make_segmented([[("。", "x")]]), make_segmented([])]:
        expected = reference_candidates(doc, kinds, **options)
        cands = collect(doc, kinds, **options)
        assert cands.terms == tuple(sorted(expected))
        assert cands.count.tolist() == [expected[t][0] for t in cands.terms]
        size = max(len(doc.document.text), 1)
        assert cands.first.tolist() == [expected[t][1] / size for t in cands.terms]
        assert cands.parts == tuple(expected[t][2] for t in cands.terms)
        assert cands.in_title.tolist() == [t in doc.document.title for t in cands.terms]
        if options.get("phrases", True):
            analysed = {k: v for k, v in options.items() if k != "phrases"}
            assert sorted(document_terms(doc, kinds, **analysed)) == sorted(expected)


def test_inside_share_counts_the_words_of_a_kept_phrase_as_they_are_cut(segmenter):
    kinds = TokenKinds(segmenter)
    cands = collect(NURSERY, kinds)
    share = dict(zip(cands.terms, inside_share(cands, multi_word(cands) & (cands.count >= 2)).tolist()))
    # 苗木合作社 twice: 合作社 is seen three times, 苗木 five; 绿化苗木 (once) is not kept
    assert (share["合作社"], share["苗木"], share["绿化"]) == (2 / 3, 2 / 5, 0.0)
    # 计生协会 is one word here; cut 计生 + 协会 inside the kept 计生协会会员 it is another term's spelling
    doc = make_segmented([[("计生协会", "nt"), ("成立", "v"), ("。", "x")],
                          [("计生", "j"), ("协会", "n"), ("会员", "n"), ("。", "x")],
                          [("计生", "j"), ("协会", "n"), ("会员", "n"), ("。", "x")]])
    cands = collect(doc, kinds)
    share = dict(zip(cands.terms, inside_share(cands, multi_word(cands) & (cands.count >= 2)).tolist()))
    assert share["计生协会"] == 0.0 and share["计生"] == share["协会会员"] == 1.0


def test_gapped_document_keeps_phrases_inside_runs(segmenter):
    terms = set(document_terms(GAPPED, TokenKinds(segmenter)))
    assert {"计生信贷", "长效节育措施", "角度机动", "蚀刻液"} <= terms
    assert "苗木苗木" not in terms and "合作社苗木" not in terms and "型蚀刻液" not in terms  # sentence, gap, suffix
    assert not any("的" in t for t in terms)


def test_fitted_extractors_pickle_and_give_the_same_keywords(seed_segmented, segmenter):
    tfidf = TfidfKeywords(top_k=8, segmenter=segmenter).fit(seed_segmented)
    textrank = TextRankKeywords(top_k=8, segmenter=segmenter).fit(seed_segmented)
    for extractor in (tfidf, textrank):
        expected = [extractor.extract(doc) for doc in seed_segmented]
        copy = pickle.loads(pickle.dumps(extractor))
        assert [copy.extract(doc) for doc in seed_segmented] == expected


# -- the seeds, as a reader would check them --------------------------------------------------------------------

JUNK = re.compile(r"^[\d\W_]+$|[，。、：；！？“”*#（）()\s]|\d{4}年|^(集镇|个村|抓好|落实|工作|问题)$")


@pytest.fixture(scope="module")
def seed_keywords(seed_documents, segmenter):
    return corpus_keywords(seed_documents, top_k=10)


def test_seed_nursery_article_lists_nursery_stock_and_cooperative(seed_keywords):
    ranked = terms(seed_keywords[1])  # 西集镇计生信贷助推育龄妇女创业: 田军's nursery
    assert any("苗木" in t for t in ranked)  # the nursery-stock concept, in its most specific supported form
    assert any("合作社" in t for t in ranked)


def test_seed_two_nons_article_lists_the_corpus_term(seed_keywords):
    assert "两非" in terms(seed_keywords[7])[:3]


def test_seed_lists_have_corpus_terms_and_phrases_and_no_junk(seed_keywords):
    everything = [t for kws in seed_keywords for t in terms(kws)]
    assert all(len(kws) == 10 for kws in seed_keywords)
    assert not [t for t in everything if JUNK.search(t)]
    assert {"两非", "计生协会", "计生信贷助富", "节育措施", "西集农村信用联社"} <= set(everything)


def test_seed_town_name_in_every_article_does_not_lead_the_lists(seed_keywords):
    # 西集镇 is in all eight titles: the corpus IDF (a new word takes the corpus side only) keeps it down
    assert all("西集镇" not in terms(kws)[:3] for kws in seed_keywords)


def test_seed_output_is_deterministic(seed_documents, segmenter, seed_keywords):
    assert corpus_keywords(seed_documents, top_k=10) == seed_keywords


def test_extract_keywords_and_pipeline_factory_agree(seed_segmented):
    listed = extract_keywords(seed_segmented, method="textrank", top_k=5)
    extractor = make_extractor(PipelineConfig(keyword_method="textrank", top_k=5), seed_segmented)
    assert listed == [extractor.extract(doc) for doc in seed_segmented]


# -- the command ------------------------------------------------------------------------------------------------

def test_cli_keywords_jsonl_has_one_ranked_object_per_article(runner):
    result = runner.invoke(app, ["keywords", str(SEEDS), "-k", "5", "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 8 and list(records[0]) == ["id", "title", "keywords"]
    for record in records:
        scores = [k["score"] for k in record["keywords"]]
        assert len(scores) == 5 and scores == sorted(scores, reverse=True)
    assert "两非" in [k["term"] for k in records[7]["keywords"]]


def test_cli_keywords_with_a_saved_idf_model(runner, tmp_path):
    model = tmp_path / "idf.tsv"
    built = runner.invoke(app, ["idf", "build", str(SEEDS), "-o", str(model)])
    assert built.exit_code == 0, built.stderr
    assert model.read_text(encoding="utf-8").startswith("# tiyao idf 1\n# documents\t8\n")
    result = runner.invoke(app, ["keywords", str(SEEDS), "--idf-model", str(model), "--idf", "corpus",
                                 "--method", "tfidf", "--no-phrases", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "id,title,keywords,scores"


def test_cli_keywords_rejects_a_file_that_is_not_an_idf_model(runner, tmp_path):
    bad = tmp_path / "idf.tsv"
    bad.write_text("hello\n", encoding="utf-8")
    result = runner.invoke(app, ["keywords", str(SEEDS), "--idf-model", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error:") and "Traceback" not in result.stderr


def test_one_scan_serves_the_idf_terms_and_the_extraction(seed_segmented, segmenter):
    extractor = TfidfKeywords(top_k=10, segmenter=segmenter)
    scans = [extractor.candidates(doc) for doc in seed_segmented]
    kinds = TokenKinds(segmenter)
    assert [list(c.terms) for c in scans] == [sorted(document_terms(doc, kinds)) for doc in seed_segmented]
    extractor.fit(seed_segmented)
    assert [extractor.rank(c) for c in scans] == [extractor.extract(doc) for doc in seed_segmented]


def test_candidates_pickle_to_the_same_candidates_and_rank_the_same(seed_segmented, segmenter):
    """Candidates go between processes (the fit pass keeps them for the analysis): pickled with their terms and
    tokens as one string each, they come back equal, and a term holding the separator goes as it is."""
    import dataclasses

    import numpy as np

    extractor = TfidfKeywords(top_k=10, segmenter=segmenter).fit(seed_segmented)
    scans = [extractor.candidates(doc) for doc in seed_segmented]
    odd = dataclasses.replace(scans[0], terms=("西集\x00镇", *scans[0].terms[1:]))
    empty = dataclasses.replace(scans[0], terms=(), tokens=[])
    for candidates in [*scans, odd, empty]:
        back = pickle.loads(pickle.dumps(candidates, protocol=pickle.HIGHEST_PROTOCOL))
        assert back.terms == candidates.terms and back.tokens == candidates.tokens
        assert type(back.terms) is tuple and type(back.tokens) is type(candidates.tokens)
        for column in ("count", "first", "in_title", "words", "at"):
            assert np.array_equal(getattr(back, column), getattr(candidates, column))
            assert getattr(back, column).dtype == getattr(candidates, column).dtype
        assert back.length == candidates.length
    assert [extractor.rank(pickle.loads(pickle.dumps(c))) for c in scans] == [extractor.rank(c) for c in scans]


def test_an_idf_counted_elsewhere_ranks_as_the_fitted_one(seed_segmented, segmenter):
    """with_idf: the pipeline counts the articles' document frequencies itself (its keywords step) and hands the
    IDF over; ranking with it is ranking after fit() on the same articles."""
    from collections import Counter

    fitted = TfidfKeywords(top_k=8, segmenter=segmenter).fit(seed_segmented)
    kinds = TokenKinds(segmenter)
    df = Counter(term for doc in seed_segmented for term in set(document_terms(doc, kinds)))
    counted = IdfModel.from_document_frequencies(dict(df), len(seed_segmented), mode="blend")
    given = TfidfKeywords(top_k=8, segmenter=segmenter).with_idf(counted)
    assert [given.extract(doc) for doc in seed_segmented] == [fitted.extract(doc) for doc in seed_segmented]
    assert any("苗木" in k.term for k in given.extract(seed_segmented[1]))  # 田军's nursery
    with pytest.raises(ConfigError, match="with_idf needs a fitted IdfModel"):
        TfidfKeywords().with_idf(IdfModel(mode="blend"))


def test_token_kind_cache_survives_pickling_and_keeps_learning(segmenter):
    import pickle

    from tiyao.keyterms.candidates import AFFIX, BREAK, KEYWORD_WORD, PHRASE_WORD, START, TokenKinds

    kinds = TokenKinds(segmenter)
    pairs = [("计生", "j"), ("优化", "v"), ("型", "k"), ("液", "n"), ("2013", "m"), ("顺利开展", "nz"), ("计生", "j")]
    words, offset = [], 0
    for text, pos in pairs:
        words.append(Token(text, pos, offset, offset + len(text)))
        offset += len(text)
    # a keyword word, a verb inside phrases, a suffix (never opens one), a noun affix, a number, adverb + verb
    expected = [KEYWORD_WORD | START, PHRASE_WORD | START, AFFIX, AFFIX | START, BREAK, PHRASE_WORD | START,
                KEYWORD_WORD | START]
    assert kinds.codes(words, [t.text for t in words]) == expected
    assert [kinds.code(t) for t in words] == expected  # now from the cache
    again = pickle.loads(pickle.dumps(kinds))
    assert again.codes(words, [t.text for t in words]) == expected
