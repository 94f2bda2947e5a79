"""'Zie ook': the matching item in the other versions of the dossier.

Two werkprocessen match when their weighted stem bags (titles count most) are close by
tf-idf cosine; only the best match per other source is kept, above a floor.
"""

from __future__ import annotations

import math
from functools import lru_cache

from bot.knowledge.model import Item
from bot.search.engine import Search

MIN_SIMILARITY = 0.18


class Related:
    """Finds an item's counterparts in other sources; results cached per item."""

    def __init__(self, search: Search) -> None:
        self.search = search
        index = search.index
        self._vectors = [
            {term: tf * index.idf[term] for term, tf in bag.items()} for bag in index.bags
        ]
        self._norms = [math.sqrt(sum(v * v for v in vec.values())) or 1.0 for vec in self._vectors]
        self.find = lru_cache(maxsize=1024)(self._find)
        self._nearest = lru_cache(maxsize=4096)(self._nearest_uncached)

    def _cosine(self, a: int, b: int) -> float:
        small, large = sorted((self._vectors[a], self._vectors[b]), key=len)
        dot = sum(weight * large.get(term, 0.0) for term, weight in small.items())
        return dot / (self._norms[a] * self._norms[b])

    def _find(self, item_id: str) -> tuple[tuple[str, float], ...]:
        items = self.search.items
        me = self.search.position(item_id)
        if me is None:
            return ()
        mine = items[me]
        best: dict[str, tuple[float, str]] = {}
        for n, other in enumerate(items):
            if other.source == mine.source or other.type != mine.type:
                continue
            score = self._cosine(me, n)
            if score >= MIN_SIMILARITY and score > best.get(other.source, (0.0, ""))[0]:
                best[other.source] = (score, other.id)
        ranked = sorted(best.values(), reverse=True)
        return tuple((other_id, round(score, 3)) for score, other_id in ranked)

    def nearest(self, item_id: str, sources: frozenset[str], profile: str | None) -> Item | None:
        """The most similar item of the same type in these sources (within one profile and
        the parts every profile shares, when profile is given), or None. Cached: an answer
        from an older dossier asks it every time."""
        return self._nearest(item_id, sources, profile)

    def _nearest_uncached(
        self, item_id: str, sources: frozenset[str], profile: str | None
    ) -> Item | None:
        me = self.search.position(item_id)
        if me is None:
            return None
        mine = self.search.items[me]
        dossier = self.search.dossier
        best: tuple[float, int] | None = None
        for n, other in enumerate(self.search.items):
            if n == me or other.type != mine.type or other.source not in sources:
                continue
            root = dossier.top_ancestor(other)
            if profile is not None and root.type == "profiel" and root.code != profile:
                continue
            score = self._cosine(me, n)
            if score >= MIN_SIMILARITY and (best is None or score > best[0]):
                best = (score, n)
        return self.search.items[best[1]] if best else None
