"""Honesty: is a ranked result an answer, a guess to offer, or outside the dossier?

Coverage is the idf-weighted share of the question's informative words that the best items
contain; a word the dossier does not know at all weighs most. One matching word in a longer
question is chance; several are evidence even when a chatty question has many words the
dossier never uses. A question that names the top item's title well is about that item,
whatever else it says.
"""

from __future__ import annotations

from typing import Literal

from bot.search.lexical import LexicalIndex, QueryTerm

Kind = Literal["item", "ambiguous", "suggest", "out_of_scope", "empty"]

STRONG_TITLE = 0.5  # title match above which the question is taken to name the item


def verdict(
    informative: list[str],
    terms: list[QueryTerm],
    top: list[int],
    title: float,
    index: LexicalIndex,
) -> Kind:
    """Item, suggestion or out of scope for the best documents `top` of a ranking."""
    coverage, matched = coverage_of(informative, terms, top[:3], index)
    named = title >= STRONG_TITLE
    if matched == 0 or coverage < 0.2 or (matched == 1 and coverage < 0.45 and not named):
        return "out_of_scope"
    if coverage < 0.35 and matched <= 2 and not named:
        return "suggest"
    return "item"


def coverage_of(
    informative: list[str], terms: list[QueryTerm], top: list[int], index: LexicalIndex
) -> tuple[float, int]:
    """Idf-weighted share of informative words the top documents contain, and their count."""
    if not informative:
        return 1.0, 1
    bags = [index.bags[i] for i in top]
    total = matched = 0.0
    count = 0
    for word in dict.fromkeys(informative):
        mine = [t for t in terms if t.word == word]
        if not mine and len(word) <= 3:
            continue  # an unknown short word is more likely chat than content
        weight = max((index.idf.get(t.stem, 0.0) for t in mine), default=0.0) or index.max_idf
        total += weight
        if any(t.stem in bag for t in mine for bag in bags):
            matched += weight * min(max(t.weight for t in mine), 1.0)
            count += 1
    return (matched / total if total else 1.0), count
