"""Title matching: how well an item's title and the question name each other.

Titles are short and say what an item is, so a question that names a title completely is
strong evidence. Stems meet when equal or when one is a short extension of the other
('match'/'matche', 'rol'/'roll'): inflections the stemmer leaves apart still match.
"""

from __future__ import annotations

from collections import defaultdict

from bot.knowledge.model import Item
from bot.search.lexical import LexicalIndex
from bot.search.text import STOPWORDS, content_words, separable_verbs, stem, words

MIN_PREFIX = 3
MAX_EXTENSION = 2


class TitleIndex:
    """Title stems per item, with a prefix table for near matches."""

    def __init__(self, items: list[Item], index: LexicalIndex) -> None:
        self.index = index
        self.stems = [self._stems(item) for item in items]
        self._weights = [sum(index.idf.get(s, 0.0) for s in stems) or 1.0 for stems in self.stems]
        # Stem of each title's first content word ('Rol 2: ...' -> 'rol'), for list questions.
        self.heads = [stem(next(iter(content_words(item.title)), "")) for item in items]
        self._all = frozenset(s for stems in self.stems for s in stems)
        self._extended: dict[str, set[str]] = defaultdict(set)
        for title_stem in self._all:
            for cut in range(MAX_EXTENSION + 1):
                if len(title_stem) - cut >= MIN_PREFIX:
                    self._extended[title_stem[: len(title_stem) - cut]].add(title_stem)

    def _stems(self, item: Item) -> frozenset[str]:
        """Stems of the title words, compounds with their parts (beleids|ondersteuner)."""
        found: set[str] = set()
        title = f"{item.title} {item.source_title or ''}"
        for word in words(title) + separable_verbs(title):
            if word in STOPWORDS or len(word) < 2:
                continue
            found.add(stem(word))
            found.update(stem(part) for part in self.index.parts(word))
        return frozenset(found)

    def near(self, query_stems: list[str] | dict[str, float]) -> dict[str, str]:
        """Title stem -> the query stem that names it, for every title stem the query names."""
        out: dict[str, str] = {}
        for q in query_stems:
            if q in self._all:
                out.setdefault(q, q)
            for title_stem in self._extended.get(q, ()) if len(q) >= MIN_PREFIX else ():
                out.setdefault(title_stem, q)
            for cut in range(1, MAX_EXTENSION + 1):
                shorter = q[: len(q) - cut]
                if len(shorter) >= MIN_PREFIX and shorter in self._all:
                    out.setdefault(shorter, q)
        return out

    def match(self, position: int, query: dict[str, float], near: dict[str, str]) -> float:
        """0..1: mostly the share of the title the question names (idf-weighted), tempered by
        the share of the question the title explains, so a long question finds a short title."""
        title = self.stems[position]
        shared = {s: near[s] for s in title if s in near}
        if not shared:
            return 0.0
        idf = self.index.idf
        named = sum(
            idf.get(s, 0.0) * min(query[q] / (idf.get(q) or 1.0), 1.0) for s, q in shared.items()
        )
        title_cover = named / self._weights[position]
        query_cover = sum(query[q] for q in set(shared.values())) / sum(query.values())
        return min(title_cover, 1.0) * (0.5 + 0.5 * query_cover)
