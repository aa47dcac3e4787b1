"""The library in one line (issue 14, item 2): tiyao.keywords / tiyao.summarize on one string, tiyao.run on paths
or texts, the exports and the README's Python block. (Every docstring example of the package runs as a test of its
own: conftest.py at the top of the repository.)"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import re
from pathlib import Path

import pytest

import tiyao
from tiyao import ConfigError, DocumentError, InputError, PipelineConfig, Report

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

#: The fourth seed article (xiji-town-2013.md, 西集镇计生协会“贷”动计生户创业), shortened.
ARTICLE = (
    "西集镇计生协会“贷”动计生户创业\n"
    "枣庄市山亭区西集镇计生协会充分发挥服务计生家庭、联系社会的桥梁纽带作用，与农村信用联社联合推出“计生信贷助富”活动，"
    "积极为计划生育户搭建创业平台，帮助广大育龄群众致富，取得显著成效。\n"
    "为积极推行计划生育政策，号召育龄群众树立新时期正确的生育观和致富观，帮助计生群众创业致富。"
    "该镇计划生育户“计生信贷助富”活动在扶持项目选择上，重点围绕扶持乡村发展特色产业。\n"
    "目前，全镇已有120户计生户通过“计生信贷助富”贷款发展种植、养殖业，户均增收8000余元。"
    "镇计生协会将继续与农村信用联社合作，扩大计生户贷款规模。\n"
)


def test_keywords_of_one_string_without_a_corpus():
    found = tiyao.keywords(ARTICLE, k=5)
    terms = [k.term for k in found]
    assert len(terms) == 5 and len(set(terms)) == 5
    assert all(isinstance(k, tiyao.Keyword) for k in found)
    assert [k.score for k in found] == sorted((k.score for k in found), reverse=True)
    # the article's own word (not in jieba's dictionary) is found whole, from its three occurrences (in the top 10:
    # after 计生, each 计生… term waits its turn at 0.7 of its score, tiyao.keyterms.redundancy)
    assert "计生信贷助富" in [k.term for k in tiyao.keywords(ARTICLE, k=10)]
    assert "计生户" in terms
    assert not any(len(t) < 2 or t.isdigit() for t in terms)
    assert tiyao.keywords(ARTICLE, k=5) == found  # deterministic


def test_keywords_k_and_a_word_jieba_lacks():
    assert len(tiyao.keywords(ARTICLE, k=3)) == 3
    text = tiyao.read_corpus([SEEDS]).documents[7].text  # 西集镇多措并举打“两非”: 两非 is not in jieba's dictionary
    assert [k.term for k in tiyao.keywords(text, k=3, phrases=False)][0] == "两非"


def test_summarize_one_string():
    summary = tiyao.summarize(ARTICLE, sentences=2)
    assert isinstance(summary, tiyao.Summary)
    assert len(summary.sentences) == 2
    indexes = [s.index for s in summary.sentences]
    assert indexes == sorted(indexes)
    for sentence in summary.sentences:  # whole sentences of the text, never the title line
        assert sentence.text in ARTICLE and sentence.text.endswith("。")
        assert "西集镇计生协会“贷”动计生户创业" not in sentence.text
    assert summary.text == "".join(s.text for s in summary.sentences)
    short = tiyao.summarize(ARTICLE, max_chars=80)
    assert 0 < len(short.text) <= 80
    assert len(tiyao.summarize(ARTICLE).sentences) == 3


def test_one_string_bad_input_is_a_clear_error():
    with pytest.raises(DocumentError, match="empty"):
        tiyao.keywords("   \n  ")
    with pytest.raises(ConfigError, match="string"):
        tiyao.summarize(["今天北京下雨了。"])  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="k must be an integer >= 1; got 0"):
        tiyao.keywords(ARTICLE, k=0)
    with pytest.raises(ConfigError, match="sentences must be an integer >= 1"):
        tiyao.summarize(ARTICLE, sentences=0)


def test_run_texts_returns_a_report():
    second = "北京市今天发布暴雨预警。气象台预计，今天夜间北京大部分地区有大到暴雨。市民出行请注意安全。"
    report = tiyao.run(texts=[ARTICLE, second], config=PipelineConfig(top_k=5, themes=1))
    assert isinstance(report, Report)
    assert [r.id for r in report.documents] == ["text-1", "text-2"]
    assert report.documents[0].title == "西集镇计生协会“贷”动计生户创业"
    # no headline line: the title is taken from the first sentence, which stays in the text
    assert report.documents[1].document.text.startswith(report.documents[1].title + "。")
    assert report.documents[1].summary[0].text == "北京市今天发布暴雨预警。"
    assert len(report.themes) == 1 and report.themes[0].number == 1


def test_run_documents_and_paths_still_work():
    doc = tiyao.Document("a", "标题", "北京今天下了一场大雨。市民出行受到影响。", "<mine>")
    report = tiyao.run([doc], PipelineConfig(steps=("summary",)))
    assert report.documents[0].id == "a"
    report = tiyao.run([str(SEEDS)], PipelineConfig(steps=("keywords",), top_k=3))
    assert len(report.documents) == 8


@pytest.mark.parametrize("text", ["今天北京下雨了。", "第一行\n第二行", "北京" * 400])
def test_text_given_as_a_path_points_to_texts(text):
    with pytest.raises(InputError) as caught:
        tiyao.run([text])
    assert "looks like the text" in caught.value.message
    assert "texts=" in caught.value.hint
    with pytest.raises(ConfigError) as single:
        tiyao.run(text)  # a bare string: not a list of paths either
    assert "texts=" in single.value.hint


def test_a_missing_file_is_still_no_such_file():
    with pytest.raises(InputError, match="no such file or folder: 新闻.md"):
        tiyao.run(["新闻.md"])


def test_texts_and_inputs_are_not_mixed():
    with pytest.raises(ConfigError, match="not both"):
        tiyao.run(["seeds"], texts=["今天北京下雨了。"])
    with pytest.raises(ConfigError, match="single string"):
        tiyao.run(texts="今天北京下雨了。")
    with pytest.raises(ConfigError, match="give the inputs"):
        tiyao.run()


def test_exports():
    for name in tiyao.__all__:
        assert getattr(tiyao, name) is not None, name
    for name in ("PipelineConfig", "Report", "DocumentResult", "Document", "Keyword", "Sentence", "Summary", "Theme",
                 "run", "keywords", "summarize"):
        assert name in tiyao.__all__
    assert tiyao.run is importlib.import_module("tiyao.pipeline").run
    with pytest.raises(AttributeError):
        tiyao.no_such_name  # noqa: B018



def test_import_tiyao_imports_none_of_its_modules():
    # the console script installs its Ctrl-C handler right after "import tiyao"; a name's module loads on first use
    import subprocess
    import sys

    probe = ("import sys, tiyao; loaded = sorted(m for m in sys.modules if m.startswith('tiyao.')); print(loaded); "
             "tiyao.Segmenter; print('tiyao.segment' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[:2] == ["[]", "True"]

def _readme_block(marker: str, language: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- {marker} -->\n```{language}\n(.*?)```", readme, re.S)
    assert match, f"README has no {marker} block"
    return match.group(1)


def test_readme_python_block_runs_and_prints_what_the_readme_shows():
    code = _readme_block("python-example", "python")
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), {"__name__": "__readme__"})
    finally:
        os.chdir(cwd)
    assert out.getvalue() == _readme_block("python-output", "text")


def test_text_given_as_a_path_on_the_command_line_is_a_clear_error():
    from typer.testing import CliRunner

    from tiyao.cli.main import app

    result = CliRunner().invoke(app, ["keywords", "今天北京下雨了。", "-q"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: '今天北京下雨了。' is not a file or folder; it looks like the text")
    assert "| tiyao run -" in result.stderr and "Traceback" not in result.stderr
