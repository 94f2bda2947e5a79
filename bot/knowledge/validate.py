"""Turn raw YAML data into model objects, collecting every problem with its path.

A problem names the place inside the file (``items[12].fields.gedrag[3]``) so a teacher who
edits or imports a dossier can find it; the loader adds the file name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.knowledge.competencies import STANDARD_COMPETENCIES
from bot.knowledge.fields import FIELDS, ITEM_TYPES
from bot.knowledge.model import (
    Competency,
    CompetencyRow,
    FieldValue,
    Group,
    Item,
    Source,
    Table,
)

SOURCE_KEYS = {"id": True, "title": True, "format": True, "text": True}
ITEM_KEYS = {
    "id": True,
    "type": True,
    "code": True,
    "title": True,
    "parent": False,
    "fields": False,
    "source_title": False,
    "line": False,
    "not_applicable": False,
}
_KNOWN_COMPETENCIES = set(STANDARD_COMPETENCIES)


@dataclass
class Problems:
    """Problems found so far, each as 'path: message'."""

    messages: list[str] = field(default_factory=list)

    def add(self, path: str, message: str) -> None:
        self.messages.append(f"{path}: {message}" if path else message)


def _text(value: Any, path: str, problems: Problems) -> str:
    if not isinstance(value, str):
        problems.add(path, f"expected text, got {type(value).__name__}")
        return ""
    if not value.strip():
        problems.add(path, "empty text")
    return value


def _texts(value: Any, path: str, problems: Problems) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        problems.add(path, "expected a non-empty list of texts")
        return ()
    return tuple(_text(v, f"{path}[{i}]", problems) for i, v in enumerate(value))


def _keys(data: Any, spec: dict[str, bool], path: str, problems: Problems) -> bool:
    if not isinstance(data, dict):
        problems.add(path, f"expected a mapping, got {type(data).__name__}")
        return False
    for key in data:
        if key not in spec:
            problems.add(path, f"unknown field {key!r}")
    for key, required in spec.items():
        if required and key not in data:
            problems.add(path, f"missing field {key!r}")
    return True


def _competency(value: Any, path: str, problems: Problems) -> Competency:
    if not _keys(value, {"naam": True, "bron": False}, path, problems):
        return Competency("")
    name = _text(value.get("naam", ""), f"{path}.naam", problems)
    if name and name not in _KNOWN_COMPETENCIES:
        problems.add(f"{path}.naam", f"unknown competency {name!r}")
    spelling = value.get("bron")
    if spelling is not None:
        _text(spelling, f"{path}.bron", problems)
    return Competency(name, spelling)


def _group(value: Any, path: str, problems: Problems) -> Group:
    if not _keys(value, {"titel": False, "items": True}, path, problems):
        return Group(None, ())
    title = value.get("titel")
    if title is not None:
        _text(title, f"{path}.titel", problems)
    return Group(title, _texts(value.get("items"), f"{path}.items", problems))


def _row(value: Any, path: str, problems: Problems) -> CompetencyRow:
    spec = {"competentie": True, "componenten": True, "prestatie_indicator": True}
    if not _keys(value, spec, path, problems):
        return CompetencyRow(Competency(""), (), "")
    return CompetencyRow(
        _competency(value.get("competentie"), f"{path}.competentie", problems),
        _texts(value.get("componenten"), f"{path}.componenten", problems),
        _text(value.get("prestatie_indicator", ""), f"{path}.prestatie_indicator", problems),
    )


def _table(value: Any, path: str, problems: Problems) -> Table:
    if not _keys(value, {"kolommen": True, "rijen": True}, path, problems):
        return Table((), ())
    columns = _texts(value.get("kolommen"), f"{path}.kolommen", problems)
    rows = []
    for i, row in enumerate(value.get("rijen") or []):
        if not isinstance(row, list) or len(row) != len(columns):
            problems.add(f"{path}.rijen[{i}]", f"expected a row of {len(columns)} cells")
            continue
        rows.append(tuple(str(cell) for cell in row))
    return Table(columns, tuple(rows))


def _each(value: Any, path: str, problems: Problems, convert) -> tuple:
    if not isinstance(value, list) or not value:
        problems.add(path, "expected a non-empty list")
        return ()
    return tuple(convert(v, f"{path}[{i}]", problems) for i, v in enumerate(value))


def _field_value(name: str, value: Any, path: str, problems: Problems) -> FieldValue:
    shape = FIELDS[name].shape
    if shape == "text":
        return _text(value, path, problems)
    if shape == "list":
        return _texts(value, path, problems)
    if shape == "groups":
        return _each(value, path, problems, _group)
    if shape == "competencies":
        return _each(value, path, problems, _competency)
    if shape == "rows":
        return _each(value, path, problems, _row)
    return _table(value, path, problems)


def _fields(data: Any, path: str, problems: Problems) -> tuple[tuple[str, FieldValue], ...]:
    if data is None:
        return ()
    if not isinstance(data, dict):
        problems.add(path, "expected a mapping of fields")
        return ()
    out = []
    for name, value in data.items():
        if name not in FIELDS:
            problems.add(path, f"unknown field {name!r}")
            continue
        out.append((name, _field_value(name, value, f"{path}.{name}", problems)))
    return tuple(out)


def item_from_data(data: Any, source_id: str, path: str, problems: Problems) -> Item | None:
    """One item, or None when it is too broken to use (problems recorded)."""
    if not _keys(data, ITEM_KEYS, path, problems):
        return None
    item_id = _text(data.get("id", ""), f"{path}.id", problems)
    if item_id and not item_id.startswith(f"{source_id}:"):
        problems.add(f"{path}.id", f"id {item_id!r} does not start with '{source_id}:'")
    if data.get("type") not in ITEM_TYPES:
        problems.add(f"{path}.type", f"unknown type {data.get('type')!r}")
    line = data.get("line")
    if line is not None and (not isinstance(line, int) or line < 1):
        problems.add(f"{path}.line", "expected a positive line number")
    return Item(
        id=item_id,
        source=source_id,
        type=str(data.get("type")),
        code=_text(str(data.get("code", "")), f"{path}.code", problems),
        title=_text(data.get("title", ""), f"{path}.title", problems),
        parent=data.get("parent"),
        fields=_fields(data.get("fields"), f"{path}.fields", problems),
        source_title=data.get("source_title"),
        line=line,
        not_applicable=bool(data.get("not_applicable", False)),
    )


def source_from_data(data: Any, problems: Problems) -> Source | None:
    """One source document with its items; None when the top level is unusable."""
    if not _keys(data, {"source": True, "items": True}, "", problems):
        return None
    head = data.get("source")
    if not _keys(head, SOURCE_KEYS, "source", problems):
        return None
    source_id = _text(head.get("id", ""), "source.id", problems)
    raw_items = data.get("items")
    if not isinstance(raw_items, list):
        problems.add("items", "expected a list of items")
        raw_items = []
    items = [
        item_from_data(raw, source_id, f"items[{i}]", problems) for i, raw in enumerate(raw_items)
    ]
    return Source(
        id=source_id,
        title=_text(head.get("title", ""), "source.title", problems),
        format=_text(head.get("format", ""), "source.format", problems),
        text=_text(head.get("text", ""), "source.text", problems),
        items=tuple(item for item in items if item is not None),
    )
