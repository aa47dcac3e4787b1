"""Where the per-article work runs: in this process, in a pool of local processes, or on Dask.

Every engine offers the same ``map(function, items)`` (results in input order), ``map_chunks`` (a stream of
chunks, each chunk's results in order; a pool queues the next chunk before handing back this one's) and
``map_reduce``; the pipeline
calls the same functions on the same items in the same order whatever the engine, so the output is the same
byte for byte. Functions and their arguments must be picklable (the spawn start method, used on macOS and
Windows and here everywhere, pickles them).

- ``LocalEngine``: ``jobs=1``, a plain loop.
- ``ProcessEngine``: ``jobs=N``, this process and a ``ProcessPoolExecutor`` of N-1 workers with the spawn start
  method; items go in chunks, each chunk in parts of at most 64 items. The workers are dealt parts as they have
  room for them (``DEALT_PER_WORKER`` each in hand), and this process works on the parts not dealt yet whenever
  it would otherwise wait for the workers (``_Dealer``): it reads, fits and writes anyway, and fills its gaps with
  articles. On 2 cores a pool of two workers beside this process made three busy processes wait on each other.
  The work (the fitted models: segmenter, IDF, ...) is pickled once per ``map``, sent with the map's first parts
  only (until every worker has answered one) and unpickled once per worker process (kept there under a key for
  the map's later parts), not once per part.
- ``SideEngine``: ``jobs`` of 2 or more on a corpus too small for a pool of its own to pay: this process and one
  worker process beside it. The worker takes a share of the articles, dealt as a pool deals them, while it has
  nothing else to do, and runs what ``submit`` gives it: a corpus-level fit that holds its own results (the themes:
  their clustering and scikit-learn's import, a fifth to a third of a run from the command line), run while this
  process analyses the articles alone. The other engines' ``submit`` says None (the caller runs the function
  itself).
- ``DaskEngine``: chunks of items mapped on a ``dask.distributed`` cluster (``scheduler`` address) or, without an
  address, on a local cluster of ``jobs`` worker processes; the work is scattered to every worker once per
  ``map`` (``Client.scatter(..., broadcast=True)``) and the chunks are scattered too, so the task graph stays
  small. Dask is optional: ``pip install 'tiyao[dask]'``.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import multiprocessing.forkserver
import os
import pickle
import re
import signal
import socket
import struct
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager, suppress
from functools import reduce
from itertools import count
from typing import Any, TypeVar

from .errors import ConfigError

logger = logging.getLogger(__name__)

T = TypeVar("T")
K = TypeVar("K")
R = TypeVar("R")
Tick = Callable[[int, int], None]

ENGINES = ("local", "dask")
#: How long to keep trying to reach a Dask scheduler.
DASK_CONNECT_TIMEOUT = "10s"
#: How long a Dask scheduler address may take to accept a connection and send its handshake.
SCHEDULER_PROBE_SECONDS = 5.0
#: A Dask handshake is a few hundred bytes; its first 8 bytes (a little-endian length) say so.
_MAX_HANDSHAKE_BYTES = 64 << 20
_SCHEDULER_ADDRESS = re.compile(r"tcp://(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):(?P<port>\d{1,5})/?")


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))  # type: ignore[attr-defined]
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


class LocalEngine:
    """Run everything in this process."""

    jobs = 1
    #: Does the work run in this process (what it returns needs no sending back)?
    in_process = True
    #: Does the work run on this machine (what it returns comes back cheaply, and may be sent to it again)?
    local = True

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def map(self, function: Callable[[T], R], items: Sequence[T], tick: Tick | None = None) -> list[R]:
        results: list[R] = []
        total = len(items)
        for done, item in enumerate(items, 1):
            results.append(function(item))
            if tick is not None:
                tick(done, total)
        return results

    def map_reduce(self, function: Callable[[T], R], combine: Callable[[R, R], R], items: Sequence[T],
                   initial: R) -> R:
        return reduce(combine, map(function, items), initial)

    def preload(self, function: Callable[[], Any], name: str) -> None:
        """Run ``function`` (what the fit of step ``name`` imports) where that fit will run, while the articles
        are worked on: with workers elsewhere (Dask), in a thread of this process, which would only wait meanwhile;
        in this process alone, nowhere (the fit imports it as it runs). An error is left for the fit to meet. The
        pipeline calls it as a run starts."""
        if not self.in_process:
            threading.Thread(target=_quietly, args=(function,), daemon=True, name=f"tiyao-preload-{name}").start()

    def submit(self, function: Callable[..., R], *args: Any) -> Future[R] | None:
        """``function(*args)`` started beside the maps, in a process of its own (here: None, no such process; the
        caller runs it)."""
        return None

    def map_chunks(self, function: Callable[[T], R], chunks: Iterable[tuple[K, Sequence[T]]],
                   tick: Tick | None = None, sent: Callable[[], None] | None = None,
                   here: Callable[[], bool] | None = None) -> Iterator[tuple[K, list[R]]]:
        """``(key, [function(item) for item in items])`` for each ``(key, items)`` of ``chunks``, in order, the
        chunks read one at a time (memory holds a chunk or two, not the stream). ``tick(done, total)`` counts the
        items of the current chunk. An engine with workers keeps the next chunk in work while the caller handles
        the results of this one. ``sent()`` is called once what ``function`` holds may change without harm where
        the workers are: when it has been sent to them (pickled), or here when the map is done. A pool of local
        workers runs part of the items in this process too, while ``here()`` says it may (default: always; the
        pipeline says no while a fit runs in a thread beside it)."""
        for key, items in chunks:
            yield key, self.map(function, items, tick)
        if sent is not None:
            sent()


class ProcessEngine(LocalEngine):
    """``jobs`` processes at work: this one and a pool of ``jobs - 1`` worker processes (spawn start method),
    items sent in chunks, the work sent once per worker (see the module docs)."""

    in_process = False
    #: The most items of a part dealt to a worker.
    part_size = 64

    def __init__(self, jobs: int, warm_up: Callable[[], None] | None = None) -> None:
        self.jobs = jobs
        #: worker processes: this process works on the chunks' items too (map_chunks)
        self.workers = max(1, jobs - 1)
        self.warm_up = warm_up
        self._pool: ProcessPoolExecutor | None = None
        self._maps = count()  # numbers this pool's maps: a worker keeps the work of the current one
        self._threads: set[threading.Thread] = set()
        self._said_lost = False
        self._preloads: list[tuple[Callable[[], Any], str]] = []

    def __enter__(self) -> ProcessEngine:
        # The workers are started with SIGINT ignored (see _sigint_ignored): Ctrl-C in a terminal
        # reaches the whole process group, and only this process should answer it, by stopping the workers
        # (__exit__), not each worker with a traceback.
        self._threads = set(threading.enumerate())  # (the pool adds its own: see __exit__)
        try:
            with _sigint_ignored():  # the spawns only: milliseconds
                self._pool = ProcessPoolExecutor(max_workers=self.workers,
                                                 mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_start_worker, initargs=(self.warm_up,))
                for _ in range(self.workers):  # start the workers now: they import tiyao while this process reads
                    self._pool.submit(int)
        except BaseException as error:
            self.__exit__(type(error), error, None)
            raise
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if self._pool is None:
            return
        pool, self._pool = self._pool, None
        if exc_type is None:
            pool.shutdown(wait=True, cancel_futures=True)
            return
        # interrupted, terminated or failed: stop the workers now rather than let them finish their chunks
        pool.shutdown(wait=False, cancel_futures=True)
        for child in multiprocessing.active_children():
            child.terminate()
        for child in multiprocessing.active_children():
            child.join(timeout=5)
        # Then give the pool's own thread (not a daemon) a moment to see its workers gone and end: still ending
        # when this process exits, it races Python's exit hook for pools, which writes to the pipe the thread is
        # closing (Python 3.11: a traceback after "Error: terminated by SIGTERM", half the runs on a busy machine).
        # shutdown(wait=True) could block on a chunk that no worker will read.
        deadline = time.monotonic() + 5
        for thread in set(threading.enumerate()) - self._threads:
            if not thread.daemon and thread is not threading.current_thread():
                thread.join(timeout=max(0.0, deadline - time.monotonic()))

    def map(self, function: Callable[[T], R], items: Sequence[T], tick: Tick | None = None) -> list[R]:
        if self._pool is None or self._small(items):
            return super().map(function, items, tick)
        return next(self.map_chunks(function, [(None, items)], tick))[1]  # (this process works too)

    def map_reduce(self, function: Callable[[T], R], combine: Callable[[R, R], R], items: Sequence[T],
                   initial: R) -> R:
        return reduce(combine, self.map(function, items), initial)

    def map_chunks(self, function: Callable[[T], R], chunks: Iterable[tuple[K, Sequence[T]]],
                   tick: Tick | None = None, sent: Callable[[], None] | None = None,
                   here: Callable[[], bool] | None = None) -> Iterator[tuple[K, list[R]]]:
        # This process works too, whenever it would otherwise wait for the workers (see _Dealer). One chunk
        # ahead: its parts are dealt before this chunk's results go back to the caller, so the workers go on while
        # the caller reads them (fits, writes).
        if self._pool is None:
            yield from super().map_chunks(function, chunks, tick, sent, here)
            return
        while self._preloads:
            LocalEngine.preload(self, *self._preloads.pop(0))
        blob = _pickled(function)
        if sent is not None:
            sent()
        key = self._new_key()  # one map: a worker unpickles the work once for all the chunks
        dealer = _Dealer(self._pool, self.workers, key, blob, function, here,
                         in_hand=DEALT_PER_WORKER * self.workers, lost=self._lost)
        held: deque[tuple[K, int, list[Any]]] = deque()
        for chunk_key, items in chunks:
            held.append((chunk_key, len(items), dealer.deal(_split(items, self.jobs, self.part_size))))
            if len(held) > 1:
                yield self._finish(dealer, *held.popleft(), tick)
        while held:
            yield self._finish(dealer, *held.popleft(), tick)

    @staticmethod
    def _finish(dealer: _Dealer, key: K, total: int, slots: list[Any], tick: Tick | None) -> tuple[K, list[R]]:
        """A chunk's results, in order, from its parts (worked here, or by the workers)."""
        results: list[R] = []
        for i in range(len(slots)):
            results += dealer.result(slots, i)
            if tick is not None:
                tick(len(results), total)
        return key, results

    def preload(self, function: Callable[[], Any], name: str) -> None:
        """As :meth:`LocalEngine.preload`, in a thread started when the workers get their first articles (until
        then this process discovers the corpus's new words alone: the import would only slow it)."""
        self._preloads.append((function, name))

    def _lost(self) -> None:
        """Said once by the first map to find the workers lost (each map then works on its items here)."""
        if not self._said_lost:
            self._said_lost = True
            logger.warning("a worker process was lost (killed, or out of memory?); this process goes on alone")

    def _small(self, items: Sequence[Any]) -> bool:
        return len(items) < 2 * self.jobs

    def _new_key(self) -> str:
        return f"{os.getpid()}-{id(self)}-{next(self._maps)}"


#: Parts (of at most 64 items) a worker has in hand at most: enough to go on with while this process reads, fits
#: and writes between its looks at the pool.
DEALT_PER_WORKER = 4


class _Dealer:
    """The parts of a map's chunks, dealt to the workers as they have room for them (at most ``in_hand`` parts
    unfinished in all), the others worked in this process when it would otherwise wait for the workers (for the
    results of a chunk, or at the end of the map), while ``here()`` allows it.

    This process has its own work (reading, fitting, writing); it takes articles only in the time it would spend
    waiting, so the workers never run dry and its own work is not held up. On 2 cores a pool of two workers beside
    this process made three busy processes wait on each other, and the second worker's own dictionaries, lexicon
    and pickling cost more CPU than its share of the articles saved: the 5x corpus (THUCNews-1000 five times over)
    with 2 jobs took 31.7 s of CPU time in all with two workers, 24.9 with one worker and this process (dealing by
    turns, an earlier form of this), 22.3 in one process. The 20x corpus from the CLI, jobs 1 against 2, two pairs
    side by side (``benchmarks/speed.py --repeat-20x 2``): 73.2 / 48.5 s and 85.1 / 54.9 s, 1.51x and 1.55x (two
    workers: 1.46x, 93.9 / 64.3 s); with the work sent once per worker and what the workers prepare kept in
    their own files (tiyao.kept.Shelf), 100.2 / 61.8 s and 102.4 / 63.0 s, 1.62x and 1.63x. Dealing by turns,
    this process took half the articles and was the one late; taking them only while it waits, it still takes
    about 45 % of them (it has nothing else to do then) and is busy all the run, the worker ~90 % of it (the
    reading, the discovery, the document frequencies and the output are this process's alone)."""

    def __init__(self, pool: ProcessPoolExecutor, workers: int, key: str, blob: bytes,
                 function: Callable[[Any], Any], here: Callable[[], bool] | None, in_hand: int,
                 lost: Callable[[], None] | None = None) -> None:
        self.pool, self.workers, self.key, self.blob = pool, workers, key, blob
        self.function, self.here, self.on_lost = function, here, lost
        self.lost = False  # the workers are gone (killed, out of memory): the rest is worked here
        self.limit = in_hand
        #: the parts in hand, in the order dealt: each one's future -> its slot (slots, index)
        self.in_hand: dict[Future[tuple[int, list[Any] | None]], tuple[list[Any], int]] = {}
        self.undealt: deque[tuple[list[Any], int, Sequence[Any]]] = deque()  # (slots, index, part), in order
        self.holders: set[int] = set()  # the workers (process ids) known to hold the work of this map

    def deal(self, parts: Sequence[Sequence[Any]]) -> list[Any]:
        """The slots of a chunk's parts (each a _Sent, a list of results, or None until it is dealt); as many
        parts as the workers have room for are dealt now."""
        slots: list[Any] = [None] * len(parts)
        self.undealt.extend((slots, i, part) for i, part in enumerate(parts))
        self._top_up()
        return slots

    def _top_up(self) -> None:
        in_hand = {}
        for future, slot in self.in_hand.items():
            if not future.done():
                in_hand[future] = slot
            elif future.exception() is None and future.result()[1] is not None:
                self.holders.add(future.result()[0])
        self.in_hand = in_hand
        while self.undealt and len(self.in_hand) < self.limit and not self.lost:
            self._send(*self.undealt.popleft())

    def _send(self, slots: list[Any], i: int, part: Sequence[Any], *, with_work: bool = False) -> None:
        """Part ``i`` to the workers, with the work until every worker is known to hold it: the work can weigh
        megabytes (the fitted IDF, lexicon, ...), and sent with every part it was most of what went through the
        pipes (20x corpus, 2 jobs: 870 MB sent to the worker, 540 of them the analysis pass's work again and
        again), copied on both sides while the worker waited for its next part."""
        blob = self.blob if with_work or len(self.holders) < self.workers else None
        try:
            future = self.pool.submit(_run_chunk, self.key, blob, part)
        except BrokenExecutor:
            self._lose(slots, i, part)
            return
        slots[i] = _Sent(future, part)
        self.in_hand[future] = (slots, i)

    def _take(self, slots: list[Any], i: int) -> None:
        """The results of a part a worker has finished into its slot (re-sent with the work to a worker that
        did not hold it; who holds it is read from the finished futures in hand, :meth:`_top_up`)."""
        sent = slots[i]
        try:
            _, results = sent.future.result()
        except BrokenExecutor:
            self._lose(slots, i, sent.part)
            return
        if results is None:
            self._send(slots, i, sent.part, with_work=True)
            return
        slots[i] = results

    def _steal(self) -> bool:
        """Take back the part last dealt that no worker has started, to work on it here (True), rather than wait
        for a worker that has several in hand (a pool hands a worker its next part before it is done with this
        one; the others wait in the pool, and can be cancelled). At the end of a map this process would otherwise
        wait while a worker works through up to ``in_hand`` parts."""
        for future in reversed(self.in_hand):
            if future.cancel():
                slots, i = self.in_hand.pop(future)
                part = slots[i].part
                slots[i] = None
                self.undealt.appendleft((slots, i, part))
                return True
        return False

    def _lose(self, slots: list[Any], i: int, part: Sequence[Any]) -> None:
        """The workers are lost: part ``i`` goes back to the undealt parts (in order), to be worked here."""
        if not self.lost:
            self.lost = True
            if self.on_lost is not None:
                self.on_lost()
        slots[i] = None
        self.undealt.appendleft((slots, i, part))

    def result(self, slots: list[Any], i: int) -> list[Any]:
        """The results of part ``i`` of a chunk: this process works on the next undealt part while it is not
        ready."""
        while True:
            self._top_up()
            slot = slots[i]
            if isinstance(slot, list):
                return slot
            if slot is not None and slot.future.done():
                self._take(slots, i)
            elif (self.here is None or self.here()) and (self.undealt or self._steal()):
                others, j, part = self.undealt.popleft()  # the oldest undealt part: this one, or one after it
                others[j] = [self.function(item) for item in part]
            elif slot is not None:
                wait([slot.future])
            elif self.in_hand:  # not dealt, and not to be worked here now: wait for a worker to have room
                wait(self.in_hand, return_when=FIRST_COMPLETED)
            else:  # (the workers are lost, and a fit runs in a thread here: wait for it to end)
                time.sleep(0.01)


class _Sent:
    """A part dealt to the workers: its future and the part (sent again, with the work, to a worker that lacked
    it)."""

    __slots__ = ("future", "part")

    def __init__(self, future: Future[tuple[int, list[Any] | None]], part: Sequence[Any]) -> None:
        self.future, self.part = future, part


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored for the block, so that processes started in it inherit SIG_IGN (a disposition that survives
    exec; Python then installs no KeyboardInterrupt handler) and never see Ctrl-C. Keep the block short: a
    Ctrl-C in it is lost (a blocked signal is no help: native threads, BLAS's, would take and discard it)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, handler)


@contextmanager
def _sigint_deferred() -> Iterator[None]:
    """A Ctrl-C in the block is remembered and raised (KeyboardInterrupt) when the block ends."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    handler = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, handler)
    if received:
        raise KeyboardInterrupt


def _split(items: Sequence[T], jobs: int, most: int = 64) -> list[Sequence[T]]:
    """Chunks of at most ``most`` items, at least 4 per worker when there are enough items (so that a slow chunk
    does not leave the other workers idle at the end)."""
    size = max(1, min(most, -(-len(items) // (jobs * 4))))
    return [items[i:i + size] for i in range(0, len(items), size)]


#: In a worker process: the work of the current map, by key (unpickled once per worker, not once per chunk).
_work_of_map: dict[str, Callable[[Any], Any]] = {}


def _run_chunk(key: str, blob: bytes | None, items: Sequence[Any]) -> tuple[int, list[Any] | None]:
    """``(this worker's process id, the results)``; the work comes with the first parts of a map only (None
    after): without it, results None (the part comes again with it)."""
    function = _work_of_map.get(key)
    if function is None:
        if blob is None:
            return os.getpid(), None
        _work_of_map.clear()  # the previous map's work is done with
        function = _work_of_map[key] = pickle.loads(blob)
    return os.getpid(), [function(item) for item in items]


def _start_worker(warm_up: Callable[[], None] | None = None) -> None:
    """In a new worker: import what the per-article work needs before the first chunk arrives (and run
    ``warm_up``), and keep numeric libraries to one thread (the pool already has a process per core; more
    threads would only wait on each other). The limit is set after the imports: it binds only libraries already
    loaded."""
    for module in ("pipeline", "segment", "keyterms", "summarizer", "cluster", "idf"):
        importlib.import_module(f"{__package__}.{module}")
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)
    if warm_up is not None:
        warm_up()


class SideEngine(ProcessEngine):
    """This process and one worker process beside it, for a corpus too small for a pool of its own to pay (see
    :func:`tiyao.pipeline.parallel_min_chars`). The worker imports what the fits use from the start (``warm_up``,
    :meth:`preload`), takes a share of the articles while it has nothing else to do (the maps deal it parts as a
    pool deals them, :class:`_Dealer`), and runs what :meth:`submit` gives it: a corpus-level fit that needs none
    of the per-article work (the themes), while this process analyses the articles alone. Should the worker be
    lost, this process does its share (and the fit, :meth:`tiyao.fits.Fits.running`).

    THUCNews-1000 from the command line (1.0M characters, a 2-core machine): the fit pass's scan took 6.4 s with
    the worker fitting only, 5.1 s with it scanning a share too once it had imported scikit-learn, 4.4-4.8 s with
    scikit-learn imported while this process discovers the corpus's words, parts of 16 articles rather than 64 and
    the parts the worker has not started taken back at the end (:meth:`_Dealer._steal`); the whole run 12.1-12.4 ->
    10.7-11.4 s (``benchmarks/speed.py``: 2.4x -> 2.8x jieba.analyse + sumy LexRank in the same run), and 8.1-9.7 s
    (2.9x-3.7x in five runs of ``speed.py --cli-only``) once the worker also loaded the tables the theme labels read
    before its fit (:func:`tiyao.cluster.preload`)."""

    #: what the maps give back is used in this process, as it is (the analysis runs here)
    in_process = True
    #: parts small enough for the last ones, in the worker's hands, not to hold this process up long
    part_size = 16

    def __init__(self, warm_up: Callable[[], None] | None = None) -> None:
        super().__init__(2, warm_up)
        self._submitted: list[Future[Any]] = []

    def map(self, function: Callable[[T], R], items: Sequence[T], tick: Tick | None = None) -> list[R]:
        if self._fitting():
            return LocalEngine.map(self, function, items, tick)
        return ProcessEngine.map(self, function, items, tick)

    def map_chunks(self, function: Callable[[T], R], chunks: Iterable[tuple[K, Sequence[T]]],
                   tick: Tick | None = None, sent: Callable[[], None] | None = None,
                   here: Callable[[], bool] | None = None) -> Iterator[tuple[K, list[R]]]:
        if self._fitting():
            return LocalEngine.map_chunks(self, function, chunks, tick, sent, here)
        return ProcessEngine.map_chunks(self, function, chunks, tick, sent, here)

    def _fitting(self) -> bool:
        """Is the worker busy with what was submitted (the maps then stay in this process)?"""
        return any(not future.done() for future in self._submitted)

    def preload(self, function: Callable[[], Any], name: str) -> None:
        """Run ``function`` (picklable: what the fit of step ``name`` imports) in the worker now; an error is left
        for the fit to meet."""
        if self._pool is not None:
            with suppress(BrokenExecutor):  # (a lost worker: submit says so)
                self._pool.submit(function)  # (its future is dropped, and with it an error)

    def submit(self, function: Callable[..., R], *args: Any) -> Future[R] | None:
        """``function(*args)`` in the worker (None when it cannot be sent there: run it here)."""
        if self._pool is None:
            return None
        try:
            blob = pickle.dumps((function, args), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 (pickle raises several kinds: the caller runs it itself)
            logger.debug("cannot send a fit to the worker process", exc_info=True)
            return None
        try:
            future = self._pool.submit(_call_pickled, blob)
        except BrokenExecutor:
            if not self._said_lost:  # (a map that found it lost said so already: this process goes on alone)
                self._said_lost = True  # (and the maps after this one say nothing more)
                logger.warning("the worker process beside this one was lost; the fit runs here")
            return None
        self._submitted.append(future)
        return future


_MAIN_GUARD = re.compile(r"""__name__\s*==\s*['"]__main__['"]|['"]__main__['"]\s*==\s*__name__""")


def spawn_runs_no_script() -> bool:
    """Whether a spawned worker process starts without running this program's script again. A spawned process
    imports the main module (as ``__mp_main__``): a script that does its work at the top level, not under
    ``if __name__ == "__main__":``, would do it again there and fail. True when the main module has no file (an
    interactive session, ``python -c``, a notebook's kernel is guarded) or its source holds that test (tiyao's
    console script does)."""
    path = getattr(sys.modules.get("__main__"), "__file__", None)
    if path is None:
        return True
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return _MAIN_GUARD.search(handle.read()) is not None
    except OSError:
        return False


def _quietly(function: Callable[[], Any]) -> None:
    try:
        function()
    except Exception:  # noqa: BLE001 (the fit imports again and says what is wrong)
        logger.debug("preload failed", exc_info=True)


def _call_pickled(blob: bytes) -> Any:
    function, args = pickle.loads(blob)
    return function(*args)


class DaskEngine(LocalEngine):
    """Chunks of items mapped on a ``dask.distributed`` cluster (``map_reduce``: a ``dask.bag`` reduction).

    With ``scheduler`` (``tcp://host:8786``) it connects to that cluster; without, it starts a local cluster of
    ``jobs`` single-threaded worker processes for the run. Results are gathered in input order.
    """

    in_process = False
    local = False

    def __init__(self, jobs: int, scheduler: str | None = None, partition_size: int = 64) -> None:
        self.jobs = jobs
        self.scheduler = scheduler
        self.partition_size = partition_size
        self._client: Any = None
        self._cluster: Any = None

    def __enter__(self) -> DaskEngine:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise ConfigError("the Dask engine needs Dask: pip install 'tiyao[dask]'") from None
        if self.scheduler:
            check_scheduler(self.scheduler)
            try:
                self._client = Client(self.scheduler, timeout=DASK_CONNECT_TIMEOUT)
            except Exception as error:  # distributed raises OSError, TimeoutError, ValueError, ...
                raise ConfigError(f"cannot reach the Dask scheduler at {self.scheduler}: {error}",
                                  hint="Check the address (tcp://host:8786) and that the scheduler runs.") from None
        else:
            import dask

            # Ctrl-C is this process's to answer (see ProcessEngine.__enter__). Dask starts its workers from a
            # thread of its own, over seconds: rather than ignore SIGINT all that time, the workers are forked by
            # a fork server started (in milliseconds) with SIGINT ignored, which they inherit.
            forkserver = multiprocessing.get_context("forkserver")
            forkserver.set_forkserver_preload(["distributed"])
            with _sigint_ignored():
                multiprocessing.forkserver.ensure_running()
            try:
                # a Ctrl-C while the cluster starts is answered once it is up (a half-built cluster cannot be
                # closed cleanly)
                with _sigint_deferred(), \
                        dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"}):
                    self._cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                                 dashboard_address=":0", silence_logs=logging.CRITICAL)
                    self._client = Client(self._cluster)
            except BaseException:
                self.__exit__()
                raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None

    def _bag(self, items: Sequence[Any]) -> Any:
        import dask.bag as db

        partitions = max(1, -(-len(items) // self.partition_size))
        return db.from_sequence(list(items), npartitions=partitions)

    def map(self, function: Callable[[T], R], items: Sequence[T], tick: Tick | None = None) -> list[R]:
        if not items:
            return []
        client = self._client
        _pickled(function)  # a clear error now rather than a failed task later
        work = client.scatter(function, broadcast=True, hash=False)
        size = self.partition_size
        chunks = client.scatter([list(items[i:i + size]) for i in range(0, len(items), size)], hash=False)
        futures = client.map(_apply, chunks, work=work, pure=False)
        results: list[R] = []
        for part in client.gather(futures):
            results += part
            if tick is not None:
                tick(len(results), len(items))
        return results

    def map_reduce(self, function: Callable[[T], R], combine: Callable[[R, R], R], items: Sequence[T],
                   initial: R) -> R:
        if not items:
            return initial

        def partition(values: Any) -> R:
            return reduce(combine, map(function, values), initial)

        def aggregate(parts: Any) -> R:
            return reduce(combine, parts, initial)

        return self._bag(items).reduction(partition, aggregate).compute(scheduler=self._client)


def scheduler_address(address: str) -> tuple[str, int]:
    """The host and port of a ``tcp://host:port`` scheduler address; a ConfigError for anything else."""
    found = _SCHEDULER_ADDRESS.fullmatch(address.strip())
    if found is None or not 1 <= int(found["port"]) <= 65535:
        raise ConfigError(f"the scheduler address must be tcp://host:port with a port from 1 to 65535 "
                          f"(e.g. tcp://127.0.0.1:8786); got {address!r}")
    return found["host"].strip("[]"), int(found["port"])


def check_scheduler(address: str, timeout: float = SCHEDULER_PROBE_SECONDS) -> None:
    """Fail with a ConfigError unless ``address`` is ``tcp://host:port`` and something there answers like a Dask
    scheduler within ``timeout`` seconds (a scheduler greets first; its first 8 bytes are a small length).

    This keeps Dask's client from waiting on an address that never answers, or from reading an HTTP server's
    reply as a frame length (and asking for exabytes)."""
    host, port = scheduler_address(address)
    hint = "Check the address and that a Dask scheduler runs there (dask scheduler --port 8786)."
    try:
        with socket.create_connection((host, port), timeout=timeout) as connection:
            greeting = b""
            while len(greeting) < 8:
                part = connection.recv(8 - len(greeting))
                if not part:
                    break
                greeting += part
    except socket.timeout:
        raise ConfigError(f"no Dask scheduler answered at {address} within {timeout:g} s", hint=hint) from None
    except OSError as error:
        raise ConfigError(f"cannot reach the Dask scheduler at {address}: {error.strerror or error}",
                          hint=hint) from None
    if len(greeting) < 8 or struct.unpack("<Q", greeting)[0] > _MAX_HANDSHAKE_BYTES:
        raise ConfigError(f"{address} does not answer like a Dask scheduler (it sent {greeting!r})", hint=hint)


def _apply(items: Sequence[Any], work: Callable[[Any], Any]) -> list[Any]:
    return [work(item) for item in items]


def _pickled(function: object) -> bytes:
    """The pickled work; fails at once, with a clear message, on work that cannot be sent to another process
    (rather than a pool that waits for results that never come)."""
    try:
        return pickle.dumps(function, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as error:  # pickle raises several kinds
        raise ConfigError(f"the work of this run cannot be sent to worker processes: {error}",
                          hint="Run with --jobs 1.") from None


def make_engine(engine: str, jobs: int, scheduler: str | None = None,
                warm_up: Callable[[], None] | None = None) -> LocalEngine:
    """The engine a config asks for; ``warm_up`` (picklable) runs once in each new local worker process."""
    if engine not in ENGINES:
        raise ConfigError(f"engine must be one of {', '.join(ENGINES)}; got {engine!r}")
    if engine == "dask":
        return DaskEngine(jobs, scheduler)
    return ProcessEngine(jobs, warm_up) if jobs > 1 else LocalEngine()
