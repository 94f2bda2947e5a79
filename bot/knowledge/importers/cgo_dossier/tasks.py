"""Kerntaken and werkprocessen, as the detail sections describe them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.knowledge.importers.cgo_dossier.cells import Segment
from bot.knowledge.importers.cgo_dossier.competency_table import CompetencyRow, CompetencyTable
from bot.knowledge.importers.item_data import item, join_paragraphs, non_empty

_NOT_APPLICABLE = re.compile(r"niet van toepassing", re.IGNORECASE)


def knowledge_groups(pieces: list[Segment]) -> list[dict[str, Any]]:
    """Vakkennis as groups: a paragraph followed by entries is a category heading."""
    groups: list[dict[str, Any]] = []
    for i, piece in enumerate(pieces):
        followed = i + 1 < len(pieces) and pieces[i + 1].kind == "item"
        if piece.kind == "para" and followed:
            groups.append({"titel": piece.text, "items": []})
            continue
        if not groups:
            groups.append({"titel": None, "items": []})
        groups[-1]["items"].append(piece.text)
    return [group for group in groups if group["items"]]


@dataclass
class Kerntaak:
    """A kerntaak heading: the item has no fields of its own."""

    code: str
    title: str
    line: int

    def data(self, source_id: str) -> dict[str, Any]:
        """The kerntaak as an item."""
        return item(source_id, "kerntaak", self.code, self.title, self.line)


@dataclass
class Werkproces:
    """A werkproces: its text rows, its detail table once the header is seen, remarks."""

    code: str
    title: str
    line: int
    kerntaak: str  # the parent's code
    texts: dict[str, list[str]] = field(default_factory=dict)
    table: CompetencyTable | None = None
    remarks: list[str] = field(default_factory=list)

    @property
    def rows(self) -> list[CompetencyRow]:
        """The detail table's competency rows."""
        return self.table.rows if self.table is not None else []

    def data(self, source_id: str) -> dict[str, Any]:
        """The werkproces with its texts, competency rows and vakkennis."""
        knowledge = [piece for row in self.rows for piece in row.knowledge]
        fields = {
            "omschrijving": join_paragraphs(self.texts.get("omschrijving", [])),
            "resultaat": join_paragraphs(self.texts.get("resultaat", [])),
            "competentierijen": [row.data() for row in self.rows],
            "vakkennis": knowledge_groups(knowledge),
            "toelichting": join_paragraphs(self.remarks),
        }
        return item(
            source_id,
            "werkproces",
            self.code,
            self.title,
            self.line,
            parent=self.kerntaak,
            not_applicable=any(_NOT_APPLICABLE.search(remark) for remark in self.remarks),
            fields=non_empty(fields),
        )
