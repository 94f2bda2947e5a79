"""A cursor over a section body, and what the block parser learns across sections."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.knowledge.importers.beroepenonderzoek.lines import Line, squeezed


@dataclass
class Context:
    """What the block parser learns across sections: table headers, known first-column cells."""

    headers: set[str]
    known_cells: list[str] = field(default_factory=list)

    def is_header(self, line: Line) -> bool:
        """Is the line the column header of one of the report's tables?"""
        return squeezed(line) in self.headers


class Cursor:
    """A position in the lines of a section body."""

    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.i = 0

    @property
    def done(self) -> bool:
        """Is every line read?"""
        return self.i >= len(self.lines)

    @property
    def line(self) -> Line:
        """The line at the cursor."""
        return self.lines[self.i]

    def advance(self) -> None:
        """Move past the line at the cursor."""
        self.i += 1

    def peek(self, skip_gaps: bool = True) -> Line | None:
        """The next line from the cursor on that is not blank (nor a gap, with skip_gaps)."""
        j = self.i
        while j < len(self.lines) and (self.lines[j].blank or (skip_gaps and self.lines[j].gap)):
            j += 1
        return self.lines[j] if j < len(self.lines) else None

    def next_is(self, test: Callable[[Line], bool]) -> bool:
        """Does the next line with text, past gaps, pass the test?"""
        nxt = self.peek()
        return nxt is not None and test(nxt)

    def skip_to(self, line: Line) -> None:
        """Move the cursor to a line found by peek."""
        while self.lines[self.i] is not line:
            self.i += 1
