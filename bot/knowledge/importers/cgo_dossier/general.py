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
    """The language and rekenen levels: an introduction and the x matrices under it.

    The matrices go into one table as printed, one under the other: each matrix's header row
    with its title in the empty corner cell ("Nederlands | Luisteren | Lezen …"), then its
    level rows with their x marks, every column kept, marked or not ("Ruimte en vorm").
    """

    title: str
    line: int
    intro: list[str]
    rows: list[list[str]] = field(default_factory=list)
    matrix: str = ""

    def add_line(self, line: Line) -> None:
        """A matrix title, its header (first cell empty) or a level row with x marks."""
        cells = [clean(cell) for cell in line.cells[1:]]
        if line.single:
            self.matrix = line.head
        elif not line.head:
            self.rows.append([self.matrix or self.title, *cells])
        elif self.rows:
            self.rows.append([line.head, *cells])

    def data(self, source_id: str) -> dict[str, Any]:
        """The fact: its introduction as text, the matrices as its table."""
        width = max((len(row) for row in self.rows), default=0)
        rows = [row + [""] * (width - len(row)) for row in self.rows]
        table = {"kolommen": rows[0], "rijen": rows[1:]} if rows else None
        fields = {"tekst": join_paragraphs(self.intro), "tabel": table}
        return item(
            source_id, "fact", "taal-rekenen", self.title, self.line, fields=non_empty(fields)
        )
