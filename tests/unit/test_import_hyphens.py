"""Words a line break split at a hyphen (bot.knowledge.importers.hyphens), in every importer."""

from __future__ import annotations

import pytest

from bot.knowledge.importers import parser_for
from bot.knowledge.importers.hyphens import document, join_broken_line, rejoin_words
from bot.knowledge.importers.lexicon import Lexicon
from tests.unit.importer_support import KNOWLEDGE, all_text

# A document that writes some words whole, some hyphenated inside a line.
_DOCUMENT = """\
De commercieel medewerker en de beleidsondersteuner werken in de e-commerce en non-food.
Het ECABO en de marketing- en communicatie-activiteiten of communicatieactiviteiten.
Vereniging van onafhan-
kelijke erkende communi-
catieadviesbureaus en de Communicatie-
adviesbureaus, business-to-business.
"""


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("van de commercieel mede-", "werker. Dit", "van de commercieel medewerker. Dit"),
        ("commercieel beleids-", "ondersteuner", "commercieel beleidsondersteuner"),
        ("Vereniging van onafhan-", "kelijke erkende", "Vereniging van onafhankelijke erkende"),
        ("het ECABO-", "domein (-0,15%)", "het ECABO-domein (-0,15%)"),  # two words
        ("in het import-", "en/of exportproces", "in het import- en/of exportproces"),
        ("een mbo-", "4 denkniveau", "een mbo-4 denkniveau"),
        ("(e-)ICT en (e-", ")logistiek", "(e-)ICT en (e-)logistiek"),
        ("De e-", "commerce specialist", "De e-commerce specialist"),  # printed so
        ("marketing- en communicatie-", "activiteiten", "marketing- en communicatie-activiteiten"),
        ("de food en non-", "foodbranches", "de food en non-foodbranches"),  # a prefix
        ("prestatie-", "indicatoren", "prestatie-indicatoren"),  # vowels collide
        ("in Noord-", "Holland", "in Noord-Holland"),
        ("eerst", "daarna", "eerst daarna"),
    ],
)
def test_line_end_hyphen_rules(left: str, right: str, joined: str) -> None:
    with document(_DOCUMENT):
        assert join_broken_line(left, right) == joined


def test_without_a_document_every_hyphen_is_kept() -> None:
    assert join_broken_line("de mede-", "werker") == "de mede-werker"
    assert join_broken_line("import-", "en/of export") == "import- en/of export"


def test_a_word_recovered_from_one_break_joins_another() -> None:
    """'communi-' / 'catieadviesbureaus' is one word, so 'Communicatie-' / 'adviesbureaus' is
    that word too, not a compound of 'communicatie' and 'adviesbureaus'."""
    with document(_DOCUMENT) as lexicon:
        assert lexicon.is_word("communicatieadviesbureaus")
        assert (
            join_broken_line("de Communicatie-", "adviesbureaus") == "de Communicatieadviesbureaus"
        )


def test_halves_of_a_split_word_are_no_words() -> None:
    lexicon = Lexicon.of("de mede-\n\nwerker van het team\n")
    assert not lexicon.is_word("mede") and not lexicon.is_word("werker")
    assert lexicon.is_word("team") and lexicon.breaks == (("mede", "werker"),)


def test_rejoin_words_in_text_spelled_as_printed() -> None:
    with document("de beroepscompetentieprofielen, business-to-business\n"):
        assert rejoin_words("Beroeps-competentieprofielen") == "Beroepscompetentieprofielen"
        assert rejoin_words("alleen business-to-business") == "alleen business-to-business"


# Seven words a line end had left hyphenated in the generated knowledge base.
_REJOINED = {
    "bcp-2010": ["Beroepscompetentieprofielen", "onafhankelijke", "communicatieadviesbureaus"],
    "beroepenonderzoek": [
        "medewerker",
        "beleidsondersteuner",
        "doorgroeimogelijkheden",
        "Loopbaanperspectief",
    ],
    "commercie": ["communicatie-activiteiten", "e-commerce", "prestatie-indicatoren"],
}
_BROKEN = [
    "mede-werker",
    "beleids-ondersteuner",
    "doorgroei-mogelijkheden",
    "Loopbaan-perspectief",
    "onafhan-kelijke",
    "communi-catieadviesbureaus",
    "Beroeps-competentieprofielen",
    "Communicatie-adviesbureaus",
    "hbo- werk",
]


@pytest.mark.parametrize(
    "source_id", ["commercie", "commercie-2015", "commercie-cgo", "bcp-2010", "beroepenonderzoek"]
)
def test_imports_rejoin_words_split_at_a_line_end(source_id: str) -> None:
    source = KNOWLEDGE / "sources" / f"{source_id}.txt"
    data = parser_for(source_id)(source.read_text(encoding="utf-8"), source_id)
    text = "\n".join(all_text(data))
    assert [word for word in _BROKEN if word in text] == []
    assert [word for word in _REJOINED.get(source_id, []) if word not in text] == []
