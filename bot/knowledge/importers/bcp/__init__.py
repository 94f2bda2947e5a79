"""Importer for ECABO beroepscompetentieprofielen (BCP), format ``bcp-2010``.

The text is a PDF extraction of a two-column document:

- front matter: a preface, ``Inleiding``, ``Colofon`` and its ``Sectorraad …`` and
  ``Brondocumenten`` pages (front headings are whole lines of a fixed vocabulary);
- numbered chapters: ``1 Algemene informatie over het beroep`` with sections ``1.1``–``1.4``
  whose rows carry a label in the left column (``Werkomgeving``, ``Complexiteit``, …),
  ``2 Overzicht van kerntaken en werkprocessen`` and ``3 Beschrijving van de kerntaken`` with
  one section per kerntaak (``3.1 Kerntaak 1 …``);
- per werkproces the left column (``Beschrijving werkproces:``) comes out before the right
  column (code + title, ``Competenties:``), and the part of the description that did not fit
  spills in after the competency list.

A line holding only spaces is an empty paragraph of the original, i.e. a real paragraph break;
an empty line is an extraction artefact (cell or page boundary) and never ends a paragraph.

Modules: ``lines`` (page furniture), ``prose`` (paragraphs, list entries), ``flat_tables``,
``rows`` (left-column labels), ``structure`` (chapters, sections), ``front_matter`` with
``people``, ``sections`` (chapter 1), ``werkprocessen`` (chapter 3) and ``kerntaken`` (items).
"""

from __future__ import annotations

from typing import Any

from bot.knowledge.importers.bcp.front_matter import front_items, source_title
from bot.knowledge.importers.bcp.kerntaken import kerntaak_items, parse_overview
from bot.knowledge.importers.bcp.lines import read_lines
from bot.knowledge.importers.bcp.sections import section_items
from bot.knowledge.importers.bcp.structure import Block, chapter_kind, split_document
from bot.knowledge.importers.bcp.werkprocessen import kerntaken
from bot.knowledge.importers.hyphens import with_lexicon

__all__ = ["parse"]


def _chapter_items(source_id: str, chapters: list[Block]) -> list[dict[str, Any]]:
    """The items of the numbered chapters; the overview only supplies titles."""
    items: list[dict[str, Any]] = []
    overview: dict[str, str] = {}
    for chapter in chapters:
        kind = chapter_kind(chapter)
        if kind == "overview":
            overview = parse_overview(chapter.lines)
        elif kind == "kerntaken":
            items += kerntaak_items(source_id, kerntaken(chapter), overview)
        else:
            items += section_items(source_id, chapter)
    return items


@with_lexicon
def parse(text: str, source_id: str) -> dict[str, Any]:
    """The items of a BCP text, in document order."""
    front, chapters = split_document(read_lines(text))
    items, colofon_text = front_items(source_id, front)
    items += _chapter_items(source_id, chapters)
    title = source_title(text, colofon_text)
    return {"source": {"id": source_id, "title": title}, "items": items}
