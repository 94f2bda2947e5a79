"""The general chapters (``1 Algemene informatie over het beroep``) and their sections."""

from __future__ import annotations

from typing import Any

from bot.knowledge.importers.bcp.flat_tables import table_entries, table_value
from bot.knowledge.importers.bcp.lines import Line
from bot.knowledge.importers.bcp.placement import place_tables
from bot.knowledge.importers.bcp.prose import entries, is_list, paragraph_text
from bot.knowledge.importers.bcp.rows import label_rows, render_rows
from bot.knowledge.importers.bcp.structure import Block, split_numbered
from bot.knowledge.importers.item_data import item, non_empty

# Row labels of the left column in chapter 1 (fixed by the BCP template).
_SECTION_LABELS = (
    "Werkomgeving",
    "Typerende beroepshouding",
    "Rol en verantwoordelijkheden",
    "Complexiteit",
    "Wettelijke beroepsvereisten",
    "Branche vereisten",
    "Nederlands en (moderne) vreemde talen",
    "Rekenen/ wiskunde",
    "Arbeidsmarkt",
    "Kwantitatieve gegevens",
    "Wetgeving en regelgeving",
    "Ontwikkelingen in de beroepsuitoefening",
)


def _labelled(lines: list[Line]) -> str:
    """Prose whose rows carry a left-column label."""
    return render_rows(label_rows(lines, _SECTION_LABELS))


def _section_fields(lines: list[Line]) -> dict[str, Any]:
    """Fields of a chapter-1 section: prose as tekst (or a list of phrases as lijst) with the
    tables prose follows in their places, the flattened layouts after it as tabel/lijst."""
    placed = place_tables(lines, _labelled)
    fields: dict[str, Any] = {}
    if is_list(placed.prose) and not placed.inline:
        fields["lijst"] = entries(placed.prose)
    else:
        fields["tekst"] = placed.text
    for flat in placed.trailing:
        if flat.as_list or "tabel" in fields:
            fields["lijst"] = fields.get("lijst", []) + table_entries(flat)
        else:
            fields["tabel"] = table_value(flat)
    return fields


def section_items(source_id: str, chapter: Block) -> list[dict[str, Any]]:
    """A general chapter ('H1') and its numbered sections ('H1.1' …)."""
    intro, sections = split_numbered(chapter, r"^(\d+)\.(\d+)\s+(\S.*)$")
    code = f"H{chapter.number}"
    fields = non_empty({"tekst": paragraph_text(intro)})
    items = [item(source_id, "sectie", code, chapter.title, chapter.line, fields=fields)]
    for section in sections:
        fields = non_empty(_section_fields(section.lines))
        number = f"H{section.number}"
        items.append(
            item(
                source_id,
                "sectie",
                number,
                section.title,
                section.line,
                parent=code,
                fields=fields,
            )
        )
    return items
