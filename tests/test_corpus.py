"""Reading a corpus: the seed, text files, records, encodings, and bad input."""

import io
import json
from pathlib import Path

import pytest

from tiyao.corpus import ReadOptions, read_corpus
from tiyao.errors import ConfigError, InputError

from .conftest import SEED_TITLES, SEEDS

DATA = Path(__file__).parent / "data"


def test_seed_reads_as_eight_articles_with_their_titles(seed_corpus):
    assert tuple(d.title for d in seed_corpus.documents) == SEED_TITLES
    assert [d.id for d in seed_corpus.documents] == [f"xiji-town-2013.md#{n}" for n in range(1, 9)]
    assert not seed_corpus.failures


@pytest.mark.parametrize("joined", [
    "二是综合治理出生人口性别比",          # broken mid-sentence
    "在西集农村信用联社支农贷款的帮助下",    # broken mid-word
    "村社区计生专干主动提供上门服务、协调办理",
    "成为信用社的明星信用户",
    "确保所有工作日都能受理办证服务",
    "对便民服务窗口工作人员进行职业操守",
    "帮扶计生户脱贫致富有机结合起来",
    "东集村计生户姜华",
    "统一施工、统一验收",
    "对15个行政村计划生育办公室",
    "对村级计生档案重新进行了分档梳理",
    "制奖惩兑现",
    "开展优质服务",
    "积极组织代表开展座谈",
    "具有创业计划的农户",
    "养殖等现代设施农业",
    "用“小贷款”成就“大项目”",
])
def test_every_broken_place_in_the_seed_is_rejoined(seed_documents, joined):
    assert any(joined in d.text for d in seed_documents)


def test_folder_is_read_recursively_in_path_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("第二篇\n\n这是第二篇文章的正文。", encoding="utf-8")
    (tmp_path / "a.md").write_text("## 第一篇\n\n这是第一篇文章。\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("不该读到。", encoding="utf-8")
    corpus = read_corpus([tmp_path])
    assert [(d.id, d.title) for d in corpus] == [("a.md", "第一篇"), ("b/2.txt", "第二篇")]


def test_several_paths_keep_their_order(tmp_path):
    first, second = tmp_path / "z.txt", tmp_path / "a.txt"
    first.write_text("第一篇文章。", encoding="utf-8")
    second.write_text("第二篇文章。", encoding="utf-8")
    assert [d.text for d in read_corpus([first, second])] == ["第一篇文章。", "第二篇文章。"]


def test_file_without_headings_takes_its_headline_as_title(tmp_path):
    path = tmp_path / "news.txt"
    path.write_text("西集镇发放小额贷款\n\n西集镇农村信用联社发放小额贷款，引领计生户致富。", encoding="utf-8")
    (document,) = read_corpus([path])
    assert document.title == "西集镇发放小额贷款"
    assert document.text == "西集镇农村信用联社发放小额贷款，引领计生户致富。"


def test_file_without_headline_is_titled_by_its_first_sentence_then_its_name(tmp_path):
    path = tmp_path / "xiaoe-daikuan.txt"
    path.write_text("西集镇农村信用联社发放小额贷款，引领计生户致富。", encoding="utf-8")
    (document,) = read_corpus([path])
    assert (document.id, document.title, document.title_source) == \
        ("xiaoe-daikuan.txt", "西集镇农村信用联社发放小额贷款，引领计生户致富", "first_sentence")
    assert document.text == "西集镇农村信用联社发放小额贷款，引领计生户致富。"  # the sentence stays in the text
    path.write_text("【 文献号 】2-1295\n【 日  期 】19960716\n", encoding="utf-8")
    (document,) = read_corpus([path])  # only furniture: the file's name
    assert (document.title, document.title_source) == ("xiaoe-daikuan", "file_name")


def test_single_level_one_title_above_level_two_articles_is_skipped(tmp_path):
    path = tmp_path / "c.md"
    path.write_text("# 西集镇新闻\n\n## 甲\n\n甲文。\n\n## 乙\n\n乙文。\n", encoding="utf-8")
    assert [d.title for d in read_corpus([path])] == ["甲", "乙"]


def test_level_one_articles_keep_level_two_as_subheadings(tmp_path):
    path = tmp_path / "c.md"
    path.write_text("# 甲\n\n## 一、背景\n\n甲文。\n\n# 乙\n\n乙文。\n", encoding="utf-8")
    documents = read_corpus([path]).documents
    assert [d.title for d in documents] == ["甲", "乙"]
    assert documents[0].text == "一、背景\n甲文。"


def test_jsonl_json_and_csv_records_with_field_options(tmp_path):
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"doc": "x1", "headline": "标题一", "body": "正文一。"}, ensure_ascii=False) + "\n"
        + json.dumps({"headline": "标题二", "body": "正文二。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps([{"doc": "y", "headline": "三", "body": "正文三。"}],
                                                ensure_ascii=False), encoding="utf-8")
    (tmp_path / "c.csv").write_text('doc,headline,body\nz,四,"正文四，\n第二段。"\n', encoding="utf-8")
    options = ReadOptions(id_field="doc", title_field="headline", text_field="body")
    corpus = read_corpus([tmp_path], options)
    assert [(d.id, d.title, d.text) for d in corpus] == [
        ("x1", "标题一", "正文一。"), ("a.jsonl:2", "标题二", "正文二。"), ("y", "三", "正文三。"),
        ("z", "四", "正文四，第二段。")]


def test_broken_jsonl_line_is_reported_with_its_line_number_and_others_read(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "第一条。"}\n{"text": "断了\n{"title": "无正文"}\n{"text": "第四条。"}\n',
                    encoding="utf-8")
    corpus = read_corpus([path])
    assert [d.text for d in corpus] == ["第一条。", "第四条。"]
    assert [f.error.split(":")[0] for f in corpus.failures] == [f"{path}, line 2", f"{path}, line 3"]
    assert "no 'text' field" in corpus.failures[1].error


def test_csv_without_the_text_column_names_the_columns(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,content\n1,正文。\n", encoding="utf-8")
    with pytest.raises(InputError, match="no 'text' column.*id, content"):
        read_corpus([path])


def test_stdin_is_read_and_sniffed():
    corpus = read_corpus(["-"], stdin=io.BytesIO('{"id": "s1", "text": "来自标准输入。"}\n'.encode()))
    assert [(d.id, d.text, d.source) for d in corpus] == [("s1", "来自标准输入。", "<stdin>")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be"])
def test_simplified_article_reads_identically_in_every_encoding(tmp_path, encoding):
    text = (SEEDS / "xiji-town-2013.md").read_text(encoding="utf-8")
    article = text.split("\n## ")[2]  # the nursery article, in GBK's repertoire
    reference = read_corpus([_write(tmp_path / "ref.md", "## " + article, "utf-8")]).documents
    copy = read_corpus([_write(tmp_path / "copy.md", "## " + article, encoding)]).documents
    assert [(d.title, d.text) for d in copy] == [(d.title, d.text) for d in reference]


@pytest.mark.parametrize("encoding", ["big5", "gb18030", "utf-16"])
def test_traditional_article_reads_identically_in_big5_gb18030_and_utf16(tmp_path, encoding):
    text = (DATA / "cityu_article.txt").read_text(encoding="utf-8")
    reference = read_corpus([_write(tmp_path / "ref.txt", text, "utf-8")]).documents
    copy = read_corpus([_write(tmp_path / "copy.txt", text, encoding)]).documents
    assert [(d.title, d.text) for d in copy] == [(d.title, d.text) for d in reference]
    assert reference[0].title == "「練得銅皮鐵骨」露宿早慣蚊叮"


def test_forced_encoding_is_used_and_a_wrong_one_names_the_file(tmp_path):
    path = _write(tmp_path / "gbk.txt", "计划生育工作再上新台阶。", "gbk")
    assert read_corpus([path], ReadOptions(encoding="gbk")).documents[0].text == "计划生育工作再上新台阶。"
    with pytest.raises(InputError, match="gbk.txt: cannot be decoded as utf-8"):
        read_corpus([path], ReadOptions(encoding="utf-8"))


def test_undecodable_file_is_an_error_naming_it(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\x81" * 3 + b"\xff\xfe\xfd" * 7 + b"\x80")
    with pytest.raises(InputError, match="bad.txt"):
        read_corpus([path])


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="no such file or folder: .*nope"):
        read_corpus([tmp_path / "nope"])
    with pytest.raises(InputError, match="no readable articles in folder"):
        read_corpus([tmp_path])


def test_binary_file_in_a_folder_is_skipped_and_named_in_the_failures(tmp_path):
    (tmp_path / "a.txt").write_text("正文。", encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n\x00\x01binary")
    corpus = read_corpus([tmp_path])
    assert [d.text for d in corpus] == ["正文。"]
    assert [(f.id, f.error) for f in corpus.failures] == [("scan.pdf", f"{tmp_path / 'scan.pdf'} is a PDF document, "
                                                          "not text; give text, Markdown, JSONL, JSON or CSV files.")]


def test_a_single_path_string_is_refused():
    with pytest.raises(ConfigError, match="sequence of paths"):
        read_corpus("seeds")


def _write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path
