"""The SBB beroepenonderzoek importer against its committed source text."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from bot.knowledge.importers import parser_for
from bot.knowledge.importers.beroepenonderzoek import parse
from tests.unit.importer_support import (
    KNOWLEDGE,
    all_text,
    committed_and_rendered,
    items_fixture,  # noqa: F401  (the shared `items` fixture)
    items_tsv_rows,
    strings,
)

SOURCE = KNOWLEDGE / "sources" / "beroepenonderzoek.txt"
SOURCE_ID = "beroepenonderzoek"
P = f"{SOURCE_ID}:"

# The "Competenties bcp" list of every role, as printed (typos fixed), wherever it landed.
COMPETENCIES = {
    "4.1.2": [
        "Beïnvloeden",
        "Klantgericht handelen",
        "Omgaan met procedures",
        "Flexibel handelen",
        "Doorzetten",
        "Financieel handelen",
    ],
    "4.2.2": [
        "Samenwerken",
        "Omgevingsbewust handelen",
        "Technologie inzetten",
        "Klantgericht handelen",
        "Omgaan met procedures",
        "Financieel handelen",
    ],
    "4.3.2": [
        "Analyseren",
        "Technologie inzetten",
        "Omgaan met procedures inzetten",
        "Flexibel handelen",
        "Expertise inzetten",
        "Samenwerken",
        "Ondernemen",
    ],
    "4.4.2": [
        "Omgevingsbewust handelen",
        "Schriftelijk communiceren",
        "Omgaan met procedures inzetten",
        "Technologie inzetten",
        "Expertise inzetten",
        "Organiseren van werk",
    ],
    "5.1.2": [
        "Klantgericht handelen",
        "Beïnvloeden",
        "Analyseren",
        "Financieel handelen",
        "Omgaan met procedures",
        "Omgevingsbewust handelen",
    ],
    "5.2.2": [
        "Beïnvloeden",
        "Klantgericht handelen",
        "Netwerken",
        "Flexibel handelen",
        "Doorzetten",
        "Omgevingsbewust handelen",
        "Besluit nemen",
    ],
    "5.3.2": [
        "Ondernemen",
        "Analyseren",
        "Expertise inzetten",
        "Samenwerken",
        "Schriftelijk communiceren",
        "Omgevingsbewust handelen",
    ],
}
ROLE_TABLE_HEADERS = (
    "Beschrijving onderdelen/werkzaamheden rol",
    "Benodigde kennis en vaardigheden bcp",
    "Competenties bcp",
)


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return parse(SOURCE.read_text(encoding="utf-8"), SOURCE_ID)


def _fields(items: dict[str, dict[str, Any]], code: str) -> dict[str, Any]:
    return items[P + code].get("fields", {})


def _paragraphs(items: dict[str, dict[str, Any]], code: str) -> list[str]:
    return _fields(items, code)["tekst"].split("\n\n")


def _table_rows(data: dict[str, Any], code: str) -> list[list[str]]:
    item = next(item for item in data["items"] if item["code"] == code)
    return item["fields"]["tabel"]["rijen"]


# --- the item list --------------------------------------------------------------------------


def test_items_match_items_tsv_exactly(data: dict[str, Any]) -> None:
    expected = {
        row["id"]: [row["type"], row["parent"], row["title"]] for row in items_tsv_rows(SOURCE_ID)
    }
    got = {
        item["id"]: [item["type"], item.get("parent", ""), item["title"]] for item in data["items"]
    }
    assert got == expected
    assert len(data["items"]) == 52


def test_counts_and_order(data: dict[str, Any]) -> None:
    assert Counter(item["type"] for item in data["items"]) == {"sectie": 52}
    lines = [item["line"] for item in data["items"]]
    assert lines == sorted(lines)
    assert [item["id"] for item in data["items"]][:8] == [
        P + c for c in ("1", "2", "2.1", "2.2", "2.3", "2.3b", "2.4", "3")
    ]


def test_registered_and_code_matches_id(data: dict[str, Any]) -> None:
    assert parser_for("beroepenonderzoek") is parse
    assert data["source"] == {
        "id": SOURCE_ID,
        "title": "SBB beroepenonderzoek Commercieel medewerker en (junior) accountmanager (2021)",
    }
    for item in data["items"]:
        assert item["id"] == P + item["code"]
        assert list(item)[:3] == ["id", "type", "code"]


# --- numbering traps --------------------------------------------------------------------------


def test_section_2_3_printed_twice(items: dict[str, dict[str, Any]]) -> None:
    first, second = items[P + "2.3"], items[P + "2.3b"]
    assert (first["title"], first["line"]) == ("Functienamen", 289)
    assert (second["title"], second["line"]) == ("Loopbaanperspectief en verwante beroepen", 332)
    assert _paragraphs(items, "2.3")[0].startswith(
        "Aan gesprekspartners is gevraagd naar de functienamen en functieprofielen"
    )
    assert _paragraphs(items, "2.3b")[0].startswith(
        "De mbo-beroepen commercieel medewerker en (junior) accountmanager hebben brede "
        "doorgroeimogelijkheden."
    )
    assert _fields(items, "2.3")["tabel"]["kolommen"] == [
        "Opgenomen in bcp’s",
        "Genoemd in kwalitatieve interviews",
    ]
    table = _fields(items, "2.3b")["tabel"]
    assert table["kolommen"] == [
        "Verwante beroepen",
        "Opgenomen in bcp",
        "Genoemd in kwalitatieve interviews",
    ]
    assert table["rijen"][1] == [
        "(junior) accountmanager",
        "Verkoopleider, sales manager, senior (junior) accountmanager, vestigingsleider, "
        "regiomanager, commercieel medewerker",
        "Vestigingsmanager, consultancy professional",
    ]


def test_misnumbered_subsections_get_their_roles_code(items: dict[str, dict[str, Any]]) -> None:
    webshop = items[P + "4.4.4"]  # printed "4.1.4" at line 1411
    assert (webshop["line"], webshop["parent"]) == (1411, P + "4.4")
    assert "namelijk: flexibiliteit en assertiviteit." in webshop["fields"]["tekst"]
    assert "in de avond of in het weekend" in webshop["fields"]["tekst"]
    first = items[P + "4.1.4"]
    assert first["line"] == 937
    assert "weekend" not in first["fields"]["tekst"]
    relation = items[P + "5.1.1"]  # printed "5.2.1" at line 1480
    assert (relation["line"], relation["parent"]) == (1480, P + "5.1")
    assert relation["title"] == "Beschrijving rol relatiebeheerder"
    assert _paragraphs(items, "5.1.1")[0] == (
        "De relatiebeheerder is mede verantwoordelijk voor het behouden van duurzame relatie "
        "met accounts."
    )
    assert items[P + "5.2.1"]["line"] == 1672
    assert P + "5.3.4" not in items


def test_numbered_list_items_are_not_sections(items: dict[str, dict[str, Any]]) -> None:
    assert _fields(items, "4")["lijst"] == [
        "1. Medewerker verkoop en klantencontact;",
        "2. Commercieel administratief medewerker;",
        "3. Commercieel ondersteuner;",
        "4. Webshopmedewerker/ medewerker webshopbeheer.",
    ]
    assert _fields(items, "5")["lijst"] == [
        "1. Relatiebeheerder;",
        "2. Vertegenwoordiger;",
        "3. Commercieel beleidsondersteuner.",
    ]
    for title in ("Medewerker verkoop en klantencontact;", "Relatiebeheerder;", "SKOR"):
        assert all(item["title"] != title for item in items.values())
    chapter6 = _paragraphs(items, "6")
    start = chapter6.index("Rollen junior accountmanager:")
    assert chapter6[start + 1 : start + 4] == [
        "1. Relatiebeheerder;",
        "2. Vertegenwoordiger;",
        "3. Commercieel beleidsondersteuner.",
    ]
    assert "lijst" not in _fields(items, "6")


def test_appendix_rows(items: dict[str, dict[str, Any]]) -> None:
    fields = _fields(items, "bijlage1")
    table = fields["tabel"]
    assert table["kolommen"] == ["Organisatie", "SBI-indeling"]
    assert len(table["rijen"]) == 13
    assert table["rijen"][2] == [
        "Athlon Car Lease Nederland B.V.",
        "Verhuur van roerende goederen en overige zakelijke dienstverlening",
    ]
    assert table["rijen"][-1] == ["FONQ", "Detailhandel"]
    assert fields["lijst"] == [
        "1. SKOR",
        "2. Evofenedex",
        "3. Rabobank",
        "4. Suplacon",
        "5. GJK Food Trading B.V.",
    ]


def test_wrapped_chapter_titles(items: dict[str, dict[str, Any]]) -> None:
    assert items[P + "4"]["title"].endswith("van de commercieel medewerker")
    assert items[P + "5"]["title"].endswith("van de (junior) accountmanager")
    assert _paragraphs(items, "4")[0].startswith("In dit hoofdstuk staat de beschrijving")
    assert items[P + "3.2"]["title"] == "Veranderende klant"  # printed "3.2   Veranderende"


# --- displaced competency lists and role tables ---------------------------------------------


def test_every_role_has_its_competency_list(items: dict[str, dict[str, Any]]) -> None:
    for code, names in COMPETENCIES.items():
        expected = [f"{n}. {name}" for n, name in enumerate(names, start=1)]
        assert _fields(items, code)["lijst"] == expected, code
        assert list(_fields(items, code)) == ["tekst", "lijst"]


def test_competencies_left_the_sections_they_landed_in(items: dict[str, dict[str, Any]]) -> None:
    names = {name for names in COMPETENCIES.values() for name in names}
    for code in ("4.1.3", "4.3.3", "5.1.3", "5.2.3", "5.3.3", "4.1.4"):
        for text in strings(_fields(items, code)):
            for entry in text.split("\n\n"):
                assert re.sub(r"^\d+\. ", "", entry) not in names, (code, entry)
    assert "lijst" not in _fields(items, "4.1.4")
    assert _paragraphs(items, "4.1.4")[-1].startswith(
        "Door een aantal gesprekspartners is aangegeven dat voor de functie van commercieel "
        "medewerker ook een hbo-denkniveau gevraagd kan worden."
    )


def test_knowledge_tables_are_whole_again(items: dict[str, dict[str, Any]]) -> None:
    sizes = {
        "4.1.3": 20,
        "4.2.3": 12,
        "4.3.3": 11,
        "4.4.3": 11,
        "5.1.3": 19,
        "5.2.3": 21,
        "5.3.3": 17,
    }
    for code, size in sizes.items():
        entries = _fields(items, code)["lijst"]
        assert [int(e.split(".")[0]) for e in entries] == list(range(1, size + 1)), code
    vertegenwoordiger = _fields(items, "5.2.3")["lijst"]
    assert vertegenwoordiger[6:8] == [
        "7. Kennis van de fasen van een verkoopgesprek en koopgedrag bevorderende factoren",
        "8. Kennis van de organisatie-eisen ten aanzien van offertes, contracten en facturen",
    ]
    relatie = _fields(items, "5.1.3")["lijst"]
    assert relatie[7:9] == [
        "8. Kennis van het klachtenbeleid van de organisatie",
        "9. Kennis van de procedures op het gebied van privacy/dataverwerking",
    ]


def test_role_tables_across_page_breaks(items: dict[str, dict[str, Any]]) -> None:
    assert _fields(items, "4.3.1")["lijst"][1] == (
        "2. Hij verzamelt daarnaast in opdracht informatie over (potentiële) klanten, producten "
        "en diensten, de concurrentie en de ontwikkelingen in de branche en regio. Hij maakt "
        "hiervoor gebruik van (digitale) nieuws- en informatiebronnen (zoals de KvK) en "
        "informatie van de eigen organisatie. Ook draagt hij bij aan periodieke "
        "omzetrapportages. Hij legt de verzamelde informatie vast in het (digitale) systeem of "
        "rapporteert deze aan zijn leidinggevende/(junior) accountmanager."
    )
    entry = _fields(items, "5.1.1")["lijst"][2]  # broken by the legend and a repeated header
    assert "prijsberekening en/of het opstellen en versturen van een offerte." in entry
    assert len(_fields(items, "5.1.1")["lijst"]) == 5
    assert len(_fields(items, "5.2.1")["lijst"]) == 6
    assert len(_fields(items, "5.3.1")["lijst"]) == 4


def test_no_repeated_table_header_or_legend(data: dict[str, Any]) -> None:
    for text in all_text(data):
        for header in ROLE_TABLE_HEADERS:
            assert header not in text
        assert "Sluit goed aan" not in text
        assert "Sluit onvoldoende aan" not in text
        assert not text.startswith("Tabel x")
    for code in ("2.3", "2.3b"):  # table 2's header, printed again after its page break
        cells = strings(_table_rows(data, code))
        assert not any("Genoemd in kwalitatieve interviews" in cell for cell in cells)


def test_role_descriptions_hold_the_tasks(items: dict[str, dict[str, Any]]) -> None:
    fields = _fields(items, "5.2.1")
    assert _paragraphs(items, "5.2.1")[0] == (
        "De vertegenwoordiger is verantwoordelijk voor het vinden en realiseren van nieuwe "
        "klanten/ marges conform de gestelde verkooptargets."
    )
    assert fields["lijst"][0].startswith(
        "1. De (junior) accountmanager gaat op basis van het marktbewerkingsplan aan de slag"
    )
    notes = _paragraphs(items, "4.1.1")
    assert notes[notes.index("Toelichting tabel") + 1].startswith(
        "2. Samenwerken is hierbij ‘key’"
    )
    assert "creditnota’s" in _fields(items, "4.2.1")["lijst"][1]


def test_typos_fixed(data: dict[str, Any], items: dict[str, dict[str, Any]]) -> None:
    text = "\n".join(all_text(data))
    assert "Kantgericht" not in text
    assert "Beinvloeden" not in text
    assert _fields(items, "5.1.2")["lijst"][0] == "1. Klantgericht handelen"


# --- text quality -----------------------------------------------------------------------------


def test_footnotes_moved_out_of_sentences(items: dict[str, dict[str, Any]]) -> None:
    assert (
        "Het begrijpen van de menselijke psyche in relatie tot koopgedrag"
        in (_fields(items, "3.2")["tekst"])
    )
    assert "een groei van 35 procent ten opzichte van 2019[8]." in _fields(items, "3.1")["tekst"]
    owners = {
        1: "2.1",
        2: "2.1",
        3: "2.1",
        4: "2.2",
        5: "2.3",
        6: "2.3b",
        7: "3",
        8: "3.1",
        9: "3.1",
        10: "4.1.3",
        11: "5.1.3",
    }
    for number, code in owners.items():
        paragraphs = _paragraphs(items, code)
        notes = [p for p in paragraphs if p.startswith(f"[{number}] ")]
        assert len(notes) == 1, number
        # footnotes close the text, after every paragraph of the section itself
        tail = paragraphs[paragraphs.index(notes[0]) :]
        assert all(re.match(r"\[\d+\] ", p) for p in tail)
        assert sum(f"[{number}]" in p for p in paragraphs) == 2  # marker + note
    assert _paragraphs(items, "2.3b")[-1].startswith("[6] De commercieel medewerker heeft")


def test_tables_of_chapter_2(items: dict[str, dict[str, Any]]) -> None:
    table = _fields(items, "2.1")["tabel"]
    assert table["kolommen"] == [
        "SBI-indeling",
        "(Junior) accountmanager",
        "Commercieel medewerker",
    ]
    assert len(table["rijen"]) == 22
    assert [
        "Productie en distributie van en handel in elektriciteit, aardgas, stoom en "
        "gekoelde lucht",
        "0,1%",
        "0,10%",
    ] in table["rijen"]
    assert table["rijen"][-1][1:] == ["10.235", "11.763"]
    rows = _fields(items, "2.3")["tabel"]["rijen"]
    assert len(rows) == 2
    assert rows[1][0].startswith("(Junior) accountmanager, vertegenwoordiger,")


def test_covid_section(items: dict[str, dict[str, Any]]) -> None:
    assert items[P + "3.6"]["title"] == "COVID-19"
    assert _fields(items, "3.6")["tekst"].startswith("COVID-19 heeft de manier van werken")


def test_no_furniture_glyphs_or_html(data: dict[str, Any]) -> None:
    for text in all_text(data):
        assert "\u00a0" not in text
        assert not re.search(r"<[a-z/][^>]*>", text)
        assert not re.search(r"(^|\n)\s*[•§\uf0b7-]", text), text[:60]
        assert "  " not in text
        assert text == text.strip()
        assert "\n\n\n" not in text
        assert not re.search(r"(^|\n)\d+ van \d+", text)


def test_paragraphs_are_joined(data: dict[str, Any]) -> None:
    for item in data["items"]:
        for paragraph in item.get("fields", {}).get("tekst", "").split("\n\n"):
            assert "\n" not in paragraph
            assert not paragraph[:1].islower(), (item["id"], paragraph[:60])


# --- determinism ------------------------------------------------------------------------------


def test_reparse_is_identical(data: dict[str, Any]) -> None:
    assert parse(SOURCE.read_text(encoding="utf-8"), SOURCE_ID) == data


def test_committed_yaml_matches_importer() -> None:
    committed, rendered = committed_and_rendered(SOURCE, "beroepenonderzoek", SOURCE_ID)
    assert committed == rendered
