"""Themes: ThemeClusterer on the seeds, on hand-built tokens, and on corpora too small to cluster."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest

from tiyao.cli.main import app
from tiyao.cluster import ThemeClusterer, _fragments
from tiyao.errors import ConfigError
from tiyao.types import Document, SegmentedDocument, SegmentedSentence, Sentence, Token

from .conftest import SEED_TITLES, SEEDS

LOAN_TITLES = ("西集镇计生信贷助推育龄妇女创业", "西集镇计生协会“贷”动计生户创业", "西集镇小额贷款引领计生户致富")
LOAN_WORDS = {"贷款", "信贷", "小额贷款", "信用联社", "信用社", "计生户", "创业", "资金"}


def segmented(doc_id: str, words: list[tuple[str, str]]) -> SegmentedDocument:
    """A one-sentence document built by hand from (word, pos) pairs, so no dictionary change can move it."""
    text = "".join(w for w, _ in words)
    tokens, offset = [], 0
    for word, pos in words:
        tokens.append(Token(word, pos, offset, offset + len(word)))
        offset += len(word)
    sentence = Sentence(0, 0, len(text), text)
    return SegmentedDocument(Document(doc_id, doc_id, text, "test"), (SegmentedSentence(sentence, tuple(tokens)),))


SPORT = [("球队", "n"), ("比赛", "vn"), ("教练", "n"), ("球员", "n"), ("联赛", "n"), ("进球", "n")]
MARKET = [("股票", "n"), ("基金", "n"), ("市场", "n"), ("投资者", "n"), ("股市", "n"), ("收益", "n")]


@pytest.fixture(scope="module")
def hand_docs() -> list[SegmentedDocument]:
    """Three sports and three markets articles, interleaved; each drops a different word of its topic."""
    docs = []
    for i in range(3):
        sport = [pair for j, pair in enumerate(SPORT) if j != i] + [("今天", "t"), ("，", "x")]
        market = [pair for j, pair in enumerate(MARKET) if j != i] + [("昨天", "t"), ("。", "x")]
        docs.append(segmented(f"sport-{i}", sport * 2))
        docs.append(segmented(f"market-{i}", market * 2))
    return docs


@pytest.fixture(scope="module")
def seed_themes(seed_segmented, segmenter) -> ThemeClusterer:
    return ThemeClusterer(segmenter=segmenter).fit(seed_segmented)


def theme_of_title(clusterer: ThemeClusterer, documents, title: str) -> int:
    index = next(i for i, d in enumerate(documents) if d.document.title == title)
    return int(clusterer.labels_[index])


@pytest.mark.parametrize("method", ["kmeans", "agglomerative"])
def test_seed_loan_articles_share_a_theme_named_by_loans(seed_segmented, segmenter, method):
    clusterer = ThemeClusterer(method=method, segmenter=segmenter).fit(seed_segmented)
    themes = {theme_of_title(clusterer, seed_segmented, t) for t in LOAN_TITLES}
    assert len(themes) == 1
    theme = clusterer.themes_[themes.pop()]
    assert LOAN_WORDS & set(theme.label[:3]), theme.label
    # the other five articles (plans, inspections, paperwork, campaigns) are not in the loan theme
    assert theme.size == 3


def test_seed_loan_label_names_the_credit_union_once(seed_segmented, seed_themes):
    # 农村信用联社 and 西集农村信用社 are one bank: its two short names are one concept, one label
    theme = seed_themes.themes_[theme_of_title(seed_themes, seed_segmented, LOAN_TITLES[0])]
    assert "信用联社" in theme.label and "信用社" not in theme.label, theme.label


def test_seed_labels_are_content_words_without_junk(seed_themes, segmenter):
    for theme in seed_themes.themes_:
        assert 3 <= len(theme.label) <= 5
        assert len(set(theme.label)) == len(theme.label)
        for word in theme.label:
            assert len(word) >= 2 and word != "集镇", word
            assert segmenter.is_content(Token(word, "n", 0, len(word))), word
            assert not any(ch.isdigit() or ch in "*#，。、" for ch in word), word


def test_themes_are_ordered_and_cover_every_document(seed_themes, seed_segmented):
    themes = seed_themes.themes_
    assert [t.id for t in themes] == list(range(len(themes))) == list(range(seed_themes.n_themes_))
    sizes = [t.size for t in themes]
    assert sizes == sorted(sizes, reverse=True)
    ids = [d.document.id for d in seed_segmented]
    assert sorted(i for t in themes for i in t.doc_ids) == sorted(ids)
    for theme in themes:
        assert list(theme.doc_ids) == [i for i in ids if i in theme.doc_ids]  # input order
        assert theme.representative in theme.doc_ids
        assert all(seed_themes.labels_[ids.index(i)] == theme.id for i in theme.doc_ids)
    assert seed_themes.coords_.shape == (len(ids), 2) and np.isfinite(seed_themes.coords_).all()


def test_same_input_same_themes(seed_segmented, segmenter, seed_themes):
    again = ThemeClusterer(segmenter=segmenter).fit(seed_segmented)
    assert again.themes_ == seed_themes.themes_
    assert again.labels_.tolist() == seed_themes.labels_.tolist()
    assert again.coords_.tolist() == seed_themes.coords_.tolist()


def test_hand_built_topics_separate_with_auto(hand_docs):
    clusterer = ThemeClusterer().fit(hand_docs)
    assert clusterer.n_themes_ == 2
    by_id = {d.document.id: int(label) for d, label in zip(hand_docs, clusterer.labels_)}
    assert by_id["sport-0"] == by_id["sport-1"] == by_id["sport-2"] != by_id["market-0"]
    assert by_id["market-0"] == by_id["market-1"] == by_id["market-2"]
    # equal sizes: the theme of the first document comes first
    assert clusterer.themes_[0].doc_ids == ("sport-0", "sport-1", "sport-2")
    assert set(clusterer.themes_[0].label) <= {w for w, _ in SPORT}
    assert set(clusterer.themes_[1].label) <= {w for w, _ in MARKET}
    assert "今天" not in clusterer.themes_[0].label  # a time word is no feature


def test_agglomerative_agrees_on_clear_topics(hand_docs):
    kmeans = ThemeClusterer(themes=2).fit(hand_docs)
    agglomerative = ThemeClusterer(themes=2, method="agglomerative").fit(hand_docs)
    assert kmeans.labels_.tolist() == agglomerative.labels_.tolist() == [0, 1, 0, 1, 0, 1]


@pytest.mark.parametrize("themes", ["auto", 1, 2, 5])
@pytest.mark.parametrize("method", ["kmeans", "agglomerative"])
def test_tiny_corpora_give_sensible_answers(hand_docs, themes, method):
    one = ThemeClusterer(themes=themes, method=method).fit(hand_docs[:1])
    assert one.n_themes_ == 1 and one.themes_[0].doc_ids == ("sport-0",)
    assert one.themes_[0].representative == "sport-0" and one.themes_[0].label
    assert one.coords_.tolist() == [[0.0, 0.0]]

    two = ThemeClusterer(themes=themes, method=method).fit(hand_docs[:2])
    assert two.n_themes_ == (1 if themes in ("auto", 1) else 2)

    same = ThemeClusterer(themes=themes, method=method).fit([hand_docs[0]] * 3)
    assert same.n_themes_ == 1 and same.labels_.tolist() == [0, 0, 0]

    none = ThemeClusterer(themes=themes, method=method).fit([])
    assert none.themes_ == () and none.labels_.tolist() == [] and none.coords_.shape == (0, 2)


def test_document_without_features_joins_a_theme(hand_docs):
    empty = segmented("empty", [("今天", "t"), ("，", "x")])
    clusterer = ThemeClusterer(themes=2).fit([*hand_docs, empty])
    assert clusterer.labels_.shape == (7,)
    assert sum(t.size for t in clusterer.themes_) == 7


def test_more_themes_than_distinct_documents_is_capped(hand_docs):
    clusterer = ThemeClusterer(themes=10).fit(hand_docs)
    assert clusterer.n_themes_ <= 6
    assert all(t.size >= 1 for t in clusterer.themes_)


@pytest.mark.parametrize("params", [{"themes": 0}, {"themes": "many"}, {"themes": True}, {"method": "dbscan"}])
def test_bad_parameters_raise_config_error(hand_docs, params):
    with pytest.raises(ConfigError):
        ThemeClusterer(**params).fit(hand_docs)


def test_fragment_of_an_unknown_name_is_no_label():
    # 西集镇 cut as 西/集镇: 集镇 is the tail of a name, 计生 stands on its own
    doc = segmented("d", [("西", "f"), ("集镇", "n"), ("计生", "n"), ("协会", "n"), ("西", "f"), ("集镇", "n"),
                          ("的", "uj"), ("计生", "n")])
    assert _fragments([doc]) == frozenset({"集镇"})


def test_an_idf_from_elsewhere_is_used(hand_docs):
    # an IDF that makes the sports words worthless: the sports articles all lie at one point of the map
    idf = {w: 0.0 for w, _ in SPORT} | {w: 1.0 for w, _ in MARKET}
    weighted = ThemeClusterer(themes=2, idf=idf).fit(hand_docs).coords_[0::2]
    plain = ThemeClusterer(themes=2).fit(hand_docs).coords_[0::2]
    assert np.allclose(weighted, weighted[0])
    assert not np.allclose(plain, plain[0])


# -- the CLI ---------------------------------------------------------------------------------------------------

def test_cli_jsonl_one_record_per_article_loans_together(runner):
    result = runner.invoke(app, ["cluster", str(SEEDS), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert tuple(r["title"] for r in records) == SEED_TITLES
    assert all(list(r) == ["id", "title", "theme", "theme_label"] for r in records)
    loans = {r["theme"] for r in records if r["title"] in LOAN_TITLES}
    assert len(loans) == 1
    label = next(r["theme_label"] for r in records if r["title"] in LOAN_TITLES)
    assert LOAN_WORDS & set(label)


def test_cli_json_table_and_csv(runner):
    result = runner.invoke(app, ["cluster", str(SEEDS), "-f", "json", "--themes", "3", "--method", "agglomerative"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [t["id"] for t in data["themes"]] == [1, 2, 3]  # numbered from 1, as in every output
    assert list(data["themes"][0]) == ["id", "label", "size", "representative", "documents"]
    assert sum(t["size"] for t in data["themes"]) == len(data["documents"]) == 8
    assert all(t["representative"] in t["documents"] for t in data["themes"])

    table = runner.invoke(app, ["cluster", str(SEEDS)])
    assert table.exit_code == 0 and "themes" in table.stdout and "小额贷款引领计生户致富" in table.stdout

    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["cluster", str(SEEDS), "-f", "csv"]).stdout)))
    assert len(rows) == 8 and all("、" in row["theme_label"] for row in rows)


def test_cli_bad_theme_count_is_a_usage_error(runner):
    result = runner.invoke(app, ["cluster", str(SEEDS), "--themes", "many"])
    assert result.exit_code == 2
    assert "Error: --themes must be 'auto'" in result.stderr


def test_an_idf_model_from_the_keyword_step_is_accepted(hand_docs):
    from tiyao.idf import IdfModel
    from tiyao.keyterms.candidates import analyzer

    model = IdfModel(mode="corpus", analyzer=analyzer()).fit(hand_docs)  # as the keyword step fits it
    clusterer = ThemeClusterer(idf=model).fit(hand_docs)
    assert clusterer.labels_.tolist() == [0, 1, 0, 1, 0, 1]


def _four_topics():
    """240 articles over 4 topics, each drawing 6 of its topic's 12 words and 2 of 12 shared words (seeded): the
    articles, their topics and the topics' words."""
    rng = np.random.RandomState(7)
    topics = [[f"{name}{i}" for i in range(12)] for name in ("足球", "股票", "电影", "房价")]
    shared = [f"记者{i}" for i in range(12)]
    docs, truth = [], []
    for n in range(240):
        topic = n % 4
        words = list(rng.choice(topics[topic], 6, replace=False)) + list(rng.choice(shared, 2, replace=False))
        docs.append(segmented(f"d{n}", [(w, "n") for w in words]))
        truth.append(topic)
    return docs, truth, topics


def test_a_corpus_large_enough_for_lsa_finds_its_topics():
    docs, truth, topics = _four_topics()
    clusterer = ThemeClusterer().fit(docs)
    assert clusterer.n_themes_ == 4
    for topic in range(4):
        found = {int(clusterer.labels_[i]) for i in range(240) if truth[i] == topic}
        assert len(found) == 1
        assert all(word.startswith(topics[topic][0][:2]) for word in clusterer.themes_[found.pop()].label)
    assert clusterer.coords_.shape == (240, 2)
    again = ThemeClusterer().fit(docs)
    assert again.themes_ == clusterer.themes_ and again.coords_.tolist() == clusterer.coords_.tolist()


def test_a_large_corpus_tries_the_number_of_themes_on_a_sample_and_clusters_every_article(monkeypatch):
    import tiyao.cluster as cluster

    docs, truth, topics = _four_topics()
    tried: list[int] = []
    trial = ThemeClusterer._trial
    monkeypatch.setattr(ThemeClusterer, "_trial", lambda self, Z, k: tried.append(Z.shape[0]) or trial(self, Z, k))
    monkeypatch.setattr(cluster, "K_TRIAL_MAX_ARTICLES", 100)  # (5,000 articles in tiyao)
    clusterer = ThemeClusterer().fit(docs)
    assert set(tried) == {100} and len(tried) == 19  # k = 2..20, each on the sample
    assert clusterer.n_themes_ == 4 and clusterer.labels_.shape == (240,)
    for topic in range(4):  # the final clustering is of every article
        assert len({int(clusterer.labels_[i]) for i in range(240) if truth[i] == topic}) == 1
    assert ThemeClusterer().fit(docs).labels_.tolist() == clusterer.labels_.tolist()


def test_the_silhouettes_of_a_sample_are_scikit_learn_s(monkeypatch):
    from sklearn.metrics import silhouette_score

    import tiyao.cluster as cluster

    docs, _, _ = _four_topics()
    monkeypatch.setattr(cluster, "SILHOUETTE_SAMPLE", 100)  # (2,000 in tiyao: the distances computed once)
    tried = {}
    trial = ThemeClusterer._trial

    def record(self, Z, k):
        tried[k] = (Z, trial(self, Z, k))
        return tried[k][1]

    monkeypatch.setattr(ThemeClusterer, "_trial", record)
    clusterer = ThemeClusterer().fit(docs)
    assert sorted(clusterer.scores_) == sorted(tried) == list(range(2, 21))
    for k, (Z, labels) in tried.items():
        expected = silhouette_score(Z, labels, metric="cosine", sample_size=100, random_state=clusterer.random_state)
        assert clusterer.scores_[k] == pytest.approx(float(expected), abs=1e-6)


def test_a_small_corpus_votes_in_lsa_subspaces(monkeypatch):
    # 80 articles over 4 topics, each drawing 4 of its topic's 40 words and 4 of 30 shared words (seeded): two
    # articles of one topic rarely share a word, so raw TF-IDF vectors barely tell the topics apart, while the
    # words' co-occurrence (LSA) does
    from sklearn.metrics import v_measure_score

    import tiyao.cluster as cluster

    def corpus(seed):
        rng = np.random.RandomState(seed)
        topics = [[f"{name}{i}" for i in range(40)] for name in ("足球", "股票", "电影", "房价")]
        shared = [f"记者{i}" for i in range(30)]
        docs = [segmented(f"d{n}", [(w, "n") for w in list(rng.choice(topics[n % 4], 4, replace=False))
                                    + list(rng.choice(shared, 4, replace=False))]) for n in range(80)]
        return docs, [n % 4 for n in range(80)]

    corpora = [corpus(seed) for seed in (0, 1, 2)]
    voted = [v_measure_score(truth, ThemeClusterer(themes=4).fit(docs).labels_) for docs, truth in corpora]
    docs, _ = corpora[0]
    assert ThemeClusterer(themes=4).fit(docs).labels_.tolist() == ThemeClusterer(themes=4).fit(docs).labels_.tolist()
    assert ThemeClusterer(themes=4).fit(docs).space().lsa is None  # the TF-IDF vectors stay the clustering space
    monkeypatch.setattr(cluster, "_SMALL_LSA_MIN_DIMS", 10**6)  # as before: the runs vote on TF-IDF vectors
    plain = [v_measure_score(truth, ThemeClusterer(themes=4).fit(docs).labels_) for docs, truth in corpora]
    assert np.mean(voted) >= np.mean(plain) + 0.15
    assert all(v > p for v, p in zip(voted, plain))


def test_silhouette_is_scikit_learn_s_to_the_last_bit():
    from sklearn.metrics import silhouette_score
    from sklearn.metrics.pairwise import cosine_distances

    from tiyao.cluster import _silhouette

    rng = np.random.RandomState(3)
    distances = cosine_distances(rng.rand(60, 8) - 0.3)
    for k in (2, 3, 7):
        labels = rng.randint(0, k, size=60) * 2 + 5  # codes need not start at 0 or be contiguous
        labels[:k] = np.arange(k) * 2 + 5
        labels[k] = 5  # and a theme of one article scores 0
        assert _silhouette(distances, labels) == float(silhouette_score(distances, labels, metric="precomputed"))


def test_bag_matrix_is_the_per_article_counter_matrix():
    import math
    from collections import Counter

    import scipy.sparse as sp

    from tiyao.cluster import _Bag

    terms = [["球队", "教练", "球队", "球队"], [], ["股票", "球队", "基金", "股票"], ["基金"]]
    bag = _Bag(terms)
    assert bag.words == ["基金", "教练", "球队", "股票"] and bag.df.tolist() == [2, 1, 2, 1]
    assert bag.occurrences("球队") == 4 and bag.occurrences("电影") == 0
    keep = np.array([True, False, True, True])
    X, words = bag.matrix(keep)
    index = {w: i for i, w in enumerate(words)}
    rows, cols, vals = [], [], []
    for r, ws in enumerate(terms):
        for w, c in Counter(w for w in ws if w in index).items():
            rows.append(r), cols.append(index[w]), vals.append(1.0 + math.log(c))
    expected = sp.csr_matrix((vals, (rows, cols)), shape=(4, 3))
    assert words == ["基金", "球队", "股票"]
    assert X.indptr.tolist() == expected.indptr.tolist() and X.indices.tolist() == expected.indices.tolist()
    assert X.data.tolist() == expected.data.tolist()


@pytest.mark.filterwarnings("ignore:Number of distinct clusters")  # k-means on 9 distinct rows with k = 12
def test_kmeans_finds_separated_groups_and_repeats_itself():
    from sklearn.metrics import adjusted_rand_score

    from tiyao.cluster import _kmeans

    rng = np.random.RandomState(5)
    blobs = np.vstack([rng.normal(c, 0.4, size=(40, 6)) for c in (0.0, 2.0, 5.0)])
    truth = np.repeat([0, 1, 2], 40)
    for n_init, seed in [(1, 17), (5, 0), (10, 2**31 - 2)]:
        labels = _kmeans(blobs, 3, n_init, seed)
        assert adjusted_rand_score(truth, labels) > 0.99
        assert labels.tolist() == _kmeans(blobs, 3, n_init, seed).tolist()  # same seed, same labels
    # repeated rows (ties in k-means++) and more groups asked than distinct rows: identical rows stay together
    repeated = np.repeat(rng.rand(9, 4), 5, axis=0)
    labels = _kmeans(repeated, 12, 5, 2)
    assert all(len(set(labels[i:i + 5].tolist())) == 1 for i in range(0, 45, 5))
    assert len(set(labels.tolist())) == 9
