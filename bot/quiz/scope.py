"""A dossier choice as the quiz sees it: which items a student of that choice learns.

The choices are those of the dossier menu (bot.core.dossiers): each profile of a current
source ("commercie:P4", which brings its basisdeel along) and each older source whole
("bcp-2010"). Research reports are not a dossier to follow.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.model import Dossier, Item, Source

SHARED_PARTS = ("basisdeel",)  # top-level items every profile of a source includes


def choices(dossier: Dossier) -> tuple[str, ...]:
    """Every dossier choice: the profiles of current sources, then the older sources."""
    profiles = tuple(
        item.id
        for source in dossier.with_role("current")
        for item in source.items
        if item.type == "profiel"
    )
    return profiles + tuple(source.id for source in dossier.with_role("older"))


@dataclass(frozen=True)
class Scope:
    choice: str
    source: Source
    items: tuple[Item, ...]  # in document order, not-applicable items left out


def scope_of(dossier: Dossier, choice: str) -> Scope:
    """The items of a dossier choice; raises KeyError for an unknown choice."""
    if choice not in choices(dossier):
        raise KeyError(choice)
    if choice in dossier.sources:
        source = dossier.sources[choice]
        tops: set[str] | None = None
    else:
        profile = dossier.items[choice]
        source = dossier.source_of(profile)
        tops = {profile.id} | {i.id for i in source.items if i.type in SHARED_PARTS}
    items = tuple(
        item
        for item in source.items
        if not item.not_applicable and (tops is None or dossier.top_ancestor(item).id in tops)
    )
    return Scope(choice, source, items)


def branch_label(dossier: Dossier, item: Item) -> str:
    """Where an item sits, for a question: 'profiel P4 (Junior accountmanager)', 'het
    basisdeel', or the older dossier's name."""
    source = dossier.source_of(item)
    top = dossier.top_ancestor(item)
    if top.type == "profiel":
        return f"profiel {top.code or top.id.split(':')[-1]} ({top.title})"
    if top.type in SHARED_PARTS:
        return f"het {top.type} van {source.article} {source.label}"
    return f"{source.article} {source.label}"


def branch(dossier: Dossier, item: Item) -> str:
    """The id that groups items within one profile or shared part (the source for others)."""
    top = dossier.top_ancestor(item)
    return top.id if top.type == "profiel" or top.type in SHARED_PARTS else item.source
