"""Load the machine-readable Bot API spec and index it for request validation."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

SPEC_ENV = "BOT_API_SPEC"
# The repository ships its own copy (MIT, licence beside it), so a fresh clone tests alone;
# tests/unit/test_fixtures.py checks it equals ../shared's copy where that exists.
DEFAULT_SPEC = Path(__file__).resolve().parents[1] / "fixtures" / "telegram" / "bot-api.json"
PRIMITIVES = frozenset({"Integer", "Float", "Boolean", "String", "InputFile"})

# Limits are read from the prose so that a newer spec brings newer limits with it.
_TEXT_RANGE = re.compile(r"\b(\d+)-(\d+) (characters|bytes)\b", re.I)
_TEXT_MAX = re.compile(r"(?:can't exceed|up to) (\d+) (characters|bytes)\b", re.I)
_ITEMS_RANGE = re.compile(r"\b(\d+)-(\d+) (?!characters|bytes)[a-z]", re.I)
_ITEMS_MAX = re.compile(r"\b(?:up to|at most) (\d+) (?!characters|bytes|line)[a-z]", re.I)
_VALUE_RANGE = re.compile(r"(?:between |; |, )(\d+)-(\d+)\b(?! for)")
_VALUE_BETWEEN = re.compile(r"Must be between (\d+) and (\d+)")
_LINE_FEEDS = re.compile(r"at most (\d+) line feeds", re.I)
_AFTER_ENTITIES = re.compile(r"after entit(?:y|ies) parsing", re.I)
# Discriminators of union members: 'Type of the result, must be article', 'always "emoji"'.
_CONST = re.compile(r"(?:must be|always) [\"“]?([a-z0-9_]+)[\"”]?\.?$")
_ENUM_SENTENCE = re.compile(r"must be one of (.*?)(?:\.(?:\s|$)|$)", re.I)
_QUOTED = re.compile(r"\"([^\"]+)\"")
_CHARSET = re.compile(r"Only characters (.+?) are allowed")
_TEXT_FIELDS = ("text", "message_text", "caption")


@dataclass(frozen=True)
class Limit:
    """An inclusive bound on a value's size: characters, bytes, items or numeric value."""

    kind: str
    low: int
    high: int
    after_entities: bool = False

    def describe(self) -> str:
        """Render the limit the way the spec words it."""
        if self.kind == "value":
            return f"between {self.low} and {self.high}"
        suffix = " after entities parsing" if self.after_entities else ""
        return f"{self.low}-{self.high} {self.kind}{suffix}"


@dataclass(frozen=True)
class Field:
    """One parameter of a method or one field of a type."""

    name: str
    types: tuple[str, ...]
    required: bool
    description: str
    limit: Limit | None = None
    max_line_feeds: int | None = None
    enum: tuple[str, ...] = ()
    const: str | None = None
    charset: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Shape:
    """A method or a type: named fields plus union members and return types."""

    name: str
    fields: dict[str, Field]
    subtypes: tuple[str, ...] = ()
    returns: tuple[str, ...] = ()
    parse_targets: dict[str, str] = field(default_factory=dict)

    @property
    def consts(self) -> dict[str, str]:
        """Discriminator values that select this type inside a union."""
        return {f.name: f.const for f in self.fields.values() if f.const}


@dataclass(frozen=True)
class Spec:
    """The indexed spec; method lookup is case-insensitive as in Telegram."""

    version: str
    methods: dict[str, Shape]
    types: dict[str, Shape]

    def method(self, name: str) -> Shape | None:
        """Find a method by name, ignoring case."""
        return self.methods.get(name.lower())


def parse_limit(description: str, types: tuple[str, ...]) -> Limit | None:
    """Read the size limit stated in a field description, if any."""
    after = bool(_AFTER_ENTITIES.search(description))
    if any(t.startswith("Array of") for t in types):
        if m := _ITEMS_RANGE.search(description):
            return Limit("items", int(m[1]), int(m[2]))
        if m := _ITEMS_MAX.search(description):
            return Limit("items", 0, int(m[1]))
        return None
    if "String" in types:
        if m := _TEXT_RANGE.search(description):
            return Limit(m[3].lower(), int(m[1]), int(m[2]), after)
        if m := _TEXT_MAX.search(description):
            return Limit(m[2].lower(), 0, int(m[1]), after)
    numeric = bool(types) and set(types) <= {"Integer", "Float"}
    if numeric and (m := _VALUE_RANGE.search(description) or _VALUE_BETWEEN.search(description)):
        return Limit("value", int(m[1]), int(m[2]))
    return None


def parse_enum(description: str, types: tuple[str, ...]) -> tuple[str, ...]:
    """Read 'must be one of "a", "b" or "c"' into the allowed strings."""
    if types != ("String",) or not (m := _ENUM_SENTENCE.search(description)):
        return ()
    return tuple(_QUOTED.findall(m[1]))


def parse_charset(description: str) -> re.Pattern[str] | None:
    """Read 'Only characters A-Z, a-z, 0-9, _ and - are allowed' into a full-match pattern."""
    if not (m := _CHARSET.search(description)):
        return None
    items = re.split(r", and |, | and ", m[1])
    parts = [i if re.fullmatch(r"\w-\w", i) else re.escape(i) for i in items]
    return re.compile(f"[{''.join(parts)}]*")


def parse_targets(fields: dict[str, Field]) -> dict[str, str]:
    """Map each formatted text field to the parse_mode field that governs it."""
    targets: dict[str, str] = {}
    for name in fields:
        if not name.endswith("parse_mode"):
            continue
        if name != "parse_mode":
            targets[name.removesuffix("_parse_mode")] = name
            continue
        entities = [n for n in fields if n.endswith("entities")]
        base = entities[0].removesuffix("entities").rstrip("_") if entities else ""
        target = base if base in fields else next((n for n in _TEXT_FIELDS if n in fields), "")
        if target:
            targets[target] = name
    return targets


def _field(raw: dict, in_union: bool) -> Field:
    types = tuple(raw["types"])
    desc = raw.get("description", "")
    const = _CONST.search(desc) if in_union and types == ("String",) else None
    feeds = _LINE_FEEDS.search(desc)
    return Field(
        name=raw["name"],
        types=types,
        required=bool(raw.get("required")),
        description=desc,
        limit=parse_limit(desc, types),
        max_line_feeds=int(feeds[1]) if feeds else None,
        enum=parse_enum(desc, types),
        const=const[1] if const else None,
        charset=parse_charset(desc),
    )


def _shape(raw: dict) -> Shape:
    in_union = bool(raw.get("subtype_of"))
    fields = {f["name"]: _field(f, in_union) for f in raw.get("fields", [])}
    return Shape(
        name=raw["name"],
        fields=fields,
        subtypes=tuple(raw.get("subtypes", ())),
        returns=tuple(raw.get("returns", ())),
        parse_targets=parse_targets(fields),
    )


def spec_path() -> Path:
    """The spec file: $BOT_API_SPEC or the copy in tests/fixtures/telegram/."""
    return Path(os.environ.get(SPEC_ENV) or DEFAULT_SPEC)


@lru_cache(maxsize=4)
def _load(path: Path) -> Spec:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return Spec(
        version=raw.get("version", "?"),
        methods={name.lower(): _shape(m) for name, m in raw["methods"].items()},
        types={name: _shape(t) for name, t in raw["types"].items()},
    )


def load_spec(path: Path | str | None = None) -> Spec:
    """Load (once per path) and index the spec."""
    resolved = Path(path or spec_path()).resolve()
    if not resolved.is_file():
        raise FileNotFoundError(f"Bot API spec not found at {resolved}; set ${SPEC_ENV}")
    return _load(resolved)
