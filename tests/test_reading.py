"""Reading input (issue 12 item 1, issue 15 items 1, 3, 4-9): every file accounted for, encodings read right,
binaries told by content, bad records named one by one, streams read once, nothing read without bound.

Each test builds its odd input in ``tmp_path`` (FIFOs, sparse files, symbolic links...) and reproduces a case
that failed before: the comment above each says what happened then.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from pathlib import Path

import pytest

from tiyao.corpus import CorpusReader, read_corpus
from tiyao.encoding import decode, plausibility
from tiyao.errors import InputError
from tiyao.pipeline import stream
from tiyao.config import PipelineConfig

from .bad_inputs import SIMPLIFIED, _png, seed_articles
from .conftest import SEEDS

SEED_FILE = SEEDS / "xiji-town-2013.md"
ARTICLE = "西集镇计生协会推出计生信贷，帮助育龄妇女创业致富。截至目前，已发放贷款300万元，扶持创业户120户。"
KOREAN = "서울은 대한민국의 수도이다. 오늘 날씨가 좋습니다. 한국어 텍스트를 읽습니다."
QUICK = PipelineConfig(steps=("keywords", "summary"), discover_words=False)


def _sentences() -> list[str]:
    import re

    return re.findall(r"[^。！？\n]+[。！？]", SEED_FILE.read_text(encoding="utf-8"))


# -- encodings (issue 12 item 1, issue 15 item 8) ------------------------------------------------------------

def test_every_seed_sentence_saved_in_gbk_reads_as_written():
    # before: 8 of 92 came back as garbage (北京 -> 控儔, 小额贷款 -> 킡뛮듻뿮)
    for sentence in [*_sentences(), "北京", "小额贷款"]:
        assert decode(sentence.encode("gbk"), "s.txt").text == sentence


def test_symbol_heavy_gb18030_text_is_read_not_refused():
    # before: refused ("not GB18030/GBK") because the detector had no guess for a formula-heavy page
    for text in ["式中：ｘ—变量；ｙ—输出；Δｔ—步长；ε—误差。\n∑ｉ＝１ｎ（ｘｉ－ｙｉ）２≤ε",
                 "〔１〕　Ｓｍｉｔｈ　Ｊ．Ｃｏｎｔｒｏｌ［Ｊ］．１９９５，３１（２）：１２３－１３０．"]:
        decoded = decode(text.encode("gb18030"), "paper.txt")
        assert (decoded.text, decoded.encoding) == (text, "gb18030")


def test_korean_in_euc_kr_is_read_as_korean_with_a_warning():
    # before: read as Chinese garbage with no word said
    decoded = decode(KOREAN.encode("euc_kr"), "ko.txt")
    assert decoded.text == KOREAN
    assert any("Korean" in warning for warning in decoded.warnings)


def test_plausibility_tells_chinese_from_the_wrong_decoding():
    assert plausibility(ARTICLE) > 0.8
    wrong = ARTICLE.encode("gbk").decode("big5", errors="ignore")
    assert plausibility(wrong) < 0.5


def test_a_weak_guess_is_read_with_a_warning():
    rare = "麤黌龘鸙爨齉" * 3  # rare characters only: the bytes decode, but no reading is plausible
    decoded = decode(rare.encode("gb18030"), "rare.txt")
    assert decoded.text == rare and any("weak guess" in w for w in decoded.warnings)


@pytest.mark.parametrize("encoding, label", [("gbk", "GB18030/GBK"), ("big5", "Big5")])
def test_a_few_bad_bytes_in_a_legacy_encoding_are_replaced_with_a_warning(encoding, label):
    # before: the whole GBK/Big5 file was refused, while damaged UTF-8 was read
    text = ARTICLE * 3 if encoding == "gbk" else "香港特別行政區政府今日公佈施政報告，市民反應熱烈。" * 3
    data = text.encode(encoding)
    cut = len(ARTICLE.encode(encoding)) if encoding == "gbk" else 20
    damaged = data[:cut] + b"\xff" + data[cut:]
    decoded = decode(damaged, "old.txt")
    assert decoded.text.replace("\ufffd", "") == text and decoded.text.count("\ufffd") == 1
    assert decoded.warnings == (f"1 byte that is not {label} (the first at offset {cut}) replaced by \ufffd; "
                                "the rest is read",)


def test_utf16_with_a_trailing_odd_byte_is_read_with_a_warning():
    # before: "not valid UTF-8 ... and not GB18030/GBK, Big5 or UTF-16 either"
    for data in [("计生\n" + ARTICLE).encode("utf-16") + b"\x01", ("计生\n" + ARTICLE).encode("utf-16-le") + b"\x01"]:
        decoded = decode(data, "cut.txt")
        assert decoded.text.lstrip("\ufeff") == "计生\n" + ARTICLE
        assert any("trailing byte" in w for w in decoded.warnings)


# -- binary by content (issue 12 item 1, issue 15 item 7) ----------------------------------------------------

@pytest.mark.parametrize("start", ["GIF89a", "%PDF", "RIFF"])
def test_an_article_starting_with_magic_bytes_as_words_is_text(tmp_path, start):
    # before: skipped as "a GIF image", "a PDF document"... with exit status 0
    (tmp_path / "a.txt").write_text(f"{start} 是文件格式的名字。{ARTICLE}", encoding="utf-8")
    corpus = read_corpus([tmp_path])
    assert [d.text for d in corpus] == [f"{start} 是文件格式的名字。{ARTICLE}"] and not corpus.failures


def test_nul_bytes_in_a_text_are_dropped_with_one_warning(tmp_path, caplog):
    # before: a text padded with NULs, or with one NUL, was skipped as "binary"
    (tmp_path / "padded.txt").write_bytes(ARTICLE.encode() + b"\x00" * 4096)
    (tmp_path / "one.txt").write_bytes(ARTICLE[:20].encode() + b"\x00" + ARTICLE[20:].encode())
    with caplog.at_level(logging.WARNING, logger="tiyao"):
        corpus = read_corpus([tmp_path])
    assert [d.text for d in corpus] == [ARTICLE, ARTICLE]
    assert "padded.txt: 4096 NUL bytes dropped" in caplog.text and "one.txt: 1 NUL byte dropped" in caplog.text


def test_real_binaries_are_still_skipped_by_name(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(_png())
    (tmp_path / "noise.txt").write_bytes(os.urandom(4096))
    corpus = read_corpus([tmp_path])
    assert [(f.id, f.error.split(", not text")[0].rsplit(" is ", 1)[1]) for f in corpus.failures] == [
        ("noise.txt", "a binary file"), ("photo.png", "a PNG image")]


# -- bad records (issue 15 items 1 and 4, "messages name the real field") --------------------------------------

def test_records_the_json_decoder_rejects_are_named_and_the_rest_is_read(tmp_path):
    # before: ValueError (4,300-digit limit) or RecursionError: a traceback and nothing at all
    lines = [json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False),
             '{"id": "big", "n": ' + "9" * 5000 + ', "text": "x"}',
             "[" * 200_000 + "]" * 200_000,
             json.dumps({"id": "b", "text": SIMPLIFIED}, ensure_ascii=False)]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "b.json").write_text('[{"text": "正文。", "n": ' + "1" * 5000 + '}, {"id": "j", "text": "另一篇正文。"}]',
                                     encoding="utf-8")
    (tmp_path / "bb.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    (tmp_path / "c.md").write_text(ARTICLE, encoding="utf-8")
    corpus = read_corpus([tmp_path])
    assert [d.id for d in corpus] == ["a", "b", "j", "c.md"]
    errors = [(f.id, f.error) for f in corpus.failures]
    assert errors[0][0] == "a.jsonl:2" and "number too long" in errors[0][1]
    assert errors[1][0] == "a.jsonl:3" and "nested too deeply" in errors[1][1]
    assert errors[2][0] == "b.json:1" and "record 1: a JSON number too long" in errors[2][1]
    assert errors[3][0] == "bb.json" and "nested too deeply" in errors[3][1]


def test_a_null_text_is_named_as_null(tmp_path):
    # before: 'record has no 'text' field (fields: id, text, title)'
    (tmp_path / "a.jsonl").write_text('{"id": "n", "title": "空", "text": null}\n'
                                      f'{{"id": "ok", "text": "{ARTICLE}"}}\n', encoding="utf-8")
    failure = read_corpus([tmp_path / "a.jsonl"]).failures[0]
    assert failure.error.endswith('line 1: "text" is null; give the record a text or remove it')


def test_a_runaway_quoted_csv_field_is_warned_naming_its_line(tmp_path, caplog):
    # before: the records after an unclosed quote were swallowed into one text without a word
    (tmp_path / "a.csv").write_text(
        "id,title,text\n"
        "1,标题一,\"正文一开始，引号没有关上。\n"
        "2,标题二,正文二。\n"
        "3,标题三,正文三。\n"
        "4,标题四,\"正文四。\"\n"
        "5,标题五,正文五。\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="tiyao"):
        corpus = read_corpus([tmp_path / "a.csv"])
    assert [d.id for d in corpus] == ["1", "5"]
    assert "a.csv, line 2: a quoted field opened on this line runs on over 3 lines" in caplog.text


def test_quoted_newlines_in_a_csv_text_are_not_a_runaway(tmp_path, caplog):
    (tmp_path / "a.csv").write_text('id,title,text\n1,标题,"第一段。\n第二段，有逗号。\n第三段。"\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="tiyao"):
        assert [d.id for d in read_corpus([tmp_path / "a.csv"])] == ["1"]
    assert "runs on" not in caplog.text


# -- folders: links, non-regular files, tiyao's own reports (issue 15 items 3, 6, 9) -----------------------------

def test_symlinked_subfolders_are_followed_and_a_loop_is_named(tmp_path):
    # before: a linked subfolder was skipped without a word
    root, elsewhere = tmp_path / "root", tmp_path / "elsewhere"
    root.mkdir(), elsewhere.mkdir()
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (elsewhere / "b.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (root / "linked").symlink_to(elsewhere, target_is_directory=True)
    (elsewhere / "back").symlink_to(root, target_is_directory=True)
    corpus = read_corpus([root])
    assert [d.id for d in corpus] == ["a.txt", "linked/b.txt"]
    assert [f.id for f in corpus.failures] == ["linked/back"]
    assert "already read" in corpus.failures[0].error and "link" in corpus.failures[0].error


def test_a_symlink_loop_named_on_its_own_says_so(tmp_path):
    # before: "no such file or folder"
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    with pytest.raises(InputError, match="symbolic link loop"):
        read_corpus([tmp_path / "loop"])
    (tmp_path / "broken").symlink_to(tmp_path / "gone.txt")
    with pytest.raises(InputError, match="broken symbolic link"):
        read_corpus([tmp_path / "broken"])


def test_a_fifo_in_a_folder_is_named_and_skipped_not_waited_for(tmp_path):
    # before: the run hung on the FIFO forever
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe")
    corpus = read_corpus([tmp_path])
    assert [d.id for d in corpus] == ["a.txt"]
    assert [f.id for f in corpus.failures] == ["pipe"] and "FIFO" in corpus.failures[0].error


def test_a_fifo_named_alone_that_never_opens_times_out(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    started = time.monotonic()
    with pytest.raises(InputError, match="nothing was written to this FIFO within 0.5 seconds"):
        CorpusReader([tmp_path / "pipe"], fifo_timeout=0.5)
    assert time.monotonic() - started < 10


def test_tiyao_reports_in_the_folder_are_not_read_back(tmp_path, caplog):
    # before: a report written into the input folder was read as articles (or as broken records) on the next run
    from tiyao.pipeline import run
    from tiyao.report_html import render_html

    (tmp_path / "a.md").write_text("\n\n".join(seed_articles()[:3]), encoding="utf-8")
    report = run([tmp_path], QUICK)
    (tmp_path / "out.json").write_text(report.to_json(), encoding="utf-8")
    (tmp_path / "out.jsonl").write_text(report.to_jsonl(), encoding="utf-8")
    (tmp_path / "out.md").write_text(report.to_markdown(), encoding="utf-8")
    (tmp_path / "out.html").write_text(render_html(report), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="tiyao"):
        corpus = read_corpus([tmp_path], )
    assert [d.id for d in corpus] == [r.id for r in report.documents] and not corpus.failures
    for name in ("out.json", "out.jsonl", "out.md", "out.html"):
        assert f"{tmp_path / name}: it is a" in caplog.text and "report written by tiyao" in caplog.text


def test_a_markdown_report_of_one_article_is_not_read_back(tmp_path):
    from tiyao.pipeline import run

    (tmp_path / "a.md").write_text(seed_articles()[1], encoding="utf-8")
    report = run([tmp_path], QUICK)
    assert report.to_markdown().startswith("# 提要 · 1 篇文章 article ")
    (tmp_path / "out.md").write_text(report.to_markdown(), encoding="utf-8")
    corpus = read_corpus([tmp_path])
    assert [d.id for d in corpus] == [r.id for r in report.documents]


# -- unbounded reads (issue 15 item 9) ------------------------------------------------------------------------

@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_devices_are_refused_at_once(device):
    # before: read until MemoryError (2.7 GB)
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    with pytest.raises(InputError, match="NUL bytes|binary file"):
        CorpusReader([device])


def test_a_huge_sparse_file_is_refused_by_its_size_without_loading_it(tmp_path):
    # before: the 3 GB were loaded (3.1 GB of memory, four times in `run`) to learn that it is binary
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with open(tmp_path / "sparse.txt", "wb") as handle:
        handle.truncate(3 * 1024 ** 3)
    corpus = read_corpus([tmp_path])
    assert [d.id for d in corpus] == ["a.txt"]
    assert corpus.failures[0].id == "sparse.txt" and "too large: 3,221,225,472 bytes" in corpus.failures[0].error


def test_a_sparse_file_under_the_cap_is_refused_after_its_first_block(tmp_path):
    with open(tmp_path / "holes.txt", "wb") as handle:
        handle.truncate(200 * 1024 ** 2)
    with pytest.raises(InputError, match="all NUL bytes"):
        read_corpus([tmp_path / "holes.txt"])


# -- streams read once; files changed between passes (issue 15 item 5) ---------------------------------------

def _feed_fifo(path: Path, data: bytes, delay: float = 0.2) -> threading.Thread:
    def write() -> None:
        time.sleep(delay)
        with open(path, "wb") as handle:
            handle.write(data)

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


def test_a_fifo_is_read_once_for_both_passes_of_a_streamed_run(tmp_path):
    # before: `tiyao run <(cat f.md) -f jsonl` wrote 0 lines with exit status 0 (the second pass read nothing)
    fifo = tmp_path / "in.md"
    os.mkfifo(fifo)
    _feed_fifo(fifo, SEED_FILE.read_bytes())
    fit, results = stream([fifo], QUICK)
    results = list(results)
    assert len(results) == 8 and all(r.error is None and r.keywords for r in results)


def test_a_streamed_corpus_is_read_once_and_a_file_changed_after_is_not_read_again(tmp_path, monkeypatch):
    import tiyao.corpus

    read: list[str] = []
    read_regular = tiyao.corpus.read_regular
    monkeypatch.setattr(tiyao.corpus, "read_regular", lambda path: read.append(path.name) or read_regular(path))
    for name, article in zip("abc", seed_articles()[:3]):
        (tmp_path / f"{name}.md").write_text(article, encoding="utf-8")
    fit, results = stream([tmp_path], QUICK, progress=lambda stage, done, total: None)  # (a counting pass too)
    (tmp_path / "b.md").write_text(seed_articles()[4], encoding="utf-8")
    (tmp_path / "c.md").unlink()
    results = list(results)
    # before: each file was read on every pass (5 times with a progress bar): 0.2 s of CPU per 1M characters each
    assert sorted(read) == ["a.md", "b.md", "c.md"]
    assert all(r.error is None and r.keywords for r in results)
    assert results[1].document.text.startswith(seed_articles()[1].split("\n", 1)[1].strip()[:20])  # as first read


def test_a_file_changed_between_the_passes_of_a_corpus_too_large_to_log_is_reported(tmp_path, monkeypatch):
    # before: the changed file's articles were silently mismatched (or lost), a deleted one made the run exit 2
    import tiyao.pipeline

    monkeypatch.setattr(tiyao.pipeline, "CACHE_MAX_CHARS", 0)
    monkeypatch.setattr(tiyao.pipeline, "KEPT_ON_DISK_MAX_CHARS", 0)  # nothing logged: each pass reads the files
    for name, article in zip("abc", seed_articles()[:3]):
        (tmp_path / f"{name}.md").write_text(article, encoding="utf-8")
    fit, results = stream([tmp_path], QUICK)
    (tmp_path / "b.md").write_text(seed_articles()[4], encoding="utf-8")
    (tmp_path / "c.md").unlink()
    by_id = {r.id: r for r in results}
    assert by_id["a.md"].error is None and by_id["a.md"].keywords
    assert "b.md: changed while tiyao was reading the corpus" in by_id["b.md"].error
    assert "c.md: deleted while tiyao was reading the corpus" in by_id["c.md"].error


def test_each_warning_is_said_once_whatever_the_passes(tmp_path, caplog):
    # before: every pass over the files said it again (10,000 empty files gave 50,000 lines)
    (tmp_path / "a.md").write_bytes("\n\n".join(seed_articles()[:2]).encode() + b"\xff" + ARTICLE.encode() * 3)
    with caplog.at_level(logging.WARNING, logger="tiyao"):
        fit, results = stream([tmp_path], PipelineConfig(steps=("keywords", "summary", "themes"), themes=2))
        list(results)
    assert caplog.text.count("1 byte that is not UTF-8") == 1


def test_a_file_pasted_together_from_utf8_and_gbk_lines_is_read_line_by_line():
    # before: refused ("not valid UTF-8 ... and not GB18030/GBK"), as one file of fudan-train-140 was
    utf8_part = "宇航学报\n1999年 第20卷 第3期\n摘要　本文提出了一种匹配算法。"
    gbk_part = "　　4　实验结果\n　　为了证明本文算法的正确性，进行了大量的实验。"
    decoded = decode(utf8_part.encode("utf-8") + b"\n" + gbk_part.encode("gbk"), "paper.txt")
    assert decoded.text == utf8_part + "\n" + gbk_part
    assert decoded.warnings == ("mixed encodings: 3 lines in UTF-8 and 2 in GB18030/GBK, each read in its own",)


def test_gbk_characters_pasted_into_a_utf8_text_are_read_as_such():
    # before: each became two U+FFFD (fudan-train-140 has five such files: "３．１", "力"...); only common
    # characters are taken, so a rare one (or GBK bytes that happen to be UTF-8) cannot be restored
    text = ARTICLE * 5
    data = text.encode("utf-8") + "人力３．１".encode("gbk") + text.encode("utf-8")
    decoded = decode(data, "pasted.txt")
    assert decoded.text == text + "人力３．１" + text
    assert "5 characters in GB18030/GBK pasted into the UTF-8 text" in decoded.warnings[0]
    stray = ARTICLE.encode("utf-8") * 2 + b"\xc3" + ARTICLE.encode("utf-8")  # a lone stray byte stays a stray byte
    assert decode(stray, "stray.txt").text == ARTICLE * 2 + "\ufffd" + ARTICLE
