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

``scope``
    A scope word, a determiner and an administrative unit read from jieba's dictionary (``全镇``, ``各村``, ``本市``:
    :mod:`tiyao.keyterms.scope`), points at the place an article is about and does not name it: ``SCOPE_WEIGHT``.
    IDF cannot see it (jieba's table gives ``全镇`` 10.16, above ``计划生育``'s 8.76). On CSL dev no figure moves
    (its abstracts hardly hold one); on the seeds ``全镇`` left articles 7 and 8 and the first theme's label.
``composition``
    A four-character word of two two-character words that are both common in general Chinese (both below
    ``COMPOUND_LINE`` in jieba's table: ``市场经济``, ``管理工作``, ``发展趋势``, ``数据分析``) says what any article of
    its field could say: ``(larger IDF / COMPOUND_LINE) ** COMPOUND_POWER``. Among our top-10 keywords on CSL dev,
    4 of the 69 such words below 0.41 were the authors' (6 %), against 16 % of all our keywords. CSL dev
    exact F1@5 0.2809 -> 0.2812, F1@10 0.2193 -> 0.2198, partial F1@5 0.5036 -> 0.5039 (line 0.40 to 0.42, power
    6 to 12: within 0.0005 of these); a flat weight below the line (0.3 or 0.5) gained less, a line at 0.43 or 0.45
    cost exact F1@5 (0.2816, 0.2810 against 0.2822 with everything else of session 5).

Keyword ranking (:mod:`tiyao.keyterms.tfidf`) multiplies a single word's score by its specificity; theme labels
(:mod:`tiyao.cluster`) the label weight of each word. Phrases keep their score: a phrase is specific by its length
(it has its own IDF). What the signals cannot see: a word rare in jieba's table and found in few articles of a
small corpus (``辖区``, ``工作人员`` on the seeds) is not measured generic; words after a preposition
(``在全镇开展``) were tried as a sign of a scope word and cost CSL dev exact F1@5 0.002 (``对柴油机进行…``).
Tried in session 5 and not kept: the IDF of a word's parts for any split (two characters included: ``人大`` is
``人`` and ``大``; among CSL dev keywords the authors' share hardly moves with it); burstiness, jieba's dictionary
frequency against its IDF (two different corpora: ``全镇`` and ``计划生育`` alike); a word the dictionary lacks
that starts or ends with a preposition, conjunction or particle (``角为``, ``对溯``: CSL dev exact F1@5 0.2809 ->
0.2799, since ``除磷``, ``比选``, ``自振频率`` have that shape; with the last character only, partial F1@10 lost
0.0001 and ``办理`` took ``角为``'s place on the seeds). A narrower rule is now in the keyword ranking (a word of two
or three characters the HMM glued from a particle and a character: :mod:`tiyao.keyterms.tfidf`), and ``办理`` holds
the last place of seed article 5 again. ``工作人员``
(``工作`` 0.30, ``人员`` 0.40) keeps 0.85 of its score under the composition line: a line at 0.43 takes it out of
seed article 5, ``办理`` comes in.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .. import resources
from ..idf import background_table
from .scope import is_scope_word

#: Background IDF (0..1) below which a word counts as general and loses score in proportion.
BACKGROUND_LINE = 0.6
#: Weight of a word that jieba's dictionary tags as a verb or verbal noun.
VERB_WEIGHT = 0.85
#: Weight of a scope word, a determiner and a place unit (``全镇``, ``各村``: :mod:`tiyao.keyterms.scope`).
SCOPE_WEIGHT = 0.3
#: A word of two two-character dictionary words whose background IDFs are both below this line is a compound of
#: common words (``市场经济``, ``管理工作``, ``发展趋势``) and loses score as ``(larger IDF / line) ** COMPOUND_POWER``.
COMPOUND_LINE = 0.41
COMPOUND_POWER = 8.0
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
    scope: float = 1.0  # SCOPE_WEIGHT for a scope word (determiner + place unit)
    composition: float = 1.0  # below 1 for a compound of two common words

    @property
    def specificity(self) -> float:
        return self.background * self.part_of_speech * self.spread * self.scope * self.composition


def _dictionary_factors(word: str, table: dict[str, float], tags: dict[str, str], line: float,
                        background_power: float) -> tuple[float, float]:
    """The background factor (``min(1, idf / line) ** background_power`` with jieba's IDF on the 0..1 scale; 1 for
    a word the table lacks or ``line`` 0) and the part-of-speech factor (``VERB_WEIGHT`` for a verb or verbal noun
    in jieba's dictionary, else 1) of ``word``."""
    idf = table.get(word)
    background = (idf / line) ** background_power if line > 0 and idf is not None and idf < line else 1.0
    return background, VERB_WEIGHT if tags.get(word) in VERB_TAGS else 1.0


def _scope_factor(word: str) -> float:
    return SCOPE_WEIGHT if is_scope_word(word) else 1.0


def _composition_factor(word: str, table: dict[str, float]) -> float:
    """``(larger IDF / COMPOUND_LINE) ** COMPOUND_POWER`` for a four-character word made of two two-character words
    of jieba's IDF table that are both below the line (both common: ``工作人员`` 0.30 and 0.40), else 1."""
    if len(word) != 4:
        return 1.0
    head, tail = table.get(word[:2]), table.get(word[2:])
    if head is None or tail is None:
        return 1.0
    larger = max(head, tail)
    return (larger / COMPOUND_LINE) ** COMPOUND_POWER if larger < COMPOUND_LINE else 1.0


def _spread_factor(spread: float, weight: float) -> float:
    return 1.0 - weight * min(1.0, max(0.0, spread))


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
    table = background_table()[0]
    background, part_of_speech = _dictionary_factors(word, table, resources.jieba_pos_tags(), line, background_power)
    return Genericness(word, background, part_of_speech, _spread_factor(spread, weight), _scope_factor(word),
                       _composition_factor(word, table))


def specificities(words: Sequence[str], *, spread: Sequence[float] | None = None, weight: float = SPREAD_WEIGHT,
                  line: float = BACKGROUND_LINE, background_power: float = 1.0) -> np.ndarray:
    """:attr:`Genericness.specificity` of each word (``spread[i]``: that of ``words[i]``; no spread signal without
    it). The signals of the word alone are worked out once per word (:func:`_word_specificity`), the spread for
    all the words at once."""
    weights = (VERB_WEIGHT, SCOPE_WEIGHT, COMPOUND_LINE, COMPOUND_POWER)  # as they are now
    memo = _memo(line, background_power, weights)
    values = list(map(memo.get, words))
    if None in values:
        room = _MEMO_WORDS - len(memo)
        for i in [i for i, value in enumerate(values) if value is None]:
            word = words[i]
            value = values[i] = _word_specificity(word, line, background_power, weights)
            if room > 0:
                memo[word] = value
                room -= 1
    result = np.array(values, dtype=np.float64)
    if spread is not None:
        result *= 1.0 - weight * np.minimum(1.0, np.maximum(0.0, np.asarray(spread, dtype=np.float64)))
    return result


#: (line, background power, the module's weights) -> word -> :func:`_word_specificity` (see there).
_MEMOS: dict[tuple[float, float, tuple[float, ...]], dict[str, float]] = {}
_MEMO_WORDS = 1 << 17  # words remembered per setting
_MEMO_SETTINGS = 8  # settings remembered (theme labels use one power per number of themes)


def _memo(line: float, background_power: float, weights: tuple[float, ...]) -> dict[str, float]:
    key = (line, background_power, weights)
    memo = _MEMOS.get(key)
    if memo is None:
        if len(_MEMOS) >= _MEMO_SETTINGS:
            _MEMOS.clear()
        memo = _MEMOS[key] = {}
    return memo


def _word_specificity(word: str, line: float, background_power: float, weights: tuple[float, ...]) -> float:
    """The product of the signals that depend on ``word`` alone (jieba's IDF and tag, scope, composition), with
    the module's ``weights`` (VERB_WEIGHT, SCOPE_WEIGHT, COMPOUND_LINE, COMPOUND_POWER) as they were when asked:
    a key of the memo, so that a weight changed at run time counts. Remembered (:func:`specificities`: one
    ``dict`` per setting, read with one look-up per word), since an article's words recur in the next and a
    process runs again: THUCNews-1000's keyword ranking and theme labels ask 120,000 times for 56,000 (word,
    power) pairs, each question five look-ups in tables of 300,000 words. A run after the first in a process:
    0.30-0.40 -> 0.13-0.16 s of CPU time with an ``lru_cache`` keyed on all four arguments (the 120,000
    questions alone: 0.077-0.093 s, the least of 7 runs), and those 0.077-0.093 -> 0.037-0.044 s with a ``dict``
    per setting (side by side); the first run of a process, which also loads jieba's table, about the same as
    before (0.6 s)."""
    table = background_table()[0]
    background, part_of_speech = _dictionary_factors(word, table, resources.jieba_pos_tags(), line, background_power)
    return background * part_of_speech * _scope_factor(word) * _composition_factor(word, table)
