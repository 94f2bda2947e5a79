"""The ECABO BCP importer (format bcp-2010) against the committed source text."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from bot.knowledge.importers.bcp import parse
from tests.unit.importer_support import (
    KNOWLEDGE,
    committed_and_rendered,
    field_strings,
    items_fixture,  # noqa: F401  (the shared `items` fixture)
    items_tsv_rows,
)

SOURCE = KNOWLEDGE / "sources" / "bcp-2010.txt"
SOURCE_ID = "bcp-2010"
KLANT = 'Op de behoeften en verwachtingen van de "klant" richten'


@pytest.fixture(scope="module")
def text() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def data(text: str) -> dict[str, Any]:
    return parse(text, SOURCE_ID)


def fields(items: dict[str, dict[str, Any]], code: str) -> dict[str, Any]:
    return items[f"{SOURCE_ID}:{code}"]["fields"]


def names(items: dict[str, dict[str, Any]], code: str) -> list[str]:
    return [entry["naam"] for entry in fields(items, code)["competenties"]]


# --------------------------------------------------------------------------- coverage


def test_items_match_items_tsv(items: dict[str, dict[str, Any]]) -> None:
    rows = items_tsv_rows(SOURCE_ID, skip_if_missing=False)
    assert len(rows) == 25
    assert sorted(items) == sorted(row["id"] for row in rows)
    for row in rows:
        item = items[row["id"]]
        assert (item["type"], item.get("parent", ""), item["title"]) == (
            row["type"],
            row["parent"],
            row["title"],
        ), row["id"]


def test_counts_codes_and_order(data: dict[str, Any]) -> None:
    assert Counter(item["type"] for item in data["items"]) == {
        "sectie": 7,
        "kerntaak": 3,
        "werkproces": 15,
    }
    codes = [item["code"] for item in data["items"]]
    assert codes[:7] == ["inleiding", "colofon", "H1", "H1.1", "H1.2", "H1.3", "H1.4"]
    assert codes[7:12] == ["K1", "1.1", "1.2", "1.3", "1.4"]
    assert codes[-8:] == ["K3", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7"]
    lines = [item["line"] for item in data["items"]]
    assert lines == sorted(lines)
    by_code = dict(zip(codes, lines, strict=True))
    assert (by_code["H1.1"], by_code["K1"], by_code["1.1"], by_code["3.4"]) == (
        249,
        696,
        705,
        1515,
    )


def test_source_title(data: dict[str, Any]) -> None:
    assert data["source"] == {
        "id": SOURCE_ID,
        "title": "ECABO beroepscompetentieprofiel Junior accountmanager, 2010",
    }


def test_every_werkproces_has_all_fields(data: dict[str, Any]) -> None:
    for item in data["items"]:
        if item["type"] == "werkproces":
            assert list(item["fields"]) == [
                "omschrijving",
                "competenties",
                "resultaat",
                "kennis",
                "vaardigheden",
            ], item["id"]
        if item["type"] == "kerntaak":
            assert list(item["fields"]) == ["toelichting"]


# --------------------------------------------------------------------------- traps


def test_titles_wrapped_and_corrected(items: dict[str, dict[str, Any]]) -> None:
    title = {code: items[f"{SOURCE_ID}:{code}"]["title"] for code in ("K1", "1.2", "1.4", "3.6")}
    # K1's detail heading (700) reads "op er bewaakt"; the overview's spelling is used.
    assert title["K1"] == "Stelt verkoop- en accountplannen op en bewaakt de voortgang ervan"
    assert title["1.2"] == "Stelt een individueel verkoopplan op"  # wrapped 780–781
    assert title["1.4"] == "Bewaakt de voortgang van verkoop- en accountplannen"
    assert title["3.6"] == "Sluit de verkoop af en zet het ordertraject in gang"
    # The overview has "Breng de offerte uit" (683); the detail heading (1526) is used.
    assert items[f"{SOURCE_ID}:3.4"]["title"] == "Brengt de offerte uit"
    assert items[f"{SOURCE_ID}:3.2"]["title"] == "Benadert de account"
    assert not any("source_title" in item for item in items.values())


def test_description_1_1_complete_and_competencies_clean(items: dict[str, dict[str, Any]]) -> None:
    assert fields(items, "1.1")["omschrijving"] == (
        "De junior accountmanager verzamelt continue relevante informatie over (potentiële) "
        "klantengroep-, markt- , product- en brancheontwikkelingen. Hij volgt, signaleert, "
        "initieert en analyseert deze ontwikkelingen en legt ze in het systeem vast. Met als "
        "doel bruikbare managementinformatie voor het ontwikkelen van (verkoop)beleid."
    )
    assert fields(items, "1.1")["competenties"] == [
        {"naam": "Samenwerken en overleggen"},
        {"naam": "Analyseren"},
        {"naam": "Onderzoeken"},
        {"naam": "Bedrijfsmatig handelen"},
    ]


def test_description_spill_1_2(items: dict[str, dict[str, Any]]) -> None:
    text = fields(items, "1.2")["omschrijving"]
    assert text.endswith("Hij werkt in opdracht zijn individueel verkoopplan uit.")
    assert text.count("\n\n") == 1  # two paragraphs: "… input aan het marketingplan." / "De …"
    assert names(items, "1.2") == [
        "Samenwerken en overleggen",
        "Formuleren en rapporteren",
        "Analyseren",
        "Creëren en innoveren",
        "Plannen en organiseren",
        "Ondernemend en commercieel handelen",
    ]


def test_description_spill_2_2(items: dict[str, dict[str, Any]]) -> None:
    text = fields(items, "2.2")["omschrijving"]
    assert (
        "Wanneer hij ontevredenheid signaleert, probeert hij in samenspraak met de account" in text
    )
    assert text.endswith(
        "Bovendien bouwt de junior accountmanager zijn relaties uit door andere "
        "(contact)personen in de organisatie te interesseren voor de producten en/of organisatie."
    )
    competencies = fields(items, "2.2")["competenties"]
    assert competencies[-1] == {
        "naam": KLANT,
        "bron": "Op de behoeften en verwachtingen van de klant richten",
    }
    assert len(competencies) == 7


def test_description_spill_3_2(items: dict[str, dict[str, Any]]) -> None:
    text = fields(items, "3.2")["omschrijving"]
    assert "bespreekt deze informatie en de verkoopstrategie met zijn accountteam.\n\n" in text
    assert text.endswith("zowel interne als externe, informatiebronnen.")
    competencies = fields(items, "3.2")["competenties"]
    # "ven de klant richten" (1375): canonical name, printed spelling kept as bron.
    assert {"naam": KLANT, "bron": "Op de behoeften en verwachtingen ven de klant richten"} in (
        competencies
    )
    assert names(items, "3.2")[-1] == "Ondernemend en commercieel handelen"
    assert len(competencies) == 7


def test_no_description_text_in_any_competency_list(data: dict[str, Any]) -> None:
    for item in data["items"]:
        for entry in item.get("fields", {}).get("competenties", []):
            spelling = entry.get("bron", entry["naam"])
            # only spelling variants: no spilled sentence ("verkoopplan uit.") glued on
            assert len(spelling) <= len(entry["naam"]) + 2, (item["id"], spelling)
            assert not spelling.endswith(".")


def test_wrapped_competency_names_joined(items: dict[str, dict[str, Any]]) -> None:
    assert names(items, "1.3")[-3:] == [
        KLANT,
        "Ondernemend en commercieel handelen",
        "Bedrijfsmatig handelen",
    ]
    assert names(items, "3.3").count(KLANT) == 1
    assert "handelen" not in names(items, "3.7")


def test_resultaat_bullets_without_glyph_are_separate_lines(
    items: dict[str, dict[str, Any]],
) -> None:
    assert fields(items, "3.5")["resultaat"].split("\n") == [
        "De junior accountmanager heeft onderhandeld met de account binnen de mogelijkheden en "
        "richtlijnen van de organisatie én naar tevredenheid van de account.",
        "De junior accountmanager heeft op het juiste moment om de order gevraagd.",
    ]
    assert fields(items, "3.6")["resultaat"].split("\n") == [
        "De onderhandelingen zijn met instemming van de account over de offerte afgerond.",
        "Het verkoopcontract is correct opgesteld en de gemaakte afspraken zijn verwerkt in het "
        "verkoop-/ordersysteem.",
        "Het ordertraject is conform gemaakte afspraken en de richtlijnen van de eigen "
        "organisatie in gang gezet.",
    ]
    assert len(fields(items, "3.7")["resultaat"].split("\n")) == 2


def test_resultaat_dash_bullets_across_blank_lines(items: dict[str, dict[str, Any]]) -> None:
    assert fields(items, "1.1")["resultaat"] == (
        "Verzamelde en verwerkte gegevens c.q. (markt)informatie die gebruikt kunnen worden bij "
        "het ontwikkelen van verkoopbeleid en ter optimalisering van de verkoop en de "
        "dienstverlening aan de account."
    )
    assert len(fields(items, "3.3")["resultaat"].split("\n")) == 2  # " - De …" at 1476


def test_kennis_and_vaardigheden(items: dict[str, dict[str, Any]]) -> None:
    assert fields(items, "2.3")["kennis"] == [
        "Escalatiemanagement",
        "Gesprekstechnieken en -structuren",
        "Customer relationship management (CRM)",
        "Kwaliteitszorgsystemen",
        "Wet- en regelgeving en organisatiespecifieke afspraken en protocollen ten aanzien van "
        "klachtafhandeling",
    ]
    # Under the misprinted heading "Vakkennis en vaardigheiden" (1125).
    assert fields(items, "2.2")["kennis"] == [
        "Accountmanagement",
        "Creëren van diepterelaties (o.a. met behulp van incentives)",
        "Customer relationship management (CRM)",
    ]
    assert len(fields(items, "1.3")["kennis"]) == 11
    assert fields(items, "3.6")["vaardigheden"][-2:] == ["Rapporteren", "Voortgangsbewaking"]


def test_kerntaak_toelichting_before_page_footers(items: dict[str, dict[str, Any]]) -> None:
    text = fields(items, "K1")["toelichting"]
    assert text.startswith("De junior accountmanager werkt vanuit een accountteam.")
    assert text.endswith("schakelt hij het accountteam of zijn leidinggevende in.")
    assert "\n\nHet algemene verkoopplan komt over het algemeen tot stand" in text
    assert "Bij het uitvoeren van het verkoopproces" in fields(items, "K3")["toelichting"]
    assert "Toelichting" not in " ".join(fields(items, "1.4")["vaardigheden"])


def test_front_matter(items: dict[str, dict[str, Any]]) -> None:
    inleiding = fields(items, "inleiding")
    assert (
        "vakvolwassen werknemer die al drie tot vijf jaar in het beroep werkzaam is."
        in (inleiding["tekst"])
    )
    colofon = fields(items, "colofon")
    assert (
        "Vastgesteld door: Sectorraad Commercieel ECABO\nOp: 30 september 2010"
        in (colofon["tekst"])
    )
    assert (
        "Verantwoording:\nGeaccordeerd door: Bestuur van de Sales Management Association\n"
        in (colofon["tekst"])
    )
    assert ["Dhr. E. van de Berg", "ROC Zadkine (uit dienst)"] in colofon["tabel"]["rijen"]
    assert len(colofon["tabel"]["rijen"]) == 10
    assert (
        "Brondocumenten:\nBeroepscompetentieprofiel junior accountmanager, ECABO"
        in (colofon["tekst"])
    )


def test_chapter_1(items: dict[str, dict[str, Any]]) -> None:
    assert fields(items, "H1")["tekst"] == "In dit hoofdstuk wordt het beroep nader omschreven."
    assert fields(items, "H1.1") == {"lijst": ["Sales representative", "Relatiebeheerder"]}
    text = fields(items, "H1.2")["tekst"]
    assert (
        "\nDe junior accountmanager moet:\ngemakkelijk contact kunnen leggen en onderhouden\n"
        in (text)
    )
    assert "\npotentiële klanten enthousiast kunnen maken voor een product en/of dienst\n" in text
    assert "\n\nRol en verantwoordelijkheden: Welke rol heeft" in text
    assert "\n\nWettelijke beroepsvereisten: Nee\n\nBranche vereisten: Nee\n\n" in text
    trends = fields(items, "H1.4")["tekst"]
    assert "\n\nWetgeving en regelgeving: Er is geen specifieke wet- en regelgeving" in trends
    assert "http" not in trends  # link targets (580–581) dropped


def _in_order(text: str, *parts: str) -> bool:
    """Do the parts occur in the text, each after the one before?"""
    positions = [text.find(part) for part in parts]
    return -1 not in positions and positions == sorted(positions)


def test_inleiding_schema_in_its_place(items: dict[str, dict[str, Any]]) -> None:
    """The BCP schema (39–55) stands between the sentence announcing it and the prose after it."""
    inleiding = fields(items, "inleiding")
    assert list(inleiding) == ["tekst"]
    schema = (
        "Bedrijfsleven | Kenniscentra in samenwerking met onderwijs en bedrijfsleven | Onderwijs\n"
        "Beroepscompetentieprofielen | Opleidingseisen in kwalificatiedossier"
        " | Concrete opleidingen en examens"
    )
    text = inleiding["tekst"]
    assert _in_order(text, "functie van het beroepscompetentieprofiel weergegeven:", schema)
    assert _in_order(text, schema, "Conform deze ketengedachte")


def test_sectorraad_members_by_name_employer_and_constituency(
    items: dict[str, dict[str, Any]],
) -> None:
    """The three columns (Naam, Werkzaam bij, Namens) under each group, as laid out (135–234)."""
    members = fields(items, "colofon")["lijst"]
    assert len(members) == 19
    werkgevers = "Namens de werkgevers / beroepsorganisaties: "
    onderwijs = "Namens het onderwijs: "
    assert members[0] == (
        f"{werkgevers}Mevr. P. Claessen, werkzaam bij HCC,"
        " namens Sales Management Association (SMA)"
    )
    # both organisations on the name's line, the second one wrapped below it
    assert members[1] == (
        f"{werkgevers}Dhr. H. Cobelens, werkzaam bij Pragma, namens Vereniging van"
        " onafhankelijke erkende communicatieadviesbureaus (Pragma)"
    )
    assert members[5] == (
        f"{werkgevers}Mevr. A. Hulsenboom, werkzaam bij Philipse Business School,"
        " namens Vereniging Contactcenters Nederland (VCN)"
    )
    assert members[7] == f"{werkgevers}Mw. R. Munoz, werkzaam bij Unamic/HCC, namens WGCC"
    assert members[11] == "Namens de werknemers: Vacant"
    assert members[12] == (
        f"{onderwijs}Dhr. L. de Bruin, werkzaam bij Hogeschool INHOLLAND, namens Landelijk"
        " Platform Opleidingen Media & Entertainment (LPO MEM)"
    )
    assert members[17] == (
        f"{onderwijs}Dhr. W.P. de Ruijter, werkzaam bij FNV Bondgenoten, namens Stichting"
        " Opleidings- en Ontwikkelingsfonds Call Centers (OOCC)"
    )
    # one line: an organisation the document names as a cell elsewhere ends it
    assert members[16] == f"{onderwijs}Dhr. T. Paffen, werkzaam bij NOVA College, namens MBO Raad"
    assert members[18] == f"{onderwijs}Dhr. G. Veldthuis, werkzaam bij MBO Raad, namens MBO Raad"
    assert all(", werkzaam bij " in entry for entry in members if "Vacant" not in entry)


def test_career_ladder_and_comparison(items: dict[str, dict[str, Any]]) -> None:
    """In the document's order (397–513): question, the ladder announced and shown, the
    comparison announced and shown. The ladder has prose after it, so it stays in the text."""
    h13 = fields(items, "H1.3")
    assert list(h13) == ["tekst", "lijst"]
    ladder = (
        "Accountmanagement | Salesmanagement | werk- en denkniveau c.q. opleidingsniveau\n"
        "Account director | Sales director | wo\n"
        "Key accountmanager | Sales manager | hbo/wo\n"
        "Accountmanager | Verkoopleider | hbo\n"
        "Junior accountmanager | | mbo (niveau 4)\n"
        "| Vertegenwoordiger/ Commercieel medewerker buitendienst | mbo (niveau 3)"
    )
    assert h13["tekst"].split("\n\n") == [
        "Welke specifieke (formele en informele) loopbaanmogelijkheden heeft de"
        " beroepsbeoefenaar?",
        "De beroepskolom binnen de sales- en accountmanagement ziet er als volgt uit:",
        ladder,
        "De commerciële beroepen junior accountmanager en vertegenwoordiger worden ‘in de"
        " volksmond’ nogal eens door elkaar gebruikt, terwijl het twee verschillende beroepen"
        " betreft. In onderstaand schema worden daarom de verschillen aangegeven.",
    ]
    assert len(h13["lijst"]) == 9
    assert h13["lijst"][0] == (
        "klantenkring — Junior accountmanager: alleen business-to-business; Vertegenwoordiger/ "
        "Commercieel medewerker buitendienst: zowel business-to-business als business-to-consumer"
    )


def test_flattened_tables_only_used_when_the_words_match(text: str) -> None:
    changed = text.replace("productgericht", "productgerichte")
    h13 = {item["code"]: item for item in parse(changed, SOURCE_ID)["items"]}["H1.3"]
    assert "lijst" not in h13["fields"]  # the constant supplies column splits, never words
    assert "productgerichte" in h13["fields"]["tekst"]  # the comparison stays prose
    assert "Account director | Sales director | wo" in h13["fields"]["tekst"]


# --------------------------------------------------------------------------- text quality


def test_no_page_furniture_html_or_glyphs(data: dict[str, Any]) -> None:
    for item_id, value in field_strings(data):
        assert "BCP Junior accountmanager" not in value, item_id
        assert "\u00a0" not in value and "  " not in value and value == value.strip()
        assert not re.search(r"<\s*/?\s*(p|ul|li|br)\b", value), item_id
        for line in value.split("\n"):
            assert not re.fullmatch(r"\d+", line), item_id  # bare page numbers
            assert not re.match(r"[-•§]\s", line), (item_id, line)
            assert "↑" not in line and "\uf0b7" not in line


def test_paragraphs_are_joined(data: dict[str, Any]) -> None:
    for item in data["items"]:
        for name in ("omschrijving", "toelichting"):
            value = item.get("fields", {}).get(name)
            for paragraph in value.split("\n\n") if value else []:
                assert "\n" not in paragraph, item["id"]
                assert paragraph.endswith("."), (item["id"], paragraph[-30:])


def test_generic_document_of_the_same_format() -> None:
    text = "\n".join(
        [
            " Inleiding ",
            "Een korte inleiding. ",
            " 1 Algemene informatie over het beroep ",
            "1.1 Mogelijke functiebenamingen ",
            " Verkoper ",
            " 2 Overzicht ",
            "Kerntaak 1 ",
            "Verkoopt ",
            "",
            "1.1 Voert een gesprek ",
            " 3 Beschrijving van de kerntaken ",
            "3.1 Kerntaak 1 Verkoopt ",
            "Beschrijving werkproces: ",
            "De verkoper voert een gesprek met de ",
            "",
            "1.1 Voert een ",
            "gesprek ",
            "Competenties: ",
            "- Ondernemend en commercieel ",
            "handelen ",
            " klant. ",
            "Resultaat: ",
            " Er is verkocht. ",
            "Kennis van: ",
            "• Producten ",
            "Vaardigheden: ",
            "• Luisteren ",
            "Toelichting: ",
            "Hij werkt alleen. ",
            "BCP Verkoper ",
            "12 ",
            "BCP Verkoper ",
        ]
    )
    result = parse(text, "x")
    by_code = {item["code"]: item for item in result["items"]}
    assert list(by_code) == ["inleiding", "H1", "H1.1", "K1", "1.1"]
    assert by_code["H1.1"]["fields"] == {"lijst": ["Verkoper"]}
    assert by_code["1.1"]["title"] == "Voert een gesprek"
    assert by_code["1.1"]["fields"] == {
        "omschrijving": "De verkoper voert een gesprek met de klant.",
        "competenties": [{"naam": "Ondernemend en commercieel handelen"}],
        "resultaat": "Er is verkocht.",
        "kennis": ["Producten"],
        "vaardigheden": ["Luisteren"],
    }
    assert by_code["K1"]["fields"] == {"toelichting": "Hij werkt alleen."}
    assert result["source"]["title"] == "beroepscompetentieprofiel Verkoper"


# --------------------------------------------------------------------------- determinism


def test_parse_is_deterministic(text: str, data: dict[str, Any]) -> None:
    assert parse(text, SOURCE_ID) == data


def test_committed_yaml_has_no_drift() -> None:
    committed, rendered = committed_and_rendered(SOURCE, SOURCE_ID, SOURCE_ID)
    assert rendered == committed
