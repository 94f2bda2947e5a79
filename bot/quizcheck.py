"""Checks of quizzes/*.yaml: every pack must parse, with file and location on errors.

The pack schema itself arrives with the quiz issue; until then a pack must be a YAML
mapping so that nothing unreadable lands in quizzes/.
"""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.load import read_yaml


def check_quizzes(directory: Path) -> list[str]:
    """Problems in the quiz packs of directory ('quizzes/FILE: ...'), empty when all is well."""
    problems: list[str] = []
    if not directory.is_dir():
        return problems
    for path in sorted(directory.glob("*.y*ml")):
        found: list[str] = []
        data = read_yaml(path, found)
        if not found and not isinstance(data, dict):
            found.append(f"{path.name}: expected a mapping at the top level")
        problems += [f"quizzes/{p}" for p in found]
    return problems
