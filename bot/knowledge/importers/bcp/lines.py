"""Source lines of a BCP text, with the page furniture blanked and the spaces cleaned."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bot.knowledge.importers.common import clean

_PAGE_NUMBER = re.compile(r"^\d{1,3}$")  # page numbers and the footnote marker line
_URL = re.compile(r"^https?://\S+$")  # hyperlink targets the PDF extraction appends


@dataclass(frozen=True)
class Line:
    """One source line: its 1-based number, raw text (furniture blanked) and clean text."""

    no: int
    raw: str
    text: str

    @property
    def is_break(self) -> bool:
        """An empty paragraph of the original: a real paragraph break."""
        return self.raw != "" and not self.text


def with_text(line: Line, text: str) -> Line:
    """The line with its text replaced by a remainder, keeping how the raw line ends."""
    tail = line.raw[len(line.raw.rstrip()) :] if text else ""
    return Line(line.no, text + tail, clean(text))


def footers(text: str) -> list[str]:
    """The running page footers ('BCP Junior accountmanager'): repeated lines starting 'BCP'."""
    counts = Counter(clean(raw) for raw in text.split("\n"))
    return [line for line, n in counts.items() if line.startswith("BCP ") and n > 1]


def read_lines(text: str) -> list[Line]:
    """The source lines, with page furniture (footers, page numbers, link targets) blanked."""
    furniture = footers(text)
    lines = []
    for no, raw in enumerate(text.split("\n"), start=1):
        raw = raw.rstrip("\r").replace("\u00a0", " ")
        cleaned = clean(raw)
        if cleaned in furniture or _PAGE_NUMBER.match(cleaned) or _URL.match(cleaned):
            raw = ""
        lines.append(Line(no, raw, clean(raw)))
    return lines
