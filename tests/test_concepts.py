"""One slot per concept (tiyao.keyterms.concepts)."""

from tiyao.keyterms.concepts import keyword_slots, one_per_concept, parts_apart, same_concept


def test_nested_terms_and_shared_heads_are_one_concept():
    assert same_concept("人大", "西集镇人大")
    assert same_concept("违法生育", "遏制违法生育")
    assert same_concept("城镇职工基本养老保险基金", "城镇职工基本养老保险制度")  # a shared stem of 10 of 12
    assert not same_concept("计划生育条例", "计划生育家庭")  # 4 of 6 shared: two things
    assert not same_concept("苗木", "田军")
    assert same_concept("信用社", "信用联社") and same_concept("股票型基金", "股票基金")  # one inner character out


def test_only_an_inner_character_left_out_makes_an_elided_form():
    from tiyao.keyterms.concepts import elides

    assert elides("信用社", "信用联社") and not elides("信用联社", "信用社")
    assert not elides("计生户", "计生协会") and not elides("用联社", "信用联社")  # another word; a cut start
    assert not elides("信社", "信用社")  # two characters: too short to tell


def test_freed_slots_go_to_the_next_concepts_in_the_best_scored_form():
    terms = ["人大", "镇人大", "计生政策", "西集镇人大", "人大代表", "村两委", "婚育"]
    scores = [5.0, 4.0, 3.5, 3.0, 2.0, 1.5, 1.0]
    concepts = one_per_concept(terms, scores, 3)
    assert [c.form for c in concepts] == ["人大", "计生政策", "村两委"]
    assert concepts[0].members == ("人大", "镇人大", "西集镇人大", "人大代表")
    assert [c.score for c in concepts] == [5.0, 3.5, 1.5]


def test_concepts_do_not_chain_through_a_shared_part():
    concepts = one_per_concept(["计生协会", "计生", "计生户"], [3.0, 2.0, 1.0], 5)
    assert [c.form for c in concepts] == ["计生协会", "计生户"]


def test_a_list_shorter_than_top_k_is_whole():
    assert [c.form for c in one_per_concept(["苗木", "苗木种植"], [2.0, 1.0], 5)] == ["苗木"]


def test_a_longer_form_is_shown_when_it_is_well_supported():
    terms, scores = ["生育", "违法生育", "计生"], [4.0, 2.5, 2.0]
    shown = [c.form for c in one_per_concept(terms, scores, 5, counts=[9, 5, 4])]
    assert shown == ["违法生育", "计生"]
    assert [c.form for c in one_per_concept(terms, scores, 5, counts=[9, 2, 4])] == ["生育", "计生"]  # seen twice
    assert [c.form for c in one_per_concept(terms, [4.0, 1.5, 1.0], 5, counts=[9, 5, 4])][0] == "生育"  # weak


def test_a_word_general_in_chinese_at_large_loses_to_a_specific_one():
    from tiyao.idf import IdfModel, background_table
    from tiyao.keyterms.tfidf import TfidfKeywords
    from tiyao.segment import Segmenter
    from tiyao.types import Document

    table, _ = background_table()
    assert table["服务"] < 0.6 <= table["苗木"]
    doc = Segmenter().segment(Document("s", "", "苗木服务。服务苗木。苗木服务。", "<t>"))
    general = TfidfKeywords(top_k=2, phrases=False, idf=IdfModel(mode="background"), generic_line=0.0).extract(doc)
    measured = TfidfKeywords(top_k=2, phrases=False, idf=IdfModel(mode="background"), generic_line=0.6).extract(doc)
    score = {k.term: k.score for k in measured}
    plain = {k.term: k.score for k in general}
    from tiyao.keyterms.generic import VERB_WEIGHT  # 服务 is a verbal noun in jieba's dictionary

    assert score["服务"] / plain["服务"] == __import__("pytest").approx(table["服务"] / 0.6 * VERB_WEIGHT, rel=1e-4)
    assert score["苗木"] == plain["苗木"]

    # ranking words only, the line is off unless asked for (it cost partial F1 there)
    default = TfidfKeywords(top_k=2, phrases=False, idf=IdfModel(mode="background")).extract(doc)
    assert {k.term: k.score for k in default} == plain


def _listed(terms, scores, counts, top_k=10, rule="measured"):
    return [terms[form] for form, _, _ in keyword_slots(terms, scores, counts, top_k, rule=rule)]


def test_a_part_never_seen_apart_from_a_listed_keyword_is_left_out():
    # 西集镇人大 five times, 镇人大 only inside it; 人大 is seen apart (人大代表, 人大建议)
    assert _listed(["西集镇人大", "镇人大", "人大"], [3.0, 2.0, 1.0], [5, 5, 9]) == ["西集镇人大", "人大"]
    assert parts_apart(["西集镇人大", "镇人大", "人大"], [5, 5, 9], 10) == [0, 2]


def test_a_longer_form_of_a_keyword_named_in_full_is_a_variant():
    terms = ["城镇职工基本养老保险", "城镇职工基本养老保险基金", "养老金"]
    # a full name (four characters or more): its longer form names it again, however often each occurs ...
    assert _listed(terms, [3.0, 2.0, 1.0], [8, 3, 4]) == ["城镇职工基本养老保险", "养老金"]
    assert _listed(terms, [3.0, 2.0, 1.0], [3, 2, 4]) == ["城镇职工基本养老保险", "养老金"]
    # ... unless it is well supported itself (3 times, 0.8 of the score): then it is the name shown, in its place
    assert _listed(["节育措施", "长效节育措施", "婚育"], [3.0, 2.5, 1.0], [9, 4, 4]) == ["长效节育措施", "婚育"]
    assert _listed(["节育措施", "长效节育措施", "婚育"], [3.0, 2.0, 1.0], [9, 4, 4]) == ["节育措施", "婚育"]
    # the other way round, the full name is listed beside a longer form seen apart from it
    assert _listed(terms[1::-1] + terms[2:], [3.0, 2.0, 1.0], [3, 8, 4]) == [terms[1], terms[0], "养老金"]
    # a three-character term: its longer form is a variant only when the term is more than three times as common
    assert _listed(["计生户", "计生户致富", "小额贷款"], [3.0, 2.0, 1.0], [13, 4, 5]) == ["计生户", "小额贷款"]
    assert _listed(["计生户", "计生户致富", "小额贷款"], [3.0, 2.0, 1.0], [12, 4, 5]) == ["计生户", "计生户致富", "小额贷款"]


def test_a_well_supported_longer_form_takes_a_two_character_keyword_s_place():
    terms, scores = ["苗木", "田军", "绿化苗木", "合作社"], [4.0, 3.0, 2.5, 1.0]
    listed = keyword_slots(terms, scores, [9, 6, 4, 3], 10)
    assert [terms[form] for form, _, _ in listed] == ["绿化苗木", "田军", "合作社"]
    assert listed[0] == (2, 0, 4.0)  # in the place, and with the score, of 苗木
    assert _listed(terms, scores, [9, 6, 2, 3]) == terms  # seen twice: both listed
    assert _listed(terms, [4.0, 3.0, 1.5, 1.0], [9, 6, 4, 3]) == terms  # weak: both listed


def test_a_single_character_inside_a_listed_keyword_is_left_out():
    assert _listed(["苗木", "苗", "田军"], [3.0, 2.0, 1.0], [3, 9, 2]) == ["苗木", "田军"]


def test_the_keyword_list_holds_top_k_terms():
    terms = ["城镇职工基本养老保险", "城镇职工基本养老保险基金", "养老金", "缴费", "退休"]
    assert _listed(terms, [5.0, 4.0, 3.0, 2.0, 1.0], [8, 2, 4, 4, 4], top_k=3) == ["城镇职工基本养老保险", "养老金", "缴费"]


def test_an_abbreviation_and_its_full_name_are_one_concept():
    from tiyao.keyterms.concepts import abbreviates

    assert abbreviates("计生", "计划生育") and abbreviates("乙肝", "乙型肝炎") and abbreviates("医保", "医疗保险")
    assert not abbreviates("荧光", "荧光光谱")  # a part: one concept by containment already
    assert not abbreviates("计生", "计生协会") and not abbreviates("计划", "计划生育") and not abbreviates("计生", "计划")
    assert same_concept("计生", "计划生育") and same_concept("计划生育", "计生")
    # keywords: the form listed first stands for both, and the place goes to the next concept
    assert _listed(["计生", "违法生育", "计划生育", "婚育"], [4.0, 3.0, 2.0, 1.0], [9, 5, 4, 4]) == ["计生", "违法生育", "婚育"]
    assert _listed(["计划生育", "计生", "婚育"], [4.0, 3.0, 1.0], [5, 9, 4]) == ["计划生育", "婚育"]
    # theme labels
    assert [c.form for c in one_per_concept(["计生", "婚育", "计划生育", "两非"], [4.0, 3.0, 2.0, 1.0], 3)] == \
        ["计生", "婚育", "两非"]


def test_the_one_rule_names_a_nested_pair_once_when_its_shorter_form_is_seen_three_times():
    # 人大 (9 times) after 西集镇人大: the measured rule keeps both (人大 is seen apart), the one rule leaves it out
    terms, scores = ["西集镇人大", "人大", "计生政策", "村两委"], [4.0, 3.0, 2.0, 1.0]
    assert _listed(terms, scores, [4, 9, 5, 3]) == terms
    assert _listed(terms, scores, [4, 9, 5, 3], rule="one") == ["西集镇人大", "计生政策", "村两委"]
    assert _listed(terms, scores, [1, 2, 5, 3], rule="one") == terms  # seen twice: too little to tell
    # a longer form after a two-character term the measured rule keeps beside it (not well supported)
    terms, scores = ["婚育", "婚育新风", "两非"], [4.0, 1.0, 0.5]
    assert _listed(terms, scores, [6, 3, 2]) == terms
    assert _listed(terms, scores, [6, 3, 2], rule="one") == ["婚育", "两非"]
    assert _listed(terms, scores, [2, 2, 2], rule="one") == terms


def test_the_concept_rule_is_checked():
    import pytest

    from tiyao.errors import ConfigError
    from tiyao.keyterms.tfidf import TfidfKeywords

    with pytest.raises(ConfigError, match="concepts must be one of measured, one"):
        TfidfKeywords(concepts="all").fit([])


def test_a_phrase_never_seen_apart_from_a_longer_term_is_a_cut_of_it():
    from tiyao.keyterms.concepts import is_cut

    # 长效节育 (three times) occurs only inside 长效节育措施 (three times); 节育措施 is seen apart (four times)
    terms = ["节育措施", "长效节育", "长效节育措施", "违法生育"]
    scores, counts, words = [4.3, 3.5, 3.2, 3.0], [4, 3, 3, 5], [2, 2, 3, 2]
    assert is_cut(1, terms, counts, range(4)) and not is_cut(0, terms, counts, range(4))
    listed = [terms[f] for f, _, _ in keyword_slots(terms, scores, counts, 3, words=words)]
    assert "长效节育" not in listed and listed[0] == "节育措施"
    assert "长效节育" in [terms[f] for f, _, _ in keyword_slots(terms, scores, counts, 3)]  # without words: kept
    # seen twice only: too little evidence that it never stands apart (a cut of a phrase seen once is often a term)
    assert not is_cut(1, terms, [4, 2, 2, 5], range(4))


def test_a_concept_is_named_in_two_forms_at_most():
    terms, scores, counts = ["人大", "镇人大", "西集镇人大", "村两委"], [4.8, 4.4, 3.7, 2.0], [4, 2, 1, 2]
    assert _listed(terms, scores, counts) == ["人大", "镇人大", "村两委"]
    # two listed terms that do not nest with each other: a term holding both is their full name, and is listed
    terms = ["经编", "织物", "经编织物", "针织"]
    assert _listed(terms, [5.0, 4.0, 3.5, 1.0], [6, 4, 2, 2]) == terms
