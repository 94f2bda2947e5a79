"""Importer for the SBB beroepenonderzoek report (format ``beroepenonderzoek``).

The text is a PDF extraction of a numbered report (``1 Inleiding`` … ``3.5 Duurzaamheid`` …
``4.1.2 Competenties rol …`` … ``Bijlage 1 …``). Every numbered heading becomes a ``sectie``
item; its body becomes ``tekst`` (paragraphs), ``lijst`` (one bullet or numbered list, or one
role table of numbered rows) and ``tabel`` (a really tabular table).

Modules, in the order ``parse`` uses them: ``lines``, ``footnotes``, ``sections``, ``body``
(with ``cursor``, ``lists`` and ``tables``) into ``blocks``, then ``fields``.
"""

from __future__ import annotations

from typing import Any

from bot.knowledge.importers.beroepenonderzoek.body import BlockParser
from bot.knowledge.importers.beroepenonderzoek.cursor import Context
from bot.knowledge.importers.beroepenonderzoek.fields import relocate_lists, section_fields
from bot.knowledge.importers.beroepenonderzoek.footnotes import (
    attach_footnotes,
    extract_footnotes,
    place_markers,
)
from bot.knowledge.importers.beroepenonderzoek.lines import read_lines
from bot.knowledge.importers.beroepenonderzoek.sections import split_sections
from bot.knowledge.importers.beroepenonderzoek.tables import table_headers
from bot.knowledge.importers.hyphens import with_lexicon
from bot.knowledge.importers.item_data import item

__all__ = ["DOCUMENT_TITLE", "parse"]

# The text starts at chapter 1: the report's title page is not part of the source text.
DOCUMENT_TITLE = "SBB beroepenonderzoek Commercieel medewerker en (junior) accountmanager (2021)"


@with_lexicon
def parse(text: str, source_id: str) -> dict[str, Any]:
    """Parse a beroepenonderzoek report into sectie items."""
    lines, notes = extract_footnotes(read_lines(text))
    place_markers(lines, notes)
    sections = split_sections(lines)
    context = Context(table_headers(lines))
    for section in sections:
        section.blocks = BlockParser(section.body, context).run()
    relocate_lists(sections)
    attach_footnotes(sections, notes)
    items = [
        item(
            source_id, "sectie", s.code, s.title, s.line, parent=s.parent, fields=section_fields(s)
        )
        for s in sections
    ]
    return {"source": {"id": source_id, "title": DOCUMENT_TITLE}, "items": items}
