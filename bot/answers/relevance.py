"""How much each sentence or line of an item says about the question, for shortening.

A question word counts by its weight in the search (idf times how it was read) and by how
rare it is among the item's own units: a word in every sentence of a section ("generieke
onderdelen") tells them apart as little as a stopword. A line under a matching heading (a
vakkennis category, a table's header) shares in its heading's score. A list question
("welke trends", "in welke sectoren") prefers lines, since they are the answer.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from bot.answers.units import Unit
from bot.search.text import stem, words

Relevance = Callable[[Sequence[Unit]], list[float]]

LIST_BONUS = 20.0  # above what a sentence usually scores: a list question's lines come first
HEADING_SHARE = 0.5  # what a line gets of its heading's score
HEADING = 50


def _listed(unit: Unit) -> bool:
    """A list line, or a short line without a full stop: a paragraph heading names a part."""
    short = len(unit.text) <= HEADING and not unit.text.endswith((".", ":"))
    return unit.is_line or short


def relevance(weights: Mapping[str, float], list_question: bool = False) -> Relevance:
    """A scorer of unit texts for a question with these stem weights."""

    def score(units: Sequence[Unit]) -> list[float]:
        bags = [{stem(w) for w in words(unit.text)} for unit in units]
        spread = Counter(s for bag in bags for s in bag if s in weights)
        out: list[float] = []
        for unit, bag in zip(units, bags, strict=True):
            value = sum(
                weights[s] * math.log(1 + len(bags) / spread[s]) for s in bag & spread.keys()
            )
            if unit.heading is not None:
                value += HEADING_SHARE * out[unit.heading]  # headings come before their lines
            if list_question and not unit.is_heading and _listed(unit):
                value += LIST_BONUS
            out.append(value)
        return out

    return score
