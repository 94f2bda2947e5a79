"""Run an importer over a source text and write validated, deterministic YAML."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from bot.knowledge.importers import parser_for
from bot.knowledge.validate import Problems, source_from_data
from bot.knowledge.yamlio import dump_yaml


class ImportFailed(Exception):
    """The importer produced data that does not validate; ``problems`` says where."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the imported data")
        self.problems = problems


def import_data(
    text_path: Path, format_name: str, source_id: str, out_dir: Path
) -> dict[str, Any]:
    """The importer's data for a source text, with format and text path filled in."""
    text = text_path.read_text(encoding="utf-8")
    data = parser_for(format_name)(text, source_id)
    head = data["source"]
    head["format"] = format_name
    head["text"] = Path(os.path.relpath(text_path.resolve(), out_dir.resolve())).as_posix()
    data["source"] = {key: head[key] for key in ("id", "title", "format", "text")}
    return data


def render_source(text_path: Path, format_name: str, source_id: str, out_dir: Path) -> str:
    """The YAML text an import writes; raises ImportFailed when the data does not validate."""
    data = import_data(text_path, format_name, source_id, out_dir)
    problems = Problems()
    source_from_data(data, problems)
    if problems.messages:
        raise ImportFailed(problems.messages)
    return dump_yaml(data)


def import_source(text_path: Path, format_name: str, source_id: str, out_dir: Path) -> Path:
    """Import one source text into out_dir/SOURCE_ID.yaml and return that path."""
    rendered = render_source(text_path, format_name, source_id, out_dir)
    out = out_dir / f"{source_id}.yaml"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(rendered, encoding="utf-8", newline="\n")
    return out
