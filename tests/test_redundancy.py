"""Redundancy (issue 13, item 1): a term that repeats a listed keyword in part waits; the next place goes to a new
concept unless the repeat still scores higher after its discount."""

from __future__ import annotations

import pytest

from tiyao.keyterms.concepts import keyword_slots
from tiyao.keyterms.redundancy import NESTED_WEIGHT, SHARED_WEIGHT, discount, discounted_order


def test_a_nested_term_weighs_more_than_one_that_shares_an_edge():
    assert discount("计生户致富", ["计生户"]) == NESTED_WEIGHT
    assert discount("控制器", ["镇定控制器"]) == NESTED_WEIGHT
    assert discount("水道砂体", ["水道沉积"]) == SHARED_WEIGHT  # the same first two characters
    assert discount("计生协会", ["小额贷款"]) == 1.0
    assert discount("计生户致富", ["计生户", "计生协会"]) == NESTED_WEIGHT  # the strongest relation, once
    assert NESTED_WEIGHT < SHARED_WEIGHT < 1.0


def test_a_repeat_waits_until_its_discounted_score_is_the_best():
    terms, scores = ["计生户", "计生户致富", "小额贷款", "秋种"], [3.0, 2.5, 2.0, 1.0]
    listed: list[int] = []
    order = []
    for i, value in discounted_order(terms, scores, listed):
        order.append((terms[i], value))
        listed.append(i)
    assert [t for t, _ in order] == ["计生户", "小额贷款", "计生户致富", "秋种"]
    assert order[2][1] == pytest.approx(2.5 * NESTED_WEIGHT)
    values = [v for _, v in order]
    assert values == sorted(values, reverse=True)  # listed with scores that fall down the list


def test_a_strong_second_form_keeps_its_place():
    terms, scores, counts = ["改进遗传算法", "遗传算法", "收敛速度"], [5.0, 4.0, 2.0], [3, 6, 2]
    slots = keyword_slots(terms, scores, counts, 3)
    assert [terms[f] for f, _, _ in slots] == ["改进遗传算法", "遗传算法", "收敛速度"]
    assert [v for _, _, v in slots] == pytest.approx([5.0, 4.0 * NESTED_WEIGHT, 2.0])


def test_a_longer_form_that_takes_a_listed_term_s_place_does_not_wait():
    # 绿化苗木 (seen 4 times) takes 苗木's place: it opens no new place, so its score is not discounted and it is
    # read before the list is full, whatever its length
    terms, scores, counts = ["苗木", "田军", "绿化苗木", "计划生育家庭"], [4.0, 3.0, 2.7, 2.0], [9, 6, 4, 3]
    slots = keyword_slots(terms, scores, counts, 3)
    assert [terms[f] for f, _, _ in slots] == ["绿化苗木", "田军", "计划生育家庭"]
