"""The dossier text as numbered, cleaned lines, and the chapter names the parts look for."""

from __future__ import annotations

import re
from dataclasses import dataclass

OVERVIEW_TITLE = "Overzicht van het kwalificatiedossier"
BASISDEEL = "Basisdeel"
PROFIELDEEL = "Profieldeel"

_NUMBERING = re.compile(r"^\d+\.\s+")


@dataclass(frozen=True)
class Line:
    """One source line: its 1-based number, the raw text and the cleaned text."""

    no: int
    raw: str
    text: str


def clean(raw: str) -> str:
    """NBSP to space, runs of spaces collapsed, page-start indent removed."""
    return " ".join(raw.replace("\u00a0", " ").split())


def read_lines(text: str) -> list[Line]:
    """The source as numbered lines."""
    return [Line(no, raw, clean(raw)) for no, raw in enumerate(text.split("\n"), start=1)]


def label(text: str) -> str:
    """A line as a label: without a chapter number ('2. Generieke onderdelen')."""
    return _NUMBERING.sub("", text)
