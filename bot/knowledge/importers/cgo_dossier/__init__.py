"""Importer for the competentiegericht (CGO) kwalificatiedossier format (``commercie-cgo``).

The text is a PDF/HTML extraction of one uitstroom of a CGO dossier. Its layout:

- a chapter heading ``4.4 (Junior) accountmanager`` (the uitstroom), then ``Algemene informatie``
  with tab-separated ``label<TAB>value`` rows and the language/rekenen ``x`` matrices;
- ``Detaillering proces-competentie-matrix …`` sections: ``Kerntaak N titel`` and
  ``N.N werkproces titel`` headings (the kerntaak line repeats before every werkproces),
  ``Omschrijving`` and ``Gewenst resultaat`` rows, then a table
  ``Competentie | Component(en) | Prestatie-indicator | Vakkennis en vaardigheden``;
- ``Proces-competentie-matrix …`` sections with X matrices, which are skipped: they are
  misaligned and contradict the detail tables.

Cells hold HTML (``<p>``, ``<ul style=…>``) with ``•`` bullets or `` - `` separated items.
Page breaks split table rows: the rest of a row continues on a later line, either
column-aligned (``<TAB><TAB>rest of the indicator``), with a lowercase first cell
(``Overtuigen en`` / ``beïnvloeden``), as a bare line (the indicator) or as ``- …`` lines
(components). Those pieces are joined back onto the row they belong to.

Modules: ``cells`` (cell text), ``lines``, ``general`` (Algemene informatie), ``tasks``
(kerntaken, werkprocessen), ``competency_table`` (detail tables) and ``parser``.
"""

from __future__ import annotations

from typing import Any

from bot.knowledge.importers.cgo_dossier.cells import TEXT_FIXES, Segment, paragraphs, segments
from bot.knowledge.importers.cgo_dossier.lines import split_lines, vocabulary
from bot.knowledge.importers.cgo_dossier.parser import Parser

__all__ = ["DOSSIER_NAME", "TEXT_FIXES", "Segment", "paragraphs", "parse", "segments"]

# The file starts mid-document, so the dossier's own name is not in the text (SOURCES.md).
DOSSIER_NAME = "Commercie"


def parse(text: str, source_id: str) -> dict[str, Any]:
    """Parse a CGO dossier text into the source head and its items in document order."""
    lines = split_lines(text)
    parser = Parser(vocabulary(lines))
    for line in lines:
        parser.feed(line)
    uitstroom = parser.uitstroom or "onbekende uitstroom"
    title = f"Kwalificatiedossier {DOSSIER_NAME} (competentiegericht), uitstroom {uitstroom}"
    return {"source": {"id": source_id, "title": title}, "items": parser.items(source_id)}
