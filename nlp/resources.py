"""Files that ship with tiyao or with its dependencies: stop words, the seed corpus, jieba's dictionaries."""

from __future__ import annotations

import importlib.util
import warnings
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs


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
    """word -> POS tag from jieba's dictionary. Read once per process; treat it as read-only."""
    tags: dict[str, str] = {}
    with jieba_dictionary().open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return tags
