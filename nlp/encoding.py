"""Turning a file's bytes into text: byte-order marks, strict UTF-8, then a maintained detector.

Order: an explicit encoding (``--encoding``) is used alone; otherwise a byte-order mark decides (UTF-8, UTF-16,
UTF-32); otherwise strict UTF-8; otherwise UTF-16 without a mark when the NUL bytes say so; otherwise
charset-normalizer's best guess among the encodings Chinese text comes in (GB18030 (a superset of GBK and
GB2312), Big5, UTF-16), re-checked by a strict decode. Bytes are never dropped silently: a file that none of
these decodes cleanly is an :class:`~tiyao.errors.InputError` naming the file.

One exception, checked before guessing another encoding: a UTF-8 file damaged by a few stray bytes (a truncated
copy, a bad edit) is read as UTF-8 with each stray byte replaced by U+FFFD and a warning naming the file and the
first offset, when the file has at least ``STRAY_BYTES_MIN_GOOD`` good non-ASCII characters per stray byte (a
GBK or Big5 file, whose Chinese is almost never valid UTF-8, is not taken for damaged UTF-8).
"""

from __future__ import annotations

import codecs
import logging

from .errors import InputError

logger = logging.getLogger(__name__)

#: Damaged UTF-8 is read when it has at least this many good non-ASCII characters per stray byte.
STRAY_BYTES_MIN_GOOD = 20

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHINESE_ENCODINGS = ["gb18030", "big5", "big5hkscs", "utf_16_le", "utf_16_be"]
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


def binary_kind(data: bytes) -> str | None:
    """What kind of binary file ``data`` is ("a PDF document", ...), or None when it may be text."""
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic) and (magic != b"BM" or b"\x00" in data[:64]):
            return kind
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    head = data[:8192]
    if b"\x00" in head and _utf16_without_bom(head) is None:
        return "a binary file"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when ``data`` has NUL bytes and decodes as UTF-16 to printable text."""
    if b"\x00" not in data or len(data) < 4:
        return None
    head = data[: len(data) // 2 * 2]
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = head.decode(name)
        except UnicodeDecodeError:
            continue
        printable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
        if printable >= 0.97 * len(text) and "\x00" not in text:
            return name
    return None


def _damaged_utf8(data: bytes, source: str, first: int) -> str | None:
    """``data`` as UTF-8 with its few stray bytes replaced (and a warning), or None when it is not UTF-8."""
    text = data.decode("utf-8", errors="replace")
    stray = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    if stray <= 0:
        return None
    good = sum(1 for ch in text if ord(ch) > 0x7F) - text.count("\ufffd")
    if good < STRAY_BYTES_MIN_GOOD * stray:
        return None
    logger.warning("%s: %d %s that %s not UTF-8 (the first at offset %d) replaced by \ufffd; the rest is read",
                   source, stray, "byte" if stray == 1 else "bytes", "is" if stray == 1 else "are", first)
    return text


def decode_bytes(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode a file's bytes to text, or raise InputError naming ``source``."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}",
                             hint="Use a name Python knows, such as utf-8, gb18030, gbk, big5 or utf-16.") from None
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            raise InputError(
                f"{source}: cannot be decoded as {encoding} (byte {data[error.start]:#04x} at offset {error.start})",
                hint="Leave out --encoding to detect it, or name the file's real encoding.",
            ) from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    utf16 = _utf16_without_bom(data[:8192])
    if utf16 is not None:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    damaged = _damaged_utf8(data, source, utf8_error.start)
    if damaged is not None:
        return damaged
    from charset_normalizer import from_bytes

    guess = from_bytes(data, cp_isolation=_CHINESE_ENCODINGS, preemptive_behaviour=False).best()
    if guess is not None:
        try:
            return data.decode(guess.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    raise InputError(
        f"{source}: not valid UTF-8 (byte {data[utf8_error.start]:#04x} at offset {utf8_error.start}) "
        "and not GB18030/GBK, Big5 or UTF-16 either",
        hint="Name its encoding with --encoding, or convert it to UTF-8.",
    )
