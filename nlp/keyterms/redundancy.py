"""Redundancy: a term that repeats a listed keyword in part waits its turn, so the next places go to new concepts.

The keyword list is read greedily, best first (maximal marginal relevance: a candidate's claim to the next place is
its score, discounted by what the list already says). A candidate that nests with a listed keyword (one contains the
other: ``计生户致富`` after ``计生户``, ``控制器`` after ``镇定控制器``) has its score multiplied by ``NESTED_WEIGHT``;
one that only shares a start or an end of two characters or more with a listed keyword (a stem or a head:
``水道砂体`` after ``水道沉积``) by ``SHARED_WEIGHT``. Only the strongest relation counts, once. The candidate is not
dropped: it is listed when its discounted score still beats the next new concept's (a strong second form, such as
an author's ``遗传算法`` beside ``改进遗传算法``, keeps its place). A term that would take a listed term's place
rather than a new one (a well-supported longer form, ``绿化苗木`` for ``苗木``: :mod:`tiyao.keyterms.concepts`) is
not discounted: it is read in its turn, before the list is full (exact F1@5 0.2822 -> 0.2832, partial F1@5
0.5064 -> 0.5071, partial F1@10 0.3985 -> 0.3983, with the rest of session 5). Scores only fall as the list grows,
so the discounted score each keyword is listed with falls down the list too; except that a term nested in a listed
term that a longer form then replaced (村级计生 after 计生, once 计生户 took its place) is no longer discounted, and
:func:`~tiyao.keyterms.concepts.keyword_slots` lists it with at most the score before it.

Measured on CSL dev (896 abstracts, with :func:`tiyao.keyterms.concepts.keyword_slots`'s rule after it), against the
plain ranking: exact F1@5 0.2806 -> 0.2809, F1@10 0.2189 -> 0.2193, partial F1@5 0.4997 -> 0.5036 (jieba.analyse:
0.5034), nested pairs per top-8 list 1.92 -> 1.56 (THUCNews-1000 1.04 -> 0.61, seeds 1.12 -> 0.75). Tried and
lost: a stronger nested discount (0.5: partial F1@5 0.5070 but exact 0.2782, F1@10 0.2169; 0.3: nested pairs 0.71,
exact 0.2729), the discount applied once for each nesting keyword (0.7: F1@10 0.2182; a full name built of two
listed parts, ``经编轴向织物`` after ``经编`` and ``轴向织物``, is often the author's), a discount in proportion to
the share of the longer term the shorter covers (exact F1@5 0.2808 at best, F1@10 0.2176), separate discounts for
longer and for shorter forms (no pair reached all three targets), no discount for a term holding two listed ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

#: Score weight of a candidate that contains, or is contained in, a listed keyword.
NESTED_WEIGHT = 0.7
#: Score weight of a candidate that shares a start or an end of ``SHARED_CHARS`` characters with a listed keyword.
SHARED_WEIGHT = 0.85
SHARED_CHARS = 2


def _shares_edge(a: str, b: str) -> bool:
    """Do ``a`` and ``b`` start or end with the same ``SHARED_CHARS`` characters?"""
    n = SHARED_CHARS
    return len(a) >= n and len(b) >= n and (a[:n] == b[:n] or a[-n:] == b[-n:])


def discount(term: str, listed: Sequence[str]) -> float:
    """The weight of ``term``'s score given the ``listed`` keywords (1: it repeats none of them)."""
    weight = 1.0
    for other in listed:
        if term in other or other in term:
            return NESTED_WEIGHT
        if weight > SHARED_WEIGHT and _shares_edge(term, other):
            weight = SHARED_WEIGHT
    return weight


def discounted_order(terms: Sequence[str], scores: Sequence[float], listed: Sequence[int],
                     exempt: Callable[[int], bool] | None = None) -> Iterator[tuple[int, float]]:
    """The positions of ``terms`` (best first, by ``scores``, which are > 0) in the order the list reads them, each
    with its discounted score: each step yields the term whose score, discounted by the terms at ``listed``
    (positions in ``terms``; the caller adds to it between steps), is highest (ties: the better-ranked term).
    ``exempt(i)``: True when term ``i`` would take no new place if read now (it would replace a listed term), so
    its score is not discounted."""
    remaining = list(range(len(terms)))
    while remaining:
        best, value, at = -1, -1.0, 0
        listed_terms = [terms[j] for j in listed]
        for k, i in enumerate(remaining):
            if scores[i] <= value:  # the ranking is sorted and a discount only lowers a score
                break
            weight = discount(terms[i], listed_terms)
            if weight < 1.0 and exempt is not None and exempt(i):
                weight = 1.0
            v = scores[i] * weight
            if v > value:
                best, value, at = i, v, k
        del remaining[at]
        yield best, value
