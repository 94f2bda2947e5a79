"""Items of an older dossier: a student who does not follow it is told so, and offered the
current werkproces; a title-only werkproces (Europass 2015) says so and offers it too."""

from __future__ import annotations

import pytest

from bot.answers.service import Answers
from bot.reply.callbacks import ITEM
from bot.reply.replies import Reply
from bot.search.engine import Hit, Interpretation
from bot.search.intent import Intent
from tests.unit.answer_support import assert_telegram_safe, press

NOTE = "Let op: dit komt uit het beroepscompetentieprofiel 2010"


def landing_on(answers: Answers, item_id: str, choice: str | None, named: bool = False) -> Reply:
    """The reply when search lands on item_id (a source named in the question, or not)."""
    source = item_id.split(":")[0]
    intent = Intent(None, frozenset({source}) if named else frozenset(), None)
    found = Interpretation("item", (Hit(item_id, 1.0),), None, intent)
    reply = answers.reply_for(found, "een vraag", answers.scope(choice), "nl")
    assert_telegram_safe(reply)
    return reply


def current_counterpart(answers: Answers, reply: Reply, profile: str | None) -> str:
    """The item the first button ('Nu: ...') opens, checked to be a current werkproces."""
    first = reply.choices[0]
    assert first.label.startswith("Nu: ")
    item = answers.dossier.items[first.action.removeprefix("i|")]
    assert first.action == ITEM.data(item.id)
    assert answers.dossier.source_of(item).role == "current" and item.type == "werkproces"
    assert first.label == f"Nu: {item.code}"
    if profile:
        assert answers.dossier.top_ancestor(item).code in (profile, "B1")
    return item.id


def test_a_p4_student_landing_on_the_bcp_gets_the_note_and_todays_werkproces(
    answers: Answers,
) -> None:
    reply = landing_on(answers, "bcp-2010:3.5", "commercie:P4")
    assert NOTE + ", niet uit jouw dossier." in reply.plain
    current_counterpart(answers, reply, "P4")


def test_without_a_dossier_the_note_says_older_dossier(answers: Answers) -> None:
    reply = landing_on(answers, "bcp-2010:3.5", None)
    assert NOTE + ", een ouder dossier." in reply.plain
    current_counterpart(answers, reply, None)


def test_a_bcp_student_gets_no_note_and_no_counterpart(answers: Answers) -> None:
    reply = landing_on(answers, "bcp-2010:3.5", "bcp-2010")
    assert "Let op" not in reply.plain
    assert not any(c.label.startswith("Nu: ") for c in reply.choices)


def test_a_source_named_in_the_question_gets_no_note(answers: Answers) -> None:
    reply = landing_on(answers, "bcp-2010:3.5", "commercie:P4", named=True)
    assert "Let op" not in reply.plain


def test_research_and_current_items_get_no_note(answers: Answers) -> None:
    for item_id in ("beroepenonderzoek:3.5", "commercie:B1-K1-W1"):
        assert "Let op" not in landing_on(answers, item_id, "commercie:P4").plain


async def test_the_whole_path_for_a_p4_student(answers: Answers) -> None:
    reply = answers.ask("Onderhandelt met de account", "commercie:P4")
    assert reply.item_id == "bcp-2010:3.5"
    assert NOTE in reply.plain
    current_counterpart(answers, reply, "P4")
    assert "Let op" not in answers.ask("wp 3.5", "bcp-2010").plain


@pytest.mark.parametrize("choice", [None, "commercie:P4", "commercie-2015"])
def test_a_europass_werkproces_has_only_its_title_and_offers_the_current(
    answers: Answers, choice: str | None
) -> None:
    reply = answers.ask("werkproces 2.1 van de europass", choice)
    assert reply.item_id == "commercie-2015:2.1"
    assert "Van dit onderdeel staat in de Europass 2015 alleen de titel." in reply.plain
    counterpart = current_counterpart(answers, reply, "P4" if choice == "commercie:P4" else None)
    assert press(answers, ITEM.data(counterpart)).kind == "answer"


def test_pressing_a_europass_werkproces_offers_the_current_too(answers: Answers) -> None:
    reply = press(answers, ITEM.data("commercie-2015:2.1"), choice="commercie:P4")
    assert "alleen de titel" in reply.plain
    current_counterpart(answers, reply, "P4")
