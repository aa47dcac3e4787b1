"""Scope words (issue 13, item 2): a determiner and a place unit (全镇, 各村, 本市) point at a place, not a topic."""

from __future__ import annotations

from tiyao.keyterms import generic
from tiyao.keyterms.generic import SCOPE_WEIGHT, genericness
from tiyao.keyterms.scope import is_scope_word, scope_parts
from tiyao.keyterms.tfidf import TfidfKeywords
from tiyao.segment import Segmenter
from tiyao.types import Document


def test_determiners_and_place_units_are_read_from_jieba_s_dictionary():
    determiners, units = scope_parts()
    assert {"全", "各", "本", "该"} <= determiners
    assert not determiners & {"小", "水", "跨", "西"}  # names (小镇 nr), a noun, a verb, a direction
    assert {"镇", "县", "村", "市", "省", "乡", "区"} <= units
    assert not units & {"原", "山", "河", "集"}  # ends of names that take no determiner


def test_the_parts_are_worked_out_once_per_dictionary_and_settings_and_kept(monkeypatch, tmp_path):
    from tiyao import resources
    from tiyao.keyterms import scope

    monkeypatch.setattr(resources, "cache_dir", lambda: tmp_path)
    scope.scope_parts.cache_clear()
    try:
        first = scope.scope_parts()
        tags = resources.jieba_pos_tags()

        def unread():
            raise AssertionError("the dictionary's tags were read again")

        monkeypatch.setattr(resources, "jieba_pos_tags", unread)
        scope.scope_parts.cache_clear()
        assert scope.scope_parts() == first  # (from the cache: the tags are not read)
        monkeypatch.setattr(resources, "jieba_pos_tags", lambda: tags)
        monkeypatch.setattr(scope, "UNIT_DETERMINERS", 11)  # another setting: worked out again
        scope.scope_parts.cache_clear()
        determiners, units = scope.scope_parts()
        assert determiners == first[0] and units < first[1]
    finally:
        scope.scope_parts.cache_clear()


def test_a_table_s_reader_is_known_by_its_code_the_same_in_every_process():
    from tiyao.resources import _code_key

    source = "def read(path):\n    return sorted(len(line) for line in path.read_text().splitlines())\n"
    first, second = ({} for _ in range(2))
    exec(compile(source, "a.py", "exec"), first)
    exec(compile(source, "b.py", "exec"), second)
    assert first["read"].__code__.co_consts[1] is not second["read"].__code__.co_consts[1]  # (a generator's code)
    assert _code_key(first["read"].__code__) == _code_key(second["read"].__code__)
    assert " at 0x" not in _code_key(first["read"].__code__)


def test_a_scope_word_is_a_determiner_and_a_place_unit():
    assert all(is_scope_word(w) for w in ("全镇", "全县", "各村", "本市", "该镇", "各省"))
    # a place name, a common word of two units, a term of logic, a name, an adjective, a longer word
    assert not any(is_scope_word(w) for w in ("西集镇", "乡镇", "本原", "小镇", "全面", "全镇人"))
    assert genericness("全镇").scope == SCOPE_WEIGHT and genericness("苗木").scope == 1.0


def test_a_scope_word_the_article_repeats_is_not_its_keyword(monkeypatch):
    text = ("全镇开展婚育新风进万家活动。全镇各村张贴标语，宣传车走遍全镇。卫生院为全镇育龄妇女免费查体，"
            "婚育新风深入人心。全镇共发放宣传材料三千份。")
    doc = Segmenter().segment(Document("1", "西集镇开展婚育新风进万家活动", text, "<test>"))
    terms = [k.term for k in TfidfKeywords(top_k=3).fit([doc]).extract(doc)]
    assert "全镇" not in terms and "婚育新风" in terms
    monkeypatch.setattr(generic, "SCOPE_WEIGHT", 1.0)  # unweighted, it is among the first (five times in the text)
    assert "全镇" in [k.term for k in TfidfKeywords(top_k=3).fit([doc]).extract(doc)]
