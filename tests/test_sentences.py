"""Sentence splitting: whole sentences with offsets, never at commas."""

from tiyao.sentences import split_sentences


def texts(text, headings=()):
    sentences = split_sentences(text, headings)
    for sentence in sentences:
        assert text[sentence.start:sentence.end] == sentence.text
    assert [s.index for s in sentences] == list(range(len(sentences)))
    return [s.text for s in sentences]


def test_closing_quote_stays_with_its_sentence():
    assert texts("“是西集农村信用联社帮我开启了创业梦想。”田军如是说。") == [
        "“是西集农村信用联社帮我开启了创业梦想。”", "田军如是说。"]


def test_ellipsis_ends_a_sentence():
    assert texts("收入逐年递增……镇上的举措更给了他信心。") == ["收入逐年递增……", "镇上的举措更给了他信心。"]


def test_final_sentence_without_end_mark_is_kept():
    assert texts("第一句。最后一句没有句号") == ["第一句。", "最后一句没有句号"]


def test_never_split_at_commas_semicolons_or_colons():
    text = "一是整治非婚生育，规范婚育秩序；二是加强漏档管理：拉网排查、逐户核实。"
    assert texts(text) == [text]


def test_run_in_heading_with_colon_is_one_sentence():
    assert texts("突出一条主线：稳定低生育水平。始终坚定计划生育基本国策不动摇。") == [
        "突出一条主线：稳定低生育水平。", "始终坚定计划生育基本国策不动摇。"]


def test_run_in_heading_with_full_stop_is_flagged():
    sentences = split_sentences("简化办证程序。实行首接负责制。", [(0, 7)])
    assert [(s.text, s.is_heading) for s in sentences] == [("简化办证程序。", True), ("实行首接负责制。", False)]


def test_question_and_exclamation_runs_and_brackets():
    assert texts("真的吗？！「好。」（见附件。）") == ["真的吗？！", "「好。」", "（见附件。）"]


def test_english_sentences_and_decimals():
    assert texts("Apple released the iPhone 15. It costs 5.5 dollars! 价格2.6元。") == [
        "Apple released the iPhone 15.", "It costs 5.5 dollars!", "价格2.6元。"]


def test_abbreviations_and_long_words_before_a_full_stop_deep_in_a_paragraph():
    # the word before "." is looked for in a short window: a long word cut short by it is still a word
    lead = "这是很长的一段话，" * 40
    assert texts(lead + "Mr. Smith met the U.S. team. Supercalifragilisticexpialidocious. Ok.  next one") == [
        lead + "Mr. Smith met the U.S. team.", "Supercalifragilisticexpialidocious.", "Ok.  next one"]


def test_line_break_ends_a_sentence():
    assert texts("一、工作思路\n今年的思路很清楚。") == ["一、工作思路", "今年的思路很清楚。"]


def test_empty_and_punctuation_only_text():
    assert texts("") == []
    assert texts("。。。") == []


def test_seed_sentences_are_whole(seed_documents):
    for document in seed_documents:
        sentences = split_sentences(document.text, document.headings)
        assert sentences
        for sentence in sentences:
            assert sentence.text[-1] in "。！？”", sentence.text


# -- over-long runs (issue 8): a text without end marks is not one huge sentence --------------------------------

from tiyao.sentences import MAX_SENTENCE_CHARS  # noqa: E402

SEED_CLAUSE = "枣庄市山亭区西集镇2013年人口和计生工作的思路是突出一条主线把握两大重点办好三件实事解决四项难点"


def test_unpunctuated_run_is_cut_hard_at_the_limit_with_exact_offsets():
    text = SEED_CLAUSE.replace("2013", "") * 100  # 4,400 characters, no mark at all
    sentences = split_sentences(text)
    assert len(sentences) == -(-len(text) // MAX_SENTENCE_CHARS)
    assert all(len(s.text) == MAX_SENTENCE_CHARS for s in sentences[:-1])
    assert "".join(s.text for s in sentences) == text
    for sentence in sentences:
        assert text[sentence.start:sentence.end] == sentence.text


def test_long_run_is_cut_after_its_last_clause_mark_within_the_limit():
    clause = "加强基本国策再教育，深入推进先进人口文化、婚育文化建设；"
    text = clause * 40 + "。"
    sentences = split_sentences(text)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert all(s.text[-1] in "，；、。" for s in sentences)
    assert "".join(s.text for s in sentences) == text
    assert len(sentences[0].text) > MAX_SENTENCE_CHARS - len(clause)


def test_a_long_list_of_items_is_cut_after_an_item_not_inside_one():
    # 一是……；二是……: a run over the limit is cut where an item ends, so the next piece starts as an item does
    items = [f"{n}是全团农业机械化程度已达85%，有效灌溉面积达到94%，平均每亩耕地物化投入水平在400-600元" for n in "一二三四五六七八九十"]
    text = "；".join(items) + "。"
    sentences = split_sentences(text)
    assert len(sentences) > 1 and "".join(s.text for s in sentences) == text
    assert all(s.text[0] in "一二三四五六七八九十" and s.text[1] == "是" for s in sentences)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    # (a semicolon early in the window would leave a short piece: the last comma is taken then)
    text = "一是农业；" + "平均每亩耕地物化投入水平在四百元，" * 40 + "。"
    assert len(split_sentences(text)[0].text) > MAX_SENTENCE_CHARS // 2


def test_long_english_run_is_cut_at_a_space_not_inside_a_word():
    text = " ".join(["iPhone", "GPT-4", "announced", "model"] * 200)
    sentences = split_sentences(text)
    assert len(sentences) > 1
    words = set(text.split())
    for sentence in sentences:
        assert text[sentence.start:sentence.end] == sentence.text
        assert len(sentence.text) <= MAX_SENTENCE_CHARS
        assert set(sentence.text.split()) <= words


def test_hard_cut_moves_back_to_the_start_of_an_ascii_word():
    text = "中" * 498 + "iPhone" + "中" * 10
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["中" * 498, "iPhone" + "中" * 10]


def test_two_megabyte_article_without_punctuation():
    text = SEED_CLAUSE * (2_000_000 // len(SEED_CLAUSE))
    sentences = split_sentences(text)
    assert max(len(s.text) for s in sentences) == MAX_SENTENCE_CHARS
    assert sentences[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(sentences, sentences[1:]))


def test_normal_sentences_are_not_touched():
    text = "第一句。" + "长" * (MAX_SENTENCE_CHARS - 1) + "。"
    assert texts(text) == ["第一句。", "长" * (MAX_SENTENCE_CHARS - 1) + "。"]
