"""grade(): typed answers graded leniently the Dutch way (issue 13), with tables of accepted
and refused answers, Dutch and English, on titles and codes of knowledge/commercie.yaml."""

from __future__ import annotations

import pytest

from bot.quiz.grade import Verdict, allowed, grade

AFTERSALES = "Voert aftersales uit"
JOURNEY = "Analyseert de customer journey"
MARKT = "Brengt de marktpositie van de onderneming in kaart"
TRENDS = "Vertaalt trends en ontwikkelingen naar commerciële kansen"
ACCOUNT = "Voert accountanalyses uit"
PLAN = "Stelt een accountplan op"
MARKETING = "Voert marketing- en communicatie-activiteiten uit"
KANDIDATEN = "Werft kandidaten"
CONVERSIE = "Adviseert over het verhogen van de conversie"
ENGLISH = "Analyses the customer journey"

# (typed, accepted answer, what must be among the forgiven)
ACCEPTED = [
    # case, diacritics, punctuation, spacing
    ("voert aftersales uit", AFTERSALES, ()),
    ("VOERT AFTERSALES UIT!", AFTERSALES, ()),
    ("  Voert   aftersales, uit. ", AFTERSALES, ()),
    ("Voert after-sales uit", AFTERSALES, ("spacing",)),
    ("vertaalt trends en ontwikkelingen naar commerciele kansen", TRENDS, ("accents",)),
    ("Vertaalt trends en ontwikkelingen naar commerciële kansen", TRENDS, ()),
    ("Voert marketing en communicatieactiviteiten uit", MARKETING, ("spacing",)),
    # a missing or extra article
    ("Analyseert customer journey", JOURNEY, ("article",)),
    ("Brengt marktpositie van onderneming in kaart", MARKT, ("article",)),
    ("Stelt accountplan op", PLAN, ("article",)),
    ("Stelt het accountplan op", PLAN, ("article",)),
    ("Analyses customer journey", ENGLISH, ("article",)),
    ("Analyses a customer journey", ENGLISH, ("article",)),
    # word order
    ("customer journey analyseert", JOURNEY, ("word order",)),
    ("kandidaten werft", KANDIDATEN, ("word order",)),
    ("the customer journey analyses", ENGLISH, ("word order",)),
    # one and two typos
    ("Voert aftersalse uit", AFTERSALES, ("typo",)),
    ("Analyseert de custmer journey", JOURNEY, ("typo",)),
    ("Analyseert de custmer journy", JOURNEY, ("typo",)),
    ("Brengt de markpositie van de onderneming in kaart", MARKT, ("typo",)),
    ("Stelt een acountplan op", PLAN, ("typo",)),
    ("Adviseert over het verhogen van de konversie", CONVERSIE, ("typo",)),
    ("Analyses the custumer journey", ENGLISH, ("typo",)),
    # another form of a word: plural, singular, verb form
    ("Voert accountanalyse uit", ACCOUNT, ("form",)),
    ("Werft kandidaat", KANDIDATEN, ("form",)),
    ("Analyseren de customer journey", JOURNEY, ("form",)),
    ("Brengt de marktpositie van de ondernemingen in kaart", MARKT, ("form",)),
    ("Analyseert de customer journeys", JOURNEY, ()),
    # filler, Dutch and English
    ("it is Voert aftersales uit", AFTERSALES, ("filler",)),
    ("it's analyses the customer journey", ENGLISH, ("filler",)),
    ("I think it is B1-K1-W2", "B1-K1-W2", ("filler",)),
    ("het antwoord is: Stelt een accountplan op", PLAN, ("filler",)),
    ("Werft kandidaten denk ik", KANDIDATEN, ("filler",)),
    # codes, in every spelling
    ("B1-K1-W2", "B1-K1-W2", ()),
    ("b1k1w2", "B1-K1-W2", ()),
    ("B1 K1 W2", "B1-K1-W2", ()),
    ("b1.k1.w2", "B1-K1-W2", ()),
    ("P1-K1-W7", "P1-K1-W7", ()),
    ("p4 k2", "P4-K2", ()),
    ("P4K2", "P4-K2", ()),
    ("wp 3.5", "werkproces 3.5", ()),
    ("wp3,5", "werkproces 3.5", ()),
    ("kt 2", "kerntaak 2", ()),
    # numbers
    ("de 4 P's", "4 P's", ("article",)),
    ("4 ps", "4 P's", ()),
]

# (typed, accepted answer)
REFUSED = [
    # empty, very short, don't know
    ("", AFTERSALES),
    ("   ", AFTERSALES),
    ("?", AFTERSALES),
    ("...", "B1-K1-W2"),
    ("weet niet", AFTERSALES),
    ("Weet ik niet.", JOURNEY),
    ("geen idee", PLAN),
    ("idk", ENGLISH),
    ("I don't know", ENGLISH),
    ("het is", AFTERSALES),
    ("Voert", AFTERSALES),
    ("aftersales", AFTERSALES),
    # a different code
    ("B1-K1-W3", "B1-K1-W2"),
    ("b1k1w3", "B1-K1-W2"),
    ("B1-K2-W2", "B1-K1-W2"),
    ("P1-K1-W2", "B1-K1-W2"),
    ("B1-K1", "B1-K1-W2"),
    ("P4-K1", "P4-K2"),
    ("it is P4-K3", "P4-K2"),
    ("wp 3.6", "werkproces 3.5"),
    ("kt 3", "kerntaak 2"),
    ("Voert aftersales uit P1-K1-W7", AFTERSALES),
    # a different number
    ("5 P's", "4 P's"),
    ("P's", "4 P's"),
    ("de 7 P's", "4 P's"),
    # a different werkproces or a different word
    ("Voert een verkoopgesprek", "Voert een adviesgesprek"),
    ("Voert webcare uit", AFTERSALES),
    ("Onderzoekt de customer journey", JOURNEY),
    ("Brengt het commerciële aanbod van de onderneming in kaart", MARKT),
    ("Evalueert een accountplan", PLAN),
    ("Analyses the customer experience", ENGLISH),
    ("Bereidt een commercieel traject voor", "Voert een commercieel traject uit"),
    ("Voert een commercieel traject voor", "Bereidt een commercieel traject voor"),
    # too many typos, a typo in a short word
    ("Analyseeert de custmer journy", JOURNEY),
    ("Voert aftersales uot", AFTERSALES),
    ("Stelt een acountplann opp", PLAN),
    # a missing or extra word that is not an article
    ("Voert aftersales", AFTERSALES),
    ("Voert de aftersales niet uit", AFTERSALES),
    ("Stelt een accountplan", PLAN),
]


@pytest.mark.parametrize(("typed", "accepted", "forgiven"), ACCEPTED)
def test_accepted(typed: str, accepted: str, forgiven: tuple[str, ...]) -> None:
    verdict = grade(typed, [accepted])
    assert verdict.correct, verdict
    assert verdict.matched == accepted
    assert set(forgiven) <= set(verdict.forgiven)
    assert verdict.exact == (not verdict.forgiven)


@pytest.mark.parametrize(("typed", "accepted"), REFUSED)
def test_refused(typed: str, accepted: str) -> None:
    assert grade(typed, [accepted]) == Verdict(False, False, None)


def test_tables_are_large_enough() -> None:
    assert len(ACCEPTED) >= 25 and len(REFUSED) >= 25


def test_exact_answer_needs_no_forgiveness() -> None:
    assert grade("Voert aftersales uit.", [AFTERSALES]) == Verdict(True, True, AFTERSALES, ())


def test_forgiveness_is_named_for_feedback() -> None:
    verdict = grade("customer journy analyseert", [JOURNEY])
    assert verdict == Verdict(True, False, JOURNEY, ("article", "typo", "word order"))


def test_the_closest_accepted_answer_is_matched() -> None:
    accepted = ["B1-K1-W2", JOURNEY]
    assert grade("b1k1w2", accepted).matched == "B1-K1-W2"
    assert grade("analyseert customer journey", accepted).matched == JOURNEY
    assert grade("B1-K1-W3", accepted) == Verdict(False, False, None)


def test_an_exact_match_wins_over_a_forgiven_one() -> None:
    verdict = grade("Werft kandidaat", ["Werft kandidaten", "Werft kandidaat"])
    assert verdict == Verdict(True, True, "Werft kandidaat", ())


# (typed, accepted answer, the others of the same kind): near enough to the accepted answer
# to be forgiven alone, but closer to a wrong candidate.
NEIGHBOURS = [
    ("Voert een verkoopgesprek", "Voert een adviesgesprek", ["Voert een verkoopgesprek"]),
    ("verloop", "verkoop", ["verloop", "inkoop"]),
    ("internet", "interne", ["internet", "extern"]),
    ("planten", "klanten", ["planten", "kandidaten"]),
    ("Werkt kandidaten", KANDIDATEN, ["Werkt kandidaten", "Matcht kandidaten en vacatures"]),
    (
        "Adviseert over het verlagen van de conversie",
        CONVERSIE,
        ["Adviseert over het verlagen van de conversie", "Test en monitort online kanalen"],
    ),
]


@pytest.mark.parametrize(("typed", "accepted", "others"), NEIGHBOURS)
def test_closer_to_another_candidate_is_refused(
    typed: str, accepted: str, others: list[str]
) -> None:
    assert grade(typed, [accepted], others=others) == Verdict(False, False, None)


def test_others_do_not_refuse_an_answer_nearest_the_accepted_one() -> None:
    others = ["Voert webcare uit", "Verzorgt het interne ordertraject", "Doet klanten een aanbod"]
    assert grade("Voert aftersalse uit", [AFTERSALES], others=others).correct
    assert grade("Voert aftersales uit", [AFTERSALES], others=[AFTERSALES, *others]).exact
    assert grade(
        "Werkt kandidaten", [KANDIDATEN], others=["Matcht kandidaten en vacatures"]
    ).correct
    assert grade("verloop", ["verkoop"]).forgiven == ("typo",)  # why others are passed


@pytest.mark.parametrize(
    ("word", "edits"),
    [
        ("uit", 0),
        ("op", 0),
        ("kaart", 1),
        ("voert", 1),
        ("klanten", 1),
        ("marktpositie", 2),
        ("b2b", 0),
        ("w3", 0),
    ],
)
def test_typos_allowed_by_length(word: str, edits: int) -> None:
    assert allowed(word) == edits
