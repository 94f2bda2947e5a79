"""Helpers the bcp and beroepenonderzoek importers share: line cleaning, wrapped lines, tables.

Items themselves are built with ``item_data``, as in the other importers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from bot.knowledge.importers.hyphens import join_broken_line


class SourceLine(Protocol):
    """A line of a source text, with its spaces cleaned (``text``)."""

    @property
    def text(self) -> str: ...


def clean(text: str) -> str:
    """One line of text: NBSP as space, runs of spaces collapsed, ends stripped."""
    return " ".join(text.replace("\u00a0", " ").split())


def join_lines(lines: Iterable[SourceLine]) -> str:
    """The non-blank lines as one line of text (a line-end hyphen judged by ``hyphens``)."""
    out = ""
    for line in lines:
        if line.text:
            out = join_broken_line(out, line.text) if out else line.text
    return out


def table(columns: Iterable[str], rows: Iterable[Iterable[str]]) -> dict[str, Any]:
    """The ``tabel`` field: column names and rows of cells."""
    return {"kolommen": list(columns), "rijen": [list(row) for row in rows]}
