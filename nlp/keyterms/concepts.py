"""One slot per concept: terms that nest or share a head are one concept, listed once, in the form a reader wants.

Ranked keywords (and theme labels) repeat a concept in several forms: ``人大 · 镇人大 · 西集镇人大 · 人大代表``,
``计生户 · 计生户致富 · 广大计生户``, ``城镇职工基本养老保险基金 · 城镇职工基本养老保险制度``. A reader keeps one of
them and wants the freed places for other concepts. The rule, read from the top of the ranking:

* **Same concept.** A term joins a listed concept when one of the two contains the other (``违法生育`` and
  ``遏制违法生育``, ``计生户`` and ``广大计生户``), or when they share a start (a stem) or an end (a head) of more
  than two thirds of the longer one (``城镇职工基本养老保险基金`` and ``城镇职工基本养老保险制度``). It takes no place of its own.
* **Its form.** A concept is shown in the form of its best-scored term, with that term's score: the ranking
  already weighs support (occurrences, title, position) and specificity (IDF), so the best-scored form is the best
  supported one (``镇人大`` before ``人大``, ``西集镇人大`` and ``人大代表`` on the seeds). Switching to a longer form
  that contains it when that scores at least 0.6 of it was tried and dropped: on CSL dev it lost 0.013 exact F1@5
  against the authors' keywords (0.2493 against 0.2620), and any rule choosing by length did worse still.

Places freed this way go to the next concepts down the ranking, so a list of ``top_k`` holds ``top_k`` concepts.
Measured on the top 8 (``benchmarks/keywords.py``): pairs where one keyword contains another fell from 2.75 to 0
per list on the seeds, from 4.0 to 0 on CSL dev and from 1.5 to 0 on THUCNews-1000.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

#: Share of the longer term that a common start or end must exceed to make two terms one concept.
SHARED_SHARE = 2 / 3


@dataclass(frozen=True, slots=True)
class Concept:
    """One listed concept: the form shown (its best-scored term), its score, and every term that joined it."""

    form: str
    score: float
    members: tuple[str, ...]


def same_concept(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` name one concept: one contains the other, or they share a start or an end of at least
    two characters and more than two thirds of the longer one (``计划生育条例`` and ``计划生育家庭``, 4 of 6, do not)?"""
    if a in b or b in a:
        return True
    need = max(2, math.floor(SHARED_SHARE * max(len(a), len(b)) + 1e-9) + 1)
    return _shared(a, b) >= need or _shared(a[::-1], b[::-1]) >= need


def _shared(a: str, b: str) -> int:
    """Length of the common start of ``a`` and ``b``."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def one_per_concept(terms: Sequence[str], scores: Sequence[float], top_k: int) -> list[Concept]:
    """The best ``top_k`` concepts of a ranking (``terms`` best first, with their ``scores``): a term that names
    the same concept as a listed form joins it (:func:`same_concept`); the others open the next concepts. A term is
    compared with the forms only, not with every member, so concepts do not chain (``计生协会`` takes ``计生`` in,
    and ``计生户``, which holds ``计生`` but not ``计生协会``, stays a concept of its own)."""
    forms: list[int] = []
    members: list[list[int]] = []
    for i, term in enumerate(terms):
        joined = next((c for c, f in enumerate(forms) if same_concept(term, terms[f])), None)
        if joined is not None:
            members[joined].append(i)
            continue
        if len(forms) == top_k:
            break
        forms.append(i)
        members.append([i])
    return [Concept(terms[f], float(scores[f]), tuple(terms[j] for j in group)) for f, group in zip(forms, members)]
