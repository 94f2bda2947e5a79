"""YAML in and out: reading with every problem named by file and place, and deterministic
output for generated knowledge files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

try:  # the C parser is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

T = TypeVar("T")


def read_guarded(
    path: Path, problems: list[str], parse: Callable[[str], T], name: str | None = None
) -> T | None:
    """parse(the file's text), or None with the problem recorded as 'name: line L, column C:
    ...' (name defaults to the file name): a syntax error, an unreadable file."""
    name = name or path.name
    try:
        return parse(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown place"
        problems.append(f"{name}: {where}: YAML syntax error: {err.problem}")
    except yaml.YAMLError as err:
        problems.append(f"{name}: YAML error: {err}")
    except (OSError, UnicodeDecodeError) as err:
        problems.append(f"{name}: cannot read: {err}")
    return None


def load_text(text: str) -> Any:
    """Plain data from YAML text (safe)."""
    return yaml.load(text, Loader=Loader)


def compose_text(text: str) -> yaml.Node | None:
    """The node tree of YAML text, which keeps every value's line (safe)."""
    return yaml.compose(text, Loader=Loader)


class _Dumper(yaml.SafeDumper):
    """Safe dumper that writes multi-line strings as literal blocks, for readable diffs."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def dump_yaml(data: Any) -> str:
    """Serialise data the same way every time: key order kept, unicode kept, fixed width."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


def write_yaml(data: Any, path: Path) -> None:
    """Write data to path as YAML (UTF-8, LF line endings)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_yaml(data), encoding="utf-8", newline="\n")
