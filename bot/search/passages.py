"""Passage evidence: question words that meet in one sentence or line of an item.

A story from work matches a werkproces best where one sentence of its omschrijving or one
gedrag line describes the same activity ("voert een intakegesprek met een potentiële
kandidaat"); the same words scattered over a long text are weaker evidence. Each item keeps
the stem sets of its passages, built once with the index.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet

from bot.knowledge.model import Item
from bot.knowledge.texts import passages
from bot.search.lexical import LexicalIndex
from bot.search.text import STOPWORDS, stem, words

SKIPPED = frozenset({"competenties", "competentierijen"})  # names shared by most items


class Passages:
    def __init__(self, items: list[Item], index: LexicalIndex) -> None:
        self.index = index
        self.sets = [tuple(self._stems(text) for text in self._texts(item)) for item in items]

    @staticmethod
    def _texts(item: Item) -> list[str]:
        found = [item.title]
        for name, value in item.fields:
            if name not in SKIPPED:
                found += passages(value)
        return found

    def _stems(self, text: str) -> frozenset[str]:
        found: set[str] = set()
        for word in words(text):
            if word in STOPWORDS:
                continue
            found.add(stem(word))
            found.update(stem(part) for part in self.index.parts(word))
        return frozenset(found)

    def best(self, position: int, query: Mapping[str, float], keys: AbstractSet[str]) -> float:
        """The largest query weight that one passage of the item holds (keys: query's)."""
        return max(
            (sum(query[s] for s in passage & keys) for passage in self.sets[position]),
            default=0.0,
        )
