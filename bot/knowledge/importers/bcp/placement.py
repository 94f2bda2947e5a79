"""Flattened tables placed among the prose around them, so an item keeps the document's order.

An item has one ``tekst``, one ``tabel`` and one ``lijst``, shown in that order. A table that
prose follows (the schema in the Inleiding, the career ladder in 1.3) therefore stays in the
text at its place, as lines of text; only the tables after the last prose stand apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.knowledge.importers.bcp.flat_tables import FlatTable, table_text, take_tables
from bot.knowledge.importers.bcp.lines import Line
from bot.knowledge.importers.item_data import join_paragraphs


@dataclass(frozen=True)
class Placed:
    """The text with its inline tables, the prose lines alone, and the tables after them."""

    text: str
    prose: list[Line]
    trailing: list[FlatTable]
    inline: int


def place_tables(lines: list[Line], render: Callable[[list[Line]], str]) -> Placed:
    """Cut the flattened tables out of lines and place them (render turns prose into text)."""
    prose, tables = take_tables(lines)
    prose_end = max((line.no for line in prose if line.text), default=0)
    parts: list[str] = []
    rest = prose
    inline = [(flat, start) for flat, start in tables if start < prose_end]
    for flat, start in inline:
        before = [line for line in rest if line.no < start]
        rest = rest[len(before) :]
        parts += [render(before), table_text(flat)]
    parts.append(render(rest))
    trailing = [flat for flat, start in tables if start > prose_end]
    return Placed(join_paragraphs(p for p in parts if p), prose, trailing, len(inline))
