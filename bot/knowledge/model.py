"""The typed dossier model: sources, items and their fields. Pure data, standard library only."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from bot.knowledge.lexicon import Vocabulary


@dataclass(frozen=True)
class Competency:
    name: str
    source_spelling: str | None = None


@dataclass(frozen=True)
class Group:
    title: str | None
    items: tuple[str, ...]


@dataclass(frozen=True)
class CompetencyRow:
    competency: Competency
    components: tuple[str, ...]
    indicator: str


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


FieldValue = (
    str
    | tuple[str, ...]
    | tuple[Group, ...]
    | tuple[Competency, ...]
    | tuple[CompetencyRow, ...]
    | Table
)


@dataclass(frozen=True)
class Item:
    id: str
    source: str
    type: str
    code: str
    title: str
    parent: str | None = None
    fields: tuple[tuple[str, FieldValue], ...] = ()
    source_title: str | None = None
    line: int | None = None
    not_applicable: bool = False

    def get(self, name: str) -> FieldValue | None:
        """The value of a field, or None when the item lacks it."""
        for key, value in self.fields:
            if key == name:
                return value
        return None

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(key for key, _ in self.fields)


ROLES = ("current", "older", "research")


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    format: str
    text: str
    items: tuple[Item, ...]
    # From knowledge/curated/sources.yaml (bot.knowledge.catalog); defaults until applied.
    name: str = ""  # as people know it: "beroepscompetentieprofiel 2010"
    article: str = "het"
    role: str = "research"  # one of ROLES
    aliases: tuple[str, ...] = ()  # words that name it in a question

    @property
    def label(self) -> str:
        """The name people know the source by (its title when no name is set)."""
        return self.name or self.title


@dataclass(frozen=True)
class Dossier:
    """All sources with an id index and parent -> children links, in document order."""

    sources: dict[str, Source]
    vocabulary: Vocabulary = field(default_factory=Vocabulary)  # how questions say things
    items: dict[str, Item] = field(init=False)
    children: dict[str, tuple[str, ...]] = field(init=False)

    def __post_init__(self) -> None:
        items: dict[str, Item] = {}
        children: dict[str, list[str]] = {}
        for source in self.sources.values():
            for item in source.items:
                items[item.id] = item
                if item.parent:
                    children.setdefault(item.parent, []).append(item.id)
        object.__setattr__(self, "items", items)
        object.__setattr__(self, "children", {k: tuple(v) for k, v in children.items()})

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items.values())

    def kids(self, item_id: str) -> tuple[Item, ...]:
        """The children of an item, in document order."""
        return tuple(self.items[i] for i in self.children.get(item_id, ()))

    def parent_of(self, item: Item) -> Item | None:
        return self.items.get(item.parent) if item.parent else None

    def source_of(self, item: Item) -> Source:
        return self.sources[item.source]

    def with_role(self, role: str) -> tuple[Source, ...]:
        """The sources of one role ("current", "older", "research"), in listing order."""
        return tuple(source for source in self.sources.values() if source.role == role)

    def top_ancestor(self, item: Item) -> Item:
        """The outermost parent of an item (a profiel, the basisdeel, or the item itself)."""
        while item.parent and item.parent in self.items:
            item = self.items[item.parent]
        return item
