"""The committed knowledge base: complete against items.tsv, clean text, sane structure."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from bot.knowledge.load import load_dossier
from bot.knowledge.model import Dossier
from bot.search.documents import field_texts

ITEMS_TSV = Path(__file__).resolve().parents[1] / "fixtures" / "spec" / "items.tsv"
SOURCES = Path(__file__).resolve().parents[2] / "knowledge" / "sources"


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return load_dossier()


def spec_rows() -> list[tuple[str, str, str, str]]:
    lines = ITEMS_TSV.read_text(encoding="utf-8").splitlines()[1:]
    return [tuple(line.split("\t")[:4]) for line in lines if line.strip()]  # type: ignore[misc]


def test_every_spec_item_is_present_with_type_parent_and_title(dossier: Dossier) -> None:
    missing = []
    for item_id, kind, parent, title in spec_rows():
        item = dossier.items.get(item_id)
        if item is None or (item.type, item.parent or "", item.title) != (kind, parent, title):
            missing.append(item_id)
    assert missing == []
    assert len(spec_rows()) == 235


@pytest.mark.parametrize(
    ("source", "kind", "count"),
    [
        ("commercie", "werkproces", 77),
        ("commercie", "kerntaak", 15),
        ("commercie", "profiel", 6),
        ("commercie", "basisdeel", 1),
        ("commercie", "fact", 3),
        ("commercie-cgo", "werkproces", 19),
        ("commercie-cgo", "kerntaak", 3),
        ("commercie-cgo", "fact", 2),
        ("bcp-2010", "werkproces", 15),
        ("bcp-2010", "kerntaak", 3),
        ("bcp-2010", "sectie", 7),
        ("commercie-2015", "werkproces", 16),
        ("commercie-2015", "kerntaak", 4),
        ("commercie-2015", "fact", 12),
        ("beroepenonderzoek", "sectie", 52),
    ],
)
def test_counts_per_source_and_type(dossier: Dossier, source: str, kind: str, count: int) -> None:
    counts = Counter((item.source, item.type) for item in dossier)
    assert counts[(source, kind)] == count


FURNITURE = [
    (re.compile(r"\b\d+ van \d+\b"), "page number"),
    (re.compile(r"</?(?:p|ul|li|br|div|span)\b", re.I), "HTML"),
    (re.compile(r"[•§\uf0b7]"), "bullet glyph"),
    (re.compile(r"\u00a0"), "no-break space"),
    (re.compile(r"\t"), "tab"),
    (re.compile(r"\*\*|^#+ ", re.M), "markdown"),
    (re.compile(r"\bBCP Junior accountmanager \d+\b"), "BCP footer"),
    (re.compile(r"  "), "double space"),
]


def test_no_page_furniture_in_any_text(dossier: Dossier) -> None:
    found = []
    for item in dossier:
        for name, value in item.fields:
            for text in field_texts(value):
                found += [
                    (item.id, name, what) for pattern, what in FURNITURE if pattern.search(text)
                ]
    assert found == []


def test_no_running_heading_inside_a_paragraph(dossier: Dossier) -> None:
    """A werkproces or kerntaak heading never reappears inside another item's text."""
    headings = {f"{item.code}: {item.title}" for item in dossier if item.source == "commercie"}
    headings |= {
        f"{item.code} {item.title}"
        for item in dossier
        if item.source == "commercie" and item.type in ("werkproces", "kerntaak")
    }
    leaks = []
    for item in dossier:
        for _, value in item.fields:
            for text in field_texts(value):
                leaks += [(item.id, h) for h in headings if h in text]
    assert leaks == []


def test_every_text_is_clean_and_nonempty(dossier: Dossier) -> None:
    for item in dossier:
        assert item.title == item.title.strip() and item.title
        for _, value in item.fields:
            for text in field_texts(value):
                assert text.strip() == text and text, item.id


def test_not_applicable_werkprocessen(dossier: Dossier) -> None:
    flagged = sorted(item.id for item in dossier if item.not_applicable)
    assert flagged == ["commercie-cgo:2.7", "commercie-cgo:3.3"]


def test_competencies_are_normalised_across_sources(dossier: Dossier) -> None:
    """The same competency is one name everywhere; a source's own spelling is kept aside."""
    item = dossier.items["bcp-2010:3.2"]
    spellings = {c.name: c.source_spelling for c in item.get("competenties")}
    canonical = 'Op de behoeften en verwachtingen van de "klant" richten'
    assert canonical in spellings
    assert "ven de klant richten" in (spellings[canonical] or "")


_HYPHENATED = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")
_WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?![\w-])")


def _printed_inside_a_line() -> set[str]:
    """Hyphenated forms a source text prints inside a line (a line end's hyphen never
    matches): the document's own spelling, e.g. 'communicatie-activiteiten' beside
    'communicatieactiviteiten', or the 's-bb' of a web address."""
    found: set[str] = set()
    for source in SOURCES.glob("*.txt"):
        for line in source.read_text(encoding="utf-8").split("\n"):
            found |= {match.group().lower() for match in _HYPHENATED.finditer(line)}
    return found


def test_no_word_keeps_a_hyphen_from_a_line_break(dossier: Dossier) -> None:
    """'mede-werker' while 'medewerker' is a word elsewhere: a line end's hyphen left inside a
    word. Only a form the sources themselves print hyphenated inside a line may do so."""
    texts = [item.title for item in dossier]
    texts += [text for item in dossier for _, value in item.fields for text in field_texts(value)]
    words = {match.group().lower() for text in texts for match in _WORD.finditer(text)}
    printed = _printed_inside_a_line()
    suspects = {
        match.group()
        for text in texts
        for match in _HYPHENATED.finditer(text)
        if match.group().replace("-", "").lower() in words
    }
    assert sorted(word for word in suspects if word.lower() not in printed) == []
