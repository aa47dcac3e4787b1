"""Real folders read right: furniture told from body, lines joined only where wrapped, true titles (issue 12).

Every fixture here was written for the test; each is a short example of one class of file (journal paper, wire
story, newspaper page, forum post, database export, fixed-width text, text cut into words).
"""

from __future__ import annotations

import json
import time

import pytest

from tiyao.clean import clean_article, cut_into_words, normalize_width, wrap_width
from tiyao.corpus import ReadOptions, read_corpus
from tiyao.errors import ConfigError
from tiyao.furniture import DEFAULT_RULES, FURNITURE, PATTERNS, FurnitureRules
from tiyao.cli.main import app
from tiyao.config import PipelineConfig
from tiyao.pipeline import run
from tiyao.types import Document
from tiyao.segment import Segmenter
from tiyao.sentences import split_sentences
from tiyao.summarizer import TextRankSummarizer
from tiyao.titles import choose_title, field_of

JOURNAL = """宇航学报
JOURNAL OF ASTRONAUTICS
1999年　第20卷　第4期　vol20　No.4　1999

竞争学习模糊神经网络及在导弹
故障诊断中的应用
胡昌华　王青　陈新海
(北京航空航天大学自动控制系，北京 100083)
　　摘　要　本文提出了一种模糊神经网络学习算法，并在伺服机构上进行了故障诊断实验。
　　关键词　故障诊断　竞争学习　模糊神经网络
中图分类号：TP18 文献标识码：A 文章编号：1000-1328(1999)04-0001-07
FUZZY NEURAL NETWORK BASED ON COMPETITIVE LEARNING
Abstract The fault diagnosis based on analytical redundancy depends on the model of the system.
1　引言
　　导弹伺服机构是一个具有严重非线性的部件，很难用机理分析的方法建立它的数学模型。模糊神经网络可以通过学习建立系统的模型，模型参数有明确的物理意义。
　　实验表明，基于竞争学习的模糊神经网络能以较高精度逼近非线性系统，据此构造的故障诊断系统可以有效地检测故障。
作者简介：胡昌华，男，1965年生，教授。
参考文献
[1] 毛志宠, 张雪枫. 模糊系统作为通用函数逼近器的研究[J]. 中国科学, 1997, 27(4): 362-367.
[2] 胡昌华. 控制系统故障诊断与容错控制[M]. 北京: 国防工业出版社, 1999.
收稿日期：1998-06-15
"""

WIRE = """新华社北京5月3日电（记者张三）国务院总理今天在人民大会堂会见了来访的外国客人。双方就农业合作交换了意见。
会见时，总理说，中国愿同各国加强农业科技合作，共同应对粮食安全挑战。
客人表示，愿意扩大两国在种子和农机方面的合作。（完）
"""

PAGE = """人民日报
2013年5月3日 星期五
第3版：要闻
本报讯（记者 李四 通讯员 王五）西集镇今年流转土地三千亩，发展苗木种植，带动农户增收。
镇里成立了苗木合作社，统一提供种苗和技术服务，农户的苗木销往安徽和山东。（下转第四版）
图为农民在苗圃里移栽树苗。（通讯员 王五 摄）
责任编辑：赵六
"""

FORUM = """发信人: bluesky (蓝天), 信区: Agriculture
标  题: 请教大棚蔬菜的病虫害防治
发信站: 水木社区 (Tue Jun  4 10:00:00 2002)

【 在 greenhouse (大棚) 的大作中提到: 】
: 黄瓜叶子发黄多半是缺肥。
大棚里的黄瓜叶子发黄，还有很多小白虫，用了好几种农药都不管用。
请问有经验的朋友，这种情况应该怎么防治？
--
种菜十年，欢迎交流。
※ 来源:·水木社区 newsmth.net·[FROM: 166.111.8.*]
"""

EXPORT = """【 文献号 】2-1295
【原文出处】云南学术探索
【原刊期号】199706
【 标  题 】滇文化艺术的
舞蹈意象
【 作  者 】李坚
【 关 键 词 】舞蹈；滇文化；民族艺术
【 正  文 】
    云南是典型的高原山区地带，形成了二十五个少数民族，成为全国少数民族最多的省份。各民族的舞蹈
艺术历史悠久，是滇文化最为结晶的部分。
【责任编辑】彭书贵
"""

# a paragraph hard-wrapped at a fixed width of 60 columns (a Chinese character takes two), as old exports are:
# the cuts fall inside numbers (see the test)
PARAGRAPHS = ("1965年以来，全县农田水利建设取得了很大成绩，共在各乡镇山区和丘陵地带修建水库三十座，新增灌溉面积3762万亩，粮食产量比建国初期"
              "增长了两倍多，农民的生活水平有了明显提高。项目于8月20日通过验收，专家认为工程质量良好，达到了设计要求，"
              "可以正式投入使用。全县今年计划再安排专项投入资金12500万元，新建泵站45座，改造渠道1870公里，力争明年全部完工。",
              "第二段从这里开始，它只有一行。")


def _hard_wrap(paragraph: str, columns: int = 60) -> list[str]:
    lines, line, width = [], "    ", 4
    for ch in paragraph:
        w = 2 if ord(ch) > 0x2e80 else 1
        if width + w > columns:
            lines.append(line)
            line, width = "", 0
        line += ch
        width += w
    return lines + [line]


WRAPPED = "\n".join(line for paragraph in PARAGRAPHS for line in _hard_wrap(paragraph)) + "\n"


def _read(tmp_path, text, name="a.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (document,) = read_corpus([path]).documents
    return document


def _roles(document):
    return {s.text: s.role for s in split_sentences(document.text, document.headings, document.furniture)}


def _body(document):
    return [text for text, role in _roles(document).items() if role == "body"]


# -- the table -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: f"{p.kind}:{p.example[:12]}")
def test_every_pattern_matches_its_example(pattern):
    rules = FurnitureRules((pattern,))
    if pattern.where == "lead":
        assert rules.lead_of(pattern.example + "今天天气很好。") == len(pattern.example)
    elif pattern.where == "tail":
        assert rules.tail_of("今天天气很好。" + pattern.example) == len(pattern.example)
    else:
        assert rules.kind_of(pattern.example, header=True) == pattern.kind


def test_a_list_of_names_is_an_author_line_only_under_the_headline(tmp_path):
    document = _read(tmp_path, "春天 来了\n李四 王五\n西集镇的苗木开始发芽了，农户们忙着移栽树苗。\n")
    assert (document.title, document.title_source) == ("春天 来了", "first_line")
    assert _roles(document)["李四 王五"] == FURNITURE


@pytest.mark.parametrize("sentence", [
    "模糊神经网络可以通过学习建立系统的模型，且模型参数有明确的物理意义。",
    "他在第3期杂志上发表了一篇文章，讨论了农业问题。",
    "总理说，中国愿同各国加强农业科技合作。",
    "西集镇农村信用联社发放小额贷款。",
    "图书馆今年新增藏书三千册。",
    "作者认为，农业是国民经济的基础。",  # what an author says, as a reprint or a review reports it
    "作者是一位在农村工作多年的干部，书中写的都是亲身经历。",
    "笔者曾任县委书记多年，深知基层干部的甘苦。",
])
def test_body_sentences_are_not_furniture(sentence):
    assert DEFAULT_RULES.kind_of(sentence, header=True) is None
    assert DEFAULT_RULES.lead_of(sentence) == 0 and DEFAULT_RULES.tail_of(sentence) == 0


def test_users_add_patterns_from_a_file(tmp_path):
    patterns = tmp_path / "extra.txt"
    patterns.write_text("# our site's footer\nfooter\t本站声明\n欢迎订阅\n", encoding="utf-8")
    rules = DEFAULT_RULES.with_file(patterns)
    assert rules.kind_of("本站声明：文章仅代表作者观点") == "footer"
    assert rules.kind_of("欢迎订阅本报") == "user"
    assert DEFAULT_RULES.kind_of("本站声明：文章仅代表作者观点") is None  # the defaults are unchanged
    text = tmp_path / "a.txt"
    text.write_text("苗木合作社带动农户增收。\n本站声明：文章仅代表作者观点\n", encoding="utf-8")
    (document,) = read_corpus([text], ReadOptions(furniture=rules)).documents
    assert _roles(document)["本站声明：文章仅代表作者观点"] == FURNITURE
    with pytest.raises(ConfigError):
        DEFAULT_RULES.with_patterns(["([unclosed"])


# -- classes of files ------------------------------------------------------------------------------------------

def test_journal_paper(tmp_path):
    document = _read(tmp_path, JOURNAL)
    assert document.title == "竞争学习模糊神经网络及在导弹故障诊断中的应用"
    assert document.title_source == "first_line"
    assert document.author_keywords == ("故障诊断", "竞争学习", "模糊神经网络")
    roles = _roles(document)
    for line in ("宇航学报", "JOURNAL OF ASTRONAUTICS", "胡昌华 王青 陈新海", "收稿日期：1998-06-15",
                 "FUZZY NEURAL NETWORK BASED ON COMPETITIVE LEARNING", "参考文献"):
        assert roles[line] == FURNITURE, line
    assert all(role == FURNITURE for text, role in roles.items() if "[J]" in text or "[M]" in text)
    assert roles["1 引言"] == "heading"
    assert _body(document) == [
        "导弹伺服机构是一个具有严重非线性的部件，很难用机理分析的方法建立它的数学模型。",
        "模糊神经网络可以通过学习建立系统的模型，模型参数有明确的物理意义。",
        "实验表明，基于竞争学习的模糊神经网络能以较高精度逼近非线性系统，据此构造的故障诊断系统可以有效地检测故障。"]


@pytest.mark.parametrize("lead", ["据新华社北京电 ", "中新网10月16日电 ", "羊城晚报讯 ", "（记者 王五）"])
def test_datelines_of_other_agencies_and_papers(lead):
    assert DEFAULT_RULES.lead_of(lead + "国务院今天召开常务会议。") == len(lead)
    assert DEFAULT_RULES.lead_of("新华社电视台今天播出了纪录片。") == 0


def test_wire_story_dateline_and_end_mark_are_split_off(tmp_path):
    document = _read(tmp_path, WIRE)
    roles = _roles(document)
    assert roles["新华社北京5月3日电（记者张三）"] == FURNITURE
    assert roles["（完）"] == FURNITURE
    assert roles["国务院总理今天在人民大会堂会见了来访的外国客人。"] == "body"
    assert roles["客人表示，愿意扩大两国在种子和农机方面的合作。"] == "body"


def test_newspaper_page(tmp_path):
    document = _read(tmp_path, PAGE)
    roles = _roles(document)
    for line in ("本报讯（记者 李四 通讯员 王五）", "责任编辑：赵六", "2013年5月3日 星期五", "第3版：要闻",
                 "图为农民在苗圃里移栽树苗。", "（通讯员 王五 摄）"):  # (a photo caption and its credit)
        assert roles[line] == FURNITURE, line
    assert document.title != "人民日报" and "本报讯" not in document.title
    assert _body(document) == ["西集镇今年流转土地三千亩，发展苗木种植，带动农户增收。",
                               "镇里成立了苗木合作社，统一提供种苗和技术服务，农户的苗木销往安徽和山东。"]
    assert roles["（下转第四版）"] == FURNITURE


def test_forum_post(tmp_path):
    document = _read(tmp_path, FORUM)
    assert (document.title, document.title_source) == ("请教大棚蔬菜的病虫害防治", "field")
    assert _body(document) == ["大棚里的黄瓜叶子发黄，还有很多小白虫，用了好几种农药都不管用。",
                               "请问有经验的朋友，这种情况应该怎么防治？"]


def test_field_export(tmp_path):
    document = _read(tmp_path, EXPORT)
    assert (document.title, document.title_source) == ("滇文化艺术的舞蹈意象", "field")  # wrapped over two lines
    assert _roles(document)["【 标 题 】滇文化艺术的舞蹈意象"] == FURNITURE
    assert document.author == "李坚" and document.site == "云南学术探索"
    assert document.author_keywords == ("舞蹈", "滇文化", "民族艺术")
    assert _body(document)[0] == "云南是典型的高原山区地带，形成了二十五个少数民族，成为全国少数民族最多的省份。"
    assert all(not text.startswith("【") for text in _body(document))


def test_an_author_note_is_furniture_in_a_line_of_its_own_or_at_a_paragraph_end(tmp_path):
    export = EXPORT.replace("【 正  文 】\n", "【 正  文 】\n    作者李坚，现为云南大学艺术学院教授。邮编：650091\n")
    document = _read(tmp_path, export)
    assert _roles(document)["作者李坚，现为云南大学艺术学院教授。"] == FURNITURE
    assert _body(document)[0] == "云南是典型的高原山区地带，形成了二十五个少数民族，成为全国少数民族最多的省份。"
    comment = "基金仓位连续三周上升，显示基金经理对后市的看法趋于乐观。（作者系某基金研究中心研究员）\n"
    document = _read(tmp_path, comment, name="b.txt")
    assert _body(document) == ["基金仓位连续三周上升，显示基金经理对后市的看法趋于乐观。"]
    summary = run(texts=[export], config=PipelineConfig(steps=("summary",)))
    assert all("作者" not in s.text for s in summary.documents[0].summary)


@pytest.mark.parametrize("first, second, title", [
    ("胡锦涛在中央党校春季开学典礼上强调", "切实提高领导干部思想政治素质",
     "胡锦涛在中央党校春季开学典礼上强调切实提高领导干部思想政治素质"),  # a verb of saying waits for its object
    ("纪念茅盾诞辰100周年", "论茅盾艺术思维理论的现代品格", "纪念茅盾诞辰100周年"),  # a kicker above the title
])
def test_second_line_of_a_title_field(tmp_path, first, second, title):
    text = f"【 标  题 】{first}\n    {second}\n【 正  文 】\n    文章认为，茅盾的艺术思维特点在于把人作为艺术思维的中心。\n"
    document = _read(tmp_path, text)
    assert (document.title, document.title_source) == (title, "field")
    assert _body(document) == ["文章认为，茅盾的艺术思维特点在于把人作为艺术思维的中心。"]


@pytest.mark.parametrize("text, title", [
    ("【 标  题 】纪念茅盾诞辰１００周年\n【 作  者 】李坚\n【 正  文 】\n    茅盾诞辰１００周年之际，学界召开了纪念会。\n",
     "纪念茅盾诞辰１００周年"),  # a field
    ("ＧＰＳ在农田测量中的应用\n张三　李四\n    本文介绍ＧＰＳ接收机在农田水利测量中的使用方法和精度。\n",
     "ＧＰＳ在农田测量中的应用"),  # a headline over its author line
])
def test_a_title_keeps_its_own_full_width_characters(tmp_path, text, title):
    document = _read(tmp_path, text)
    assert document.title == title  # as the document gives it
    assert "１" not in document.text and "Ｇ" not in document.text  # the text analysed is half-width
    from tiyao.script import DocumentTwin

    assert DocumentTwin.of(document).analysed.title == normalize_width(title)  # and so is the title analysed


def test_fixed_width_text_is_rejoined_inside_numbers(tmp_path):
    lines = WRAPPED.splitlines()
    assert any(a[-1].isdigit() and b[0].isdigit() for a, b in zip(lines, lines[1:]))  # numbers cut at line ends
    assert wrap_width(lines) in range(56, 61)
    document = _read(tmp_path, "农田水利建设成绩显著\n" + WRAPPED)
    assert document.text.split("\n") == list(PARAGRAPHS)  # every number whole, two paragraphs


def test_lines_are_joined_only_where_wrapped():
    cleaned = clean_article(["全县今年新建水库，共计196", "5座。", "The fault diagnosis based on", "analytical redundancy."])
    assert "1965座" in cleaned.text and "based on analytical" in cleaned.text
    listed = clean_article(["今年的主要任务有", "1、发展苗木种植", "2、扩大合作社规模"])
    assert listed.text.split("\n") == ["今年的主要任务有", "1、发展苗木种植", "2、扩大合作社规模"]
    short = clean_article(["苗木合作社：带动农户增收的新路子", "西集镇今年流转土地三千亩，成立苗木合作社，统一提供种苗。"])
    assert len(short.text.split("\n")) == 2  # a short line followed by a longer one is its own unit
    broken = clean_article(["小试成功后，2007年，田军在西", "", "集农村信用联社的帮助下流转土地40亩。"])
    assert "西集农村信用联社" in broken.text  # a piece of a sentence is still joined


def test_text_cut_into_words(tmp_path):
    text = "西集镇 农村 信用 联社 发放 小额 贷款 ， 引领 计生户 致富 。\n合作社 带动 农户 种植 苗木 ， 使用 GPT 模型 。\n"
    assert cut_into_words(text.splitlines())
    document = _read(tmp_path, "标题行\n" + text)
    assert "西集镇农村信用联社发放小额贷款，引领计生户致富。" in document.text
    assert "使用 GPT 模型" in document.text  # spaces next to Latin words are kept
    assert not cut_into_words(["胡昌华　王青　陈新海", "模糊神经网络可以通过学习建立系统的模型，且模型参数有明确的物理意义。"])


def test_title_rules():
    assert field_of("【 标  题 】滇文化艺术的舞蹈意象") == ("title", "滇文化艺术的舞蹈意象")
    assert field_of("Title: Rural credit") == ("title", "Rural credit")
    headline = choose_title([("某某日报", "furniture"), ("苗木合作社带动农户增收", "heading"),
                             ("西集镇今年流转土地三千亩。", "body")])
    assert (headline.title, headline.source) == ("苗木合作社带动农户增收", "first_line")
    wrapped = choose_title([("关于贯彻《人口与计划生育法》的基本要求》和《", "heading"), ("条例》的通知", "heading"),
                            ("各乡镇：现将有关事项通知如下。", "body")])
    assert wrapped.title == "关于贯彻《人口与计划生育法》的基本要求》和《条例》的通知"
    assert choose_title([("【 文献号 】2-1295", "furniture")]) is None


# -- steps read the body ---------------------------------------------------------------------------------------

def test_summaries_keywords_and_themes_leave_furniture_out(tmp_path):
    (tmp_path / "wire.txt").write_text(WIRE * 2, encoding="utf-8")
    (tmp_path / "paper.txt").write_text(JOURNAL, encoding="utf-8")
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    corpus = read_corpus([tmp_path])
    report = run(corpus, PipelineConfig(themes=2))
    for result in report.documents:
        assert all(s.role == "body" for s in result.summary), result.id
        terms = [k.term for k in result.keywords]
        assert not any(t.startswith(("新华社", "记者", "本报", "通讯员")) or t.endswith("说") for t in terms), terms
        assert not any(t.isascii() and t.islower() and len(t) <= 2 for t in terms), terms
        assert not any(t in ("宇航学报", "收稿日期", "JOURNAL") for t in terms), terms


def test_summary_falls_back_to_headings_only_without_body():
    document = Document("a", "", "一、工作思路\n二、主要任务", "-", ((0, 6), (7, 13)))
    summary = TextRankSummarizer(sentences=1).summarize(Segmenter().segment(document))
    assert [s.role for s in summary.sentences] == ["heading"]


def test_json_reports_roles(tmp_path, runner):
    path = tmp_path / "wire.txt"
    path.write_text(WIRE, encoding="utf-8")
    result = runner.invoke(app, ["segment", str(path), "--format", "json"])
    (record,) = json.loads(result.stdout)
    assert record["roles"][0] == FURNITURE and "body" in record["roles"]
    assert len(record["roles"]) == len(record["sentences"])
    result = runner.invoke(app, ["summarize", str(path), "--format", "json"])
    (record,) = json.loads(result.stdout)
    assert {s["role"] for s in record["summary"]} == {"body"}


# -- linear time (issue 15 item 10) ----------------------------------------------------------------------------

def _clean_and_split(text: str) -> float:
    start = time.perf_counter()
    cleaned = clean_article(text.splitlines())
    split_sentences(cleaned.text, cleaned.headings, cleaned.furniture)
    return time.perf_counter() - start


@pytest.mark.slow
@pytest.mark.parametrize("piece", ["计生\n\n", "计生信贷帮助育龄妇女创业，", "【 文献号 】2-1295\n正文一句。\n"])
def test_cleaning_and_splitting_scale_linearly(piece):
    # n and 4n: a linear step takes about 4 times as long, a quadratic one 16 times (bound generous for noise)
    small = min(_clean_and_split(piece * 5_000) for _ in range(2))
    large = min(_clean_and_split(piece * 20_000) for _ in range(2))
    assert large < 10 * max(small, 0.01), (small, large)


def test_cli_takes_a_file_of_furniture_patterns(tmp_path, runner):
    article = tmp_path / "a.txt"
    article.write_text("苗木合作社带动农户增收。\n本站声明：文章仅代表作者观点\n", encoding="utf-8")
    patterns = tmp_path / "extra.txt"
    patterns.write_text("footer\t本站声明\n", encoding="utf-8")
    result = runner.invoke(app, ["segment", str(article), "--format", "json", "--furniture", str(patterns)])
    (record,) = json.loads(result.stdout)
    assert record["roles"] == ["body", FURNITURE]
    patterns.write_text("([unclosed\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(article), "--furniture", str(patterns)])
    assert result.exit_code == 2 and "Error: furniture pattern" in result.output


def test_wrapped_front_matter_above_a_body_in_long_lines(tmp_path):
    # a paper whose abstract was wrapped at 86 columns while its body paragraphs are one long line each: the
    # abstract's continuation lines belong to the abstract (furniture), not to the body
    abstract = ["　　摘要：对酸性红壤施用石灰和N2O生成之间的关系进行了探讨。结果表明，在好气条件下，石",
                "灰的施用与NH4+氧化过程中N2O的产生量之间的关系不明显。但随着石灰施用量的增加，厌气条件",
                "下NO3-还原过程中N2O的积累量明显增加了，这与施用石灰后土壤pH升高而提高了硝酸还原酶活性",
                "有关。试验还表明，尽管在厌气条件下土壤pH较高有利于NO3-还原成NO2-，但当缺乏有效碳源时，",
                "NO2-向N2O的进一步还原受到限制，易发生NO2-的积累。"]
    sentences = ["人们已知，氧化亚氮（N2O）不仅是导致温室效应的主要气体之一，它还可以破坏臭氧层，对人类生存环境造成威胁。",
                 "农田土壤是大气中氧化亚氮的重要来源，施肥与耕作方式都会影响它的排放量，因此受到土壤学界的普遍关注。",
                 "酸性红壤在我国南方分布很广，施用石灰是改良这类土壤的常用措施。",
                 "本文用室内培养试验研究了石灰施用量对土壤中氧化亚氮形成的影响。"]
    body = ["　　" + "".join(sentences[n % 4:] + sentences[:n % 3]) for n in range(8)]  # long lines of many lengths
    text = "施用石灰对酸性土壤中氧化亚氮形成的影响\n" + "\n".join(abstract + ["　　关键词：氧化亚氮；红壤；石灰施用量"] + body)
    document = _read(tmp_path, text)
    assert wrap_width(text.splitlines()) in range(82, 87)
    assert not any(line.startswith("灰的施用") for line in document.text.split("\n"))
    assert all(not s.startswith("灰的施用") for s in _body(document))
