"""Benchmark: extractive summaries on LCSTS PART III dev and the CLTS samples, against the peers.

Protocol (``/work/shared/peers.md``): every system ranks the sentences of ``title + "\\n" + text``; the extract is
the longest prefix of its ranking whose length fits in the reference's length (at least one sentence), put in
document order. Lengths and ROUGE are on characters after NFKC and lower-casing with punctuation and white space
removed; ROUGE-1/2 F1 with clipped n-gram counts and ROUGE-L F1 on the LCS of the whole texts, averaged over
documents (checked against rouge-chinese's ``Rouge(exclusive=False)`` on space-separated characters).

Systems: ours (``TextRankSummarizer`` defaults, on the foundation's sentences and tokens), Lead (first sentence;
first three; document order under the length rule), SnowNLP, TextRank4ZH (``networkx.from_numpy_matrix`` aliased
to ``from_numpy_array`` for networkx 3), sumy LexRank and TextRank (sumy's Chinese sentence splitter, jieba words),
and the extractive oracle (best single sentence by mean ROUGE F1, greedily extended while the mean rises) as the
ceiling. Ablations of ours: TF-IDF cosine edges, no lead prior, no list penalty. A paired bootstrap over documents
(10,000 resamples, seed 0) says whether a difference is more than noise.
The long-document case times one article of 5,000 sentences built from THUCNews articles, with its peak memory.

Run from the repository's top folder::

    python benchmarks/summaries.py            # writes section "summaries" of benchmarks/RESULTS.md
    python benchmarks/summaries.py --no-write --systems ours,lead
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import sys
import time
import tracemalloc
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks._results import write_section  # noqa: E402
from tiyao.corpus import read_corpus  # noqa: E402
from tiyao.segment import Segmenter  # noqa: E402
from tiyao.summarizer import TextRankSummarizer  # noqa: E402
from tiyao.types import Document  # noqa: E402

LONG_SENTENCES = 5000
TIMING_REPEATS = 3


# -- ROUGE on characters ------------------------------------------------------------------------------------------

def normalise(text: str) -> str:
    """Characters that ROUGE sees: NFKC, lower case, no punctuation, symbols or white space."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PZSC")


def _ngrams(chars: str, n: int) -> Counter:
    return Counter(chars[i:i + n] for i in range(len(chars) - n + 1))


def _f1(overlap: float, predicted: int, reference: int) -> float:
    if predicted == 0 or reference == 0 or overlap == 0:
        return 0.0
    p, r = overlap / predicted, overlap / reference
    return 2 * p * r / (p + r)


def _lcs(a: str, b: str) -> int:
    if not a or not b:
        return 0
    previous = [0] * (len(b) + 1)
    for ca in a:
        current = [0]
        for j, cb in enumerate(b, 1):
            current.append(previous[j - 1] + 1 if ca == cb else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]


def rouge(predicted: str, reference: str) -> tuple[float, float, float]:
    """Character ROUGE-1, ROUGE-2 and ROUGE-L F1 of one extract."""
    p, r = normalise(predicted), normalise(reference)
    scores = []
    for n in (1, 2):
        pn, rn = _ngrams(p, n), _ngrams(r, n)
        scores.append(_f1(sum((pn & rn).values()), sum(pn.values()), sum(rn.values())))
    scores.append(_f1(_lcs(p, r), len(p), len(r)))
    return scores[0], scores[1], scores[2]


def cross_check(pairs: Sequence[tuple[str, str]]) -> float:
    """Largest difference between our ROUGE and rouge-chinese's on these (extract, reference) pairs."""
    from rouge_chinese import Rouge

    scorer = Rouge(exclusive=False)
    worst = 0.0
    for predicted, reference in pairs:
        p, r = " ".join(normalise(predicted)), " ".join(normalise(reference))
        if not p or not r:
            continue
        theirs = scorer.get_scores(p, r)[0]
        ours = rouge(predicted, reference)
        for mine, key in zip(ours, ("rouge-1", "rouge-2", "rouge-l")):
            worst = max(worst, abs(mine - theirs[key]["f"]))
    return worst


# -- the length rule ----------------------------------------------------------------------------------------------

def extract(ranking: Sequence[tuple[int, str]], reference: str) -> str:
    """The longest prefix of ``ranking`` ((position, text) best first) that fits the reference, in document order."""
    if not ranking:
        return ""
    budget = len(normalise(reference))
    picked = [ranking[0]]
    used = len(normalise(ranking[0][1]))
    for item in ranking[1:]:
        length = len(normalise(item[1]))
        if used + length > budget:
            break
        picked.append(item)
        used += length
    return "".join(text for _, text in sorted(picked))


# -- the systems: each maps (Document, input text) to a ranking of (position, sentence text) -----------------------

Ranker = Callable[[Document, str], list[tuple[int, str]]]


def make_ours(segmenter: Segmenter, **params: object) -> Ranker:
    summarizer = TextRankSummarizer(**params)

    def rank(doc: Document, _: str) -> list[tuple[int, str]]:
        return [(s.index, s.text) for s in summarizer.rank(segmenter.segment(doc))]

    return rank


def make_lead(segmenter: Segmenter) -> Ranker:
    def rank(doc: Document, _: str) -> list[tuple[int, str]]:
        return [(s.sentence.index, s.sentence.text) for s in segmenter.segment(doc).sentences]

    return rank


def make_snownlp() -> Ranker:
    from snownlp import SnowNLP

    def rank(_: Document, text: str) -> list[tuple[int, str]]:
        model = SnowNLP(text)
        sentences = model.sentences
        if not sentences:
            return []
        position = {s: i for i, s in reversed(list(enumerate(sentences)))}
        return [(position[s], s) for s in model.summary(len(sentences))]

    return rank


def make_textrank4zh() -> Ranker:
    import networkx

    if not hasattr(networkx, "from_numpy_matrix"):
        networkx.from_numpy_matrix = networkx.from_numpy_array  # textrank4zh 0.3 predates networkx 3
    from textrank4zh import TextRank4Sentence

    model = TextRank4Sentence()

    def rank(_: Document, text: str) -> list[tuple[int, str]]:
        model.analyze(text=text, lower=True, source="all_filters")
        return [(item.index, item.sentence) for item in model.key_sentences]

    return rank


def make_sumy(kind: str) -> Ranker:
    from sumy.nlp.tokenizers import Tokenizer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer as SumyTextRank

    tokenizer = Tokenizer("chinese")  # sumy's Chinese sentence splitter and jieba words

    def rank(_: Document, text: str) -> list[tuple[int, str]]:
        document = PlaintextParser.from_string(text, tokenizer).document
        sentences = list(document.sentences)
        if not sentences:
            return []
        if kind == "lexrank":
            ratings = _lexrank_ratings(LexRankSummarizer(), document)
        else:
            ratings = SumyTextRank().rate_sentences(document)
        order = sorted(range(len(sentences)), key=lambda i: -ratings[sentences[i]])  # stable, as sumy sorts
        return [(i, str(sentences[i])) for i in order]

    return rank


def _lexrank_ratings(summarizer, document):
    """What sumy's ``LexRankSummarizer.__call__`` rates each sentence (its own code, stopping before the cut)."""
    summarizer._ensure_dependencies_installed()
    sentences_words = [summarizer._to_words_set(s) for s in document.sentences]
    tf_metrics = summarizer._compute_tf(sentences_words)
    idf_metrics = summarizer._compute_idf(sentences_words)
    matrix = summarizer._create_matrix(sentences_words, summarizer.threshold, tf_metrics, idf_metrics)
    scores = summarizer.power_method(matrix, summarizer.epsilon)
    return dict(zip(document.sentences, scores))


# -- evaluation ---------------------------------------------------------------------------------------------------

@dataclass
class Run:
    name: str
    scores: np.ndarray  # documents x 3
    seconds: float
    chars: int
    extracts: list[str]

    @property
    def mean(self) -> np.ndarray:
        return self.scores.mean(axis=0)

    @property
    def speed(self) -> float:
        return self.chars / self.seconds if self.seconds else float("nan")


def load(path: Path) -> tuple[list[Document], list[str], list[str]]:
    """Documents (read and cleaned as tiyao reads JSONL), the protocol's input texts, and the references."""
    corpus = read_corpus([path])
    references = {}
    inputs = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            references[record["id"]] = record["summary"]
            inputs[record["id"]] = f"{record['title']}\n{record['text']}" if record["title"] else record["text"]
    documents = list(corpus.documents)
    return documents, [inputs[d.id] for d in documents], [references[d.id] for d in documents]


def evaluate(name: str, ranker: Ranker, documents: Sequence[Document], inputs: Sequence[str],
             references: Sequence[str], *, fixed: int | None = None) -> Run:
    """Score one system; ``fixed`` takes that many top sentences instead of the length rule (Lead-1, Lead-3)."""
    seconds = math.inf
    for _ in range(TIMING_REPEATS):  # the best of a few passes: the machine is shared and noisy
        start = time.perf_counter()
        rankings = [ranker(doc, text) for doc, text in zip(documents, inputs)]
        seconds = min(seconds, time.perf_counter() - start)
        if seconds > 5:
            break  # the slow peers: one pass is enough
    extracts = []
    for ranking, reference in zip(rankings, references):
        if fixed is not None:
            extracts.append("".join(t for _, t in sorted(ranking[:fixed])))
        else:
            extracts.append(extract(ranking, reference))
    scores = np.array([rouge(e, r) for e, r in zip(extracts, references)])
    return Run(name, scores, seconds, sum(len(t) for t in inputs), extracts)


def oracle(documents: Sequence[Document], references: Sequence[str], segmenter: Segmenter) -> Run:
    """Best single sentence by mean ROUGE F1, greedily extended while the mean rises (a ceiling, not a system)."""
    extracts = []
    for doc, reference in zip(documents, references):
        sentences = [s.sentence.text for s in segmenter.segment(doc).sentences]
        chosen: list[int] = []
        best = -1.0
        while True:
            candidates = [i for i in range(len(sentences)) if i not in chosen]
            if not candidates:
                break
            gains = [(float(np.mean(rouge("".join(sentences[j] for j in sorted(chosen + [i])), reference))), -i)
                     for i in candidates]
            value, negative = max(gains)
            if value <= best:
                break
            best = value
            chosen.append(-negative)
        extracts.append("".join(sentences[j] for j in sorted(chosen)))
    scores = np.array([rouge(e, r) for e, r in zip(extracts, references)])
    return Run("oracle (ceiling)", scores, float("nan"), 1, extracts)


def bootstrap(a: Run, b: Run, resamples: int = 10_000, seed: int = 0) -> list[tuple[float, float, float, float]]:
    """Paired bootstrap of mean(a) - mean(b): per ROUGE measure (difference, 2.5%, 97.5%, share of draws <= 0)."""
    rng = np.random.default_rng(seed)
    diff = a.scores - b.scores
    n = diff.shape[0]
    draws = rng.integers(0, n, size=(resamples, n))
    means = diff[draws].mean(axis=1)  # resamples x 3
    out = []
    for k in range(3):
        low, high = np.percentile(means[:, k], [2.5, 97.5])
        out.append((float(diff[:, k].mean()), float(low), float(high), float((means[:, k] <= 0).mean())))
    return out


# -- the long-document case -----------------------------------------------------------------------------------------

def long_document(data: Path, segmenter: Segmenter, sentences: int) -> dict[str, float]:
    """One article of about ``sentences`` sentences (THUCNews articles joined as paragraphs): time and peak memory."""
    paragraphs, count = [], 0
    with (data / "cluster" / "thucnews_cnews_1000.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["text"]
            paragraphs.append(text)
            count += text.count("。") + text.count("！") + text.count("？")
            if count >= sentences * 1.05:
                break
    body = "\n".join(paragraphs)
    segmented = segmenter.segment(Document("long", "", body, "benchmark"))
    segmented = type(segmented)(segmented.document, segmented.sentences[:sentences])
    chars = segmented.sentences[-1].sentence.end
    summarizer = TextRankSummarizer(sentences=5)
    gc.collect()
    start = time.perf_counter()
    summary = summarizer.summarize(segmented)
    seconds = time.perf_counter() - start
    tracemalloc.start()  # a second run for memory: tracing slows the code down
    summarizer.summarize(segmented)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"sentences": len(segmented.sentences), "chars": chars, "seconds": seconds, "peak_mb": peak / 2**20,
            "dense_mb": len(segmented.sentences) ** 2 * 8 / 2**20, "picked": len(summary.sentences)}


# -- report ---------------------------------------------------------------------------------------------------------

def _table(runs: Sequence[Run], bold: bool = True) -> list[str]:
    lines = ["| system | ROUGE-1 | ROUGE-2 | ROUGE-L | chars/s |", "|---|---|---|---|---|"]
    systems = [r for r in runs if not r.name.startswith(("oracle", "ours "))]
    best = np.max([r.mean for r in systems], axis=0) if systems else None
    for run in runs:
        cells = []
        for k, value in enumerate(run.mean):
            text = f"{value:.4f}"
            if bold and best is not None and run in systems and value == best[k]:
                text = f"**{text}**"
            cells.append(text)
        speed = "—" if math.isnan(run.speed) or run.chars <= 1 else f"{run.speed:,.0f}"
        lines.append(f"| {run.name} | {' | '.join(cells)} | {speed} |")
    return lines


def _bootstrap_lines(label: str, result: list[tuple[float, float, float, float]]) -> str:
    parts = []
    for name, (diff, low, high, p) in zip(("R-1", "R-2", "R-L"), result):
        parts.append(f"{name} {diff:+.4f} [{low:+.4f}, {high:+.4f}], p = {p:.3f}")
    return f"| {label} | " + " | ".join(parts) + " |"


def coherence(data: Path, segmenter: Segmenter, *, write: bool) -> None:
    """Summary sentences whose opening leans on the sentence before (:func:`tiyao.coherence.needs_previous`)
    while that sentence is not in the summary, on THUCNews-1000 at the default length (3 sentences): ours, ours
    without the coherence rule (the same ranking, budget applied without ``context``), and Lead-3."""
    from tiyao.coherence import needs_previous
    from tiyao.summarizer import DEFAULT_SENTENCES, LeadSummarizer, body_sentences, select

    path = data / "cluster" / "thucnews_cnews_1000.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    ours = TextRankSummarizer(is_content=segmenter.is_content)
    lead = LeadSummarizer()
    counts: dict[str, list[int]] = {"ours": [0, 0], "ours without the coherence rule": [0, 0], "Lead-3": [0, 0]}
    for row in rows:
        doc = segmenter.segment(Document(row["id"], row["title"], row["text"], "thucnews"))
        total = sum(len(s.text) for s in body_sentences(doc))
        picks = {"ours": ours.summarize(doc).sentences,
                 "ours without the coherence rule": select(ours.rank(doc), total, sentences=DEFAULT_SENTENCES),
                 "Lead-3": lead.summarize(doc).sentences}
        for name, picked in picks.items():
            have = {s.index for s in picked}
            counts[name][0] += sum(needs_previous(s.text) and s.index - 1 not in have for s in picked)
            counts[name][1] += len(picked)
    lines = ["## Summaries: sentences with an unsupported opening (THUCNews-1000, 3 sentences)", "",
             "A summary sentence whose opening leans on the sentence before it (a pronoun or demonstrative, "
             "`他表示…`, `这处工厂…`; a connective, `但是…`; a clause `…后，`: `tiyao.coherence.needs_previous`) "
             "while that sentence is not in the summary.", "",
             "| system | unsupported | summary sentences | share |", "|---|---|---|---|"]
    for name, (bad, total) in counts.items():
        lines.append(f"| {name} | {bad} | {total:,} | {bad / max(total, 1):.2%} |")
    text = "\n".join(lines)
    print(text)
    if write:
        write_section("summaries-coherence", text)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--systems", default="all", help="comma-separated: ours,lead,snownlp,tr4zh,lexrank,"
                                                           "sumy-textrank,oracle,long (default: all)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    parser.add_argument("--long-sentences", type=int, default=LONG_SENTENCES)
    parser.add_argument("--coherence", action="store_true",
                        help="only count unsupported openings on THUCNews-1000 (section summaries-coherence)")
    args = parser.parse_args(argv)
    wanted = set(args.systems.split(",")) if args.systems != "all" else {
        "ours", "lead", "snownlp", "tr4zh", "lexrank", "sumy-textrank", "oracle", "long"}

    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    segmenter = Segmenter()
    segmenter.tokenizer  # load the dictionary before timing
    jieba.initialize()
    if args.coherence:
        coherence(args.data, segmenter, write=not args.no_write)
        return

    peers: list[tuple[str, str, Callable[[], Ranker], dict]] = [
        ("snownlp", "SnowNLP", make_snownlp, {}),
        ("tr4zh", "TextRank4ZH", make_textrank4zh, {}),
        ("lexrank", "sumy LexRank (jieba)", lambda: make_sumy("lexrank"), {}),
        ("sumy-textrank", "sumy TextRank (jieba)", lambda: make_sumy("textrank"), {}),
    ]
    sections = []
    results: dict[str, dict[str, Run]] = {}
    rank_speed: dict[str, float] = {}
    for label, filename in (("LCSTS PART III dev", "lcsts_part3_dev.jsonl"), ("CLTS samples", "clts_samples.jsonl")):
        documents, inputs, references = load(args.data / "summ" / filename)
        runs: dict[str, Run] = {}
        if "ours" in wanted:
            make_ours(segmenter)(documents[0], inputs[0])  # warm up
            runs["ours"] = evaluate("**tiyao TextRank (ours)**", make_ours(segmenter), documents, inputs, references)
            runs["ours-tfidf"] = evaluate("ours with TF-IDF cosine edges", make_ours(segmenter, similarity="tfidf"),
                                          documents, inputs, references)
            runs["ours-plain"] = evaluate("ours without lead prior (TextRank + MMR)",
                                          make_ours(segmenter, position_weight=0.0), documents, inputs, references)
            runs["ours-nolist"] = evaluate("ours without the list penalty", make_ours(segmenter, list_penalty=0.0),
                                           documents, inputs, references)
            segmented = [segmenter.segment(d) for d in documents]
            summarizer = TextRankSummarizer()
            best = math.inf
            for _ in range(TIMING_REPEATS):
                start = time.perf_counter()
                for doc in segmented:
                    summarizer.rank(doc)
                best = min(best, time.perf_counter() - start)
            rank_speed[label] = sum(len(t) for t in inputs) / best
        if "lead" in wanted:
            lead = make_lead(segmenter)
            runs["lead1"] = evaluate("Lead-1 (first sentence)", lead, documents, inputs, references, fixed=1)
            runs["lead3"] = evaluate("Lead-3 (first three sentences)", lead, documents, inputs, references, fixed=3)
            runs["lead"] = evaluate("Lead (document order, length rule)", lead, documents, inputs, references)
        for key, name, factory, _ in peers:
            if key in wanted:
                ranker = factory()
                ranker(documents[0], inputs[0])  # warm up (model loading)
                runs[key] = evaluate(name, ranker, documents, inputs, references)
        if "oracle" in wanted:
            runs["oracle"] = oracle(documents, references, segmenter)
        results[label] = runs
        for run in runs.values():
            print(f"{label:20s} {run.name:40s} " + " ".join(f"{v:.4f}" for v in run.mean)
                  + ("" if math.isnan(run.speed) else f"  {run.speed:,.0f} chars/s"), file=sys.stderr)
        sections.append((label, documents, references, runs))

    if "ours" not in wanted:
        return
    lcsts = results["LCSTS PART III dev"]
    lines = ["## Summaries", ""]
    lines += ["Protocol of /work/shared/peers.md: each system ranks sentences of `title + \"\\n\" + text`; the extract "
              "is the longest prefix of its ranking that fits in the reference's length (characters after NFKC, "
              "lower-casing, punctuation and white space removed), at least one sentence, in document order. "
              "Character ROUGE F1 averaged over documents. Lead-1 and Lead-3 take one and three sentences whatever "
              "their length. Speed: characters of input per second of ranking, segmentation included, one process, "
              f"best of {TIMING_REPEATS} passes on a shared machine (compare ratios, not absolute figures) "
              "(ours: `Segmenter.segment` + `TextRankSummarizer.rank`). Ours runs with its defaults "
              f"(`{TextRankSummarizer()!r}`).", ""]
    for label, documents, references, runs in sections:
        lines += [f"### {label} ({len(documents)} articles)", ""]
        order = sorted(runs.values(), key=lambda r: (r.name.startswith("oracle"), -r.mean[2]))
        lines += _table(order) + [""]
        if label in rank_speed:
            lines += [f"Ours ranks already-segmented articles at {rank_speed[label]:,.0f} characters per second "
                      "(the chars/s column includes segmentation).", ""]
    worst = cross_check([(e, r) for section in sections for run in section[3].values()
                         for e, r in zip(run.extracts, section[2])])
    lines += [f"Our ROUGE agrees with rouge-chinese `Rouge(exclusive=False)` on every extract above to within "
              f"{worst:.1e}.", ""]
    others = [k for k in ("snownlp", "tr4zh", "lexrank", "sumy-textrank") if k in lcsts]
    lines += ["Rows \"ours with …\" / \"ours without …\" are ablations of our defaults (not counted for the bold best "
              "figure).", ""]
    lines += ["Defaults and why: BM25 edges (k1 1.2, b 0.75), PageRank damping 0.7, lead prior weight 0.5 and decay "
              "0.5 (chosen on LCSTS dev from a small grid), title weight 0.1 (a judgement: no titles here), MMR redundancy "
              "0.3 and duplicate cosine 0.8, 30 neighbours per sentence above 31 sentences, and list penalty 0.5: an "
              "enumerated item (a clause opening with `1、`, `（2）`, `③`, `二是`) loses half its score. Why the "
              "last: on the long CLTS articles the ranking put a recipe's numbered steps (`做法：1、…；2、…`, 120 "
              "characters, longer than the 67-character reference) first, because a list item is long and shares "
              "most of its words with its sibling items, so it is the most central sentence; under the protocol's "
              "prefix rule the extract is then that one item. The same items read as fragments in a summary "
              "(`…；二是综合治理出生人口性别比。` in the first seed article). Penalising them moves the intro "
              "sentences up; LCSTS is unchanged or slightly up (its 17 item sentences out of 1,154 are rarely "
              "chosen). Length normalisation of centrality, a stronger or steeper lead prior, and TextRank's "
              "log-length edge normalisation were tried and lost on LCSTS (and mostly on CLTS as well).", ""]
    if "lead1" in lcsts:
        lines += ["### Paired bootstrap over LCSTS documents (10,000 resamples): ours minus another system", "",
                  "| comparison | ROUGE-1 | ROUGE-2 | ROUGE-L |", "|---|---|---|---|"]
        lines.append(_bootstrap_lines("ours − Lead-1", bootstrap(lcsts["ours"], lcsts["lead1"])))
        if others:
            best = max(others, key=lambda k: tuple(lcsts[k].mean[[2, 1, 0]]))
            lines.append(_bootstrap_lines(f"ours − {lcsts[best].name} (best peer)",
                                          bootstrap(lcsts["ours"], lcsts[best])))
        if "ours-nolist" in lcsts:
            lines.append(_bootstrap_lines("ours − ours without the list penalty",
                                          bootstrap(lcsts["ours"], lcsts["ours-nolist"])))
        clts = results.get("CLTS samples", {})
        if "ours" in clts and "lead3" in clts:
            lines.append(_bootstrap_lines("CLTS (7 articles): ours − Lead-3", bootstrap(clts["ours"], clts["lead3"])))
        lines += ["", "p is the share of resamples in which ours is not ahead; below 0.05 the gain is more than "
                  "noise (seven CLTS articles are too few for any p to mean much).", ""]
        gains = (lcsts["ours"].mean / lcsts["lead1"].mean - 1) * 100
        lines += [f"Ours against Lead-1 on LCSTS: {gains[0]:+.1f}% ROUGE-1, {gains[1]:+.1f}% ROUGE-2, "
                  f"{gains[2]:+.1f}% ROUGE-L. On these headline references the lead sentence is the best single "
                  "sentence in about half the posts; the oracle row shows how far the right choice could go.", ""]
    if "long" in wanted:
        lines += ["### Long document", ""]
        lines += ["| sentences | characters | seconds (rank + pick) | peak memory (MB) | dense n×n matrix (MB) |",
                  "|---|---|---|---|---|"]
        for size in sorted({args.long_sentences // 4, args.long_sentences // 2, args.long_sentences}):
            case = long_document(args.data, segmenter, size)
            print(case, file=sys.stderr)
            lines.append(f"| {case['sentences']:,} | {case['chars']:,} | {case['seconds']:.2f} | "
                         f"{case['peak_mb']:.1f} | {case['dense_mb']:.0f} |")
        lines += ["", "One article made of THUCNews articles joined as paragraphs, already segmented (segmentation "
                  "not timed); the summary is 5 sentences. Peak memory by tracemalloc (Python and NumPy "
                  "allocations) in a second run. Above `max_neighbours + 1` sentences (31) each sentence keeps its "
                  f"{TextRankSummarizer().max_neighbours} strongest edges, taken from sparse blocks of the "
                  "similarity matrix (at most a million sentence pairs at a time), so the graph and the memory grow "
                  "linearly with the number of sentences; the last column is what one dense n×n float matrix alone "
                  "would take. Time grows with the number of sentence pairs that share a word, so faster than "
                  "linearly, but stays in seconds at 5,000 sentences.", ""]
    lines += seeds_section(segmenter)
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        write_section("summaries", text)


def seeds_section(segmenter: Segmenter) -> list[str]:
    """The seeds' two-sentence summaries: ours beside SnowNLP's."""
    from snownlp import SnowNLP

    from tiyao.resources import seed_corpus_path

    summarizer = TextRankSummarizer(sentences=2)
    lines = ["### The seeds, two sentences each: ours beside SnowNLP's `summary(2)`", "",
             "| article | tiyao (ours) | SnowNLP |", "|---|---|---|"]
    for doc in read_corpus([seed_corpus_path()]).documents:
        ours = summarizer.summarize(segmenter.segment(doc)).text
        snow = " / ".join(SnowNLP(doc.text).summary(2))
        lines.append(f"| {doc.title} | {ours} | {snow} |")
    return lines + [""]


if __name__ == "__main__":
    main()
