"""The source as lines of tab-separated cells, and the list entries it holds."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.importers.cgo_dossier.cells import clean, segments


@dataclass(frozen=True)
class Line:
    """One source line: its number and its tab-separated cells."""

    no: int
    cells: tuple[str, ...]

    @property
    def head(self) -> str:
        """The first cell, cleaned."""
        return clean(self.cells[0])

    @property
    def single(self) -> bool:
        """No tab at all: a heading, or a loose piece of a row broken by a page break."""
        return len(self.cells) == 1

    @property
    def filled(self) -> int:
        """How many cells hold text."""
        return sum(1 for cell in self.cells if clean(cell))

    def rest(self) -> str:
        """The cells after the first, as one cell (a label row's value)."""
        return "\t".join(self.cells[1:])


def split_lines(text: str) -> list[Line]:
    """The text as lines; the last line may lack its newline (it holds data here, line 313)."""
    return [Line(no, tuple(raw.split("\t"))) for no, raw in enumerate(text.splitlines(), 1)]


def vocabulary(lines: list[Line]) -> list[str]:
    """Every list entry of every cell, longest first: used to split merged loose lines."""
    entries = {
        seg.text
        for line in lines
        for cell in line.cells
        for seg in segments(cell)
        if seg.kind == "item"
    }
    return sorted(entries, key=lambda entry: (-len(entry), entry))
