"""Inverse document frequency: fitted on the input corpus, a general background table, or a blend of the two.

A term is a word or a keyphrase (its words joined without spaces, as it is written). Three sources of IDF:

``corpus``
    Fitted on the documents at hand (scikit-learn's :class:`~sklearn.feature_extraction.text.CountVectorizer`,
    binary, over each document's candidate terms): ``idf_c(t) = (ln((N + 1) / (df(t) + 1)) + 1) / (ln(N + 1) + 1)``,
    so a term in every document gets about ``1 / (ln(N + 1) + 1)`` and a term seen in one document or in none
    gets 1. A phrase gets its own document frequency (a better weight than adding up the IDFs of its words).
``background``
    jieba's general-domain IDF table (``jieba/analyse/idf.txt``, read from the installed package, never copied),
    divided by the table's largest value: ``idf_b(t) = table(t) / max(table)``. A word missing from the table gets
    the table's median (jieba.analyse does the same); a phrase missing from it gets the largest value of its
    words, since a phrase is at least as rare as its rarest word.
``blend`` (the default)
    ``idf(t) = w * idf_c(t) + (1 - w) * idf_b(t)`` with ``w = N / (N + prior_documents)`` (``prior_documents`` is
    50 by default): 8 similar articles lean on the background (``w`` = 0.14) and keep sensible weights, 900
    articles lean on themselves (``w`` = 0.95), and a single article still works. A single word the table does
    not know (a new word such as 西集镇) takes ``w = 1``: the table's median says nothing about it, the corpus does
    (西集镇 is in every seed article, 两非 in one).

Both sides are on the same 0..1 scale, so the blend is a plain weighted mean. A fitted model can be saved and
loaded (:meth:`IdfModel.save`, :meth:`IdfModel.load`) so an IDF fitted once on a large corpus is reused; the file is
UTF-8 TSV::

    # tiyao idf 1
    # documents<TAB>896
    西集镇<TAB>3
    长效节育措施<TAB>2

one ``term<TAB>document frequency`` line per term, terms sorted. The background table is not stored (it is read
from jieba); the mode is chosen when loading.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np

from . import resources
from .errors import ConfigError, InputError
from .files import write_file
from .types import SegmentedDocument

logger = logging.getLogger(__name__)

IDF_MODES = ("blend", "corpus", "background")
_MEMO_SIZE = 1_000_000  # terms whose IDF a model remembers
_HEADER = "# tiyao idf 1"


@lru_cache(maxsize=1)
def background_table() -> tuple[dict[str, float], float]:
    """jieba's IDF table scaled to 0..1 (``term -> idf / max``), and the scaled median for unknown words. Read once
    per process (from the cache: :func:`tiyao.resources.cached`)."""
    return resources.cached("jieba-idf", resources.jieba_idf_table(), _read_background_table)


def _read_background_table(path: Path) -> tuple[dict[str, float], float]:
    text = path.read_text(encoding="utf-8")
    fields = text.split()
    lines = text.count("\n") + (1 if text and not text.endswith("\n") else 0)
    if fields and len(fields) == 2 * lines:  # the usual file: one "word value" pair a line, read as two columns
        words = fields[0::2]
        try:
            values = np.fromiter(map(float, fields[1::2]), dtype=np.float64, count=lines)
        except ValueError:
            pass
        else:
            # scaled once, from one array (0.22 -> 0.15 s of CPU a process, against a dict made twice); a word
            # listed twice shows in the table's size (0.06 s less than a set of the words to count them)
            top = float(values.max())
            table = dict(zip(words, (values / top).tolist()))
            if len(table) == len(words):
                return table, float(np.median(values)) / top
    raw: dict[str, float] = {}  # anything else: line by line, lines of two fields
    for line in text.split("\n"):
        parts = line.split()
        if len(parts) == 2:
            try:
                raw[parts[0]] = float(parts[1])
            except ValueError:
                continue
    if not raw:
        raise InputError(f"jieba's IDF table {path} is empty")
    values = np.fromiter(raw.values(), dtype=np.float64, count=len(raw))
    top = float(values.max())
    return dict(zip(raw, (values / top).tolist())), float(np.median(values)) / top


class IdfModel:
    """IDF of words and keyphrases: corpus-fitted, background (jieba's table) or a blend (see the module docs).

    Parameters
    ----------
    mode:
        ``"blend"`` (default), ``"corpus"`` or ``"background"``.
    prior_documents:
        How many documents the background counts for in the blend: ``w = N / (N + prior_documents)``.
    analyzer:
        ``SegmentedDocument -> iterable of terms`` for :meth:`fit`; the keyword step passes
        :func:`tiyao.keyterms.candidates.analyzer` (content words and candidate phrases, so the IDF sees exactly
        its candidates). Without one, a SegmentedDocument's terms are those of its tokens' words as a token list
        (each word, and each run of 2 to 4 adjacent words joined).

    Examples
    --------
    >>> model = IdfModel(mode="corpus").fit([["计生", "协会"], ["计生", "信贷"]])
    >>> model.idf("信贷") > model.idf("计生")
    True
    """

    def __init__(self, *, mode: str = "blend", prior_documents: float = 50.0,
                 analyzer: Callable[[SegmentedDocument], Iterable[str]] | None = None) -> None:
        self.mode = mode
        self.prior_documents = prior_documents
        self.analyzer = analyzer

    # -- fitting --------------------------------------------------------------------------------------------

    def fit(self, documents: Iterable[SegmentedDocument | Sequence[str]]) -> IdfModel:
        """Count document frequencies over ``documents``: SegmentedDocuments (the ``analyzer``'s terms, else their
        words as a token list) or lists of tokens (each token, and each run of 2 to 4 adjacent tokens joined, is a
        term)."""
        self._check()
        from sklearn.feature_extraction.text import CountVectorizer

        docs = list(documents)
        if isinstance(documents, str) or any(isinstance(d, str) for d in docs):
            raise InputError("Iterable over segmented documents or token lists expected, got a string")
        vectorizer = CountVectorizer(analyzer=self._terms, binary=True, lowercase=False, dtype=np.int64)
        if docs:
            try:
                counts = vectorizer.fit_transform(docs)
            except ValueError:  # empty vocabulary: no document has a content word
                counts = None
        else:
            counts = None
        if counts is None:
            self.df_: dict[str, int] = {}
        else:
            df = np.asarray(counts.sum(axis=0)).ravel()
            vocabulary = vectorizer.get_feature_names_out()
            self.df_ = {str(term): int(n) for term, n in zip(vocabulary, df)}
        self.n_documents_ = len(docs)
        return self

    @classmethod
    def from_document_frequencies(cls, df: dict[str, int], n_documents: int, *, mode: str = "blend",
                                  prior_documents: float = 50.0) -> IdfModel:
        """A fitted model from counts made elsewhere (e.g. summed over chunks of a corpus in worker processes:
        count ``set(candidates.document_terms(doc))`` per document, add the counters, pass the sum here)."""
        if not isinstance(n_documents, int) or n_documents < 0:
            raise ConfigError(f"n_documents must be an integer >= 0; got {n_documents!r}")
        model = cls(mode=mode, prior_documents=prior_documents)
        model._check()
        model.df_ = dict(df)
        model.n_documents_ = n_documents
        return model

    def _terms(self, document: SegmentedDocument | Sequence[str]) -> list[str]:
        if isinstance(document, SegmentedDocument):
            if self.analyzer is not None:
                return list(self.analyzer(document))
            document = [token.text for sentence in document.sentences for token in sentence.tokens]
        tokens = [str(t) for t in document]
        terms = set(tokens)
        for n in range(2, 5):
            terms.update("".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1))
        return sorted(terms)

    def _check(self) -> None:
        if self.mode not in IDF_MODES:
            raise ConfigError(f"idf mode must be one of {', '.join(IDF_MODES)}; got {self.mode!r}")
        if not isinstance(self.prior_documents, (int, float)) or self.prior_documents < 0:
            raise ConfigError(f"prior_documents must be a number >= 0; got {self.prior_documents!r}")

    @property
    def fitted(self) -> bool:
        return hasattr(self, "df_")

    # -- lookup ---------------------------------------------------------------------------------------------

    @property
    def corpus_weight(self) -> float:
        """The weight ``w`` of the corpus side: 1 in corpus mode, 0 in background mode or before fitting."""
        if self.mode == "background" or not self.fitted:
            return 0.0
        if self.mode == "corpus":
            return 1.0
        n = self.n_documents_
        return n / (n + self.prior_documents) if n + self.prior_documents > 0 else 1.0

    def document_frequency(self, term: str) -> int:
        """How many fitted documents hold ``term`` (0 when not fitted or unseen)."""
        return self.df_.get(term, 0) if self.fitted else 0

    def document_frequencies(self, terms: Sequence[str]) -> np.ndarray:
        """:meth:`document_frequency` of each term, as an array."""
        if not self.fitted:
            return np.zeros(len(terms), dtype=np.int64)
        return np.fromiter(map(self.df_.get, terms, repeat(0)), dtype=np.int64, count=len(terms))

    def idf(self, term: str, parts: Sequence[str] = ()) -> float:
        """IDF of a word, or of a phrase whose words are ``parts`` (used for the background of unseen phrases)."""
        return float(self.idf_many([term], [parts])[0])

    def idf_many(self, terms: Sequence[str], parts: Sequence[Sequence[str]] | None = None) -> np.ndarray:
        """IDF of each term (vectorised over the corpus side). Remembered per term (a phrase missing from the
        background table is worked out each time: its background comes from its words)."""
        self._check()
        if self.mode == "corpus" and not self.fitted:
            raise ConfigError("IdfModel in corpus mode is not fitted; call fit(documents) first or load a model")
        memo = self._memo()
        # a word by itself, a phrase with its words (its background comes from them)
        keys: list[Any] = list(terms) if parts is None \
            else [(term, *words) if len(words) > 1 else term for term, words in zip(terms, parts)]
        values = list(map(memo.get, keys))
        if None not in values:
            return np.array(values, dtype=np.float64)
        missing = [i for i, value in enumerate(values) if value is None]
        computed = self._compute([terms[i] for i in missing],
                                 [parts[i] for i in missing] if parts is not None else None).tolist()
        room = len(memo) < _MEMO_SIZE
        for i, value in zip(missing, computed):
            values[i] = value
            if room:
                memo[keys[i]] = value
        return np.array(values, dtype=np.float64)

    def _memo(self) -> dict[Any, float]:
        """term -> IDF, for the model as it is now (dropped when the mode, the weight or the counts change)."""
        key = (self.mode, self.prior_documents, getattr(self, "n_documents_", None), id(getattr(self, "df_", None)))
        memo = self.__dict__.get("_memo_")
        if memo is None or memo[0] != key:
            memo = self.__dict__["_memo_"] = (key, {})
        return memo[1]

    def _compute(self, terms: Sequence[str], parts: Sequence[Sequence[str]] | None) -> np.ndarray:
        w = self.corpus_weight
        size = len(terms)
        corpus = np.zeros(size)
        if w > 0:
            n = self.n_documents_
            df = np.fromiter(map(self.df_.get, terms, repeat(0)), dtype=np.float64, count=size)
            corpus = (np.log((n + 1) / (df + 1)) + 1) / (math.log(n + 1) + 1)
        if w >= 1:
            return corpus
        table, median = background_table()
        values = list(map(table.get, terms))
        weight = np.full(size, w)
        if None in values:
            for i in [i for i, value in enumerate(values) if value is None]:
                words = parts[i] if parts is not None else ()
                if len(words) > 1:
                    values[i] = max(map(table.get, words, repeat(median)))
                else:
                    values[i] = median
                    if w > 0:
                        weight[i] = 1.0  # a word the table does not know: only the corpus speaks for it
        background = np.array(values, dtype=np.float64) if size else np.empty(0)
        return weight * corpus + (1 - weight) * background

    @staticmethod
    def background(term: str, parts: Sequence[str] = ()) -> float:
        """jieba's general IDF of ``term`` on the 0..1 scale (see the module docs for unknown words and phrases)."""
        table, median = background_table()
        value = table.get(term)
        if value is not None:
            return value
        if len(parts) > 1:
            return max(table.get(p, median) for p in parts)
        return median

    # -- persistence ----------------------------------------------------------------------------------------

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the fitted document frequencies as UTF-8 TSV (see the module docs), atomically."""
        if not self.fitted:
            raise ConfigError("IdfModel is not fitted; call fit(documents) before save()")
        target = Path(path)
        lines = [_HEADER, f"# documents\t{self.n_documents_}"]
        lines.extend(f"{term}\t{df}" for term, df in sorted(self.df_.items()))
        write_file(target, "\n".join(lines) + "\n")

    @classmethod
    def load(cls, path: str | os.PathLike[str], *, mode: str = "blend", prior_documents: float = 50.0) -> IdfModel:
        """Read a model written by :meth:`save`."""
        source = Path(path)
        try:
            text = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or error
            raise InputError(f"cannot read IDF model {source}: {reason}",
                             hint="Build one with `tiyao idf build PATH... -o FILE`.") from None
        lines = text.splitlines()
        if not lines or lines[0].strip() != _HEADER or len(lines) < 2 or not lines[1].startswith("# documents\t"):
            raise InputError(f"{source} is not a tiyao IDF model (expected a first line {_HEADER!r})",
                             hint="Build one with `tiyao idf build PATH... -o FILE`.")
        model = cls(mode=mode, prior_documents=prior_documents)
        df: dict[str, int] = {}
        try:
            model.n_documents_ = int(lines[1].split("\t")[1])
            for lineno, line in enumerate(lines[2:], 3):
                if not line:
                    continue
                term, _, count = line.rpartition("\t")
                df[term] = int(count)
        except (ValueError, IndexError):
            raise InputError(f"{source}, line {lineno if 'lineno' in locals() else 2}: expected 'term<TAB>count'") \
                from None
        model.df_ = df
        return model

    def __repr__(self) -> str:
        fitted = f", documents={self.n_documents_}, terms={len(self.df_)}" if self.fitted else ""
        return f"IdfModel(mode={self.mode!r}{fitted})"

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state.pop("_memo_", None)  # a cache, rebuilt on use
        return state
