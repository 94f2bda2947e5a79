"""Flattened tables of people in the colofon: who was consulted, who sits on the sectorraad."""

from __future__ import annotations

import re
from typing import Any

from bot.knowledge.importers.bcp.lines import Line
from bot.knowledge.importers.common import join_lines, table

_PERSON = re.compile(r"^(?:(?:Dhr|Mevr|Mw|Mr)\.\s|Vacant\b)")
_PERSON_NAME = re.compile(
    r"^((?:Dhr|Mevr|Mw|Mr)\.\s+(?:[A-Z]\.)+\s+(?:(?:van|de|der|den|ter|ten|te|het)\s+)*\S+)"
    r"\s+(\S.*)$"
)
_PEOPLE_HEADER = re.compile(r"^Naam\s+Werkzaam\b")
_PEOPLE_GROUP = re.compile(r"^Namens\b")


def cut_people(lines: list[Line], stop_at_break: bool) -> tuple[list[Line], list[tuple[str, str]]]:
    """Cut a flattened table of people out of lines: the rest, and (group, row text) pairs."""
    rest: list[Line] = []
    rows: list[tuple[str, list[Line]]] = []
    group = ""
    in_table = False
    for line in lines:
        text = line.text
        if _PEOPLE_GROUP.match(text):
            group, in_table = text, True
        elif _PEOPLE_HEADER.match(text):
            in_table = True
        elif in_table and _PERSON.match(text):
            rows.append((group, [line]))
        elif in_table and rows and text:
            rows[-1][1].append(line)
        elif in_table and line.is_break and stop_at_break and rows:
            in_table = False
        elif not in_table:
            rest.append(line)
    return rest, [(group, join_lines(row)) for group, row in rows]


def people_table(rows: list[tuple[str, str]]) -> dict[str, Any]:
    """Name and organisation split by the shape of a Dutch name ('Dhr. E. van de Berg')."""
    cells = []
    for _, row in rows:
        match = _PERSON_NAME.match(row)
        cells.append([match[1], match[2]] if match else [row, ""])
    return table(["Naam", "Werkzaam bij / organisatie"], cells)
