"""Questions about the profiles themselves: side by side, which fits, their level."""

from __future__ import annotations

from bot.answers.service import Answers
from bot.reply.callbacks import DOSSIER, ITEM
from tests.unit.answer_support import assert_telegram_safe, ids, labels


def test_difference_between_two_profiles_lists_both(answers: Answers) -> None:
    reply = answers.ask("verschil P4 en P5")
    assert_telegram_safe(reply)
    assert reply.kind == "answer" and ids(reply) == ["commercie:P4", "commercie:P5"]
    p4, p5 = reply.plain.split("\n\n")[1:3]
    assert p4.startswith("P4 Junior accountmanager · niveau 4")
    assert p5.startswith("P5 Junior manager groothandel · niveau 4")
    for block, profile in ((p4, "commercie:P4"), (p5, "commercie:P5")):
        for kerntaak in answers.dossier.kids(profile):
            assert f"• {kerntaak.code} {kerntaak.title}" in block
    assert "Bron: kwalificatiedossier Commercie" in reply.plain
    assert [c.action for c in reply.choices] == [
        ITEM.data("commercie:P4"),
        ITEM.data("commercie:P5"),
        DOSSIER.data("commercie:P4"),
        DOSSIER.data("commercie:P5"),
    ]


def test_which_profile_fits_ranks_p3_for_online_marketing(answers: Answers) -> None:
    reply = answers.ask("welk profiel past bij mij als ik van online marketing hou")
    assert_telegram_safe(reply)
    assert reply.kind == "answer" and ids(reply)[0] == "commercie:P3"
    assert reply.plain.split("\n\n")[1].startswith("P3 E-commerce specialist · niveau 4")
    assert "Kies P3" in labels(reply)
    choose = next(c for c in reply.choices if c.label == "Kies P3")
    assert choose.action == DOSSIER.data("commercie:P3")
    assert labels(reply).index("Kies P3") == min(
        n for n, label in enumerate(labels(reply)) if label.startswith("Kies ")
    )


def test_which_profile_without_an_interest_lists_all_and_asks(answers: Answers) -> None:
    reply = answers.ask("welk profiel past bij mij")
    assert reply.kind == "answer"
    assert len(reply.choices) == 6 and all(c.compact for c in reply.choices)
    assert "Waar hou je van" in reply.plain


def test_level_of_a_profile_comes_from_the_overview(answers: Answers) -> None:
    reply = answers.ask("is commercieel medewerker niveau 3 of 4")
    assert_telegram_safe(reply)
    assert reply.item_id == "commercie:overzicht"
    assert ids(reply)[:2] == ["commercie:overzicht", "commercie:P1"]
    row = [line for line in reply.plain.splitlines() if line.startswith("P1 ")]
    assert row and row[0].split(" | ")[1] == "3"
    assert labels(reply)[0] == "P1"


def test_english_questions_get_english_interface(answers: Answers) -> None:
    reply = answers.ask("difference between P4 and P5", lang="en")
    assert reply.plain.startswith("Side by side:") and "level 4" in reply.plain
    assert "Choose P4" in labels(reply)
