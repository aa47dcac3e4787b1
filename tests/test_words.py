"""New-word discovery on the seeds and on small texts; export as a jieba user dictionary."""

from __future__ import annotations

import json
import math
import random
import re
from collections import Counter, defaultdict

import numpy as np
import pytest

from tiyao.cli.main import app
from tiyao import resources
from tiyao.errors import ConfigError, InputError
from tiyao.segment import Segmenter
from tiyao.words import (_NO_END_CHARS, _NO_INSIDE_CHARS, _NUMERALS, FUNCTION_CHARS, WordDiscoverer,
                         _borrows_a_neighbour, _glued_function_word, _Grams, _known_words, _opened_by_a_preposition,
                         hides_known_words)

from .conftest import SEEDS


def _borrows_by_scan(word, text, known):
    """The plain definition of ``_borrows_a_neighbour``: scan the text for every occurrence of ``word`` and look at
    the one to three characters before it and the one after it."""
    if len(word) < 3:
        return False
    head = word[1:] in known or _known_words(word[1:], known)
    tail = word[:-1] in known or _known_words(word[:-1], known)
    if not head and not tail:
        return False
    before = after = total = 0
    n = len(word)
    at = text.find(word)
    while at >= 0:
        total += 1
        if head and any(at - k >= 0 and text[at - k:at] + word[0] in known for k in (1, 2, 3)):
            before += 1
        if tail and at + n < len(text) and word[-1] + text[at + n] in known:
            after += 1
        at = text.find(word, at + 1)
    return total > 0 and 2 * max(before, after) >= total


def _quantity_by_scan(word, text, tags):
    """The plain definition of ``_opens_a_quantity``: scan the text for every occurrence of ``word`` and look at
    the character after it."""
    if word[-1] not in "零〇一二三四五六七八九十两几":
        return False
    quantity = total = 0
    at = text.find(word)
    while at >= 0:
        total += 1
        quantity += at + len(word) < len(text) and tags.get(word[-1] + text[at + len(word)]) in ("m", "mq")
        at = text.find(word, at + 1)
    return total > 0 and 2 * quantity >= total


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
    assert lines[0] == "word,count,pmi,entropy,left_entropy,right_entropy,score"
    words = [line.split(",")[0] for line in lines[1:]]
    assert "西集镇" in words and "两非" in words
    assert path.read_text(encoding="utf-8").splitlines()[:len(words)] == [f"{w} nz" for w in words]


def _plain(texts, *, min_count=3, max_length=6, min_pmi=3.0, min_entropy=0.9, known=frozenset()):
    """The module docs' definition, computed the slow, obvious way (every substring of every run, one at a time)."""
    tags = resources.jieba_pos_tags()

    def neighbour(ch):  # a number is one neighbour; anything outside a Chinese run is an edge (None)
        if ch is None:
            return None
        if ch.isascii() and ch.isdigit() or "０" <= ch <= "９" or ch in _NUMERALS:
            return "#"
        return ch if re.fullmatch(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]", ch) else None

    runs = []  # (run, the character before it, the character after it)
    for text in texts:
        for m in re.finditer(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+", text):
            runs.append((m.group(), text[m.start() - 1] if m.start() else None,
                         text[m.end()] if m.end() < len(text) else None))
    counts, left, right = Counter(), defaultdict(Counter), defaultdict(Counter)
    for run, before, after in runs:
        for n in range(1, max_length + 1):
            for i in range(len(run) - n + 1):
                w = run[i:i + n]
                counts[w] += 1
                if n > 1:
                    left[w][neighbour(run[i - 1] if i else before)] += 1
                    right[w][neighbour(run[i + n] if i + n < len(run) else after)] += 1
    log_total = math.log(sum(len(r[0]) for r in runs) or 1)

    def entropy(neighbours):
        total = sum(neighbours.values())
        value = -sum(c / total * math.log(c / total) for x, c in neighbours.items() if x is not None)
        return value + neighbours[None] / total * math.log(total)

    joined = "\n".join(texts)

    def glued(w, new):  # the word-level filters are plain Python in the module too: use them
        return _glued_function_word(w, known, new, tags) or _known_words(w, known) \
            or _borrows_by_scan(w, joined, known) or _opened_by_a_preposition(w, known, tags) \
            or _quantity_by_scan(w, joined, tags)

    found = []
    for w, c in counts.items():
        if len(w) < 2 or c < min_count or w in known or w[0] in FUNCTION_CHARS or w[-1] in FUNCTION_CHARS \
                or w[-1] in _NO_END_CHARS or set(w) & _NO_INSIDE_CHARS or set(w) <= _NUMERALS:
            continue
        pmi = min(math.log(c) - log_total - (math.log(counts[w[:k]]) - log_total)
                  - (math.log(counts[w[k:]]) - log_total) for k in range(1, len(w)))
        free = min(entropy(left[w]), entropy(right[w]))
        if pmi >= min_pmi and free >= min_entropy:
            found.append((w, c, round(pmi, 4), round(free, 4), round(math.log1p(c) * pmi * free, 4),
                          round(entropy(left[w]), 4), round(entropy(right[w]), 4)))
    found.sort(key=lambda w: (-w[4], w[0]))
    kept = []
    for w in sorted(found, key=lambda w: (-len(w[0]), w[0])):
        inside = sum(longer[1] * sum(longer[0][k:k + len(w[0])] == w[0] for k in range(len(longer[0])))
                     for longer in kept if len(longer[0]) > len(w[0]))
        if not (inside and w[1] <= inside / 0.9):
            kept.append(w)
    words, accepted, new = [], set(), {w[0] for w in kept}
    for w in (w for w in found if w in kept and not glued(w[0], new)):
        parts = [(w[0][:k], w[0][k:]) for k in range(2, len(w[0]) - 1)]
        if not any((a in accepted and (b in known or b in accepted)) or (b in accepted and (a in known or a in accepted))
                   for a, b in parts):
            words.append(w)
            accepted.add(w[0])
    return words


def _fields(discoverer):
    return [(w.word, w.count, w.pmi, w.entropy, w.score, w.left_entropy, w.right_entropy)
            for w in discoverer.words_]


def test_the_fast_count_gives_the_plain_definition_to_the_last_bit_on_the_seeds(seed_words, seed_documents):
    texts = [d.title + "\n" + d.text for d in seed_documents]
    expected = _plain(texts, known=resources.jieba_pos_tags())
    assert len(expected) >= 5
    assert _fields(seed_words) == expected


def test_the_fast_count_gives_the_plain_definition_on_odd_texts():
    # few characters so strings repeat; runs end at punctuation, digits, Latin letters, line breaks and emoji
    alphabet = "西集镇计生两非的了和上下一二三田军助富贷让你，。a1７\n😀"
    rng = random.Random(7)
    for _ in range(150):
        texts = ["".join(rng.choice(alphabet[:rng.randint(4, len(alphabet))]) for _ in range(rng.randint(0, 60)))
                 for _ in range(rng.randint(1, 5))]
        params = dict(min_count=rng.randint(1, 4), max_length=rng.randint(2, 7), min_pmi=rng.choice([-5.0, 0.0, 1.0]),
                      min_entropy=rng.choice([0.0, 0.3, 0.9]), known=rng.choice([frozenset(), frozenset({"西集", "计生"})]))
        assert _fields(WordDiscoverer(**params).fit(texts)) == _plain(texts, **params), (texts, params)


def test_texts_are_read_as_a_stream_and_odd_code_points_end_a_run():
    texts = ["\ud800西集镇\U0001F600西集镇。", "西集镇𠀀西集镇"]  # a lone surrogate, an emoji, a CJK extension B character
    found = WordDiscoverer(min_count=4, min_pmi=0.0, min_entropy=0.0, known=frozenset()).fit(iter(texts)).words_
    assert [(w.word, w.count) for w in found] == [("西集镇", 4)]
    assert found[0].entropy == round(math.log(4), 4)  # every occurrence stands between two run edges


def test_a_run_after_a_number_has_no_free_edge():
    # 次助攻 follows numbers only (digits and Chinese numerals alike): not free on its left, not a new word
    texts = [f"科比本场拿下{n}次助攻，" for n in ("10", "8", "十二", "７", "3", "五")] + ["拜纳姆篮板，", "拜纳姆受伤。", "拜纳姆说，", "拜纳姆"]
    found = [w.word for w in WordDiscoverer(min_count=3, min_pmi=0.0, known=frozenset()).fit(texts).words_]
    assert "次助攻" not in found and "助攻" not in found
    assert "拜纳姆" in found


def test_a_one_character_verb_preposition_or_pronoun_glued_to_a_known_word_is_not_a_new_word():
    texts = ["让湖人赢球。", "这让湖人头疼！", "球迷让湖人失望。", "湖人输了，", "湖人。", "给大家拜年，", "要给大家。", "给大家看。",
             "拜纳姆说，", "拜纳姆伤了。", "看拜纳姆。"]
    found = [w.word for w in WordDiscoverer(min_count=3, min_pmi=0.0).fit(texts).words_]
    assert "让湖人" not in found and "给大家" not in found
    assert "拜纳姆" in found


def test_a_part_that_only_occurs_inside_longer_new_words_is_dropped():
    # 纳姆 occurs only inside 拜纳姆 and 德纳姆 (3 times each): no single longer word explains all 6 occurrences
    texts = ["拜纳姆，", "拜纳姆。", "拜纳姆！", "德纳姆，", "德纳姆。", "德纳姆！"]
    found = [w.word for w in WordDiscoverer(min_count=3, min_pmi=0.0, min_entropy=0.5, known=frozenset())
             .fit(texts).words_]
    assert sorted(found) == ["德纳姆", "拜纳姆"]  # (纳姆 is free on both sides: two left neighbours, edges on its right)


def test_words_shows_why_a_word_was_kept(runner):
    result = runner.invoke(app, ["words", str(SEEDS), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    first = records[0]
    assert set(first) >= {"word", "count", "pmi", "left_entropy", "right_entropy", "score"}
    assert first["entropy"] == min(first["left_entropy"], first["right_entropy"])


def test_without_cleaning_words_are_found_as_before_issue_13():
    # what words-only and TextRank keywords use (tiyao.keyterms.clean_discovery): a compound of dictionary words
    # stays a new word (the only way a words-only ranking names 基金经理 whole), a run after numbers keeps its edge
    texts = ["基金经理表示，", "多位基金经理。", "基金经理认为，", "这位基金经理说，", "基金经理！"]
    assert "基金经理" not in [w.word for w in WordDiscoverer(min_count=3, min_pmi=0.0).fit(texts).words_]
    assert "基金经理" in [w.word for w in WordDiscoverer(min_count=3, min_pmi=0.0, clean=False).fit(texts).words_]
    texts = [f"科比本场拿下{n}次助攻，" for n in ("10", "8", "十二", "７", "3", "五")]
    found = [w.word for w in WordDiscoverer(min_count=3, min_pmi=0.0, known=frozenset(), clean=False).fit(texts).words_]
    assert "次助攻" in found
    # a part of two longer words is kept when no single one explains its occurrences (the longest-around rule)
    texts = ["拜纳姆，", "拜纳姆。", "拜纳姆！", "德纳姆，", "德纳姆。", "德纳姆！"]
    found = [w.word for w in WordDiscoverer(min_count=3, min_pmi=0.0, min_entropy=0.5, known=frozenset(), clean=False)
             .fit(texts).words_]
    assert sorted(found) == ["德纳姆", "拜纳姆", "纳姆"]


def test_keyword_rankings_choose_cleaned_discovery_where_it_measured_better():
    from tiyao.keyterms import clean_discovery

    assert clean_discovery("tfidf", True)
    assert not clean_discovery("tfidf", False) and not clean_discovery("textrank", True)


def test_a_piece_of_its_neighbour_is_found_from_the_neighbour_counts_as_by_scanning_the_text(seed_documents):
    # 县委书记 and 市委书记: 委书记 borrows 委 from 县委/市委; 正式投资: 正式投 borrows 投 from 投资; 现代化进程: 化进程
    # borrows 化 from 现代化 (two characters back). The counts-based check gives the scan's answer for every
    # frequent string of the seeds and of these lines (T恤: a neighbour outside the Chinese runs is kept as it is).
    known = resources.jieba_pos_tags()
    texts = [d.title + "\n" + d.text for d in seed_documents] + [
        "县委书记讲话。市委书记到会。县委书记表态，区委书记发言。", "正式投资三亿元，正式投资开始。正式投产。",
        "现代化进程加快，工业化进程，现代化进程中。", "T恤衫卖得好，T恤衫便宜，买T恤衫。"]
    text = "\n".join(texts)
    grams = _Grams(text, 2, 6)
    checked = borrowed = 0
    for n in range(2, 7):
        ids = np.arange(len(grams.count[n]))
        for i, (left, right) in zip(ids.tolist(), grams.neighbours(n, ids)):
            p = int(grams.first[n][i])
            word = text[p:p + n]
            assert sum(left.values()) == sum(right.values()) == int(grams.count[n][i])
            answer = _borrows_a_neighbour(word, left, right, known)
            assert answer == _borrows_by_scan(word, text, known), word
            checked += 1
            borrowed += answer
    assert checked > 1000 and borrowed > 50, (checked, borrowed)
    left, right = grams.neighbours(3, np.array([grams.ids[3][text.index("委书记")]]))[0]
    assert sum((Counter({chars[-1]: c}) for chars, c in left.items()), Counter()) == {"县": 2, "市": 1, "区": 1}
    assert _borrows_a_neighbour("委书记", left, right, known)
    left, right = grams.neighbours(3, np.array([grams.ids[3][text.index("化进程")]]))[0]
    assert left == {"\n现代": 1, "，工业": 1, "，现代": 1} and _borrows_a_neighbour("化进程", left, right, known)
    left, right = grams.neighbours(2, np.array([grams.ids[2][text.index("恤衫")]]))[0]
    assert left == {"。\nT": 1, "好，T": 1, "，买T": 1} and right == {"卖得好": 1, "便宜，": 1, "。\x00\x00": 1}


def test_pieces_of_neighbours_are_not_new_words():
    # 镇计生协会 mostly follows 西集 (集镇: its 镇 ends a known word), the rest 计生协会 a phrase of known words.
    texts = ["西集镇计生协会成立。", "西集镇计生协会开会。", "西集镇计生协会表彰。", "镇计生协会工作。",
             "村计生协会学习。", "县计生协会检查。"] * 2
    found = [w.word for w in WordDiscoverer(min_count=3, min_pmi=1.0, min_entropy=0.5).fit(texts).words_]
    unclean = [w.word for w in WordDiscoverer(min_count=3, min_pmi=1.0, min_entropy=0.5, clean=False)
               .fit(texts).words_]
    assert "镇计生协会" in unclean and "镇计生协会" not in found


def test_a_compound_hides_the_known_words_inside_it():
    cut = Segmenter(hmm=False).cut
    # a known word after single characters, or two known words: the compound hides them
    assert hides_known_words("偏股基金", cut) and hides_known_words("党主席", cut)
    assert hides_known_words("新浪娱乐讯", cut) and hides_known_words("长效节育措施", cut)
    # names and words jieba reads as single characters, or a known word with a one-character tail, hide nothing
    assert not any(hides_known_words(w, cut) for w in ("湖人", "拜纳姆", "两非", "学区房"))


def test_themes_take_new_words_without_compounds(seed_documents):
    texts = [d.title + "\n" + d.text for d in seed_documents]
    with_compounds = [w.word for w in WordDiscoverer().fit(texts).words_]
    without = [w.word for w in WordDiscoverer(compounds=False).fit(texts).words_]
    cut = Segmenter(hmm=False).cut
    assert without == [w for w in with_compounds if not hides_known_words(w, cut)]
    assert "西集镇" in with_compounds and "西集镇" not in without and {"两非", "田军"} <= set(without)


def test_field_labels_of_exports_are_no_new_words_but_the_articles_words_are(runner, tmp_path, seed_documents):
    from tiyao import PipelineConfig, run

    for i, document in enumerate(seed_documents, 1):  # the seeds as a document database exports them
        body = "\n".join(f"    {line}" for line in document.text.splitlines())
        (tmp_path / f"{i}.txt").write_text(
            f"【 文献号 】1-33{i}\n【原文出处】临沂日报\n【原刊地名】临沂\n【原刊期号】19950{i}\n【复印期号】199603\n"
            f"【 标  题 】{document.title}\n【 正  文 】\n{body}\n", encoding="utf-8")
    result = runner.invoke(app, ["words", str(tmp_path), "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    words = [line.split(",")[0] for line in result.stdout.splitlines()[1:]]
    assert "西集镇" in words and "两非" in words
    labels = {"文献号", "原文出处", "原刊地名", "原刊期号", "复印期号"}
    assert not labels & set(words), words
    new_words = run([tmp_path], PipelineConfig(steps=("keywords",))).new_words
    assert "西集镇" in new_words and not labels & set(new_words), new_words
