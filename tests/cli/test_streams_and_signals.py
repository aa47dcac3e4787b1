"""The console script in a real process (issue 15 items 11 and 13): closed or odd standard streams, SIGTERM and
Ctrl-C at any moment, with and without worker processes: one line, rc 2/130/143, no traceback, no worker left
behind, no temporary file, the old ``-o`` file kept."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..conftest import SEEDS

TIYAO = shutil.which("tiyao") or str(Path(sys.executable).with_name("tiyao"))


def _shell(command: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env})


def _no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr


@pytest.mark.parametrize("command", ["corpus -", "run - -q"])
def test_a_closed_stdin_is_an_error(command):
    result = _shell(f"'{TIYAO}' {command} <&-")
    assert result.returncode == 2
    _no_traceback(result.stderr)
    assert result.stderr.startswith("Error: standard input is closed")


@pytest.mark.parametrize("fmt", ["table", "jsonl", "json"])
def test_a_closed_stdout_is_an_error_not_rc_0_with_nothing_written(fmt):
    result = _shell(f"'{TIYAO}' corpus '{SEEDS}' -f {fmt} >&-")
    assert result.returncode == 2
    _no_traceback(result.stderr)
    assert result.stderr.startswith("Error: standard output is closed")


def test_a_closed_stderr_does_not_stop_the_run():
    result = _shell(f"'{TIYAO}' corpus '{SEEDS}' -f jsonl 2>&-")
    assert result.returncode == 0 and len(result.stdout.splitlines()) == 8


@pytest.mark.parametrize("command", ["corpus", "run -q"])
def test_an_ascii_stdout_gets_escaped_output(command):
    result = _shell(f"'{TIYAO}' {command} '{SEEDS}'", PYTHONIOENCODING="ascii")
    assert result.returncode == 0, result.stderr
    _no_traceback(result.stderr)
    result.stdout.encode("ascii")  # nothing the terminal cannot show
    assert "\\u897f\\u96c6\\u9547" in result.stdout  # 西集镇, escaped


def _corpus(folder: Path, copies: int) -> Path:
    """A JSONL corpus of the seed articles repeated (850 copies: over 5,000,000 characters, two worker processes are
    used)."""
    records = [json.loads(line) for line in subprocess.run(
        [TIYAO, "corpus", str(SEEDS), "-f", "jsonl"], capture_output=True, text=True, check=True).stdout.splitlines()]
    from tiyao.corpus import read_corpus

    texts = {d.id: d.text for d in read_corpus([SEEDS]).documents}
    path = folder / "big.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for copy in range(copies):
            for record in records:
                handle.write(json.dumps({"id": f"{record['id']}-{copy}", "title": record["title"],
                                         "text": texts[record["id"]]}, ensure_ascii=False) + "\n")
    return path


def _children(pid: int) -> set[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return {int(p) for p in found}


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        if "State:\tZ" not in status:
            alive.add(pid)
    return alive


def _interrupt(args: list[str], sig: signal.Signals, *, after: float = 0.0, workers: int = 0,
               whole_group: bool = True, temp: Path | None = None) -> tuple[int, str, set[int]]:
    """Start tiyao (with its temporary files in ``temp``), wait ``after`` seconds (or until it has ``workers``
    child processes), send ``sig`` (to the process group, as a terminal's Ctrl-C does, or to tiyao alone, as
    ``kill`` does); return rc, stderr and the children still alive 10 s later."""
    env = None if temp is None else {**os.environ, "TMPDIR": str(temp)}
    process = subprocess.Popen([TIYAO, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, env=env)
    children: set[int] = set()
    deadline = time.monotonic() + 120
    time.sleep(after)
    while workers and len(children) < workers and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        children = _children(process.pid)
    time.sleep(1 if workers else 0)
    children |= _children(process.pid)
    assert process.poll() is None, "the run ended before the signal"
    if whole_group:
        os.killpg(process.pid, sig)
    else:
        process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    end = time.monotonic() + 10
    while _alive(children) and time.monotonic() < end:
        time.sleep(0.2)
    return process.returncode, stderr, _alive(children)


@pytest.mark.slow
@pytest.mark.parametrize("sig, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_with_workers_stops_them_keeps_the_old_output_and_says_one_line(tmp_path, sig, code):
    big = _corpus(tmp_path, 850)
    out = tmp_path / "out.jsonl"
    out.write_text("old\n", encoding="utf-8")
    temp = tmp_path / "temp"
    temp.mkdir()
    rc, stderr, alive = _interrupt(["run", str(big), "-q", "-f", "jsonl", "--jobs", "2", "-o", str(out)], sig,
                                   workers=2, whole_group=sig is signal.SIGINT, temp=temp)
    assert rc == code, stderr
    _no_traceback(stderr)
    assert len(stderr.strip().splitlines()) == 1 and stderr.startswith("Error: ")
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.jsonl", "out.jsonl", "temp"]  # no temporary file
    assert list(temp.iterdir()) == []  # (nor the workers' folder)
    assert not alive, f"workers left running: {alive}"


@pytest.mark.slow
def test_a_signal_to_a_run_with_a_worker_beside_it_stops_the_worker_too(tmp_path):
    big = _corpus(tmp_path, 40)  # 250,000 characters: too few for a pool, enough for the themes' worker beside
    rc, stderr, alive = _interrupt(["run", str(big), "-q", "-f", "jsonl", "--jobs", "2"], signal.SIGTERM,
                                   workers=1, whole_group=False)
    assert rc == 143, stderr
    _no_traceback(stderr)
    assert len(stderr.strip().splitlines()) == 1 and stderr.startswith("Error: ")
    assert not alive, f"worker left running: {alive}"


def _import_tiyao_is_heavy() -> bool:
    """Whether ``import tiyao`` imports jieba: the console script can only catch Ctrl-C once ``tiyao`` is imported
    (the console script, ``tiyao.cli:main``, installs the handlers first thing), so the package itself must import fast."""
    probe = "import sys, tiyao; print('jieba' in sys.modules)"
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.strip() == "True"


@pytest.mark.slow
@pytest.mark.parametrize("after", [
    pytest.param(0.3, marks=pytest.mark.xfail(_import_tiyao_is_heavy(), reason="import tiyao imports jieba "
                                              "(made lazy by issue 14's start-up work), before any handler")),
    1.0, 2.5])
def test_ctrl_c_at_any_moment_of_the_start_is_one_line_rc_130(tmp_path, after):
    # a corpus long enough to be still running at the last moment tried, on a fast machine too; one process (the
    # interruption of a run with workers is the test above)
    big = _corpus(tmp_path, 850)
    rc, stderr, _ = _interrupt(["run", str(big), "-q", "-f", "json", "--jobs", "1"], signal.SIGINT, after=after)
    assert rc == 130, stderr
    _no_traceback(stderr)
    assert len(stderr.strip().splitlines()) == 1 and stderr.startswith("Error: interrupted")


@pytest.mark.slow
def test_ctrl_c_stops_a_dask_run(tmp_path):
    pytest.importorskip("dask.distributed")
    rc, stderr, alive = _interrupt(["run", str(SEEDS), "-q", "-f", "json", "--engine", "dask", "--jobs", "2"],
                                   signal.SIGINT, workers=2)
    assert rc == 130, stderr
    _no_traceback(stderr)
    assert stderr.startswith("Error: interrupted")
    assert not alive, f"Dask workers left running: {alive}"


def _on_terminal(args: list[str], **env: str) -> bytes:
    """What tiyao writes to a (pseudo-)terminal."""
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # the child: tiyao with the terminal as stdout (stderr, where progress goes, elsewhere)
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
        os.environ.update(env)
        os.execv(TIYAO, [TIYAO, *args])
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    return out


def test_an_ascii_terminal_gets_escaped_valid_json_and_a_utf8_one_gets_chinese():
    ascii_out = _on_terminal(["corpus", str(SEEDS), "-f", "jsonl"], PYTHONIOENCODING="ascii")
    records = [json.loads(line) for line in ascii_out.decode("ascii").splitlines()]
    assert records[0]["title"] == "西集镇全面推动计划生育工作再上新台阶"
    utf8_out = _on_terminal(["corpus", str(SEEDS), "-f", "jsonl"], PYTHONIOENCODING="utf-8")
    assert "西集镇全面推动".encode() in utf8_out


def test_an_ascii_terminal_gets_valid_json_for_latin_letters_and_characters_beyond_the_bmp(tmp_path):
    # backslashreplace wrote \xe9 and \U0001f600, which JSON does not have: JSON's own escapes instead
    article = tmp_path / "a.md"
    article.write_text("# Café 咖啡馆开业 😀\n\n西集镇的咖啡馆今天开业，镇上的年轻人排起长队。\n", encoding="utf-8")
    for fmt in ("jsonl", "json"):
        out = _on_terminal(["corpus", str(article), "-f", fmt], PYTHONIOENCODING="ascii").decode("ascii")
        records = [json.loads(line) for line in out.splitlines()] if fmt == "jsonl" else json.loads(out)
        assert records[0]["title"] == "Café 咖啡馆开业 😀", out
