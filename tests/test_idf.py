"""IdfModel: corpus document frequencies, jieba's background table, the blend, and the saved file."""

from __future__ import annotations

import math

import pytest

from tiyao.errors import ConfigError, InputError
from tiyao.idf import IdfModel, background_table
from tiyao.resources import jieba_idf_table

DOCS = [["计生", "信贷", "协会"], ["计生", "信贷"], ["计生", "苗木"]]


def test_corpus_idf_is_higher_for_rarer_terms():
    model = IdfModel(mode="corpus").fit(DOCS)
    assert model.idf("苗木") > model.idf("信贷") > model.idf("计生")
    assert model.document_frequency("计生") == 3


def test_corpus_idf_formula_and_scale():
    model = IdfModel(mode="corpus").fit(DOCS)
    n, df = 3, 2
    expected = (math.log((n + 1) / (df + 1)) + 1) / (math.log(n + 1) + 1)
    assert model.idf("信贷") == pytest.approx(expected)
    assert model.idf("没见过") == pytest.approx(1.0)  # unseen: as rare as can be


def test_phrases_get_their_own_document_frequency():
    model = IdfModel(mode="corpus").fit(DOCS)
    assert model.document_frequency("计生信贷") == 2  # adjacent tokens joined
    assert model.document_frequency("信贷协会") == 1
    assert model.document_frequency("计生信贷协会") == 1
    assert model.idf("计生信贷") < model.idf("信贷协会")


def test_background_reads_jieba_s_table_scaled_to_one():
    table, median = background_table()
    raw = {}
    with jieba_idf_table().open(encoding="utf-8") as lines:
        for line in lines:
            word, value = line.split()
            raw[word] = float(value)
            if len(raw) == 5:
                break
    top = max(float(line.split()[1]) for line in jieba_idf_table().open(encoding="utf-8") if line.strip())
    for word, value in raw.items():
        assert table[word] == pytest.approx(value / top)
    assert 0 < median < 1
    model = IdfModel(mode="background")
    assert model.idf("的确") == pytest.approx(table["的确"])
    assert model.idf("西集镇两非") == pytest.approx(median)  # unknown word: the median
    assert model.idf("长效节育措施", ["长效", "节育", "措施"]) == pytest.approx(
        max(table.get(p, median) for p in ["长效", "节育", "措施"]))


def test_background_mode_needs_no_fitting_and_common_words_score_low():
    model = IdfModel(mode="background")
    assert model.idf("苗木") > model.idf("工作")


def test_blend_weight_follows_the_number_of_documents():
    model = IdfModel(mode="blend", prior_documents=50).fit(DOCS)
    w = 3 / 53
    corpus = IdfModel(mode="corpus").fit(DOCS).idf("苗木")
    background = IdfModel(mode="background").idf("苗木")
    assert model.corpus_weight == pytest.approx(w)
    assert model.idf("苗木") == pytest.approx(w * corpus + (1 - w) * background)


def test_idf_many_matches_idf():
    model = IdfModel().fit(DOCS)
    terms = ["计生", "苗木", "计生信贷", "没见过"]
    assert list(model.idf_many(terms)) == pytest.approx([model.idf(t) for t in terms])


def test_save_and_load_round_trip(tmp_path):
    model = IdfModel(mode="corpus").fit(DOCS)
    path = tmp_path / "idf.tsv"
    model.save(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["# tiyao idf 1", "# documents\t3"]
    assert "计生\t3" in lines
    loaded = IdfModel.load(path, mode="corpus")
    assert loaded.df_ == model.df_ and loaded.n_documents_ == 3
    assert loaded.idf("信贷") == model.idf("信贷")


def test_load_rejects_other_files(tmp_path):
    path = tmp_path / "idf.tsv"
    path.write_text("计生 3\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a tiyao IDF model"):
        IdfModel.load(path)
    with pytest.raises(InputError, match="cannot read"):
        IdfModel.load(tmp_path / "missing.tsv")


def test_bad_mode_and_unfitted_use_raise_config_error(tmp_path):
    with pytest.raises(ConfigError, match="idf mode"):
        IdfModel(mode="bm25").fit(DOCS)
    with pytest.raises(ConfigError, match="not fitted"):
        IdfModel(mode="corpus").idf("计生")
    with pytest.raises(ConfigError, match="not fitted"):
        IdfModel().save(tmp_path / "x.tsv")


def test_a_string_is_not_a_corpus():
    with pytest.raises(InputError, match="string"):
        IdfModel().fit("计生信贷")


def test_counts_summed_elsewhere_give_the_same_model():
    fitted = IdfModel(mode="corpus").fit(DOCS)
    halves = [IdfModel(mode="corpus").fit(DOCS[:1]), IdfModel(mode="corpus").fit(DOCS[1:])]
    summed: dict[str, int] = {}
    for half in halves:
        for term, n in half.df_.items():
            summed[term] = summed.get(term, 0) + n
    merged = IdfModel.from_document_frequencies(summed, 3, mode="corpus")
    assert merged.df_ == fitted.df_
    assert merged.idf("信贷") == fitted.idf("信贷")


def test_remembered_idf_tells_a_word_from_a_phrase_spelled_alike():
    # 西集两非 is unknown to the table: as one word it takes the corpus side only, as 西集 + 两非 its background
    # comes from its words; asking one first must not change the other
    model = IdfModel(mode="blend").fit(DOCS)
    word_first = [model.idf_many(["西集两非"])[0], model.idf_many(["西集两非"], [("西集", "两非")])[0]]
    fresh = IdfModel(mode="blend").fit(DOCS)
    phrase_first = [fresh.idf_many(["西集两非"], [("西集", "两非")])[0], fresh.idf_many(["西集两非"])[0]]
    assert word_first == phrase_first[::-1]
    assert word_first[0] != word_first[1]
    model.prior_documents = 0  # a changed parameter drops what was remembered
    assert model.idf("西集两非") == IdfModel(mode="corpus").fit(DOCS).idf("西集两非")


def test_segmented_documents_without_an_analyzer_count_their_words_as_token_lists():
    # the IDF knows nothing of keyword candidates (it imports no keyword code): without an analyzer a segmented
    # article counts as the list of its words (each word, and runs of 2 to 4 adjacent words joined)
    from tiyao.types import Document, SegmentedDocument, SegmentedSentence, Sentence, Token

    def segmented(words: list[str]) -> SegmentedDocument:
        text = "".join(words)
        tokens, at = [], 0
        for word in words:
            tokens.append(Token(word, "n", at, at + len(word)))
            at += len(word)
        sentence = SegmentedSentence(Sentence(0, 0, len(text), text), tuple(tokens))
        return SegmentedDocument(Document("d", "", text, "test"), (sentence,))

    docs = [segmented(words) for words in DOCS]
    assert IdfModel(mode="corpus").fit(docs).df_ == IdfModel(mode="corpus").fit(DOCS).df_


def test_the_idf_module_imports_no_keyword_code():
    import subprocess
    import sys

    code = "import sys, tiyao.idf; print(any(m.startswith('tiyao.keyterms') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"


def test_jiebas_tables_are_read_once_into_the_cache_and_read_again_when_the_file_changes(tmp_path, monkeypatch):
    """resources.cached: jieba's tags and IDF table, read by every process, come pickled from the cache directory
    while the file they are read from is the same; a changed file, a damaged cache file or a cache that cannot be
    written only mean reading the file."""
    import os

    from tiyao import resources
    from tiyao.idf import _read_background_table

    monkeypatch.setattr(resources, "cache_dir", lambda: tmp_path / "cache")
    source = tmp_path / "idf.txt"
    source.write_text("西集镇 12.0\n计划生育 8.0\n工作 4.0\n", encoding="utf-8")
    reads: list[str] = []

    def read(path):
        reads.append(path.name)
        return _read_background_table(path)

    first = resources.cached("jieba-idf", source, read)
    assert first == ({"西集镇": 1.0, "计划生育": 8.0 / 12, "工作": 4.0 / 12}, 8.0 / 12)
    assert resources.cached("jieba-idf", source, read) == first and reads == ["idf.txt"]  # (from the cache)
    [kept] = (tmp_path / "cache" / "tables").iterdir()
    source.write_text("西集镇 10.0\n工作 5.0\n", encoding="utf-8")
    os.utime(source, ns=(1, 1))  # (another size and time: another file)
    assert resources.cached("jieba-idf", source, read) == ({"西集镇": 1.0, "工作": 0.5}, 0.75) and len(reads) == 2
    [now] = (tmp_path / "cache" / "tables").iterdir()
    assert now != kept  # the old table is gone
    now.write_bytes(b"not a pickle")
    assert resources.cached("jieba-idf", source, read) == ({"西集镇": 1.0, "工作": 0.5}, 0.75) and len(reads) == 3
    assert resources.cached("jieba-idf", source, read) == ({"西集镇": 1.0, "工作": 0.5}, 0.75) and len(reads) == 3
    other = tmp_path / "other" / "idf.txt"  # (another environment's jieba: a table of its own, kept beside)
    other.parent.mkdir()
    other.write_text("工作 2.0\n", encoding="utf-8")
    assert resources.cached("jieba-idf", other, read) == ({"工作": 1.0}, 1.0) and len(reads) == 4
    assert len(list((tmp_path / "cache" / "tables").iterdir())) == 2
    assert resources.cached("jieba-idf", source, read)[1] == 0.75 and len(reads) == 4
    monkeypatch.setattr(resources, "cache_dir", lambda: source)  # (a file where the folder should be)
    assert resources.cached("jieba-idf", source, read)[1] == 0.75 and len(reads) == 5


def test_the_tables_read_through_the_cache_are_jiebas():
    from tiyao import resources
    from tiyao.idf import _read_background_table, background_table

    assert resources.jieba_pos_tags() == resources._read_pos_tags(resources.jieba_dictionary())
    assert background_table() == _read_background_table(resources.jieba_idf_table())
    assert (resources.jieba_pos_tags()["北京"], resources.jieba_pos_tags()["计划生育"]) == ("ns", "l")
