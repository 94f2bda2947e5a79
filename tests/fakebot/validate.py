"""Validate Bot API requests (and the fake's own results) against the indexed spec."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tests.fakebot.html import HtmlError, parse_html
from tests.fakebot.spec import PRIMITIVES, Field, Shape, Spec

INT_RE = re.compile(r"[+-]?\d+")
BOOLS = {"true": True, "false": False, "1": True, "0": False}
PARSE_MODES = {"html": "HTML", "markdown": "Markdown", "markdownv2": "MarkdownV2"}
ATTACH = "attach://"


def _kind_matches(value: Any, type_name: str) -> bool:
    """Whether the JSON kind of a value fits a type expression, before looking inside."""
    if isinstance(value, bool):
        return type_name == "Boolean"
    match type_name:
        case "Integer":
            return isinstance(value, int)
        case "Float":
            return isinstance(value, int | float)
        case "Boolean":
            return False
        case "String" | "InputFile":
            return isinstance(value, str)
    if type_name.startswith("Array of "):
        return isinstance(value, list)
    return isinstance(value, dict)


def _describe(value: Any) -> str:
    return f"{type(value).__name__} {json.dumps(value, ensure_ascii=False)[:40]}"


def decode_form(raw: str, types: tuple[str, ...]) -> Any:
    """Turn one form value into JSON data: PTB sends strings raw and everything else JSON-dumped.

    A value that fits no type stays a string, so the type check reports it.
    """
    for t in types:
        if t == "Integer" and INT_RE.fullmatch(raw):
            return int(raw)
        if t == "Float":
            try:
                return float(raw)
            except ValueError:
                continue
        if t == "Boolean" and raw.lower() in BOOLS:
            return BOOLS[raw.lower()]
        if t not in PRIMITIVES:
            try:
                decoded = json.loads(raw)
            except ValueError:
                continue
            if isinstance(decoded, list | dict):
                return decoded
    return raw


@dataclass
class Checker:
    """Walks a value against type expressions and collects readable error strings."""

    spec: Spec
    files: Mapping[str, object] = field(default_factory=dict)
    request: bool = True
    attached: set[str] = field(default_factory=set)

    def check(self, value: Any, types: tuple[str, ...], path: str) -> list[str]:
        """Errors of the best-fitting type of a union (none if any type fits)."""
        arrays = [t.removeprefix("Array of ") for t in types if t.startswith("Array of ")]
        if len(arrays) > 1 and isinstance(value, list):
            # 'Array of A' or 'Array of B' is checked item by item, so photo+video albums pass.
            return self._items(value, tuple(arrays), path)
        attempts = []
        for t in types:
            if _kind_matches(value, t):
                if not (errors := self._typed(value, t, path)):
                    return []
                attempts.append(errors)
        if attempts:
            return min(attempts, key=len)
        return [f"{path}: expected {' or '.join(types)}, got {_describe(value)}"]

    def _typed(self, value: Any, type_name: str, path: str) -> list[str]:
        if type_name.startswith("Array of "):
            return self._items(value, (type_name.removeprefix("Array of "),), path)
        if type_name in PRIMITIVES:
            return self._attach(value, path) if isinstance(value, str) else []
        shape = self.spec.types.get(type_name)
        if shape is None:
            return [f"{path}: the spec has no type {type_name}"]
        if shape.subtypes:
            return self._union(value, shape, path)
        return self.fields(value, shape, path)

    def _items(self, items: list[Any], types: tuple[str, ...], path: str) -> list[str]:
        return [e for i, item in enumerate(items) for e in self.check(item, types, f"{path}[{i}]")]

    def _attach(self, value: str, path: str) -> list[str]:
        """attach://<name> must point at a multipart part sent with the request."""
        if not (self.request and value.startswith(ATTACH)):
            return []
        name = value.removeprefix(ATTACH)
        self.attached.add(name)
        return [] if name in self.files else [f"{path}: no file part named {name!r} to attach"]

    def _union(self, value: dict, shape: Shape, path: str) -> list[str]:
        members = [self.spec.types[s] for s in shape.subtypes if s in self.spec.types]
        fits = [m.name for m in members if all(value.get(k) == v for k, v in m.consts.items())]
        others = tuple(s for s in shape.subtypes if s not in self.spec.types)
        if not fits and not others and members:
            key = next(iter(members[0].consts))
            allowed = sorted({m.consts.get(key, "?") for m in members})
            got = value.get(key)
            return [f"{path}: {key} {got!r} is not a {shape.name}; use one of {allowed}"]
        return self.check(value, (*fits, *others), path)

    def fields(
        self, obj: dict, shape: Shape, path: str, present: frozenset[str] = frozenset()
    ) -> list[str]:
        """Unknown, missing, mistyped and out-of-limit fields of one object or method call."""
        errors = [f'{path}: unknown field "{k}"' for k in obj if k not in shape.fields]
        errors += [
            f'{path}: missing required field "{f.name}"'
            for f in shape.fields.values()
            if f.required and f.name not in obj and f.name not in present
        ]
        plain = self._formatted(obj, shape, path, errors) if self.request else {}
        for key, value in obj.items():
            if (f := shape.fields.get(key)) is None:
                continue
            sub = f"{path}.{key}"
            errors += self.check(value, f.types, sub) or _limits(value, plain.get(key), f, sub)
        return errors

    def _formatted(self, obj: dict, shape: Shape, path: str, errors: list[str]) -> dict[str, str]:
        """Check parse_mode values and HTML; return formatted fields as the user sees them."""
        plain: dict[str, str] = {}
        for target, mode_field in shape.parse_targets.items():
            mode, text = obj.get(mode_field), obj.get(target)
            if not isinstance(mode, str) or not mode:
                continue
            if mode.lower() not in PARSE_MODES:
                errors.append(f'{path}.{mode_field}: unsupported parse_mode "{mode}"')
            elif PARSE_MODES[mode.lower()] == "HTML" and isinstance(text, str):
                try:
                    plain[target] = parse_html(text)
                except HtmlError as exc:
                    errors.append(f"{path}.{target}: can't parse entities: {exc}")
        return plain


def _limits(value: Any, plain: str | None, f: Field, path: str) -> list[str]:
    """Size limits, line-feed limits, enums and union discriminators of one field value."""
    errors = []
    text = plain if plain is not None else value
    lim = f.limit
    size = _size(text, lim.kind, lim.after_entities) if lim else None
    if lim and size is not None and not lim.low <= size <= lim.high:
        errors.append(f"{path}: must be {lim.describe()}, got {size}")
    feeds = text.strip().count("\n") if isinstance(text, str) else 0
    if f.max_line_feeds is not None and feeds > f.max_line_feeds:
        errors.append(f"{path}: at most {f.max_line_feeds} line feeds allowed, got {feeds}")
    if f.enum and isinstance(value, str) and value not in f.enum:
        errors.append(f"{path}: {value!r} is not one of {list(f.enum)}")
    if f.charset and isinstance(value, str) and not f.charset.fullmatch(value):
        errors.append(f"{path}: contains characters outside {f.charset.pattern}")
    if f.const is not None and value != f.const:
        errors.append(f"{path}: must be {f.const!r}, got {value!r}")
    return errors


def _size(value: Any, kind: str, after_entities: bool) -> float | None:
    if kind == "characters" and isinstance(value, str):
        # Telegram trims the text it parsed before measuring and storing it.
        return len(value.strip() if after_entities else value)
    if kind == "bytes" and isinstance(value, str):
        return len(value.encode("utf-8"))
    if kind == "items" and isinstance(value, list):
        return len(value)
    if kind == "value" and isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return None


@dataclass
class Validated:
    """A request decoded into JSON data, with the spec errors it contains."""

    params: dict[str, Any]
    errors: list[str]


# Telegram ignores parameters a method does not have. python-telegram-bot's Defaults adds
# parse_mode to every call that goes through its message helper, editMessageReplyMarkup too,
# so that one extra is let through on method calls; any other unknown field is still an error.
TOLERATED = frozenset({"parse_mode"})


def validate_call(
    spec: Spec, method: Shape, raw: Mapping[str, Any], files: Mapping[str, object]
) -> Validated:
    """Decode and validate one call; file parts fill InputFile fields or attach:// references."""
    checker = Checker(spec, files)
    params: dict[str, Any] = {}
    for key, value in raw.items():
        f = method.fields.get(key)
        params[key] = decode_form(value, f.types) if f and isinstance(value, str) else value
    uploads = {n for n in files if "InputFile" in getattr(method.fields.get(n), "types", ())}
    checked = {k: v for k, v in params.items() if k in method.fields or k not in TOLERATED}
    errors = checker.fields(checked, method, method.name, frozenset(uploads))
    stray = set(files) - uploads - checker.attached
    errors += [f'{method.name}: unexpected file part "{n}"' for n in sorted(stray)]
    params.update({n: files[n] for n in uploads if n not in params})
    return Validated(params, errors)


def validate_result(spec: Spec, returns: tuple[str, ...], result: Any) -> list[str]:
    """Check that a result has the shape the spec promises (guards the fake itself)."""
    return Checker(spec, request=False).check(result, returns, "result")
