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

import numpy as np

from .types import SegmentedDocument, SegmentedSentence, TokenColumns

if TYPE_CHECKING:
    from .lexicon import Lexicon
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
    in jieba's cut of it. An article the segmenter made stays token columns: those of the sentences cut again
    (the reader's, :meth:`~tiyao.segment.Segmenter.token_columns`) are spliced in, and no
    :class:`~tiyao.types.Token` is made.

    The cut alone would not do: it may have glued a character of the compound to the word beside it (``核酸 适配
    体在``, ``对林权 抵押 贷款风险``), and a compound can straddle two words it should not join (``国西部`` in
    中国 + 西部)."""
    compounds = segmenter.phrases
    if not compounds:
        return doc
    records = doc.sentence_records
    holding = _holding([record.text for record in records], compounds)
    if not holding:
        return doc  # (its columns kept)
    reader = _reader(segmenter)
    cuts = {k: reader.token_columns(records[k].text, records[k].start) for k in holding}
    columns = doc.columns
    if columns is not None and columns.lexicon is segmenter.lexicon:
        return _spliced(doc, columns, cuts)
    sentences = list(doc.sentences)
    changed = False
    for k, cut in cuts.items():
        tokens = tuple(cut.tokens())
        if tokens != sentences[k].tokens:
            changed = True
            sentences[k] = SegmentedSentence(sentences[k].sentence, tokens)
    return SegmentedDocument(doc.document, tuple(sentences)) if changed else doc


def _spliced(doc: SegmentedDocument, columns: TokenColumns, cuts: dict[int, TokenColumns]) -> SegmentedDocument:
    """``doc`` with the tokens of sentence ``k`` replaced by those of ``cuts[k]`` (token columns over another
    lexicon, the reader's), as token columns over its own lexicon."""
    lexicon = columns.lexicon
    heads = columns.heads.tolist()
    ids, starts, ends, lengths = [], [], [], []
    at = 0
    for k in sorted(cuts):
        cut = cuts[k]
        new_ids = _translation(cut.lexicon, lexicon)[cut.ids]
        old = slice(heads[k], heads[k + 1])
        if np.array_equal(new_ids, columns.ids[old]) and np.array_equal(cut.starts, columns.starts[old]):
            continue
        ids += [columns.ids[at:heads[k]], new_ids]
        starts += [columns.starts[at:heads[k]], cut.starts]
        ends += [columns.ends[at:heads[k]], cut.ends]
        lengths.append((k, len(cut)))
        at = heads[k + 1]
    if not lengths:  # every sentence cut again as it was
        return doc
    ids.append(columns.ids[at:])
    starts.append(columns.starts[at:])
    ends.append(columns.ends[at:])
    counts = np.diff(columns.heads)
    for k, n in lengths:
        counts[k] = n
    new_heads = np.zeros(counts.size + 1, dtype=np.int64)
    np.cumsum(counts, out=new_heads[1:])
    spliced = TokenColumns(lexicon, np.concatenate(ids).astype(np.int64, copy=False), np.concatenate(starts),
                           np.concatenate(ends), new_heads, columns.roles)
    return SegmentedDocument(doc.document, records=doc.sentence_records, columns=spliced)


#: A reader's lexicon -> (the lexicon it is read into, the entry there of each of the reader's entries so far).
_TRANSLATIONS: WeakKeyDictionary[Lexicon, tuple[Lexicon, np.ndarray]] = WeakKeyDictionary()


def _translation(source: Lexicon, target: Lexicon) -> np.ndarray:
    """The entry in ``target`` of each entry of ``source`` (the same word and tag), worked out once per entry of
    ``source``: a reader's lexicon only grows, and its entries' words and tags never change. THUCNews-1000's
    compounds: 12,000 (word, tag) look-ups a run in the segmenter's lexicon instead of 75,000, one per token of
    each sentence cut again (join_compounds over its 1,000 articles, the reader's tokenizer built included:
    0.34-0.40 -> 0.26-0.34 s of CPU time, the least of 6 runs, three times side by side)."""
    known = _TRANSLATIONS.get(source)
    table = known[1] if known is not None and known[0] is target else np.zeros(0, dtype=np.int64)
    if table.size < len(source):
        table = np.concatenate((table, target.entries(source.words[table.size:], source.tags[table.size:])))
        _TRANSLATIONS[source] = (target, table)
    return table


@lru_cache(maxsize=8)
def _openings(compounds: frozenset[str]) -> tuple[dict[str, tuple[str, ...]], np.ndarray, np.ndarray]:
    """The compounds by their first two characters (a compound has two or more); is each code point the first
    character of one (a table over every code point); and the codes of those pairs (:func:`_pair_codes`),
    sorted."""
    table: dict[str, list[str]] = {}
    for compound in sorted(compounds):
        table.setdefault(compound[:2], []).append(compound)
    pairs = [opening for opening in table if len(opening) == 2]
    firsts = np.zeros(0x110000, dtype=bool)
    firsts[[ord(pair[0]) for pair in pairs]] = True
    codes = np.unique(np.array([ord(pair[0]) << 21 | ord(pair[1]) for pair in pairs], dtype=np.int64))
    return {opening: tuple(found) for opening, found in table.items()}, firsts, codes


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)


def _pair_codes(points: np.ndarray, at: np.ndarray) -> np.ndarray:
    """One number per pair of neighbouring code points (those from ``at``): both side by side (a code point has
    21 bits)."""
    return (points[at] << 21) | points[at + 1]


def _holding(texts: list[str], compounds: frozenset[str]) -> list[int]:
    """The sentences (of ``texts``, by index) that hold one of the compounds. The character pairs of all the
    sentences at once that start with a compound's first character are met with the compounds' openings
    (numpy: time in proportion to the text, however many compounds there are; a regular expression of all of
    them costs time in proportion to their number at every character, 10 s per million characters with 3,000),
    and a compound is looked for only where its opening is. THUCNews-1000 (316 compounds): 0.25 -> 0.05 s of
    CPU time a run, against a set of each sentence's character pairs."""
    openings, firsts, codes = _openings(compounds)
    if not codes.size:
        return []
    joined = "".join(texts)
    points = _code_points(joined)
    at = np.flatnonzero(firsts[points[:-1]])
    if not at.size:
        return []
    pairs = _pair_codes(points, at)
    found = at[codes[np.minimum(np.searchsorted(codes, pairs), codes.size - 1)] == pairs]
    if not found.size:
        return []
    ends = np.cumsum([len(text) for text in texts])
    holding: set[int] = set()
    for position, k in zip(found.tolist(), np.searchsorted(ends, found, side="right").tolist()):
        if k not in holding and any(joined.startswith(compound, position) and position + len(compound) <= ends[k]
                                    for compound in openings[joined[position:position + 2]]):
            holding.add(k)
    return sorted(holding)


#: The segmenter that knows a segmenter's compounds as words, made once per segmenter (in each process).
_READERS: WeakKeyDictionary[Segmenter, Segmenter] = WeakKeyDictionary()


def _reader(segmenter: Segmenter) -> Segmenter:
    reader = _READERS.get(segmenter)
    if reader is None:
        reader = segmenter.with_words([(c, None, COMPOUND_POS) for c in sorted(segmenter.phrases)])
        _READERS[segmenter] = reader
    return reader
