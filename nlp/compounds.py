"""Discovered compounds: new words that hide known words, read as phrases of those words, not as words.

A new word that :class:`tiyao.words.WordDiscoverer` finds and that hides known words of two or more characters
(:func:`tiyao.words.hides_known_words`: ``西部大开发`` = 西部 + 大开发, ``偏股基金`` = 偏 + 股 + 基金,
``党主席`` = 党 + 主席) is a phrase the corpus repeats, not a word: a reader cuts it into the words it is made of,
and so does the SIGHAN standard. So the segmenter gets only the other new words (:func:`with_new_words`): the
cut that summaries, themes and everything else read keeps the known words (the ones articles on one subject
share). The compounds go to the keyword candidates (:func:`join_compounds`), where a compound is one term, as it
was one word before, so a keyword list can still name ``偏股基金`` whole.

On the SIGHAN 2005 test sets, with new words found on the test text itself (``python benchmarks/segmentation.py
--discovery``), PKU F1 was 0.8163 with every new word cut as a word, against jieba's 0.8183, and is 0.81835 now
(with two more kinds of phrase left out by the discoverer); CSL dev keywords are the same as with every new word
in the segmenter, in all four of ``benchmarks/keywords.py``'s modes of ours.

Examples
--------
>>> found = split_compounds(["西集镇", "计生信贷", "两非"])
>>> found.words, found.compounds
(('两非',), ('西集镇', '计生信贷'))
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from weakref import WeakKeyDictionary
from typing import TYPE_CHECKING

from .types import SegmentedDocument, SegmentedSentence

if TYPE_CHECKING:
    from .segment import Segmenter

#: The part of speech of a new word in a segmenter (and of a compound where the keyword candidates read one).
COMPOUND_POS = "nz"


@dataclass(frozen=True, slots=True)
class NewWordSplit:
    """A corpus's new words, split into words for the segmenter and compounds for the keyword candidates."""

    words: tuple[str, ...]  # new words that hide no known word of two or more characters (两非, 计生办)
    compounds: tuple[str, ...]  # new words that do (偏股基金, 西部大开发): phrases of known words


def split_compounds(words: Iterable[str]) -> NewWordSplit:
    """Split new words (in their order) into words and compounds (:func:`tiyao.words.hides_known_words`, with the
    dictionary's own cut of each word)."""
    from .words import dictionary_cut, hides_known_words

    words = tuple(words)
    if not words:
        return NewWordSplit((), ())
    cut = dictionary_cut()
    hides = [hides_known_words(word, cut) for word in words]
    return NewWordSplit(tuple(w for w, h in zip(words, hides) if not h), tuple(w for w, h in zip(words, hides) if h))


def with_new_words(segmenter: Segmenter, words: Iterable[str]) -> Segmenter:
    """``segmenter`` with a corpus's new words: the words added to its dictionary, the compounds as its phrases
    (:attr:`tiyao.segment.Segmenter.phrases`, read by the keyword candidates only)."""
    split = split_compounds(words)
    return segmenter.with_words([(w, None, COMPOUND_POS) for w in split.words]).with_phrases(split.compounds)


def join_compounds(doc: SegmentedDocument, segmenter: Segmenter) -> SegmentedDocument:
    """``doc`` as the keyword candidates read it: each sentence that holds one of the segmenter's compounds
    (:attr:`tiyao.segment.Segmenter.phrases`) cut again by a segmenter that knows the compounds as words, so a
    compound is one token there wherever jieba's dictionary weighs it as a word (the same object when no sentence
    holds one). Only such sentences can be cut differently: a word that does not occur in a text plays no part
    in jieba's cut of it.

    The cut alone would not do: it may have glued a character of the compound to the word beside it (``核酸 适配
    体在``, ``对林权 抵押 贷款风险``), and a compound can straddle two words it should not join (``国西部`` in
    中国 + 西部)."""
    compounds = segmenter.phrases
    if not compounds:
        return doc
    openings = _openings(compounds)
    if not any(_holds_one(record.text, openings) for record in doc.sentence_records):
        return doc  # (its columns kept: no Token is made)
    reader: Segmenter | None = None
    sentences: list[SegmentedSentence] = []
    changed = False
    for sentence in doc.sentences:
        text = sentence.sentence.text
        if _holds_one(text, openings):
            reader = reader or _reader(segmenter)
            tokens = tuple(reader.tokens(text, sentence.sentence.start))
            if tokens != sentence.tokens:
                changed = True
                sentence = SegmentedSentence(sentence.sentence, tokens)
        sentences.append(sentence)
    return SegmentedDocument(doc.document, tuple(sentences)) if changed else doc


@lru_cache(maxsize=8)
def _openings(compounds: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The compounds by their first two characters (a compound has two or more)."""
    table: dict[str, list[str]] = {}
    for compound in sorted(compounds):
        table.setdefault(compound[:2], []).append(compound)
    return {opening: tuple(found) for opening, found in table.items()}


def _holds_one(text: str, openings: dict[str, tuple[str, ...]]) -> bool:
    """Does ``text`` hold one of the compounds? One look-up per character, however many compounds there are (a
    regular expression of all of them costs time in proportion to their number at every character: 10 s per
    million characters with 3,000 of them)."""
    get = openings.get
    for i in range(len(text) - 1):
        found = get(text[i:i + 2])
        if found is not None and any(text.startswith(compound, i) for compound in found):
            return True
    return False


#: The segmenter that knows a segmenter's compounds as words, made once per segmenter (in each process).
_READERS: WeakKeyDictionary[Segmenter, Segmenter] = WeakKeyDictionary()


def _reader(segmenter: Segmenter) -> Segmenter:
    reader = _READERS.get(segmenter)
    if reader is None:
        reader = segmenter.with_words([(c, None, COMPOUND_POS) for c in sorted(segmenter.phrases)])
        _READERS[segmenter] = reader
    return reader
