"""Importer for the current SBB kwalificatiedossier format (text extracted from the SBB PDF).

Every current MBO dossier has the same layout: a Leeswijzer, an overview (a profile table and
the list of all kerntaken and werkprocessen per part), the Basisdeel (typering of the
beroepengroep, then kerntaken with their werkprocessen), the generieke onderdelen and the
Profieldeel (per profile: niveau, typering, beroepsvereisten, kerntaken, werkprocessen).
Blocks are recognised by their labels (Omschrijving, Resultaat, Gedrag, Complexiteit, ...)
and by code headings (``B1-K1-W1:`` with a colon, ``P1-K1-W1`` without; NBSP after the code).

The PDF text carries page furniture: each page starts with a line with one leading space,
often a running header that repeats the current heading, and some pages end with ``16 van 87``.
A heading whose code was already seen is such a running header and is dropped. Some headings
are lost at page breaks (the block starts with a bare ``Omschrijving`` or ``Complexiteit``); the
code and title then come from the overview: the block is the next item of that type in the
overview's order.

Modules: ``source`` (lines), ``codes``, ``paragraphs`` (wrapped lines), ``fields`` (field
shapes), ``overview``, ``body`` (chapters into blocks) and ``items`` (blocks into YAML items).
"""

from __future__ import annotations

from typing import Any

from bot.knowledge.importers.hyphens import with_lexicon
from bot.knowledge.importers.sbb_dossier.body import Block, BodyParser
from bot.knowledge.importers.sbb_dossier.codes import kind_of, parent_of
from bot.knowledge.importers.sbb_dossier.items import block_item, check_complete, source_title
from bot.knowledge.importers.sbb_dossier.overview import (
    Entry,
    bounds,
    entries,
    overview_entries,
    overview_item,
)
from bot.knowledge.importers.sbb_dossier.source import Line, read_lines

__all__ = [
    "Block",
    "BodyParser",
    "Entry",
    "Line",
    "kind_of",
    "overview_entries",
    "parent_of",
    "parse",
]


@with_lexicon
def parse(text: str, source_id: str) -> dict[str, Any]:
    """The items of a current SBB kwalificatiedossier, in document order."""
    lines = read_lines(text)
    start, end = bounds(lines)
    overview = lines[start:end]
    parser = BodyParser(entries(overview))
    parser.feed(lines[:start])  # the Leeswijzer
    blocks_before = len(parser.blocks)
    parser.feed(lines[end:])
    check_complete(parser.order, parser.blocks)
    items = [block_item(block, source_id) for block in parser.blocks]
    items.insert(blocks_before, overview_item(overview, source_id))
    return {
        "source": {"id": source_id, "title": source_title(lines, source_id)},
        "items": items,
    }
