"""Themes: group the articles of a corpus, name each group by its words, and choose the number of groups.

How it works (every choice is deterministic given ``random_state``):

1. **Features.** Each article's content words (``Segmenter.is_content``) that are nouns, names, places,
   organisations, other proper nouns, verbal nouns, abbreviations, set phrases or English words (jieba tags
   ``n*``, ``vn``, ``j``, ``l``, ``eng``): what an article is *about*, without the verbs and adverbs every news
   article shares. The tokens are taken from the :class:`~tiyao.types.SegmentedDocument`; nothing is re-segmented.
   TF-IDF with sublinear tf (``1 + log tf``) and l2 norm; a word must occur in at least two articles (a word of
   one article links it to no other) and in at most half of them (a word of every article separates none).
   An IDF fitted elsewhere (the keyword step's) can be passed in ``idf`` and is used instead.
2. **Reduction.** With at least ``lsa_min_docs`` articles (200) the TF-IDF vectors are reduced by LSA
   (TruncatedSVD, ``max(lsa_dims)`` = 80 dimensions); each of ``lsa_dims`` (20, 30, 40, 50, 60, 80) takes the
   leading components and l2-normalises them again. On news, a few dozen latent dimensions merge synonyms and
   drop noise, so k-means separates topics better than on raw TF-IDF; no single dimension is best on every
   corpus, so the clustering votes across these nested subspaces (step 3). The 50-dimension space is the one
   silhouettes, representatives and the map use. Smaller corpora keep the TF-IDF vectors for silhouettes,
   representatives and the map: silhouettes in an LSA space of a small corpus favour many small themes (on
   100-150 THUCNews articles of 10 topics, ``auto`` chose 17-19 themes with LSA and 8-10 without). But from 40
   articles their k-means runs vote in LSA subspaces too, scaled to the corpus: the leading ``n // 4`` components
   at most (35 for 140 articles), cut in the same proportions as ``lsa_dims``, with twice ``consensus_runs``
   (k-means on a small corpus is cheap, and its runs disagree more). On raw TF-IDF vectors of a small corpus of
   long documents the runs follow whatever a few papers share (formulas, a school of method); measured over
   k-means seeds 0-4, V-measure on 140 Fudan papers of 7 classes went from 0.64-0.72 (mean 0.69) to
   0.79-0.80 (mean 0.80), and on random subsets of THUCNews-1000 (6 subsets x 2 seeds) from mean 0.834 to 0.873
   (60 articles) and 0.878 to 0.889 (140).
3. **Clustering.** ``kmeans`` is *consensus k-means*: ``consensus_runs`` k-means runs (k-means++, one init each,
   seeds drawn from ``random_state``), spread evenly over the LSA subspaces, vote on which articles belong
   together; each article is described by its cluster in every run (a one-hot block per run), and a final
   k-means (``n_init=10``) on those rows gives the deterministic final assignment. Agreement across runs and
   subspaces is steadier and better than any single run (on THUCNews-1000: V-measure 0.91-0.92 for every seed,
   where single k-means runs on one LSA space range 0.89-0.92), and the cost stays linear in the number of
   articles. ``agglomerative`` is average-linkage clustering on cosine distances: no randomness at all, for
   small corpora (it is quadratic in time and memory, and does worse than k-means on large news sets).
4. **Number of themes.** ``themes="auto"`` tries k = 2 … min(``max_themes``, n // 2) with one k-means (5 inits) each
   and scores the mean silhouette (cosine; over a sample of 2,000 articles in a larger corpus). On a corpus of more
   than ``K_TRIAL_MAX_ARTICLES`` (5,000) articles these trials run on a sample of that many (drawn with
   ``random_state``), and the chosen k then clusters every article: the 20x THUCNews corpus (20,000 articles) chose
   the same 10 themes with the same articles, and its themes fit took 12.8 -> 7.3 s of CPU time. It keeps the
   *fewest* themes whose silhouette is within ``k_tolerance`` (4 %, relative) of the best: smaller differences are
   within k-means' noise, and fewer themes read better. (5 % until the compounds left the themes' cut: then the first
   800 articles of THUCNews-1000, silhouette 0.327 at k = 9 and 0.344 at 10, took 9 themes for 10 labels; 4 % changes
   the choice on none of the other corpora measured: the seeds 2, fudan-train-140 8, THUCNews-1000 9.) A corpus whose
   best silhouette is below ``min_silhouette`` (no real structure) is one theme. One article, two articles or
   identical articles make one theme; ``themes=N`` larger than the number of distinct articles is capped.
5. **Labels.** Class-based TF-IDF (as BERTopic's c-TF-IDF) over each theme's articles: a word's weight in a theme
   is its summed sublinear frequency in the theme's articles, divided by the theme's total, times
   ``log(1 + A / f)`` with ``A`` the mean total per theme and ``f`` the word's frequency in the whole corpus;
   with several themes, also times the square of the word's document IDF, so a word of nearly every article
   (the town all the articles are about) or of many themes (发展, 中国) names no single theme (squared, such
   general words stopped leading the labels of THUCNews themes and of the seeds' loan theme). Label words are
   feature words (nouns and names) of at least two characters, not the tail of a longer name the dictionary
   lacks (``集镇`` cut from ``西集镇``: mostly glued to a stray single character), and, in a theme of several
   articles, found in at least two of them; words that nest, share a head or differ by one inner character are
   one concept and take one place (:func:`tiyao.keyterms.concepts.one_per_concept`: ``人口计生`` and ``人口`` are
   not both a label, nor ``信用联社`` and ``信用社``). A word's
   weight is also times its specificity (:mod:`tiyao.keyterms.generic`: jieba's IDF, its part of speech, and how
   evenly it is spread over the themes), as keywords are: ``人口`` and ``规范`` (general in Chinese) left the
   seeds' family-planning label; on THUCNews-1000 ``仓位``, ``净值`` and ``楼盘`` replaced ``股票``, ``指数`` and
   ``房地产``. The
   representative article is the one nearest the theme's centre
   (cosine, in the clustering space).
6. **Order.** Themes are numbered from 0, largest first, ties by the first article in input order (every output
   shows ``Theme.number``, from 1).

Examples
--------
>>> from tiyao import Segmenter, read_corpus
>>> seg = Segmenter()
>>> docs = [seg.segment(d) for d in read_corpus(["seeds"]).documents]
>>> clusterer = ThemeClusterer().fit(docs)
>>> clusterer.themes_[0].label[:3], [theme.number for theme in clusterer.themes_]
(('人大', '两非', '卫生院'), [1, 2])
"""

from __future__ import annotations

import importlib
import logging
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

from .errors import ConfigError
from .furniture import without_furniture
from .keyterms.concepts import one_per_concept
from .keyterms.generic import THEME_SPREAD_WEIGHT, even_spread, specificities
from .lexicon import FEATURE_POS, Lexicon, is_basic_han
from .segment import Segmenter
from .types import Document, SegmentedDocument, Theme

if TYPE_CHECKING:
    from .report import Report

logger = logging.getLogger(__name__)

#: Label words are read from the best ``_LABEL_DEPTH * label_size`` words (nested ones share a place).
_LABEL_DEPTH = 4

#: A corpus smaller than ``lsa_min_docs`` votes in LSA subspaces of at most n / this many dimensions, when that
#: is at least ``_SMALL_LSA_MIN_DIMS`` (40 articles or more), with ``_SMALL_RUNS_FACTOR`` times the k-means runs.
_SMALL_LSA_SHARE = 4
_SMALL_LSA_MIN_DIMS = 10
_SMALL_RUNS_FACTOR = 2
#: ``themes="auto"`` tries each k on at most this many articles (a sample of a larger corpus) ...
K_TRIAL_MAX_ARTICLES = 5000
#: ... and scores its silhouette on at most this many of them.
SILHOUETTE_SAMPLE = 2000

METHODS = ("kmeans", "agglomerative")


def load_libraries() -> None:
    """Import what a fit uses of scikit-learn (about 1 s: most of it scipy.stats, which scikit-learn imports),
    loading its OpenMP runtime."""
    for module in ("sklearn.cluster", "sklearn.decomposition", "sklearn.metrics"):
        importlib.import_module(module)


def preload() -> None:
    """Load what a fit uses before it runs (where it will run, while the articles are worked on elsewhere):
    scikit-learn (:func:`load_libraries`) and the tables the theme labels read, each loaded once per process
    (jieba's IDF table and tags, the scope words: :mod:`tiyao.keyterms.generic`). THUCNews-1000's fit in a new
    process: 1.9 s the first time, 1.1 s the next; of those 0.8 s, 0.4 s were the scope words and 0.36 s the
    tables' loading."""
    load_libraries()
    from .idf import background_table
    from .keyterms.scope import scope_parts
    from .resources import jieba_pos_tags

    background_table()
    jieba_pos_tags()
    scope_parts()


class ThemeClusterer:
    """Cluster segmented articles into themes named by their words.

    Parameters
    ----------
    themes:
        ``"auto"`` (choose by silhouette) or the number of themes.
    method:
        ``"kmeans"`` (consensus k-means, the default) or ``"agglomerative"`` (average linkage, cosine).
    random_state:
        Seed of every random choice (LSA and k-means); the same seed gives the same themes.
    label_size:
        Number of label words per theme.
    max_themes:
        Largest number of themes ``"auto"`` considers.
    lsa_dims, lsa_min_docs:
        The LSA subspaces consensus k-means votes in (leading components of one LSA of ``max(lsa_dims)``
        dimensions), and the corpus size from which LSA is the clustering space (a smaller corpus of 40 articles
        or more votes in LSA subspaces scaled to its size: see the module docstring, step 2).
    consensus_runs:
        k-means runs that vote in consensus k-means.
    min_silhouette:
        Below this best silhouette, ``"auto"`` keeps the corpus as one theme.
    k_tolerance:
        ``"auto"`` keeps the fewest themes whose silhouette is within this share of the best.
    idf:
        Optional IDF: a mapping word -> IDF (words it lacks get its largest value), or the keyword step's fitted
        :class:`~tiyao.idf.IdfModel` (anything with ``idf_many(words)``).
    segmenter:
        The segmenter whose ``is_content`` decides content words (a default Segmenter otherwise).

    Attributes (after ``fit``)
    --------------------------
    themes_: tuple[Theme, ...]
    labels_: numpy array of the theme id of each article, in input order
    coords_: numpy array (n, 2): a deterministic 2-D projection of the articles for a map
    n_themes_: int
    vocabulary_: list[str]: the feature words, sorted
    scores_: dict k -> silhouette, for ``"auto"`` (empty otherwise)
    """

    def __init__(
        self,
        *,
        themes: int | str = "auto",
        method: str = "kmeans",
        random_state: int = 0,
        label_size: int = 5,
        max_themes: int = 20,
        lsa_dims: Sequence[int] = (20, 30, 40, 50, 60, 80),
        lsa_min_docs: int = 200,
        consensus_runs: int = 24,
        min_silhouette: float = 0.02,
        k_tolerance: float = 0.04,
        idf: Mapping[str, float] | Any | None = None,
        segmenter: Segmenter | None = None,
    ) -> None:
        self.themes = themes
        self.method = method
        self.random_state = random_state
        self.label_size = label_size
        self.max_themes = max_themes
        self.lsa_dims = lsa_dims
        self.lsa_min_docs = lsa_min_docs
        self.consensus_runs = consensus_runs
        self.min_silhouette = min_silhouette
        self.k_tolerance = k_tolerance
        self.idf = idf
        self.segmenter = segmenter

    # -- public ---------------------------------------------------------------------------------------------

    def fit(self, documents: Sequence[SegmentedDocument]) -> ThemeClusterer:
        """Cluster ``documents``; sets ``themes_``, ``labels_``, ``coords_``, ``n_themes_`` and ``scores_``."""
        self._check()
        documents = list(documents)
        return self.fit_scans([d.document.id for d in documents], [self.scan(d) for d in documents])

    def fit_scans(self, ids: Sequence[str], scans: Sequence[tuple[list[str], Counter[str]]]) -> ThemeClusterer:
        """:meth:`fit` from each article's :meth:`scan` (computed anywhere: worker processes, Dask, a stream).
        The result is the same as ``fit`` on the documents."""
        self._check()
        n = len(ids)
        self.scores_: dict[int, float] = {}
        if n == 0:
            self.themes_: tuple[Theme, ...] = ()
            self.labels_ = np.zeros(0, dtype=int)
            self.coords_ = np.zeros((0, 2))
            self.n_themes_ = 0
            self.__dict__.pop("space_", None)
            return self
        bag = _Bag([words for words, _ in scans])
        fragments = _fragment_words(scans, bag.occurrences)
        self._lsa: np.ndarray | None = None
        self._projected: np.ndarray | None = None  # the LSA coordinates before normalising, when LSA is used
        X, self.vocabulary_ = self._tfidf(bag)
        if self.method == "agglomerative" and n > 5000:
            logger.warning("agglomerative clustering of %d articles needs memory and time quadratic in their "
                           "number; kmeans is the method for large corpora", n)
        load_libraries()  # (now: a thread limit only binds libraries already loaded)
        from threadpoolctl import threadpool_limits

        # One thread: k-means on a few thousand points gains nothing from OpenMP, and on a busy machine its
        # threads wait on each other (30 ms per run on 8 points); the limit is lifted when the block ends.
        # sklearn's modules must be imported before the block: imported inside it, its OpenMP runtime is loaded
        # after the limit was set and runs unlimited (measured: the first fit of a process on THUCNews-1000 took
        # 21 CPU seconds instead of 3 on a busy 2-core machine).
        with threadpool_limits(limits=1):
            distinct = _distinct_rows(X)
            Z, spaces = self._reduce(X) if distinct > 1 else (np.asarray(X.todense()), [])
            k = self._choose_k(Z, distinct)
            labels = self._cluster(Z, spaces, k) if k > 1 else np.zeros(n, dtype=int)
            coords = _project_2d(Z)
        labels = _order_labels(labels)
        self.labels_ = labels
        self.n_themes_ = int(labels.max()) + 1
        self.coords_ = coords
        label_terms = self._label_terms(bag, fragments, labels)
        representatives = _representatives(Z, labels)
        self.themes_ = tuple(
            Theme(t, label_terms[t], tuple(ids[i] for i in np.flatnonzero(labels == t)), ids[representatives[t]])
            for t in range(self.n_themes_)
        )
        with threadpool_limits(limits=1):  # its SVD too: with BLAS threads on a busy machine 2 s instead of 0.01
            self.space_ = ThemeSpace.of_fit(self.vocabulary_, self._weights, self._lsa, Z, labels, self._projected,
                                            self._others)
        return self

    def features(self, documents: Sequence[SegmentedDocument]) -> list[list[str]]:
        """The feature words of each article (content nouns and names, in order, repeats kept)."""
        return [self.scan(doc)[0] for doc in documents]

    def scan(self, doc: SegmentedDocument) -> tuple[list[str], Counter[str]]:
        """One pass over an article's tokens: its feature words, and how often each was glued to a stray single
        character before it (the evidence for fragments of a longer name, see :func:`_fragments`)."""
        lexicon = (self.segmenter or self._default_segmenter()).lexicon
        columns = lexicon.columns(without_furniture(doc))  # never furniture
        ids = columns.ids
        feature = lexicon.column(feature_words, bool)[ids]
        at = np.flatnonzero(feature)
        words = list(map(lexicon.words.__getitem__, ids[at].tolist()))
        glued: Counter[str] = Counter()
        # a stray stem right before a feature word of two characters or more, in the same sentence
        after = at[at > 0]
        glue = lexicon.column(stray_stems, bool)[ids[after - 1]] & (columns.ends[after - 1] == columns.starts[after]) \
            & (columns.ends[after] - columns.starts[after] >= 2)
        if glue.any():
            sentence = columns.sentence_of_tokens()
            glue &= sentence[after - 1] == sentence[after]
            glued.update(map(lexicon.words.__getitem__, ids[after[glue]].tolist()))
        return words, glued

    def _default_segmenter(self) -> Segmenter:
        # is_content needs only the stop-word list, not the tokenizer: a fresh Segmenter is cheap.
        segmenter = self.__dict__.get("_own_segmenter")
        if segmenter is None:
            segmenter = self._own_segmenter = Segmenter()
        return segmenter

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.pop("_own_segmenter", None)
        return state

    def space(self) -> ThemeSpace:
        """The fitted themes as a :class:`ThemeSpace`, which places articles the fit did not see."""
        if not hasattr(self, "space_"):
            raise ConfigError("ThemeClusterer is not fitted (or fitted on no article); call fit(documents) first")
        return self.space_

    # -- steps ----------------------------------------------------------------------------------------------

    def _check(self) -> None:
        if self.method not in METHODS:
            raise ConfigError(f"method must be one of {', '.join(METHODS)}; got {self.method!r}")
        if self.themes != "auto" and (
            not isinstance(self.themes, (int, np.integer)) or isinstance(self.themes, bool) or self.themes < 1
        ):
            raise ConfigError(f"themes must be 'auto' or an integer >= 1; got {self.themes!r}")
        for name in ("label_size", "max_themes", "consensus_runs", "lsa_min_docs"):
            value = getattr(self, name)
            if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"{name} must be an integer >= 1; got {value!r}")
        if not len(self.lsa_dims) or any(not isinstance(d, (int, np.integer)) or d < 2 for d in self.lsa_dims):
            raise ConfigError(f"lsa_dims must be integers >= 2; got {self.lsa_dims!r}")

    def _tfidf(self, bag: _Bag) -> tuple[sp.csr_matrix, list[str]]:
        n = bag.n
        max_df = max(1, math.floor(0.5 * n)) if n >= 4 else n
        min_df = 2 if n >= 3 else 1
        keep = (bag.df >= min_df) & (bag.df <= max_df)
        if not keep.any():  # tiny or uniform corpus: fall back to every word
            keep = np.ones(len(bag.words), dtype=bool)
        X, vocabulary = bag.matrix(keep)
        X.sum_duplicates()
        if self.idf is not None and hasattr(self.idf, "idf_many"):  # the keyword step's fitted IdfModel
            weights = np.asarray(self.idf.idf_many(vocabulary), dtype=np.float64)
        elif self.idf is not None:
            top = max(self.idf.values(), default=1.0)
            weights = np.array([self.idf.get(w, top) for w in vocabulary], dtype=np.float64)
        else:
            dfs = bag.df[keep].astype(np.float64)
            weights = np.log((1.0 + n) / (1.0 + dfs)) + 1.0  # scikit-learn's smooth IDF
        self._weights = weights
        X = X @ sp.diags(weights)
        self._others = self._left_out(bag, keep, weights, X)
        return _l2_rows(sp.csr_matrix(X)), vocabulary

    def _left_out(self, bag: _Bag, keep: np.ndarray, weights: np.ndarray, X: sp.csr_matrix) -> dict[str, Any]:
        """What :class:`ThemeSpace` needs of the feature words the vocabulary leaves out (too rare or too common):
        the weight of the common ones and of any other word, and the share of each article's weighted words
        (l2 norm) that the vocabulary keeps."""
        n = bag.n
        every = np.log((1.0 + n) / (1.0 + bag.df.astype(np.float64))) + 1.0  # smooth IDF of every feature word
        every[keep] = weights
        values = (1.0 + np.log(bag.counts)) * every[bag.cols]
        whole = np.sqrt(np.bincount(bag.rows, weights=values * values, minlength=n))
        kept = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
        common = np.flatnonzero(~keep & (bag.df >= 2))
        return {"share": np.divide(kept, whole, out=np.zeros(n), where=whole > 0),
                "common": {bag.words[i]: float(every[i]) for i in common.tolist()},
                "rare": math.log((1.0 + n) / 2.0) + 1.0}

    def _reduce(self, X: sp.csr_matrix) -> tuple[np.ndarray, list[np.ndarray]]:
        """The vectors to cluster (and measure silhouettes on), and the subspaces consensus k-means votes in."""
        n, v = X.shape
        top = min(max(self.lsa_dims), n - 1, v - 1)
        if n >= self.lsa_min_docs and top >= 2:
            from sklearn.decomposition import TruncatedSVD

            svd = TruncatedSVD(top, random_state=self.random_state)
            U = svd.fit_transform(X)
            dims = sorted({min(int(d), top) for d in self.lsa_dims})
            spaces = [_l2_rows(U[:, :d]) for d in dims]
            middle = min(dims, key=lambda d: (abs(d - 50), d))
            self._lsa = svd.components_[:middle].copy()
            self._projected = U[:, :middle]
            return spaces[dims.index(middle)], spaces
        Z = np.asarray(X.todense())
        small = min(n // _SMALL_LSA_SHARE, top)
        if small >= _SMALL_LSA_MIN_DIMS:
            # a small corpus clusters its TF-IDF vectors (silhouettes, representatives, the map), but its
            # k-means runs vote in LSA subspaces scaled to its size (see the module docstring, step 2)
            from sklearn.decomposition import TruncatedSVD

            U = TruncatedSVD(small, random_state=self.random_state).fit_transform(X)
            largest = max(self.lsa_dims)
            dims = sorted({max(2, int(d) * small // largest) for d in self.lsa_dims})
            return Z, [_l2_rows(U[:, :d]) for d in dims]
        return Z, [Z]

    def _choose_k(self, Z: np.ndarray, distinct: int) -> int:
        n = Z.shape[0]
        if distinct <= 1 or not np.any(Z):
            return 1
        if self.themes != "auto":
            return int(min(int(self.themes), distinct))
        upper = min(self.max_themes, n // 2, distinct - 1)
        if upper < 2:
            return 1
        from sklearn.metrics.pairwise import cosine_distances

        if n > K_TRIAL_MAX_ARTICLES:
            # the trial k-means of a large corpus run on a sample of its articles (drawn with random_state):
            # 19 values of k times 5 inits on 20,000 articles cost 5.5 s of CPU time, on 5,000 about a quarter;
            # the silhouettes were measured on a sample of 2,000 already
            rows = np.sort(np.random.RandomState(self.random_state).permutation(n)[:K_TRIAL_MAX_ARTICLES])
            Z, n = Z[rows], K_TRIAL_MAX_ARTICLES
        # Every silhouette is over the same articles: all of them up to 2,000, else the 2,000 that
        # silhouette_score(sample_size=2000, random_state=random_state) draws (the same at every k). Their cosine
        # distances are computed once, not once per k, and scored by _silhouette as silhouette_score scores
        # precomputed ones (on 5,000 articles, 19 values of k: 0.8 -> 0.1 s).
        size = SILHOUETTE_SAMPLE
        sample = np.arange(n) if n <= size else np.random.RandomState(self.random_state).permutation(n)[:size]
        distances = cosine_distances(Z[sample])
        best = -1.0
        for k in range(2, upper + 1):
            labels = self._trial(Z, k)
            if len(set(labels.tolist())) < 2:
                continue
            score = _silhouette(distances, labels[sample])
            self.scores_[k] = round(score, 6)
            best = max(best, score)
        if best < self.min_silhouette:
            return 1
        # the fewest themes whose silhouette is within ``k_tolerance`` (relative) of the best: differences that
        # small are within the noise of k-means, and fewer themes read better
        return min(k for k, score in self.scores_.items() if score >= best - self.k_tolerance * abs(best) - 1e-6)

    def _trial(self, Z: np.ndarray, k: int) -> np.ndarray:
        if self.method == "agglomerative":
            return _agglomerative(Z, k)
        return _kmeans(Z, k, 5, self.random_state)

    def _cluster(self, Z: np.ndarray, spaces: list[np.ndarray], k: int) -> np.ndarray:
        if self.method == "agglomerative":
            return _agglomerative(Z, k)
        n = Z.shape[0]
        small_lsa = spaces[0] is not Z and n < self.lsa_min_docs
        runs = self.consensus_runs * (_SMALL_RUNS_FACTOR if small_lsa else 1)
        per_space = max(1, -(-runs // len(spaces)))
        rng = np.random.RandomState(self.random_state)
        blocks = []
        for space in spaces:
            for seed in rng.randint(0, 2**31 - 1, size=per_space):
                labels = _kmeans(space, k, 1, int(seed))
                block = np.zeros((n, k))
                block[np.arange(n), labels] = 1.0
                blocks.append(block)
        votes = np.hstack(blocks)
        return _kmeans(votes, k, 10, self.random_state)

    def _label_terms(self, bag: _Bag, fragments: frozenset[str], labels: np.ndarray) -> list[tuple[str, ...]]:
        k = int(labels.max()) + 1
        keep = np.fromiter((len(w) >= 2 and w not in fragments for w in bag.words), dtype=bool,
                           count=len(bag.words))
        if not keep.any():
            return [() for _ in range(k)]
        T, words = bag.matrix(keep)
        n = bag.n
        member = sp.csr_matrix((np.ones(n), (labels, np.arange(n))), shape=(k, n))
        class_tf = np.asarray((member @ T).todense())  # k x V summed sublinear frequency
        class_df = np.asarray((member @ (T > 0).astype(np.float64)).todense())
        totals = class_tf.sum(axis=1, keepdims=True)
        freq = class_tf.sum(axis=0)
        mean_total = float(totals.mean())
        weight = class_tf / np.maximum(totals, 1e-12) * np.log(1.0 + mean_total / np.maximum(freq, 1e-12))
        if k > 1:  # and a word of every article names no theme: times its document IDF, squared
            df = np.asarray((T > 0).sum(axis=0)).ravel()
            weight = weight * (np.log((1.0 + n) / (1.0 + df)) + 1.0) ** 2
        # specific over generic (tiyao.keyterms.generic): jieba's IDF, part of speech, spread over the themes
        sizes = np.bincount(labels, minlength=k)
        spread = even_spread(class_df / np.maximum(sizes, 1)[:, None])  # the share of each theme's articles
        weight = weight * specificities(words, spread=spread, weight=THEME_SPREAD_WEIGHT,
                                        background_power=1.0 / max(k - 1, 1))
        result = []
        order_terms = np.array(words, dtype=object)
        for t in range(k):
            score = weight[t].copy()
            if sizes[t] >= 2:
                score[class_df[t] < 2] = 0.0
            candidates = np.flatnonzero(score > 0)
            depth = _LABEL_DEPTH * self.label_size  # words near the top make the label (one per concept): sort those
            if candidates.size > depth:
                floor = np.partition(score[candidates], -depth)[-depth]
                candidates = candidates[score[candidates] >= floor - 1e-9]  # rounding (below) moves < 1e-12
            ranked = sorted(candidates.tolist(), key=lambda j: (-round(float(score[j]), 12), order_terms[j]))
            concepts = one_per_concept([str(order_terms[j]) for j in ranked], [float(score[j]) for j in ranked],
                                       self.label_size)
            result.append(tuple(c.form for c in concepts))
        return result


@dataclass(frozen=True, eq=False)
class ThemeSpace:
    """The fitted themes as a space new articles can be placed in, without clustering again.

    An article's feature words (:meth:`ThemeClusterer.scan`) become a vector as in the fit: sublinear counts of
    the fit's feature words (``vocabulary``; other words are dropped) times the fit's ``weights`` (IDF),
    l2-normalised, then, when the fit used LSA, projected on its ``lsa`` axes (the components of the space the
    themes were chosen in). ``centres`` are the themes' mean directions in the fit (unit length).

    An article belongs to the theme whose centre is nearest (cosine, as in the clustering; ties to the lower
    number), unless it is far from it: its *closeness* to that centre is below ``floor``. Closeness is the
    article's TF-IDF vector, of unit length over *all* its feature words, projected on the centre: the share of
    the article the theme explains. Words the vocabulary leaves out count in the length (weighted by their IDF in
    the fit: ``common`` for the words of more than half the articles, ``rare_weight``, the IDF of a word of one
    article, for any other), and with LSA the projection is not normalised again: so an article on a subject the
    fit never saw, whose words the vocabulary and the LSA axes barely hold, stays far (normalised over the
    vocabulary's words alone, two shared words would make it look as close as any). ``floor`` is the closeness that 99 %
    of the fit's grouped articles reach (its 1st percentile, ``NEW_PERCENTILE``), each measured against the centre
    of the *other* articles of its theme, as if it were new (a centre that includes an article is pulled towards
    it; an article alone in its theme has no others and is left out; 0 when there is none). Such an article, or
    one with none of the fit's feature words, belongs to no theme (``-1``): it is new.
    ``pca_mean`` and ``pca_axes`` place articles on the fit's map (:func:`_project_2d`'s axes).
    """

    vocabulary: tuple[str, ...]
    weights: np.ndarray  # (V,) IDF of each feature word
    lsa: np.ndarray | None  # (d, V) LSA axes, or None when the fit clustered TF-IDF vectors
    centres: np.ndarray  # (k, d), unit rows
    floor: float  # the least closeness to its nearest centre of an article that joins a theme
    pca_mean: np.ndarray  # (d,)
    pca_axes: np.ndarray  # (2, d)
    common: Mapping[str, float]  # IDF of the feature words left out of the vocabulary as too common
    rare_weight: float  # IDF of any other word left out (seen in one article of the fit, or in none)

    #: ``floor`` is this percentile of the fit's own articles' closeness to the rest of their theme.
    NEW_PERCENTILE = 1.0

    @classmethod
    def of_fit(cls, vocabulary: Sequence[str], weights: np.ndarray, lsa: np.ndarray | None, Z: np.ndarray,
               labels: np.ndarray, projected: np.ndarray | None, others: Mapping[str, Any]) -> ThemeSpace:
        """The space of a fit: its feature words and weights, its LSA axes, the articles' vectors ``Z`` as
        clustered (unit rows) with their theme numbers, with LSA their coordinates before normalising, and the
        left-out words (:meth:`ThemeClusterer._left_out`)."""
        k = int(labels.max()) + 1
        sums = np.vstack([Z[labels == t].sum(axis=0) for t in range(k)])
        centres = _l2_rows(sums)
        raw = (Z if projected is None else projected) * others["share"][:, None]
        # each article against the centre of the other articles of its theme: as it would be, were it new
        own = np.einsum("ij,ij->i", raw, _l2_rows(sums[labels] - Z))
        grouped = np.bincount(labels, minlength=k)[labels] >= 2  # an article alone in its theme has no others
        floor = max(0.0, float(np.percentile(own[grouped], cls.NEW_PERCENTILE))) if grouped.any() else 0.0
        mean = Z.mean(axis=0)
        axes = np.zeros((2, Z.shape[1]))
        if Z.shape[0] >= 2:
            u, s, vt = np.linalg.svd(Z - mean, full_matrices=False)
            m = min(2, len(s))
            for j in range(m):  # the same signs as _project_2d
                proj = u[:, j] * s[j]
                axes[j] = -vt[j] if proj[int(np.argmax(np.abs(proj)))] < 0 else vt[j]
        return cls(tuple(vocabulary), np.asarray(weights, dtype=np.float64),
                   None if lsa is None else np.asarray(lsa, dtype=np.float64), centres, round(floor, 12), mean, axes,
                   dict(others["common"]), float(others["rare"]))

    @property
    def n_themes(self) -> int:
        return int(self.centres.shape[0])

    @cached_property
    def _index(self) -> dict[str, int]:
        return {word: i for i, word in enumerate(self.vocabulary)}

    def vectors(self, words: Sequence[Sequence[str]]) -> np.ndarray:
        """The vector of each article (its feature words, as :meth:`ThemeClusterer.scan` gives them): its
        TF-IDF vector over the vocabulary, of unit length over all its feature words, projected on the LSA axes
        when the fit used LSA (not normalised again)."""
        index = self._index
        rows: list[int] = []
        cols: list[int] = []
        values: list[float] = []
        left_out = np.zeros(len(words))  # squared weight of each article's words the vocabulary leaves out
        for row, article in enumerate(words):
            counts = Counter(article)
            for word in sorted(counts):
                col = index.get(word)
                value = 1.0 + math.log(counts[word])
                if col is not None:
                    rows.append(row)
                    cols.append(col)
                    values.append(value)
                else:
                    left_out[row] += (value * self.common.get(word, self.rare_weight)) ** 2
        X = sp.csr_matrix((values, (rows, cols)), shape=(len(words), len(self.vocabulary)), dtype=np.float64)
        X = sp.csr_matrix(X @ sp.diags(self.weights))
        # unit length over all the article's feature words: the left-out ones count in its length
        length = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel() + left_out)
        length[length == 0] = 1.0
        X = sp.csr_matrix(sp.diags(1.0 / length) @ X)
        if self.lsa is None:
            return np.asarray(X.todense())
        return np.asarray(X @ self.lsa.T)

    def assign(self, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The theme of each of :meth:`vectors` (``-1``: new, see the class docs) and its closeness to that
        theme's centre."""
        if len(vectors) == 0 or self.n_themes == 0:
            return np.full(len(vectors), -1, dtype=int), np.zeros(len(vectors))
        nearest = np.argmax(self.cosines(vectors), axis=1)
        closeness = np.round(np.einsum("ij,ij->i", vectors, self.centres[nearest]), 12)
        new = ~np.any(vectors, axis=1) | (closeness < self.floor - 1e-9)
        return np.where(new, -1, nearest).astype(int), closeness

    def cosines(self, vectors: np.ndarray) -> np.ndarray:
        """(n, k): the cosine similarity of each of :meth:`vectors` to each theme's centre (12 decimals)."""
        return np.round(_l2_rows(vectors) @ self.centres.T, 12)

    def coords(self, vectors: np.ndarray) -> np.ndarray:
        """Each of :meth:`vectors`' place on the fit's map (its first two principal axes)."""
        if len(vectors) == 0:
            return np.zeros((0, 2))
        return np.round((_l2_rows(vectors) - self.pca_mean) @ self.pca_axes.T, 6) + 0.0

def cluster_corpus(
    documents: Sequence[Document],
    *,
    themes: int | str = "auto",
    method: str = "kmeans",
    random_state: int = 0,
    discover_words: bool = True,
    min_count: int = 3,
    segmenter: str = "auto",
    progress: Callable[[str, int, int], None] | None = None,
) -> Report:
    """The themes of the documents as ``tiyao cluster`` finds them: the pipeline with its themes step alone
    (:func:`tiyao.pipeline.run`: the corpus's new words unless ``discover_words`` is off, each article segmented
    once, then clustered), in this process. Returns the run's :class:`~tiyao.report.Report`: ``report.themes``,
    and each article's theme id (``report.documents[i].theme``, None when it has none). ``segmenter``: the backend;
    ``progress(stage, done, total)``: the pipeline's stages."""
    from .config import PipelineConfig
    from .pipeline import run

    config = PipelineConfig(steps=("themes",), themes=themes, theme_method=method, discover_words=discover_words,
                            min_count=min_count, segmenter=segmenter, jobs=1,
                            extra={"seed": random_state} if random_state else {})
    return run(list(documents), config, progress=progress)


# -- helpers --------------------------------------------------------------------------------------------------


#: Tags of a stray single character that, glued before a word, shows the word is the tail of a longer name
#: the dictionary lacks (西 + 集镇 for 西集镇): directions, nouns, places, adjectives, distinguishers.
_STEM_POS = frozenset({"f", "n", "ng", "s", "ns", "nr", "nz", "j", "a", "b", "g"})


def feature_words(lexicon: Lexicon, start: int, stop: int) -> list[bool]:
    """Is each of the entries ``start..stop - 1`` of ``lexicon`` a feature word: a content word of a
    :data:`~tiyao.lexicon.FEATURE_POS` tag (a :meth:`~tiyao.lexicon.Lexicon.column` rule)?"""
    return [content and tag in FEATURE_POS
            for tag, content in zip(lexicon.tags[start:stop], lexicon.content[start:stop].tolist())]


def stray_stems(lexicon: Lexicon, start: int, stop: int) -> list[bool]:
    """Is each of the entries ``start..stop - 1`` of ``lexicon`` a stray single Han character of a noun-like tag
    (:data:`_STEM_POS`)?"""
    return [len(word) == 1 and tag in _STEM_POS and is_basic_han(word)
            for word, tag in zip(lexicon.words[start:stop], lexicon.tags[start:stop])]


def _fragment_words(scans: Sequence[tuple[list[str], Counter[str]]],
                    occurrences: Callable[[str], int] | None = None) -> frozenset[str]:
    """Words glued to a stray single character in at least half of their occurrences, over all the articles'
    :meth:`ThemeClusterer.scan` results (``occurrences``: a word's count over all of them, if known)."""
    glued: Counter[str] = Counter()
    for _, counts in scans:
        glued.update(counts)
    if not glued:
        return frozenset()
    if occurrences is None:
        seen: Counter[str] = Counter()
        for words, _ in scans:
            seen.update(words)
        occurrences = seen.__getitem__
    return frozenset(w for w, c in glued.items() if c * 2 >= occurrences(w))


class _Bag:
    """The articles' feature words as integer codes: ``words`` (the distinct words, sorted), and one entry per
    (article, word) pair, sorted by article then word: ``rows``, ``cols`` (index in ``words``) and ``counts``;
    ``df`` (articles per word). One sort for the whole corpus instead of a Counter per article."""

    def __init__(self, terms: Sequence[list[str]]) -> None:
        self.n = n = len(terms)
        flat = list(chain.from_iterable(terms))
        self.words = words = sorted(dict.fromkeys(flat))
        size = len(words)
        rank = dict(zip(words, range(size)))
        codes = np.fromiter(map(rank.__getitem__, flat), dtype=np.int64, count=len(flat))
        self._rank = rank
        self._total = np.bincount(codes, minlength=size)
        lengths = np.fromiter(map(len, terms), dtype=np.int64, count=n)
        pairs, counts = np.unique(np.repeat(np.arange(n, dtype=np.int64) * max(size, 1), lengths) + codes,
                                  return_counts=True)
        self.rows, self.cols = np.divmod(pairs, max(size, 1))
        self.counts = counts
        self.df = np.bincount(self.cols, minlength=size)

    def occurrences(self, word: str) -> int:
        """How often ``word`` occurs over all the articles."""
        i = self._rank.get(word)
        return int(self._total[i]) if i is not None else 0

    def matrix(self, keep: np.ndarray) -> tuple[sp.csr_matrix, list[str]]:
        """(articles x kept words) CSR matrix of sublinear frequencies ``1 + ln(count)`` (sorted indices, as
        ``csr_matrix((values, (rows, cols)))`` builds it), and the kept words."""
        chosen = keep[self.cols]
        column = np.cumsum(keep) - 1
        counts = self.counts[chosen]
        top = int(counts.max()) if len(counts) else 0
        sublinear = np.array([0.0] + [1.0 + math.log(c) for c in range(1, top + 1)], dtype=np.float64)
        indptr = np.zeros(self.n + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.rows[chosen], minlength=self.n), out=indptr[1:])
        words = [w for w, k in zip(self.words, keep.tolist()) if k]
        X = sp.csr_matrix((sublinear[counts], column[self.cols[chosen]], indptr), shape=(self.n, len(words)),
                          dtype=np.float64)
        return X, words


def _kmeans(X: np.ndarray, k: int, n_init: int, seed: int) -> np.ndarray:
    """The labels of scikit-learn's k-means (k-means++ seeding, Lloyd iterations, the least inertia of ``n_init``
    runs) of the rows of ``X`` into ``k`` groups."""
    from sklearn.cluster import KMeans

    return KMeans(k, n_init=n_init, random_state=seed).fit(X).labels_


def _silhouette(distances: np.ndarray, labels: np.ndarray) -> float:
    """``sklearn.metrics.silhouette_score(distances, labels, metric="precomputed")``, the same floats, with one
    ``bincount`` for all the articles instead of one per article (the sums run in the same order)."""
    _, codes = np.unique(labels, return_inverse=True)
    codes = codes.ravel()
    n = len(codes)
    freqs = np.bincount(codes)
    k = len(freqs)
    keys = (np.arange(n, dtype=np.int64)[:, None] * k + codes[None, :]).ravel()
    sums = np.bincount(keys, weights=np.ascontiguousarray(distances).ravel(), minlength=n * k).reshape(n, k) + 0.0
    inside = (np.arange(n), codes)
    intra = sums[inside]
    sums[inside] = np.inf
    sums /= freqs
    inter = sums.min(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        intra /= (freqs - 1).take(codes, mode="clip")
        values = inter - intra
        values /= np.maximum(intra, inter)
    return float(np.mean(np.nan_to_num(values)))


def _fragments(documents: Sequence[SegmentedDocument], segmenter: Segmenter | None = None) -> frozenset[str]:
    """Words that are mostly cut from a longer name: in at least half of their occurrences a stray single
    character of a noun-like tag sits right before them (西/集镇). Such words never name a theme."""
    clusterer = ThemeClusterer(segmenter=segmenter)
    scans = [clusterer.scan(doc) for doc in documents]
    return _fragment_words(scans)


def _l2_rows(X: Any) -> Any:
    if sp.issparse(X):
        norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms) @ X)
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return X / norms


def _distinct_rows(X: sp.csr_matrix) -> int:
    """How many different rows ``X`` has (identical articles make identical rows)."""
    X = sp.csr_matrix(X, copy=True)
    X.sort_indices()
    rows = set()
    for i in range(X.shape[0]):
        start, end = X.indptr[i], X.indptr[i + 1]
        rows.add((X.indices[start:end].tobytes(), np.round(X.data[start:end], 9).tobytes()))
    return len(rows)


def _agglomerative(Z: np.ndarray, k: int) -> np.ndarray:
    from sklearn.cluster import AgglomerativeClustering

    if np.any(np.linalg.norm(Z, axis=1) == 0):  # cosine is undefined for an empty vector: give it a tiny one
        Z = Z.copy()
        Z[np.linalg.norm(Z, axis=1) == 0, 0] = 1e-9
    return AgglomerativeClustering(k, metric="cosine", linkage="average").fit(Z).labels_


def _order_labels(labels: np.ndarray) -> np.ndarray:
    """Renumber clusters: largest first, ties by their first article."""
    clusters = sorted(set(labels.tolist()), key=lambda c: (-int(np.sum(labels == c)), int(np.argmax(labels == c))))
    mapping = {c: i for i, c in enumerate(clusters)}
    return np.array([mapping[c] for c in labels.tolist()], dtype=int)


def _representatives(Z: np.ndarray, labels: np.ndarray) -> list[int]:
    """The article nearest each theme's centre (cosine), the first such in input order on ties."""
    result = []
    for t in range(int(labels.max()) + 1):
        members = np.flatnonzero(labels == t)
        centre = Z[members].mean(axis=0)
        norm = np.linalg.norm(centre)
        sims = Z[members] @ (centre / norm if norm > 0 else centre)
        result.append(int(members[int(np.argmax(np.round(sims, 12)))]))
    return result


def _project_2d(Z: np.ndarray) -> np.ndarray:
    """The articles' first two principal components (PCA by SVD, signs fixed), for a map."""
    n = Z.shape[0]
    coords = np.zeros((n, 2))
    if n < 2:
        return coords
    centred = Z - Z.mean(axis=0)
    u, s, _ = np.linalg.svd(centred, full_matrices=False)
    m = min(2, len(s))
    proj = u[:, :m] * s[:m]
    for j in range(m):  # the largest coordinate of each axis is positive, so the map never flips
        if proj[int(np.argmax(np.abs(proj[:, j]))), j] < 0:
            proj[:, j] = -proj[:, j]
    coords[:, :m] = np.round(proj, 6) + 0.0  # + 0.0 turns -0.0 into 0.0
    return coords
