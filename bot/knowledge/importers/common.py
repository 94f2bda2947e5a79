"""Helpers the bcp and beroepenonderzoek importers share: line cleaning, wrapped lines, tables.

Items themselves are built with ``item_data``, as in the other importers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol


class SourceLine(Protocol):
    """A line of a source text: as extracted (``raw``) and with its spaces cleaned (``text``)."""

    @property
    def raw(self) -> str: ...

    @property
    def text(self) -> str: ...


def clean(text: str) -> str:
    """One line of text: NBSP as space, runs of spaces collapsed, ends stripped."""
    return " ".join(text.replace("\u00a0", " ").split())


def join_wrapped(text: str, prev: SourceLine, nxt: str) -> str:
    """Join a wrapped line: a hyphen right at the line end is kept and glued ('mbo-beroepen')."""
    return text + nxt if prev.raw.endswith("-") else f"{text} {nxt}"


def join_lines(lines: Iterable[SourceLine]) -> str:
    """The non-blank lines as one line of text."""
    out, prev = "", None
    for line in lines:
        if line.text:
            out = join_wrapped(out, prev, line.text) if prev else line.text
            prev = line
    return out


def table(columns: Iterable[str], rows: Iterable[Iterable[str]]) -> dict[str, Any]:
    """The ``tabel`` field: column names and rows of cells."""
    return {"kolommen": list(columns), "rijen": [list(row) for row in rows]}
