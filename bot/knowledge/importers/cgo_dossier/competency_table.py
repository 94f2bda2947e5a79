"""The detail table of a werkproces: competency rows, pieced together across page breaks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.knowledge.competencies import competency_entry
from bot.knowledge.importers.cgo_dossier.cells import (
    Segment,
    clean,
    join_text,
    paragraphs,
    segments,
)
from bot.knowledge.importers.cgo_dossier.lines import Line
from bot.knowledge.importers.item_data import join_paragraphs

_SENTENCE_END = re.compile(r"[.!?:]$")
# Column roles of a detail table, by the header's labels.
_COLUMN_ROLES = {
    "competentie": "name",
    "component(en)": "components",
    "prestatie-indicator": "indicator",
    "vakkennis en vaardigheden": "knowledge",
}


def extend_entries(entries: list[str], pieces: list[Segment], continued: bool) -> None:
    """Add list entries; the first piece of a continued cell that starts in lowercase is the
    end of the entry a page break cut off ("Aansluiten bij behoeften en" / "verwachtingen")."""
    for i, piece in enumerate(pieces):
        if continued and i == 0 and entries and piece.text[:1].islower():
            entries[-1] = join_text(entries[-1], piece.text)
        else:
            entries.append(piece.text)


@dataclass
class CompetencyRow:
    """One row of a detail table, assembled from its pieces across page breaks."""

    line: int
    name: str
    components: list[str] = field(default_factory=list)
    indicator: list[str] = field(default_factory=list)
    knowledge: list[Segment] = field(default_factory=list)

    def add_components(self, cell: str, continued: bool) -> None:
        """Add a components cell (see ``extend_entries``)."""
        extend_entries(self.components, segments(cell), continued)

    def add_indicator(self, cell: str, continued: bool) -> None:
        """Add prestatie-indicator text; a continued piece goes on the broken sentence."""
        for i, text in enumerate(paragraphs(cell)):
            if continued and i == 0 and self.indicator:
                self.indicator[-1] = join_text(self.indicator[-1], text)
            else:
                self.indicator.append(text)

    def add_knowledge(self, cell: str, continued: bool) -> None:
        """Add a vakkennis cell; a continued entry starting in lowercase ends the last one."""
        pieces = segments(cell)
        if continued and pieces and self.knowledge and pieces[0].text[:1].islower():
            last = self.knowledge[-1]
            self.knowledge[-1] = Segment(last.kind, join_text(last.text, pieces.pop(0).text))
        self.knowledge.extend(pieces)

    @property
    def indicator_complete(self) -> bool:
        """Whether the indicator ends a sentence (else a page break cut it)."""
        return bool(self.indicator) and bool(_SENTENCE_END.search(self.indicator[-1]))

    def data(self) -> dict[str, Any]:
        """The row as a 'competentierijen' entry."""
        try:
            competency = competency_entry(self.name)
        except ValueError as err:
            raise ValueError(f"line {self.line}: {err}") from err
        return {
            "competentie": competency,
            "componenten": list(self.components),
            "prestatie_indicator": join_paragraphs(self.indicator),
        }


def header_columns(line: Line) -> dict[str, int]:
    """The table header as column role -> cell index."""
    roles = [_COLUMN_ROLES.get(clean(cell).lower(), "") for cell in line.cells]
    return {role: i for i, role in enumerate(roles) if role}


@dataclass
class CompetencyTable:
    """Reads a detail table's lines into rows; `vocabulary` splits merged loose lines."""

    columns: dict[str, int]
    vocabulary: list[str]
    rows: list[CompetencyRow] = field(default_factory=list)

    def add_line(self, line: Line) -> None:
        """A competency row, or a piece of the previous row broken off by a page break."""
        row = self.rows[-1] if self.rows else None
        if line.single and row is not None:
            self._loose_line(row, line.head)
            return
        cell = {
            role: line.cells[i] if i < len(line.cells) else "" for role, i in self.columns.items()
        }
        name = clean(cell.get("name", ""))
        # A continued row has no name, or the rest of a wrapped one ("beïnvloeden", 180).
        continued = row is not None and (not name or name[:1].islower())
        if row is not None and continued:
            row.name = join_text(row.name, name)
        else:
            row = CompetencyRow(line.no, name)
            self.rows.append(row)
        row.add_components(cell.get("components", ""), continued)
        row.add_indicator(cell.get("indicator", ""), continued)
        row.add_knowledge(cell.get("knowledge", ""), continued)

    def _loose_line(self, row: CompetencyRow, text: str) -> None:
        """A bare line after a broken row: '- …' continues the components, other text the
        indicator. Where both columns ran into one line (293: '- Relaties opbouwen met mensen
        accounts te onderhouden …'), a component known from elsewhere in the document is split
        off and the rest completes the indicator."""
        if not text.startswith("-"):
            row.add_indicator(text, continued=True)
            return
        body = text.lstrip("-").strip()
        if not row.indicator_complete and self._split_known(row, body):
            return
        row.add_components(body, continued=True)

    def _split_known(self, row: CompetencyRow, body: str) -> bool:
        """Split a known component off a merged line; True when one was found."""
        for entry in self.vocabulary:  # longest first
            rest = body[len(entry) :].strip()
            if body.startswith(f"{entry} ") and rest[:1].islower():
                row.add_components(entry, continued=True)
                row.add_indicator(rest, continued=True)
                return True
        return False
