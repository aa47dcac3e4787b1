"""A digest per theme (tiyao.digest), and where it is shown (JSON, Markdown, HTML, terminal)."""

from __future__ import annotations

import json

from tiyao.digest import MAX_SENTENCES, theme_digests
from tiyao.types import Sentence, Theme


def _sentences(*texts: str) -> tuple[Sentence, ...]:
    found, start = [], 0
    for index, text in enumerate(texts):
        found.append(Sentence(index, start, start + len(text), text))
        start += len(text)
    return tuple(found)


LOANS = Theme(0, ("计生户", "贷款"), ("a", "b", "c"), "a")
SPORT = Theme(1, ("湖人", "比赛"), ("d", "e"), "d")
SUMMARIES = {
    "a": _sentences("西集镇农村信用联社发放小额贷款，引领计生户致富。", "他表示，贷款还将增加。"),
    "b": _sentences("西集镇计生协会与信用联社推出计生信贷助富活动，帮助计生户创业。", "西集镇农村信用联社发放小额贷款，引领计生户致富！"),
    "c": _sentences("田军用信用联社的贷款种植绿化苗木，成了致富带头人。"),
    "d": _sentences("湖人加时击败国王，拜纳姆伤情无碍。"),
    "e": _sentences("湖人主场比赛中，拜纳姆膝伤离场。", "湖人队医确认拜纳姆并无大碍。"),
}


def test_a_digest_says_what_the_theme_is_about_from_several_articles():
    digests = theme_digests([LOANS, SPORT], SUMMARIES)
    loans = digests[0]
    assert 2 <= len(loans) <= MAX_SENTENCES
    assert len({s.id for s in loans}) == len(loans)  # one sentence per article while others are left
    for s in loans:  # each sentence cites its article and its place there
        assert SUMMARIES[s.id][s.index].text == s.text
    assert not any(s.text.startswith("他表示") for s in loans)  # leans on a sentence the digest lacks
    assert [s.id for s in digests[1]] != []


def test_near_duplicate_copies_are_merged():
    digest = theme_digests([LOANS], SUMMARIES)[0]
    texts = [s.text for s in digest]
    assert sum(t.startswith("西集镇农村信用联社发放小额贷款") for t in texts) <= 1


def test_digests_are_deterministic_and_empty_without_summaries():
    assert theme_digests([LOANS, SPORT], SUMMARIES) == theme_digests([LOANS, SPORT], dict(SUMMARIES))
    assert theme_digests([LOANS], {}) == {0: ()}


def test_the_seed_digests_in_every_rendering(tmp_path):
    from tiyao.pipeline import run
    from tiyao.report_html import render_html

    report = run(["seeds"])
    assert report.themes and all(2 <= len(t.digest) <= MAX_SENTENCES for t in report.themes)
    for theme in report.themes:
        assert {s.id for s in theme.digest} <= set(theme.doc_ids)
        assert len({s.id for s in theme.digest}) == len(theme.digest)
    record = json.loads(report.to_json())["themes"][0]
    assert record["digest"] and set(record["digest"][0]) == {"id", "index", "text"}
    first = report.themes[0].digest[0]
    assert first.text in report.to_markdown()
    html = render_html(report)
    assert '<ol class="digest"' in html and first.text in html

    from io import StringIO
    from rich.console import Console
    from tiyao.cli.report_view import report_view

    console = Console(file=StringIO(), width=200)
    console.print(report_view(report))
    out = console.file.getvalue()
    assert "综述" in out and report.themes[0].digest[0].text[:20] in out


def test_a_sentence_that_says_little_of_the_theme_is_left_out():
    theme = Theme(0, ("计生户", "贷款"), ("a", "b", "c", "f"), "a")
    summaries = dict(SUMMARIES, f=_sentences("北京：中国环境科学出版社，1989年。"))
    digest = theme_digests([theme], summaries)[0]
    assert "f" not in {s.id for s in digest} and len(digest) >= 2


def test_near_copies_are_found_as_comparing_every_pair_would():
    # the prefix filter compares only sentences that share a rare bigram: same answer as all pairs, without the
    # quadratic cost (a theme of thousands of articles)
    import random

    from tiyao import digest as D
    from tiyao.types import Sentence

    rng = random.Random(7)
    base = ["西集镇计生协会与农村信用联社联手开展计生信贷助富活动。", "枣庄市山亭区西集镇人大主席团组织代表视察计生政策落实。",
            "田军流转150亩土地培植绿化苗木，建起了绿色银行。", "西集镇成立打击两非活动工作专班组，精心组织周密部署。",
            "全镇15个行政村计划生育办公室的配置统一标准。", "在便民服务窗口公开办理条件、程序、时限和证明材料。"]
    texts = []
    for _ in range(120):
        chars = list(rng.choice(base))
        for _ in range(rng.randint(0, 8)):
            chars[rng.randrange(len(chars))] = rng.choice("的一是在不了有和人这中大为上个国")
        texts.append("".join(chars))
    pool = [D._Candidate(f"a{i}", i, Sentence(0, 0, len(t), t), D._bigrams(t)) for i, t in enumerate(texts)]
    every_pair: list = []
    for candidate in pool:
        if not any(D._jaccard(candidate.bigrams, kept.bigrams) >= D.DUPLICATE for kept in every_pair):
            every_pair.append(candidate)
    assert [pool[i].order for i in D._first_copies(pool)] == [c.order for c in every_pair]
    assert 6 <= len(every_pair) < 120  # copies were merged, and not everything


def test_the_bigrams_keep_exactly_the_letters_and_digits_of_every_code_point():
    from tiyao.digest import _NOT_ALNUM, _bigrams

    every = "".join(map(chr, [*range(0xD800), *range(0xE000, 0x110000)]))  # (no lone surrogates)
    assert _NOT_ALNUM.sub("", every) == "".join(filter(str.isalnum, every))
    assert _bigrams("西集镇，GPT-4 发布！") == frozenset({"西集", "集镇", "镇g", "gp", "pt", "t4", "4发", "发布"})
