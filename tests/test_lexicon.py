"""The lexicon (tiyao.lexicon): every rule about words decided once per (word, tag), and segmented articles as
columns over it, with the Token objects made only on request."""

from __future__ import annotations

import pickle

import numpy as np

from tiyao.keyterms import TfidfKeywords
from tiyao.lexicon import Lexicon, is_content_word
from tiyao.segment import Segmenter
from tiyao.types import Document, SegmentedDocument, Token

TEXT = "西集镇计生协会推出计生信贷。全镇8个村的育龄妇女申请贷款，发展苗木产业。计生信贷帮助育龄妇女创业。"


def test_each_word_and_tag_is_one_entry_and_its_verdicts_are_the_rules():
    lexicon = Lexicon()
    words = ["计生", "协会", "，", "的", "协会", " ", "苗木"]
    ids = lexicon.ids(words)
    assert ids[1] == ids[4] and len(set(ids.tolist())) == 6
    assert [lexicon.words[i] for i in ids] == words
    assert lexicon.tags[ids[5]] == "" and lexicon.tag_code[ids[5]] == 0  # white space
    assert lexicon.content[ids].tolist() == [is_content_word(w, lexicon.tags[i], lexicon.stop_words)
                                             for w, i in zip(words, ids.tolist())]
    assert lexicon.entry("协会", "n") == ids[1] and lexicon.entry("协会", "nz") != ids[1]  # another tag, another entry
    assert lexicon.terms[lexicon.term[ids[6]]] == "苗木" and lexicon.term[ids[2]] == -1
    upper, lower = lexicon.entry("GPT", "eng"), lexicon.entry("gpt", "eng")  # (entries first, then their columns)
    assert lexicon.term[upper] == lexicon.term[lower] != -1  # lower-cased


def test_a_column_rule_runs_once_per_entry():
    lexicon = Lexicon()
    asked: list[str] = []

    def long_word(lex: Lexicon, start: int, stop: int) -> list[bool]:
        asked.extend(lex.words[start:stop])
        return [len(w) >= 3 for w in lex.words[start:stop]]

    first = lexicon.ids(["西集镇", "计生", "西集镇"])
    assert lexicon.column(long_word, bool)[first].tolist() == [True, False, True]
    second = lexicon.ids(["计生", "育龄妇女"])
    assert lexicon.column(long_word, bool)[second].tolist() == [False, True]
    assert asked == ["西集镇", "计生", "育龄妇女"]


def test_a_segmented_article_is_columns_and_makes_the_same_tokens_on_request(segmenter):
    seg = Segmenter(backend=segmenter.backend)
    doc = seg.segment(Document("d", "", TEXT, "test"))
    columns = doc.columns
    assert columns is not None and columns.lexicon is seg.lexicon
    assert doc._sentences is None  # no Token made yet
    expected = [tuple(seg.tokens(s.text, s.start)) for s in doc.sentence_records]
    assert [s.tokens for s in doc.sentences] == expected
    assert columns.heads.tolist() == [0, *np.cumsum([len(t) for t in expected]).tolist()]
    tokens = doc.tokens
    assert all(TEXT[t.start:t.end] == t.text for t in tokens)
    assert Token("个村", "mq", tokens[0].start, tokens[0].start) != tokens[0]
    assert any(t.text == "个村" and t.pos == "mq" for t in tokens)  # a measure word after a number


def test_an_article_pickles_as_its_tokens_and_equals_itself_without_columns(segmenter):
    seg = Segmenter(backend=segmenter.backend)
    doc = seg.segment(Document("d", "标题", TEXT, "test"))
    again = pickle.loads(pickle.dumps(doc))
    assert again.columns is None and again == doc and hash(again) == hash(doc)
    by_hand = SegmentedDocument(doc.document, doc.sentences)
    assert seg.lexicon.columns(by_hand).ids.tolist() == doc.columns.ids.tolist()  # the same entries
    other = Lexicon()
    assert [other.words[i] for i in other.columns(doc).ids] == [t.text for t in doc.tokens]


def test_the_lexicon_pickles_as_its_rules_and_keywords_are_the_same_in_another_process(segmenter):
    seg = Segmenter(backend=segmenter.backend)
    seg.segment(Document("d", "", TEXT, "test"))
    copy = pickle.loads(pickle.dumps(seg.lexicon))
    assert len(copy) == 0 and copy.stop_words == seg.lexicon.stop_words
    assert pickle.loads(pickle.dumps(seg))._lexicon is None  # numbered again where it is used
    docs = [seg.segment(Document(str(i), "", text, "test")) for i, text in enumerate(TEXT.split("。")[:3])]
    extractor = TfidfKeywords(top_k=5, segmenter=seg).fit(docs)
    for doc in docs:
        candidates = extractor.candidates(doc)
        moved = pickle.loads(pickle.dumps(candidates))  # as a worker process sends them
        assert extractor.rank(moved) == extractor.rank(candidates) != ()
        again = pickle.loads(pickle.dumps(doc))  # an article segmented elsewhere: its tokens, no columns
        assert extractor.extract(again) == extractor.extract(doc)
