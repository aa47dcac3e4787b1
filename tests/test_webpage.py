"""Saved web pages as articles (tiyao.webpage, and the HTML format of tiyao.corpus).

The pages in tests/data/web/ were written for these tests (see tests/data/SOURCES.md): a GB2312-declared news page
with navigation, share bar, byline, editor line, page tools, related links and a copyright footer; a UTF-8 blog post
with JSON-LD, Open Graph and a canonical link; a government notice in table layout with PubDate/ContentSource meta;
a GBK forum post whose only headline is a <b>; a list page, search results, a login form and an empty JavaScript
shell (not articles).
"""

from __future__ import annotations

import io
import sys

import pytest

from tiyao.corpus import ReadFailure, ReadOptions, read_corpus
from tiyao.errors import ConfigError
from tiyao.webpage import (Line, declared_encoding, decode_page, iso_date, page_document, page_line_role)

from .conftest import ROOT

WEB = ROOT / "tests" / "data" / "web"
FURNITURE_WORDS = ("loadAds", "font", "script", "div", "分享到", "打印本页", "关闭窗口", "返回首页", "责任编辑",
                   "相关新闻", "推荐阅读", "版权所有", "ICP", "Copyright", "浏览次数", "字体", "新浪首页", "转载请注明")


@pytest.fixture(scope="module")
def pages():
    corpus = read_corpus([WEB])
    return {d.id: d for d in corpus.documents}, {f.id: f for f in corpus.failures}


def _page(name: str):
    path = WEB / name
    return page_document(path.read_bytes(), str(path), name)


# -- encodings -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("head", "expected"), [
    (b'<meta charset="gb2312">', "gb18030"),
    (b"<meta http-equiv='Content-Type' content='text/html; charset=GBK'>", "gb18030"),
    (b'<?xml version="1.0" encoding="big5"?><html>', "big5"),
    (b'<meta charset="utf-16">', None),  # an ASCII declaration cannot be right about UTF-16
    (b"<html><body>no declaration</body></html>", None),
])
def test_declared_encoding(head, expected):
    assert declared_encoding(head) == expected


def test_a_gb2312_declaration_decodes_as_gb18030():
    # 镕 is in GBK/GB18030 but not in GB2312: a strict GB2312 decoder would fail on this page
    text = decode_page((WEB / "news-gb2312.html").read_bytes(), "news-gb2312.html")
    assert "镕基研究所" in text and "猕猴桃" in text


def test_a_page_saved_again_as_utf8_keeps_its_old_declaration_but_reads_as_utf8():
    data = '<html><head><meta charset="gbk"></head><body><p>北京今天下雨了。</p></body></html>'.encode()
    assert "北京今天下雨了" in decode_page(data, "x.html")


def test_a_bom_wins_over_the_declaration():
    data = b"\xef\xbb\xbf" + '<meta charset="gbk"><p>上海</p>'.encode()
    assert "上海" in decode_page(data, "x.html")


# -- main text, headline and metadata, per kind of page ---------------------------------------------------------

def test_news_page_gb2312(pages):
    doc = pages[0]["news-gb2312.html"]
    assert doc.title == "山区小镇建起冷链仓库 猕猴桃卖到了千里之外"  # not "…_新浪财经_新浪网"
    assert (doc.title_source, doc.date, doc.author, doc.site) == ("html", "2021-10-18T09:30", "李晓明", "经济日报")
    assert doc.text.startswith("十月的秦岭山区，猕猴桃进入采摘旺季。")
    assert doc.text.endswith("提高产品的附加值。")
    assert doc.text.count("\n") == 4  # five paragraphs, kept apart
    for word in FURNITURE_WORDS:
        assert word not in doc.text, word


def test_news_portal_page(pages):
    doc = pages[0]["news-portal.html"]
    assert doc.title == "多地推出暖心举措 让返乡过年的人更安心"  # not "…--社会·法治--人民网"
    assert (doc.date, doc.author, doc.site) == ("2022-01-25T08:21", "刘晓宇", "人民网－人民日报")
    assert doc.text.startswith("春节临近") and doc.text.endswith("心里觉得暖暖的。")
    for word in FURNITURE_WORDS + ("原标题", "本报记者", "责编", "点击进入", "网友评论", "热点新闻", "人民网首页"):
        assert word not in doc.text, word


def test_blog_page_with_json_ld_and_open_graph(pages):
    doc = pages[0]["blog-jsonld.html"]
    assert doc.title == "城市里的旧书店还能开多久"
    assert (doc.date, doc.author, doc.site) == ("2023-05-06T20:15", "林一帆", "小林的读书笔记")
    assert doc.url == "https://blog.example.cn/2023/05/old-bookshops.html"
    assert doc.text.endswith("希望它们能多开几年。") and "在图书馆度过的一个下午" not in doc.text
    for word in FURNITURE_WORDS:
        assert word not in doc.text, word


def test_government_notice_in_table_layout(pages):
    doc = pages[0]["gov-notice.htm"]
    assert doc.title == "关于做好今冬明春农田水利建设工作的通知"  # without "_江川县人民政府门户网站"
    assert (doc.date, doc.site) == ("2022-11-03", "县水务局")  # a midnight PubDate is a date without time
    assert "四、加强督查考核。" in doc.text and "网站首页" not in doc.text and "主办单位" not in doc.text
    for word in FURNITURE_WORDS:
        assert word not in doc.text, word


def test_forum_post_headline_from_emphasis_and_byline(pages):
    doc = pages[0]["forum-thread.html"]
    assert doc.title == "雨夜重看《城南旧事》"  # the <title> is only the site's name
    assert (doc.author, doc.date) == ("青梅煮酒", "2006-03-12T21:40")
    assert doc.text.startswith("下雨的晚上") and "回复" not in doc.text and "精华区" not in doc.text
    assert len(doc.text.split("\n")) == 4  # <br><br> ends a paragraph


def test_pages_that_are_not_articles_are_named_failures(pages):
    documents, failures = pages
    assert set(failures) == {"list-page.html", "empty-shell.html", "search-results.html", "login.html"}
    assert "not an article" in failures["list-page.html"].error and "list of links" in failures["list-page.html"].error
    assert "not an article" in failures["empty-shell.html"].error
    assert "list of linked excerpts" in failures["search-results.html"].error
    assert "login or sign-up form" in failures["login.html"].error
    assert not set(failures) & set(documents)


def test_a_page_named_on_its_own_that_is_not_an_article_is_a_failure_not_a_crash():
    corpus = read_corpus([WEB / "list-page.html"])
    assert corpus.documents == () and isinstance(corpus.failures[0], ReadFailure)


def test_reading_is_deterministic():
    assert _page("news-gb2312.html") == _page("news-gb2312.html")


@pytest.mark.parametrize(("head", "body", "headline"), [
    ("<title>北京今冬首场降雪如期而至_新浪新闻_新浪网</title>", "<h1>新浪新闻</h1><h2>北京今冬首场降雪如期而至</h2>",
     "北京今冬首场降雪如期而至"),  # the site logo in a <h1> is not the headline
    ('<title>北京今冬首场降雪如期而至 - 新浪网</title><meta property="og:title" content="新浪网">',
     "<h1>北京今冬首场降雪如期而至</h1>", "北京今冬首场降雪如期而至"),  # an og:title that is the site name
    ("<title>北京今冬首场降雪如期而至--雅虎新闻</title>", "", "北京今冬首场降雪如期而至"),
    ("<title>网易娱乐</title>", "<h1>网易娱乐</h1>", ""),  # a word or two names the site, not the article
])
def test_headline_rules(head, body, headline):
    from tiyao.webpage import _headline, _meta, _parse

    tree = _parse(f"<html><head>{head}</head><body>{body}</body></html>")
    assert _headline(tree, _meta(tree), [])[0] == headline


# -- formats and dispatch ----------------------------------------------------------------------------------------

def test_stdin_html_is_sniffed_and_input_format_html_is_honoured():
    data = (WEB / "blog-jsonld.html").read_bytes()
    sniffed = read_corpus(["-"], stdin=io.BytesIO(data))
    assert sniffed.documents[0].title == "城市里的旧书店还能开多久"
    renamed = read_corpus(["-"], ReadOptions(input_format="html"), stdin=io.BytesIO(b"\n\n" + data))
    assert renamed.documents[0].text == sniffed.documents[0].text


def test_other_names_read_as_html_with_input_format(tmp_path):
    path = tmp_path / "page.saved"
    path.write_bytes((WEB / "gov-notice.htm").read_bytes())
    doc = read_corpus([path], ReadOptions(input_format="html")).documents[0]
    assert doc.title == "关于做好今冬明春农田水利建设工作的通知"


def test_without_the_extra_reading_a_page_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura -> ImportError
    with pytest.raises(ConfigError) as info:
        read_corpus([WEB])
    assert "tiyao[web]" in info.value.message and "tiyao[web]" in info.value.hint


# -- the furniture rules, one line each ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "role"), [
    ("（责任编辑：赵晓燕）", "byline"),
    ("原标题：山区小镇建起冷链仓库", "byline"),
    ("2021年10月18日 09:30 来源：经济日报 作者：李晓明", "byline"),
    ("发布: 2021-1-29 13:18|点击: 313|来自: 互联网", "tools"),
    ("分享到：微博 微信 QQ空间", "tools"),
    ("打印本页 关闭窗口 返回首页", "tools"),
    ("第1页/共1页 << 上一页 | 下一页 >>", "tools"),
    ("Copyright © 1996-2021 SINA Corporation, All Rights Reserved", "copyright"),
    ("京ICP证000007号", "copyright"),
    ("本报记者 王小明 通讯员 李小红", "byline"),
    ("相关新闻", "list"),
    ("延伸阅读：", "list"),
    ("据新华社北京10月18日电，来源：国家统计局的数据显示，前三季度经济运行总体平稳。", "body"),
    ("十月的秦岭山区，猕猴桃进入采摘旺季。", "body"),
    ("关于我们 | 联系我们 | 网站地图 | 广告服务", "copyright"),
    ("字号：大 中 小", "tools"),
    ("阅读：1024", "tools"),
    ("老字号焕发新活力", "body"),  # headings of an article that look like page tools
    ("关于我们的未来", "body"),
    ("每年阅读3本书", "body"),
])
def test_page_line_roles(text, role):
    assert page_line_role(Line(text)) == role


def test_a_line_of_links_is_furniture_but_a_linked_sentence_is_not():
    assert page_line_role(Line("秦岭北麓猕猴桃丰收 果农喜迎好收成", link_chars=17)) == "links"
    sentence = "记者从国家统计局获悉，前三季度全国居民人均可支配收入比上年同期名义增长百分之五点三，实际增长百分之五点九。"
    assert page_line_role(Line(sentence, link_chars=len(sentence))) == "body"


@pytest.mark.parametrize(("text", "iso"), [
    ("2022-02-11 08:52:25", "2022-02-11T08:52"),
    ("2022-01-28 00:00:00", "2022-01-28"),
    ("2023-05-06T20:15:00+08:00", "2023-05-06T20:15"),
    ("２０２１年１０月１８日", "2021-10-18"),
    ("发布: 2021-1-29 13:18", "2021-01-29T13:18"),
    ("no date", ""),
])
def test_iso_date(text, iso):
    assert iso_date(text) == iso


def test_an_empty_page_in_a_folder_is_skipped_like_an_empty_text_file(tmp_path, caplog):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "blank.htm").write_bytes(b"  \n")
    (tmp_path / "news.html").write_bytes((WEB / "gov-notice.htm").read_bytes())
    corpus = read_corpus([tmp_path])
    assert [d.id for d in corpus.documents] == ["news.html"]
    errors = {f.id: f.error for f in corpus.failures}  # named in the report, as an empty text file is
    assert list(errors) == ["blank.htm", "empty.html"]
    assert "empty.html: it is empty" in errors["empty.html"] and "blank.htm: it has no text" in errors["blank.htm"]


def test_a_page_whose_utf8_declaration_is_wrong_is_still_read():
    body = "<p>北京今天下雨了，气温下降了十度，市民出行要注意保暖。明天还会继续降温，气象台提醒大家注意防寒。</p>" * 3
    data = b'<html><head><meta charset="utf-8"></head><body>' + body.encode("gbk") + b"</body></html>"
    assert "气象台提醒大家注意防寒" in decode_page(data, "x.html")


def test_the_address_a_browser_wrote_when_saving_the_page():
    data = b"<!-- saved from url=(0041)http://www.example.gov.cn/zwgk/1103.html -->\n" + \
        (WEB / "gov-notice.htm").read_bytes()
    assert page_document(data, "saved.htm", "saved.htm").url == "http://www.example.gov.cn/zwgk/1103.html"


def test_a_page_without_title_takes_its_headline_from_a_title_class_even_a_question():
    from tiyao.webpage import extract_page

    paragraph = "<p>昨天看到一篇谈产品目标的文章，分析得很透彻。做最好的东西这个目标有些玄，一百个人心中有一百个最好。</p>"
    html = ("<html><head></head><body><div class='sidebar'><a href='/a'>2006年03月(10)</a></div>"
            "<div class='post'><div class='postTitle'><a href='/p/1'>做最好的和最酷的东西？</a></div>"
            f"<div class='postText'>{paragraph * 4}</div></div></body></html>")
    assert extract_page(html).title == "做最好的和最酷的东西？"


def test_the_folder_a_browser_saves_beside_a_page_is_not_read(tmp_path, caplog):
    (tmp_path / "新闻.html").write_bytes((WEB / "news-portal.html").read_bytes())
    parts = tmp_path / "新闻_files"
    parts.mkdir()
    (parts / "ad.htm").write_bytes((WEB / "list-page.html").read_bytes())
    (parts / "main.js").write_text("var _hmt = [];", encoding="utf-8")
    (parts / "style.css").write_text("body{font-family:sans-serif}", encoding="utf-8")
    (tmp_path / "notes_files").mkdir()  # no notes.html beside it: an ordinary folder
    (tmp_path / "notes_files" / "note.md").write_text("# 笔记\n\n今天读完了一本书。", encoding="utf-8")
    corpus = read_corpus([tmp_path])
    assert [d.id for d in corpus.documents] == ["notes_files/note.md", "新闻.html"] and corpus.failures == ()
    assert "main.js" not in caplog.text and "style.css" not in caplog.text
