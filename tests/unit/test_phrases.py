"""Student phrases are found in order, in any inflection, with short gaps."""

from __future__ import annotations

import pytest

from bot.search.phrases import GAP, PhraseFinder

FINDER = PhraseFinder(["doelen gehaald", "klanten nabellen", "koud bellen", "of ze tevreden zijn"])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("kijken of de doelen gehaald zijn", ["doelen gehaald"]),
        ("of de doelen bij de klant gehaald zijn", ["doelen gehaald"]),  # three words between
        ("ik moet een klant nabellen", ["klanten nabellen"]),  # another inflection
        ("ik bel ze koud", []),  # the wrong order
        ("doelen van de grote klant uit limburg gehaald", []),  # too far apart
        ("bellen of ze tevreden zijn en koud bellen", ["of ze tevreden zijn", "koud bellen"]),
        ("nabellen", []),  # one word of a phrase is not the phrase
    ],
)
def test_phrases_in_questions(text: str, found: list[str]) -> None:
    assert FINDER.find(text) == found


def test_gap_is_small() -> None:
    assert 1 <= GAP <= 3
