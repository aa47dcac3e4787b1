"""Saved web pages from the command line: `tiyao run PAGES/`, and the cleaned corpus written by
`tiyao corpus --format jsonl --text` read back to the same results (seeds and a folder of pages)."""

import json
import sys

import pytest

from tiyao.cli.main import app

from ..conftest import ROOT, SEEDS

WEB = ROOT / "tests" / "data" / "web"
PAGE_WORDS = ("script", "font", "div", "loadAds", "分享", "微博", "微信", "打印", "关闭窗口", "首页", "版权", "编辑",
              "责编", "相关新闻", "推荐阅读", "热点新闻", "评论", "浏览", "字体", "回复", "原标题")


def _results(runner, path):
    result = runner.invoke(app, ["run", str(path), "--format", "json", "-q"])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    documents = {d["id"]: (d["title"], d["keywords"], d["summary"], d.get("theme"))
                 for d in report["documents"] if not d.get("error")}  # pages that are not articles are not exported
    return documents, report["themes"]


def test_run_on_pages_gives_headlines_body_keywords_and_body_summaries(runner):
    result = runner.invoke(app, ["run", str(WEB), "--format", "json", "-q"])
    assert result.exit_code == 1  # four pages are not articles; the five others are reported
    report = json.loads(result.stdout)
    documents = {d["id"]: d for d in report["documents"] if not d.get("error")}
    assert {d["title"] for d in documents.values()} == {
        "山区小镇建起冷链仓库 猕猴桃卖到了千里之外", "城市里的旧书店还能开多久",
        "关于做好今冬明春农田水利建设工作的通知", "雨夜重看《城南旧事》", "多地推出暖心举措 让返乡过年的人更安心"}
    news = documents["news-gb2312.html"]
    terms = [k["term"] for k in news["keywords"]]
    assert "猕猴桃" in terms[:3] and "冷链仓库" in terms[:3]
    assert (news["date"], news["site"], news["author"]) == ("2021-10-18T09:30", "经济日报", "李晓明")
    for document in documents.values():
        for keyword in document["keywords"]:
            assert not any(word.lower() in keyword["term"].lower() for word in PAGE_WORDS), keyword
        for sentence in document["summary"]:
            assert not any(word in sentence["text"] for word in PAGE_WORDS), sentence
    assert news["summary"][0]["text"] == "十月的秦岭山区，猕猴桃进入采摘旺季。"


def test_corpus_text_export_has_text_and_metadata(runner):
    result = runner.invoke(app, ["corpus", str(WEB), "--format", "jsonl", "--text"])
    assert result.exit_code == 1  # the list, search, login and empty pages are named failures
    records = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert set(records) == {"news-gb2312.html", "news-portal.html", "blog-jsonld.html", "gov-notice.htm",
                            "forum-thread.html"}
    blog = records["blog-jsonld.html"]
    assert list(blog)[:4] == ["id", "title", "text", "source"]
    assert blog["url"] == "https://blog.example.cn/2023/05/old-bookshops.html" and blog["title_source"] == "html"
    assert "list-page.html" in result.stderr and "not an article" in result.stderr


@pytest.mark.parametrize("source", [SEEDS, WEB], ids=["seeds", "pages"])
def test_the_exported_corpus_reads_back_to_the_same_results(runner, tmp_path, source):
    export = tmp_path / "corpus.jsonl"
    result = runner.invoke(app, ["corpus", str(source), "--format", "jsonl", "--text", "-o", str(export)])
    assert result.exit_code in (0, 1), result.output
    assert _results(runner, export) == _results(runner, source)


def test_corpus_text_needs_a_record_format(runner):
    result = runner.invoke(app, ["corpus", str(SEEDS), "--text"])
    assert result.exit_code == 2 and "Error: --text writes records" in result.stderr


def test_pages_without_the_web_extra_are_one_clear_error(runner, monkeypatch):
    monkeypatch.setitem(sys.modules, "readability", None)
    result = runner.invoke(app, ["corpus", str(WEB)])
    assert result.exit_code == 2
    assert result.stderr.count("Error:") == 1 and "pip install 'tiyao[web]'" in result.stderr


def test_metadata_is_shown_in_every_format(runner, tmp_path):
    import csv
    import io

    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(
        runner.invoke(app, ["run", str(WEB), "-f", "csv", "-q"]).stdout))}
    assert list(rows["news-gb2312.html"])[-4:] == ["date", "author", "site", "url"]
    assert (rows["news-gb2312.html"]["site"], rows["blog-jsonld.html"]["url"]) == \
        ("经济日报", "https://blog.example.cn/2023/05/old-bookshops.html")
    markdown = runner.invoke(app, ["run", str(WEB), "-f", "md", "-q"]).stdout
    assert "`news-gb2312.html` · 2021-10-18 09:30 · 经济日报 · 李晓明" in markdown
    page = tmp_path / "report.html"
    runner.invoke(app, ["run", str(WEB), "-f", "html", "-q", "-o", str(page)])
    assert "2021-10-18 09:30 · 经济日报 · 李晓明" in page.read_text(encoding="utf-8")
    table = runner.invoke(app, ["run", str(WEB), "-q"]).stdout
    assert "2023-05-06 20:15 · 小林的读书笔记 · 林一帆" in table
