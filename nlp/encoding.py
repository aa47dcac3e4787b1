"""Turning a file's bytes into text: byte-order marks, strict UTF-8, strict GB18030, then the most plausible guess.

Order: an explicit encoding (``--encoding``) is used alone; otherwise a byte-order mark decides (UTF-8, UTF-16,
UTF-32; a trailing odd byte of a UTF-16 file is dropped with a warning); otherwise strict UTF-8; otherwise
UTF-16 without a mark when the NUL bytes say so; otherwise UTF-8 damaged by a few stray bytes (below); otherwise
every encoding Chinese (and Korean) text comes in that decodes the bytes strictly -- GB18030 (a superset of GBK
and GB2312), Big5, EUC-KR and charset-normalizer's guess -- and the one whose text is the most plausible wins
(ties go to GB18030). A file that decodes cleanly as GB18030 is therefore never refused; when even the best
reading is a weak guess (few common characters), it is read with a warning saying so.

Plausible text (:func:`plausibility`): the share of the Han characters that are among the 1,500 most frequent
(``data/common-hanzi.txt``; traditional characters count through their simplified form), or for Korean the
share of Hangul syllables among its 100 most frequent. Chinese scores about 0.9; the same bytes read in the
wrong encoding score below 0.3 (``北京`` in GBK read as Big5 is ``控儔``; EUC-KR Korean read as GB18030 is a
string of rare Han characters).

Pasted pieces: a file whose lines are some UTF-8, some GB18030/GBK, is read line by line, each line in its own
encoding, with a warning.

Damaged files: a UTF-8, GB18030/GBK or Big5 file with a few undecodable bytes (a truncated copy, a bad edit) is
read with each stray byte replaced by U+FFFD and a warning naming the file, the count and the first offset, when
it has at least ``STRAY_BYTES_MIN_GOOD`` good non-ASCII characters per stray byte and reads as plausible text.

NUL bytes: a text padded with (or holding a few) NUL bytes is read without them, with a warning.
Binary files are told by content (:func:`binary_kind`): the share of control bytes in a sample, never by magic
bytes alone (an article may begin with ``GIF89a`` or ``PK``); the magic bytes only name the kind.

Warnings are returned (:class:`Decoded`), not logged, so that a reader that reads a file twice can say them once.
"""

from __future__ import annotations

import codecs
import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .errors import InputError
from .wordclasses import is_han

logger = logging.getLogger(__name__)

#: Damaged text is read when it has at least this many good non-ASCII characters per stray byte.
STRAY_BYTES_MIN_GOOD = 20
#: Below this plausibility the chosen decoding is a weak guess and the reader is warned.
WEAK_GUESS = 0.5
#: A sample with more than this share of control bytes (not counting NUL, tab, line ends, form feed, ESC, ^Z) is
#: binary: text has none or nearly none, images, archives and compressed streams about one byte in ten.
BINARY_CONTROL_SHARE = 0.01

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Encodings tried, in order of preference when two read equally well.
_CANDIDATES = ("gb18030", "big5hkscs", "euc_kr")
_DETECTOR_SET = ["gb18030", "big5", "big5hkscs", "euc_kr", "utf_16_le", "utf_16_be"]
_BINARY_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx file)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x7fELF", "a program"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"RIFF", "a media file"),
    (b"BM", "a bitmap image"),
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (0, 9, 10, 11, 12, 13, 26, 27)) + b"\x7f"
# The 100 most frequent Hangul syllables of Korean text (their share tells Korean from bytes read as Korean).
_COMMON_HANGUL = frozenset(
    "이다의는에하고가을지리기사로도서한어대자일를시정들수인국아게라나해전상구주적원소제부동보장으만없있것그우마"
    "관성경화비여생위면발학안용문방연법과내중회세공분계금말신무실입거미식선개치물행요당명통현결단교산간되었했습니")


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text, the encoding it was read in, and what the reader should be told about it."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    path = resources.files("tiyao") / "data" / "common-hanzi.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset("".join(line.strip() for line in lines if not line.startswith("#")))


def plausibility(text: str) -> float:
    """How much ``text`` reads like Chinese (or Korean): the share of its Han characters among the common ones,
    or of its Hangul syllables among the common ones, whichever script it has more of (0.0 without either)."""
    han = [ch for ch in text if is_han(ch)]
    hangul = [ch for ch in text if "\uac00" <= ch <= "\ud7a3"]
    if not han and not hangul:
        return 0.0
    if len(hangul) > len(han):
        return sum(ch in _COMMON_HANGUL for ch in hangul) / len(hangul)
    from .script import to_simplified

    common = _common_han()
    simplified = to_simplified("".join(han))
    return sum(ch in common for ch in simplified) / len(simplified)


def _has_text_letters(text: str) -> bool:
    return any(is_han(ch) or "\uac00" <= ch <= "\ud7a3" for ch in text)


def binary_kind(data: bytes) -> str | None:
    """What kind of binary file ``data`` (a sample of a file) is ("a PDF document", ...), or None when it may be
    text. Decided by content: NUL bytes alone do not make a file binary (they may pad a text, or be UTF-16)."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    if _utf16_without_bom(data) is not None:
        return None
    rest = data.replace(b"\x00", b"")
    if not rest:
        return None  # NUL bytes only (or nothing): no text, said by the reader
    controls = len(rest) - len(rest.translate(None, _CONTROL_BYTES))
    if controls <= BINARY_CONTROL_SHARE * len(rest):
        return None
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    return "a binary file"


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when ``data`` has NUL bytes and decodes as UTF-16 to printable text."""
    if b"\x00" not in data or len(data) < 4:
        return None
    head = data[: len(data) // 2 * 2]
    for name in ("utf-16-le", "utf-16-be"):
        text = head.decode(name, errors="replace")
        if text.count("\ufffd") > 1 + len(text) // 1000:
            continue
        printable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
        if printable < 0.97 * len(text) or "\x00" in text:
            continue
        ascii_share = sum(1 for ch in text if " " <= ch <= "~" or ch in "\r\n\t") / len(text)
        if ascii_share >= 0.5 or plausibility(text) >= WEAK_GUESS:  # not bytes that happen to decode
            return name
    return None


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _damaged(data: bytes, encoding: str, first: int) -> tuple[str, str] | None:
    """``data`` in ``encoding`` with its few stray bytes replaced, and the warning; None when it is not that."""
    text = data.decode(encoding, errors="replace")
    stray = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    if stray <= 0:
        return None
    good = sum(1 for ch in text if ord(ch) > 0x7F) - text.count("\ufffd")
    if good < STRAY_BYTES_MIN_GOOD * stray:
        return None
    if encoding != "utf-8" and plausibility(text) < WEAK_GUESS:
        return None
    name = "UTF-8" if encoding == "utf-8" else _label(encoding)
    if encoding == "utf-8":
        patched, pieces = _utf8_with_gbk_pieces(data)
        if pieces:
            left = patched.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
            rest = f"; {_plural(left, 'other byte')} replaced by \ufffd" if left else ""
            return patched, (f"{_plural(stray, 'byte')} that {'is' if stray == 1 else 'are'} not {name} (the first "
                             f"at offset {first}): {_plural(pieces, 'character')} in GB18030/GBK pasted into "
                             f"the UTF-8 text, read as such{rest}; the rest is read")
    return text, (f"{_plural(stray, 'byte')} that {'is' if stray == 1 else 'are'} not {name} (the first at "
                  f"offset {first}) replaced by \ufffd; the rest is read")


def _starts_utf8_char(data: bytes, position: int) -> bool:
    """Does a whole multi-byte UTF-8 character start at ``position``?"""
    lead = data[position] if position < len(data) else 0
    size = 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 0
    if not size:
        return False
    try:
        data[position:position + size].decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _utf8_with_gbk_pieces(data: bytes) -> tuple[str, int]:
    """UTF-8 text in which each byte pair that is not UTF-8 but is a common GB18030 character (a Han character
    among the common ones, a full-width form or CJK punctuation) is read as that character, other stray bytes
    replaced by U+FFFD; and how many characters were read from GB18030."""
    parts: list[str] = []
    pieces = 0
    position = 0
    common = _common_han()
    while True:
        try:
            parts.append(data[position:].decode("utf-8"))
            return "".join(parts), pieces
        except UnicodeDecodeError as error:
            start = position + error.start
            parts.append(data[position:start].decode("utf-8"))
        pair = data[start:start + 2]
        try:
            char = pair.decode("gb18030") if len(pair) == 2 else ""
        except UnicodeDecodeError:
            char = ""
        if len(char) == 1 and (char in common or "\uff01" <= char <= "\uff5e" or "\u3000" <= char <= "\u303f") \
                and not _starts_utf8_char(data, start + 1):  # a stray byte before a good UTF-8 character
            parts.append(char)
            pieces += 1
            position = start + 2
        else:
            parts.append("\ufffd")
            position = start + 1


def _mixed_lines(data: bytes) -> tuple[str, str] | None:
    """A file whose lines are some in UTF-8, some in GB18030/GBK (pieces pasted together), each line read in its
    own encoding, and the warning; None when some line is neither or the text is not plausible."""
    lines = []
    counts = {"utf-8": 0, "gb18030": 0}
    for line in data.split(b"\n"):
        for name in counts:
            try:
                lines.append(line.decode(name))
            except UnicodeDecodeError:
                continue
            counts[name] += not line.isascii()
            break
        else:
            return None
    text = "\n".join(lines)
    if not all(counts.values()) or plausibility(text) < WEAK_GUESS:
        return None
    return text, (f"mixed encodings: {_plural(counts['utf-8'], 'line')} in UTF-8 and {counts['gb18030']} in "
                  "GB18030/GBK, each read in its own")


def _label(encoding: str) -> str:
    return {"gb18030": "GB18030/GBK", "big5hkscs": "Big5", "big5": "Big5", "euc_kr": "EUC-KR (Korean)"}.get(
        encoding, encoding)


def _first_error(data: bytes, encoding: str) -> int:
    try:
        data.decode(encoding)
    except UnicodeDecodeError as error:
        return error.start
    return -1


def decode(data: bytes, source: str, encoding: str | None = None) -> Decoded:
    """Decode a file's bytes to text (see the module docstring), or raise InputError naming ``source``."""
    if encoding:
        return _decode_as(data, source, encoding)
    for bom, name in _BOMS:
        if data.startswith(bom):
            unit = 4 if name == "utf-32" else 2 if name == "utf-16" else 1
            odd = (len(data) - len(bom)) % unit
            try:
                text = data[: len(data) - odd].decode(name)
            except UnicodeDecodeError:
                break
            if odd:
                return Decoded(text, name, (f"{_plural(odd, 'trailing byte')} after the last {name.upper()} "
                                            "character dropped (the file is cut short)",))
            return Decoded(text, name)
    warnings: list[str] = []
    if b"\x00" in data and _utf16_without_bom(data[:65536]) is None:
        nuls = data.count(b"\x00")
        data = data.replace(b"\x00", b"")
        warnings.append(f"{_plural(nuls, 'NUL byte')} dropped (a text file padded or damaged with NULs)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", tuple(warnings))
    except UnicodeDecodeError as error:
        utf8_error = error
    utf16 = _utf16_without_bom(data[:65536])
    if utf16 is not None:
        odd = len(data) % 2
        try:
            text = data[: len(data) - odd].decode(utf16)
        except UnicodeDecodeError:
            pass
        else:
            if odd:
                warnings.append("1 trailing byte after the last UTF-16 character dropped (the file is cut short)")
            return Decoded(text, utf16, tuple(warnings))
    damaged = _damaged(data, "utf-8", utf8_error.start)
    if damaged is not None:
        return Decoded(damaged[0], "utf-8", (*warnings, damaged[1]))
    readings: list[tuple[str, str]] = []
    for name in _CANDIDATES:
        try:
            readings.append((name, data.decode(name)))
        except UnicodeDecodeError:
            continue
    guess = _detector_guess(data)
    if guess is not None and guess not in {name for name, _ in readings} and not guess.startswith("utf_16"):
        try:
            readings.append((guess, data.decode(guess)))
        except (UnicodeDecodeError, LookupError):
            pass
    readings = [(name, text) for name, text in readings if _has_text_letters(text)] or readings
    if readings:
        scored = [(plausibility(text), -i, name, text) for i, (name, text) in enumerate(readings)]
        score, _, name, text = max(scored)
        if score < WEAK_GUESS and _has_text_letters(text):
            warnings.append(f"read as {_label(name)}, a weak guess (only {score:.0%} of its characters are common "
                            "ones); name its encoding with --encoding if the text is wrong")
        elif name == "euc_kr":
            warnings.append("read as EUC-KR: it is Korean text, not Chinese")
        return Decoded(text, name, tuple(warnings))
    mixed = _mixed_lines(data)
    if mixed is not None:
        return Decoded(mixed[0], "utf-8+gb18030", (*warnings, mixed[1]))
    for name in ("gb18030", "big5hkscs"):
        damaged = _damaged(data, name, _first_error(data, name))
        if damaged is not None:
            return Decoded(damaged[0], name, (*warnings, damaged[1]))
    raise InputError(
        f"{source}: not valid UTF-8 (byte {data[utf8_error.start]:#04x} at offset {utf8_error.start}) "
        "and not GB18030/GBK, Big5, EUC-KR or UTF-16 either",
        hint="Name its encoding with --encoding, or convert it to UTF-8.",
    )


def _detector_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000], cp_isolation=_DETECTOR_SET, preemptive_behaviour=False).best()
    return best.encoding if best is not None else None


def _decode_as(data: bytes, source: str, encoding: str) -> Decoded:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}",
                         hint="Use a name Python knows, such as utf-8, gb18030, gbk, big5 or utf-16.") from None
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3 and error.reason in ("truncated data", "unexpected end of data"):
            odd = len(data) - error.start
            return Decoded(data[: error.start].decode(encoding), encoding,
                           (f"{_plural(odd, 'trailing byte')} after the last character dropped "
                            "(the file is cut short)",))
        raise InputError(
            f"{source}: cannot be decoded as {encoding} (byte {data[error.start]:#04x} at offset {error.start})",
            hint="Leave out --encoding to detect it, or name the file's real encoding.",
        ) from None


def decode_bytes(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode a file's bytes to text, logging its warnings (prefixed with ``source``); raise InputError naming
    ``source`` when it cannot be."""
    decoded = decode(data, source, encoding)
    for warning in decoded.warnings:
        logger.warning("%s: %s", source, warning)
    return decoded.text
