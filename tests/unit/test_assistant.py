"""The assistant with an in-memory users store: onboarding, dossier choice, memory, forgetting."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.answers.service import Answers
from bot.core.assistant import FORGET_NO, FORGET_YES, Assistant, Person
from bot.core.memory import MemoryUsers
from bot.knowledge.load import load_dossier

STUDENT = Person(7, "Sanne", "sanne", "nl")
ENGLISH = Person(8, "Sam", None, "en-GB")


@pytest.fixture(scope="module")
def answers() -> Answers:
    return Answers.build(load_dossier())


@pytest.fixture
def users() -> MemoryUsers:
    return MemoryUsers()


@pytest.fixture
def assistant(answers: Answers, users: MemoryUsers) -> Assistant:
    return Assistant(answers, users, clock=lambda: datetime(2026, 11, 24, 9, 0, tzinfo=UTC))


async def test_start_offers_the_six_profiles_then_older_dossiers(assistant: Assistant) -> None:
    reply = await assistant.start(STUDENT)
    labels = [choice.label for choice in reply.choices]
    assert labels[:6] == [
        "P1 Commercieel medewerker",
        "P2 Consulent commerciële arbeidsbemiddeling",
        "P3 E-commerce specialist",
        "P4 Junior accountmanager",
        "P5 Junior manager groothandel",
        "P6 Junior manager internationale handel",
    ]
    assert labels[6] == "Oudere dossiers"
    older = await assistant.choice(STUDENT, reply.choices[6].action)
    assert {c.action for c in older.choices} == {
        "d|bcp-2010",
        "d|commercie-cgo",
        "d|commercie-2015",
    }


async def test_dossier_choice_is_stored_and_changes_answers(
    assistant: Assistant, users: MemoryUsers
) -> None:
    await assistant.start(STUDENT)
    await assistant.choice(STUDENT, "d|bcp-2010")
    assert (await users.get(STUDENT.id)).dossier == "bcp-2010"
    reply = await assistant.text(STUDENT, "werkproces 2.4")
    assert reply.item_id == "bcp-2010:2.4"
    await assistant.choice(STUDENT, "d|commercie-cgo")
    assert (await assistant.text(STUDENT, "werkproces 2.4")).item_id == "commercie-cgo:2.4"


@pytest.mark.parametrize(
    ("payload", "stored"),
    [
        ("dossier_P4", "commercie:P4"),
        ("dossier_bcp-2010", "bcp-2010"),
        ("dossier_commercie_P6", "commercie:P6"),
        ("dossier_P9", None),
        ("<b>", None),
    ],
)
async def test_deep_link_preselects(
    assistant: Assistant, users: MemoryUsers, payload: str, stored: str | None
) -> None:
    await assistant.start(STUDENT, payload)
    assert (await users.get(STUDENT.id)).dossier == stored


async def test_last_item_survives_in_the_store(assistant: Assistant, users: MemoryUsers) -> None:
    await assistant.text(STUDENT, "wp 3.5 van het bcp")
    assert (await users.get(STUDENT.id)).last_item == "bcp-2010:3.5"
    fresh = Assistant(assistant.answers, users)  # a restart: new process, same store
    reply = await fresh.text(STUDENT, "en de competenties?")
    assert reply.item_id == "bcp-2010:3.5" and "Competenties" in reply.plain


async def test_forget_needs_confirmation_and_erases(
    assistant: Assistant, users: MemoryUsers
) -> None:
    await assistant.choice(STUDENT, "d|commercie:P4")
    ask = await assistant.forget(STUDENT)
    assert [c.action for c in ask.choices] == [FORGET_YES, FORGET_NO]
    await assistant.choice(STUDENT, FORGET_NO)
    assert await users.get(STUDENT.id) is not None
    done = await assistant.choice(STUDENT, FORGET_YES)
    assert "niets meer" in done.plain
    assert await users.get(STUDENT.id) is None


async def test_english_users_get_english_interface(assistant: Assistant) -> None:
    reply = await assistant.help(ENGLISH)
    assert "How Dossierbot works" in reply.plain
    answer = await assistant.text(ENGLISH, "wp 3.5 bcp")
    assert "Source:" in answer.plain and "Onderhandelt met de account" in answer.plain


async def test_forged_dossier_choice_is_refused(assistant: Assistant, users: MemoryUsers) -> None:
    reply = await assistant.choice(STUDENT, "d|commercie:P99")
    assert "werkt niet meer" in reply.plain
    assert (await users.get(STUDENT.id)).dossier is None
