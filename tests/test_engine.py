"""Engines and streaming: the same report in-process, in worker processes, on Dask, and streamed."""

import json

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
    assert _run_chunk("map-1", blob, [1, 2]) == [1, 4]
    # later chunks of the same map use the work already unpickled: their blob is not read again
    assert _run_chunk("map-1", b"not a pickle", [3]) == [9]
    with pytest.raises(pickle.UnpicklingError):
        _run_chunk("map-2", b"not a pickle", [3])  # a new map brings its own work


def test_run_and_stream_segment_each_article_once_up_to_the_cache_limit(seed_documents, monkeypatch, local_jsonl):
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
    calls.clear()
    import tiyao.pipeline

    first = seed_documents[0]
    monkeypatch.setattr(tiyao.pipeline, "CACHE_MAX_CHARS", len(first.text))  # the first article's preparation kept
    fit, results = stream(seed_documents, PipelineConfig(jobs=1))
    list(results)
    # pass 2 reads and segments again the articles past the limit
    assert sorted(calls) == sorted([d.id for d in seed_documents] + [d.id for d in seed_documents[1:]])


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
