"""Cleaning: broken paragraphs rejoined, Markdown and HTML out, widths and spaces normalised."""

from tiyao.clean import clean_article, clean_line, clean_text, normalize_width


def test_broken_sentence_is_rejoined_across_a_blank_line():
    text = clean_text("全力遏制违法生育；二是综合\n\n治理出生人口性别比。采取措施。")
    assert text == "全力遏制违法生育；二是综合治理出生人口性别比。采取措施。"


def test_broken_word_is_rejoined():
    text = clean_text("小试成功后，2007年，田军在西\n\n集农村信用联社支农贷款的帮助下，一次流转土地40亩。")
    assert "西集农村信用联社" in text


def test_paragraph_ending_a_sentence_stays_a_paragraph():
    assert clean_text("第一段到此为止。\n\n第二段开始了。") == "第一段到此为止。\n第二段开始了。"


def test_short_unpunctuated_line_is_a_heading_not_joined():
    cleaned = clean_article(["一、工作思路", "", "今年的工作思路很清楚。"])
    assert cleaned.text == "一、工作思路\n今年的工作思路很清楚。"
    assert [cleaned.text[a:b] for a, b in cleaned.headings] == ["一、工作思路"]


def test_markdown_emphasis_removed_and_run_in_heading_recorded():
    cleaned = clean_article(["**突出一条主线：**稳定低生育水平。"])
    assert cleaned.text == "突出一条主线：稳定低生育水平。"
    assert [cleaned.text[a:b] for a, b in cleaned.headings] == ["突出一条主线："]


def test_bold_heading_with_full_stop_is_recorded():
    cleaned = clean_article(["**简化办证程序。**实行首接负责制。"])
    assert cleaned.text == "简化办证程序。实行首接负责制。"
    assert [cleaned.text[a:b] for a, b in cleaned.headings] == ["简化办证程序。"]


def test_full_width_letters_and_digits_become_half_width_but_punctuation_stays():
    assert normalize_width("２０１３年ＡＢＣ，") == "2013年ABC，"


def test_white_space_runs_collapse():
    assert clean_line("计划\u3000\u3000生育  工作\t很好") == "计划 生育 工作 很好"


def test_html_tags_dropped_and_entities_unescaped():
    assert clean_text("<p>西集镇&nbsp;计生办</p><p>简化程序。</p>") == "西集镇 计生办\n简化程序。"


def test_links_and_code_keep_their_words():
    assert clean_line("见[西集镇政府网](http://example.com)和`代码`") == "见西集镇政府网和代码"


def test_seed_corpus_has_no_markdown_leftovers(seed_documents):
    for document in seed_documents:
        assert "**" not in document.text and "#" not in document.text
        for paragraph in document.text.split("\n"):
            assert paragraph[-1] in "。！？”", paragraph[-20:]
