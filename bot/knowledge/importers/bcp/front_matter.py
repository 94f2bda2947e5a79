"""The front matter: the Inleiding, and the Colofon with the pages after it."""

from __future__ import annotations

import re
from typing import Any

from bot.knowledge.importers.bcp.flat_tables import table_value
from bot.knowledge.importers.bcp.lines import footers
from bot.knowledge.importers.bcp.members import member_entries
from bot.knowledge.importers.bcp.people import PersonRow, cut_people, people_table
from bot.knowledge.importers.bcp.placement import place_tables
from bot.knowledge.importers.bcp.prose import paragraph_text
from bot.knowledge.importers.bcp.rows import Row, label_rows, render_rows
from bot.knowledge.importers.bcp.structure import Block
from bot.knowledge.importers.item_data import item, non_empty

# Front-matter headings that start an item of their own; other front headings (the Sectorraad
# page, Brondocumenten) become labelled paragraphs of the item before them.
_FRONT_ITEMS = {"Inleiding": "inleiding", "Colofon": "colofon"}

# Row labels of the left column in the colofon (fixed by the BCP template).
_COLOFON_LABELS = (
    "Ontwikkeld door",
    "In opdracht van",
    "Verantwoording",
    "Geraadpleegde praktijkdeskundigen en organisaties",
)
_PEOPLE_TABLE_LABEL = "Geraadpleegde praktijkdeskundigen en organisaties"
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _inleiding(block: Block) -> dict[str, Any]:
    """The Inleiding's prose with the BCP schema in its place (prose follows it)."""
    placed = place_tables(block.lines, paragraph_text)
    return {
        "tekst": placed.text,
        "tabel": table_value(placed.trailing[0]) if placed.trailing else None,
    }


def _colofon_rows(blocks: list[Block]) -> list[Row]:
    """The labelled rows of the colofon's pages; a later page's heading labels its text."""
    rows: list[Row] = []
    for index, block in enumerate(blocks):
        block_rows = label_rows(block.lines, _COLOFON_LABELS)
        if index:
            block_rows = [(label or block.title, lines) for label, lines in block_rows]
        rows += block_rows
    return rows


def _colofon(blocks: list[Block]) -> dict[str, Any]:
    """The colofon with the pages after it: labelled paragraphs, the people consulted as a
    table, the sectorraad members (a table per group) as list entries by group."""
    rows: list[Row] = []
    table: dict[str, Any] | None = None
    members: list[PersonRow] = []
    for label, lines in _colofon_rows(blocks):
        if label == _PEOPLE_TABLE_LABEL:
            lines, people = cut_people(lines, stop_at_break=True)
            table = people_table(people) if people else table
        else:
            lines, people = cut_people(lines, stop_at_break=False)
            members += people
        rows.append((label, lines))
    organisations = {row[1] for row in table["rijen"] if row[1]} if table else set()
    return {
        "tekst": render_rows(rows),
        "tabel": table,
        "lijst": member_entries(members, organisations),
    }


def _front_groups(front: list[Block]) -> list[list[Block]]:
    """Front items, each with the later front pages it absorbs."""
    groups: list[list[Block]] = []
    for block in front:
        if block.title in _FRONT_ITEMS or not groups:
            groups.append([block])
        else:
            groups[-1].append(block)
    return groups


def front_items(source_id: str, front: list[Block]) -> tuple[list[dict[str, Any]], str]:
    """The front-matter items, and the colofon text the source title is read from."""
    items = []
    colofon_text = ""
    for blocks in _front_groups(front):
        head = blocks[0]
        code = _FRONT_ITEMS.get(head.title, head.title.lower())
        if code == "inleiding":
            fields = _inleiding(head)
        else:
            fields = _colofon(blocks)
            colofon_text = fields["tekst"]
        items.append(
            item(source_id, "sectie", code, head.title, head.line, fields=non_empty(fields))
        )
    return items, colofon_text


def source_title(text: str, colofon: str) -> str:
    """'<organisation> beroepscompetentieprofiel <beroep>, <year>' from colofon and footer."""
    running = footers(text)
    beroep = running[0][len("BCP ") :] if running else ""
    match = re.search(r"Ontwikkeld door:\s*([^\s,]+)", colofon)
    organisation = match[1] if match else ""
    years = _YEAR.findall(colofon.split("Vastgesteld door:")[-1])
    parts = [p for p in (organisation, "beroepscompetentieprofiel", beroep) if p]
    return " ".join(parts) + (f", {years[0]}" if years else "")
