"""What text of an item is searchable, and how much each part counts."""

from __future__ import annotations

from collections.abc import Iterator

from bot.knowledge.model import Dossier, Item
from bot.knowledge.texts import field_texts
from bot.search.text import separable_verbs

TITLE_WEIGHT = 4.0
PARENT_TITLE_WEIGHT = 0.8
CHILD_TITLE_WEIGHT = 0.6
# Competency names recur across most werkprocessen; they would drown the specific words.
FIELD_WEIGHTS = {"competenties": 0.2, "competentierijen": 0.5, "gedrag": 1.0, "vakkennis": 0.6}


def item_texts(item: Item, dossier: Dossier) -> Iterator[tuple[str, float]]:
    """(text, weight) pairs that make up an item's searchable document."""
    yield item.title, TITLE_WEIGHT
    yield " ".join(separable_verbs(item.title)), TITLE_WEIGHT
    if item.source_title:
        yield item.source_title, TITLE_WEIGHT / 2
    parent = dossier.parent_of(item)
    if parent is not None:
        yield parent.title, PARENT_TITLE_WEIGHT
    child_weight = CHILD_TITLE_WEIGHT if item.type != "sectie" else CHILD_TITLE_WEIGHT / 3
    for child in dossier.kids(item.id):
        yield child.title, child_weight
    for name, value in item.fields:
        weight = FIELD_WEIGHTS.get(name, 1.0)
        for text in field_texts(value):
            yield text, weight
