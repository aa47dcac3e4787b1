"""Engines and streaming: the same report in-process, in worker processes, on Dask, and streamed."""

import json

import os
import time
from concurrent.futures import BrokenExecutor
from functools import partial, wraps
from typing import Any

import pytest

from tiyao.config import PipelineConfig
from tiyao.engine import LocalEngine, ProcessEngine, make_engine
from tiyao.errors import ConfigError
from tiyao.pipeline import run, stream

from .conftest import SEEDS


@pytest.fixture(scope="module")
def local_jsonl():
    return run([SEEDS], PipelineConfig(jobs=1)).to_jsonl()


def _square(x: int) -> int:
    return x * x


def _add(a: int, b: int) -> int:
    return a + b


def test_engines_map_in_input_order_and_reduce():
    with LocalEngine() as engine:
        assert engine.map(_square, [3, 1, 2]) == [9, 1, 4]
        assert engine.map_reduce(_square, _add, [1, 2, 3], 0) == 14
    with ProcessEngine(2) as engine:
        assert engine.map(_square, list(range(40))) == [x * x for x in range(40)]


def test_work_that_cannot_be_pickled_fails_at_once():
    with ProcessEngine(2) as engine, pytest.raises(ConfigError, match="cannot be sent to worker processes"):
        engine.map(lambda x: x, list(range(10)))


def test_unknown_engine_is_refused():
    with pytest.raises(ConfigError, match="engine must be one of local, dask"):
        make_engine("spark", 2)


def test_streamed_results_equal_the_report(local_jsonl):
    fit, results = stream([SEEDS], PipelineConfig(jobs=1))
    from tiyao.report import document_record

    assert "".join(json.dumps(document_record(r), ensure_ascii=False) + "\n" for r in results) == local_jsonl
    assert len(fit.themes) >= 2 and fit.documents == 8


def test_stream_without_the_cache_segments_again_and_gives_the_same_output(local_jsonl, monkeypatch):
    import tiyao.pipeline as pipeline

    monkeypatch.setattr(pipeline, "CHUNK_SIZE", 3)  # several chunks in both passes
    assert run([SEEDS], PipelineConfig(jobs=1)).to_jsonl() == local_jsonl
    fit, results = stream([SEEDS], PipelineConfig(jobs=1))
    from tiyao.report import jsonl_line

    assert "".join(jsonl_line(r) for r in results) == local_jsonl


def test_dask_engine_on_a_local_cluster_gives_the_same_jsonl(local_jsonl):
    pytest.importorskip("dask.distributed")
    report = run([SEEDS], PipelineConfig(engine="dask", jobs=2))
    assert report.to_jsonl() == local_jsonl


def test_cli_dask_engine(runner, local_jsonl):
    pytest.importorskip("dask.distributed")
    from tiyao.cli.main import app

    result = runner.invoke(app, ["run", str(SEEDS), "--engine", "dask", "--jobs", "2", "-f", "jsonl", "-q"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == local_jsonl


def test_unreachable_scheduler_is_a_clear_error(runner, monkeypatch):
    pytest.importorskip("dask.distributed")
    import tiyao.engine
    from tiyao.cli.main import app

    monkeypatch.setattr(tiyao.engine, "DASK_CONNECT_TIMEOUT", "1s")
    result = runner.invoke(app, ["run", str(SEEDS), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9",
                                 "-f", "jsonl", "-q"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")


def test_a_worker_unpickles_the_work_of_a_map_once_not_per_chunk():
    import pickle

    from tiyao.engine import _run_chunk

    blob = pickle.dumps(_square)
    worker = os.getpid()
    assert _run_chunk("map-1", blob, [1, 2]) == (worker, [1, 4])
    # later parts of the same map use the work already unpickled: they come without it, or it is not read again
    assert _run_chunk("map-1", None, [3]) == (worker, [9])
    assert _run_chunk("map-1", b"not a pickle", [3]) == (worker, [9])
    assert _run_chunk("map-2", None, [3]) == (worker, None)  # a new map's work, not held: asked for
    with pytest.raises(pickle.UnpicklingError):
        _run_chunk("map-2", b"not a pickle", [3])  # a new map brings its own work


class _TwoWorkers:
    """A stand-in for a pool of two workers taking parts in turn, each holding the works it was sent (as
    tiyao.engine._run_chunk does), finished at once."""

    def __init__(self) -> None:
        self.held: list[dict[str, object]] = [{}, {}]
        self.sent: list[bool] = []  # for each part received: did the work come with it?
        self.turn = 0

    def submit(self, function, key, blob, part):
        import pickle
        from concurrent.futures import Future

        worker = self.turn % 2
        self.turn += 1
        self.sent.append(blob is not None)
        future: Future = Future()
        if key not in self.held[worker]:
            if blob is None:
                future.set_result((1000 + worker, None))
                return future
            self.held[worker] = {key: pickle.loads(blob)}
        future.set_result((1000 + worker, [self.held[worker][key](item) for item in part]))
        return future


def test_the_work_goes_with_the_parts_until_every_worker_holds_it_and_again_to_one_that_lost_it():
    import pickle

    from tiyao.engine import _Dealer

    pool = _TwoWorkers()
    dealer = _Dealer(pool, 2, "map-1", pickle.dumps(_square), _square, here=lambda: False, in_hand=1)
    slots = dealer.deal([[1], [2], [3], [4]])
    assert [dealer.result(slots, i) for i in range(4)] == [[1], [4], [9], [16]]
    assert pool.sent == [True, True, False, False]  # once each worker has answered, the work stays here
    pool.held[0].clear()  # (a worker that lost it: a restarted one)
    slots = dealer.deal([[5], [6], [7]])
    assert [dealer.result(slots, i) for i in range(3)] == [[25], [36], [49]]
    # part [5] to worker 0, which asked for the work; [6] to worker 1; [5] again, with the work; [7]
    assert pool.sent[4:] == [False, False, True, False]


def test_run_and_stream_segment_each_article_once_in_memory_then_on_disk(seed_documents, monkeypatch, local_jsonl):
    import tiyao.pipeline
    from tiyao.segment import Segmenter

    calls: list[str] = []
    segment = Segmenter.segment

    def counting(self, document):
        calls.append(document.id)
        return segment(self, document)

    monkeypatch.setattr(Segmenter, "segment", counting)
    assert run(seed_documents, PipelineConfig(jobs=1)).to_jsonl() == local_jsonl
    assert sorted(calls) == sorted(d.id for d in seed_documents)
    calls.clear()
    fit, results = stream(seed_documents, PipelineConfig(jobs=1))
    streamed = list(results)
    assert sorted(calls) == sorted(d.id for d in seed_documents)
    assert [r.keywords for r in streamed] == [r.keywords for r in run(seed_documents, PipelineConfig(jobs=1)).documents]

    from tiyao.report import jsonl_line

    first = seed_documents[0]
    monkeypatch.setattr(tiyao.pipeline, "CACHE_MAX_CHARS", len(first.text))  # the first article kept in memory
    calls.clear()
    fit, results = stream(seed_documents, PipelineConfig(jobs=1))
    assert "".join(jsonl_line(r) for r in results) == local_jsonl  # the others came back from disk
    assert sorted(calls) == sorted(d.id for d in seed_documents)
    monkeypatch.setattr(tiyao.pipeline, "KEPT_ON_DISK_MAX_CHARS", len(seed_documents[1].text))  # and one on disk
    calls.clear()
    fit, results = stream(seed_documents, PipelineConfig(jobs=1))
    list(results)
    # pass 2 reads and segments again the articles past both limits
    assert sorted(calls) == sorted([d.id for d in seed_documents] + [d.id for d in seed_documents[2:]])


def test_kept_holds_the_first_articles_in_memory_the_next_on_disk_and_leaves_no_file(seed_documents, monkeypatch,
                                                                                    tmp_path):
    import pickle
    import tempfile

    from tiyao.kept import Kept

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    a, b, c, d = seed_documents[:4]
    prepared = {doc.id: {"summary": doc.text[:40]} for doc in (a, b, c, d)}
    for pickled in (False, True):
        kept = Kept(len(a.text), len(b.text) + len(c.text), pickled=pickled)
        assert [kept.takes(len(doc.text)) for doc in (a, b, c, d)] == [True, True, True, False]
        for doc in (a, b, c):
            given = pickle.dumps(prepared[doc.id]) if pickled else prepared[doc.id]
            kept.put(doc.id, given, len(doc.text))
        assert len(kept) == 3 and kept.on_disk == 2 and d.id not in kept
        got = kept.pop(b.id)  # from disk, as it was given
        assert (pickle.loads(got) if pickled else got) == {"summary": b.text[:40]}
        assert kept.pop(b.id) is None and b.id not in kept  # let go once taken
        assert kept.pop(a.id) == (pickle.dumps(prepared[a.id]) if pickled else prepared[a.id])
        kept.close()
        assert list(tmp_path.iterdir()) == [] and len(kept) == 0
    # beside worker processes, what this process prepared itself comes as the dict: kept so in memory, and handed
    # back pickled from disk, as the workers' is
    kept = Kept(len(a.text), len(b.text), pickled=True)
    for doc in (a, b):
        assert kept.takes(len(doc.text))
        kept.put(doc.id, prepared[doc.id], len(doc.text))
    assert kept.on_disk == 1
    assert kept.pop(a.id) == prepared[a.id] and pickle.loads(kept.pop(b.id)) == prepared[b.id]
    kept.close()


def test_the_scan_work_pickles_what_it_prepared_only_in_a_worker(seed_documents):
    import pickle

    from tiyao.pipeline import _ScanWork
    from tiyao.segment import Segmenter
    from tiyao.steps import StepContext, build_steps

    segmenter = Segmenter()
    steps = build_steps(("keywords", "summary"), StepContext(PipelineConfig(), segmenter))
    work = _ScanWork(segmenter, steps, pickled=True)
    here = work((seed_documents[0], True))[1]
    there = pickle.loads(pickle.dumps(work))((seed_documents[0], True))[1]  # (as a worker unpickles it)
    assert isinstance(here, dict) and isinstance(there, bytes)
    assert pickle.loads(there).keys() == here.keys()
    assert pickle.loads(there)["summary"] == here["summary"]


def test_a_worker_writes_what_it_prepared_to_the_shelf_and_sends_back_only_where_it_is(seed_documents, caplog):
    import logging
    import os
    import pickle

    from tiyao.kept import Kept, Stored, unpickled
    from tiyao.pipeline import _ScanWork
    from tiyao.segment import Segmenter
    from tiyao.steps import StepContext, build_steps

    segmenter = Segmenter()
    steps = build_steps(("keywords", "summary"), StepContext(PipelineConfig(), segmenter))
    kept = Kept(10**6, 10**6, pickled=True)
    work = _ScanWork(segmenter, steps, pickled=True, shelf=kept.shelf)
    first, second = seed_documents[:2]
    here = work((first, True))[1]
    worker = pickle.loads(pickle.dumps(work))  # (as a worker unpickles it: its shelf opens its own file)
    there = [worker((doc, True))[1] for doc in (first, second)]
    assert all(isinstance(stored, Stored) for stored in there)
    assert os.path.dirname(there[0].path) == kept.shelf.folder and there[1].offset == there[0].size
    back = unpickled(there[0], kept.shelf)  # read here, by the process that analyses the article
    assert back.keys() == here.keys() and back["summary"] == here["summary"]
    assert back["keywords"].terms == here["keywords"].terms
    assert unpickled(there[1], kept.shelf)["summary"] == work((second, True))[1]["summary"]
    for doc, stored in zip((first, second), there):
        assert kept.takes(len(doc.text))
        kept.put(doc.id, stored, len(doc.text))
    assert (kept.in_shelf, kept.on_disk) == (2, 0) and kept.pop(first.id) == there[0]
    kept.close()
    assert not os.path.exists(kept.shelf.folder)
    # a shelf that cannot be written takes nothing more: the worker sends what it prepared back pickled
    kept = Kept(10**6, 10**6, pickled=True)
    worker = pickle.loads(pickle.dumps(_ScanWork(segmenter, steps, pickled=True, shelf=kept.shelf)))
    os.rmdir(kept.shelf.folder)
    with open(kept.shelf.folder, "w"):  # (a file where the folder was: no file can be made in it)
        pass
    with caplog.at_level(logging.WARNING, logger="tiyao"):
        sent = [worker((doc, True))[1] for doc in (first, second)]
    assert all(isinstance(blob, bytes) for blob in sent)
    assert pickle.loads(sent[0])["summary"] == here["summary"]
    assert caplog.text.count("cannot keep more of what the fit pass prepared") == 1
    os.remove(kept.shelf.folder)
    kept.close()


def test_map_chunks_gives_each_chunk_in_order_and_a_pool_keeps_the_next_one_in_work():
    pulled: list[str] = []

    def chunks():
        for key, items in [("a", list(range(10))), ("b", [7]), ("c", list(range(30)))]:
            pulled.append(key)
            yield key, items

    with LocalEngine() as engine:
        results = engine.map_chunks(_square, chunks())
        assert next(results) == ("a", [x * x for x in range(10)]) and pulled == ["a"]  # one chunk at a time
        assert list(results) == [("b", [49]), ("c", [x * x for x in range(30)])]
    pulled.clear()
    with ProcessEngine(2) as engine:
        results = engine.map_chunks(_square, chunks())
        assert next(results) == ("a", [x * x for x in range(10)])
        assert pulled == ["a", "b"]  # the next chunk was queued before this one came back
        assert list(results) == [("b", [49]), ("c", [x * x for x in range(30)])]


def test_worker_processes_over_several_chunks_give_the_jsonl_of_one_process(local_jsonl, monkeypatch):
    import tiyao.pipeline as pipeline

    monkeypatch.setattr(pipeline, "parallel_min_chars", lambda jobs: 0)  # a pool even for the seeds
    monkeypatch.setattr(pipeline, "CHUNK_SIZE", 3)  # several chunks in both passes, each queued ahead
    assert run([SEEDS], PipelineConfig(jobs=2)).to_jsonl() == local_jsonl
    fit, results = stream([SEEDS], PipelineConfig(jobs=2))
    from tiyao.report import jsonl_line

    assert "".join(jsonl_line(r) for r in results) == local_jsonl
    # what the workers prepared, pickled, kept here in memory, then on disk, then not at all (segmented again)
    monkeypatch.setattr(pipeline, "CACHE_MAX_CHARS", 1000)
    monkeypatch.setattr(pipeline, "KEPT_ON_DISK_MAX_CHARS", 1000)
    from tiyao.kept import Kept

    held: list[tuple[bool, int, int, int]] = []  # (pickled, kept in all, on disk, in the shelf) as the analysis starts
    folders: list[str] = []
    pop = Kept.pop

    def popping(self, doc_id):
        held.append((self.pickled, len(self), self.on_disk, self.in_shelf))
        folders.append(self.shelf.folder)
        return pop(self, doc_id)

    monkeypatch.setattr(Kept, "pop", popping)
    assert run([SEEDS], PipelineConfig(jobs=2)).to_jsonl() == local_jsonl
    pickled, in_all, on_disk, in_shelf = held[0]
    assert pickled and 2 <= in_all < 8 and on_disk + in_shelf >= 1
    assert not os.path.exists(folders[0])  # (the workers' files went with the run)


def test_replay_reads_the_source_once_across_partial_passes_then_reads_again_past_a_full_log(seed_documents):
    from tiyao.kept import Replay

    opened: list[int] = []  # the records read from the source, by each opening of it

    def source():
        opened.append(0)
        for document in seed_documents:
            opened[-1] += 1
            yield document

    sizes = [len(d.text) for d in seed_documents]
    replay = Replay(source, sizes[0] + sizes[1], sizes[2] + sizes[3], lambda d: len(d.text))
    first = replay()
    assert [next(first).id, next(first).id] == [d.id for d in seed_documents[:2]]  # a pass that stops early
    assert [d.id for d in replay()] == [d.id for d in seed_documents]  # the next reads on where it stopped
    assert opened == [8] and not replay.complete  # the log is full after four: the rest was not logged
    # past the log (the first four, two of them from disk), the source is read again
    again = list(replay())
    assert again == list(seed_documents) and opened == [8, 8]
    replay.close()

    opened.clear()
    replay = Replay(source, 0, sum(sizes), lambda d: len(d.text))  # all on disk
    assert list(replay()) == list(seed_documents) and replay.complete
    assert list(replay()) == list(seed_documents) and opened == [8]
    replay.close()


def test_with_workers_the_themes_step_imports_scikit_learn_while_they_scan_and_fits_while_they_analyse(
        local_jsonl, monkeypatch):
    import threading

    import tiyao.pipeline as pipeline
    from tiyao.themes_step import ThemesStep

    monkeypatch.setattr(pipeline, "parallel_min_chars", lambda jobs: 0)
    events: list[str] = []
    preload, fit = ThemesStep.preload, ThemesStep.fit

    def preloading():
        events.append(threading.current_thread().name)
        preload()

    monkeypatch.setattr(ThemesStep, "preload", staticmethod(preloading))
    monkeypatch.setattr(ThemesStep, "fit", lambda self, ids, parts: events.append(threading.current_thread().name)
                        or fit(self, ids, parts))
    monkeypatch.setattr(pipeline, "CHUNK_SIZE", 3)  # the analysis in several chunks: they wait for the themes
    assert run([SEEDS], PipelineConfig(jobs=2)).to_jsonl() == local_jsonl
    assert events == ["tiyao-preload-themes", "tiyao-fit-themes"]
    events.clear()
    fit_, results = stream([SEEDS], PipelineConfig(jobs=2, themes=2))
    assert [r.theme for r in results] == [r.theme for r in run([SEEDS], PipelineConfig(jobs=1, themes=2)).documents]
    assert len(fit_.themes) == 2
    events.clear()
    run([SEEDS], PipelineConfig(jobs=1))  # in one process there is no waiting to fill
    assert events == ["MainThread"]


def test_on_a_corpus_too_small_for_a_pool_the_themes_are_fitted_in_a_worker_beside_while_this_process_analyses(
        local_jsonl, monkeypatch):
    import tiyao.pipeline as pipeline
    from tiyao.engine import SideEngine
    from tiyao.report import jsonl_line
    from tiyao.themes_step import ThemesStep

    monkeypatch.setattr(pipeline, "ASIDE_MIN_CHARS", 0)  # (the seeds are 6,279 characters)
    monkeypatch.setattr(pipeline, "CHUNK_SIZE", 3)  # the analysis in several chunks: they wait for the themes
    submitted: list[Any] = []
    submit, fit = SideEngine.submit, ThemesStep.fit

    def submitting(self, function, *args):
        submitted.append(submit(self, function, *args))
        return submitted[-1]

    fitted_here: list[int] = []

    @wraps(fit)  # (named "fit": the worker, which imports tiyao afresh, looks the method up by name)
    def fitting(self, ids, parts):
        fitted_here.append(len(ids))
        return fit(self, ids, parts)

    monkeypatch.setattr(SideEngine, "submit", submitting)
    monkeypatch.setattr(ThemesStep, "fit", fitting)
    assert run([SEEDS], PipelineConfig(jobs=2)).to_jsonl() == local_jsonl
    assert len(submitted) == 1 and submitted[0].done() and fitted_here == []  # (the worker has the real fit)
    fit_, results = stream([SEEDS], PipelineConfig(jobs=2, themes=2))
    assert "".join(jsonl_line(r) for r in results) == run([SEEDS], PipelineConfig(jobs=1, themes=2)).to_jsonl()
    assert len(fit_.themes) == 2 and len(submitted) == 2
    # one job, a corpus below the limit, or a fit with nothing after it: the themes are fitted here
    submitted.clear()
    fitted_here.clear()
    run([SEEDS], PipelineConfig(jobs=1))
    monkeypatch.setattr(pipeline, "ASIDE_MIN_CHARS", 10_000)
    run([SEEDS], PipelineConfig(jobs=2))
    monkeypatch.setattr(pipeline, "ASIDE_MIN_CHARS", 0)
    pipeline.fit([SEEDS], PipelineConfig(jobs=2))
    assert submitted == [] and fitted_here == [8, 8, 8]


_SCRIPT = """
import logging
import tiyao.pipeline
from tiyao import PipelineConfig, run
from tiyao.engine import SideEngine

logging.basicConfig()
tiyao.pipeline.ASIDE_MIN_CHARS = 0
submit = SideEngine.submit
SideEngine.submit = lambda self, *args: print("beside") or submit(self, *args)
{body}
"""


@pytest.mark.parametrize("guarded", [True, False])
def test_a_script_whose_work_is_not_guarded_by_a_main_test_gets_no_worker_beside_it(tmp_path, guarded):
    import subprocess
    import sys

    call = f"print(len(run([{str(SEEDS)!r}], PipelineConfig(jobs=2)).themes), 'themes')"
    body = f"if __name__ == '__main__':\n    {call}" if guarded else call
    script = tmp_path / "script.py"
    script.write_text(_SCRIPT.format(body=body), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    # unguarded, a worker would run the script again (and fail starting one of its own): the run stays here
    printed = done.stdout.split()
    assert ("beside" in printed) is guarded and printed[-1] == "themes" and int(printed[-2]) >= 1
    # nor a pool: a warning says why it is slower
    script.write_text(_SCRIPT.format(body=body).replace("ASIDE_MIN_CHARS = 0", "parallel_min_chars = lambda jobs: 0"),
                      encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert ("worker processes would run this script again" in done.stderr) is not guarded


def test_a_lost_worker_beside_means_scanning_and_fitting_here_with_one_warning(local_jsonl, monkeypatch, caplog):
    import logging

    import tiyao.pipeline as pipeline
    from tiyao.engine import SideEngine

    monkeypatch.setattr(pipeline, "ASIDE_MIN_CHARS", 0)
    preload = SideEngine.preload
    monkeypatch.setattr(SideEngine, "preload", lambda self, function, name: preload(self, partial(os._exit, 1), name))
    with caplog.at_level(logging.WARNING, logger="tiyao"):
        assert run([SEEDS], PipelineConfig(jobs=2)).to_jsonl() == local_jsonl
    # (found lost by the scan, whose parts this process then works, or, if the worker's end came later, by the fit)
    assert [r.message for r in caplog.records].count("a worker process was lost (killed, or out of memory?); "
                                                     "this process goes on alone") <= 1
    assert len([r for r in caplog.records if "was lost" in r.message]) == 1


def test_the_worker_beside_runs_what_it_is_given_in_its_own_process_and_refuses_what_does_not_pickle(caplog):
    import logging

    from tiyao.engine import SideEngine

    with caplog.at_level(logging.WARNING, logger="tiyao"), SideEngine() as engine:
        assert engine.in_process and engine.map(len, ["西集镇", "农业"]) == [3, 2]
        future = engine.submit(os.getpid)
        assert future is not None and future.result(timeout=60) != os.getpid()
        assert engine.submit(lambda: 1) is None  # (a lambda does not pickle: the caller runs it itself)
        engine.preload(partial(os._exit, 1), "themes")
        time.sleep(0.5)
        lost = engine.submit(os.getpid)  # lost now, or found lost once the worker has ended
        assert lost is None or isinstance(lost.exception(timeout=60), BrokenExecutor)
        assert engine.map(len, ["西集镇", "农业"] * 40) == [3, 2] * 40  # the map after it works here, and says
    assert len([r for r in caplog.records if "was lost" in r.message]) == 1  # nothing more: one warning in all


def _where_after(seconds: float) -> int:
    """The process id of where it ran, after ``seconds`` of sleep (for a pool's worker: importable by name)."""
    time.sleep(seconds)
    return os.getpid()


def test_the_worker_beside_takes_a_share_of_the_articles_while_it_fits_nothing_and_none_while_it_fits():
    from tiyao.engine import SideEngine

    with SideEngine() as engine:
        assert engine.submit(os.getpid).result(timeout=60) != os.getpid()  # (started)
        items = [0.02] * 40
        [(_, where)] = list(engine.map_chunks(_where_after, [("chunk", items)]))
        # the worker ran some parts (this process takes back only those it has not started)
        assert len(where) == 40 and len(set(where)) == 2
        fitting = engine.submit(time.sleep, 2.0)
        [(_, where)] = list(engine.map_chunks(_where_after, [("chunk", items)]))
        assert not fitting.done() and set(where) == {os.getpid()}  # the worker is busy: the map stays here
        fitting.result(timeout=60)
        assert len(set(engine.map(_where_after, items))) == 2  # free again: it takes its share


class _Stalled:
    """A stand-in for a pool whose one worker starts the first part it gets (finishing it after ``delay``
    seconds) and no other: the parts after it wait in the pool, and can be cancelled."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.futures: list[Any] = []

    def submit(self, function, key, blob, part):
        import pickle
        import threading
        from concurrent.futures import Future

        future: Future = Future()
        if not self.futures:
            future.set_running_or_notify_cancel()
            work = pickle.loads(blob)
            threading.Timer(self.delay, lambda: future.set_result((1000, [work(i) for i in part]))).start()
        self.futures.append(future)
        return future


def test_a_process_that_would_wait_takes_back_the_parts_no_worker_has_started():
    import pickle

    from tiyao.engine import _Dealer

    pool = _Stalled(delay=0.3)
    dealer = _Dealer(pool, 1, "map-1", pickle.dumps(_square), _square, here=None, in_hand=4)
    slots = dealer.deal([[1], [2], [3], [4], [5]])
    assert [dealer.result(slots, i) for i in range(5)] == [[1], [4], [9], [16], [25]]
    # the first part from the worker; the fifth, never dealt, and the three waiting in the pool, worked here
    assert pool.futures[0].result()[1] == [1] and all(f.cancelled() for f in pool.futures[1:])
    assert len(pool.futures) == 4


class _Lost:
    """A stand-in for a pool whose workers were lost after it took its first part."""

    def __init__(self) -> None:
        self.submitted = 0

    def submit(self, function, key, blob, part):
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        self.submitted += 1
        if self.submitted > 1:
            raise BrokenProcessPool("A child process terminated abruptly")
        future: Future = Future()
        future.set_exception(BrokenProcessPool("A child process terminated abruptly"))
        return future


def test_when_the_workers_are_lost_this_process_works_on_their_parts_and_says_so_once():
    import pickle

    from tiyao.engine import _Dealer

    said: list[str] = []
    pool = _Lost()
    dealer = _Dealer(pool, 1, "map-1", pickle.dumps(_square), _square, here=lambda: True, in_hand=2,
                     lost=lambda: said.append("lost"))
    slots = dealer.deal([[1, 2], [3], [4]])
    assert [dealer.result(slots, i) for i in range(3)] == [[1, 4], [9], [16]]
    slots = dealer.deal([[5]])  # a later chunk is not dealt to them
    assert dealer.result(slots, 0) == [25] and said == ["lost"] and pool.submitted == 2


def test_a_fit_in_another_process_gives_its_result_its_error_or_when_the_process_is_lost_is_fitted_here(caplog):
    import logging
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from tiyao.errors import InputError
    from tiyao.fits import Fits

    def finished(result=None, error=None):
        future: Future[Any] = Future()
        future.set_exception(error) if error else future.set_result(result)
        return future

    fits = Fits()
    fits.running("themes", finished("there"), here=lambda: "here")
    assert fits.pending == frozenset() and fits["themes"] == "there"
    fits = Fits()
    fits.running("themes", finished(error=InputError("没有文章")), here=lambda: "here")
    with pytest.raises(InputError, match="没有文章"):
        fits.wait()
    fits = Fits()
    fits.running("themes", finished(error=BrokenProcessPool("killed")), here=lambda: "here")
    with caplog.at_level(logging.WARNING, logger="tiyao"):
        assert fits["themes"] == "here"
    assert "the process fitting the themes was lost; fitting them here" in caplog.text


def test_a_fit_left_for_later_runs_in_a_thread_or_when_read_and_gives_its_error_to_the_reader():
    import threading

    from tiyao.errors import InputError
    from tiyao.fits import Fits

    started = threading.Event()
    fits = Fits()
    fits.set("keywords", "idf")
    fits.later("themes", lambda: started.wait(5) and threading.current_thread().name)
    assert fits.pending == {"themes"} and list(fits) == ["keywords", "themes"]
    fits.start()
    started.set()
    assert fits["themes"] == "tiyao-fit-themes" and fits.pending == frozenset()
    fits = Fits()
    fits.later("themes", lambda: threading.current_thread().name)
    assert fits["themes"] == "MainThread"  # read before started: run here
    fits = Fits()
    fits.later("themes", lambda: (_ for _ in ()).throw(InputError("没有文章")))
    fits.start()
    with pytest.raises(InputError, match="没有文章"):
        fits.wait()


def test_a_full_temporary_folder_only_means_working_out_again_what_could_not_be_kept(local_jsonl, monkeypatch,
                                                                                      caplog):
    import errno
    import logging
    import tempfile

    import tiyao.pipeline
    from tiyao.report import jsonl_line

    def no_room(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", no_room)
    monkeypatch.setattr(tiyao.pipeline, "CACHE_MAX_CHARS", 1000)  # past the first article: to disk, which is full
    with caplog.at_level(logging.WARNING, logger="tiyao"):
        fit, results = stream([SEEDS], PipelineConfig(jobs=1))
        assert "".join(jsonl_line(r) for r in results) == local_jsonl
    assert "cannot keep more of the articles read in a temporary file" in caplog.text
    assert "cannot keep more of what the fit pass prepared of the articles in a temporary file" in caplog.text


@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_a_new_worker_loads_what_segmenters_share_and_builds_no_tokenizer_of_its_own(backend):
    """warm_up runs in each new worker while the main process discovers words: jieba's tags for every backend,
    jieba's prefix dictionary for jieba's tokenizer; an rjieba tokenizer is each segmenter's own (with the corpus's
    words), so a bare one built there would be thrown away."""
    import subprocess
    import sys

    code = f"""
import tiyao.segment as segment
from tiyao import resources
built = []
new_rjieba = segment._new_rjieba
segment._new_rjieba = lambda: built.append(1) or new_rjieba()
from tiyao.pipeline import warm_up
warm_up({backend!r})
print(resources.jieba_pos_tags.cache_info().currsize, segment._default_prefix_dictionary.cache_info().currsize,
      len(built))
seg = segment.Segmenter(backend={backend!r})
print(seg.cut("西集镇计生协会推出新举措"))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    tags, prefix, rjieba_built = map(int, out[0].split())
    assert tags == 1
    assert (prefix, rjieba_built) == ((0, 0) if backend == "rjieba" else (1, 0))
    assert out[1] == str(["西", "集镇", "计生", "协会", "推出", "新举措"])  # (the same cut with either tokenizer)


def _pid_after_a_moment(item: int) -> tuple[int, int]:
    import os
    import time

    time.sleep(0.002)
    return item, os.getpid()


def test_with_a_pool_this_process_works_on_the_chunks_too_unless_told_not_to():
    import os

    chunks = [(f"chunk-{k}", list(range(k * 500, (k + 1) * 500))) for k in range(3)]
    with ProcessEngine(2) as engine:
        assert engine.workers == 1  # jobs 2: this process and one worker
        done = list(engine.map_chunks(_pid_after_a_moment, iter(chunks)))
        assert [key for key, _ in done] == ["chunk-0", "chunk-1", "chunk-2"]
        assert [item for _, results in done for item, _ in results] == list(range(1500))  # in order
        pids = {pid for _, results in done for _, pid in results}
        assert os.getpid() in pids and len(pids) == 2  # the worker had its parts in hand, this process took others
        # while a fit runs beside the map (here() says no), every part goes to the workers
        done = list(engine.map_chunks(_pid_after_a_moment, iter(chunks), here=lambda: False))
        assert {pid for _, results in done for _, pid in results} == pids - {os.getpid()}
