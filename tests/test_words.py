"""New-word discovery on the seeds and on small texts; export as a jieba user dictionary."""

from __future__ import annotations

import pytest

from cli.main import app
from nlp.errors import ConfigError, InputError
from nlp.segment import Segmenter
from nlp.words import WordDiscoverer

from .conftest import SEEDS


@pytest.fixture(scope="module")
def seed_words(seed_documents):
    return WordDiscoverer().fit([d.title + "\n" + d.text for d in seed_documents])


def test_seeds_yield_the_corpus_s_own_words(seed_words):
    found = [w.word for w in seed_words.words_]
    assert {"西集镇", "两非", "田军"} <= set(found[:5])
    assert "计生信贷助富" in found


def test_seeds_yield_no_fragments_or_joined_words(seed_words):
    found = {w.word for w in seed_words.words_}
    assert not found & {"集镇", "西集镇计生", "等方面", "镇计生"}
    assert all(w.word[0] not in "的了和与在是" and w.word[-1] not in "的了和与在是" for w in seed_words.words_)


def test_scores_are_consistent_and_sorted(seed_words):
    words = seed_words.words_
    assert [w.score for w in words] == sorted((w.score for w in words), reverse=True)
    for w in words:
        assert w.count >= 3 and w.pmi >= 3.0 and w.entropy >= 0.9


def test_a_fragment_with_one_left_neighbour_is_not_a_word():
    texts = ["西集镇计生办，西集镇派出所。", "西集镇卫生院和西集镇民政办。", "来到西集镇。"]
    found = [w.word for w in WordDiscoverer(min_count=3, min_pmi=1.0, known=frozenset()).fit(texts).words_]
    assert "西集镇" in found and "集镇" not in found


def test_dictionary_words_are_not_new():
    texts = ["计划生育很重要。", "抓好计划生育。", "计划生育家庭，", "关于计划生育！", "坚持计划生育"]
    found = [w.word for w in WordDiscoverer(min_pmi=0.0).fit(texts).words_]
    assert "计划生育" not in found  # in jieba's dictionary
    assert "计划生育" in [w.word for w in WordDiscoverer(min_pmi=0.0, known=frozenset()).fit(texts).words_]


def test_export_writes_a_user_dictionary_the_segmenter_loads(seed_words, tmp_path):
    path = tmp_path / "words.txt"
    seed_words.export(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "两非 nz" in lines and "西集镇 nz" in lines
    segmenter = Segmenter(user_dicts=[path])
    assert "两非" in segmenter.cut("打击“两非”行为")
    assert segmenter.with_words(seed_words.dictionary_entries()).cut("西集镇计生办")[0] == "西集镇"


def test_bad_input_and_parameters():
    with pytest.raises(InputError, match="string"):
        WordDiscoverer().fit("西集镇")
    with pytest.raises(ConfigError, match="min_count"):
        WordDiscoverer(min_count=0).fit(["西集镇"])
    with pytest.raises(ConfigError, match="not fitted"):
        WordDiscoverer().dictionary_entries()
    assert WordDiscoverer().fit(["2013, ABC!"]).words_ == ()


def test_cli_words_lists_and_exports(runner, tmp_path):
    path = tmp_path / "new.txt"
    result = runner.invoke(app, ["words", str(SEEDS), "--min-count", "3", "--export", str(path), "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "word,count,pmi,entropy,score"
    words = [line.split(",")[0] for line in lines[1:]]
    assert "西集镇" in words and "两非" in words
    assert path.read_text(encoding="utf-8").splitlines()[:len(words)] == [f"{w} nz" for w in words]
