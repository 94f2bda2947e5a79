"""The question bank: every generated question has exactly one right answer, checked against
the whole knowledge base, and fits Telegram's poll limits."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace

import pytest

from bot.knowledge.model import Dossier, Item, Source
from bot.quiz.check import problems
from bot.quiz.generate import generate
from bot.quiz.kinds import KINDS
from bot.quiz.model import Question
from bot.quiz.scope import choices, scope_of
from bot.quiz.text import normalise
from bot.reply import limits

CHOICES = (
    "commercie:P1",
    "commercie:P2",
    "commercie:P3",
    "commercie:P4",
    "commercie:P5",
    "commercie:P6",
    "commercie-2015",
    "commercie-cgo",
    "bcp-2010",
)
SOURCE = "Kwalificatiedossier Commercie"


@pytest.fixture(scope="module")
def bank(dossier: Dossier) -> dict[str, list[Question]]:
    return {c: list(generate(dossier, c, rng=random.Random(7))) for c in CHOICES}


def test_the_choices_are_the_menus(dossier: Dossier) -> None:
    assert choices(dossier) == CHOICES


def test_a_profile_brings_its_basisdeel_and_nothing_of_other_profiles(dossier: Dossier) -> None:
    ids = {item.id for item in scope_of(dossier, "commercie:P4").items}
    assert {"commercie:B1-K1-W2", "commercie:P4-K2-W6"} <= ids
    assert not any(i.startswith(("commercie:P1", "commercie:P5")) for i in ids)


@pytest.mark.parametrize("choice", CHOICES)
def test_every_question_has_no_problems_and_fits_a_poll(
    dossier: Dossier, bank: dict[str, list[Question]], choice: str
) -> None:
    assert bank[choice]
    for q in bank[choice]:
        assert problems(q, dossier) == [], q
        assert 1 <= len(q.question) <= limits.POLL_QUESTION
        assert len(q.explanation) <= limits.POLL_EXPLANATION
        assert q.explanation.count("\n") <= limits.POLL_EXPLANATION_LINE_FEEDS
        assert dossier.source_of(dossier.items[q.items[0]]).title in q.explanation
        if q.typed:
            assert q.answers and not q.correct
            continue
        assert limits.POLL_OPTIONS_MIN <= len(q.options) <= limits.POLL_OPTIONS_MAX
        assert all(1 <= len(o) <= limits.POLL_OPTION for o in q.options)
        assert len({normalise(o) for o in q.options}) == len(q.options)
        assert len(q.correct) == 1 and 0 <= q.correct[0] < len(q.options)


def test_the_current_dossier_has_at_least_ten_kinds(bank: dict[str, list[Question]]) -> None:
    for choice in CHOICES[:6]:
        assert len({q.kind for q in bank[choice]}) >= 10, choice
    used = {q.kind for questions in bank.values() for q in questions}
    assert used == set(KINDS)


def test_a_seed_gives_the_same_questions(dossier: Dossier) -> None:
    def run() -> list[Question]:
        return list(generate(dossier, "bcp-2010", rng=random.Random(3)))

    assert run() == run()


def test_kinds_filter(dossier: Dossier) -> None:
    kinds = Counter(
        q.kind for q in generate(dossier, "commercie:P4", kinds=["fill_gap"], rng=random.Random(1))
    )
    assert set(kinds) == {"fill_gap"}


def mc(
    kind: str, question: str, options: tuple[str, ...], item: str, correct: int = 0
) -> Question:
    return Question(
        kind, question, options, (correct,), f"{item} · {SOURCE}", (f"commercie:{item}",)
    )


def test_a_distractor_with_the_same_gedrag_line_is_rejected(dossier: Dossier) -> None:
    line = "gebruikt informatiebronnen doelgericht en efficiënt;"
    text = f"Bij welk werkproces hoort dit gedrag: “{line}”?"
    good = (
        "Brengt de marktpositie van de onderneming in kaart",
        "Voert webcare uit",
        "Werft kandidaten",
    )
    assert problems(mc("gedrag_to_werkproces", text, good, "B1-K1-W1"), dossier) == []
    bad = (good[0], "Analyseert de customer journey", good[2])  # B1-K1-W2 has the line too
    found = problems(mc("gedrag_to_werkproces", text, bad, "B1-K1-W1"), dossier)
    assert found == ["option 'Analyseert de customer journey' is right too"]


def test_a_code_whose_title_another_profile_shares_is_no_distractor(dossier: Dossier) -> None:
    text = (
        "Welke code heeft werkproces “Voert aftersales uit” in profiel P4 (Junior accountmanager)?"
    )
    q = mc("title_to_code", text, ("P4-K2-W6", "P4-K1-W1", "P1-K1-W7"), "P4-K2-W6")
    assert problems(q, dossier) == ["option 'P1-K1-W7' is right too"]


def test_an_odd_one_out_right_in_an_older_dossier_is_rejected(dossier: Dossier) -> None:
    text = "Welke competentie hoort níet bij het werkproces “Voert aftersales uit”?"
    options = ("Begeleiden", "Analyseren", "Samenwerken en overleggen")  # bcp-2010 3.7 has it
    found = problems(mc("competentie_not", text, options, "P4-K2-W6"), dossier)
    assert found == ["the correct option 'Begeleiden' is not right"]


def test_an_odd_werkproces_of_a_same_named_kerntaak_is_rejected(dossier: Dossier) -> None:
    text = "Welk werkproces hoort níet bij de kerntaak “Voert een commercieel traject uit”?"
    options = ("Bereidt de inkoop voor", "Voert aftersales uit", "Voert een verkoopgesprek")
    found = problems(mc("werkproces_not_in_kerntaak", text, options, "P4-K2"), dossier)
    assert found == ["the correct option 'Bereidt de inkoop voor' is not right"]


def test_options_that_read_the_same_are_rejected(dossier: Dossier) -> None:
    text = "Welke titel heeft werkproces B1-K2-W3 in het kwalificatiedossier Commercie?"
    options = ("Voert webcare uit", "voert  webcare uit.", "Werft kandidaten")
    assert "two options read the same" in problems(
        mc("code_to_title", text, options, "B1-K2-W3"), dossier
    )


def test_typed_answers_must_be_exactly_the_right_ones(dossier: Dossier) -> None:
    text = (
        "Typ de code van werkproces “Voert aftersales uit” in profiel P4 (Junior accountmanager)."
    )
    base = Question("typed_code", text, (), (), f"P4-K2-W6 · {SOURCE}", ("commercie:P4-K2-W6",))
    assert problems(replace(base, answers=("P4-K2-W6",)), dossier) == []
    assert problems(replace(base, answers=("P4-K2-W6", "P1-K1-W7")), dossier) == [
        "accepted answer 'P1-K1-W7' is not right"
    ]


def test_a_question_too_long_for_a_poll_is_rejected(dossier: Dossier) -> None:
    text = (
        "Welke titel heeft werkproces B1-K2-W3 in het kwalificatiedossier Commercie?" + " " * 300
    )
    q = mc("code_to_title", text, ("Voert webcare uit", "Werft kandidaten", "Plant"), "B1-K2-W3")
    assert problems(q, dossier) == [f"question of {len(text)} characters"]


def _tiny() -> Dossier:
    """Two profiles whose werkprocessen share a gedrag line under different titles."""

    def wp(code: str, title: str, *gedrag: str) -> Item:
        parent = f"x:{code.rsplit('-', 1)[0]}"
        return Item(f"x:{code}", "x", "werkproces", code, title, parent, (("gedrag", gedrag),))

    items = (
        Item("x:P1", "x", "profiel", "P1", "Eerste profiel"),
        Item("x:P1-K1", "x", "kerntaak", "P1-K1", "Verkoopt", "x:P1"),
        wp("P1-K1-W1", "Voert aftersales uit", "luistert aandachtig naar klanten;"),
        wp("P1-K1-W2", "Plant werkzaamheden", "maakt een realistische planning;"),
        wp("P1-K1-W3", "Stelt offertes op", "berekent prijzen nauwkeurig;"),
        Item("x:P2", "x", "profiel", "P2", "Tweede profiel"),
        Item("x:P2-K1", "x", "kerntaak", "P2-K1", "Adviseert", "x:P2"),
        wp("P2-K1-W1", "Bouwt relaties op", "luistert aandachtig naar klanten;"),
    )
    return Dossier({"x": Source("x", "Testdossier", "test", "", items, role="current")})


def test_tiny_dossier_never_offers_the_other_profiles_title() -> None:
    tiny = _tiny()
    questions = list(generate(tiny, "x:P1", kinds=["gedrag_to_werkproces"], rng=random.Random(0)))
    assert len(questions) == 3
    text = "Bij welk werkproces hoort dit gedrag: “luistert aandachtig naar klanten;”?"
    bad = Question(
        "gedrag_to_werkproces",
        text,
        ("Voert aftersales uit", "Bouwt relaties op", "Plant werkzaamheden"),
        (0,),
        "P1-K1-W1 · Testdossier",
        ("x:P1-K1-W1",),
    )
    assert problems(bad, tiny) == ["option 'Bouwt relaties op' is right too"]
