"""Bad, odd and foreign input (issue 8): every readable article is read, every unreadable file or record gets a
clear line naming it, exit codes are right, and nothing shows a traceback.

The folder is built by tests/bad_inputs.py; ``EXPECTED`` there says what each file must give.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from tiyao.cli.main import app
from tiyao.corpus import read_corpus
from tiyao.errors import InputError
from tiyao.sentences import MAX_SENTENCE_CHARS, split_sentences

from .bad_inputs import (CITYU, ENGLISH, EXPECTED, GB18030_ONLY, MIXED, READABLE_IDS, SIMPLIFIED, SKIPPED,
                         make_bad_input_folder, make_large_file)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return make_bad_input_folder(tmp_path_factory.mktemp("bad"))


@pytest.fixture(scope="module")
def small_folder(tmp_path_factory) -> Path:
    """The same folder with a 100 kB unpunctuated article, for commands that segment everything."""
    return make_bad_input_folder(tmp_path_factory.mktemp("bad-small"), long_article_bytes=100_000)


@pytest.fixture(scope="module")
def read(folder):
    return read_corpus([folder])


def _no_traceback(result) -> None:
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


# -- the reading layer ------------------------------------------------------------------------------------

def test_every_readable_article_is_read_in_folder_order(read):
    assert tuple(d.id for d in read.documents) == READABLE_IDS
    assert all(d.text for d in read.documents)


def test_every_unreadable_record_and_file_is_a_failure_naming_it(read):
    expected = [fragment for name in sorted(EXPECTED) for fragment in EXPECTED[name].failures]
    assert len(read.failures) == len(expected)
    for failure, fragment in zip(read.failures, expected):
        assert fragment in failure.error


def test_skipped_files_are_failures_naming_them(folder, caplog):
    """Issue 12 item 1: a file that is not read is in the failures (so in every report), not only a warning."""
    with caplog.at_level(logging.WARNING, logger="tiyao"):
        corpus = read_corpus([folder])
    for name in SKIPPED:
        assert [f.id for f in corpus.failures if f.source.endswith(name)] == [name], name
    assert caplog.text.count(EXPECTED["invalid-utf8.txt"].warning) == 1


def test_chinese_encodings_read_as_the_text_written(read):
    texts = {d.id: d.text for d in read.documents}
    assert texts["gbk.txt"] == texts["utf16.txt"] == texts["utf16-no-bom.txt"] == SIMPLIFIED
    assert texts["gb18030.txt"] == GB18030_ONLY  # characters outside GBK survive
    cityu = read_corpus([CITYU]).documents[0]
    big5 = next(d for d in read.documents if d.id == "big5.txt")
    assert (big5.title, big5.text) == (cityu.title, cityu.text)


def test_invalid_utf8_keeps_the_rest_of_the_file(read):
    text = next(d.text for d in read.documents if d.id == "invalid-utf8.txt")
    assert text.count("\ufffd") == 2
    assert text.replace("\ufffd", "") == SIMPLIFIED


def test_undecodable_file_named_alone_is_an_error(folder):
    with pytest.raises(InputError, match="garbage.txt: not valid UTF-8") as error:
        read_corpus([folder / "garbage.txt"])
    assert "--encoding" in error.value.hint


def test_jsonl_failures_carry_line_numbers_and_the_other_records_are_read(folder):
    corpus = read_corpus([folder / "records.jsonl"])
    assert [d.id for d in corpus.documents] == ["r1", "r5"]
    assert [f.id for f in corpus.failures] == ["records.jsonl:2", "r3", "r4"]
    assert [f.source.rsplit(", ", 1)[1] for f in corpus.failures] == ["line 2", "line 3", "line 4"]
    assert "--text-field" in corpus.failures[1].error


def test_csv_with_quoted_newlines_and_commas(read):
    records = {d.id: d for d in read.documents}
    assert records["c1"].text == "西集镇计生协会推出计生信贷。\n帮助育龄妇女创业，\"贷\"动计生户致富。"
    assert records["c2"].title == "标题, 带逗号"
    assert records["c2"].text == "第一段。\n第二段，有\"引号\"。"


def test_html_markup_is_removed_and_entities_decoded(read):
    html = next(d for d in read.documents if d.id == "html.txt")
    assert html.title == "西集镇计生信贷助推育龄妇女创业"
    assert "<" not in html.text and "&nbsp;" not in html.text
    assert html.text == "西集镇计生协会&农村信用联社推出计生信贷，帮助育龄妇女创业。\n截至目前，已发放贷款 300万元。"


def test_two_megabyte_article_without_punctuation_is_read_and_split(read):
    article = next(d for d in read.documents if d.id == "no-punctuation.txt")
    assert len(article.text.encode("utf-8")) >= 2_000_000
    sentences = split_sentences(article.text)
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE_CHARS
    assert sum(len(s.text) for s in sentences) == len(article.text)


def test_english_only_article_splits_into_its_sentences(read):
    english = next(d for d in read.documents if d.id == "english.txt")
    assert english.text == ENGLISH
    assert [s.text for s in split_sentences(english.text)] == [
        "Apple released the iPhone 15 in September.",
        "The new phone uses a faster chip made by TSMC.",
        "Analysts expect strong sales in China!",
        "Will 5G coverage keep up?",
        "Mr. Cook said demand was high.",
    ]


def test_numbers_and_symbols_are_read_but_have_no_words(read, segmenter):
    for doc_id in ("numbers.txt", "emoji.txt"):
        document = next(d for d in read.documents if d.id == doc_id)
        assert document.text
        tokens = segmenter.segment(document).tokens
        assert not any(segmenter.is_content(t) for t in tokens), doc_id


def test_pipeline_names_what_is_wrong_with_numbers_and_symbols(read):
    pipeline = pytest.importorskip("tiyao.pipeline")
    for document in read.documents:
        problem = pipeline.document_problem(document)
        expected = EXPECTED.get(document.id)
        if expected is not None and expected.run_error:
            assert problem is not None and expected.run_error in problem, document.id
        elif document.id in ("big5.txt", "english.txt", "mixed.txt", "seed.md", "r1", "r5"):
            assert problem is None, document.id


# -- mixed Chinese and English (issue 8, item 4) -------------------------------------------------------------

@pytest.mark.parametrize("text, words", [
    ("iPhone 15发布", ["iPhone", "15", "发布"]),
    ("华为发布AI芯片，性能提升。", ["华为", "发布", "AI", "芯片", "性能", "提升"]),
    ("OpenAI发布GPT-4模型", ["OpenAI", "发布", "GPT-4", "模型"]),
    ("5G网络已覆盖全国", ["5G"]),
    ("三星发布Wi-Fi 6E路由器和USB-C接口", ["Wi-Fi", "6E", "USB-C"]),
])
def test_english_words_and_model_names_are_one_token(segmenter, text, words):
    tokens = [t.text for t in segmenter.tokens(text)]
    assert [t for t in tokens if t in words] == words  # each a whole token, in order


@pytest.mark.parametrize("word", ["iPhone", "AI", "GPT-4", "5G", "OpenAI", "芯片"])
def test_english_words_and_model_names_can_be_keywords(segmenter, word):
    token = next(t for t in segmenter.tokens(MIXED) if t.text == word)
    assert segmenter.is_content(token), token


def test_mixed_article_sentences(read):
    mixed = next(d for d in read.documents if d.id == "mixed.txt")
    assert [s.text for s in split_sentences(mixed.text)] == [
        "苹果公司发布iPhone 15，搭载全新AI芯片。", "OpenAI推出GPT-4模型，5G网络已覆盖全国。"]


def test_english_sentences_with_abbreviations_decimals_and_versions():
    text = "The U.S. market grew 3.5% in Q3. GPT-4 was released in 2023! Is v2.0 ready? Yes. 中文句子。OK"
    assert [s.text for s in split_sentences(text)] == [
        "The U.S. market grew 3.5% in Q3.", "GPT-4 was released in 2023!", "Is v2.0 ready?", "Yes.",
        "中文句子。", "OK"]


# -- through the CLI ---------------------------------------------------------------------------------------

def test_corpus_command_reads_every_article_names_every_problem_and_exits_1(runner, folder):
    result = runner.invoke(app, ["corpus", str(folder), "-f", "jsonl"])
    _no_traceback(result)
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert tuple(r["id"] for r in records) == READABLE_IDS
    lines = result.stderr.splitlines()
    for name, expected in EXPECTED.items():
        for fragment in (expected.warning, *expected.failures):
            if fragment:
                assert any(fragment in line and line.startswith("Warning: ") for line in lines), fragment
    assert sum("records.jsonl, line" in line for line in lines) == 3


def test_segment_command_on_the_folder(runner, small_folder):
    result = runner.invoke(app, ["segment", str(small_folder), "-f", "jsonl"])
    _no_traceback(result)
    assert result.exit_code == 1
    records = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    nothing_to_analyse = {i for name, e in EXPECTED.items() if e.run_error for i in e.ids}
    assert tuple(records) == tuple(i for i in READABLE_IDS if i not in nothing_to_analyse)
    mixed = [w for sentence in records["mixed.txt"]["sentences"] for w in sentence]
    assert {"iPhone", "AI", "芯片", "OpenAI", "GPT-4", "5G"} <= set(mixed)
    # as `run` does: an article with nothing to analyse is named, not output
    assert "Warning: skipped emoji.txt: no Chinese or English words to analyse" in result.stderr.splitlines()
    long = records["no-punctuation.txt"]["sentences"]
    assert len(long) >= 100_000 // 3 // MAX_SENTENCE_CHARS


def test_only_good_files_exit_0(runner, folder):
    result = runner.invoke(app, ["corpus", str(folder / "mixed.txt"), str(folder / "gbk.txt"), "-f", "jsonl"])
    _no_traceback(result)
    assert result.exit_code == 0 and result.stderr == ""


def test_missing_path_exits_2(runner, tmp_path):
    result = runner.invoke(app, ["corpus", str(tmp_path / "nope.md")])
    _no_traceback(result)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no such file or folder:") and "nope.md" in result.stderr


def test_folder_without_readable_articles_exits_2_naming_each_file(runner, tmp_path, folder):
    only_bad = tmp_path / "only-bad"
    only_bad.mkdir()
    for name in SKIPPED:
        (only_bad / name).write_bytes((folder / name).read_bytes())
    result = runner.invoke(app, ["corpus", str(only_bad)])
    _no_traceback(result)
    assert result.exit_code == 2
    assert "Error: no readable articles in folder" in result.stderr
    for name in SKIPPED:
        assert name in result.stderr


@pytest.mark.parametrize("name", ["empty.txt", "whitespace.txt"])
def test_empty_file_named_alone_exits_2(runner, folder, name):
    result = runner.invoke(app, ["corpus", str(folder / name)])
    _no_traceback(result)
    assert result.exit_code == 2
    assert f"Error: no articles found in {folder / name}" in result.stderr


@pytest.mark.parametrize("data", ["", "  \n\n\u3000\n"])
def test_empty_stdin_exits_2(runner, data):
    result = runner.invoke(app, ["corpus", "-"], input=data)
    _no_traceback(result)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no articles found in stdin")


@pytest.mark.parametrize("name, kind", [("photo.png", "a PNG image"), ("scan.pdf", "a PDF document")])
def test_binary_file_named_alone_exits_2(runner, folder, name, kind):
    result = runner.invoke(app, ["corpus", str(folder / name)])
    _no_traceback(result)
    assert result.exit_code == 2
    assert f"{name} is {kind}, not text" in result.stderr


def test_undecodable_file_named_alone_exits_2_with_what_to_do(runner, folder):
    result = runner.invoke(app, ["corpus", str(folder / "garbage.txt")])
    _no_traceback(result)
    assert result.exit_code == 2
    assert "garbage.txt: not valid UTF-8" in result.stderr and "--encoding" in result.stderr


def test_unknown_encoding_is_refused_before_reading(runner, folder):
    result = runner.invoke(app, ["corpus", str(folder), "--encoding", "klingon"])
    _no_traceback(result)
    assert result.exit_code == 2 and "unknown encoding 'klingon'" in result.stderr
    assert "skipped" not in result.stderr  # nothing was read


def _forbid_reading(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("the input was read before the output path was checked")

    monkeypatch.setattr("tiyao.cli.commands.corpus.load_corpus", fail)
    monkeypatch.setattr("tiyao.cli.commands.segment.load_corpus", fail)


@pytest.mark.parametrize("command", ["corpus", "segment"])
def test_output_in_a_missing_folder_fails_before_any_work(runner, folder, tmp_path, monkeypatch, command):
    _forbid_reading(monkeypatch)
    target = tmp_path / "no-such-folder" / "out.jsonl"
    result = runner.invoke(app, [command, str(folder), "-o", str(target)])
    _no_traceback(result)
    assert result.exit_code == 2
    assert "cannot write" in result.stderr and "does not exist" in result.stderr
    assert not target.parent.exists()


def test_output_that_is_a_folder_fails_before_any_work(runner, folder, tmp_path, monkeypatch):
    _forbid_reading(monkeypatch)
    result = runner.invoke(app, ["corpus", str(folder), "-o", str(tmp_path)])
    _no_traceback(result)
    assert result.exit_code == 2


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root may write anywhere, so a read-only folder does not stop it")
def test_output_without_write_permission_fails_before_any_work(runner, folder, tmp_path, monkeypatch):
    _forbid_reading(monkeypatch)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = runner.invoke(app, ["corpus", str(folder), "-o", str(locked / "out.jsonl")])
    finally:
        locked.chmod(0o700)
    _no_traceback(result)
    assert result.exit_code == 2 and "permission denied" in result.stderr


def test_ctrl_c_while_reading_leaves_no_output_file(runner, folder, tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("tiyao.cli.commands.corpus.load_corpus", interrupted)
    target = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["corpus", str(folder), "-f", "jsonl", "-o", str(target)])
    _no_traceback(result)
    assert result.exit_code == 130 and "interrupted" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_while_writing_leaves_no_partial_file(runner, folder, tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("tiyao.cli.output.os.replace", interrupted)
    out = tmp_path / "out"
    out.mkdir()
    result = runner.invoke(app, ["corpus", str(folder / "mixed.txt"), "-f", "jsonl", "-o", str(out / "r.jsonl")])
    _no_traceback(result)
    assert result.exit_code == 130
    assert list(out.iterdir()) == []  # neither the target nor the temporary file


def test_verbose_shows_the_traceback(runner, tmp_path):
    quiet = runner.invoke(app, ["corpus", str(tmp_path / "nope")])
    loud = runner.invoke(app, ["--verbose", "corpus", str(tmp_path / "nope")])
    assert quiet.exit_code == loud.exit_code == 2
    assert "Traceback" not in quiet.stderr and "Traceback" in loud.stderr


# -- size ---------------------------------------------------------------------------------------------------

def test_five_megabytes_of_articles(tmp_path):
    path = tmp_path / "five.md"
    count = make_large_file(path, 5)
    corpus = read_corpus([path])
    assert len(corpus.documents) == count and not corpus.failures
    assert len({d.id for d in corpus.documents}) == count
    assert corpus.documents[-1].title.endswith(f" {count}")


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("RUN_SLOW"), reason="50 MB test; set RUN_SLOW=1 to run it")
def test_fifty_megabytes_of_articles_through_the_cli(runner, tmp_path):
    path = tmp_path / "fifty.md"
    count = make_large_file(path, 50)
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["corpus", str(path), "-f", "jsonl", "-o", str(out)])
    _no_traceback(result)
    assert result.exit_code == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == count
    assert all(json.loads(line)["sentences"] > 0 for line in lines)


def test_jsonl_text_may_hold_raw_line_separators(tmp_path):
    text = "第一段\u2028第二段\x85第三段。"
    path = tmp_path / "sep.jsonl"
    path.write_text(json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\r\n"
                    + json.dumps({"id": "b", "text": "正文。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    corpus = read_corpus([path])
    assert [d.id for d in corpus.documents] == ["a", "b"] and not corpus.failures
    assert "第三段" in corpus.documents[0].text


def test_csv_with_a_field_longer_than_the_csv_module_allows(tmp_path):
    text = "西集镇计生协会推出计生信贷。" * 12_000  # 168,000 characters in one field
    path = tmp_path / "long.csv"
    path.write_text(f'id,text\nlong,"{text}"\nshort,正文。\n', encoding="utf-8")
    corpus = read_corpus([path])
    assert [(d.id, len(d.text)) for d in corpus.documents] == [("long", len(text)), ("short", 3)]



def test_binary_stdin_exits_2_saying_what_it_is(runner, folder):
    result = runner.invoke(app, ["corpus", "-"], input=(folder / "photo.png").read_bytes())
    _no_traceback(result)
    assert result.exit_code == 2 and result.stderr.startswith("Error: stdin is a PNG image, not text")


def test_output_refused_by_the_file_system_fails_before_any_work(runner, folder, tmp_path, monkeypatch):
    """The same check as above where tests run as root (CI): the permission answer is simulated."""
    _forbid_reading(monkeypatch)
    monkeypatch.setattr("tiyao.cli.output.os.access", lambda path, mode: False)
    result = runner.invoke(app, ["corpus", str(folder), "-o", str(tmp_path / "out.jsonl")])
    _no_traceback(result)
    assert result.exit_code == 2 and "permission denied" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_lone_surrogates_from_json_escapes_become_replacement_characters(runner, tmp_path):
    path = tmp_path / "surrogates.jsonl"
    path.write_text('{"id": "a\\ud800", "title": "\\udc00标题", "text": "计生信贷\\ud83d帮助创业。"}\n',
                    encoding="utf-8")
    document = read_corpus([path]).documents[0]
    assert (document.id, document.title, document.text) == ("a\ufffd", "\ufffd标题", "计生信贷\ufffd帮助创业。")
    result = runner.invoke(app, ["segment", str(path), "-f", "jsonl"])
    _no_traceback(result)
    assert result.exit_code == 0 and "信贷" in result.stdout


@pytest.mark.parametrize("command", ["corpus", "segment"])
def test_titles_that_look_like_rich_markup_are_printed_as_they_are(runner, tmp_path, command):
    path = tmp_path / "markup.md"
    path.write_text("## [/b]标题[bold]\n\n正文一句[/]。\x1b[31m红色\x1b[0m。\n", encoding="utf-8")
    result = runner.invoke(app, [command, str(path)])
    _no_traceback(result)
    assert result.exit_code == 0 and "[/b]标题[bold]" in result.stdout
