"""Scope words: ``全镇``, ``全县``, ``各村``, ``本市``, ``该镇`` point at the place an article is about; they do not name it.

To a Chinese reader ``全镇`` ("the whole town") is deictic, like "here": a determiner or quantifier (``全``, ``各``,
``本``, ``该``) and a one-character place unit (``镇``, ``县``, ``村``, ``市``). It is frequent in the article it
serves and rare elsewhere, so IDF measures it specific (jieba's table gives ``全镇`` 10.16, above ``计划生育``'s
8.76) and the dictionary tags it a plain noun. Neither the determiners nor the units are listed here: both are read
from jieba's dictionary (:func:`scope_parts`):

* a **place unit** is a character that ends at least ``UNIT_NAMES`` place names (words tagged ``ns``), which are at
  least ``UNIT_NAME_SHARE`` of the dictionary words it ends: ``县`` (1,816 place names, 84 % of its words), ``区``,
  ``市``, ``镇``, ``村``, ``乡``, ``省``, ``国``, ``州``, ``山``, ``河``, ``岛``…, 27 in all;
* a **determiner** is a character, not itself a noun or a verb in the dictionary, that makes a common word (tagged
  a noun or a pronoun: not a name, not a verb) with at least ``DETERMINER_UNITS`` of those units: ``全`` (14: ``全国``,
  ``全省``, ``全镇``…), ``本`` (13), ``该`` (10), ``各`` (9). ``小`` makes names too (``小山``, ``小镇`` are tagged
  ``nr``: 8 common words), ``水`` is a noun, ``跨`` a verb;
* the units a scope word ends are those that make a common word with at least ``UNIT_DETERMINERS`` of the
  determiners: the administrative units ``乡``, ``区``, ``县``, ``国``, ``城``, ``州``, ``市``, ``村``, ``港``, ``省``,
  ``镇`` (``全县``, ``本县``, ``该县``, ``各县``), not the ends of names ``原``, ``山``, ``河`` (``本原``, a term of
  logic on CSL dev, is not a scope word).

A **scope word** is a determiner followed by a place unit (:func:`is_scope_word`). Keywords and theme labels weigh
it by ``SCOPE_WEIGHT`` (:mod:`tiyao.keyterms.generic`).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

from .. import resources

#: A place unit ends at least this many place names in jieba's dictionary...
UNIT_NAMES = 100
#: ...which are at least this share of the dictionary words it ends.
UNIT_NAME_SHARE = 0.3
#: A determiner makes a common word with at least this many place units.
DETERMINER_UNITS = 9
#: A place unit that a scope word ends takes at least this many determiners in a common word.
UNIT_DETERMINERS = 3
#: Dictionary tags of place names, and of names, places and times in general (not a common word).
_PLACE_TAG = "ns"
_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nt", "nz", "s", "f", "t"})
_NOUN_OR_VERB = frozenset({"n", "v", "vn", "vd"})
_COMMON_TAGS = frozenset({"n", "r"})


@lru_cache(maxsize=1)
def scope_parts() -> tuple[frozenset[str], frozenset[str]]:
    """The determiners and the place units read from jieba's dictionary (see the module docs). Worked out once
    for a dictionary and these settings and kept with jieba's tables (:func:`tiyao.resources.cached`: working
    them out took 0.12-0.19 s of each process, the keyword ranking's first article and a worker's themes), read
    once per process."""
    return resources.cached("scope-parts", resources.jieba_dictionary(), _read_scope_parts,
                            settings=(UNIT_NAMES, UNIT_NAME_SHARE, DETERMINER_UNITS, UNIT_DETERMINERS, _PLACE_TAG,
                                      sorted(_NAME_TAGS), sorted(_NOUN_OR_VERB), sorted(_COMMON_TAGS)))


def _read_scope_parts(dictionary: Path) -> tuple[frozenset[str], frozenset[str]]:
    """:func:`scope_parts` worked out from the tags of ``dictionary`` (jieba's, whose tags
    :func:`tiyao.resources.jieba_pos_tags` reads)."""
    tags = resources.jieba_pos_tags()
    # (counted by Counter over generators: 0.085 -> 0.045 s of CPU time a process, against a loop adding one by one)
    ends = Counter(word[-1] for word in tags if len(word) >= 2)
    names = Counter(word[-1] for word, tag in tags.items() if tag == _PLACE_TAG and len(word) >= 2)
    units = frozenset(c for c, n in names.items() if n >= UNIT_NAMES and n >= UNIT_NAME_SHARE * ends[c])
    common: Counter[str] = Counter()
    for word, tag in tags.items():
        if len(word) == 2 and word[1] in units and tag in _COMMON_TAGS and tag not in _NAME_TAGS:
            common[word[0]] += 1
    determiners = frozenset(c for c, n in common.items()
                            if n >= DETERMINER_UNITS and tags.get(c) not in _NOUN_OR_VERB)
    scoped = frozenset(u for u in units
                       if sum(tags.get(d + u) in _COMMON_TAGS for d in determiners) >= UNIT_DETERMINERS)
    return determiners, scoped


def is_scope_word(word: str) -> bool:
    """Is ``word`` a determiner followed by a place unit (``全镇``, ``各村``, ``本市``; not ``西集镇``, ``乡镇``)?"""
    if len(word) != 2:
        return False
    determiners, units = scope_parts()
    return word[0] in determiners and word[1] in units
