"""Source metadata (knowledge/curated/sources.yaml): how people name each source, its role.

Search and answers read names, aliases, roles and the listing order from here, so a school
that drops in another dossier edits data, not code. A source without an entry still works:
it is named by its title and its role follows from its items.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from bot.knowledge.curated import Entry, Report, entries, read_root, texts
from bot.knowledge.model import ROLES, Source

FILE_NAME = "sources.yaml"
_KEYS = frozenset({"name", "article", "role", "aliases"})
_ARTICLES = ("het", "de")


@dataclass(frozen=True)
class SourceInfo:
    name: str
    article: str
    role: str
    aliases: tuple[str, ...]
    line: int | None = None  # where the entry starts, for problems found later


def read_catalog(path: Path, report: Report) -> dict[str, SourceInfo]:
    """Source id -> metadata, in the file's order; problems go to report."""
    if not path.is_file():
        return {}
    root = read_root(path, report)
    if root is None:
        return {}
    catalog: dict[str, SourceInfo] = {}
    for top in entries(root, "", report):
        if top.key != "sources":
            report.add(top.line, top.key, "unknown section (expected 'sources')")
            continue
        for entry in entries(top.node, "sources", report):
            info = _info(entry, report)
            if info is not None:
                catalog[entry.key] = info
    return catalog


def _info(entry: Entry, report: Report) -> SourceInfo | None:
    where = f"sources.{entry.key}"
    fields = {e.key: e for e in entries(entry.node, where, report)}
    for unknown in sorted(set(fields) - _KEYS):
        report.add(fields[unknown].line, f"{where}.{unknown}", "unknown key")
    values: dict[str, str] = {}
    for key in ("name", "article", "role"):
        found = fields.get(key)
        value = found.value if found else None
        if not isinstance(value, str) or not value.strip():
            report.add(found.line if found else entry.line, f"{where}.{key}", "missing text")
            return None
        values[key] = value.strip()
    if values["article"] not in _ARTICLES:
        report.add(fields["article"].line, f"{where}.article", "expected 'het' or 'de'")
    if values["role"] not in ROLES:
        report.add(fields["role"].line, f"{where}.role", f"expected one of {', '.join(ROLES)}")
    aliases = texts(fields["aliases"], f"{where}.aliases", report) if "aliases" in fields else ()
    return SourceInfo(values["name"], values["article"], values["role"], aliases, entry.line)


def apply_catalog(
    sources: list[Source], catalog: dict[str, SourceInfo], report: Report
) -> list[Source]:
    """The sources with their metadata, in catalog order first; unknown ids are reported."""
    known = {source.id for source in sources}
    for source_id, info in catalog.items():
        if source_id not in known:
            report.add(info.line, f"sources.{source_id}", "no knowledge file has this source id")
    rank = {source_id: n for n, source_id in enumerate(catalog)}
    ordered = sorted(sources, key=lambda s: (rank.get(s.id, len(rank)), s.id))
    return [_with_info(source, catalog.get(source.id)) for source in ordered]


def _with_info(source: Source, info: SourceInfo | None) -> Source:
    if info is None:
        return replace(source, name=source.title, role=derived_role(source))
    return replace(
        source, name=info.name, article=info.article, role=info.role, aliases=info.aliases
    )


def derived_role(source: Source) -> str:
    """current for a dossier with profiles, older for one with werkprocessen, else research."""
    types = {item.type for item in source.items}
    if "profiel" in types:
        return "current"
    return "older" if "werkproces" in types else "research"
