"""The segmenter on real text: SIGHAN 2005 gold lines, user dictionaries, pickling, isolation from jieba.dt, and
the content-word filter."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from tiyao import segment as segment_module
from tiyao.errors import ConfigError, InputError
from tiyao.segment import Segmenter
from tiyao.types import Token

from .conftest import ROOT

DATA = Path(__file__).resolve().parent / "data"
HAVE_RJIEBA = segment_module.rjieba_available()
#: Both tokenizers (rjieba is a dependency of tiyao: skipped only in an install made without it).
BOTH = ["jieba", pytest.param("rjieba", marks=pytest.mark.skipif(not HAVE_RJIEBA, reason="rjieba not installed"))]
NEWS = "2013年8月5日，西集镇计生协会把计生信贷助富工程推向8个村，贷款占比35%，增长3.5个百分点。"


def _gold(name: str) -> list[list[str]]:
    lines = (DATA / f"sighan_{name}_gold.utf8").read_text(encoding="utf-8").splitlines()
    return [line.split() for line in lines if line.strip()]


def _spans(words):
    spans, position = set(), 0
    for word in words:
        spans.add((position, position + len(word)))
        position += len(word)
    return spans


def _f1(segmenter: Segmenter, gold: list[list[str]]) -> float:
    right = predicted = expected = 0
    for words in gold:
        cut = segmenter.cut("".join(words))
        assert "".join(cut) == "".join(words)
        right += len(_spans(cut) & _spans(words))
        predicted += len(cut)
        expected += len(words)
    p, r = right / predicted, right / expected
    return 2 * p * r / (p + r)


# -- SIGHAN 2005 lines --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, floor", [("pku", 0.86), ("msr", 0.84), ("cityu", 0.65)])
def test_sighan_lines_are_cut_at_least_as_well_as_jieba_cuts_them(segmenter, name, floor):
    # Plain jieba (HMM on) scores 0.865 on these PKU lines, 0.825 on the MSR lines (it cuts １７％ into three
    # characters) and 0.583 on the CityU lines (it cuts the scores 6-1, 6-4, 3-1 into three tokens each).
    assert _f1(segmenter, _gold(name)) >= floor


def test_sighan_words_that_must_come_out_whole(segmenter):
    pku = segmenter.cut("在这个激动人心的时刻，我很高兴通过中国国际广播电台")
    assert pku[:4] == ["在", "这个", "激动人心", "的"]
    msr = segmenter.cut("海运业雄踞全球之首，按吨位计占世界总数的１７％。")
    assert msr[-2:] == ["１７％", "。"]  # one number, as the MSR gold has it, not 1 / 7 / %
    cityu = segmenter.cut("17歲的莎拉波娃昨天以6-1，6-4，一面倒擊敗衛冕的小威廉絲")
    assert "6-1" in cityu and "6-4" in cityu  # scores stay whole, as in the CityU gold


def test_cut_adds_up_to_the_text_spaces_and_all(segmenter):
    text = "ＩＢＭ的ＰＣ在２１世纪 增长１９.９％ 和 GPT-4。\n下一行"
    assert "".join(segmenter.cut(text)) == text
    tokens = segmenter.tokens(text, offset=10)
    assert all(text[t.start - 10:t.end - 10] == t.text for t in tokens)
    assert not any(t.text.isspace() for t in tokens)


# -- user dictionaries and extra words ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def user_dict(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("dict") / "user.txt"
    path.write_text("# 西集镇的计生词\n计生信贷助富 5 nz\n西集镇 ns\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("backend", BOTH)
def test_user_dictionary_makes_a_phrase_one_word(segmenter, user_dict, backend):
    assert "计生信贷助富" not in segmenter.cut(NEWS)
    seg = Segmenter(user_dicts=[user_dict], backend=backend)
    assert seg.engine == backend
    cut = seg.cut(NEWS)
    assert "计生信贷助富" in cut and "西集镇" in cut
    tags = {t.text: t.pos for t in seg.tokens(NEWS)}
    assert tags["计生信贷助富"] == "nz" and tags["西集镇"] == "ns"
    assert "计生信贷助富" in seg.words(NEWS)


def test_user_dictionary_through_the_cli(runner, user_dict, tmp_path):
    from tiyao.cli.main import app

    article = tmp_path / "a.txt"
    article.write_text("西集镇计生信贷助富\n\n" + NEWS + "\n", encoding="utf-8")
    plain = runner.invoke(app, ["segment", str(article), "--format", "json"])
    with_dict = runner.invoke(app, ["segment", str(article), "--format", "json", "--user-dict", str(user_dict)])
    assert plain.exit_code == 0 and with_dict.exit_code == 0, with_dict.output

    def words(stdout: str) -> list[str]:
        return [word for record in json.loads(stdout) for sentence in record["sentences"] for word in sentence]

    assert "计生信贷助富" not in words(plain.stdout)
    assert words(with_dict.stdout).count("计生信贷助富") == 1


def test_bad_user_dictionaries_are_input_errors(tmp_path):
    missing = Segmenter(user_dicts=[tmp_path / "missing.txt"])
    with pytest.raises(InputError, match="cannot read user dictionary"):
        missing.cut(NEWS)
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("计生信贷助富 5 nz\n".encode("gbk"))
    with pytest.raises(InputError, match="not UTF-8"):
        Segmenter(user_dicts=[gbk]).cut(NEWS)
    broken = tmp_path / "broken.txt"
    broken.write_text("计生信贷助富 5 nz extra\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 1"):
        Segmenter(user_dicts=[broken]).cut(NEWS)


@pytest.mark.parametrize("backend", BOTH)
def test_with_words_gives_a_new_segmenter_and_leaves_this_one_alone(backend):
    plain = Segmenter(backend=backend)
    richer = plain.with_words([("计生信贷助富", 10, "nz"), "推向"])
    assert richer.words == (("计生信贷助富", 10, "nz"), "推向") and richer.backend == backend
    assert plain.words == ()
    assert "计生信贷助富" in richer.cut(NEWS)
    assert "计生信贷助富" not in plain.cut(NEWS)
    # the tokenizers are each segmenter's own (jieba's shared prefix dictionary was copied, not changed)
    assert "计生信贷助富" not in Segmenter(backend=backend).cut(NEWS)


def test_words_is_both_the_parameter_and_the_content_word_tokenizer():
    seg = Segmenter(words=["计生信贷助富"])
    assert seg.words == ("计生信贷助富",) and len(seg.words) == 1
    assert seg.words(NEWS) == seg.content_words(NEWS)
    assert "计生信贷助富" in seg.words(NEWS)


# -- pickling and isolation ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("backend", BOTH)
def test_segmenter_pickles_without_its_tokenizer_and_cuts_the_same(user_dict, backend):
    seg = Segmenter(user_dicts=[user_dict], words=[("助推", 100, "v")], backend=backend)
    before = seg.tokens(NEWS)
    data = pickle.dumps(seg)
    assert len(data) < 10_000  # the tokenizer and its prefix dictionary stay behind
    copy = pickle.loads(data)
    assert copy._tokenizer is None and copy.backend == backend
    assert copy.words == (("助推", 100, "v"),) and copy.user_dicts == seg.user_dicts
    assert copy.tokens(NEWS) == before
    assert seg.tokens(NEWS) == before  # pickling did not break the original


def test_our_tokenizer_never_touches_jieba_dt(user_dict):
    # In a fresh interpreter: building and using segmenters (with a user dictionary and extra words) must not
    # initialise jieba's module-level tokenizer or add words to it.
    code = f"""
import jieba
from tiyao.segment import Segmenter
seg = Segmenter(user_dicts=[{str(user_dict)!r}], backend="jieba").with_words([("计生信贷助富", 10, "nz")])
assert "计生信贷助富" in seg.cut({NEWS!r})
assert seg.tokenizer is not jieba.dt
assert not jieba.dt.initialized, "jieba.dt was initialised"
assert not jieba.dt.FREQ, "jieba.dt.FREQ was filled"
print("ok")
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.mark.parametrize("backend", BOTH)
def test_adding_words_never_reaches_jieba_dt_in_this_process(backend):
    import jieba

    before = (jieba.dt.initialized, len(jieba.dt.FREQ), jieba.dt.FREQ.get("计生信贷助富"))
    Segmenter(backend=backend).with_words([("计生信贷助富", 10, "nz")]).cut(NEWS)
    assert (jieba.dt.initialized, len(jieba.dt.FREQ), jieba.dt.FREQ.get("计生信贷助富")) == before


# -- content words ------------------------------------------------------------------------------------------------

def test_content_words_drop_punctuation_numbers_dates_stop_words_and_stray_characters(segmenter):
    text = "2013年8月5日，西集镇计生协会的GPT-4和iPhone在5G网络上运行，占比35%，增长3.5个百分点，8个村的了。"
    words = segmenter.words(text)
    for kept in ("GPT-4", "iPhone", "5G", "计生", "协会", "网络"):
        assert words.count(kept) == 1, (kept, words)
    for dropped in ("，", "。", "2013", "2013年", "8月", "5日", "35%", "3.5", "8", "个村", "的", "了", "和", "在",
                    "上", "占", "比", "个"):
        assert dropped not in words, (dropped, words)
    assert all(len(w) > 1 for w in words), words


def test_ascii_runs_stay_whole_and_full_width_letters_are_words(segmenter):
    assert segmenter.cut("GPT-4和iPhone 15在5G时代") == ["GPT-4", "和", "iPhone", " ", "15", "在", "5G", "时代"]
    assert segmenter.cut("访问www.people.com.cn") == ["访问", "www.people.com.cn"]
    tokens = {t.text: t for t in segmenter.tokens("ＩＢＭ的ＰＣ占１９.９％")}
    assert tokens["ＩＢＭ"].pos == "eng" and segmenter.is_content(tokens["ＩＢＭ"])
    assert tokens["１９.９％"].pos == "m" and not segmenter.is_content(tokens["１９.９％"])


def test_is_content_on_hand_made_tokens(segmenter):
    def content(text: str, pos: str) -> bool:
        return segmenter.is_content(Token(text, pos, 0, len(text)))

    assert content("计生", "n") and content("税", "n") and content("GPT-4", "eng")
    assert not content("集", "v")  # a stray single character
    assert not content("，", "x") and not content("**", "x") and not content("2013年", "m")
    assert not content("三十", "m") and not content("8个", "m") and not content("５０％", "m")
    assert not content("the", "eng") and not content("x", "eng")


# -- backends -----------------------------------------------------------------------------------------------------

def test_an_unknown_backend_is_a_config_error():
    with pytest.raises(ConfigError, match="backend"):
        Segmenter(backend="pkuseg")


def test_auto_uses_jieba_when_rjieba_is_not_installed(monkeypatch):
    monkeypatch.setattr(segment_module, "rjieba_available", lambda: False)
    seg = Segmenter()
    assert seg.backend == "auto" and seg.engine == "jieba"
    assert seg.cut("计生协会推出GPT-4") == ["计生", "协会", "推出", "GPT-4"]
    assert hasattr(seg.tokenizer, "FREQ")  # a jieba.Tokenizer


def test_auto_falls_back_to_jieba_where_rjieba_cannot_be_imported(monkeypatch):
    monkeypatch.setitem(sys.modules, "rjieba", None)  # makes "import rjieba" fail, as where it is not installed
    assert not segment_module.rjieba_available()
    seg = Segmenter()
    assert seg.engine == "jieba" and hasattr(seg.tokenizer, "FREQ")
    assert seg.cut(NEWS) == Segmenter(backend="jieba").cut(NEWS)


def test_auto_falls_back_to_jieba_with_an_rjieba_too_old_to_add_words(monkeypatch):
    class OldJieba:  # rjieba 0.2.0 and 0.2.1: cut, tag, tokenize, but no add_word
        def cut(self, text, hmm=True):
            raise AssertionError("not to be used")

    monkeypatch.setitem(sys.modules, "rjieba", type(sys)("rjieba"))
    sys.modules["rjieba"].Jieba = OldJieba
    assert not segment_module.rjieba_available()
    seg = Segmenter(words=[("计生信贷助富", None, "nz")])
    assert seg.engine == "jieba" and seg.cut(NEWS)[11:14] == ["把", "计生信贷助富", "工程"]
    with pytest.raises(ConfigError, match="too old"):
        Segmenter(backend="rjieba").cut(NEWS)


def test_the_command_line_falls_back_to_jieba_where_rjieba_does_not_import(tmp_path):
    # an rjieba that fails to import (a broken or foreign build) ahead of the real one on the path
    (tmp_path / "rjieba.py").write_text('raise ImportError("no rjieba for this machine")\n', encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}

    def run(*options: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "tiyao.cli.main", "run", str(ROOT / "seeds"), "-f", "json", "-q",
                               *options], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)

    auto, jieba = run(), run("--segmenter", "jieba")
    assert auto.returncode == 0 and jieba.returncode == 0, auto.stderr + jieba.stderr
    assert auto.stderr == ""
    report, expected = json.loads(auto.stdout), json.loads(jieba.stdout)
    assert report["config"]["segmenter"] == "auto"
    report["config"]["segmenter"] = "jieba"
    assert report == expected and len(report["documents"]) == 8
    asked = run("--segmenter", "rjieba")
    assert asked.returncode == 2 and asked.stdout == ""
    assert asked.stderr.startswith("Error: the rjieba backend needs the rjieba package, which cannot be imported here")


def test_asking_for_rjieba_without_it_is_a_config_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "rjieba", None)  # makes "import rjieba" fail
    with pytest.raises(ConfigError, match="rjieba"):
        Segmenter(backend="rjieba").cut(NEWS)


def test_auto_keeps_jieba_for_a_user_dictionary_that_forces_splits(monkeypatch, tmp_path):
    # frequency 0 forces a split in jieba (finalseg's force_split); jieba-rs has no such thing
    monkeypatch.setattr(segment_module, "rjieba_available", lambda: True)
    forced = tmp_path / "split.txt"
    forced.write_text("计生 0\n", encoding="utf-8")
    assert Segmenter(user_dicts=[forced]).engine == "jieba"
    assert Segmenter(words=[("计生", 0, None)]).engine == "jieba"
    assert Segmenter(words=[("计生信贷助富", None, "nz")]).engine == "rjieba"


def test_rjieba_cuts_and_tags_exactly_as_jieba(user_dict):
    pytest.importorskip("rjieba")
    texts = ["".join(words) for name in ("pku", "msr", "cityu") for words in _gold(name)]
    texts += [NEWS, "ＩＢＭ的ＰＣ在２１世纪 增长１９.９％ 和 GPT-4。\n下一行", "访问www.people.com.cn看C++与C#"]
    for words in ((), [("计生信贷助富", None, "nz"), "推向", ("西集镇", 5, "ns"), ("中国", 10, None)]):
        slow = Segmenter(backend="jieba", user_dicts=[user_dict], words=words)
        fast = Segmenter(backend="rjieba", user_dicts=[user_dict], words=words)
        for text in texts:
            assert fast.tokens(text) == slow.tokens(text), text
    assert fast.engine == "rjieba" and not hasattr(fast.tokenizer, "FREQ")


def test_rjieba_words_stay_in_their_own_segmenter():
    rjieba = pytest.importorskip("rjieba")
    seg = Segmenter(backend="rjieba", words=[("计生信贷助富", 10, "nz")])
    assert "计生信贷助富" in seg.cut(NEWS)
    assert not rjieba.has_word("计生信贷助富")  # rjieba's module-level instance is untouched
    assert "计生信贷助富" not in Segmenter(backend="rjieba").cut(NEWS)


@pytest.mark.parametrize("backend", BOTH)
def test_segment_tokens_are_plain_tokens_with_exact_offsets_and_measure_words(backend):
    # tokens are made in C from columns for speed: they must be the same Token objects the constructor makes
    seg = Segmenter(backend=backend)
    text = "西集镇把工程推向8个村 ， 贷款１９．５％。GPT-4 上线了! 第二句 有3个人。"
    doc = seg.segment(__import__("tiyao.types", fromlist=["Document"]).Document("a", "", text, "-"))
    tokens = doc.tokens
    assert all(Token(t.text, t.pos, t.start, t.end) == t and hash(Token(t.text, t.pos, t.start, t.end)) == hash(t)
               and type(t) is Token for t in tokens)
    assert all(text[t.start:t.end] == t.text and t.text.strip() for t in tokens)
    assert ("个村", "mq") in [(t.text, t.pos) for t in tokens]
    assert "１９．５％" in [t.text for t in tokens] and "GPT-4" in [t.text for t in tokens]
    assert [t for s in doc.sentences for t in seg.tokens(s.sentence.text, s.sentence.start)] == list(tokens)
    for words in (["个村"], [("个村", None, None)]):  # a word the user gives, even without a tag, is no measure word
        mine = Segmenter(backend=backend, words=words)
        assert ("个村", "nz") in [(t.text, t.pos) for t in mine.segment(doc.document).tokens]


@pytest.mark.parametrize("backend", BOTH)
def test_segment_cuts_the_text_once_yet_gives_each_sentence_its_own_cut(backend):
    # segment() cuts the whole text and hands each sentence its words; where a sentence boundary falls inside a
    # run jieba would glue (a hard cut of an over-long run, "１.５" split at the ASCII point) it cuts that sentence
    # alone: either way the tokens are those of cutting each sentence by itself
    from tiyao.types import Document

    seg = Segmenter(backend=backend)
    text = ("计生协会推向8个村。" + "西集镇计生协会把计生信贷助富工程推向全镇" * 30 + "\n增长１.５个百分点，ATMs 和 iPhone15."
            " Next 3 个人\n  他说：“好。”我们走吧！！")
    doc = seg.segment(Document("a", "", text, "-"))
    assert len(doc.sentences) >= 6
    expected = [tuple(seg.tokens(s.sentence.text, s.sentence.start)) for s in doc.sentences]
    assert [s.tokens for s in doc.sentences] == expected


@pytest.mark.parametrize("backend", BOTH)
def test_segment_never_carries_a_measure_word_across_sentences(backend):
    # a number ends one sentence (a line without an end mark), a measure word starts the next: "个村" stays what
    # the dictionary-less guess makes it, as when the second sentence is cut alone
    from tiyao.types import Document

    seg = Segmenter(backend=backend)
    text = "今年全镇推向8\n个村贷款增长。推广到３\n个村 ，又有5 个村。"
    doc = seg.segment(Document("a", "", text, "-"))
    assert [s.tokens for s in doc.sentences] == [tuple(seg.tokens(s.sentence.text, s.sentence.start))
                                                 for s in doc.sentences]
    tags = [(t.text, t.pos) for t in doc.tokens]
    assert tags.count(("个村", "mq")) == 1 and ("个村", "mq") == tags[-2]  # after "5 " (white space between)


def test_is_content_is_remembered_per_word_and_tag_and_content_mask_agrees(segmenter, seed_corpus):
    seg = Segmenter(backend=segmenter.backend)
    tokens = [t for doc in seed_corpus.documents[:3] for t in seg.segment(doc).tokens]
    first = {}  # each (word, tag) asked of a segmenter that has not seen it: the test itself, nothing remembered
    for t in tokens:
        if (t.text, t.pos) not in first:
            first[t.text, t.pos] = Segmenter(stop_words=seg.stop_words).is_content(t)
    expected = [first[t.text, t.pos] for t in tokens]
    assert 100 < sum(expected) < len(tokens)
    assert [seg.is_content(t) for t in tokens] == expected
    assert seg.content_mask(tokens) == expected == Segmenter().content_mask(tokens)
    assert seg.content_mask([]) == []
    lexicon = seg.lexicon  # one entry per (word, tag), its verdict and its tag among the lexicon's columns
    assert len(lexicon) == len({(t.text, t.pos) for t in tokens} | set(zip(lexicon.words, lexicon.tags)))
    assert all(lexicon.words[e] == t.text and lexicon.tags[e] == t.pos
               for t, e in zip(tokens, lexicon.entries([t.text for t in tokens], [t.pos for t in tokens])))
    word = next(t for t, keep in zip(tokens, expected) if keep)
    seg.stop_words = seg.stop_words | {word.text}  # new stop words: nothing remembered is used
    assert not seg.is_content(word) and not seg.content_mask([word])[0]
    assert pickle.loads(pickle.dumps(seg)).content_mask(tokens) == seg.content_mask(tokens)


def test_token_is_built_compared_printed_and_pickled_like_the_record_it_was():
    # Token became a named tuple (made in C by the segmenter); what the code and the tests rely on must hold
    token = Token(text="计生", pos="n", start=3, end=5)
    assert token == Token("计生", "n", 3, 5) and token != Token("计生", "vn", 3, 5)
    assert hash(token) == hash(Token("计生", "n", 3, 5)) == hash(("计生", "n", 3, 5))  # the dataclass's hash too
    assert (token.text, token.pos, token.start, token.end) == ("计生", "n", 3, 5)
    assert repr(token) == "Token(text='计生', pos='n', start=3, end=5)"
    again = pickle.loads(pickle.dumps(token))
    assert again == token and type(again) is Token
    with pytest.raises(AttributeError):
        token.text = "协会"  # type: ignore[misc]
    assert len({token, Token("计生", "n", 3, 5), Token("计生", "n", 5, 7)}) == 2
