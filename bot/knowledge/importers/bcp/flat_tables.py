"""Tables and diagrams the PDF extraction flattened into text, cut out by their known cells."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.knowledge.importers.bcp.lines import Line
from bot.knowledge.importers.common import table
from bot.knowledge.importers.hyphens import rejoin_words


def squeeze(text: str) -> str:
    """Text without whitespace and diagram arrows, to compare layouts."""
    return re.sub(r"[\s↑>]", "", text)


@dataclass(frozen=True)
class FlatTable:
    """A table or diagram the extraction flattened into text, with its cells spelled out.

    Its cells are only used when their text, without spaces and arrow glyphs, occurs in the
    source exactly and on whole lines: the constant supplies where the columns split, never
    words of its own. Cells are spelled as printed, a word a line end broke with its hyphen
    ('Beroeps-competentieprofielen'): ``cells`` judges such a hyphen like any line end.
    ``as_list`` renders the rows as list entries ("row — column: cell").
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    as_list: bool = False

    def cells(self) -> tuple[list[str], list[list[str]]]:
        """Column names and rows, words broken at a line end rejoined."""
        rows = [[rejoin_words(cell) for cell in row] for row in self.rows]
        return [rejoin_words(cell) for cell in self.columns], rows

    @property
    def key(self) -> str:
        """All cells squeezed together, as they stand in the squeezed source."""
        return squeeze("".join(self.columns + tuple(c for row in self.rows for c in row)))


# Layouts whose column boundaries the text no longer shows (single spaces between cells, cells
# broken over lines in a different order). Lines 39–55: the standard BCP schema in the Inleiding.
# Lines 406–447: the career ladder (arrows dropped; the indentation puts "Vertegenwoordiger" in
# the Salesmanagement column). Lines 459–513: junior accountmanager vs vertegenwoordiger.
FLAT_TABLES = (
    FlatTable(
        (
            "Bedrijfsleven",
            "Kenniscentra in samenwerking met onderwijs en bedrijfsleven",
            "Onderwijs",
        ),
        (
            (
                "Beroeps-competentieprofielen",
                "Opleidingseisen in kwalificatiedossier",
                "Concrete opleidingen en examens",
            ),
        ),
    ),
    FlatTable(
        ("Accountmanagement", "Salesmanagement", "werk- en denkniveau c.q. opleidingsniveau"),
        (
            ("Account director", "Sales director", "wo"),
            ("Key accountmanager", "Sales manager", "hbo/wo"),
            ("Accountmanager", "Verkoopleider", "hbo"),
            ("Junior accountmanager", "", "mbo (niveau 4)"),
            ("", "Vertegenwoordiger/ Commercieel medewerker buitendienst", "mbo (niveau 3)"),
        ),
    ),
    FlatTable(
        ("", "Junior accountmanager", "Vertegenwoordiger/ Commercieel medewerker buitendienst"),
        (
            (
                "klantenkring",
                "alleen business-to-business",
                "zowel business-to-business als business-to-consumer",
            ),
            ("wijze van verkopen", "gericht op relatie en waardepropositie", "productgericht"),
            ("verkoopproces", "diepgang, complexer", "oppervlakkig, minder complex"),
            (
                "doelstelling(en)",
                "succes op korte en langere termijn",
                "succes direct c.q. op kortere termijn",
            ),
            (
                "producten/diensten",
                "oplossingen; eindproduct is bij de start vaak niet volledig bekend",
                "standaardproducten, volumeverkopen",
            ),
            (
                "contactintensiviteit",
                "intensief contact met een (beperkt) aantal klanten/accounts",
                "snel contact met veel/meerdere klanten",
            ),
            (
                "aantal contactpersonen binnen een organisatie",
                "meerdere (DMU)",
                "enkele (vaak alleen de inkoper)",
            ),
            (
                "verkoopperspectief",
                "invulling vanuit de klant, aansluiting op klantwaarde",
                "eigen producten/diensten",
            ),
            (
                "Samenwerking met collega’s",
                "werkt in teamverband (accountteam)",
                "werkt individueel",
            ),
        ),
        as_list=True,
    ),
)


def _char_stream(lines: list[Line]) -> tuple[str, list[int]]:
    """The squeezed text of the lines, and for each of its characters the index of its line."""
    chars: list[str] = []
    stream: list[int] = []
    for index, line in enumerate(lines):
        for ch in squeeze(line.text):
            chars.append(ch)
            stream.append(index)
    return "".join(chars), stream


def _whole_lines(flat: FlatTable, text: str, stream: list[int]) -> tuple[int, int] | None:
    """The first and last line index of the table's cells, when they fill whole lines."""
    pos = text.find(flat.key)
    if pos < 0:
        return None
    end = pos + len(flat.key) - 1
    first, last = stream[pos], stream[end]
    starts_line = pos == 0 or stream[pos - 1] != first
    ends_line = end + 1 == len(stream) or stream[end + 1] != last
    return (first, last) if starts_line and ends_line else None


def take_tables(lines: list[Line]) -> tuple[list[Line], list[tuple[FlatTable, int]]]:
    """Cut the known flattened layouts out of lines; returns the rest and the tables found."""
    text, stream = _char_stream(lines)
    taken: set[int] = set()
    found: list[tuple[FlatTable, int]] = []
    for flat in FLAT_TABLES:
        span = _whole_lines(flat, text, stream)
        if span:
            taken.update(range(span[0], span[1] + 1))
            found.append((flat, lines[span[0]].no))
    found.sort(key=lambda pair: pair[1])
    return [line for i, line in enumerate(lines) if i not in taken], found


def table_value(flat: FlatTable) -> dict[str, Any]:
    """The table as a ``tabel`` field."""
    return table(*flat.cells())


def table_text(flat: FlatTable) -> str:
    """The table as lines of text, cells split by ' | ' as a table is shown."""
    columns, rows = flat.cells()
    return "\n".join(" ".join(" | ".join(row).split()) for row in [columns, *rows])


def table_entries(flat: FlatTable) -> list[str]:
    """A table as list entries: 'row label — column: cell; column: cell'."""
    found = []
    columns, rows = flat.cells()
    for row in rows:
        cells = [f"{col}: {cell}" for col, cell in zip(columns[1:], row[1:], strict=True) if cell]
        found.append(f"{row[0]} — " + "; ".join(cells))
    return found
