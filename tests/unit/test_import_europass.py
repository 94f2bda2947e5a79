"""The Europass diplomasupplement importer (commercie-2015) against its committed source text."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from bot.knowledge.importers import parser_for
from bot.knowledge.importers.europass import parse
from tests.unit.importer_support import (
    KNOWLEDGE,
    all_text,
    committed_and_rendered,
    field_strings,
    items_fixture,  # noqa: F401  (the shared `items` fixture)
    items_tsv_rows,
    source_words,
    table_words,
)

SOURCE = KNOWLEDGE / "sources" / "commercie-2015.txt"
SOURCE_ID = "commercie-2015"


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return parse(SOURCE.read_text(encoding="utf-8"), SOURCE_ID)


def test_registered_format() -> None:
    assert parser_for(SOURCE_ID) is parse


def test_items_match_items_tsv(items: dict[str, dict[str, Any]]) -> None:
    expected = items_tsv_rows(SOURCE_ID)
    assert len(expected) == 32
    for row in expected:
        item = items.get(row["id"])
        assert item is not None, row["id"]
        assert item["type"] == row["type"], row["id"]
        assert item.get("parent", "") == row["parent"], row["id"]
        assert item["title"] == row["title"], row["id"]
    assert set(items) == {row["id"] for row in expected}


def test_counts_per_type(data: dict[str, Any]) -> None:
    counts = Counter(item["type"] for item in data["items"])
    assert counts == {"kerntaak": 4, "werkproces": 16, "fact": 12}


def test_items_in_document_order_with_lines(data: dict[str, Any]) -> None:
    lines = [item["line"] for item in data["items"]]
    assert lines == sorted(lines)
    first = {item["id"]: item["line"] for item in data["items"]}
    assert first["commercie-2015:titel"] == 3
    assert first["commercie-2015:K1"] == 23
    assert first["commercie-2015:4.5"] == 49
    assert first["commercie-2015:vervolg"] == 98
    assert first["commercie-2015:aanvullend"] == 128


def test_kerntaken_and_werkprocessen(items: dict[str, dict[str, Any]]) -> None:
    k2 = items["commercie-2015:K2"]
    assert (k2["code"], k2["title"]) == ("K2", "Voert het verkooptraject uit")
    assert "fields" not in k2
    children = [i["title"] for i in items.values() if i.get("parent") == "commercie-2015:K4"]
    assert children == [
        "Voert accountanalyses uit",
        "Stelt accountplannen op",
        "Coördineert de uitvoering van accountplannen en stelt deze bij",
        "Evalueert de accountplannen en stelt verbeteringen voor",
        "Bouwt een netwerk op en onderhoudt dit",
    ]
    wp = items["commercie-2015:1.2"]
    assert wp["code"] == "1.2"
    assert "fields" not in wp  # titles only in this format


def test_beroepen_joined_across_page_break(items: dict[str, dict[str, Any]]) -> None:
    text = items["commercie-2015:beroepen"]["fields"]["tekst"]
    assert text == (
        "De (Junior) accountmanager werkt zowel in het midden- en kleinbedrijf (MKB) als in het "
        "grootbedrijf in een business- business setting. Hij is veelal onderweg naar of op "
        "bezoek bij zakelijke klanten/accounts. Vanuit de binnendienstrol benadert hij zo nodig "
        "potentiële klanten via diverse klantcontactkanalen."
    )


def test_aanvullend_joins_url_and_keeps_keuzedelen(items: dict[str, dict[str, Any]]) -> None:
    item = items["commercie-2015:aanvullend"]
    assert item["title"] == "AANVULLENDE INFORMATIE"
    text = item["fields"]["tekst"]
    assert "Het volledige kwalificatiedossier staat op http://kwalificaties.s-bb.nl/." in text
    assert "AANVULLENDE INFORMATIE" not in text
    assert "De keuzedelen hebben een totale omvang van 15% van de onderwijstijd." in text
    assert "via www.s-bb.nl. Het NRP" in text
    assert len(text.split("\n\n")) == 3


def test_grading_table(items: dict[str, dict[str, Any]]) -> None:
    """No header row in the source (87–96): its first row heads the table, nothing invented."""
    table = items["commercie-2015:beoordeling"]["fields"]["tabel"]
    assert table["kolommen"] == ["10", "uitmuntend"]
    assert len(table["rijen"]) == 9
    assert ["6", "voldoende"] in table["rijen"]
    assert table["rijen"][-1] == ["1", "zeer slecht"]
    assert table_words(table) == source_words(SOURCE, 87, 96)


def test_vervolg_keeps_source_typo_as_title(items: dict[str, dict[str, Any]]) -> None:
    item = items["commercie-2015:vervolg"]
    assert item["title"] == "Toegang tot vervolgoedingen/beroepen"
    assert "source_title" not in item
    assert "hbo-afstudeerrichting Sales- en accountmanagement" in item["fields"]["tekst"]


def test_titel_holds_both_languages(items: dict[str, dict[str, Any]]) -> None:
    item = items["commercie-2015:titel"]
    assert item["source_title"] == "TITEL VAN HET CERTIFICAAT (NL)"
    paragraphs = item["fields"]["tekst"].split("\n\n")
    assert paragraphs[:4] == [
        "Diploma Beroepsonderwijs",
        "Kwalificatie: (Junior) accountmanager",
        "Kwalificatiedossier: Commercie",
        "In de oorspronkelijke taal",
    ]
    assert "VERTAALDE TITEL VAN HET CERTIFICAAT (EN)" in paragraphs
    assert "Qualification: (Junior) account manager" in paragraphs
    assert paragraphs[-1] == "Deze vertaling heeft geen wettelijke status"


def test_facts_students_ask_about(items: dict[str, dict[str, Any]]) -> None:
    def text(key: str) -> str:
        return items[f"commercie-2015:{key}"]["fields"]["tekst"]

    assert "ondertekend door de examencommissie" in text("instanties")
    assert text("instanties").endswith(
        "verzorgt\n\nMinisterie van Onderwijs, Cultuur en Wetenschap"
    )
    assert text("niveau").split("\n\n")[-1] == "NLQF-niveau 4 - EQF-niveau 4 - ISCED 3A"
    assert "(crebo): 25132" in text("grondslag")
    assert "vanaf 1 augustus 2015" in text("grondslag")
    assert "(bol)" in text("leerwegen") and "(bbl)" in text("leerwegen")
    assert text("duur") == "3 jaar (4800 studiebelastingsuren) (afhankelijk van de vooropleiding)"
    assert text("toelating").startswith("Het diploma voorbereidend middelbaar beroepsonderwijs")
    assert "2005/36/EG" in text("internationaal")


def test_no_markup_or_page_furniture(data: dict[str, Any]) -> None:
    furniture = re.compile(
        r"\*\*|#|\\|Toelichting|europass|cedefop|Europese Gemeenschappen|Versie 2010|"
        r"REEKS BEROEPEN TOEGANKELIJK|<[a-z/]|\]\(|\u00a0|  |^\s*[-•§]\s",
        re.IGNORECASE | re.MULTILINE,
    )
    for item_id, text in field_strings(data):
        assert not furniture.search(text), (item_id, text)
        assert "\n\n\n" not in text and not re.search(r"(?<!\n)\n(?!\n)", text)
    for text in all_text(data):
        assert "**" not in text and "#" not in text


def test_source_title(data: dict[str, Any]) -> None:
    assert data["source"] == {
        "id": SOURCE_ID,
        "title": "Europass diplomasupplement (Junior) accountmanager (crebo 25132, 2015)",
    }


def test_generic_format_features() -> None:
    text = (
        "**1. TITEL VAN HET CERTIFICAAT (NL)**\n\nDiploma\n\n"
        "#### 3. BESCHRIJVING VAARDIGHEDEN EN COMPETENTIES\n\nDe taken zijn:\n\n"
        "Kerntaak 1: Doet iets\n\n- 1.1 Eerste stap\n- 1.2 Tweede\n  stap\n\n"
        "#### 7. AANVULLENDE INFORMATIE\n\n- punt een\n- punt twee\n\nZie [site](http://x.nl/a)\n"
    )
    parsed = parse(text, "x")
    by_id = {item["id"]: item for item in parsed["items"]}
    assert list(by_id) == ["x:titel", "x:K1", "x:1.1", "x:1.2", "x:aanvullend"]
    assert by_id["x:1.2"]["title"] == "Tweede stap"
    assert by_id["x:aanvullend"]["fields"] == {
        "lijst": ["punt een", "punt twee"],
        "tekst": "Zie site (http://x.nl/a)",
    }


def test_reparse_is_identical(data: dict[str, Any]) -> None:
    again = parse(SOURCE.read_text(encoding="utf-8"), SOURCE_ID)
    assert again == data


def test_committed_yaml_matches_importer() -> None:
    path = KNOWLEDGE / f"{SOURCE_ID}.yaml"
    assert path.is_file(), "run the import to write knowledge/commercie-2015.yaml"
    committed, rendered = committed_and_rendered(SOURCE, SOURCE_ID, SOURCE_ID)
    assert committed == rendered
