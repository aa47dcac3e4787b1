"""Shared fixtures: one Segmenter for the session, the seed corpus, and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiyao.corpus import read_corpus
from tiyao.segment import Segmenter

ROOT = Path(__file__).resolve().parent.parent  # tiyao itself is imported as installed (pip install -e '.[test]')

SEEDS = ROOT / "seeds"
SEED_TITLES = (
    "西集镇全面推动计划生育工作再上新台阶",
    "西集镇计生信贷助推育龄妇女创业",
    "西集镇人大视察促计生政策落实",
    "西集镇计生协会“贷”动计生户创业",
    "西集镇计生办采纳人大建议简化办证程序",
    "西集镇小额贷款引领计生户致富",
    "西集镇着力加强基层计生“四化”建设",
    "西集镇多措并举打“两非”",
)


@pytest.fixture(scope="session")
def segmenter() -> Segmenter:
    return Segmenter()


@pytest.fixture(scope="session")
def seed_corpus():
    return read_corpus([SEEDS])


@pytest.fixture(scope="session")
def seed_documents(seed_corpus):
    return seed_corpus.documents


@pytest.fixture(scope="session")
def seed_segmented(seed_documents, segmenter):
    return tuple(segmenter.segment(d) for d in seed_documents)


@pytest.fixture()
def runner():
    from typer.testing import CliRunner

    return CliRunner()
