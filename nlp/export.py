"""The cleaned corpus as records: what tiyao read, ready to be read again (``tiyao corpus --text``).

A record is ``id, title, text, source`` and the metadata the article has (``date``, ``author``, ``url``, ``site``,
``title_source``, ``author_keywords``; only those that are set). Read back as JSONL (or JSON, CSV), the records give
the same articles, and so the same keywords, summaries and themes: the text is the cleaned text, and the headings
found while cleaning it are written the way the reader finds them again (a heading paragraph as ``## heading``,
a run-in heading at the start of a paragraph as ``**heading**``).
"""

from __future__ import annotations

from typing import Any

from .report import document_metadata
from .types import Document


def export_record(document: Document) -> dict[str, Any]:
    """One article as a record that tiyao reads back to the same article."""
    record: dict[str, Any] = {"id": document.id, "title": document.title, "text": marked_text(document),
                              "source": document.source}
    record.update(document_metadata(document))
    return record


def marked_text(document: Document) -> str:
    """The cleaned text with its headings marked as the reader finds them (see the module docstring)."""
    if not document.headings:
        return document.text
    starts = dict(document.headings)
    paragraphs = []
    position = 0
    for paragraph in document.text.split("\n"):
        end = starts.get(position)
        marked = paragraph
        if end is not None and end - position >= len(paragraph):
            marked = f"## {paragraph}"
        elif end is not None and end > position:
            cut = end - position
            marked = f"**{paragraph[:cut]}**{paragraph[cut:]}"
        paragraphs.append(marked)
        position += len(paragraph) + 1
    return "\n".join(paragraphs)
