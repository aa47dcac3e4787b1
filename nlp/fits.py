"""What each step fitted on the corpus, by step name (:mod:`tiyao.pipeline`); a fit may be left to run later, in a
thread, while the analysis pass goes on.

With worker processes the main process fits each step between the two passes while the workers wait. A step whose
fit holds every article's result (``fitted_results``: the themes, whose fit gives each article its theme) needs
nothing of it in the workers: its fit runs in a thread of the main process while the workers analyse the other
steps, and its results are looked up when the articles' results are given (THUCNews-1000 x 20: the themes fit
takes ~7 s of the main process). Meanwhile the main process leaves the articles to the workers (the fit may use
what their work holds); once the fit is done it works on them too (:meth:`tiyao.engine.ProcessEngine.map_chunks`).
Without workers (a corpus too small for a pool to pay) but with a core to spare, such a fit runs in a worker process
of its own while this process analyses (:class:`tiyao.engine.SideEngine`, :meth:`Fits.running`): it needs none
of the analysis, and scikit-learn is imported there, while this process scans. Should that process be lost, the
fit runs here. The fit is the same call on the same parts, so the output is the same.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import BrokenExecutor, Future
from typing import Any

logger = logging.getLogger(__name__)


class Fits(Mapping[str, Any]):
    """Step name -> what it fitted. A fit given as ``later`` runs in a thread once :meth:`start` is called, or
    here when it is read before; reading it waits for it (and raises what it raised)."""

    def __init__(self) -> None:
        self._names: list[str] = []
        self._values: dict[str, Any] = {}
        self._later: dict[str, Callable[[], Any]] = {}
        self._running: dict[str, Future[Any]] = {}
        self._here: dict[str, Callable[[], Any]] = {}
        self._lock = threading.Lock()

    def set(self, name: str, value: Any) -> None:
        self._names.append(name)
        self._values[name] = value

    def later(self, name: str, fit: Callable[[], Any]) -> None:
        """``fit()`` is what ``name`` fitted: run by :meth:`start`, or when it is read first."""
        self._names.append(name)
        self._later[name] = fit

    def running(self, name: str, future: Future[Any], here: Callable[[], Any]) -> None:
        """``future`` gives what ``name`` fitted (a fit running in another process); should that process be lost
        (killed, out of memory), ``here()`` fits it in this one."""
        self._names.append(name)
        with self._lock:
            self._running[name] = future
        self._here[name] = here

    @property
    def pending(self) -> frozenset[str]:
        """The steps whose fit has not ended (not started, or running)."""
        with self._lock:
            return frozenset(self._later) | frozenset(name for name, future in self._running.items()
                                                      if not future.done())

    def start(self) -> None:
        """Start every fit left for later, each in a thread of its own."""
        with self._lock:
            later, self._later = self._later, {}
            for name, fit in later.items():
                future: Future[Any] = Future()
                self._running[name] = future
                threading.Thread(target=_run, args=(future, fit), daemon=True, name=f"tiyao-fit-{name}").start()

    def wait(self) -> None:
        """Wait for every fit to end (raising what one raised)."""
        for name in self._names:
            self[name]

    def __getitem__(self, name: str) -> Any:
        with self._lock:
            fit = self._later.pop(name, None)
            future = self._running.get(name)
        if fit is not None:
            self._values[name] = fit()
        elif future is not None:
            try:
                self._values[name] = future.result()
            except BrokenExecutor:
                logger.warning("the process fitting the %s was lost; fitting them here", name)
                self._values[name] = self._here[name]()
            self._here.pop(name, None)
            with self._lock:
                self._running.pop(name, None)
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def _run(future: Future[Any], fit: Callable[[], Any]) -> None:
    future.set_running_or_notify_cancel()
    try:
        future.set_result(fit())
    except BaseException as error:  # noqa: BLE001 (given to whoever reads the fit)
        future.set_exception(error)
