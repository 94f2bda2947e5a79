"""What a section body is made of: paragraphs, lists and tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.knowledge.importers.beroepenonderzoek.lines import Line, strip_marker
from bot.knowledge.importers.common import join_lines

# Typos in list entries of the source, fixed so every role spells a competency the same way.
ENTRY_CORRECTIONS = {
    "Kantgericht handelen": "Klantgericht handelen",  # line 1603 (5.1's competencies)
    "Beinvloeden": "Beïnvloeden",  # line 959; spelled "Beïnvloeden" at 1605 and 1789
}


@dataclass
class Para:
    """A paragraph of running text."""

    text: str

    def texts(self) -> list[str]:
        """The paragraph as the one text it adds."""
        return [self.text]


@dataclass
class ListBlock:
    """A bullet or numbered list; ``header`` names a role table's column."""

    header: str | None
    numbered: bool
    entries: list[list[Line]] = field(default_factory=list)

    def texts(self) -> list[str]:
        """The entries as clean strings; numbered entries keep their number."""
        out = []
        for n, lines in enumerate(self.entries, start=1):
            text = strip_marker(join_lines(lines))
            text = ENTRY_CORRECTIONS.get(text, text)
            out.append(f"{n}. {text}" if self.numbered else text)
        return out


@dataclass
class TableBlock:
    """A table with named columns."""

    columns: list[str]
    rows: list[list[str]]


Block = Para | ListBlock | TableBlock
