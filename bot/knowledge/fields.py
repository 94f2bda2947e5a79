"""The named fields an item may carry, with their shape and their labels.

One registry serves the loader (validation), the answer composer (labels, order) and the
search (which fields are indexed), so adding a field is a one-line change here.

Shapes, as they appear in YAML:
- ``text``: one string; paragraphs separated by a blank line.
- ``list``: a list of strings (bullets, one clean sentence each).
- ``groups``: a list of ``{titel: str | null, items: [str, ...]}`` (vakkennis by category).
- ``competencies``: a list of ``{naam: str, bron: str}``; ``naam`` is the canonical SBB name,
  ``bron`` (optional) the source's own spelling where it differs.
- ``rows``: a list of ``{competentie: {naam, bron}, componenten: [str], prestatie_indicator: str}``
  (the CGO competency rows).
- ``table``: ``{kolommen: [str], rijen: [[str, ...], ...]}`` (small level tables).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Shape = Literal["text", "list", "groups", "competencies", "rows", "table"]


@dataclass(frozen=True)
class FieldSpec:
    name: str
    shape: Shape
    label_nl: str
    label_en: str


_SPECS = (
    FieldSpec("omschrijving", "text", "Omschrijving", "Description"),
    FieldSpec("resultaat", "text", "Resultaat", "Result"),
    FieldSpec("gedrag", "list", "Gedrag", "Behaviour"),
    FieldSpec("competenties", "competencies", "Competenties", "Competencies"),
    FieldSpec(
        "competentierijen",
        "rows",
        "Competenties en prestatie-indicatoren",
        "Competencies and performance indicators",
    ),
    FieldSpec("vakkennis", "groups", "Vakkennis en vaardigheden", "Knowledge and skills"),
    FieldSpec("kennis", "list", "Kennis van", "Knowledge of"),
    FieldSpec("vaardigheden", "list", "Vaardigheden", "Skills"),
    FieldSpec("complexiteit", "text", "Complexiteit", "Complexity"),
    FieldSpec(
        "verantwoordelijkheid",
        "text",
        "Verantwoordelijkheid en zelfstandigheid",
        "Responsibility and autonomy",
    ),
    FieldSpec("toelichting", "text", "Toelichting", "Explanation"),
    FieldSpec("niveau", "text", "Niveau", "Level"),
    FieldSpec("typering", "text", "Typering", "Profile"),
    FieldSpec("context", "text", "Context", "Context"),
    FieldSpec("beroepshouding", "text", "Typerende beroepshouding", "Professional attitude"),
    FieldSpec("beroepsvereisten", "text", "Beroepsvereisten", "Professional requirements"),
    FieldSpec("tekst", "text", "Tekst", "Text"),
    FieldSpec("lijst", "list", "Opsomming", "List"),
    FieldSpec("tabel", "table", "Tabel", "Table"),
)

FIELDS: dict[str, FieldSpec] = {spec.name: spec for spec in _SPECS}

ITEM_TYPES = ("basisdeel", "profiel", "kerntaak", "werkproces", "fact", "sectie", "vakkennis")
