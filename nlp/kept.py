"""What the first passes over a corpus keep for the later ones (:mod:`tiyao.pipeline`), so that an article is read
and cleaned once (:class:`Replay`) and segmented and prepared once (:class:`Kept`) per run.

Replay
------
A corpus streamed from files is gone over several times: to see that it has articles, to decide on worker
processes, to discover new words, to fit, to analyse (and, with a progress bar, to count). Reading and cleaning
an article again each time cost THUCNews-1000 (1.0M characters) ~0.2 s of CPU per pass, in the main process. So the
records read are logged as they are read, the first ``memory_chars`` characters' worth in memory, the next
``disk_chars`` pickled in a temporary file, and each pass replays the log and reads on where the last one stopped.
A corpus larger than both is read from its files again on each later pass, as before.

Kept
----
What a step prepares of an article (keyword candidates, the summary: :mod:`tiyao.steps`) needs nothing fitted on the
corpus, so the fit pass, which segments every article anyway, prepares it too and the analysis pass only ranks.
The first ``memory_chars`` characters' worth of articles are kept in memory; past that, what was prepared is
pickled to a temporary file (deleted when the run ends, however it ends), up to ``disk_chars`` characters' worth;
an article past both is segmented and prepared again in the analysis pass, as every article once was.

A worker process (``jobs`` > 1) appends what it prepared, pickled, to its own file in a folder of the run
(:class:`Shelf`) and sends back only where it is (:class:`Stored`); the process that analyses the article reads it
there and unpickles it. Sent through the pool's pipes (~15 bytes a character, to this process and back to a
worker), it was most of what went through them, and a worker waited for its next part while megabytes went by in
pieces of 64 KB. Where the folder cannot be made or written, the worker sends it back pickled (``bytes``) and it
is kept so, in memory or on disk. What this process prepared itself (with workers or without) is kept as it is
and pickled only to go to disk.

Measured on THUCNews-1000 (1.0M characters): what the steps prepare pickles to ~15 bytes per character of text
(keyword candidates with the article's token texts ~96 %, the summary ~4 %), pickled in 0.15 s and unpickled in
0.2 s, against ~2.6 s of CPU to segment and prepare the same articles again.
"""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import islice
from typing import IO, Any, Generic, NamedTuple, TypeVar

T = TypeVar("T")
logger = logging.getLogger(__name__)

#: What is kept of one article: what each step prepared (step name -> prepared), or the same pickled.
Prepared = dict[str, Any]


class _SpillFile:
    """Pickled things appended to a temporary file (made on the first write by ``make``, by default one deleted
    when closed or when the process ends, however it ends), read back by where they were written. A file that
    cannot be made or written (no room left in ``TMPDIR``) takes nothing more: what was not kept is worked out
    again (or, as ``then`` says, goes elsewhere), the run goes on."""

    def __init__(self, holding: str, make: Callable[[], IO[bytes]] | None = None,
                 then: str = "the rest is worked out again in the analysis pass") -> None:
        self.holding = holding  # what it holds, in words (for the warning)
        self.make = make or partial(tempfile.TemporaryFile, prefix="tiyao-kept-")
        self.then = then
        self._file: IO[bytes] | None = None
        self._end = 0
        self._failed = False

    def write(self, blob: bytes) -> tuple[int, int] | None:
        """Append ``blob``; its (offset, size), or None when it could not be written."""
        if self._failed:
            return None
        try:
            if self._file is None:
                self._file = self.make()
            self._file.seek(self._end)
            self._file.write(blob)
            self._file.flush()  # (a full disk says so here, not at a later read; another process may read it)
        except OSError as error:
            logger.warning("cannot keep more %s in a temporary file (%s); %s", self.holding, error, self.then)
            self._failed = True
            return None
        where = (self._end, len(blob))
        self._end += len(blob)
        return where

    def read(self, where: tuple[int, int]) -> bytes:
        assert self._file is not None
        offset, size = where
        self._file.seek(offset)
        return self._file.read(size)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def _pickle(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


class _OnDisk(NamedTuple):
    """Where a value is in the temporary file."""

    offset: int
    size: int


class _Store:
    """Values kept in memory while those kept there hold fewer than ``memory_chars`` characters of text, then
    pickled in a temporary file (:class:`_SpillFile`). A value given pickled (``bytes``) is written as it is; with
    ``pickled`` what was written is given back pickled, else unpickled."""

    def __init__(self, memory_chars: int, holding: str, *, pickled: bool = False) -> None:
        self.memory_chars = memory_chars
        self.pickled = pickled
        self._in_memory = 0  # characters of the values kept in memory
        self._file = _SpillFile(holding)

    def put(self, value: Any, chars: int) -> Any:
        """Keep ``value`` (for ``chars`` characters of text): where it is kept, for :meth:`get`, or None when
        the temporary file took nothing."""
        if self._in_memory < self.memory_chars:
            self._in_memory += chars
            return value
        where = self._file.write(value if isinstance(value, bytes) else _pickle(value))
        return None if where is None else _OnDisk(*where)

    def get(self, kept: Any) -> Any:
        """The value :meth:`put` kept at ``kept``."""
        if not isinstance(kept, _OnDisk):
            return kept
        blob = self._file.read(kept)
        return blob if self.pickled else pickle.loads(blob)

    def close(self) -> None:
        self._file.close()


class Stored(NamedTuple):
    """Where a worker process wrote what it prepared of an article (:class:`Shelf`)."""

    path: str
    offset: int
    size: int


class Shelf:
    """A folder of the run in which each worker process appends what it prepared of the articles, pickled, to a file
    of its own, read back by the process that analyses them. Made by :class:`Kept` (``pickled``) and deleted with
    it; a pickled copy (sent to a worker with the work) opens its own files. A file that cannot be written takes
    nothing more (what it did not take goes back pickled)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self._writing: _SpillFile | None = None
        self._path = ""  # (this process's file)
        self._reading: dict[str, IO[bytes]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"folder": self.folder}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["folder"])  # type: ignore[misc]

    def write(self, blob: bytes) -> Stored | None:
        """Append ``blob`` to this process's file: where it is, or None when it could not be written."""
        if self._writing is None:
            self._path = os.path.join(self.folder, f"{os.getpid()}.kept")
            self._writing = _SpillFile("of what the fit pass prepared of the articles", partial(open, self._path, "xb"),
                                       then="the rest goes back to the main process")
        where = self._writing.write(blob)
        return None if where is None else Stored(self._path, *where)

    def read(self, stored: Stored) -> bytes:
        file = self._reading.get(stored.path)
        if file is None:
            file = self._reading[stored.path] = open(stored.path, "rb")
        file.seek(stored.offset)
        return file.read(stored.size)

    def close(self) -> None:
        if self._writing is not None:
            self._writing.close()
            self._writing = None
        for file in self._reading.values():
            file.close()
        self._reading.clear()


class Kept:
    """What the fit pass prepared of each article, by article id: in memory up to ``memory_chars`` characters of
    text, then on disk (a temporary file) up to ``disk_chars`` more. ``pickled``: what worker processes prepared
    comes written to the :attr:`shelf` (:class:`Stored`: handed back so) or, where that failed, pickled
    (``bytes``: kept and handed back so), and what this process prepared beside them is kept as the dict, handed
    back pickled when it went to disk; without ``pickled`` it is the dict, pickled only on disk."""

    def __init__(self, memory_chars: int, disk_chars: int, *, pickled: bool = False) -> None:
        self.memory_chars = memory_chars
        self.disk_chars = disk_chars
        self.pickled = pickled
        self._promised = 0  # characters of the articles promised a place (see takes)
        self._kept: dict[str, Any] = {}  # id -> where it is kept (_Store.put)
        self._store = _Store(memory_chars, "of what the fit pass prepared of the articles", pickled=pickled)
        #: where worker processes write what they prepare (None without workers, or when no folder can be made)
        self.shelf: Shelf | None = None
        if pickled:
            try:
                self.shelf = Shelf(tempfile.mkdtemp(prefix="tiyao-kept-"))
            except OSError as error:
                logger.warning("cannot make a temporary folder (%s); the workers send back what they prepare", error)

    def takes(self, chars: int) -> bool:
        """Will an article of ``chars`` characters be kept (in memory or on disk), if it is given? Asked once per
        article, in input order, before it is prepared: the articles kept are the first ones."""
        if self._promised >= self.memory_chars + self.disk_chars:
            return False
        self._promised += chars
        return True

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._kept

    def __len__(self) -> int:
        return len(self._kept)

    @property
    def on_disk(self) -> int:
        """How many articles are kept on disk."""
        return sum(isinstance(kept, _OnDisk) for kept in self._kept.values())

    @property
    def in_shelf(self) -> int:
        """How many articles are kept where a worker process stored them (:attr:`shelf`)."""
        return sum(isinstance(kept, Stored) for kept in self._kept.values())

    def put(self, doc_id: str, prepared: Prepared | bytes | Stored, chars: int) -> None:
        """Keep what was prepared of the article ``doc_id`` (of ``chars`` characters): in memory while the
        articles kept there hold fewer than ``memory_chars`` characters, else on disk (where a worker stored it:
        that place)."""
        kept = prepared if isinstance(prepared, Stored) else self._store.put(prepared, chars)
        if kept is not None:  # (else the article is prepared again in the analysis pass)
            self._kept[doc_id] = kept

    def pop(self, doc_id: str) -> Prepared | bytes | Stored | None:
        """What was kept of ``doc_id`` (None: nothing), let go: as it was given (with ``pickled``, a dict that went
        to disk comes back pickled)."""
        kept = self._kept.pop(doc_id, None)
        return kept if kept is None or isinstance(kept, Stored) else self._store.get(kept)

    def close(self) -> None:
        """Let everything go and delete the file and the shelf's folder (its files are the workers': close the
        engine first)."""
        self._kept.clear()
        self._store.close()
        if self.shelf is not None:
            self.shelf.close()
            shutil.rmtree(self.shelf.folder, ignore_errors=True)


def unpickled(prepared: Prepared | bytes | Stored, shelf: Shelf | None = None) -> Prepared:
    """What was prepared, as the dict (unpickled when it came pickled from another process, read from ``shelf``'s
    files when a worker stored it there)."""
    if isinstance(prepared, Stored):
        if shelf is None:
            raise ValueError("what a worker stored is read through a Shelf")
        prepared = shelf.read(prepared)
    return pickle.loads(prepared) if isinstance(prepared, bytes) else prepared


class Replay(Generic[T]):
    """The records of ``source`` (a function giving them anew on each call), read once and given again on each
    call: a call replays what earlier calls read and reads on from where they stopped, logging what it reads (in
    memory up to ``memory_chars`` characters of text, ``size(record)`` each, then on disk up to ``disk_chars``).
    Once the log is full, a call that goes past it reads the source again from the start (skipping what the log
    gave)."""

    def __init__(self, source: Callable[[], Iterable[T]], memory_chars: int, disk_chars: int,
                 size: Callable[[T], int]) -> None:
        self._source = source
        self.memory_chars = memory_chars
        self.disk_chars = disk_chars
        self._size = size
        self._log: list[Any] = []  # where each record is kept (_Store.put)
        self._chars = 0
        self._reading: Iterator[T] | None = None  # the source as far as the log goes (None: not started)
        self._complete = False  # the source was read to its end
        self._full = False  # the log is full: records past it are not logged
        self._store = _Store(memory_chars, "of the articles read")

    def __call__(self) -> Iterator[T]:
        place = 0
        while True:
            if place < len(self._log):
                yield self._store.get(self._log[place])
                place += 1
                continue
            if self._complete:
                return
            if self._full:  # the log stops here: the rest comes from the source, read again
                yield from islice(self._source(), place, None)
                return
            if self._reading is None:
                self._reading = iter(self._source())
            record = next(self._reading, _END)
            if record is _END:
                self._complete = True
                self._reading = None
                return
            if not self._add(record):  # the log is full: this call reads on, unlogged
                reading, self._reading = self._reading, None
                yield record
                yield from reading
                return

    def _add(self, record: T) -> bool:
        """Log ``record``; False when the log is full."""
        size = self._size(record)
        if self._chars + size > self.memory_chars + self.disk_chars:
            self._full = True
            return False
        kept = self._store.put(record, size)
        if kept is None:
            self._full = True
            return False
        self._log.append(kept)
        self._chars += size
        return True

    @property
    def complete(self) -> bool:
        """Was the whole source read into the log (later calls read no file)?"""
        return self._complete

    def close(self) -> None:
        """Let the log go and delete its file."""
        self._log.clear()
        self._full = True
        self._store.close()


_END: Any = object()
