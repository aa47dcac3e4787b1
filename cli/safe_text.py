"""Text from file systems and articles made safe to write: non-UTF-8 file-name bytes and terminal control
characters escaped, losslessly and visibly (``gbk_\\xce\\xc4.txt``, ``\\x1b[31m``)."""

from __future__ import annotations

import re
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")
#: C0 controls but tab and newline, DEL, C1 controls: what a terminal may take as a command (ESC sequences).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _byte_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    # a byte the file system name could not decode (surrogateescape) is shown as that byte, \xce; any other
    # lone surrogate as its code point
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def escape_names(text: str, *, json_text: bool = False) -> str:
    """``text`` with the bytes of non-UTF-8 file names (surrogate escapes) written as ``\\xNN``: lossless (the
    bytes can be read back) and encodable. In JSON text the backslash itself is escaped, so that the string
    decodes to ``\\xNN``."""
    if not _SURROGATE.search(text):
        return text
    if json_text:
        return _SURROGATE.sub(lambda m: "\\" + _byte_escape(m), text)
    return _SURROGATE.sub(_byte_escape, text)


def terminal_safe(text: str) -> str:
    """``text`` safe to show on a terminal: name bytes escaped, control characters (ESC, BEL, CR, ...) written as
    ``\\xNN`` rather than acted on; tabs and newlines kept."""
    text = escape_names(text)
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text) if _CONTROL.search(text) else text


def terminal_records(value: Any) -> Any:
    """Records with every string made :func:`terminal_safe` (for the table views)."""
    if isinstance(value, str):
        return terminal_safe(value)
    if isinstance(value, dict):
        return {key: terminal_records(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [terminal_records(item) for item in value]
    return value
