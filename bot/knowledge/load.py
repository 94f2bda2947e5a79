"""Load and validate the knowledge base from knowledge/*.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.knowledge import vocabulary as curated_vocabulary
from bot.knowledge.catalog import FILE_NAME as CATALOG_FILE
from bot.knowledge.catalog import apply_catalog, read_catalog
from bot.knowledge.curated import Report
from bot.knowledge.errors import KnowledgeError
from bot.knowledge.lexicon import Vocabulary
from bot.knowledge.locations import CURATED, DEFAULT_DIR
from bot.knowledge.model import Dossier, Source
from bot.knowledge.texts import all_texts
from bot.knowledge.validate import Problems, source_from_data
from bot.knowledge.yamlio import load_text, read_guarded

__all__ = ["DEFAULT_DIR", "KnowledgeError", "load_dossier", "read_yaml"]


def read_yaml(path: Path, problems: list[str]) -> Any:
    """Parse one YAML file; a syntax error is recorded with its line and column."""
    return read_guarded(path, problems, load_text)


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
    report = Report(f"{CURATED}/{CATALOG_FILE}")
    catalog = read_catalog(directory / CURATED / CATALOG_FILE, report)
    described = apply_catalog([source for _, source in sources], catalog, report)
    problems += report.messages
    vocabulary = _vocabulary(directory, described, problems)
    if problems:
        raise KnowledgeError(problems)
    return Dossier({source.id: source for source in described}, vocabulary)


def _vocabulary(directory: Path, sources: list[Source], problems: list[str]) -> Vocabulary:
    """The curated vocabulary (none when the file is absent), its targets checked against the
    words the sources use."""
    path = directory / CURATED / curated_vocabulary.FILE_NAME
    if not path.is_file():
        return Vocabulary()
    try:
        found = curated_vocabulary.load_vocabulary(path)
    except KnowledgeError as err:
        problems += [f"{CURATED}/{p}" for p in err.problems]
        return Vocabulary()
    known = curated_vocabulary.words_in(all_texts(sources))
    problems += [f"{CURATED}/{p}" for p in curated_vocabulary.unknown_targets(found, known)]
    return found
