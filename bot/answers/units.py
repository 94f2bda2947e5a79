"""A field value as small units of dossier text: sentences, bullet lines, table rows.

Shortening an answer for a phone picks whole units, so what a student reads is always the
dossier's own sentences: nothing is paraphrased or cut mid-sentence. Each unit knows how it
joins the one before it (same paragraph, next line, new block) and which heading it sits
under (a field label, a vakkennis category, a table header), so a line is never shown
without its heading.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.model import Competency, CompetencyRow, FieldValue, Group, Table
from bot.knowledge.texts import sentences
from bot.reply.html import bold, esc, italic
from bot.reply.messages import t

SAME_PARAGRAPH, NEXT_LINE, NEW_BLOCK = " ", "\n", "\n\n"


@dataclass(frozen=True)
class Unit:
    html: str
    text: str  # plain text: for its size and its relevance to a question
    join: str  # how it follows the unit before it
    heading: int | None = None  # the index of the heading it sits under
    is_heading: bool = False
    is_line: bool = False  # a list line or table row: one of several parts of one answer

    @property
    def size(self) -> int:
        return len(self.join) + len(self.text)


class UnitList:
    """Builds the units of one or more field values, in document order."""

    def __init__(self) -> None:
        self.units: list[Unit] = []
        self._open: list[int] = []  # headings whose lines are being added

    def _add(
        self, html: str, text: str, join: str, is_heading: bool = False, is_line: bool = False
    ) -> None:
        under = self._open[-1] if self._open else None
        if self.units and under == len(self.units) - 1:
            join = NEXT_LINE  # the first line under a heading
        elif not self.units:
            join = ""
        self.units.append(Unit(html, text, join, under, is_heading, is_line))

    def open(self, html: str, text: str) -> None:
        """A heading; what follows sits under it until close()."""
        self._add(html, text, NEW_BLOCK, is_heading=True)
        self._open.append(len(self.units) - 1)

    def close(self) -> None:
        self._open.pop()

    def text(self, value: str) -> None:
        for paragraph in value.split("\n\n"):
            for n, sentence in enumerate(sentences(paragraph)):
                self._add(esc(sentence), sentence, NEW_BLOCK if n == 0 else SAME_PARAGRAPH)

    def line(self, html: str, text: str, first: bool) -> None:
        self._add(html, text, NEW_BLOCK if first else NEXT_LINE, is_line=True)

    def value(self, value: FieldValue, lang: str, mark: str = "•") -> None:
        """Any field value, in document order."""
        if isinstance(value, str):
            self.text(value)
        elif isinstance(value, Table):
            self.open(bold(" | ".join(value.columns)), " | ".join(value.columns))
            for row in value.rows:
                self.line(esc(" | ".join(row)), " | ".join(row), False)
            self.close()
        else:
            for n, part in enumerate(value):
                self._part(part, lang, mark, n == 0)

    def _part(self, part: object, lang: str, mark: str, first: bool) -> None:
        if isinstance(part, str):
            self.line(f"{mark} {esc(part)}", f"{mark} {part}", first)
        elif isinstance(part, Group):
            if part.title:
                self.open(bold(part.title), part.title)
            for n, line in enumerate(part.items):
                self.line(f"{mark} {esc(line)}", f"{mark} {line}", n == 0)
            if part.title:
                self.close()
        elif isinstance(part, Competency):
            html, text = competency(part, lang)
            self.line(f"{mark} {html}", f"{mark} {text}", first)
        elif isinstance(part, CompetencyRow):
            html, text = competency_row(part, lang)
            self._add(html, text, NEW_BLOCK)


def competency(entry: Competency, lang: str) -> tuple[str, str]:
    """A competency name, with the source's own spelling where it differs."""
    if not entry.source_spelling:
        return esc(entry.name), entry.name
    note = t("source_spelling", lang, spelling=entry.source_spelling)
    return f"{esc(entry.name)} ({italic(note)})", f"{entry.name} ({note})"


def competency_row(row: CompetencyRow, lang: str) -> tuple[str, str]:
    """A CGO competency row: the competency, its components and its indicator."""
    lines = [(bold(row.competency.name), row.competency.name)]
    if row.components:
        label = t("competency_components", lang)
        joined = "; ".join(row.components)
        lines.append((f"{esc(label)}: {esc(joined)}", f"{label}: {joined}"))
    label = t("competency_indicator", lang)
    lines.append((f"{esc(label)}: {esc(row.indicator)}", f"{label}: {row.indicator}"))
    return "\n".join(h for h, _ in lines), "\n".join(p for _, p in lines)
