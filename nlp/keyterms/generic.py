"""Specific over generic: how much a single word says about one article or one theme, measured, not listed.

A reader wants the words that are specific to an article (``计生户``, ``办证``, ``胎儿性别``), not those any article
of its kind could hold (``服务``, ``办理``, ``工作人员``, ``辖区``, ``全镇``). No list of such words is kept: a word's
genericness is read from signals measured on data, each a factor in (0, 1] (1: no evidence of genericness), and its
**specificity** is their product:

``background``
    Its spread in general Chinese: jieba's IDF table on the 0..1 scale (:func:`tiyao.idf.background_table`),
    ``min(1, idf / BACKGROUND_LINE)`` (``服务`` 0.38 -> 0.64, ``办理`` 0.47 -> 0.79, ``苗木`` 0.73 -> 1). A word the
    table lacks (a new word) has no evidence against it.
``part of speech``
    Its tag in jieba's dictionary: a verb or verbal noun (``v``, ``vd``, ``vn``: ``服务``, ``管理``, ``建设``) names an
    action any article can report, ``VERB_WEIGHT``.
``spread``
    Its spread over the units of the corpus at hand: over its articles for keywords, over its themes for theme
    labels (a word spread evenly over themes says nothing about any one). ``spread`` is the share of the units
    beyond the first that hold the word, ``(units holding it - 1) / (units - 1)`` (0 for a word of one unit, 1 for a
    word of all), and the factor ``1 - SPREAD_WEIGHT * spread``. (The corpus IDF also weighs this, but in a blend
    where a small corpus counts little beside the background: 8 articles, 14 %.)

Keyword ranking (:mod:`tiyao.keyterms.tfidf`) multiplies a single word's score by its specificity with its spread
over the corpus's articles; theme labels (:mod:`tiyao.cluster`) with its spread over the themes. Phrases keep their
score: a phrase is specific by its length (its own IDF counts it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .. import resources
from ..idf import background_table

#: Background IDF (0..1) below which a word counts as general and loses score in proportion.
BACKGROUND_LINE = 0.6
#: Weight of a word that jieba's dictionary tags as a verb or verbal noun.
VERB_WEIGHT = 0.85
#: Dictionary tags of verbs and verbal nouns.
VERB_TAGS = frozenset({"v", "vd", "vn"})
#: How much a word held by every unit of the corpus (article, theme) loses.
SPREAD_WEIGHT = 0.9


@dataclass(frozen=True, slots=True)
class Genericness:
    """The measured signals of one word and its specificity (their product, in (0, 1])."""

    word: str
    background: float  # factor from jieba's IDF table
    part_of_speech: float  # factor from jieba's dictionary tag
    spread: float  # factor from the share of the corpus's units holding it

    @property
    def specificity(self) -> float:
        return self.background * self.part_of_speech * self.spread


def background_factor(word: str, line: float = BACKGROUND_LINE) -> float:
    """``min(1, idf / line)`` with jieba's IDF on the 0..1 scale; 1 for a word the table lacks or ``line`` 0."""
    if line <= 0:
        return 1.0
    value = background_table()[0].get(word)
    return 1.0 if value is None or value >= line else value / line


def part_of_speech_factor(word: str) -> float:
    """``VERB_WEIGHT`` for a word jieba's dictionary tags as a verb or verbal noun, else 1."""
    return VERB_WEIGHT if resources.jieba_pos_tags().get(word) in VERB_TAGS else 1.0


def spread_factor(holding: float, units: float) -> float:
    """``1 - SPREAD_WEIGHT * (holding - 1) / (units - 1)``: 1 for a word of one unit (or a corpus of one)."""
    if units <= 1 or holding <= 1:
        return 1.0
    return 1.0 - SPREAD_WEIGHT * min(1.0, (holding - 1) / (units - 1))


def genericness(word: str, *, holding: float = 0, units: float = 0, line: float = BACKGROUND_LINE) -> Genericness:
    """Every signal of ``word``, of which ``holding`` of the corpus's ``units`` (articles or themes) hold it."""
    return Genericness(word, background_factor(word, line), part_of_speech_factor(word),
                       spread_factor(holding, units))


def specificities(words: Sequence[str], *, holding: Sequence[float] | None = None, units: float = 0,
                  line: float = BACKGROUND_LINE) -> np.ndarray:
    """:attr:`Genericness.specificity` of each word (the same product, in one loop): ``holding[i]`` of the
    corpus's ``units`` hold ``words[i]`` (no spread signal without ``holding``)."""
    values = np.ones(len(words))
    table = background_table()[0]
    tags = resources.jieba_pos_tags()
    for i, word in enumerate(words):
        value = 1.0
        idf = table.get(word)
        if line > 0 and idf is not None and idf < line:
            value = idf / line
        if tags.get(word) in VERB_TAGS:
            value *= VERB_WEIGHT
        if holding is not None:
            value *= spread_factor(holding[i], units)
        values[i] = value
    return values
