"""Hand-made records for tests: a Report over the real seed articles, built without the ranking modules.

Keywords, summaries, themes and map positions are chosen by hand here, so a test of a rendering does not move
when a ranking step changes. The sentences are the real ones (``split_sentences`` on the seed texts).
"""

from __future__ import annotations

import math
from pathlib import Path

from tiyao.config import PipelineConfig
from tiyao.corpus import read_corpus
from tiyao.report import DocumentResult, Report
from tiyao.sentences import split_sentences
from tiyao.types import Document, Keyword, Theme

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

#: Keywords by hand for each seed article (in file order), best first, with made-up decreasing scores.
SEED_KEYWORDS = (
    ("计划生育", "低生育水平", "利益导向", "流动人口", "长效节育措施", "性别比"),
    ("计生信贷", "育龄妇女", "创业", "小额贷款", "致富"),
    ("人大代表", "视察", "计生政策", "落实"),
    ("计生协会", "计生户", "贷款", "创业", "致富项目"),
    ("办证程序", "人大建议", "首接负责制", "计生办", "群众"),
    ("小额贷款", "计生户", "致富", "养殖"),
    ("基层计生", "四化", "规范化", "信息化"),
    ("两非", "B超", "性别比", "专项整治"),
)
#: Two themes by hand (article positions, from 0): credit and enterprise; the family-planning work itself.
SEED_THEMES = (
    (("计划生育", "人大", "基层"), (0, 2, 4, 6, 7), 0),
    (("贷款", "创业", "计生户"), (1, 3, 5), 3),
)
#: Map positions by hand: theme 0 on the left, theme 1 on the right.
SEED_COORDS = ((-0.6, 0.1), (0.55, 0.3), (-0.4, -0.35), (0.7, 0.05), (-0.2, -0.5), (0.45, -0.1), (-0.75, 0.4),
               (-0.1, 0.55))


def seed_documents() -> tuple[Document, ...]:
    return read_corpus([SEEDS]).documents


def make_seed_report(*, failed: bool = False, config: PipelineConfig | None = None) -> Report:
    """The seed articles as a finished run: keywords, a 2-sentence summary each, two themes and a map.

    With ``failed=True`` an article that could not be analysed is added at the end (no map position).
    """
    documents = seed_documents()
    results = []
    for position, document in enumerate(documents):
        sentences = [s for s in split_sentences(document.text, document.headings) if not s.is_heading]
        summary = (sentences[0], sentences[len(sentences) // 2])  # the lead, and one from the middle
        terms = SEED_KEYWORDS[position]
        keywords = tuple(Keyword(term, round(0.9 / (rank + 1) ** 0.7, 4)) for rank, term in enumerate(terms))
        theme = next(i for i, (_, members, _) in enumerate(SEED_THEMES) if position in members)
        results.append(DocumentResult(document, {"keywords": keywords, "summary": summary, "themes": theme}))
    themes = tuple(Theme(i, label, tuple(documents[p].id for p in members), documents[rep].id)
                   for i, (label, members, rep) in enumerate(SEED_THEMES))
    coords = SEED_COORDS
    if failed:
        broken = Document("broken.txt#1", "空文章", "", "broken.txt")
        results.append(DocumentResult(broken, error="empty after cleaning"))
        coords = coords + ((math.nan, math.nan),)
    return Report(tuple(results), themes, config or PipelineConfig(), coords, ("计生户", "西集镇"))


def spread_over_themes(report: Report, n: int) -> Report:
    """The report's analysed articles, repeated (new ids) and spread over ``n`` themes in turn (at least two
    articles each), each theme named by one word, on a grid of distinct map positions."""
    from dataclasses import replace

    analysed = [r for r in report.documents if r.error is None]
    count = max(2 * n, len(analysed))
    results = [replace(r, document=replace(r.document, id=f"{r.id}-{i}")).with_results(themes=i % n)
               for i, r in enumerate((analysed * -(-count // len(analysed)))[:count])]
    themes = tuple(Theme(t, (f"词{t + 1}",), tuple(r.id for r in results if r.theme == t),
                         next(r.id for r in results if r.theme == t)) for t in range(n))
    coords = tuple((float(i % 9), float(i // 9)) for i in range(len(results)))
    return replace(report, documents=tuple(results), themes=themes, coords=coords)
