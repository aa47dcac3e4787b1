"""Specific over generic: how much a single word says about one article or one theme, measured, not listed.

A reader wants the words that are specific to an article (``计生户``, ``办证``, ``胎儿性别``), not those any article
of its kind could hold (``服务``, ``办理``, ``人口``, ``规范``). No list of such words is kept: a word's genericness is
read from signals measured on data, each a factor in (0, 1] (1: no evidence of genericness), and its
**specificity** is their product (:class:`Genericness`):

``background``
    Its spread in general Chinese: jieba's IDF table on the 0..1 scale (:func:`tiyao.idf.background_table`),
    ``min(1, idf / BACKGROUND_LINE)`` (``服务`` 0.38 -> 0.64, ``办理`` 0.47 -> 0.79, ``苗木`` 0.73 -> 1). A word the
    table lacks (a new word) has no evidence against it.
``part of speech``
    Its tag in jieba's dictionary: a verb or verbal noun (``v``, ``vd``, ``vn``: ``服务``, ``管理``, ``建设``) names an
    action any article can report: ``VERB_WEIGHT``.
``spread``
    Its spread over the units of the corpus at hand, ``1 - weight * spread``:

    * for **keywords**, over the corpus's articles: ``spread = (articles holding it - 1) / (articles - 1)`` (0 for a
      word of one article, 1 for a word of all; ``weight`` ``SPREAD_WEIGHT``), 0 for a word of the article's title
      (what the article is about, however many others hold it). The corpus IDF weighs this too, but in a blend
      where a small corpus counts little beside the background (8 articles: 14 %): on the seeds ``服务`` (6 of 8
      articles) keeps 0.32 of its score, ``办理`` (4 of 8) 0.59;
    * for **theme labels**, over the themes: how evenly it is spread over them (a word spread evenly over themes
      says nothing about any one), the entropy of its share of each theme's articles over ``log(themes)``
      (:func:`even_spread`; ``weight`` ``THEME_SPREAD_WEIGHT``). With two themes the background counts fully;
      with ``k`` themes it counts as the ``1 / (k - 1)`` power, since where a word falls among many themes says
      more than its use in Chinese at large (``体育`` and ``艺术`` stay in the labels of Fudan's 7 themes, where
      the full background took them out).

Keyword ranking (:mod:`tiyao.keyterms.tfidf`) multiplies a single word's score by its specificity; theme labels
(:mod:`tiyao.cluster`) the label weight of each word. Phrases keep their score: a phrase is specific by its length
(it has its own IDF). What the signals cannot see: a word rare in jieba's table and found in few articles of a
small corpus (``全镇``, ``辖区``, ``工作人员`` on the seeds) is not measured generic; words after a preposition
(``在全镇开展``) were tried as a sign of a scope word and cost CSL dev exact F1@5 0.002 (``对柴油机进行…``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import TYPE_CHECKING

import numpy as np

from .. import resources
from ..idf import background_table

if TYPE_CHECKING:
    from ..lexicon import Lexicon

#: Background IDF (0..1) below which a word counts as general and loses score in proportion.
BACKGROUND_LINE = 0.6
#: Weight of a word that jieba's dictionary tags as a verb or verbal noun.
VERB_WEIGHT = 0.85
#: Dictionary tags of verbs and verbal nouns.
VERB_TAGS = frozenset({"v", "vd", "vn"})
#: How much a keyword held by every article of the corpus loses.
SPREAD_WEIGHT = 0.95
#: How much a label word spread evenly over the themes loses (at 0.9, ``艺术`` left the label of Fudan's art theme;
#: at 0.5, THUCNews-1000's labels trade ``股票``, ``指数``, ``房地产``, ``比赛`` for ``仓位``, ``净值``, ``楼盘``, ``火箭``).
THEME_SPREAD_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class Genericness:
    """The measured signals of one word, each a factor in (0, 1], and its specificity (their product)."""

    word: str
    background: float  # from jieba's IDF table
    part_of_speech: float  # from jieba's dictionary tag
    spread: float  # from its spread over the corpus's articles or themes

    @property
    def specificity(self) -> float:
        return self.background * self.part_of_speech * self.spread


def dictionary_signals(words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """What jieba's tables say of each word: its IDF on the 0..1 scale (``inf`` for a word the table lacks), and
    whether the dictionary tags it as a verb or verbal noun (one look-up per word in each table)."""
    size = len(words)
    idf = np.fromiter(map(background_table()[0].get, words, repeat(np.inf)), dtype=np.float64, count=size)
    verbs = np.array(list(map(VERB_TAGS.__contains__, map(resources.jieba_pos_tags().get, words))), dtype=bool)
    return idf, verbs.reshape(size)


def background_idf(lexicon: Lexicon, start: int, stop: int) -> np.ndarray:
    """:func:`dictionary_signals`' IDF of the entries ``start..stop - 1`` of ``lexicon`` (a column rule)."""
    return dictionary_signals(lexicon.words[start:stop])[0]


def dictionary_verb(lexicon: Lexicon, start: int, stop: int) -> np.ndarray:
    """:func:`dictionary_signals`' verb flag of the entries ``start..stop - 1`` of ``lexicon`` (a column rule)."""
    return dictionary_signals(lexicon.words[start:stop])[1]


def _dictionary_factors(words: Sequence[str], line: float, background_power: float,
                        signals: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The background factor (``min(1, idf / line) ** background_power`` with jieba's IDF on the 0..1 scale; 1 for
    a word the table lacks or ``line`` 0) and the part-of-speech factor (``VERB_WEIGHT`` for a verb or verbal noun
    in jieba's dictionary, else 1) of each of ``words``, as arrays (``signals``: their
    :func:`dictionary_signals`, when known)."""
    idf, verbs = dictionary_signals(words) if signals is None else signals
    background = np.ones(idf.size)  # (inf: a word the table lacks)
    if line > 0:
        low = np.flatnonzero(idf < line)
        ratio = idf[low] / line
        background[low] = ratio if background_power == 1.0 else [r ** background_power for r in ratio.tolist()]
    return background, np.where(verbs, VERB_WEIGHT, 1.0)


def _spread_factor(spread: np.ndarray, weight: float) -> np.ndarray:
    return 1.0 - weight * np.minimum(1.0, np.maximum(0.0, spread))


def article_spread(holding: float, articles: float) -> float:
    """``(holding - 1) / (articles - 1)`` in 0..1: 0 for a word of one article (or a corpus of one)."""
    return float(article_spreads(np.array([holding]), articles)[0])


def article_spreads(holding: np.ndarray, articles: float) -> np.ndarray:
    """:func:`article_spread` of each count of ``holding`` (articles holding a word), as an array."""
    if articles <= 1:
        return np.zeros(len(holding))
    holding = np.asarray(holding, dtype=np.float64)
    return np.where(holding <= 1, 0.0, np.minimum(1.0, (holding - 1) / (articles - 1)))


def even_spread(rates: np.ndarray) -> np.ndarray:
    """How evenly each word (a column of ``rates``, units x words: its rate in each unit, e.g. the share of a
    theme's articles that hold it) is spread over the units: the entropy of its rates made a distribution, over
    ``log(units)``. 0 for a word of one unit (or with one unit), 1 for a word as frequent in every unit."""
    rates = np.asarray(rates, dtype=np.float64)
    if rates.ndim != 2 or rates.shape[0] <= 1:
        return np.zeros(rates.shape[-1] if rates.ndim else 0)
    totals = rates.sum(axis=0)
    p = rates / np.where(totals > 0, totals, 1.0)
    safe = np.where(p > 0, p, 1.0)
    return -(p * np.log(safe)).sum(axis=0) / math.log(rates.shape[0])


def genericness(word: str, *, spread: float = 0.0, weight: float = SPREAD_WEIGHT,
                line: float = BACKGROUND_LINE, background_power: float = 1.0) -> Genericness:
    """Every signal of ``word``, whose ``spread`` (0..1) over the corpus's units is given
    (:func:`article_spread`, :func:`even_spread`), with that signal's ``weight``."""
    background, part_of_speech = _dictionary_factors([word], line, background_power)
    return Genericness(word, float(background[0]), float(part_of_speech[0]),
                       float(_spread_factor(np.float64(spread), weight)))


def specificities(words: Sequence[str], *, spread: Sequence[float] | None = None, weight: float = SPREAD_WEIGHT,
                  line: float = BACKGROUND_LINE, background_power: float = 1.0,
                  signals: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """:attr:`Genericness.specificity` of each word, over arrays (``spread[i]``: that of ``words[i]``; no spread
    signal without it; ``signals``: the words' :func:`dictionary_signals`, when a lexicon holds them)."""
    background, part_of_speech = _dictionary_factors(words, line, background_power, signals)
    values = background * part_of_speech
    if spread is not None:
        values *= _spread_factor(np.asarray(spread, dtype=np.float64), weight)
    return values
