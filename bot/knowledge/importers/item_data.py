"""The item dicts the importers emit (built here so every format agrees on their shape).

Keys come in one fixed order (id, type, code, parent, title, source_title, line,
not_applicable, fields), so the generated YAML reads the same for every format.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# Paragraphs of a text field are separated by one blank line.
_PARAGRAPH_BREAK = "\n\n"


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """Paragraphs as the text of one field."""
    return _PARAGRAPH_BREAK.join(paragraphs)


def non_empty(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields that hold something (an empty text, list or table is left out)."""
    return {name: value for name, value in fields.items() if value}


def item(
    source_id: str,
    kind: str,
    code: str,
    title: str,
    line: int,
    *,
    parent: str | None = None,
    source_title: str | None = None,
    not_applicable: bool = False,
    fields: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One item; `parent` is the parent's code, optional keys are left out when unset."""
    data: dict[str, Any] = {"id": f"{source_id}:{code}", "type": kind, "code": code}
    if parent:
        data["parent"] = f"{source_id}:{parent}"
    data["title"] = title
    if source_title is not None:
        data["source_title"] = source_title
    data["line"] = line
    if not_applicable:
        data["not_applicable"] = True
    if fields:
        data["fields"] = fields
    return data
