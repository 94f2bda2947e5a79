"""How much each sentence or line of an item says about the question, for shortening.

A question word counts by its weight in the search (idf times how it was read) and by how
rare it is among the item's own units: a word in every sentence of a section ("generieke
onderdelen") tells them apart as little as a stopword. A list question ("welke trends")
prefers the list's lines, since they are the answer.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from bot.search.text import stem, words

Relevance = Callable[[Sequence[str]], list[float]]

LIST_BONUS = 2.0  # about half a rare word: lines before unrelated prose, after real matches
BULLETS = ("• ", "☐ ")
HEADING = 50


def _listed(text: str) -> bool:
    """A list line, or a short line without a full stop: a paragraph heading names a part."""
    return text.startswith(BULLETS) or (len(text) <= HEADING and not text.endswith((".", ":")))


def relevance(weights: Mapping[str, float], list_question: bool = False) -> Relevance:
    """A scorer of unit texts for a question with these stem weights."""

    def score(texts: Sequence[str]) -> list[float]:
        bags = [{stem(w) for w in words(text)} for text in texts]
        spread = Counter(s for bag in bags for s in bag if s in weights)
        out = []
        for text, bag in zip(texts, bags, strict=True):
            value = sum(
                weights[s] * math.log(1 + len(bags) / spread[s]) for s in bag & spread.keys()
            )
            if list_question and _listed(text):
                value += LIST_BONUS
            out.append(value)
        return out

    return score
