"""The current SBB kwalificatiedossier importer (commercie) against its committed source text."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from bot.knowledge.competencies import STANDARD_COMPETENCIES
from bot.knowledge.importers import parser_for
from bot.knowledge.importers.sbb_dossier import overview_entries, parse
from tests.unit.importer_support import (
    KNOWLEDGE,
    all_text,
    committed_and_rendered,
    items_fixture,  # noqa: F401  (the shared `items` fixture)
    items_tsv_rows,
    source_words,
    table_words,
)

SOURCE = KNOWLEDGE / "sources" / "commercie.txt"
SOURCE_ID = "commercie"


@pytest.fixture(scope="module")
def text() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def data(text: str) -> dict[str, Any]:
    return parse(text, SOURCE_ID)


def _fields(items: dict[str, dict[str, Any]], code: str) -> dict[str, Any]:
    return items[f"{SOURCE_ID}:{code}"]["fields"]


def _group(items: dict[str, dict[str, Any]], code: str, title: str | None) -> list[str]:
    groups = [g for g in _fields(items, code)["vakkennis"] if g["titel"] == title]
    assert len(groups) == 1, (code, title)
    return groups[0]["items"]


def _names(entries: list[dict[str, str]]) -> list[str]:
    return [entry["naam"] for entry in entries]


# --- contract --------------------------------------------------------------------------------


def test_registered_format() -> None:
    assert parser_for("commercie") is parse


def test_items_match_items_tsv(items: dict[str, dict[str, Any]]) -> None:
    expected = items_tsv_rows(SOURCE_ID)
    assert len(expected) == 102
    for row in expected:
        item = items.get(row["id"])
        assert item is not None, row["id"]
        assert item["type"] == row["type"], row["id"]
        assert item.get("parent", "") == row["parent"], row["id"]
        assert item["title"] == row["title"], row["id"]
    assert set(items) == {row["id"] for row in expected}


def test_counts_per_type(data: dict[str, Any]) -> None:
    counts = Counter(item["type"] for item in data["items"])
    assert counts == {"werkproces": 77, "kerntaak": 15, "profiel": 6, "basisdeel": 1, "fact": 3}


def test_fields_per_type(data: dict[str, Any]) -> None:
    expected = {
        "werkproces": ["omschrijving", "resultaat", "gedrag", "competenties"],
        "kerntaak": ["complexiteit", "verantwoordelijkheid", "vakkennis"],
        "profiel": ["niveau", "typering", "beroepsvereisten"],
        "basisdeel": ["context", "beroepshouding", "resultaat"],
    }
    for item in data["items"]:
        if item["type"] in expected:
            assert list(item["fields"]) == expected[item["type"]], item["id"]


def test_document_order_and_lines(data: dict[str, Any]) -> None:
    lines = [item["line"] for item in data["items"]]
    assert lines == sorted(lines)
    by_id = {item["id"]: item["line"] for item in data["items"]}
    assert by_id["commercie:leeswijzer"] == 1
    assert by_id["commercie:overzicht"] == 38
    assert by_id["commercie:B1"] == 275
    assert by_id["commercie:B1-K1-W1"] == 424
    assert by_id["commercie:generiek"] == 773
    assert by_id["commercie:P6-K3-W6"] == 4877


def test_source_title(data: dict[str, Any]) -> None:
    assert data["source"] == {"id": "commercie", "title": "Kwalificatiedossier Commercie"}


# --- full texts across page breaks ---------------------------------------------------------


def test_b1_k1_vakkennis_without_running_header(items: dict[str, dict[str, Any]]) -> None:
    groups = _fields(items, "B1-K1")["vakkennis"]
    assert [g["titel"] for g in groups] == [
        "Basiskennis bedrijfskunde", "Beroepsgericht rekenen", "Commercieel aanbod",
        "Commercieel werkveld", "Customer journey", "E-commerce en data", "ICT en webbeheer",
        "Interne bedrijfsprocessen", "Professionele ontwikkeling", "Technologie en innovatie",
        "Wet- en regelgeving",
    ]  # fmt: skip
    basis = _group(items, "B1-K1", "Basiskennis bedrijfskunde")
    assert len(basis) == 12
    assert basis[0] == "heeft kennis van (online) advies- en verkoopprocessen"
    assert basis[-1] == (
        "heeft kennis van een systeem voor relatiebeheer en CRM (Customer Relationship Management)"
    )
    # line 396 repeats the kerntaak heading in the middle of this category
    assert _group(items, "B1-K1", "Customer journey") == [
        "heeft kennis van klantgroepen",
        "heeft kennis van klantcontact- en verkoopkanalen",
        "kan fases van de customer journey uitleggen",
        "kan klantgedrag inschatten",
    ]
    # a bullet wrapped across a blank line (381-383)
    assert _group(items, "B1-K1", "Commercieel aanbod") == [
        "heeft kennis van eigenschappen, kenmerken en toepassingen van het commerciële aanbod "
        "van een onderneming"
    ]


def test_b1_k1_w1_gedrag_and_competencies(items: dict[str, dict[str, Any]]) -> None:
    fields = _fields(items, "B1-K1-W1")
    assert fields["gedrag"] == [
        "gaat proactief op zoek naar relevante informatie;",
        "gebruikt informatiebronnen doelgericht en efficiënt;",
        "toetst informatie kritisch op (commerciële) bruikbaarheid, relevantie en juistheid;",
        "legt verzamelde informatie zorgvuldig en vindbaar vast;",
        "toont inzicht in (commerciële) doelen van en werkzaamheden in de onderneming;",
        "legt logische relaties tussen en trekt logische conclusies over de marktpositie van "
        "de onderneming.",
    ]
    assert fields["competenties"] == [
        {"naam": "Samenwerken en overleggen"},
        {"naam": "Formuleren en rapporteren"},
        {"naam": "Vakdeskundigheid toepassen"},
        {"naam": "Onderzoeken"},
        {"naam": "Beslissen en activiteiten initiëren"},
    ]
    assert fields["resultaat"] == (
        "Relevante informatie over de marktpositie van de onderneming is verzameld, "
        "geïnterpreteerd en gedeeld. Collega's en een leidinggevende zijn op de hoogte gebracht."
    )


def test_b1_k2_w2_omschrijving_without_running_header(items: dict[str, dict[str, Any]]) -> None:
    text = _fields(items, "B1-K2-W2")["omschrijving"]
    assert "B1-K2-W2" not in text
    assert "\n" not in text
    assert "De beginnend beroepsbeoefenaar stemt de voorstellen af met de betrokkenen," in text
    assert "voorlichtings-, promotie- en pr-materiaal" in text
    assert text.endswith("huisregels en huisstijl.")


def test_gedrag_across_page_break(items: dict[str, dict[str, Any]]) -> None:
    gedrag = _fields(items, "P1-K1-W4")["gedrag"]  # header at line 1063 inside the list
    assert len(gedrag) == 7
    assert gedrag[0].startswith("neemt actief de leiding in gesprekken/contact")
    assert gedrag[1] == "luistert actief naar wensen en antwoorden;"
    assert gedrag[4] == (
        "verwerkt parate vakkennis over het commerciële aanbod, trends en ontwikkelingen en "
        "wet- en regelgeving passend in verkoopargumenten;"
    )


def test_page_number_page_break(items: dict[str, dict[str, Any]]) -> None:
    # '16 van 87' (641) and a header (645) inside B1-K2's category
    assert _group(items, "B1-K2", "(e-)Marketing en communicatie") == [
        "heeft kennis van marketing- en communicatie-instrumenten",
        "heeft kennis van marketing- en communicatiemodellen en van marketing- en "
        "communicatietheorieën",
        "heeft kennis van marketing- en communicatieprocessen",
        "heeft kennis van marketing- en communicatiebegrippen",
        "heeft kennis van communicatiekanalen",
        "heeft kennis van online zoekmachines",
        "kan correct taalgebruik toepassen",
        "kan communiceren met interne en externe betrokkenen",
    ]


# --- headings lost at page breaks -----------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "line", "title", "start"),
    [
        ("P2-K1-W2", 1378, "Matcht kandidaten en vacatures",
         "De consulent commerciële arbeidsbemiddeling gebruikt verzamelde informatie"),
        ("P2-K1-W4", 1438, "Informeert en adviseert flexwerkers en opdrachtgevers",
         "De consulent commerciële arbeidsbemiddeling informeert flexwerkers"),
        ("P4-K2-W1", 2697, "Bereidt een commercieel traject voor",
         "De junior accountmanager oriënteert zich op een commercieel traject."),
    ],
)  # fmt: skip
def test_lost_werkproces_headings(
    items: dict[str, dict[str, Any]], code: str, line: int, title: str, start: str
) -> None:
    item = items[f"{SOURCE_ID}:{code}"]
    assert (item["type"], item["line"], item["title"]) == ("werkproces", line, title)
    assert item["parent"] == f"{SOURCE_ID}:{code.rsplit('-', 1)[0]}"
    assert item["fields"]["omschrijving"].startswith(start)
    assert list(item["fields"]) == ["omschrijving", "resultaat", "gedrag", "competenties"]


@pytest.mark.parametrize(
    ("code", "line", "title", "start"),
    [
        ("P2-K2", 1492, "Verricht commerciële, netwerk- en acquisitieactiviteiten",
         "De consulent commerciële arbeidsbemiddeling combineert organisatieafhankelijke"),
        ("P5-K2", 3182, "Coördineert operationele processen en werkzaamheden",
         "De werkzaamheden van een junior manager groothandel zijn gericht op organiseren"),
    ],
)  # fmt: skip
def test_lost_kerntaak_headings(
    items: dict[str, dict[str, Any]], code: str, line: int, title: str, start: str
) -> None:
    item = items[f"{SOURCE_ID}:{code}"]
    assert (item["type"], item["line"], item["title"]) == ("kerntaak", line, title)
    assert item["fields"]["complexiteit"].startswith(start)
    assert list(item["fields"]) == ["complexiteit", "verantwoordelijkheid", "vakkennis"]


def test_lost_headings_leave_previous_items_intact(items: dict[str, dict[str, Any]]) -> None:
    assert _names(_fields(items, "P2-K1-W1")["competenties"]) == [
        "Samenwerken en overleggen", "Formuleren en rapporteren",
        'Op de behoeften en verwachtingen van de "klant" richten', "Overtuigen en beïnvloeden",
        "Presenteren",
    ]  # fmt: skip
    assert _names(_fields(items, "P2-K1-W5")["competenties"])[-1] == "Vakdeskundigheid toepassen"
    wet = _group(items, "P4-K2", "Wet- en regelgeving")
    assert wet == [
        "heeft specialistische kennis van branchewetgeving",
        "heeft specialistische kennis van contracten, verbintenissen en aansprakelijkheid",
    ]
    # the running header of the lost P5-K2 heading (3255) is dropped, not a new item
    assert _group(items, "P5-K2", "ICT en webbeheer")[0] == "heeft kennis van databases"


# --- vakkennis categories vs wrapped bullets ------------------------------------------------


def test_parenthesised_continuations_are_not_categories(data: dict[str, Any]) -> None:
    titles = Counter(
        group["titel"]
        for item in data["items"]
        for group in item.get("fields", {}).get("vakkennis", [])
    )
    assert not [t for t in titles if t is None or t.startswith(("(sales)", "(product)"))]
    assert titles["(e-)Logistiek"] == 10
    assert titles["(e-)Marketing en communicatie"] == 13


def test_sales_en_service_joined(items: dict[str, dict[str, Any]]) -> None:
    relation = (
        "heeft specialistische kennis van de relatie tussen Customer Relation Management (CRM), "
        "marketing, verkoop (sales) en service"
    )
    for code in ("P4-K1", "P4-K2", "P5-K2", "P5-K3", "P6-K2", "P6-K3"):
        assert relation in _group(items, code, "Customer journey"), code
    assert _group(items, "P1-K1", "(e-)Logistiek") == [
        "heeft kennis van supply chain management",
        "heeft kennis van e-fulfilment",
        "kan bestellingen, leveringen en retouren (administratief) verwerken",
    ]
    assert _group(items, "P3-K1", "Wet- en regelgeving")[0] == (
        "heeft specialistische kennis van relevante wet- en regelgeving, zoals merkenrecht, "
        "portret- en auteursrecht, (product)veiligheid en - aansprakelijkheid en AVG"
    )


def test_capitalised_continuation_after_comma(items: dict[str, dict[str, Any]]) -> None:
    wet = _group(items, "P2-K1", "Wet- en regelgeving")
    assert wet[2] == (
        "heeft specialistische kennis van wet- en regelgeving in de flexbranche, waaronder Wet "
        "arbeid vreemdelingen, Algemene wet gelijke behandeling, Wet allocatie arbeidskrachten "
        "door intermediairs (Waadi), Wet arbeidsvoorwaarden grensoverschrijdende arbeid (waga)"
    )
    assert len(wet) == 7


# --- end of file, overview, profiles, facts ------------------------------------------------


def test_last_competencies_at_eof(items: dict[str, dict[str, Any]]) -> None:
    assert _names(_fields(items, "P6-K3-W6")["competenties"]) == [
        "Samenwerken en overleggen", "Relaties bouwen en netwerken",
        "Formuleren en rapporteren", "Vakdeskundigheid toepassen", "Analyseren",
        'Op de behoeften en verwachtingen van de "klant" richten',
        "Instructies en procedures opvolgen",
    ]  # fmt: skip


def test_competencies_are_standard(data: dict[str, Any]) -> None:
    for item in data["items"]:
        if item["type"] == "werkproces":
            names = _names(item["fields"]["competenties"])
            assert names and set(names) <= set(STANDARD_COMPETENCIES), item["id"]


def test_overview_lists_every_code(text: str) -> None:
    entries = overview_entries(text)
    assert len(entries) == 99  # basisdeel, 6 profielen, 15 kerntaken, 77 werkprocessen
    titles = {entry.code: entry.title for entry in entries}
    # a page header 'P6 Junior manager internationale handel' (270) sits inside P6-K3's list
    assert [(code, titles[code]) for code in titles if code.startswith("P6-K3")] == [
        ("P6-K3", "Voert een commercieel traject uit"),
        ("P6-K3-W1", "Bereidt een commercieel traject voor"),
        ("P6-K3-W2", "Acquireert klanten en/of opdrachten"),
        ("P6-K3-W3", "Voert een verkoopgesprek"),
        ("P6-K3-W4", "Doet klanten een commercieel aanbod"),
        ("P6-K3-W5", "Verzorgt het interne ordertraject"),
        ("P6-K3-W6", "Voert aftersales uit"),
    ]
    # two columns: a kerntaak and its first werkproces on one line; wrapped titles
    assert titles["B1-K1-W1"] == "Brengt de marktpositie van de onderneming in kaart"
    assert titles["P3-K1"] == (
        "Evalueert data en doet verbetervoorstellen voor de digitale customer journey"
    )
    assert titles["P6-K1"] == "Verzorgt en optimaliseert import- en/of exportprocessen"
    assert titles["B1"] == "Basisdeel"


def test_overview_table(items: dict[str, dict[str, Any]]) -> None:
    table = _fields(items, "overzicht")["tabel"]
    assert table["kolommen"] == [
        "Naam profiel", "Mbo-niveau (EQF-niveau)", "Beroepsvereisten",
        "Typering van de kwalificatie",
    ]  # fmt: skip
    assert table["rijen"][0] == ["P1 Commercieel medewerker", "3", "Nee", "vakopleiding"]
    assert table["rijen"][1] == [
        "P2 Consulent commerciële arbeidsbemiddeling", "4", "Nee", "middenkaderopleiding",
    ]  # fmt: skip
    assert [row[0][:2] for row in table["rijen"]] == ["P1", "P2", "P3", "P4", "P5", "P6"]


def test_overview_table_has_the_words_of_the_source(items: dict[str, dict[str, Any]]) -> None:
    """Header and rows (lines 39–60) as printed: no column name added ('Profiel') or lost
    ('(EQF-niveau)'), whatever the wrapping."""
    table = _fields(items, "overzicht")["tabel"]
    assert table_words(table) == source_words(SOURCE, 39, 60)


def test_profiles(items: dict[str, dict[str, Any]]) -> None:
    p1 = _fields(items, "P1")
    assert (p1["niveau"], p1["beroepsvereisten"]) == ("3", "Nee")
    assert p1["typering"].startswith("Een commercieel medewerker werkt (meestal) in een")
    assert p1["typering"].count("\n\n") == 1
    assert [_fields(items, f"P{n}")["niveau"] for n in range(2, 7)] == ["4"] * 5


def test_basisdeel(items: dict[str, dict[str, Any]]) -> None:
    b1 = _fields(items, "B1")
    assert b1["resultaat"] == (
        "Gewenste commerciële doelen zijn bereikt met een goed evenwicht tussen "
        "ondernemingsbelang en klantbelang."
    )
    assert (
        "met ondersteuning van onder andere (e-)marketing, (e-)ICT en (e-)logistiek,"
        in (b1["context"])
    )
    assert b1["context"].endswith("ook interne klant en (interne) opdrachtgever te lezen.")
    assert b1["beroepshouding"].startswith("De beginnend beroepsbeoefenaar* is commercieel,")


def test_leeswijzer_and_generiek(items: dict[str, dict[str, Any]]) -> None:
    leeswijzer = _fields(items, "leeswijzer")["tekst"].split("\n\n")
    assert "Opbouw dossier" in leeswijzer
    assert (
        "a. De beroepsspecifieke onderdelen. Dit betreft gemeenschappelijke kerntaken en "
        "werkprocessen voor het gehele kwalificatie - dossier."
    ) in leeswijzer
    generiek = _fields(items, "generiek")["tekst"].split("\n\n")
    assert generiek[1::2] == [
        "Nederlandse taal", "Rekenen", "Loopbaan en burgerschap", "Engels (alleen voor niveau 4)",
    ]  # fmt: skip
    assert generiek[2].startswith("Het generieke examenonderdeel Nederlandse taal maakt deel")


# --- clean text ------------------------------------------------------------------------------


def test_no_page_furniture_or_markup(data: dict[str, Any]) -> None:
    furniture = re.compile(
        r"\b\d+ van \d+\b"  # page numbers
        r"|\b[BP]\d+-K\d+"  # running headers
        r"|<[a-z/][^>]*>"  # HTML
        r"|[§•\u00a0]|  "  # bullet glyphs, NBSP, runs of spaces
        r"|(^|\n)\s*-\s"  # bullets left at a line start (a '* ' footnote paragraph is text)
        r"|De onderliggende competenties"
    )
    for value in all_text(data):
        assert not furniture.search(value), value
        assert value == value.strip(), value
        assert "\n" not in value.replace("\n\n", ""), value  # only paragraph breaks


def test_paragraphs_are_whole_sentences(data: dict[str, Any]) -> None:
    for item in data["items"]:
        if item["type"] in ("werkproces", "kerntaak", "basisdeel"):
            for name, value in item["fields"].items():
                if isinstance(value, str):
                    for paragraph in value.split("\n\n"):
                        first = paragraph.removeprefix("* ")  # the basisdeel's footnotes
                        assert first[0].isupper(), (item["id"], name, paragraph)
                        assert paragraph.endswith((".", ")")), (item["id"], name, paragraph)


def test_lists_keep_their_punctuation(data: dict[str, Any]) -> None:
    for item in data["items"]:
        if item["type"] == "werkproces":
            for entry in item["fields"]["gedrag"]:
                assert entry[0].islower() and entry.endswith((";", ".")), (item["id"], entry)


def test_reparse_is_identical(text: str, data: dict[str, Any]) -> None:
    assert parse(text, SOURCE_ID) == data


def test_committed_yaml_is_current() -> None:
    committed, rendered = committed_and_rendered(SOURCE, "commercie", SOURCE_ID)
    assert committed == rendered


# --- the format, not this one file ----------------------------------------------------------

_SMALL_DOSSIER = """\
 Leeswijzer

Dit dossier is een voorbeeld.
 Overzicht van het kwalificatiedossier
Naam profiel Mbo-niveau
Beroepsvereisten Typering van de kwalificatie

P1 Medewerker groene ruimte 2 Ja basisberoepsopleiding

Basisdeel
De gemeenschappelijke kerntaken en werkprocessen zijn de volgende:

B1-K1 Verzorgt planten B1-K1-W1 Plant in

B1-K1-W2 Snoeit

Profieldeel
De profielen hebben de volgende kerntaken en werkprocessen:

P1 Medewerker groene ruimte

P1-K1 Onderhoudt terreinen P1-K1-W1 Maait gras
 Basisdeel
Typering van de beroepengroep

Context

De medewerker werkt buiten.
 B1-K1:\u00a0Verzorgt planten

Complexiteit

Het werk is eenvoudig.

Vakkennis en vaardigheden

De beginnend beroepsbeoefenaar:

Planten
§ heeft kennis van planten
B1-K1-W1:\u00a0Plant in

Omschrijving

De medewerker plant in.

Gedrag

De medewerker:

- werkt
 B1-K1-W1:\u00a0Plant in

zorgvuldig;
- werkt veilig.

De onderliggende competenties zijn:\u00a0Samenwerken en overleggen,\u00a0Leren
 Omschrijving

De medewerker snoeit.
 Profieldeel
P1\u00a0Medewerker groene ruimte

Mbo-niveau

2

P1-K1\u00a0Onderhoudt terreinen

Complexiteit

Het werk is afwisselend.
P1-K1-W1\u00a0Maait gras

Omschrijving

De medewerker maait.
"""


def test_another_dossier_of_the_format() -> None:
    data = parse(_SMALL_DOSSIER, "groen")
    items = {item["code"]: item for item in data["items"]}
    assert list(items) == [
        "leeswijzer", "overzicht", "B1", "B1-K1", "B1-K1-W1", "B1-K1-W2", "P1", "P1-K1",
        "P1-K1-W1",
    ]  # fmt: skip
    assert items["overzicht"]["fields"]["tabel"] == {
        "kolommen": [
            "Naam profiel",
            "Mbo-niveau",
            "Beroepsvereisten",
            "Typering van de kwalificatie",
        ],
        "rijen": [["P1 Medewerker groene ruimte", "2", "Ja", "basisberoepsopleiding"]],
    }
    assert items["B1-K1-W1"]["fields"]["gedrag"] == ["werkt zorgvuldig;", "werkt veilig."]
    assert _names(items["B1-K1-W1"]["fields"]["competenties"]) == [
        "Samenwerken en overleggen", "Leren",
    ]  # fmt: skip
    lost = items["B1-K1-W2"]  # its heading is missing: code and title from the overview
    line = _SMALL_DOSSIER.split("\n").index(" Omschrijving") + 1
    assert (lost["title"], lost["parent"], lost["line"]) == ("Snoeit", "groen:B1-K1", line)
    assert lost["fields"] == {"omschrijving": "De medewerker snoeit."}
    assert items["B1-K1"]["fields"]["vakkennis"] == [
        {"titel": "Planten", "items": ["heeft kennis van planten"]}
    ]
    assert items["P1"]["fields"] == {"niveau": "2"}


def test_unlabelled_text_is_an_error() -> None:
    broken = _SMALL_DOSSIER.replace("Complexiteit\n\nHet werk is eenvoudig.", "Het werk is.")
    with pytest.raises(ValueError, match="outside any known section"):
        parse(broken, "groen")
