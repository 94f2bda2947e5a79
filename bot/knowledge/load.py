"""Load and validate the knowledge base from knowledge/*.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.model import Dossier, Source
from bot.knowledge.validate import Problems, source_from_data

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "knowledge"


class KnowledgeError(Exception):
    """The knowledge base has problems; ``problems`` lists each as 'file: path: message'."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the knowledge base")
        self.problems = problems


def read_yaml(path: Path, problems: list[str]) -> Any:
    """Parse one YAML file; a syntax error is recorded with its line and column."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown place"
        problems.append(f"{path.name}: {where}: YAML syntax error: {err.problem}")
    except yaml.YAMLError as err:
        problems.append(f"{path.name}: YAML error: {err}")
    except (OSError, UnicodeDecodeError) as err:
        problems.append(f"{path.name}: cannot read: {err}")
    return None


def _load_source(path: Path, problems: list[str]) -> Source | None:
    data = read_yaml(path, problems)
    if data is None:
        return None
    found = Problems()
    source = source_from_data(data, found)
    problems.extend(f"{path.name}: {message}" for message in found.messages)
    if source and source.text and not (path.parent / source.text).is_file():
        problems.append(f"{path.name}: source.text: file {source.text!r} not found")
    return source


def _cross_checks(sources: list[tuple[Path, Source]], problems: list[str]) -> None:
    """Ids unique across files, parents that exist."""
    seen: dict[str, str] = {}
    for path, source in sources:
        for i, item in enumerate(source.items):
            where = f"{path.name}: items[{i}]"
            if item.id in seen:
                problems.append(f"{where}.id: duplicate id {item.id!r} (also in {seen[item.id]})")
            seen[item.id] = path.name
    for path, source in sources:
        for i, item in enumerate(source.items):
            if item.parent and item.parent not in seen:
                problems.append(f"{path.name}: items[{i}].parent: {item.parent!r} is not an item")


def load_dossier(directory: Path = DEFAULT_DIR) -> Dossier:
    """Every source in directory, validated; raises KnowledgeError listing all problems."""
    problems: list[str] = []
    sources: list[tuple[Path, Source]] = []
    paths = sorted(directory.glob("*.yaml"))
    if not paths:
        problems.append(f"{directory}: no knowledge files (*.yaml)")
    for path in paths:
        source = _load_source(path, problems)
        if source is None:
            continue
        if any(source.id == other.id for _, other in sources):
            problems.append(f"{path.name}: source.id: duplicate source {source.id!r}")
        sources.append((path, source))
    _cross_checks(sources, problems)
    if problems:
        raise KnowledgeError(problems)
    return Dossier({source.id: source for _, source in sources})
