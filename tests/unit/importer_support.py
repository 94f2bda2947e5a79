"""Helpers shared by the importer tests (test_import_*.py): paths, items.tsv rows, field text."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from bot.knowledge.build import render_source

REPO = Path(__file__).resolve().parents[2]
KNOWLEDGE = REPO / "knowledge"
ITEMS_TSV = REPO / "tests" / "fixtures" / "spec" / "items.tsv"


@pytest.fixture(scope="module", name="items")
def items_fixture(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The `items` fixture: the test module's `data` items by id (import it to use it)."""
    return {item["id"]: item for item in data["items"]}


def items_tsv_rows(source_id: str, *, skip_if_missing: bool = True) -> list[dict[str, str]]:
    """The items.tsv rows (id, type, parent, title) of one source; skips if absent when asked."""
    if skip_if_missing and not ITEMS_TSV.is_file():
        pytest.skip("shared items.tsv not available")
    with ITEMS_TSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [row for row in rows if row["id"].startswith(f"{source_id}:")]


def strings(value: Any) -> list[str]:
    """Every string inside a nested value (text, list, groups, table, competency entries)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def field_strings(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(item id, string) for every string inside every item's fields."""
    return [(item["id"], s) for item in data["items"] for s in strings(item.get("fields", {}))]


def all_text(data: dict[str, Any]) -> list[str]:
    """The source title, every item title and every string inside the items' fields."""
    out = [data["source"]["title"]]
    for item in data["items"]:
        out.append(item["title"])
        out.extend(strings(item.get("fields", {})))
    return out


def committed_and_rendered(source: Path, format_name: str, source_id: str) -> tuple[str, str]:
    """The committed knowledge/<source_id>.yaml text and what render_source makes of source now."""
    committed = (KNOWLEDGE / f"{source_id}.yaml").read_text(encoding="utf-8")
    return committed, render_source(source, format_name, source_id, KNOWLEDGE)


def table_words(table: dict[str, Any]) -> list[str]:
    """The words of a table field in reading order: column names, then row by row."""
    cells = [*table["kolommen"], *(cell for row in table["rijen"] for cell in row)]
    return " ".join(cells).split()


def source_words(source: Path, first: int, last: int) -> list[str]:
    """The words of a source text's lines first..last (1-based, inclusive), as printed."""
    lines = source.read_text(encoding="utf-8").split("\n")[first - 1 : last]
    return " ".join(lines).split()
