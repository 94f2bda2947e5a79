"""Importer for the Europass diplomasupplement (certificate supplement) format.

The text is a PDF converted to markdown: numbered upper-case section headings in mixed markup
(``**1. TITEL …**``, ``#### 5. OFFICIËLE …``, ``## 7. …``), subheadings as ``##### **…**``,
one-line paragraphs (a trailing double space is a hard line break), ``- `` bullets and a
tab-separated grading table. Section 3 lists the kerntaken (``Kerntaak 1: …``) with their
werkprocessen as bullets (``- 1.1 …``, titles only). A page ends with the Europass footer
(``* Toelichting`` … ``© Europese Gemeenschappen …``) and the next page repeats the current
section heading; a paragraph may run on across that page break.

Every other section (or subheading) becomes a fact whose key comes from the heading
(``headings``). Modules: ``markup`` (inline markdown), ``headings``, ``tokens`` (lines into
headings and blocks), ``builder`` (blocks into items) and ``facts``.
"""

from __future__ import annotations

from typing import Any

from bot.knowledge.importers.europass.builder import Builder, is_lead_in
from bot.knowledge.importers.europass.facts import fact_item, source_title
from bot.knowledge.importers.europass.headings import Heading
from bot.knowledge.importers.europass.tokens import tokens
from bot.knowledge.importers.hyphens import with_lexicon

__all__ = ["parse"]


@with_lexicon
def parse(text: str, source_id: str) -> dict[str, Any]:
    """Parse a Europass diplomasupplement text into source data and items."""
    events = tokens(text)
    builder = Builder(source_id)
    for i, event in enumerate(events):
        if isinstance(event, Heading):
            builder.start_heading(event)
        elif not is_lead_in(events, i):
            builder.block(event)
    items = [
        entry if isinstance(entry, dict) else fact_item(entry, source_id)
        for entry in builder.entries
    ]
    return {
        "source": {"id": source_id, "title": source_title(list(builder.facts.values()))},
        "items": items,
    }
