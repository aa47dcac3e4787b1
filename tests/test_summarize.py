"""Summaries: whole sentences, in document order, within the budget, without near-duplicates.

Ranking tests build their documents from hand-made tokens, so a dictionary change cannot move them; the seed
tests check what a reader sees.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from tiyao.errors import ConfigError
from tiyao.summarizer import (
    DEFAULT_SENTENCES,
    LeadSummarizer,
    TextRankSummarizer,
    make_summarizer,
    select,
    summarize,
)
from tiyao.types import Document, SegmentedDocument, SegmentedSentence, Sentence, Token


def build(sentences: list[list[str]], *, title: str = "", headings: tuple[int, ...] = ()) -> SegmentedDocument:
    """A segmented document from pre-cut words (each word a noun ``n``; "。" ends every sentence)."""
    text_parts: list[str] = []
    segmented: list[SegmentedSentence] = []
    offset = 0
    for index, words in enumerate(sentences):
        tokens = []
        start = offset
        for word in [*words, "。"]:
            tokens.append(Token(word, "x" if word == "。" else "n", offset, offset + len(word)))
            offset += len(word)
        text = "".join(words) + "。"
        text_parts.append(text)
        segmented.append(SegmentedSentence(Sentence(index, start, offset, text, index in headings), tuple(tokens)))
    document = Document("doc", title, "".join(text_parts), "test")
    return SegmentedDocument(document, tuple(segmented))


# Eight sentences about a town's loans for family-planning households, one off-topic aside, one duplicate.
STORY = [
    ["西集镇", "计生", "协会", "推出", "信贷", "帮助", "农户", "创业"],
    ["天气", "晴朗", "游客", "公园", "散步"],
    ["信贷", "资金", "帮助", "农户", "发展", "苗木", "产业"],
    ["农户", "贷款", "创业", "苗木", "收入", "增加"],
    ["计生", "协会", "信用社", "联手", "发放", "贷款"],
    ["信贷", "资金", "帮助", "农户", "发展", "苗木", "产业"],  # the same words as sentence 2
    ["贷款", "农户", "苗木", "合作社", "发展"],
    ["协会", "表彰", "创业", "农户"],
]


class TestRanking:
    def test_document_order_kept(self):
        summary = TextRankSummarizer(sentences=3).summarize(build(STORY))
        indices = [s.index for s in summary.sentences]
        assert indices == sorted(indices)
        assert len(indices) == 3

    def test_duplicates_not_both_chosen(self):
        doc = build(STORY)
        for n in range(2, 8):
            picked = {s.index for s in TextRankSummarizer(sentences=n).summarize(doc).sentences}
            assert not {2, 5} <= picked, n
        # the ranking itself leaves the later copy out
        ranked = [s.index for s in TextRankSummarizer().rank(doc)]
        assert not {2, 5} <= set(ranked)

    def test_without_redundancy_control_the_copy_comes_back(self):
        ranked = [s.index for s in TextRankSummarizer(redundancy=0.0, duplicate_threshold=1.0).rank(build(STORY))]
        assert {2, 5} <= set(ranked)

    def test_off_topic_sentence_ranked_low(self):
        ranked = [s.index for s in TextRankSummarizer(position_weight=0.0).rank(build(STORY))]
        assert ranked[-1] == 1

    def test_plain_textrank_picks_the_central_sentence(self):
        ranked = TextRankSummarizer(position_weight=0.0, title_weight=0.0).rank(build(STORY))
        assert ranked[0].index != 1
        assert ranked[0].index in (0, 2, 3, 6)  # sentences sharing most words with the others

    def test_position_prior_moves_the_lead_up(self):
        doc = build([["天气", "晴朗"], *STORY[2:]])
        plain = [s.index for s in TextRankSummarizer(position_weight=0.0).rank(doc)]
        led = [s.index for s in TextRankSummarizer(position_weight=1.0, title_weight=0.0).rank(doc)]
        assert led.index(0) < plain.index(0)
        assert led[0] == 0

    def test_title_overlap_counts(self):
        story = [["天气", "晴朗", "游客", "散步"], ["城市", "公园", "开放"], ["农户", "贷款", "苗木"]]
        titled = build(story, title="农户贷款种苗木")
        ranked = TextRankSummarizer(position_weight=0.0, title_weight=0.9).rank(titled)
        assert ranked[0].index == 2
        untitled = TextRankSummarizer(position_weight=0.0, title_weight=0.9).scores(build(story))
        assert np.isfinite(untitled).all()

    def test_headings_never_picked_alone(self):
        doc = build([["简化", "办证", "程序"], *STORY], headings=(0,))
        for n in (1, 3, 9):
            picked = TextRankSummarizer(sentences=n).summarize(doc).sentences
            assert all(not s.is_heading for s in picked)
        assert all(not s.is_heading for s in LeadSummarizer(sentences=1).summarize(doc).sentences)

    def test_an_enumerated_item_is_not_the_lead_of_the_summary(self):
        # a recipe's numbered steps share most words with the other sentences: the most central, but a fragment
        recipe = build([
            ["天气", "晴朗"],
            ["做法：1、", "红枣", "洗净", "；2、", "大米", "红枣", "浸泡", "；3、", "红枣", "大米", "煮粥", "清润"],
            ["红枣", "大米", "营养", "进补"],
            ["大米", "煮粥", "红枣", "浸泡", "冬季"],
        ])
        keep = lambda token: token.pos == "n"  # noqa: E731
        assert TextRankSummarizer(list_penalty=0, is_content=keep).rank(recipe)[0].index == 1
        ranking = [s.index for s in TextRankSummarizer(is_content=keep).rank(recipe)]
        assert ranking[0] == 3 and ranking[-1] == 1

    @pytest.mark.parametrize("text, listed", [
        ("做法：1、黑芝麻下锅炒香。", True), ("二是综合治理出生人口性别比。", True), ("①坚持党的领导。", True),
        ("其次，（2）加强监督。", True), ("二、三线城市的房价喜忧参半。", False), ("福山花园外国语小学五（6）班。", False),
        ("方宏进昨(19)日接受了采访。", False), ("线路改为，20、458、84路。", False), ("这是唯一是非之地。", False),
    ])
    def test_what_counts_as_an_enumerated_item(self, text, listed):
        from tiyao.summarizer import _ENUMERATION

        assert (_ENUMERATION.search(text) is not None) is listed

    def test_tfidf_similarity_also_works(self):
        summary = TextRankSummarizer(similarity="tfidf", sentences=2).summarize(build(STORY))
        assert len(summary.sentences) == 2 and 1 not in {s.index for s in summary.sentences}

    def test_deterministic(self):
        doc = build(STORY)
        first = TextRankSummarizer().rank(doc)
        assert all(TextRankSummarizer().rank(doc) == first for _ in range(3))


class TestBudget:
    def test_default_is_three_sentences(self):
        assert DEFAULT_SENTENCES == 3
        assert len(TextRankSummarizer().summarize(build(STORY)).sentences) == 3

    def test_max_chars_respected_and_sentences_whole(self):
        doc = build(STORY)
        texts = {s.sentence.text for s in doc.sentences}
        for budget in (12, 20, 30, 60):
            summary = TextRankSummarizer(max_chars=budget).summarize(doc)
            assert len(summary.text) <= budget
            assert all(s.text in texts for s in summary.sentences)

    def test_budget_smaller_than_any_sentence_still_gives_one(self):
        summary = TextRankSummarizer(max_chars=3).summarize(build(STORY))
        assert len(summary.sentences) == 1
        assert summary.sentences[0].text.endswith("。")  # never cut

    def test_ratio_is_a_share_of_the_characters(self):
        doc = build(STORY)
        total = len(doc.document.text)
        for ratio in (0.2, 0.35, 0.5):
            summary = TextRankSummarizer(ratio=ratio).summarize(doc)
            assert 0 < len(summary.text) <= ratio * total + 1e-9
        assert len(TextRankSummarizer(ratio=0.01).summarize(doc).sentences) == 1

    def test_more_sentences_than_the_article_has(self):
        doc = build(STORY[:3])
        assert len(TextRankSummarizer(sentences=10).summarize(doc).sentences) == 3

    @pytest.mark.parametrize("kwargs", [
        {"sentences": 2, "max_chars": 10}, {"sentences": 0}, {"max_chars": -1}, {"ratio": 1.5}, {"ratio": 0},
        {"similarity": "cosine"}, {"position_weight": 0.8, "title_weight": 0.4}, {"max_neighbours": 0},
        {"list_penalty": 1.5},
    ])
    def test_bad_parameters(self, kwargs):
        with pytest.raises(ConfigError):
            TextRankSummarizer(**kwargs).summarize(build(STORY))

    def test_select_keeps_document_order(self):
        doc = build(STORY)
        ranking = [doc.sentences[i].sentence for i in (4, 0, 2)]
        assert [s.index for s in select(ranking, len(doc.document.text), sentences=3)] == [0, 2, 4]


class TestEdgeCases:
    def test_empty_article(self):
        doc = SegmentedDocument(Document("e", "", "", "test"), ())
        assert TextRankSummarizer().summarize(doc).sentences == ()
        assert TextRankSummarizer().rank(doc) == ()
        assert LeadSummarizer().summarize(doc).sentences == ()

    def test_one_sentence(self):
        doc = build([STORY[0]])
        assert [s.index for s in TextRankSummarizer(sentences=3).summarize(doc).sentences] == [0]

    def test_sentences_without_content_words(self):
        doc = build([["的"], ["了"]])  # only stop words
        summary = TextRankSummarizer(sentences=1, is_content=lambda token: False).summarize(doc)
        assert len(summary.sentences) == 1

    def test_long_article_is_sparsified_and_keeps_order(self):
        rng = np.random.default_rng(0)
        vocabulary = [f"词{i}" for i in range(300)]
        sentences = [[vocabulary[j] for j in rng.choice(300, size=8, replace=False)] for _ in range(400)]
        doc = build(sentences)
        summarizer = TextRankSummarizer(sentences=5, max_neighbours=10)
        weights = summarizer._graph(*_counts(summarizer, doc))
        assert weights.nnz <= 400 * 10 * 2 and (weights != weights.T).nnz == 0
        indices = [s.index for s in summarizer.summarize(doc).sentences]
        assert indices == sorted(indices) and len(indices) == 5


def _counts(summarizer: TextRankSummarizer, doc: SegmentedDocument):
    from tiyao.summarizer import _idf, _term_counts

    counts, _ = _term_counts(doc, *summarizer._terms_of(doc), dense=summarizer._dense(doc))
    return counts, _idf(counts)


class TestSeeds:
    def test_two_whole_sentences_per_article_in_reading_order(self, seed_segmented):
        clause = re.compile(r"[，、；：,;:]$")
        for doc in seed_segmented:
            summary = TextRankSummarizer(sentences=2).summarize(doc)
            assert len(summary.sentences) == 2, doc.document.id
            assert summary.sentences[0].index < summary.sentences[1].index
            for sentence in summary.sentences:
                assert doc.document.text[sentence.start:sentence.end] == sentence.text
                assert sentence.text[-1] in "。！？”…", sentence.text  # ends as a sentence ends
                assert not clause.search(sentence.text)
                assert len(sentence.text) >= 15  # a sentence, not a fragment like 四是规范流动人口服务管理
                assert not sentence.is_heading

    def test_seed_summaries_read_as_the_gist(self, seed_segmented):
        first = TextRankSummarizer(sentences=1).summarize(seed_segmented[0]).text
        assert first.startswith("枣庄市山亭区西集镇2013年人口和计生工作的思路是")

    def test_lead_and_convenience(self, seed_segmented):
        doc = seed_segmented[1]
        assert LeadSummarizer(sentences=2).summarize(doc).sentences == tuple(s.sentence for s in doc.sentences[:2])
        assert summarize(doc, sentences=2) == TextRankSummarizer(sentences=2).summarize(doc)
        assert summarize(doc, method="lead", sentences=1).sentences[0].index == 0
        with pytest.raises(ConfigError):
            summarize(doc, method="snownlp")


def test_make_summarizer_from_config():
    from tiyao.config import PipelineConfig

    assert isinstance(make_summarizer(PipelineConfig(summary_method="lead", sentences=2)), LeadSummarizer)
    summarizer = make_summarizer(PipelineConfig(max_chars=120))
    assert isinstance(summarizer, TextRankSummarizer) and summarizer.max_chars == 120


class TestCommand:
    def test_two_whole_sentences_per_seed_article_in_reading_order(self, runner):
        import json

        from tiyao.cli.main import app

        from .conftest import SEED_TITLES, SEEDS

        result = runner.invoke(app, ["summarize", str(SEEDS), "--sentences", "2", "--format", "jsonl"])
        assert result.exit_code == 0, result.stderr
        records = [json.loads(line) for line in result.stdout.splitlines()]
        assert tuple(r["title"] for r in records) == SEED_TITLES
        for record in records:
            assert list(record) == ["id", "title", "summary"]
            indices = [s["index"] for s in record["summary"]]
            assert len(indices) == 2 and indices == sorted(indices)
            assert all(s["text"].endswith(("。", "！", "？", "”")) for s in record["summary"])

    def test_table_breaks_lines_by_chinese_rules(self, runner):
        from tiyao.cli.main import app

        from .conftest import SEEDS

        result = runner.invoke(app, ["summarize", str(SEEDS), "--sentences", "2"], env={"COLUMNS": "80"})
        assert result.exit_code == 0, result.stderr
        cells = [line.split("│")[2].strip() for line in result.stdout.splitlines() if line.count("│") == 3]
        assert "流转" in "".join(cells) and any(cell.startswith("150亩") for cell in cells)  # the number kept whole
        assert not any(cell.startswith(("”", "，", "。", "、")) for cell in cells)

    def test_budget_options(self, runner):
        import json

        from tiyao.cli.main import app

        from .conftest import SEEDS

        result = runner.invoke(app, ["summarize", str(SEEDS), "--max-chars", "60", "--method", "lead",
                                     "--format", "json"])
        assert result.exit_code == 0, result.stderr
        for record in json.loads(result.stdout):
            texts = [s["text"] for s in record["summary"]]
            assert len(texts) == 1 or len("".join(texts)) <= 60
            assert [s["index"] for s in record["summary"]] == sorted(s["index"] for s in record["summary"])
        both = runner.invoke(app, ["summarize", str(SEEDS), "--sentences", "2", "--ratio", "0.2"])
        assert both.exit_code == 2 and "one summary budget" in both.stderr


class TestShortcuts:
    def test_a_sentence_budget_ranks_only_the_head_and_it_is_the_full_rankings_head(self):
        doc = build(STORY)
        summarizer = TextRankSummarizer(sentences=2)
        full = summarizer.rank(doc)
        assert summarizer.rank(doc, limit=2) == full[:2]
        assert [s.index for s in summarizer.summarize(doc).sentences] == sorted(s.index for s in full[:2])
        by_chars = TextRankSummarizer(max_chars=40).summarize(doc).sentences  # reads further down the ranking
        assert sum(len(s.text) for s in by_chars) <= 40 and len(by_chars) >= 2

    def test_content_words_follow_is_content_and_the_lexicon_is_not_pickled(self):
        import pickle

        doc = build(STORY)
        summarizer = TextRankSummarizer(sentences=2)
        before = summarizer.scores(doc)
        summarizer.is_content = lambda token: token.text not in {"信贷", "农户"}  # another filter, asked per token
        assert not np.allclose(summarizer.scores(doc), before)
        fresh = TextRankSummarizer(sentences=2)
        fresh.scores(doc)
        assert "_lexicon" in fresh.__dict__ and "_lexicon" not in pickle.loads(pickle.dumps(fresh)).__dict__

    def test_term_counts_are_the_same_from_any_lexicon_and_columns_in_order_of_first_appearance(self):
        from tiyao.lexicon import Lexicon
        from tiyao.summarizer import _asked_terms, _term_counts

        doc = build(STORY)
        keep = lambda token: token.pos == "n"  # noqa: E731
        warm = Lexicon()
        warm.columns(build([["苗木", "产业"], ["天气"]]))  # other numbers first
        cold, vocabulary = _term_counts(doc, *_asked_terms(doc, keep), dense=True)
        ids = warm.columns(doc).ids
        again_counts, again = _term_counts(doc, warm.term[ids], warm.terms, dense=True)
        sparse, _ = _term_counts(doc, warm.term[ids], warm.terms, dense=False)
        assert vocabulary == again == list(dict.fromkeys(w for words in STORY for w in words))
        assert np.array_equal(cold, again_counts) and np.array_equal(sparse.toarray(), cold)
        assert cold[0, vocabulary.index("信贷")] == 1 and cold[1, vocabulary.index("信贷")] == 0

    def test_an_article_from_the_segmenter_counts_as_its_tokens_do(self, seed_segmented):
        from tiyao.summarizer import _asked_terms, _term_counts

        summarizer = TextRankSummarizer()
        for doc in seed_segmented:
            by_hand = SegmentedDocument(doc.document, doc.sentences)  # no columns: counted from its tokens
            assert by_hand.columns is None and doc.columns is not None
            columns, words = _term_counts(doc, *summarizer._terms_of(doc), dense=True)
            asked, asked_words = _term_counts(by_hand, *_asked_terms(by_hand, summarizer._content_filter()),
                                              dense=True)
            assert words == asked_words and np.array_equal(columns, asked)


class TestDenseGraphOfLongArticles:
    """Articles of up to a few hundred sentences build the sparsified graph from dense arrays (numpy products),
    longer ones from scipy's sparse blocks: the two must keep the same edges with the same weights (up to float
    rounding), and rank and diversify alike."""

    @pytest.mark.parametrize("similarity", ["bm25", "tfidf"])
    def test_same_edges_weights_and_ranking_as_the_sparse_blocks(self, similarity):
        from tiyao.summarizer import _idf, _term_counts

        rng = np.random.default_rng(3)
        vocabulary = [f"词{i}" for i in range(120)]
        sentences = [[vocabulary[j] for j in rng.choice(120, size=int(rng.integers(3, 12)))] for _ in range(90)]
        doc = build(sentences)
        summarizer = TextRankSummarizer(similarity=similarity, max_neighbours=8)
        assert summarizer._dense(doc) and summarizer._sparsified(90)
        dense, _ = _term_counts(doc, *summarizer._terms_of(doc), dense=True)
        sparse, _ = _term_counts(doc, *summarizer._terms_of(doc), dense=False)
        from_dense = summarizer._graph(dense, _idf(dense))
        from_sparse = summarizer._graph(sparse, _idf(sparse)).toarray()
        assert np.array_equal(from_dense > 0, from_sparse > 0)  # the same edges kept
        assert np.allclose(from_dense, from_sparse, rtol=1e-12, atol=0)
        assert (from_dense > 0).sum(axis=1).min() >= 8 and np.array_equal(from_dense, from_dense.T)
        full = TextRankSummarizer(similarity=similarity, max_neighbours=200)._graph(dense, _idf(dense))
        assert (full > 0).sum() > (from_dense > 0).sum()  # sparsified: weaker edges dropped
        pool = list(range(40, 0, -3))
        scores = np.linspace(2, 1, 90)
        expected = summarizer._diversify(pool, scores, sparse, _idf(sparse))
        assert [summarizer._diversify(pool, scores, c, _idf(c)) for c in (dense, sparse)] == [expected] * 2

    def test_the_product_over_shared_terms_is_numpys_off_the_diagonal(self):
        from tiyao.summarizer import _product

        rng = np.random.default_rng(7)
        counts = rng.integers(0, 3, size=(60, 200)) * (rng.random((60, 200)) < 0.05)
        left, right = (counts > 0) * rng.random(200), counts / (counts + 1.5)
        expected, found = left @ right.T, _product(left, right)
        off = ~np.eye(60, dtype=bool)
        assert np.allclose(found[off], expected[off], rtol=1e-12, atol=1e-15) and expected[off].any()

    def test_each_sentence_keeps_its_strongest_edges_ties_to_the_lower_column(self):
        from tiyao.summarizer import _strongest_edges

        row = np.array([0, 0, 0, 0, 1, 1, 1, 2, 2])
        col = np.array([0, 1, 2, 3, 0, 2, 3, 0, 1])
        value = np.array([9.0, 1.0, 2.0, 2.0 + 1e-15, 3.0, 0.0, 1.0, 1.0, 1.0])
        kept = _strongest_edges(row, col, value, 2)
        # row 0: not itself; 2 and 3 tie within rounding, so the lower column first; row 1: no zero weights
        assert [r.tolist() for r in kept] == [[0, 0, 1, 1, 2, 2], [2, 3, 0, 3, 0, 1], [2.0, 2.0 + 1e-15, 3.0, 1.0,
                                                                                          1.0, 1.0]]
