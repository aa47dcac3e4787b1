"""Sentences that lean on the one before: what a summary must not pick alone.

A sentence whose opening refers back or continues an argument reads wrongly without the sentence before it:

* a **pronoun or demonstrative**: ``他表示…``, ``她说…``, ``其中…``, ``这处工厂…``, ``该镇…``, ``此次…``, ``那些…``,
  ``上述…``;
* a **connective**: ``但是…``, ``然而…``, ``因此…``, ``同时…``, ``此外…``, ``另外…``, ``而且…``, ``不过…``,
  ``于是…``, ``随后…``, ``对此…``, ``与此同时…``;
* a **time clause that follows an earlier event**: an opening clause that ends with ``后`` (``小试成功后，…``,
  ``会议结束后，…``);
* the **rest of a quotation** opened before it: its first quotation mark closes one
  (``帝曰：归我中夏，遵守祖风，留遗汴梁。”``, the end of an inscription quoted over several sentences).

:func:`needs_previous` tells such a sentence from its text alone (opening quotes and brackets skipped). Words
that only begin like one are not taken (``并购``, ``还款``, ``也门``, ``这里`` is taken: it points back). The
summariser picks such a sentence together with the one before it, or not at all; the summaries benchmark counts
the summary sentences that open this way without their predecessor.
"""

from __future__ import annotations

import re

# Longest first, so that 与此同时 is read before 与 (not listed) and 这些 before 这.
_BACK = (
    "与此同时", "尽管如此", "不仅如此", "除此之外", "另一方面", "即便如此", "与此相反",
    "他们", "她们", "它们", "其中", "其他", "其余", "其实", "此外", "此前", "此后", "此次", "此时", "对此", "为此",
    "据此", "因此", "因而", "所以", "但是", "然而", "而且", "并且", "同时", "另外", "不过", "于是", "可是", "随后",
    "之后", "然后", "接着", "总之", "否则", "那么", "上述", "以上", "前者", "后者", "届时", "当时", "还有", "也就",
    "这", "那", "该", "此", "他", "她", "它", "其", "但", "而", "也",
)
_NOT_BACK = ("也门", "那曲", "那英", "而今", "他山", "该当", "其乐")
_OPENING = re.compile(r"^[\s“”\"'‘’「」『』《（(【\[]*")
_BACK_WORD = re.compile("|".join(map(re.escape, _BACK)))
# quotation marks that open or close (a plain " does both: not counted); a sentence whose first mark closes a
# quotation began inside it
_QUOTE_MARK = re.compile("[“”「」『』]")
_CLOSING = frozenset("”」』")
# an opening clause ending in 后 ("after ..."), at most 15 characters before the comma
_AFTER = re.compile(r"^[^，,。！？；;：:]{1,15}后[，,]")


def needs_previous(text: str) -> bool:
    """Does this sentence's opening need the sentence before it (see the module docs)?"""
    first = _QUOTE_MARK.search(text)
    if first is not None and first.group() in _CLOSING:
        return True  # (a quotation's rest)
    body = text[_OPENING.match(text).end():]
    if not body:
        return False
    if body.startswith(_NOT_BACK):
        return False
    return _BACK_WORD.match(body) is not None or _AFTER.match(body) is not None


__all__ = ["needs_previous"]
