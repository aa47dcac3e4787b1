"""One slot per concept: terms that nest or share a head are one concept, listed once, in the form a reader wants.

Ranked keywords (and theme labels) repeat a concept in several forms: ``人大 · 镇人大 · 西集镇人大 · 人大代表``,
``计生户 · 计生户致富 · 广大计生户``, ``城镇职工基本养老保险基金 · 城镇职工基本养老保险制度``. A reader keeps one of
them and wants the freed places for other concepts. The rule, read from the top of the ranking:

* **Same concept.** A term joins a listed concept when one of the two contains the other (``违法生育`` and
  ``遏制违法生育``, ``计生户`` and ``广大计生户``), when one abbreviates the other (the first and third characters of
  a four-character name: ``计生`` and ``计划生育``, ``医保`` and ``医疗保险``, ``民企`` and ``民营企业``; or the other
  with one inner character left out, :func:`elides`: ``信用社`` and ``信用联社``, which the seeds' loan theme
  listed side by side, ``计生户 · 信用联社 · 合作社 · 农村 · 信用社``, now ``… · 农村 · 创业``), or when they
  share a start (a stem) or an end (a head) of more than two thirds of the longer one (``城镇职工基本养老保险基金`` and
  ``城镇职工基本养老保险制度``). It takes no place of its own.
* **Its form.** A concept is shown in the form of its best-scored term, unless a longer term of the concept that
  contains that form is still well supported: seen at least ``MIN_COUNT`` (3) times and scored at least
  ``SPECIFIC_SHARE`` (half) of the shown form. Then the more specific form is shown (``绿化苗木`` rather than
  ``苗木`` on the seeds), unless it would name another listed concept too. The concept keeps the place and score of its best term. On CSL
  dev this choice is level with always showing the best-scored form (exact F1@5 0.2594 against 0.2574); a longer
  form seen twice or at 0.6 of the score lost (0.2492): one-off phrases are clause fragments more often than terms.

Places freed this way go to the next concepts down the ranking, so a list of ``top_k`` holds ``top_k`` concepts.
Theme labels use this rule (:func:`one_per_concept`).

**Keywords** use a narrower rule (:func:`keyword_slots`), because a nested pair is often two keywords a reader (and
an author) lists both: ``遗传算法`` and ``改进遗传算法``, ``人大`` and ``人大代表``. The ranking is read greedily, a
term that repeats a listed one in part waiting its turn (:mod:`tiyao.keyterms.redundancy`), and a term is left
out when it names a listed concept again, which is measured by how often each form occurs apart:

* a term inside a listed term that never occurs apart from it (not more often than the listed term) is part of it;
* a single character inside a listed term is a piece of it;
* a longer form of a listed term of four or more characters (``城镇职工基本养老保险基金`` after
  ``城镇职工基本养老保险``), or of a listed three-character term that occurs more than three times as often
  (``计生户致富`` after ``计生户``): a variant of a concept already named in full; but when that longer form is
  itself well supported (seen ``MIN_COUNT`` times, ``FULL_NAME_SHARE`` of the score: ``长效节育措施`` after
  ``节育措施``), it takes the listed term's place, as the more specific name;
* a longer form of a listed two-character term (``绿化苗木`` after ``苗木``) that is well supported (``MIN_COUNT``,
  ``SPECIFIC_SHARE`` as above) takes the short term's place: two characters name a field more than a concept.

* a phrase seen ``CUT_COUNT`` (3) times or more that never occurs apart from one longer term of the ranking (which
  occurs at least as often) is a cut of it (``长效节育`` of ``长效节育措施``, ``经编轴向`` of ``经编轴向织物``):
  :func:`is_cut`. On CSL dev exact F1@5 0.2812 -> 0.2824, F1@10 0.2198 -> 0.2211, partial F1@5 0.5039 -> 0.5066;
  at 2 times, exact F1@5 0.2839 but F1@10 0.2192 (a phrase seen twice inside a phrase seen twice is often the
  author's term: ``甘蓝型油菜``, ``深松施肥``); single words too, F1@10 0.2156; only the cuts of a longer form
  already left out, 0.2820, 0.2204;
* a term that nests with two listed terms that nest with each other is a third form of their concept
  (``西集镇人大`` after ``人大`` and ``镇人大``): exact F1@5 0.2824 -> 0.2822, F1@10 0.2211 -> 0.2203, partial
  F1@10 0.3982 -> 0.3985, nested pairs per top-8 list on the seeds 0.75 -> 0.50. A term holding two listed terms
  that do not nest (``经编轴向织物`` after ``经编`` and ``轴向织物``) is their full name, often the author's: it stays;

* an abbreviation of a listed term, or the full name of a listed abbreviation (``计划生育`` after ``计生``), names
  it again (on CSL dev no figure moves; on THUCNews-1000 ``医保``, ``厨电``, ``家暴``, ``民企``, ``甲流``, and a few
  that are two concepts after all: ``中文`` and ``中华文化``, ``家用`` and ``家庭用户``). Seed article 7 before:
  ``档案资料 · 宣传牌 · 全镇 · 村级计生 · 计生 · 四化 · 计划生育 · 基层``; after: ``档案资料 · 宣传牌 · 全镇 ·
  村级计生 · 计生 · 四化 · 基层 · 宣传环境景观化``.

A longer form takes a place only when it does not nest with another listed keyword.

This rule gives CSL dev exact F1@5 0.2803 (partial 0.4997) with 1.93 nested pairs per top-8 list, against 4.38
for the first point alone and 6.5 with no rule. Naming every nested pair once costs exact F1 on CSL dev, though
the authors themselves almost never list both forms (0.04 nested pairs per author list, 3.5 % of lists): the
form kept is the author's only about four times in five (79 % of the pairs where one form is the author's, for a
logistic model of 22 features, cross-validated: counts, scores, lengths, title, background IDF of each part,
parts of speech, corpus document frequency), and the term that fills the freed place is right less often than
the form dropped. Measured on the full rankings: merging every nested pair, shown in the better-scored form, exact
F1@5 0.2615 (partial 0.5108, F1@10 0.1941); choosing the form by that model, 0.2629; merging only pairs whose
shorter form occurs three times or more (:func:`keyword_slots` with ``rule="one"``: 0.23 nested pairs per list on
CSL dev, 0.12 on the seeds, 0.03 on THUCNews-1000), exact F1@5 0.2684, F1@10 0.1988, partial F1@5 0.5062.
Merging any one kind of pair the measured rule keeps (a shorter form seen apart after its longer form; a longer
form after a two- or three-character term; a third form of a listed pair; two overlapping fragments into their
union, ``长效节育`` and ``节育措施`` into ``长效节育措施``) lowered exact F1@5 or F1@10, each at any count threshold
tried (up to 8 occurrences). Other alternatives measured: keeping a longer form of a four-character term when it
occurs as often as the term gave 0.2826 but 2.35 pairs; never letting it take the term's place 0.2797 (1.92 pairs); every
form of merging a two- or three-character term with its longer forms, or a shorter term seen apart with the
longer listed one, lost exact F1@10 below main's 0.2182.

With the discount of :mod:`tiyao.keyterms.redundancy`, the genericness factors of :mod:`tiyao.keyterms.generic`
and the cut and third-form points above (issue 13, session 5), ``python benchmarks/keywords.py`` gives CSL dev
exact F1@5 0.2832, F1@10 0.2203, partial F1@5 0.5071 (jieba.analyse 0.5034), with 1.53 nested pairs per top-8
list (THUCNews-1000 0.58, the seeds 0.75). Nested pairs at 0.3 or fewer per list on CSL dev are still out of reach
without losing exact F1: a stronger discount of nested terms gives 1.43 pairs at 0.6 (exact F1@5 0.2796), 1.01 at
0.4 (0.2779), 0.74 at 0.3 (0.2726). Of the nested pairs left in the top 8 on CSL dev (before the third-form
point), the later form is the author's in 21 %, the earlier in 30 %; the commonest kind, a two-character term read
after a longer listed term that holds it (278 pairs, the later form the author's in 27), left out: 0.95 pairs per
list, but exact F1@5 0.2808, F1@10 0.2161 and partial F1@5 0.5004 (the short form often matches another author
keyword in part).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .redundancy import discounted_order

#: Share of the longer term that a common start or end must exceed to make two terms one concept.
SHARED_SHARE = 2 / 3
#: A longer, more specific form is shown when it occurs this often and scores this share of the shown form.
MIN_COUNT = 3
SPECIFIC_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Concept:
    """One listed concept: the form shown (its best-scored term), its score, and every term that joined it."""

    form: str
    score: float
    members: tuple[str, ...]


def same_concept(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` name one concept: one contains the other, one abbreviates the other (:func:`abbreviates`,
    :func:`elides`), or they share a start or an end of at least two characters and more than two thirds of the
    longer one (``计划生育条例`` and ``计划生育家庭``, 4 of 6, do not)?"""
    if a in b or b in a or abbreviates(a, b) or abbreviates(b, a) or elides(a, b) or elides(b, a):
        return True
    need = max(2, math.floor(SHARED_SHARE * max(len(a), len(b)) + 1e-9) + 1)
    return _shared(a, b) >= need or _shared(a[::-1], b[::-1]) >= need


def abbreviates(short: str, long: str) -> bool:
    """Is ``short`` the usual two-character abbreviation of the four-character ``long``: its first and third
    characters, and not a part of it (``计生`` of ``计划生育``, ``乙肝`` of ``乙型肝炎``, ``公关`` of ``公共关系``;
    ``荧光`` of ``荧光光谱`` is a part, already one concept)? The pattern also pairs a few words that have nothing
    to do with each other (``规模`` and ``规划模型``, ``中文`` and ``中华文化``): both must be in one ranking, and
    wider patterns (any two characters in order) paired many more."""
    return len(short) == 2 and len(long) == 4 and short == long[0] + long[2] and short not in long


def elides(short: str, long: str) -> bool:
    """Is ``short`` (three characters or more) ``long`` with one inner character left out (``信用社`` of
    ``信用联社``, both short for a 信用合作(联)社; ``股票基金`` of ``股票型基金``)? Theme labels only
    (:func:`same_concept`): among the 40 best keyword candidates of THUCNews-1000's articles the pattern pairs about
    as many different things as forms of one (``温州市`` and ``温州楼市``, ``公司总经理`` and ``公司副总经理``), and
    on CSL dev too (``阳极氧化`` and ``阳极抗氧化``); among label words (single words of a theme's articles) it
    joins only the seeds' ``信用社`` and ``信用联社`` (THUCNews-1000 and fudan-train-140: no label moves)."""
    return len(short) >= 3 and len(long) == len(short) + 1 and short not in long \
        and any(long[:k] + long[k + 1:] == short for k in range(1, len(long) - 1))


def _shared(a: str, b: str) -> int:
    """Length of the common start of ``a`` and ``b``."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def one_per_concept(terms: Sequence[str], scores: Sequence[float], top_k: int, *,
                    counts: Sequence[int] | None = None) -> list[Concept]:
    """The best ``top_k`` concepts of a ranking (``terms`` best first, with their ``scores`` and how often each
    occurs, ``counts``; without them no longer form is shown): a term that names the same concept as a listed
    form or best term joins it (:func:`same_concept`); the others open the next concepts. A term is compared with
    those two only, not with every member, so concepts do not chain (``计生协会`` takes ``计生`` in, and ``计生户``,
    which holds ``计生`` but not ``计生协会``, stays a concept of its own)."""
    forms: list[int] = []
    bests: list[int] = []
    members: list[list[int]] = []
    for i, term in enumerate(terms):
        joined = next((c for c in range(len(forms))
                       if same_concept(term, terms[bests[c]]) or same_concept(term, terms[forms[c]])), None)
        if joined is None:
            if len(forms) == top_k:
                break
            forms.append(i)
            bests.append(i)
            members.append([i])
            continue
        members[joined].append(i)
        shown = forms[joined]
        if counts is not None and terms[shown] in term and counts[i] >= MIN_COUNT \
                and scores[i] >= SPECIFIC_SHARE * scores[shown] \
                and not any(c != joined and same_concept(term, terms[forms[c]]) for c in range(len(forms))):
            forms[joined] = i
    return [Concept(terms[f], float(scores[b]), tuple(terms[j] for j in group))
            for f, b, group in zip(forms, bests, members)]


#: A listed term of this many characters or more is named in full: its longer forms are variants of it.
FULL_NAME = 4
#: A longer form of a full name takes its place when it occurs ``MIN_COUNT`` times and scores this share of it.
FULL_NAME_SHARE = 0.8
#: A listed three-character term's longer form is a variant when the term occurs more than this many times as often.
THREE_CHAR_RATIO = 3.0


#: How the keyword list keeps one slot per concept (:func:`keyword_slots`).
CONCEPT_RULES = ("measured", "one")


def keyword_slots(terms: Sequence[str], scores: Sequence[float], counts: Sequence[int],
                  top_k: int, *, rule: str = "measured", words: Sequence[int] | None = None
                  ) -> list[tuple[int, int, float]]:
    """The ``top_k`` keywords of a ranking (``terms`` best first, with their ``scores`` and occurrence ``counts``)
    by the keyword rule of the module docs (``rule="measured"``: read in the order of
    :func:`~tiyao.keyterms.redundancy.discounted_order`, a term that repeats a listed one in part waiting its turn),
    or with every nested pair whose shorter form occurs ``MIN_COUNT`` times named once (``rule="one"``: read in
    rank order), in list order: for each, the position of the form shown, that of the term whose place it keeps
    (the same, unless a longer form took a term's place), and the score it is listed with (that term's, discounted
    with ``rule="measured"``). With ``words`` (how many words each term has), ``rule="measured"`` also leaves out a
    phrase that is a cut of a longer term (:func:`is_cut`)."""
    if rule not in CONCEPT_RULES:
        raise ValueError(f"rule must be one of {', '.join(CONCEPT_RULES)}; got {rule!r}")
    strict = rule == "one"
    chosen: list[int] = []
    places: list[int] = []
    values: list[float] = []
    order = ((i, float(scores[i])) for i in range(len(terms))) if strict \
        else discounted_order(terms, scores, chosen,
                              exempt=lambda i: _takes_a_place(i, terms, scores, counts, chosen))
    containers = [j for j in range(len(terms)) if counts[j] >= CUT_COUNT] if words is not None and not strict else []
    for i, value in order:
        if containers and words[i] > 1 and is_cut(i, terms, counts, containers):
            continue
        place = _variant_of(i, terms, scores, counts, chosen, strict)
        if place is None:
            chosen.append(i)
            places.append(i)
            # (at most the score listed before it: a term read after a longer form took the place of the listed
            # term it nested with is no longer discounted, and may score above the terms read before it)
            values.append(min(value, values[-1]) if values else value)
        elif place >= 0:
            chosen[place] = i
        if len(chosen) == top_k:
            break
    return list(zip(chosen, places, values))


#: A phrase seen this often, and never apart from one longer term, is a cut of it.
CUT_COUNT = 3


def is_cut(i: int, terms: Sequence[str], counts: Sequence[int], candidates: Sequence[int]) -> bool:
    """Is ``terms[i]``, seen ``CUT_COUNT`` times or more, a cut of a longer term among ``candidates`` (positions)
    that holds it and occurs at least as often (so it never occurs apart from it: ``西集镇计生`` of
    ``西集镇计生协会``, ``经编轴向`` of ``经编轴向织物``)?"""
    term, count = terms[i], counts[i]
    return count >= CUT_COUNT and any(j != i and counts[j] >= count and term in terms[j] for j in candidates)


def _variant_of(i: int, terms: Sequence[str], scores: Sequence[float], counts: Sequence[int],
                chosen: list[int], strict: bool = False) -> int | None:
    """``None`` when ``terms[i]`` opens a slot of its own, ``-1`` when it is left out, or the place in ``chosen``
    whose term it replaces (a well-supported longer form of a two-character term or of a full name). ``strict``:
    a nested pair the measured rule keeps is one concept too when its shorter form occurs ``MIN_COUNT`` times
    (the later term is left out)."""
    term = terms[i]
    if _part_of_listed(i, terms, counts, chosen):
        return -1
    if any(abbreviates(term, terms[j]) or abbreviates(terms[j], term) for j in chosen):
        return -1
    if not strict and _third_form(term, [terms[j] for j in chosen]):
        return -1
    for place, j in enumerate(chosen):
        listed = terms[j]
        if term in listed:
            if len(term) == 1 or (strict and counts[i] >= MIN_COUNT):
                return -1
        elif listed in term:
            share = SPECIFIC_SHARE if len(listed) == 2 else FULL_NAME_SHARE if len(listed) >= FULL_NAME else None
            if share is not None and counts[i] >= MIN_COUNT and scores[i] >= share * scores[j] \
                    and not any(k != j and (term in terms[k] or terms[k] in term) for k in chosen):
                return place
            if len(listed) >= FULL_NAME or (len(listed) == 3 and counts[j] > THREE_CHAR_RATIO * counts[i]) \
                    or (strict and counts[j] >= MIN_COUNT):
                return -1
    return None


def _takes_a_place(i: int, terms: Sequence[str], scores: Sequence[float], counts: Sequence[int],
                   chosen: list[int]) -> bool:
    """Would ``terms[i]`` take a listed term's place (a well-supported longer form of it) if read now?"""
    term = terms[i]
    return any(terms[j] in term for j in chosen) and _variant_of(i, terms, scores, counts, chosen) not in (None, -1)


def _third_form(term: str, listed: Sequence[str]) -> bool:
    """Does ``term`` nest with two listed terms that nest with each other (``西集镇人大`` after ``人大`` and
    ``镇人大``)? Their concept is named twice already."""
    nested = [other for other in listed if other in term or term in other]
    return any(a != b and a in b for a in nested for b in nested)


def _part_of_listed(i: int, terms: Sequence[str], counts: Sequence[int], chosen: Sequence[int]) -> bool:
    """Is ``terms[i]`` inside a listed term and never seen apart from it (not more often)?"""
    return any(terms[i] in terms[j] and counts[i] <= counts[j] for j in chosen)


def parts_apart(terms: Sequence[str], counts: Sequence[int], top_k: int) -> list[int]:
    """The positions of the ``top_k`` terms listed when only the first point of the keyword rule applies (a part
    never seen apart from a listed term is skipped): for rankings where the rest measured worse (words only,
    TextRank)."""
    chosen: list[int] = []
    for i in range(len(terms)):
        if not _part_of_listed(i, terms, counts, chosen):
            chosen.append(i)
            if len(chosen) == top_k:
                break
    return chosen
