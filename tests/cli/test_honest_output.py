"""What the command line writes and how it fails (issue 15 items 2, 3, 12, 14 and the exit codes; issue 14 items 3
and 6): non-UTF-8 file names and control characters, ``-o`` over an input, over a symlink, a device, a FIFO or a
socket, the mode of the file written, the format from the extension, the CSV BOM, option values that used to
crash, one-line errors and their exit codes, and help text that Rich must not eat."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import socket
import stat
import threading
from pathlib import Path

import pytest

from tiyao.cli.main import app
from tiyao.engine import check_scheduler
from tiyao.errors import ConfigError

from ..conftest import SEED_TITLES, SEEDS

GBK_NAME = b"gbk_\xce\xc4\xd5\xc2.txt"  # 文章 in GBK: not UTF-8
LATIN_NAME = b"latin_\xe9.txt"
ARTICLE = "西集镇小额贷款引领计生户致富\n\n西集镇农村信用联社为计生户发放小额贷款，帮助育龄妇女创业致富。全镇已有二十户受益。\n"


@pytest.fixture()
def odd_names(tmp_path: Path) -> Path:
    folder = tmp_path / "odd"
    folder.mkdir()
    for name in (GBK_NAME, LATIN_NAME):
        with open(os.path.join(os.fsencode(folder), name), "w", encoding="utf-8") as handle:
            handle.write(ARTICLE)
    return folder


def _one_line_error(result, *needles: str) -> None:
    assert "Traceback" not in result.stderr and "╭" not in result.stderr, result.stderr
    assert result.stderr.startswith("Error: "), result.stderr
    for needle in needles:
        assert needle in result.stderr, result.stderr


# -- item 2: names that are not UTF-8, control characters ---------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "md", "html", "table"])
def test_non_utf8_file_names_are_written_escaped_in_every_run_format(runner, odd_names, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    for output in ([], ["-o", str(out)]):
        result = runner.invoke(app, ["run", str(odd_names), "-q", "-f", fmt, *output])
        assert result.exit_code == 0, result.stderr
        text = out.read_text(encoding="utf-8-sig") if output else result.stdout
        if fmt in ("json", "jsonl"):
            records = json.loads(text)["documents"] if fmt == "json" else [json.loads(x) for x in text.splitlines()]
            assert sorted(r["id"] for r in records) == ["gbk_\\xce\\xc4\\xd5\\xc2.txt", "latin_\\xe9.txt"]
        elif fmt == "html":
            assert "gbk_\\xce\\xc4\\xd5\\xc2.txt" in text
        else:  # csv, md, table: the names (or their articles' titles) with the bytes escaped
            assert "\\xce\\xc4\\xd5\\xc2" in text or fmt == "table" and "小额贷款" in text


@pytest.mark.parametrize("command", ["corpus", "segment", "summarize", "keywords", "cluster"])
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "table"])
def test_non_utf8_file_names_never_crash_the_other_commands(runner, odd_names, command, fmt):
    result = runner.invoke(app, [command, str(odd_names), "-f", fmt])
    assert result.exit_code == 0, result.stderr
    assert "\\xe9" in result.stdout or (command, fmt) == ("cluster", "table")  # that table shows titles only
    if fmt in ("json", "jsonl"):  # valid JSON, and the name decodes to the escaped text
        text = result.stdout
        records = json.loads(text) if fmt == "json" else [json.loads(x) for x in text.splitlines()]
        records = records["documents"] if isinstance(records, dict) else records
        assert "latin_\\xe9.txt" in {r["id"] for r in records}


def test_control_characters_in_names_and_titles_are_escaped_on_the_terminal(runner, tmp_path):
    folder = tmp_path / "ctl"
    folder.mkdir()
    (folder / "bell\x07.txt").write_text("\x1b[31m红色标题\x1b[0m\n\n" + ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["corpus", str(folder)])
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b[31m" in result.stdout and "bell\\x07.txt" in result.stdout
    report = runner.invoke(app, ["run", str(folder), "-q"])
    assert report.exit_code == 0 and "\x1b" not in report.stdout and "\\x1b[31m" in report.stdout


def test_a_warning_naming_a_file_is_escaped(runner, tmp_path):
    folder = tmp_path / "w"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"empty_\xff\x1b.txt"), "w"):
        pass
    result = runner.invoke(app, ["corpus", str(folder)])
    assert "empty_\\xff\\x1b.txt" in result.stderr and "\x1b" not in result.stderr


# -- item 3: -o naming an input -----------------------------------------------------------------------------

def test_output_over_an_input_file_is_refused_also_through_links(runner, tmp_path):
    article = tmp_path / "in.md"
    article.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to(article)
    os.link(article, tmp_path / "hard.jsonl")
    for target in (article, tmp_path / "link.jsonl", tmp_path / "hard.jsonl"):
        result = runner.invoke(app, ["run", str(article), "-q", "-f", "jsonl", "-o", str(target)])
        assert result.exit_code == 2
        _one_line_error(result, "would overwrite an input")
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_output_over_an_article_inside_an_input_folder_is_refused(runner, tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["corpus", str(tmp_path), "-f", "json", "-o", str(tmp_path / "a.md")])
    assert result.exit_code == 2 and (tmp_path / "a.md").read_text(encoding="utf-8") == ARTICLE
    _one_line_error(result, "would overwrite an input")


@pytest.mark.parametrize("name", ["report.md", "report.json", "report.csv", "report.html"])
def test_a_report_inside_the_input_folder_may_be_written_again(runner, tmp_path, name):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_text(ARTICLE.replace("西集镇", "东集镇"), encoding="utf-8")
    for _ in range(2):  # the second run replaces tiyao's own report, which the reader skips: not an input
        result = runner.invoke(app, ["run", str(tmp_path), "-q", "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.stderr


# -- item 14 and issue 14 item 3: honest files --------------------------------------------------------------

def test_a_new_file_gets_the_umask_mode_and_a_replaced_file_keeps_its_mode(runner, tmp_path):
    out = tmp_path / "corpus.json"
    old = os.umask(0o022)
    try:
        assert runner.invoke(app, ["corpus", str(SEEDS), "-o", str(out)]).exit_code == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o644
        out.chmod(0o640)
        assert runner.invoke(app, ["corpus", str(SEEDS), "-o", str(out)]).exit_code == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o640
        os.umask(0o077)
        fresh = tmp_path / "private.json"
        assert runner.invoke(app, ["corpus", str(SEEDS), "-o", str(fresh)]).exit_code == 0
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    finally:
        os.umask(old)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_output_through_a_symlink_replaces_the_target_and_keeps_the_link(runner, tmp_path):
    target = tmp_path / "real.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o604)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert runner.invoke(app, ["corpus", str(SEEDS), "-o", str(link)]).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert [r["title"] for r in json.loads(target.read_text(encoding="utf-8"))] == list(SEED_TITLES)
    assert stat.S_IMODE(target.stat().st_mode) == 0o604


def test_devices_are_written_directly_and_fifos_without_reader_sockets_and_folders_refused(runner, tmp_path):
    assert runner.invoke(app, ["corpus", str(SEEDS), "-f", "json", "-o", os.devnull]).exit_code == 0
    assert os.path.exists(os.devnull) and stat.S_ISCHR(os.stat(os.devnull).st_mode)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["corpus", str(SEEDS), "-o", str(fifo)])
    assert result.exit_code == 2 and stat.S_ISFIFO(fifo.stat().st_mode)
    _one_line_error(result, "FIFO with no reader")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "sock"))
        result = runner.invoke(app, ["corpus", str(SEEDS), "-o", str(tmp_path / "sock")])
    assert result.exit_code == 2
    _one_line_error(result, "it is a socket")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_full_disk_is_named_as_such(runner):
    result = runner.invoke(app, ["corpus", str(SEEDS), "-f", "json", "-o", "/dev/full"])
    assert result.exit_code == 2
    _one_line_error(result, "disk full")


def test_idf_build_words_export_and_fit_leave_a_users_tmp_file_alone(runner, tmp_path):
    for name, args in (("idf.tsv", ["idf", "build", str(SEEDS), "-o"]),
                       ("words.txt", ["words", str(SEEDS), "-f", "json", "--export"]),
                       ("m.tiyao", ["fit", str(SEEDS), "-q", "-o"])):
        mine = tmp_path / (f".{name}.tmp" if name == "m.tiyao" else f"{name}.tmp")
        mine.write_text("the user's own file", encoding="utf-8")
        result = runner.invoke(app, [*args, str(tmp_path / name)])
        assert result.exit_code == 0, result.stderr
        assert mine.read_text(encoding="utf-8") == "the user's own file"
        assert (tmp_path / name).stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".m.tiyao.tmp", "idf.tsv", "idf.tsv.tmp", "m.tiyao",
                                                          "words.txt", "words.txt.tmp"]


@pytest.mark.parametrize("suffix, check", [
    (".json", lambda text: json.loads(text)["documents"]),
    (".jsonl", lambda text: [json.loads(line) for line in text.splitlines()]),
    (".csv", lambda text: next(csv.reader(io.StringIO(text.lstrip("\ufeff"))))[:2] == ["id", "title"]),
    (".md", lambda text: text.startswith("#")),
    (".html", lambda text: text.lstrip().lower().startswith("<!doctype html")),
    (".txt", lambda text: "主题" in text and "┃" not in text[:0]),
])
def test_the_format_comes_from_the_output_extension(runner, tmp_path, suffix, check):
    out = tmp_path / f"report{suffix}"
    result = runner.invoke(app, ["run", str(SEEDS), "-q", "-o", str(out)])
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    assert check(out.read_text(encoding="utf-8"))


def test_a_format_contradicting_the_extension_is_written_with_a_warning(runner, tmp_path):
    out = tmp_path / "report.csv"
    result = runner.invoke(app, ["corpus", str(SEEDS), "-f", "json", "-o", str(out)])
    assert result.exit_code == 0
    assert "Warning: --format json contradicts the extension" in result.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 8


@pytest.mark.parametrize("command", [["run", "-q"], ["corpus"], ["keywords"]])
def test_csv_files_start_with_a_bom_unless_no_bom_and_stdout_never(runner, tmp_path, command):
    out = tmp_path / "x.csv"
    assert runner.invoke(app, [*command, str(SEEDS), "-o", str(out)]).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfid,")
    assert runner.invoke(app, [*command, str(SEEDS), "-o", str(out), "--no-bom"]).exit_code == 0
    assert out.read_bytes().startswith(b"id,")
    stdout = runner.invoke(app, [*command, str(SEEDS), "-f", "csv"]).stdout_bytes
    assert stdout.startswith(b"id,")


def test_piped_tables_have_no_trailing_padding(runner):
    for args in (["corpus", str(SEEDS)], ["run", str(SEEDS), "-q"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0
        lines = result.stdout.splitlines()
        assert len(lines) > 8 and all(line == line.rstrip() for line in lines)


# -- exit codes and messages --------------------------------------------------------------------------------

def _all_failing(tmp_path: Path) -> Path:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": 5}\n{"id": "b"}\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["run", "-q", "-f", "jsonl"], ["run", "-q", "-f", "json"],
                                     ["run", "-q", "-f", "csv"], ["corpus", "-f", "json"],
                                     ["keywords", "-f", "json"], ["summarize", "-f", "json"]])
def test_nothing_usable_exits_2_and_keeps_the_old_output(runner, tmp_path, command):
    out = tmp_path / "out.txt"
    out.write_text("old", encoding="utf-8")
    result = runner.invoke(app, [*command, str(_all_failing(tmp_path)), "-o", str(out)])
    assert result.exit_code == 2, result.stderr
    assert out.read_text(encoding="utf-8") == "old"
    assert re.search(r"^Error: no (usable article|articles found)", result.stderr, re.M), result.stderr
    assert "Traceback" not in result.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("command", [["run", "-q"], ["segment"], ["summarize"], ["keywords"], ["words"],
                                     ["cluster"], ["idf", "build"]])
def test_only_wordless_articles_exit_2_in_every_command_and_are_named_beside_others(runner, tmp_path, command):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "marks.txt").write_text("。。。！！！\n\n……\n", encoding="utf-8")
    (folder / "numbers.txt").write_text("2013 2014\n\n123，456。\n", encoding="utf-8")
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    result = runner.invoke(app, [*command, str(folder), "-o", str(out)])
    assert result.exit_code == 2, result.stderr
    assert out.read_text(encoding="utf-8") == "old"
    assert "no Chinese or English words" in result.stderr
    assert re.search(r"^Error: no (usable article|articles found)", result.stderr, re.M), result.stderr
    (folder / "good.md").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, [*command, str(folder), "-o", str(out)])
    assert result.exit_code == 1, result.stderr
    assert "marks.txt: no Chinese or English words to analyse" in result.stderr
    assert out.read_text(encoding="utf-8") != "old"


def test_an_unexpected_error_is_one_line_rc_70_and_debug_shows_the_traceback(runner, monkeypatch):
    import tiyao.cli.commands.corpus as corpus_command

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(corpus_command, "split_sentences", broken)
    result = runner.invoke(app, ["corpus", str(SEEDS)])
    assert result.exit_code == 70
    assert result.stderr.startswith("Error: unexpected RuntimeError: a bug") and "Traceback" not in result.stderr
    assert "--debug" in result.stderr
    for args in (["--debug", "corpus", str(SEEDS)], ["corpus", str(SEEDS), "--debug"]):
        debug = runner.invoke(app, args)
        assert debug.exit_code == 70 and "Traceback" in debug.stderr and "RuntimeError: a bug" in debug.stderr


def test_usage_errors_are_one_line_with_the_allowed_values(runner):
    result = runner.invoke(app, ["run", "--format", "xml"])
    assert result.exit_code == 2
    _one_line_error(result, "'table', 'json', 'jsonl', 'csv', 'md', 'html'")
    assert len(result.stderr.splitlines()) == 1


# -- item 12: options that crashed --------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["rot13", "base64", "hex", "zlib", "bz2", "idna"])
def test_encoding_accepts_text_encodings_only(runner, encoding):
    result = runner.invoke(app, ["corpus", str(SEEDS), "--encoding", encoding])
    assert result.exit_code == 2
    _one_line_error(result, f"'{encoding}' is not a text encoding", "gb18030", "utf-8")


@pytest.mark.parametrize("seed", ["-5", "4294967296"])
def test_seed_out_of_range_is_an_error(runner, seed):
    result = runner.invoke(app, ["cluster", str(SEEDS), "--seed", seed])
    assert result.exit_code == 2
    _one_line_error(result, "--seed")


@pytest.mark.parametrize("command", ["run", "fit"])  # the options of a fit are declared once for both
@pytest.mark.parametrize("address", ["nonsense", "http://127.0.0.1:8786", "tcp://127.0.0.1", "tcp://h:99999"])
def test_scheduler_must_be_tcp_host_port(runner, address, command, tmp_path):
    result = runner.invoke(app, [command, str(SEEDS), "--engine", "dask", "--scheduler", address,
                                 "-o", str(tmp_path / f"out.{'tiyao' if command == 'fit' else 'json'}")])
    assert result.exit_code == 2
    _one_line_error(result, "tcp://host:port")


def _serve(reply: bytes | None) -> tuple[socket.socket, str]:
    """A local TCP server that answers each connection with ``reply`` (HTTP-like) or says nothing."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)

    def answer() -> None:
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            if reply is not None:
                connection.sendall(reply)

    threading.Thread(target=answer, daemon=True).start()
    return server, f"tcp://127.0.0.1:{server.getsockname()[1]}"


def test_a_scheduler_address_answering_http_or_nothing_is_an_error_not_a_hang():
    http, address = _serve(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
    with http, pytest.raises(ConfigError, match="does not answer like a Dask scheduler"):
        check_scheduler(address, timeout=2)
    silent, address = _serve(None)
    with silent, pytest.raises(ConfigError, match="no Dask scheduler answered"):
        check_scheduler(address, timeout=0.5)
    with pytest.raises(ConfigError, match="cannot reach"):
        check_scheduler(address.rsplit(":", 1)[0] + ":1", timeout=0.5)


def test_the_run_reports_a_scheduler_that_does_not_answer(runner):
    http, address = _serve(b"HTTP/1.1 400 Bad Request\r\n\r\n")
    with http:
        result = runner.invoke(app, ["run", str(SEEDS), "-q", "--engine", "dask", "--scheduler", address])
    assert result.exit_code == 2
    _one_line_error(result, "does not answer like a Dask scheduler")


def test_jobs_above_the_cores_are_capped_with_a_note(runner):
    result = runner.invoke(app, ["run", str(SEEDS), "-q", "-f", "json", "--jobs", "4096"])
    assert result.exit_code == 0
    assert "Note: --jobs 4096 capped at" in result.stderr
    assert json.loads(result.stdout)["config"]["jobs"] <= os.cpu_count()


@pytest.mark.parametrize("command", [["run", "-q", "-f", "json", "--themes", "20"],
                                     ["cluster", "-f", "json", "--themes", "20"]])
def test_more_themes_than_the_articles_support_is_said(runner, command):
    result = runner.invoke(app, [*command, str(SEEDS)])
    assert result.exit_code == 0
    assert "Warning: --themes 20 asks for more themes than the 8 articles support" in result.stderr


# -- issue 14 item 6: help text ----------------------------------------------------------------------------

def _commands(group, path=()):
    for name, command in sorted(getattr(group, "commands", {}).items()):
        yield (*path, name), command
        yield from _commands(command, (*path, name))


def test_bracketed_help_text_is_shown_in_every_commands_help(runner):
    import typer.main

    root = typer.main.get_command(app)
    checked = 0
    for path, command in _commands(root):
        result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "300"})
        assert result.exit_code == 0
        shown = " ".join(result.stdout.split())
        for param in command.params:
            text = (param.help or "").replace("\\[", "[")
            if "[" in text:
                assert " ".join(text.split()) in shown, (path, text)
                checked += 1
    assert checked >= 5  # 'tiyao[dask]' and the user dictionary's (word [freq] [tag] per line), in each command
    run_help = " ".join(runner.invoke(app, ["run", "--help"], env={"COLUMNS": "300"}).stdout.split())
    for text in ("pip install 'tiyao[dask]'", "(word [freq] [tag] per line)"):
        assert text in run_help


@pytest.mark.parametrize("args, said", [
    (["run", "-q", "--top-k", "0"], "Error: --top-k must be an integer >= 1; got 0"),
    (["run", "-q", "--min-count", "0"], "Error: --min-count must be"),
    (["run", "-q", "-n", "2", "--ratio", "0.3"], "Error: give one summary budget, not --sentences and --ratio"),
    (["summarize", "--ratio", "3"], "Error: --ratio must be in (0, 1]"),
])
def test_messages_name_the_command_line_flag_not_the_library_parameter(runner, args, said):
    result = runner.invoke(app, [*args, str(SEEDS)])
    assert result.exit_code == 2
    assert result.stderr.startswith(said), result.stderr
