"""Source lines of the report, and the patterns that tell what kind of line one is."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge.importers.common import clean

SHORT_LINE = 80  # a prose line shorter than this ends its paragraph
BULLET_GLYPHS = "•§▪●◦\uf0b7"

HEADING = re.compile(r"^\s*(\d+(?:\.\d+){0,2})\s+(\S.*?)\s*$")
CAPTION = re.compile(r"^Tabel\s+(\d+|[a-z])\s+(\S.*)$")
NOTES_LABEL = re.compile(r"^Toelichting\b")
_NUMBERED = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
_COLUMN_GAP = re.compile(r"\s{2,}")


@dataclass
class Line:
    """One source line: its 1-based number and raw text (NBSP normalised)."""

    no: int
    raw: str

    @property
    def text(self) -> str:
        """The text with its spaces cleaned."""
        return clean(self.raw)

    @property
    def blank(self) -> bool:
        """An empty line: an extraction artefact between wrapped lines or cells."""
        return self.raw == ""

    @property
    def gap(self) -> bool:
        """A whitespace-only line: the extraction's paragraph break."""
        return self.raw != "" and not self.raw.strip()

    @property
    def ends_block(self) -> bool:
        """The line ends its paragraph or list entry (two trailing spaces, or short)."""
        return self.raw.endswith("  ") or len(self.text) < SHORT_LINE


def read_lines(text: str) -> list[Line]:
    """The source text as numbered lines."""
    raw_lines = text.replace("\u00a0", " ").replace("\r\n", "\n").split("\n")
    return [Line(no, raw) for no, raw in enumerate(raw_lines, start=1)]


def columns(line: Line) -> list[str]:
    """The cells of a line whose columns are two or more spaces apart."""
    return _COLUMN_GAP.split(line.raw.strip())


def squeezed(line: Line) -> str:
    """The line with its column gaps as single spaces, to compare table headers."""
    return _COLUMN_GAP.sub(" ", line.raw.strip())


def strip_marker(text: str) -> str:
    """Text without a leading bullet glyph or list number."""
    text = text.lstrip(BULLET_GLYPHS).strip()
    match = _NUMBERED.match(text)
    return match.group(2) if match else text


def is_bullet(text: str) -> bool:
    """Does the text start with a bullet glyph?"""
    return bool(text) and text[0] in BULLET_GLYPHS


def number(text: str) -> int | None:
    """The number of a numbered list entry ('3. …'), else None."""
    match = _NUMBERED.match(text)
    return int(match.group(1)) if match else None
