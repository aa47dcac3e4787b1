"""TF-IDF keywords and keyphrases, with an IDF fitted on the corpus and blended with a general one.

The score of a candidate term ``t`` (a word or a keyphrase, see :mod:`tiyao.keyterms.candidates`) in a document::

    score(t) = tf(t) * idf(t) ** idf_power * (1 + position_weight * (1 - first(t))) * (1 + title_weight * in_title(t))
               * (1 - containment * inside(t)) * length_prior[words(t)] * specific(t)

``tf`` is the number of occurrences in the document, ``idf`` the IDF of the term itself (a phrase has its own
document frequency; :class:`tiyao.idf.IdfModel`, on a 0..1 scale) raised to ``idf_power`` (2 by default: the scale
is logarithmic and compressed, ``工作`` 0.3 against ``苗木`` 0.7, and squaring keeps frequent general words from
outranking rarer specific ones), ``first`` the offset of the first occurrence divided by the
length of the text, ``in_title`` 1 when the term occurs in the title, and ``inside`` the share of the term's
occurrences that sit inside a longer kept phrase (at most 1): a word or phrase that almost always appears inside a
longer one is scored down, not dropped. ``length_prior`` weighs terms of 1, 2 and 3 or more words (1, 1.3, 0.8 by
default): two-word terms are the commonest keyphrases, and longer runs are more often clause fragments. ``specific`` is
a single word's specificity (:mod:`tiyao.keyterms.generic`, the measure theme labels use too): the product of
factors for its spread in general Chinese (jieba's IDF table, ``min(1, idf / generic_line)``, ``generic_line`` 0.6:
``服务`` 0.38, ``办理`` 0.47 or ``工作人员`` 0.48 lose in proportion), its part of speech (a verb or verbal noun in
jieba's dictionary, ``服务``, ``管理``: 0.85), a scope word (``全镇``: 0.3), a compound of two common words
(``市场经济``) and, unless it is in the title, its spread over the corpus's articles
(``1 - 0.95 (df - 1) / (N - 1)``: a word of 6 of the 8 seed articles keeps 0.32 of its score). The corpus IDF
alone cannot tell general words apart in a small corpus, where the background weighs most. On CSL dev the
part-of-speech and spread factors moved exact F1@5 from 0.2803 to 0.2804, F1@10 from 0.2187 to 0.2188, partial
F1@5 stayed 0.4997 (without the title's exemption: 0.2806, 0.2189, but partial 0.4995); the background factor
alone had moved exact F1@5 from 0.2594 to 0.2614; a squared factor, or a line at 0.65, took partial F1@5 below
jieba.analyse's. A phrase is kept when it recurs: twice or
more in the document, in the title, or in another document of the corpus.

A word of two or three characters that jieba's HMM made by gluing a particle, preposition or pronoun to a
character outside the dictionary (``这是``, ``以未``, ``需在``, ``从主位``, ``角为``:
:func:`tiyao.wordclasses.is_glued_particle_word`; not a word of jieba's dictionary nor of the user's or the corpus's
new words) has specificity 0: it is no keyword by itself, though a phrase may hold it (``人伦之序``). On CSL dev such
words were in 58 of 896 lists; exact F1@5 0.2832 -> 0.2834, partial F1@5 0.5071 -> 0.5074, F1@10 the same; on
THUCNews-1000 41 lists lose 42 (从市, 杨是, 这支, 收于, 日起). Splitting them off in the segmenter instead (从 + 主位) raised
SIGHAN F1 (PKU 0.818 -> 0.823) and CSL more, but changed the theme features enough to lower THUCNews-1000's
V-measure (0.918 -> 0.911 at seed 0), so it is not done.

The list is then read from the top, a term that repeats a listed one in part waiting its turn
(:mod:`tiyao.keyterms.redundancy`): a term that is part of a term already listed and never occurs apart from it
is skipped, so a phrase and its own parts are listed together only when both earn it (the other rules:
:func:`tiyao.keyterms.concepts.keyword_slots`).

What ranking an article costs (issue 16), thread CPU time an article in one pass over the corpus, this module's
scores (the kept phrases, IDF, containment, specificity) and the list (:func:`select`): THUCNews-1000 0.7 and 0.15
ms, THUCNews-1000 x 5 (every phrase seen in another article is kept: 133 an article against 34) 0.95 and 0.2 ms.
Most of it is looking terms up in large tables (the corpus's document frequencies, jieba's IDF table, the IDF memo:
a few hundred thousand entries, read out of cache), which no rewriting removes. The words of each live phrase are
read without a call to :meth:`~tiyao.keyterms.candidates.Candidates.part` a phrase, the memo keys made in one pass
(:meth:`~tiyao.idf.IdfModel.idf_many`), and containment looks each word of a kept phrase up as it is
(:func:`~tiyao.keyterms.candidates.inside_share`): the scores, side by side with the code before, x 5 0.946-0.978 ->
0.880-0.896 ms (IDF 0.39-0.40 -> 0.35-0.36, containment 0.29-0.30 -> 0.25-0.26), THUCNews-1000 0.710-0.715 ->
0.682-0.700 ms; the whole ranking in the pipeline (jobs 1, each article ranked by both, in turn, the same tables for
both), x 5 0.81-1.21 -> 0.76-1.08 ms (0.90-0.93 of it), THUCNews-1000 0.72-1.17 -> 0.61-0.97 ms (0.81-0.86: more
than the scores side by side say, unexplained). Tried and lost, the outputs the same each time: the IDF of an
article's terms worked out together with numpy (the table read once per term and once per token of the phrases it
lacks), level (x 5 0.415 against 0.418 ms, THUCNews-1000 0.310 against 0.301); one memo a model of each term's
document frequency and IDF together, one look-up a term, with how a phrase split into words (its IDF depends on its
words when the table lacks it: a signature of its cuts checked each time), x 5 0.40 -> 0.33 ms but THUCNews-1000
0.23 -> 0.31-0.35 ms (most terms are new there, and working them out with numpy cost more than the memo it fills);
testing an abbreviation only for terms of two or four characters and gathering the listed terms' edges once a step
in :func:`select`, level (0.175 against 0.179 ms at x 5).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from ..errors import ConfigError
from ..idf import IDF_MODES, IdfModel
from ..lexicon import Lexicon
from ..segment import Segmenter
from ..types import Keyword, SegmentedDocument
from ..wordclasses import is_glued_particle_word
from .concepts import CONCEPT_RULES, keyword_slots, parts_apart
from .generic import BACKGROUND_LINE, article_spreads, specificities
from .candidates import Candidates, TokenKinds, analyzer, collect, inside_share, multi_word


#: Weights of terms of 1, 2, and 3 or more words.
LENGTH_PRIOR = (1.0, 1.3, 0.8)
#: Background IDF (0..1) below which a single word counts as general and loses score in proportion.
GENERIC_LINE = BACKGROUND_LINE


def check_length_prior(prior: object) -> None:
    if not (isinstance(prior, tuple) and len(prior) == 3
            and all(isinstance(v, (int, float)) and v > 0 for v in prior)):
        raise ConfigError(f"length_prior must be three numbers > 0 (1, 2, 3+ words); got {prior!r}")


def length_weights(cands: Candidates, prior: tuple[float, float, float]) -> np.ndarray:
    """The length prior of each candidate."""
    return np.asarray(prior, dtype=np.float64)[np.minimum(cands.words, 3) - 1]


def check_positive_int(name: str, value: object) -> None:
    """Raise :class:`~tiyao.errors.ConfigError` unless ``value`` is an integer >= 1 (the keyword rankers' sizes)."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"{name} must be an integer >= 1; got {value!r}")


class TfidfKeywords:
    """Rank an article's words and keyphrases by TF-IDF with position and title priors (see the module docs).

    Parameters
    ----------
    top_k:
        How many keywords to return.
    phrases:
        Also rank keyphrases (runs of adjacent content words); ``False`` ranks single words only.
    idf:
        A fitted (or background-mode) :class:`~tiyao.idf.IdfModel`; by default :meth:`fit` fits one in ``idf_mode``.
    idf_mode:
        ``"blend"``, ``"corpus"`` or ``"background"``, for the model :meth:`fit` fits when ``idf`` is not given.
    max_words, max_chars:
        The longest keyphrase, in words and in characters.
    position_weight, title_weight, containment, length_prior, idf_power, generic_line:
        The priors and the shape of the score (see the module docs). ``generic_line`` None: ``GENERIC_LINE`` with
        phrases, 0 (off) without: ranking words only, it cost partial F1@5 on CSL dev (0.5107 against 0.5148).
    concepts:
        How the list keeps one slot per concept (with phrases; :func:`~tiyao.keyterms.concepts.keyword_slots`):
        ``"measured"`` (default) leaves out a form that only names a listed concept again, measured by how often
        each occurs apart; ``"one"`` also names once every nested pair whose shorter form occurs three times or
        more (fewer near-duplicates; on CSL dev it costs exact F1: see benchmarks/RESULTS.md).
    segmenter:
        Whose content-word filter (stop words) to use; a default :class:`~tiyao.segment.Segmenter` otherwise.

    Examples
    --------
    >>> from tiyao.segment import Segmenter
    >>> from tiyao.types import Document
    >>> seg = Segmenter()
    >>> doc = seg.segment(Document("1", "", "育龄妇女申请计生信贷。计生信贷帮助育龄妇女创业。", "<doc>"))
    >>> extractor = TfidfKeywords(top_k=3).fit([doc])
    >>> [k.term for k in extractor.extract(doc)]
    ['育龄妇女', '计生信贷', '创业']
    """

    def __init__(self, *, top_k: int = 10, phrases: bool = True, idf: IdfModel | None = None,
                 idf_mode: str = "blend", max_words: int = 5, max_chars: int = 20, position_weight: float = 1.0,
                 title_weight: float = 1.0, containment: float = 0.5,
                 length_prior: tuple[float, float, float] = LENGTH_PRIOR, idf_power: float = 2.0,
                 generic_line: float | None = None, concepts: str = "measured",
                 segmenter: Segmenter | None = None) -> None:
        self.top_k = top_k
        self.phrases = phrases
        self.idf = idf
        self.idf_mode = idf_mode
        self.max_words = max_words
        self.max_chars = max_chars
        self.position_weight = position_weight
        self.title_weight = title_weight
        self.containment = containment
        self.length_prior = length_prior
        self.idf_power = idf_power
        self.generic_line = generic_line
        self.concepts = concepts
        self.segmenter = segmenter

    def _validate(self) -> None:
        check_positive_int("top_k", self.top_k)
        check_positive_int("max_words", self.max_words)
        check_positive_int("max_chars", self.max_chars)
        if self.concepts not in CONCEPT_RULES:
            raise ConfigError(f"concepts must be one of {', '.join(CONCEPT_RULES)}; got {self.concepts!r}")
        if self.idf_mode not in IDF_MODES:
            raise ConfigError(f"idf_mode must be one of {', '.join(IDF_MODES)}; got {self.idf_mode!r}")
        numbers = ("position_weight", "title_weight", "idf_power")
        for name in numbers if self.generic_line is None else (*numbers, "generic_line"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or value < 0:
                raise ConfigError(f"{name} must be a number >= 0; got {value!r}")
        if not isinstance(self.containment, (int, float)) or not 0 <= self.containment <= 1:
            raise ConfigError(f"containment must be in [0, 1]; got {self.containment!r}")
        check_length_prior(self.length_prior)

    def _kinds(self) -> TokenKinds:
        kinds = getattr(self, "kinds_", None)
        if kinds is None:
            kinds = TokenKinds(self.segmenter)
            self.kinds_ = kinds
        return kinds

    def fit(self, documents: Iterable[SegmentedDocument]) -> TfidfKeywords:
        """Fit the IDF on ``documents`` (unless a fitted model was given). Sets ``idf_``."""
        self._validate()
        kinds = self._kinds()
        if self.idf is not None and (self.idf.fitted or self.idf.mode == "background"):
            self.idf_ = self.idf
        else:
            base = self.idf if self.idf is not None else IdfModel(mode=self.idf_mode)
            model = IdfModel(mode=base.mode, prior_documents=base.prior_documents,
                             analyzer=analyzer(kinds, max_words=self.max_words, max_chars=self.max_chars))
            self.idf_ = model.fit(list(documents))
        return self

    def with_idf(self, idf: IdfModel) -> TfidfKeywords:
        """Fitted with ``idf``, a fitted (or background-mode) model, instead of on documents: for a caller that
        counts the corpus's document frequencies itself (the pipeline's keywords step). Sets ``idf_``."""
        if not (idf.fitted or idf.mode == "background"):
            raise ConfigError("with_idf needs a fitted IdfModel or one in background mode; call fit(documents)")
        self._validate()
        self._kinds()
        self.idf_ = idf
        return self

    def _model(self) -> IdfModel:
        model = getattr(self, "idf_", None)
        if model is not None:
            return model
        if self.idf is not None and (self.idf.fitted or self.idf.mode == "background"):
            return self.idf
        if self.idf is None and self.idf_mode == "background":
            return IdfModel(mode="background")
        raise ConfigError("TfidfKeywords is not fitted; call fit(documents) first")

    def candidates(self, doc: SegmentedDocument) -> Candidates:
        """The candidates of ``doc`` as :meth:`extract` ranks them. ``candidates(doc).terms`` are also the
        document's IDF terms when ``phrases`` is on (sorted, distinct: :func:`~tiyao.keyterms.candidates.
        document_terms`), so one scan can serve both passes: pass the result to :meth:`rank` later."""
        return collect(doc, self._kinds(), max_words=self.max_words, max_chars=self.max_chars, phrases=self.phrases)

    def scores(self, doc: SegmentedDocument) -> tuple[Candidates, np.ndarray]:
        """Every candidate of ``doc`` with its score (0 for a phrase that does not recur)."""
        self._validate()
        cands = self.candidates(doc)
        return cands, self.candidate_scores(cands)

    def candidate_scores(self, candidates: Candidates) -> np.ndarray:
        """The score of each of ``candidates`` (what :meth:`candidates` gave for an article) with the fitted IDF."""
        self._validate()
        return self._score(candidates, self._model())

    def _score(self, cands: Candidates, model: IdfModel) -> np.ndarray:
        if not len(cands):
            return np.zeros(0)
        count = cands.count
        multi = multi_word(cands)
        kept = multi & ((count >= 2) | cands.in_title)
        once = np.flatnonzero(multi & ~kept)  # a phrase seen once here may recur elsewhere in the corpus
        if len(once):
            terms = cands.terms
            kept[once] = model.document_frequencies(list(map(terms.__getitem__, once.tolist()))) >= 2
        live = np.flatnonzero(~multi | kept)
        score = np.zeros(len(cands))
        idf = model.idf_many(*_live_terms(cands, live))
        score[live] = count[live] * idf ** self.idf_power
        score *= 1.0 + self.position_weight * (1.0 - cands.first)
        score *= 1.0 + self.title_weight * cands.in_title
        if self.containment > 0 and kept.any():
            score *= 1.0 - self.containment * inside_share(cands, kept)
        score *= length_weights(cands, self.length_prior)
        line = self.generic_line if self.generic_line is not None else GENERIC_LINE * self.phrases
        if line > 0:
            score *= self._specificity(cands, model, line)
        return score

    def _specificity(self, cands: Candidates, model: IdfModel, line: float) -> np.ndarray:
        """The specificity of each single word (:mod:`tiyao.keyterms.generic`: jieba's IDF, the word's part of
        speech, its spread over the corpus's articles), 1 for phrases."""
        values = np.ones(len(cands))
        single = np.flatnonzero(cands.words == 1)
        if not len(single):
            return values
        words = list(map(cands.terms.__getitem__, single.tolist()))
        articles = model.n_documents_ if model.fitted else 0
        spread = None
        if articles > 1:  # (a word of the title is what the article is about, however many others hold it)
            spread = np.where(cands.in_title[single], 0.0, article_spreads(model.document_frequencies(words), articles))
        values[single] = specificities(words, spread=spread, line=line)
        lexicon = self._kinds().segmenter.lexicon
        ids = lexicon.ids(words)  # (first: it may add entries)
        glued = lexicon.column(glued_particle_words, bool)[ids]
        values[single[glued]] = 0.0  # 这是, 以未, 从主位: a particle the HMM glued to a character is no keyword alone
        return values

    def extract(self, doc: SegmentedDocument) -> tuple[Keyword, ...]:
        """The ``top_k`` keywords of ``doc``, best first (ties by term)."""
        self._validate()
        return self.rank(self.candidates(doc))

    def rank(self, candidates: Candidates) -> tuple[Keyword, ...]:
        """The ``top_k`` keywords among ``candidates`` (what :meth:`candidates` gave for an article earlier: the
        article is not scanned again), best first (ties by term)."""
        score = self.candidate_scores(candidates)
        return select(candidates, score, self.top_k, one_slot=self.phrases, concepts=self.concepts)


def glued_particle_words(lexicon: Lexicon, start: int, stop: int) -> list[bool]:
    """Is each of the entries ``start..stop - 1`` of ``lexicon`` a particle that jieba's HMM glued to a character
    (:func:`~tiyao.wordclasses.is_glued_particle_word`), a word neither jieba's dictionary nor the user (or the
    corpus's new words) knows? (A :meth:`~tiyao.lexicon.Lexicon.column` rule.)"""
    knows = lexicon.knows
    return [is_glued_particle_word(word) and not knows(word) for word in lexicon.words[start:stop]]


def _live_terms(cands: Candidates, live: np.ndarray) -> tuple[list[str], list[tuple[str, ...]]]:
    """The terms at ``live`` and their words (only a phrase's words are spelled out: a word's are not needed;
    :meth:`Candidates.part`, read here without a call a phrase)."""
    indices = live.tolist()
    parts: list[tuple[str, ...]] = [()] * len(indices)
    phrases = np.flatnonzero(cands.words[live] > 1)
    if len(phrases):
        tokens = cands.tokens
        at = cands.at[live[phrases]]
        for k, start, end in zip(phrases.tolist(), at.tolist(), (at + cands.words[live[phrases]]).tolist()):
            parts[k] = tuple(tokens[start:end])
    return list(map(cands.terms.__getitem__, indices)), parts


def select(cands: Candidates, score: np.ndarray, top_k: int, *, one_slot: bool = True,
           concepts: str = "measured") -> tuple[Keyword, ...]:
    """The best ``top_k`` terms by ``(-score, term)``. A term that is part of a listed term and never occurs apart
    from it is skipped; with ``one_slot``, so is a term that names a listed concept again, or it takes that
    concept's place (:func:`~tiyao.keyterms.concepts.keyword_slots` by the rule ``concepts``)."""
    positive = np.flatnonzero(score > 0)
    # terms are sorted, so a stable sort on -score breaks ties on the term
    order = positive[np.argsort(-score[positive], kind="stable")].tolist()
    terms = cands.terms
    ranked = [terms[i] for i in order]
    counts = cands.count[order].tolist()
    if one_slot:
        slots = keyword_slots(ranked, score[order].tolist(), counts, top_k, rule=concepts,
                              words=cands.words[order].tolist())
    else:
        slots = [(i, i, float(score[order[i]])) for i in parts_apart(ranked, counts, top_k)]
    return tuple(Keyword(ranked[form], round(value, 6)) for form, _, value in slots)


def fit_idf(documents: Sequence[SegmentedDocument], *, mode: str = "blend",
            segmenter: Segmenter | None = None) -> IdfModel:
    """An IdfModel fitted on the keyword candidates of ``documents`` (what ``tiyao idf build`` saves)."""
    return TfidfKeywords(idf_mode=mode, segmenter=segmenter).fit(documents).idf_
