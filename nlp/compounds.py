"""Discovered compounds: new words that hide known words, read as phrases of those words, not as words.

A new word that :class:`tiyao.words.WordDiscoverer` finds and that hides known words of two or more characters
(:func:`tiyao.words.hides_known_words`: ``据新华社电`` = 据 + 新华社 + 电, ``西部大开发`` = 西部 + 大开发,
``偏股基金`` = 偏 + 股 + 基金) is a phrase the corpus repeats, not a word: a reader cuts it into the words it is
made of, and so does the SIGHAN standard. So the segmenter gets only the other new words, and the compounds go
to the keyword candidates (:func:`join_compounds`): a run of adjacent tokens whose text is a compound is one
candidate term there, as it was one word before, so a keyword list can still name ``偏股基金`` whole.

On the SIGHAN 2005 test sets, with new words found on the test text itself (``python benchmarks/segmentation.py
--discovery``), PKU F1 was 0.8161 with every new word in the segmenter and 0.8182 without the compounds, against
jieba's 0.8183; see that section of ``benchmarks/RESULTS.md`` for the figures now.

Examples
--------
>>> from tiyao.segment import Segmenter
>>> found = split_compounds(["西集镇", "计生信贷", "两非"])
>>> found.words, found.compounds
(('两非',), ('西集镇', '计生信贷'))
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .types import SegmentedDocument, SegmentedSentence, Token

if TYPE_CHECKING:
    from .segment import Segmenter

#: The part of speech of a joined compound (what a new word gets in the segmenter: another proper noun).
COMPOUND_POS = "nz"


@dataclass(frozen=True, slots=True)
class NewWordSplit:
    """A corpus's new words, split into words for the segmenter and compounds for the keyword candidates."""

    words: tuple[str, ...]  # new words that hide no known word of two or more characters (两非, 计生办)
    compounds: tuple[str, ...]  # new words that do (偏股基金, 据新华社电): phrases of known words


def split_compounds(words: Iterable[str]) -> NewWordSplit:
    """Split new words (in their order) into words and compounds (:func:`tiyao.words.hides_known_words`, with the
    dictionary's own cut of each word)."""
    from .segment import Segmenter
    from .words import hides_known_words

    words = tuple(words)
    if not words:
        return NewWordSplit((), ())
    cut = Segmenter(hmm=False).cut
    hides = [hides_known_words(word, cut) for word in words]
    return NewWordSplit(tuple(w for w, h in zip(words, hides) if not h), tuple(w for w, h in zip(words, hides) if h))


def with_new_words(segmenter: Segmenter, words: Iterable[str]) -> Segmenter:
    """``segmenter`` with a corpus's new words: the words added to its dictionary, the compounds as its phrases
    (:attr:`tiyao.segment.Segmenter.phrases`, read by the keyword candidates only)."""
    split = split_compounds(words)
    return segmenter.with_words([(w, None, COMPOUND_POS) for w in split.words]).with_phrases(split.compounds)


def join_compounds(doc: SegmentedDocument, segmenter: Segmenter) -> SegmentedDocument:
    """``doc`` as the keyword candidates read it: every occurrence of one of the segmenter's compounds
    (:attr:`tiyao.segment.Segmenter.phrases`) is one token tagged ``nz``, the longest compound first, left to
    right (the same object when no sentence holds one).

    The cut may have glued a character of the compound to the word beside it (``核酸 适配 体在``, ``对林权 抵押
    贷款风险``): such a word is cut at the compound's edge and the piece outside is cut again on its own (``在``,
    ``对``, ``风险``), as a cut that knew the compound as a word would have done."""
    compounds = segmenter.phrases
    if not compounds:
        return doc
    pattern = _pattern(compounds)
    sentences: list[SegmentedSentence] = []
    changed = False
    for sentence in doc.sentences:
        offset = sentence.sentence.start
        found = [(m.start() + offset, m.end() + offset, m.group()) for m in pattern.finditer(sentence.sentence.text)]
        if found:
            changed = True
            sentence = SegmentedSentence(sentence.sentence, _joined(sentence.tokens, found, segmenter))
        sentences.append(sentence)
    return SegmentedDocument(doc.document, tuple(sentences)) if changed else doc


@lru_cache(maxsize=8)
def _pattern(compounds: frozenset[str]) -> re.Pattern[str]:
    """One regular expression for the compounds, the longest first (so the longest one at a place wins)."""
    return re.compile("|".join(map(re.escape, sorted(compounds, key=lambda c: (-len(c), c)))))


def _joined(tokens: Sequence[Token], found: Sequence[tuple[int, int, str]],
            segmenter: Segmenter) -> tuple[Token, ...]:
    """``tokens`` with each span of ``found`` (start, end and text, in document offsets, in order, not
    overlapping) made one token; a token the edge of a span falls in is cut there, its pieces outside the spans
    cut again (``segmenter.tokens``)."""
    out: list[Token] = []
    spans = iter(found)
    span = next(spans, None)
    for token in tokens:
        at = token.start
        while at < token.end:
            while span is not None and span[1] <= at:
                span = next(spans, None)
            if span is None or token.end <= span[0]:  # the rest of the token lies before the next compound
                out.extend([token] if at == token.start else segmenter.tokens(token.text[at - token.start:], at))
                break
            if at < span[0]:  # a piece before the compound
                out.extend(segmenter.tokens(token.text[at - token.start:span[0] - token.start], at))
                at = span[0]
            if at == span[0]:  # the compound starts here
                out.append(Token(span[2], COMPOUND_POS, span[0], span[1]))
            at = min(token.end, span[1])
    return tuple(out)
