"""Files that ship with tiyao or with its dependencies: stop words, the seed corpus, jieba's dictionaries."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import logging
import os
import pickle
import sys
import warnings
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import platformdirs

logger = logging.getLogger(__name__)
T = TypeVar("T")


def _data(name: str) -> Path:
    return Path(str(resources.files("tiyao") / "data" / name))


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """tiyao's curated Chinese stop words (``nlp/data/stopwords-zh.txt``; its header names the source)."""
    lines = _data("stopwords-zh.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def seed_corpus_path() -> Path:
    """The seed corpus: 8 articles on Xiji town (2013). Found beside the package in a checkout, or installed."""
    installed = Path(__file__).resolve().parent / "seeds"  # pyproject maps seeds/ to tiyao/seeds on install
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "seeds"


def cache_dir() -> Path:
    """Where tiyao keeps caches (jieba's prefix dictionary): the user's cache directory."""
    return Path(platformdirs.user_cache_dir("tiyao", appauthor=False))


def import_jieba() -> Any:
    """jieba, imported when it is first needed (not with ``import tiyao``: help and start-up stay fast); jieba 0.42
    imports pkg_resources, which warns on current setuptools: that warning is not the user's business."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*pkg_resources", category=UserWarning)
        import jieba
    return jieba


def _jieba_file(*parts: str) -> Path:
    """A file of the installed jieba package, found without importing jieba: a run with the rjieba backend needs
    its dictionary and IDF table, not its code (the import costs 0.05-0.09 s of CPU time)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:  # not installed (or not a plain package): the import says why
        return Path(import_jieba().__file__).parent.joinpath(*parts)
    return Path(spec.origin).parent.joinpath(*parts)


def jieba_dictionary() -> Path:
    """jieba's main dictionary (word, frequency, POS tag per line), read from the installed package."""
    return _jieba_file("dict.txt")


def jieba_idf_table() -> Path:
    """jieba's general-domain IDF table, read from the installed package (never copied into tiyao)."""
    return _jieba_file("analyse", "idf.txt")


@lru_cache(maxsize=1)
def jieba_pos_tags() -> dict[str, str]:
    """word -> POS tag from jieba's dictionary. Read once per process (from the cache: :func:`cached`); treat it as
    read-only."""
    return cached("jieba-tags", jieba_dictionary(), _read_pos_tags)


def _code_key(code: Any) -> str:
    """The code of a function as text that is the same in every process: its bytecode and constants, those of the
    code objects among them (a generator expression's) spelled out the same way, not by their ``repr``, which
    holds an address."""
    consts = [_code_key(const) if hasattr(const, "co_code") else repr(const) for const in code.co_consts]
    return f"{code.co_code.hex()}({','.join(consts)})"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _read_pos_tags(path: Path) -> dict[str, str]:
    tags: dict[str, str] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = sys.intern(parts[2])  # (one string per tag: pickled once, unpickled once)
    return tags


def cached(name: str, source: Path, read: Callable[[Path], T], *, settings: tuple[Any, ...] = ()) -> T:
    """``read(source)``, a table read from a file of a dependency, kept pickled in the cache directory and
    unpickled from there while the file and ``read`` are the same (the file's path, size and modification time,
    the code of ``read``, the ``settings`` it reads from elsewhere (module constants: their ``repr``), the Python
    version): every process (a run, each worker) reads jieba's tags and IDF table, and loading them from the cache
    takes 0.18-0.20 and 0.11 s of CPU where reading them took 0.28-0.34 and 0.25. Any trouble with the cache (not
    writable, no room, a damaged file) only means reading the file."""
    try:
        stat = source.stat()
        code = read.__code__
        where = str(source.resolve())
        key = "|".join(map(str, (where, stat.st_size, stat.st_mtime_ns, sys.version_info[:2], _code_key(code),
                                 *map(repr, settings))))
        # one file per source file (each environment's jieba its own), named by all the rest
        prefix = f"{name}-{_digest(where)[:12]}"
        path = cache_dir() / "tables" / f"{prefix}-{_digest(key)[:20]}.pickle"
    except (OSError, AttributeError):
        return read(source)
    try:
        with path.open("rb") as file:
            return pickle.load(file)  # type: ignore[no-any-return]
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 (a damaged or foreign file: read the source, and write it again)
        logger.debug("cache file %s cannot be read; reading %s", path, source, exc_info=True)
    value = read(source)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{prefix}-*.pickle"):  # (this file's table as it was, or an older reader's)
            if old != path:
                old.unlink(missing_ok=True)
        with partial.open("wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)  # (whole or not at all, for processes reading it meanwhile)
    except OSError:
        logger.debug("cannot write the cache file %s", path, exc_info=True)
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    return value
