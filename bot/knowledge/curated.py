"""Hand-written YAML files (knowledge/curated/): read with line numbers for every problem.

Generated files are validated by path (``items[3].title``); curated files are edited by hand,
so their problems name the line too, and duplicate keys (which PyYAML silently collapses to
the last one) are reported instead of lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from bot.knowledge.yamlio import compose_text, read_guarded


@dataclass(frozen=True)
class Entry:
    key: str
    node: yaml.Node
    line: int  # 1-based

    @property
    def value(self) -> Any:
        """The entry's value as plain Python data."""
        return SafeConstructor().construct_object(self.node, deep=True)


class Report:
    """Problems of one curated file, each as 'file: line N: where: message'."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.messages: list[str] = []

    def add(self, line: int | None, where: str, message: str) -> None:
        place = f"line {line}: " if line else ""
        self.messages.append(f"{self.name}: {place}{where + ': ' if where else ''}{message}")


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def kind_of(node: yaml.Node) -> str:
    """What YAML made of a node, in words a curator knows."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    kind = str(node.tag).rsplit(":", 1)[-1]
    names = {"null": "empty", "bool": "true/false", "str": "a string", "int": "a number"}
    return names.get(kind, f"a {kind}")


def read_root(path: Path, report: Report) -> yaml.MappingNode | None:
    """The top-level mapping of a file, or None (with the problem reported)."""
    root = read_guarded(path, report.messages, compose_text, report.name)
    if root is not None and not isinstance(root, yaml.MappingNode):
        report.add(line_of(root), "", f"expected a mapping at the top level, not {kind_of(root)}")
        return None
    return root


def entries(node: yaml.Node, where: str, report: Report) -> list[Entry]:
    """The key/value entries of a mapping node; non-text and duplicate keys are reported."""
    if not isinstance(node, yaml.MappingNode):
        report.add(line_of(node), where, f"expected a mapping, not {kind_of(node)}")
        return []
    found: list[Entry] = []
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = line_of(key_node)
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str) or not key.strip():
            report.add(line, where, "a key must be a non-empty text")
            continue
        if key in seen:
            report.add(
                line, f"{where}.{key}" if where else key, f"duplicate (first on line {seen[key]})"
            )
            continue
        seen[key] = line
        found.append(Entry(key, value_node, line))
    return found


def texts(entry: Entry, where: str, report: Report) -> tuple[str, ...]:
    """A value that must be one text or a list of non-empty texts, as a tuple."""
    value = entry.value
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values:
        report.add(entry.line, where, "expected a text or a non-empty list of texts")
        return ()
    if not all(isinstance(v, str) and v.strip() for v in values):
        report.add(entry.line, where, "every value must be a non-empty text")
        return ()
    return tuple(v.strip() for v in values)
