"""The sectorraad's members: a three-column table (Naam, Werkzaam bij, Namens) per group.

A row's cells are blocks between empty lines when they wrapped, so most rows split by their
blocks alone. Where the extraction put both organisations on the name's line, the document
itself tells where they part:

- cells spanning lines: the Namens cell holds the wrapped lines, and its first line is the
  longest run of last words that fits the Namens column, as wide as its longest line in the
  rows that did split ('Philipse Business School | Vereniging Contactcenters' / 'Nederland');
- one line: an organisation the document names as a cell of its own ends it ('NOVA College |
  MBO Raad'), or two words are one per column; else the two stay together, as printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.importers.bcp.lines import Line
from bot.knowledge.importers.bcp.people import PersonRow, split_name
from bot.knowledge.importers.common import join_lines
from bot.knowledge.importers.hyphens import join_broken_line


@dataclass(frozen=True)
class _Member:
    """A row: group, name, its cells (one per block) and the name line's rest with the
    lines wrapped under it."""

    group: str
    name: str
    cells: list[str]
    first: str
    wrapped: list[Line]
    namens_lines: list[Line]  # the Namens block, when the row has one of its own


def _member(row: PersonRow) -> _Member:
    """A row read by its blocks: the first holds the name (and what shares its lines)."""
    head, *tail = row.blocks
    name, rest = split_name(join_lines(head))
    if not name:  # 'Vacant': a seat without a person
        return _Member(row.group, row.text, [], "", [], [])
    first_name, first = split_name(head[0].text)
    if first_name != name:  # the name itself wrapped: no organisation on its line
        first, wrapped = rest, []
    else:
        wrapped = head[1:]
    cells = [rest] if rest else []
    cells += [join_lines(block) for block in tail]
    return _Member(row.group, name, cells, first, wrapped, tail[-1] if tail else [])


def _split_wrapped(member: _Member, width: int) -> tuple[str, str] | None:
    """Werkzaam bij and Namens of a row whose Namens cell wrapped under the name's line."""
    words = member.first.split()
    for keep in range(1, len(words)):
        namens = " ".join(words[keep:])
        if len(namens) <= width:
            for line in member.wrapped:
                namens = join_broken_line(namens, line.text)
            return " ".join(words[:keep]), namens
    return None


def _split_line(cell: str, organisations: set[str]) -> tuple[str, str] | None:
    """Werkzaam bij and Namens printed on one line."""
    for organisation in sorted(organisations, key=len, reverse=True):
        if cell.endswith(f" {organisation}"):
            return cell[: -len(organisation) - 1], organisation
    words = cell.split()
    return (words[0], words[1]) if len(words) == 2 else None


def _entry(member: _Member, organisations: set[str], width: int) -> str:
    """'Group: Name, werkzaam bij X, namens Y' (the document's column names)."""
    cells: tuple[str, str] | None = None
    if len(member.cells) >= 2:
        cells = member.cells[0], " ".join(member.cells[1:])
    elif len(member.cells) == 1 and member.wrapped:
        cells = _split_wrapped(member, width)
    elif len(member.cells) == 1:
        cells = _split_line(member.cells[0], organisations)
    if cells:
        text = f"{member.name}, werkzaam bij {cells[0]}, namens {cells[1]}"
    else:
        text = ", ".join([member.name, *member.cells])
    return f"{member.group}: {text}" if member.group else text


def member_entries(rows: list[PersonRow], organisations: set[str]) -> list[str]:
    """The members as list entries; organisations: cells of other tables of the document."""
    members = [_member(row) for row in rows]
    split = [member for member in members if len(member.cells) >= 2]
    width = max((len(line.text) for m in split for line in m.namens_lines), default=0)
    known = organisations | {cell for member in split for cell in member.cells}
    return [_entry(member, known, width) for member in members]
