"""The CGO dossier importer (commercie-cgo) against the committed source text."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from bot.knowledge.importers.cgo_dossier import parse, segments
from tests.unit.importer_support import (
    KNOWLEDGE,
    committed_and_rendered,
    items_fixture,  # noqa: F401  (the shared `items` fixture)
    items_tsv_rows,
    source_words,
    strings,
    table_words,
)

SOURCE = KNOWLEDGE / "sources" / "commercie-cgo.txt"
SOURCE_ID = "commercie-cgo"
NOT_APPLICABLE = "Dit werkproces is op deze uitstroom niet van toepassing"


@pytest.fixture(scope="module")
def text() -> str:
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def data(text: str) -> dict[str, Any]:
    return parse(text, SOURCE_ID)


def fields(items: dict[str, dict[str, Any]], code: str) -> dict[str, Any]:
    return items[f"{SOURCE_ID}:{code}"]["fields"]


def row(items: dict[str, dict[str, Any]], code: str, name: str) -> dict[str, Any]:
    rows = fields(items, code)["competentierijen"]
    (found,) = [r for r in rows if r["competentie"]["naam"] == name]
    return found


# -- the items of items.tsv -----------------------------------------------------------------


def test_items_match_items_tsv(data: dict[str, Any]) -> None:
    rows = items_tsv_rows(SOURCE_ID, skip_if_missing=False)
    expected = {r["id"]: (r["type"], r["parent"] or None, r["title"]) for r in rows}
    got = {i["id"]: (i["type"], i.get("parent"), i["title"]) for i in data["items"]}
    assert got == expected
    assert len(data["items"]) == len(expected) == 24


def test_counts_codes_and_order(data: dict[str, Any]) -> None:
    types = Counter(item["type"] for item in data["items"])
    assert types == {"werkproces": 19, "kerntaak": 3, "fact": 2}
    codes = [item["code"] for item in data["items"]]
    assert codes[:3] == ["algemeen", "taal-rekenen", "K1"]
    assert [c for c in codes if "." in c] == [
        *(f"1.{n}" for n in range(1, 7)),
        *(f"2.{n}" for n in range(1, 10)),
        *(f"3.{n}" for n in range(1, 5)),
    ]
    lines = [item["line"] for item in data["items"]]
    assert lines == sorted(lines)
    assert len(set(lines)) == len(lines)


def test_item_keys_in_contract_order(data: dict[str, Any]) -> None:
    order = ["id", "type", "code", "parent", "title", "line", "not_applicable", "fields"]
    for item in data["items"]:
        assert list(item) == [key for key in order if key in item]
        assert item["id"] == f"{SOURCE_ID}:{item['code']}"


def test_source_head(data: dict[str, Any]) -> None:
    assert data["source"] == {
        "id": SOURCE_ID,
        "title": "Kwalificatiedossier Commercie (competentiegericht),"
        " uitstroom (Junior) accountmanager",
    }


def test_kerntaak_titles_and_lines(items: dict[str, dict[str, Any]]) -> None:
    # K2/K3 start at the matrix chapter heading "…, (Junior) accountmanager" (121, 251).
    assert items["commercie-cgo:K2"]["line"] == 121
    assert items["commercie-cgo:K2"]["title"] == "Voert het verkooptraject uit"
    assert items["commercie-cgo:K3"]["line"] == 251
    assert "fields" not in items["commercie-cgo:K1"]


# -- werkprocessen ------------------------------------------------------------------------


def test_not_applicable_werkprocessen(items: dict[str, dict[str, Any]]) -> None:
    for code, line in (("2.7", 224), ("3.3", 297)):
        item = items[f"{SOURCE_ID}:{code}"]
        assert item["not_applicable"] is True
        assert item["line"] == line
        assert item["fields"] == {"toelichting": NOT_APPLICABLE}


def test_applicable_werkprocessen_have_all_fields(data: dict[str, Any]) -> None:
    werkprocessen = [i for i in data["items"] if i["type"] == "werkproces"]
    applicable = [i for i in werkprocessen if not i.get("not_applicable")]
    assert len(applicable) == 17
    for item in applicable:
        assert list(item["fields"]) == [
            "omschrijving",
            "resultaat",
            "competentierijen",
            "vakkennis",
        ]


def test_row_counts_follow_the_detail_tables(items: dict[str, dict[str, Any]]) -> None:
    counts = {
        "1.1": 4, "1.2": 5, "1.3": 4, "1.4": 4, "1.5": 3, "1.6": 3,
        "2.1": 4, "2.2": 4, "2.3": 4, "2.4": 5, "2.5": 5, "2.6": 2, "2.8": 4, "2.9": 4,
        "3.1": 4, "3.2": 3, "3.4": 4,
    }  # fmt: skip
    got = {code: len(fields(items, code)["competentierijen"]) for code in counts}
    assert got == counts


def test_detail_table_not_the_misaligned_matrix(items: dict[str, dict[str, Any]]) -> None:
    names = [r["competentie"]["naam"] for r in fields(items, "2.1")["competentierijen"]]
    assert names == [
        "Analyseren",
        "Ondernemend en commercieel handelen",
        'Op de behoeften en verwachtingen van de "klant" richten',
        "Samenwerken en overleggen",
    ]


def test_last_line_without_newline_is_kept(items: dict[str, dict[str, Any]], text: str) -> None:
    assert not text.endswith("\n")
    rows = fields(items, "3.4")["competentierijen"]
    assert len(rows) == 4
    assert rows[-1] == {
        "competentie": {"naam": "Relaties bouwen en netwerken"},
        "componenten": ["Relatienetwerk onderhouden en benutten", "Relaties opbouwen met mensen"],
        "prestatie_indicator": "De (junior) accountmanager legt actief contacten in de organisatie"
        " van de account om meer zicht te hebben op de DMU en investeert met gerichte incentives"
        " in een langdurige en (in)formele relatie met de account, zodat een 'klik' ontstaat, die"
        " ook van nut kan zijn voor de zakelijke relatie.",
    }


def test_trailing_newline_makes_no_difference(text: str, data: dict[str, Any]) -> None:
    assert parse(text + "\n", SOURCE_ID) == data


def test_wrapped_competency_name_is_one_row(items: dict[str, dict[str, Any]]) -> None:
    # 178-180: "Overtuigen en" / "beïnvloeden" came out as two rows of the table.
    rows = fields(items, "2.3")["competentierijen"]
    assert [r["competentie"]["naam"] for r in rows].count("Overtuigen en beïnvloeden") == 1
    assert row(items, "2.3", "Overtuigen en beïnvloeden") == {
        "competentie": {"naam": "Overtuigen en beïnvloeden"},
        "componenten": [
            "Emoties aanspreken",
            "Gesprekken richting geven",
            "Indruk maken op anderen",
            "Overeenstemming nastreven",
        ],
        "prestatie_indicator": "De (junior) accountmanager stuurt in het gesprek aan op een"
        " verkoop- en/of offertemoment door actief met ideeën te komen die passen bij de account"
        " en verkoopargumenten te gebruiken die inspelen op de emotie van de account, zodat de"
        " account overtuigd raakt van het product/de dienst.",
    }


def test_row_broken_into_bare_and_dash_lines(items: dict[str, dict[str, Any]]) -> None:
    # 161-167: the indicator goes on in a bare line, the components in "- …" lines.
    assert row(items, "2.2", "Relaties bouwen en netwerken") == {
        "competentie": {"naam": "Relaties bouwen en netwerken"},
        "componenten": [
            "Relatienetwerk onderhouden en benutten",
            "Relaties opbouwen met mensen",
            "Relaties opbouwen op verschillende niveaus",
        ],
        "prestatie_indicator": "De (junior) accountmanager legt actief en makkelijk telefonisch"
        " en/of face-to-face contact met (nog onbekende) accounts via ingangen op verschillende"
        " niveaus en gebruikmakend van zijn eigen netwerk.",
    }


def test_dash_lines_continue_components(items: dict[str, dict[str, Any]]) -> None:
    # 71-74: "Duidelijk uitleggen en" / "- toelichten" / "- Kernachtig communiceren".
    assert row(items, "1.2", "Presenteren")["componenten"] == [
        "Betrouwbaarheid en deskundigheid uitstralen",
        "Duidelijk uitleggen en toelichten",
        "Kernachtig communiceren",
    ]


def test_merged_component_and_indicator_line_is_split(items: dict[str, dict[str, Any]]) -> None:
    # 291-293: "- Relaties opbouwen met mensen accounts te onderhouden en uit te bouwen."
    found = row(items, "3.2", "Relaties bouwen en netwerken")
    assert found["componenten"] == [
        "Relatienetwerk onderhouden en benutten",
        "Relaties opbouwen met mensen",
    ]
    assert found["prestatie_indicator"].endswith(
        "gebruikt deze gelegenheden ook om de contacten met accounts te onderhouden en uit te"
        " bouwen."
    )


def test_column_aligned_continuations(items: dict[str, dict[str, Any]]) -> None:
    # 146-148: components and indicator both go on in the next row's cells.
    klant = 'Op de behoeften en verwachtingen van de "klant" richten'
    found = row(items, "2.1", klant)
    assert found["componenten"] == [
        '"Klant"-tevredenheid in de gaten houden',
        "Aansluiten bij behoeften en verwachtingen",
    ]
    assert found["prestatie_indicator"].endswith("vertrouwen blijft houden in het traject.")
    # 55-57, 277-279, 310-312
    assert row(items, "1.1", "Onderzoeken")["prestatie_indicator"].endswith(
        "'new business' te signaleren ten behoefte van de organisatie."
    )
    overtuigen = row(items, "3.1", "Overtuigen en beïnvloeden")
    assert overtuigen["componenten"] == ["Ideeën en meningen naar voren brengen en onderbouwen"]
    assert "voorstellen aan zijn leidinggevende ten aanzien" in overtuigen["prestatie_indicator"]
    assert (
        "de behoeften en wensen van de klanten voldoen, signaleert"
        in (row(items, "3.4", klant)["prestatie_indicator"])
    )


def test_row_broken_with_html_paragraphs(items: dict[str, dict[str, Any]]) -> None:
    # 207-210: the rest of the row in <p>…</p>, the next competency name wrapped in <p>.
    assert row(items, "2.5", "Presenteren") == {
        "competentie": {"naam": "Presenteren"},
        "componenten": [
            "Betrouwbaarheid en deskundigheid uitstralen",
            "Duidelijk uitleggen en toelichten",
        ],
        # "p resenteert" (207) is an extraction split, repaired by the importer.
        "prestatie_indicator": "De junior accountmanager presenteert de offerte/oplossing met"
        " een gedegen onderbouwing, opdat de account overtuigd raakt van de aantrekkelijkheid"
        " van de offerte en geïnteresseerd blijft.",
    }
    assert row(items, "2.5", "Samenwerken en overleggen")["componenten"] == ["Afstemmen"]


def test_list_without_bullet_glyph(items: dict[str, dict[str, Any]]) -> None:
    # 280: '<ul …> Goede relatie behouden bij moeilijkheden' has no bullet.
    components = row(items, "3.1", "Relaties bouwen en netwerken")["componenten"]
    assert components == ["Goede relatie behouden bij moeilijkheden"]


def test_canonical_competency_names(data: dict[str, Any]) -> None:
    rows = [r for i in data["items"] for r in i.get("fields", {}).get("competentierijen", [])]
    assert len(rows) == 66
    assert all(set(r["competentie"]) == {"naam"} for r in rows)  # no spelling differs


def test_vakkennis_is_one_untitled_group(data: dict[str, Any], items: dict[str, Any]) -> None:
    for item in data["items"]:
        if item["type"] == "werkproces" and not item.get("not_applicable"):
            groups = item["fields"]["vakkennis"]
            assert len(groups) == 1 and groups[0]["titel"] is None
    assert fields(items, "1.4")["vakkennis"][0]["items"] == [
        "Accountanalyse",
        "Bedrijfseconomische analyses",
        "Bedrijfseconomische begrippen",
        "Commerciële calculaties",
        "Financiële analyses",
        "Kengetallen liquiditeit, solvabiliteit, rentabiliteit en toegevoegde waarde",
        "Rekenvaardigheid",
        "Return on investment (ROI)",
        "Statistiek",
    ]


def test_texts_paragraphs_and_result_lists(items: dict[str, dict[str, Any]]) -> None:
    assert fields(items, "2.2")["resultaat"] == (
        "Correctie kwalificatie van de klant en de kansen voor de organisatie\n\n"
        "Een vervolgspraak (indien wenselijk) met de potentiële klant\n\n"
        "De klant heeft een realistisch en positief beeld van de organisatie en het"
        " product-/dienstenassortiment."
    )
    # 188: items as "<p>- …</p>" paragraphs; 142: "- a - b" without any HTML.
    assert fields(items, "2.4")["resultaat"].count("\n\n") == 1
    assert fields(items, "2.1")["resultaat"].startswith("Het verkooptraject met de account")
    omschrijving = fields(items, "1.4")["omschrijving"].split("\n\n")
    assert len(omschrijving) == 2
    assert omschrijving[1].startswith("Met behulp van een SWOT-analyse")


# -- facts --------------------------------------------------------------------------------


def test_general_information(items: dict[str, dict[str, Any]]) -> None:
    general = items["commercie-cgo:algemeen"]
    assert general["line"] == 5
    assert list(general["fields"]) == [
        "context",
        "beroepshouding",
        "niveau",
        "verantwoordelijkheid",
        "complexiteit",
        "beroepsvereisten",
    ]
    assert general["fields"]["niveau"] == "Niveau 4"
    assert general["fields"]["beroepsvereisten"] == (
        "Wettelijke beroepsvereisten: Nee\n\nBranche vereisten: Nee"
    )
    complexity = general["fields"]["complexiteit"].split("\n\n")
    assert complexity[1] == "De complexiteit wordt onder andere beïnvloed door het feit dat:"
    assert complexity[2:] == [
        "het om klanten gaat die belangrijk zijn voor de organisatie (A en B klanten).",
        "het om complexe producten/diensten/oplossingen gaat die de medewerker onder de"
        " aandacht moet brengen.",
        "het verkooptraject maanden kan duren.",
        "de (junior) accountmanager verantwoordelijk is voor (de binding) van meerdere accounts.",
        "de (junior) accountmanager altijd binnen een team werkt en daarom goed moet afstemmen"
        " met zijn collega's.",
    ]


def test_language_and_rekenen_levels(items: dict[str, dict[str, Any]]) -> None:
    """The three x matrices (16–42) as printed, one under the other: each header row with its
    title in the corner, every column (also 'Ruimte en vorm', which has no x) and level."""
    fact = items["commercie-cgo:taal-rekenen"]
    assert fact["line"] == 14
    assert fact["fields"]["tekst"].count("\n\n") == 2
    table = fact["fields"]["tabel"]
    skills = ["Luisteren", "Lezen", "Gesprekken voeren", "Spreken", "Schrijven"]
    rekenen = [
        "Getallen/ hoeveelheden, maten",
        "Ruimte en vorm",
        "Gegevensverwerking, onzekerheid",
        "Verbanden, veranderingen",
    ]
    marked, empty = ["x"] * 5, [""] * 5
    assert table["kolommen"] == ["Nederlands", *skills]
    assert table["rijen"] == [
        ["C1", *empty], ["B2", *marked], ["B1", *marked], ["A2", *marked], ["A1", *marked],
        ["Engels of Duits", *skills],
        ["C1", *empty], ["B2", *empty], ["B1", *marked], ["A2", *marked], ["A1", *marked],
        ["Rekenen en wiskunde", *rekenen, ""],
        ["Z2", *empty], ["Z1", *empty],
        ["Y2", "x", "", "x", "", ""], ["Y1", "x", "", "x", "x", ""],
        ["X2", "x", "", "x", "x", ""], ["X1", "x", "", "x", "x", ""],
    ]  # fmt: skip
    assert table_words(table) == source_words(SOURCE, 16, 42)


# -- text quality ---------------------------------------------------------------------------


def test_no_html_bullets_tabs_or_loose_spacing(data: dict[str, Any]) -> None:
    texts = [text for text in strings(data) if text]  # '' is a matrix cell without an x
    assert texts
    for value in texts:
        assert not re.search(r"[<>•\t\u00a0]", value), value
        assert "  " not in value, value
        assert value == value.strip(), value
        for paragraph in value.split("\n\n"):
            assert paragraph and "\n" not in paragraph, value
            assert not re.match(r"[-•§]\s", paragraph), value


def _words(text: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", text).replace("•", " ").replace("p resenteert", "presenteert")
    return [word for word in text.split() if word != "-"]


def test_no_words_lost_or_duplicated_in_werkprocessen(
    text: str, items: dict[str, dict[str, Any]]
) -> None:
    """Per werkproces, the words of its source block equal the words of its data."""
    lines = text.split("\n")
    boundary = re.compile(r"^(Kerntaak \d|\d\.\d werkproces|Proces-competentie|Detaillering)")
    for item in items.values():
        if item["type"] != "werkproces":
            continue
        start = item["line"]  # the heading line itself is the title
        end = next(n for n in range(start + 1, len(lines) + 1)
                   if n == len(lines) or boundary.match(lines[n]))  # fmt: skip
        source: list[str] = []
        for line in lines[start:end]:
            cells = line.split("\t")
            if cells[0] == "Competentie":
                continue  # the table header
            if cells[0] in ("Omschrijving", "Gewenst resultaat"):
                cells = cells[1:]
            source.extend(_words(" ".join(cells)))
        got: list[str] = []
        for r in item["fields"].get("competentierijen", []):
            got.extend(_words(r["competentie"]["naam"]))
            got.extend(_words(" ".join([*r["componenten"], r["prestatie_indicator"]])))
        extra = [v for k, v in item["fields"].items() if k != "competentierijen"]
        got.extend(_words(" ".join(strings(extra))))
        assert Counter(got) == Counter(source), item["code"]


# -- helpers and determinism ----------------------------------------------------------------


def test_segments_of_a_cell() -> None:
    cell = '<p>Intro</p> <ul style="list-style-type: none"> • a b • c</ul><p>- d - e</p>'
    assert [(s.kind, s.text) for s in segments(cell)] == [
        ("para", "Intro"),
        ("item", "a b"),
        ("item", "c"),
        ("item", "d"),
        ("item", "e"),
    ]
    assert [s.text for s in segments("product-/dienstpakket en cross- en upselling")] == [
        "product-/dienstpakket en cross- en upselling"
    ]


def test_parse_is_deterministic(text: str, data: dict[str, Any]) -> None:
    assert parse(text, SOURCE_ID) == data
    assert parse(text, "other")["items"][0]["id"] == "other:algemeen"


def test_committed_yaml_is_current() -> None:
    committed, rendered = committed_and_rendered(SOURCE, "commercie-cgo", SOURCE_ID)
    assert committed == rendered
