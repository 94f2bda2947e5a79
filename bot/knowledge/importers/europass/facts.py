"""Facts: the content under a section heading, with its text, list and table fields."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.knowledge.importers.item_data import item, join_paragraphs

_QUALIFICATION = re.compile(r"^Kwalificatie:\s*(.+)$", re.MULTILINE)
_CREBO = re.compile(r"\(crebo\):?\s*(\d+)")
_YEAR = re.compile(r"vanaf \d{1,2} \w+ (\d{4})")


@dataclass
class Fact:
    """A fact being filled: its key, its titles (clean and as printed) and its content."""

    key: str
    title: str
    printed: str
    line: int
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    order: list[str] = field(default_factory=list)  # field names in document order

    def add(self, name: str) -> None:
        """Record that the fact has this field (first appearance fixes the order)."""
        if name not in self.order:
            self.order.append(name)

    def add_paragraph(self, text: str) -> None:
        """A paragraph of the 'tekst' field."""
        self.paragraphs.append(text)
        self.add("tekst")

    def add_bullet(self, text: str) -> None:
        """An entry of the 'lijst' field."""
        self.bullets.append(text)
        self.add("lijst")

    def add_row(self, cells: list[str]) -> None:
        """A row of the 'tabel' field."""
        self.rows.append(cells)
        self.add("tabel")


def _table(rows: list[list[str]]) -> dict[str, Any] | None:
    """Tab-separated rows as printed, short rows padded to the widest. The first row heads
    the table: a table needs a column row, and one without a header (the grading scale,
    "10 uitmuntend" …) then reads exactly as printed instead of under invented names."""
    width = max((len(row) for row in rows), default=0)
    padded = [row + [""] * (width - len(row)) for row in rows]
    return {"kolommen": padded[0], "rijen": padded[1:]} if padded else None


def _fields(fact: Fact) -> dict[str, Any]:
    """The fact's fields in the order they first appear in the document."""
    values: dict[str, Any] = {
        "tekst": join_paragraphs(fact.paragraphs),
        "lijst": fact.bullets,
        "tabel": _table(fact.rows),
    }
    return {name: values[name] for name in fact.order}


def fact_item(fact: Fact, source_id: str) -> dict[str, Any]:
    """The fact as an item; the printed heading is kept when it differs from the title."""
    return item(
        source_id,
        "fact",
        fact.key,
        fact.title,
        fact.line,
        source_title=fact.printed if fact.printed != fact.title else None,
        fields=_fields(fact),
    )


def source_title(facts: list[Fact]) -> str:
    """'Europass diplomasupplement <kwalificatie> (crebo N, year)' from the document itself."""
    text = join_paragraphs(join_paragraphs(fact.paragraphs) for fact in facts)
    title = "Europass diplomasupplement"
    qualification = _QUALIFICATION.search(text)
    if qualification:
        title += f" {qualification.group(1)}"
    details = []
    crebo = _CREBO.search(text)
    if crebo:
        details.append(f"crebo {crebo.group(1)}")
    year = _YEAR.search(text)
    if year:
        details.append(year.group(1))
    return f"{title} ({', '.join(details)})" if details else title
