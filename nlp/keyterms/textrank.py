"""TextRank keywords: PageRank over a co-occurrence graph of an article's content words, then keyphrases.

Nodes are the article's keyword words (content words tagged as nouns, names, places, organisations, other proper
nouns, verbal and adjectival nouns, abbreviations, fixed expressions or English terms:
:data:`tiyao.keyterms.candidates.KEYWORD_POS`), in sorted order. Two words are linked when they occur within
``window`` keyword words of each other **in the same sentence** (sentence boundaries are taken into account); the
edge weight is the number of such co-occurrences. Weighted PageRank (:func:`tiyao.graph.pagerank`, damping 0.85) runs
until the L1 change is below ``tol`` or for ``max_iter`` iterations. The teleport vector leans towards words that
come early or occur in the title: ``1 + position_weight * (1 - first(w)) + title_weight * in_title(w)``
(PositionRank's prior; ``position_weight = title_weight = 0`` gives plain TextRank).

With ``phrases`` on, a keyphrase that recurs (twice or more, or in the title) scores the sum of its words' scores;
its words are then scored down by the share of their occurrences inside it, and every term is weighted by the
length prior, as in :mod:`tiyao.keyterms.tfidf`.
Scores are divided by the best score, so the top keyword scores 1. Ties break on the term.
"""

from __future__ import annotations

from itertools import repeat

import numpy as np
import scipy.sparse as sp

from ..errors import ConfigError
from ..graph import pagerank
from ..segment import Segmenter
from ..furniture import without_furniture
from ..compounds import join_compounds
from ..types import Keyword, SegmentedDocument
from .candidates import (KEYWORD_WORD, Scan, TokenKinds, count_candidates, inside_share, multi_word,
                         scan_candidates)
from .tfidf import LENGTH_PRIOR, check_length_prior, check_positive_int, length_weights, select


class TextRankKeywords:
    """Rank an article's words by weighted PageRank over their co-occurrence graph (see the module docs).

    Examples
    --------
    >>> from tiyao.segment import Segmenter
    >>> from tiyao.types import Document
    >>> seg = Segmenter()
    >>> doc = seg.segment(Document("1", "", "苗木合作社种植苗木。合作社销售苗木。苗木销往安徽。", "<doc>"))
    >>> TextRankKeywords(top_k=2).extract(doc)[0].term
    '苗木'
    """

    def __init__(self, *, top_k: int = 10, phrases: bool = True, window: int = 5, damping: float = 0.85,
                 max_iter: int = 100, tol: float = 1e-6, max_words: int = 5, max_chars: int = 20,
                 position_weight: float = 1.0, title_weight: float = 1.0, containment: float = 0.5,
                 length_prior: tuple[float, float, float] = LENGTH_PRIOR, segmenter: Segmenter | None = None) -> None:
        self.top_k = top_k
        self.phrases = phrases
        self.window = window
        self.damping = damping
        self.max_iter = max_iter
        self.tol = tol
        self.max_words = max_words
        self.max_chars = max_chars
        self.position_weight = position_weight
        self.title_weight = title_weight
        self.containment = containment
        self.length_prior = length_prior
        self.segmenter = segmenter

    def _validate(self) -> None:
        for name in ("top_k", "window", "max_iter", "max_words", "max_chars"):
            check_positive_int(name, getattr(self, name))
        if self.window < 2:
            raise ConfigError(f"window must be an integer >= 2; got {self.window}")
        if not 0 < self.damping < 1:
            raise ConfigError(f"damping must be in (0, 1); got {self.damping!r}")
        if not isinstance(self.containment, (int, float)) or not 0 <= self.containment <= 1:
            raise ConfigError(f"containment must be in [0, 1]; got {self.containment!r}")
        check_length_prior(self.length_prior)

    def fit(self, documents: object = None) -> TextRankKeywords:
        """Nothing to fit (TextRank works on each article alone); here so every extractor is used alike."""
        self._validate()
        self._kinds()
        return self

    def _kinds(self) -> TokenKinds:
        kinds = getattr(self, "kinds_", None)
        if kinds is None:
            kinds = TokenKinds(self.segmenter)
            self.kinds_ = kinds
        return kinds

    def word_scores(self, doc: SegmentedDocument) -> dict[str, float]:
        """PageRank score of each keyword word of ``doc`` (they sum to 1)."""
        self._validate()
        doc = join_compounds(without_furniture(doc), self._kinds().segmenter)  # the tokens scan_candidates reads
        return self._word_scores(doc, scan_candidates(doc, self._kinds(), 1, self.max_chars, False))

    def _word_scores(self, doc: SegmentedDocument, scan: Scan) -> dict[str, float]:
        texts = scan.texts
        keyword = np.flatnonzero((scan.codes & 3) == KEYWORD_WORD)  # token indices of the keyword words
        words = [texts[i] for i in keyword.tolist()]
        vocabulary = sorted(set(words))
        if not vocabulary:
            return {}
        index = {w: i for i, w in enumerate(vocabulary)}
        ids = np.fromiter(map(index.__getitem__, words), dtype=np.int64, count=len(words))
        sentence = np.repeat(np.arange(len(doc.sentences)), [len(s.tokens) for s in doc.sentences])[keyword]
        rows: list[np.ndarray] = []
        cols: list[np.ndarray] = []
        for distance in range(1, min(self.window, len(ids))):
            same = sentence[distance:] == sentence[:-distance]  # co-occurrence inside a sentence only
            rows.append(ids[:-distance][same])
            cols.append(ids[distance:][same])
        n = len(vocabulary)
        if rows:
            r, c = np.concatenate(rows), np.concatenate(cols)
            keep = r != c
            r, c = r[keep], c[keep]
            matrix = sp.coo_matrix((np.ones(len(r)), (r, c)), shape=(n, n)).tocsr()
            matrix = matrix + matrix.T
        else:
            matrix = sp.csr_matrix((n, n))
        size = max(len(doc.document.text), 1)
        # the first token spelled like each word (whatever its part of speech)
        first_token = dict(zip(reversed(texts), range(len(texts) - 1, -1, -1)))
        first = scan.starts[np.fromiter(map(first_token.__getitem__, vocabulary), dtype=np.int64, count=n)] / size
        title = doc.document.title
        in_title = np.fromiter((bool(title) and w in title for w in vocabulary), dtype=np.float64, count=n)
        teleport = 1.0 + self.position_weight * (1.0 - first) + self.title_weight * in_title
        scores = pagerank(matrix, damping=self.damping, personalization=teleport, tol=self.tol,
                          max_iter=self.max_iter)
        return dict(zip(vocabulary, scores.tolist()))

    def extract(self, doc: SegmentedDocument) -> tuple[Keyword, ...]:
        """The ``top_k`` keywords of ``doc``, best first (ties by term); the best scores 1."""
        self._validate()
        doc = join_compounds(without_furniture(doc), self._kinds().segmenter)  # the tokens scan_candidates reads
        scan = scan_candidates(doc, self._kinds(), self.max_words, self.max_chars, self.phrases)
        words = self._word_scores(doc, scan)
        if not words:
            return ()
        cands = count_candidates(doc, scan)
        score = np.fromiter(map(words.get, cands.terms, repeat(0.0)), dtype=np.float64, count=len(cands))
        for i in np.flatnonzero(cands.words > 1).tolist():  # a phrase: the sum of its words' scores
            score[i] = sum(words.get(p, 0.0) for p in cands.part(i))
        multi = multi_word(cands)
        if multi.any():
            kept = multi & ((cands.count >= 2) | cands.in_title)
            score[multi & ~kept] = 0.0
            if self.containment > 0 and kept.any():
                score *= 1.0 - self.containment * inside_share(cands, kept)
        score *= length_weights(cands, self.length_prior)
        top = score.max() if len(score) else 0.0
        if top > 0:
            score = score / top
        return select(cands, score, self.top_k, one_slot=False)
