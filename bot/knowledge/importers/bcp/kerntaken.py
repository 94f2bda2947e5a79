"""Kerntaak and werkproces items, with titles from the overview table of chapter 2."""

from __future__ import annotations

import re
from typing import Any

from bot.knowledge.competencies import competency_entry
from bot.knowledge.importers.bcp.lines import Line, with_text
from bot.knowledge.importers.bcp.prose import entries, paragraph_text
from bot.knowledge.importers.bcp.werkprocessen import Kerntaak, Werkproces
from bot.knowledge.importers.common import join_lines
from bot.knowledge.importers.item_data import item, non_empty

_OVERVIEW_KERNTAAK = re.compile(r"^Kerntaak\s+(\d+)\s*(.*)$")
_OVERVIEW_WERKPROCES = re.compile(r"^(\d+\.\d+)\s+(\S.*)$")


def parse_overview(lines: list[Line]) -> dict[str, str]:
    """Titles by code ('K1', '1.1') from the overview table of chapter 2."""
    titles: dict[str, list[Line]] = {}
    current: list[Line] | None = None
    for line in lines:
        if not line.text:
            current = None
            continue
        kerntaak = _OVERVIEW_KERNTAAK.match(line.text)
        werkproces = _OVERVIEW_WERKPROCES.match(line.text)
        if kerntaak:
            current = titles.setdefault(f"K{kerntaak[1]}", [])
            if kerntaak[2]:
                current.append(with_text(line, kerntaak[2]))
        elif werkproces:
            current = titles.setdefault(werkproces[1], [with_text(line, werkproces[2])])
        elif current is not None:
            current.append(line)
    return {code: join_lines(parts) for code, parts in titles.items() if parts}


def _werkproces_fields(wp: Werkproces) -> dict[str, Any]:
    """The five fields every werkproces has, in the order of the template."""
    return {
        "omschrijving": paragraph_text(wp.description),
        "competenties": [competency_entry(name) for name in wp.competencies],
        "resultaat": "\n".join(entries(wp.result)),
        "kennis": entries(wp.knowledge),
        "vaardigheden": entries(wp.skills),
    }


def kerntaak_items(
    source_id: str, kerntaken: list[Kerntaak], overview: dict[str, str]
) -> list[dict[str, Any]]:
    """Kerntaken with their werkprocessen. Kerntaak titles come from the overview (the detail
    heading of K1 reads 'op er bewaakt', 700); werkproces titles from the detail headings (the
    overview has 'Breng de offerte uit' for 3.4, 683)."""
    items = []
    for kt in kerntaken:
        code = f"K{kt.number}"
        title = overview.get(code, kt.title)
        fields = non_empty({"toelichting": paragraph_text(kt.toelichting)})
        items.append(item(source_id, "kerntaak", code, title, kt.line, fields=fields))
        for wp in kt.werkprocessen:
            title = wp.title or overview.get(wp.code, "")
            fields = non_empty(_werkproces_fields(wp))
            items.append(
                item(source_id, "werkproces", wp.code, title, wp.line, parent=code, fields=fields)
            )
    return items
