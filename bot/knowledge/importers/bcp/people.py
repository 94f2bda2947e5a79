"""Flattened tables of people in the colofon: who was consulted, who sits on the sectorraad."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.knowledge.importers.bcp.lines import Line
from bot.knowledge.importers.common import join_lines, table

_PERSON = re.compile(r"^(?:(?:Dhr|Mevr|Mw|Mr)\.\s|Vacant\b)")
_PERSON_NAME = re.compile(
    r"^((?:Dhr|Mevr|Mw|Mr)\.\s+(?:[A-Z]\.)+\s+(?:(?:van|de|der|den|ter|ten|te|het)\s+)*\S+)"
    r"(?:\s+(\S.*))?$"
)
_PEOPLE_HEADER = re.compile(r"^Naam\s+Werkzaam\b")
_PEOPLE_GROUP = re.compile(r"^Namens\b")


@dataclass
class PersonRow:
    """A row of a people table: its group ('Namens het onderwijs') and its lines in blocks.

    The extraction puts the cells of a row's columns apart as blocks between empty lines when
    they took several lines, or on one line when they did not: the blocks are the layout."""

    group: str
    blocks: list[list[Line]]

    @property
    def text(self) -> str:
        """The whole row as one line of text."""
        return join_lines(line for block in self.blocks for line in block)


def split_name(text: str) -> tuple[str, str]:
    """A Dutch name ('Dhr. E. van de Berg') and the text after it; ('', text) if none."""
    match = _PERSON_NAME.match(text)
    return (match[1], match[2] or "") if match else ("", text)


def cut_people(lines: list[Line], stop_at_break: bool) -> tuple[list[Line], list[PersonRow]]:
    """Cut a flattened table of people out of lines: the rest, and the rows of people."""
    rest: list[Line] = []
    rows: list[PersonRow] = []
    group = ""
    in_table = False
    for line in lines:
        text = line.text
        if _PEOPLE_GROUP.match(text):
            group, in_table = text, True
        elif _PEOPLE_HEADER.match(text):
            in_table = True
        elif in_table and _PERSON.match(text):
            rows.append(PersonRow(group, [[line]]))
        elif in_table and rows and text:
            rows[-1].blocks[-1].append(line)
        elif in_table and rows and line.is_break and stop_at_break:
            in_table = False
        elif in_table and rows and rows[-1].blocks[-1]:
            rows[-1].blocks.append([])  # an empty line between two cells of the row
        elif not in_table:
            rest.append(line)
    for row in rows:
        row.blocks = [block for block in row.blocks if block]
    return rest, rows


def people_table(rows: list[PersonRow]) -> dict[str, Any]:
    """Name and organisation split by the shape of a Dutch name ('Dhr. E. van de Berg')."""
    cells = []
    for row in rows:
        name, organisation = split_name(row.text)
        cells.append([name, organisation] if name else [row.text, ""])
    return table(["Naam", "Werkzaam bij / organisatie"], cells)
