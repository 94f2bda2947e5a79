"""Code parsing: every spelling students use becomes the same reference."""

from __future__ import annotations

import pytest

from bot.search.codes import CodeRef, find_codes


@pytest.mark.parametrize(
    "text",
    ["B1-K1-W3", "b1k1w3", "B1 K1 W3", "b1.k1.w3", "wat is b1-k1-w3?", "B1-K1-W3:"],
)
def test_full_basisdeel_codes(text: str) -> None:
    assert find_codes(text) == [CodeRef("B1", 1, 3)]


@pytest.mark.parametrize(
    "text",
    [
        "k2-w4 van P4",
        "K2W4 bij p4",
        "kt2 wp4 van profiel 4",
        "w4 van p4-k2",
        "P4-K2-W4",
        "p4 k2 w4",
        "P4K2W4",
    ],
)
def test_profile_codes_in_any_order(text: str) -> None:
    assert find_codes(text) == [CodeRef("P4", 2, 4)]


def test_relative_code_without_profile_keeps_profile_open() -> None:
    assert find_codes("K1-W3") == [CodeRef(None, 1, 3)]


@pytest.mark.parametrize(
    ("text", "dotted"),
    [
        ("werkproces 3.5", "3.5"),
        ("wp 3.5", "3.5"),
        ("wp3,5", "3.5"),
        ("WP 3.5", "3.5"),
        ("work process 2.7", "2.7"),
    ],
)
def test_dotted_werkproces_codes(text: str, dotted: str) -> None:
    assert find_codes(text) == [CodeRef(dotted=dotted, kind="werkproces")]


@pytest.mark.parametrize(
    ("text", "number"),
    [("kerntaak 2", 2), ("kt 2", 2), ("kt2", 2), ("core task 3", 3), ("de tweede kerntaak", 2)],
)
def test_kerntaak_numbers(text: str, number: int) -> None:
    assert find_codes(text) == [CodeRef(None, number, kind="kerntaak")]


def test_kerntaak_with_profile_elsewhere() -> None:
    assert find_codes("hoe zit kt3 van p2 in elkaar") == [CodeRef("P2", 3, kind="kerntaak")]


@pytest.mark.parametrize(
    ("text", "profile"), [("P4", "P4"), ("profiel 4", "P4"), ("profile 6", "P6")]
)
def test_profiles(text: str, profile: str) -> None:
    assert find_codes(text) == [CodeRef(profile=profile)]


def test_bare_section_numbers_and_chapters() -> None:
    assert find_codes("wat staat er in 4.1.3") == [CodeRef(dotted="4.1.3")]
    assert find_codes("paragraaf 2.3b") == [CodeRef(dotted="2.3b")]
    assert find_codes("hoofdstuk 1") == [CodeRef(dotted="1", kind="hoofdstuk")]


@pytest.mark.parametrize(
    "text",
    [
        "wat is 15 keer 17",
        "is 2.5% veel",
        "kost 15.000 euro",
        "hoe behandel ik een klacht",
        "ik ben 17",
        "top 3 tips",
    ],
)
def test_numbers_that_are_not_codes(text: str) -> None:
    assert find_codes(text) == []
