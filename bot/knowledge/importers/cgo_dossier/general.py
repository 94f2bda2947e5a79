"""'Algemene informatie': its label rows, and the language and rekenen levels under it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.knowledge.importers.cgo_dossier.cells import clean
from bot.knowledge.importers.cgo_dossier.lines import Line
from bot.knowledge.importers.item_data import item, join_paragraphs, non_empty

GENERAL_HEADING = "Algemene informatie"
# "Algemene informatie" labels and the field each one fills.
GENERAL_FIELDS: dict[str, str] = {
    "Context van de uitstroom": "context",
    "Typerende beroepshouding": "beroepshouding",
    "Niveau van de beroepsuitoefening": "niveau",
    "Rol en verantwoordelijkheden": "verantwoordelijkheid",
    "Complexiteit": "complexiteit",
}
# Labels shown with their value inside one field, e.g. "Wettelijke beroepsvereisten: Nee".
LABELLED_FIELDS: dict[str, str] = {
    "Wettelijke beroepsvereisten": "beroepsvereisten",
    "Branche vereisten": "beroepsvereisten",
}
LEVEL_COLUMNS = ["Matrix", "Onderdeel", "Aangekruiste niveaus"]


@dataclass
class GeneralFact:
    """'Algemene informatie': label rows, each into its field."""

    line: int
    texts: dict[str, list[str]] = field(default_factory=dict)

    def add(self, label: str, value: list[str]) -> None:
        """A label row: its paragraphs go to the label's field."""
        if label in GENERAL_FIELDS:
            self.texts.setdefault(GENERAL_FIELDS[label], []).extend(value)
            return
        # Several labels share a field (or none fits): keep the label with its value.
        labelled = [f"{label}: {value[0]}", *value[1:]] if value else [label]
        self.texts.setdefault(LABELLED_FIELDS.get(label, "tekst"), []).extend(labelled)

    def data(self, source_id: str) -> dict[str, Any]:
        """The fact as an item."""
        fields = {name: join_paragraphs(texts) for name, texts in self.texts.items()}
        return item(
            source_id, "fact", "algemeen", GENERAL_HEADING, self.line, fields=non_empty(fields)
        )


@dataclass
class LevelsFact:
    """The language and rekenen levels: an introduction and the x matrices under it."""

    title: str
    line: int
    intro: list[str]
    marks: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    matrix: str = ""
    header: list[str] = field(default_factory=list)

    def add_line(self, line: Line) -> None:
        """A matrix title, its header (first cell empty) or a level row with x marks."""
        if line.single:
            self.matrix, self.header = line.head, []
        elif not line.head:
            self.header = [clean(cell) for cell in line.cells[1:]]
        elif self.header:
            self._add_marks(line)

    def _add_marks(self, line: Line) -> None:
        """A level row: the level counts for every column marked with an x."""
        cells = [clean(cell).lower() for cell in line.cells[1:]]
        for column, mark in zip(self.header, cells, strict=False):
            if mark == "x":
                self.marks.setdefault((self.matrix, column), []).append(line.head)

    def data(self, source_id: str) -> dict[str, Any]:
        """One table row per matrix column, listing its marked levels top to bottom."""
        rows = [
            [matrix, column, ", ".join(levels)] for (matrix, column), levels in self.marks.items()
        ]
        table = {"kolommen": list(LEVEL_COLUMNS), "rijen": rows} if rows else None
        fields = {"tekst": join_paragraphs(self.intro), "tabel": table}
        return item(
            source_id, "fact", "taal-rekenen", self.title, self.line, fields=non_empty(fields)
        )
