"""Classes of characters and words, and the rules that decide them for one word: what :class:`tiyao.lexicon.Lexicon`
works out once per word (plain Python, no numpy: the segmenter imports it when tiyao is imported)."""

from __future__ import annotations

import re

# -- character classes -----------------------------------------------------------------------------------------

#: Han characters: CJK Unified Ideographs, Extension A and the Compatibility Ideographs.
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN = re.compile(f"[{HAN_RANGES}]")
#: The basic block of CJK Unified Ideographs alone (U+4E00..U+9FFF): the characters of names, bylines and headlines.
BASIC_HAN = "\u4e00-\u9fff"
#: :data:`HAN_RANGES` and the supplementary ideographs (Extensions B-G, U+20000..U+3134F): for counting Han text.
ALL_HAN_RANGES = HAN_RANGES + "\U00020000-\U0003134f"
ALL_HAN = re.compile(f"[{ALL_HAN_RANGES}]")

# -- marks -----------------------------------------------------------------------------------------------------

#: Marks that end a sentence in running text (an English "." is read by :mod:`tiyao.sentences` in context).
SENTENCE_END = "。！？!?…"
_LETTER = re.compile(f"[A-Za-z\uff21-\uff3a\uff41-\uff5a{HAN_RANGES}]")
_FULLWIDTH_ALNUM = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def is_basic_han(text: str) -> bool:
    """Is ``text`` (one character) in the basic block of CJK Unified Ideographs (U+4E00..U+9FFF), where the stray
    single characters of names and affixes are?"""
    return "\u4e00" <= text <= "\u9fff"


def is_han(ch: str) -> bool:
    """Is ``ch`` (one character) a unified Han ideograph: the basic block, Extension A or Extensions B-G (the
    compatibility ideographs of :data:`ALL_HAN_RANGES` are not counted)?"""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\U00020000" <= ch <= "\U0003134f"


# -- word classes ----------------------------------------------------------------------------------------------

NUMBER = re.compile(r"^[+\-]?[\d.,:/%％‰~～\-]+$|^\d+(?:．\d+)*[%％]?$")  # \d: full-width digits too
CN_NUMBER = re.compile(
    r"^[\d.零〇一二三四五六七八九十百千万亿两几数第余多半]+"
    r"[个只户次名位项条件套台辆头亩斤公里米元块角分万亿倍年月日号天周时秒岁%％]*$"
)
ENGLISH_STOP = frozenset(
    "a an the and or of to in on for with by at from as is are was were be been it its this that these those "
    "not no but if then than so such via per".split()
)

#: Single characters that are words a reader would keep (the content-word filter drops other single characters).
SINGLE_CHAR_WORDS = frozenset("税油房车粮药水电气煤钢铁铜金银猪牛羊鸡鱼茶酒烟棉奶菜肉蛋米面")

#: POS tags that never make a content word: numerals, measure words, punctuation, particles and the like.
NON_CONTENT_POS = frozenset({"m", "mq", "q", "x", "w", "u", "ud", "ug", "uj", "ul", "uv", "uz", "p", "c", "e", "y", "o"})

#: Parts of speech (jieba's tags) of words that can be keywords on their own.
KEYWORD_POS = frozenset({
    "n", "nr", "nr1", "nr2", "nrt", "nrfg", "ns", "nt", "nz", "nw", "nl", "ng",  # nouns, names, places, orgs
    "vn", "an",  # verbal and adjectival nouns (管理, 安全)
    "j", "l",  # abbreviations (计生), fixed expressions (计划生育)
    "eng",  # English words and ASCII terms (MRP, Lyapunov)
    "PER", "LOC", "ORG",  # jieba's paddle-mode names
})
#: Tags of the words that make an article's theme features and its theme's label: the keyword tags without
#: jieba's rarer name tags (nr1, nr2, nw, nl), adjectival nouns (an) and paddle-mode names.
FEATURE_POS = frozenset({"n", "nr", "nrfg", "nrt", "ns", "nt", "nz", "ng", "vn", "j", "l", "eng"})


#: Particles, prepositions, auxiliaries and pronouns that jieba's HMM glues to a character it does not know, at
#: the start of the word it makes (从主位, 以未, 对物, 这会, 之梦) and at its end (这是, 需在, 物在, 受其, 角为; and the
#: complements 于, 到, 起: 收于, 曾到, 日起). 于 and 向, surnames that open names (于丹), open none. Adverbs and the
#: personal pronouns (仍存, 又现, 我怕) were tried as openers: they cost CSL dev exact F1@10 0.0002 (仍 and 又 open
#: terms too).
_GLUED_OPENERS = frozenset("之对在把被从以由与及的了着其这所将")
_GLUED_ENDERS = frozenset("之对在把被从以由与及的了着是将和为其比于到起")
_ALL_BASIC_HAN = re.compile("[\u4e00-\u9fff]+")


def is_glued_particle_word(word: str) -> bool:
    """Could ``word``, when neither jieba's dictionary nor the user knows it, be a particle that jieba's HMM glued to
    one or two characters: two or three Han characters opening or ending with a particle, preposition, auxiliary
    or pronoun (这是, 以未, 需在, 从主位, 角为)? Such a word is no keyword by itself (it may still sit inside a phrase).

    >>> [is_glued_particle_word(w) for w in ("这是", "以未", "从主位", "两非", "于丹", "以义解经")]
    [True, True, True, False, False, False]
    """
    return 2 <= len(word) <= 3 and (word[0] in _GLUED_OPENERS or word[-1] in _GLUED_ENDERS) \
        and _ALL_BASIC_HAN.fullmatch(word) is not None


def guess_pos(word: str) -> str:
    """POS of a word jieba's dictionary does not have: numbers ``m``, ASCII words ``eng``, and a Chinese word
    found by jieba's HMM ``nz`` (another proper noun: such words are mostly names, places and new terms)."""
    if NUMBER.match(word) or CN_NUMBER.match(word):
        return "m"
    if word.isascii() or (_FULLWIDTH_ALNUM.match(word) and not HAN.search(word)):
        return "eng" if any(ch.isalpha() for ch in word) else "x"
    if len(word) == 1 or not HAN.search(word):
        return "x"
    return "nz"


def is_content_word(word: str, pos: str, stop_words: frozenset[str]) -> bool:
    """Is ``word`` tagged ``pos`` a content word: not punctuation, a number, a date, a stop word or a stray
    character?"""
    if pos in NON_CONTENT_POS and not (pos == "x" and _LETTER.search(word) and len(word) > 1):
        return False
    if not _LETTER.search(word) or NUMBER.match(word) or CN_NUMBER.match(word):
        return False
    if word in stop_words or word.lower() in ENGLISH_STOP:
        return False
    if len(word) == 1:
        return word in SINGLE_CHAR_WORDS
    if word.isascii():
        return any(ch.isalpha() for ch in word) and len(word) >= 2
    return True
