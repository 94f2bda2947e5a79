"""Finding a student's phrases in a question the way students write them.

A phrase of the vocabulary ("doelen gehaald", "klanten nabellen") is found when its words
occur in order with at most GAP other words between them ("of de doelen bij een klant
gehaald zijn") and in any inflection (word stems are compared: "klant nabellen" too).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from bot.search.text import stem, words

GAP = 3  # other words allowed between two words of a phrase


class PhraseFinder:
    def __init__(self, phrases: Iterable[str]) -> None:
        # First word's stem -> (the other words' stems, the phrase as written in the vocabulary)
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        for phrase in phrases:
            stems = [stem(w) for w in words(phrase)]
            if len(stems) > 1:
                self._by_first[stems[0]].append((tuple(stems[1:]), phrase))

    def find(self, text: str) -> list[str]:
        """The vocabulary phrases the text contains, each once, in order of appearance."""
        stems = [stem(w) for w in words(text)]
        found: dict[str, None] = {}
        for start, first in enumerate(stems):
            for rest, phrase in self._by_first.get(first, ()):
                if phrase not in found and _follows(stems, start, rest):
                    found[phrase] = None
        return list(found)


def _follows(stems: list[str], start: int, rest: tuple[str, ...]) -> bool:
    """True when rest's stems come after position start, in order, with short gaps."""
    at = start
    for wanted in rest:
        window = range(at + 1, min(at + 2 + GAP, len(stems)))
        at = next((i for i in window if stems[i] == wanted), -1)
        if at < 0:
            return False
    return True
