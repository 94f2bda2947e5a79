"""The assistant with an in-memory users store: onboarding, dossier choice, memory, forgetting."""

from __future__ import annotations

import pytest

from bot.core.assistant import FORGET_NO, FORGET_YES, Assistant
from bot.core.events import Button, Command, InlineQuery, Text
from bot.core.memory import MemoryUser, MemoryUsers
from bot.core.session import State
from bot.reply.callbacks import DOSSIER
from bot.reply.replies import InlineAnswer, Reply
from tests.unit.answer_support import ENGLISH, STUDENT


async def row(users: MemoryUsers) -> MemoryUser:
    found = await users.get(STUDENT.id)
    assert found is not None
    return found


async def send(assistant: Assistant, event: Text | Command | Button) -> Reply:
    reply = await assistant.handle(event)
    assert isinstance(reply, Reply)
    return reply


async def test_start_offers_the_six_profiles_then_older_dossiers(assistant: Assistant) -> None:
    reply = await send(assistant, Command(STUDENT, "start"))
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
    older = await send(assistant, Button(STUDENT, reply.choices[6].action))
    assert [c.action for c in older.choices] == [  # in the catalog's order, by their names
        "d|commercie-2015",
        "d|commercie-cgo",
        "d|bcp-2010",
    ]
    assert [c.label for c in older.choices] == [
        "Europass 2015",
        "CGO-dossier",
        "beroepscompetentieprofiel 2010",
    ]


async def test_dossier_choice_is_stored_and_changes_answers(
    assistant: Assistant, users: MemoryUsers
) -> None:
    await send(assistant, Command(STUDENT, "start"))
    await send(assistant, Button(STUDENT, "d|bcp-2010"))
    assert (await row(users)).dossier == "bcp-2010"
    reply = await send(assistant, Text(STUDENT, "werkproces 2.4"))
    assert reply.item_id == "bcp-2010:2.4"
    await send(assistant, Button(STUDENT, "d|commercie-cgo"))
    assert (await send(assistant, Text(STUDENT, "werkproces 2.4"))).item_id == "commercie-cgo:2.4"


@pytest.mark.parametrize(
    ("payload", "stored"),
    [
        ("dossier_P4", "commercie:P4"),
        ("dossier_bcp-2010", "bcp-2010"),
        ("dossier_commercie_P6", "commercie:P6"),
        ("dossier_P9", None),
        ("<b>", None),
        ("x" * 100, None),
    ],
)
async def test_deep_link_preselects(
    assistant: Assistant, users: MemoryUsers, payload: str, stored: str | None
) -> None:
    reply = await send(assistant, Command(STUDENT, "start", payload))
    assert (await row(users)).dossier == stored
    if stored is None:
        assert "Welk dossier volg je?" in reply.plain
    else:
        assert "Je dossier:" in reply.plain


async def test_conversation_state_survives_in_the_store(
    assistant: Assistant, users: MemoryUsers
) -> None:
    await send(assistant, Text(STUDENT, "wp 3.5 van het bcp"))
    stored = await users.get(STUDENT.id)
    assert stored is not None
    assert State.from_json(stored.conversation).item == "bcp-2010:3.5"
    fresh = Assistant(assistant.answers, users)  # a restart: new process, same store
    reply = await send(fresh, Text(STUDENT, "en de competenties?"))
    assert reply.item_id == "bcp-2010:3.5" and reply.field == "competenties"
    assert "Competenties" in reply.plain


async def test_forget_needs_confirmation_and_erases(
    assistant: Assistant, users: MemoryUsers
) -> None:
    await send(assistant, Button(STUDENT, "d|commercie:P4"))
    ask = await send(assistant, Command(STUDENT, "vergeet"))
    assert [c.action for c in ask.choices] == [FORGET_YES, FORGET_NO]
    kept = await send(assistant, Button(STUDENT, FORGET_NO))
    assert "ik wis niets" in kept.plain
    assert await users.get(STUDENT.id) is not None
    done = await send(assistant, Button(STUDENT, FORGET_YES))
    assert "niets meer" in done.plain
    assert await users.get(STUDENT.id) is None  # nothing written after forgetting


async def test_english_users_get_english_interface(assistant: Assistant) -> None:
    reply = await send(assistant, Command(ENGLISH, "help"))
    assert "How Dossierbot works" in reply.plain
    answer = await send(assistant, Text(ENGLISH, "wp 3.5 bcp"))
    assert "Source:" in answer.plain and "Onderhandelt met de account" in answer.plain


async def test_forged_dossier_choice_is_refused(assistant: Assistant, users: MemoryUsers) -> None:
    reply = await send(assistant, Button(STUDENT, "d|commercie:P99"))
    assert reply.notice and "werkt niet meer" in reply.plain
    assert (await row(users)).dossier is None


@pytest.mark.parametrize(
    "data", [None, "", "zzz", "k|nope", "k|help|x", "v|misschien", "d|", "c|commercie:P4"]
)
async def test_stale_or_forged_buttons_get_a_notice_and_keep_the_state(
    assistant: Assistant, users: MemoryUsers, data: str | None
) -> None:
    await send(assistant, Text(STUDENT, "B1-K1-W2"))
    before = (await row(users)).conversation
    reply = await send(assistant, Button(STUDENT, data))
    assert reply.notice and "werkt niet meer" in reply.plain
    assert (await row(users)).conversation == before


async def test_command_buttons_run_the_command(assistant: Assistant) -> None:
    greeting = await send(assistant, Text(STUDENT, "hoi"))
    dossier = [c for c in greeting.choices if c.label == "Kies je dossier"]
    assert dossier, greeting.choices
    menu = await send(assistant, Button(STUDENT, dossier[0].action))
    assert "Welk dossier volg je?" in menu.plain
    assert DOSSIER.data("commercie:P4") in [c.action for c in menu.choices]


async def test_privacy_says_what_is_stored(assistant: Assistant) -> None:
    reply = await send(assistant, Command(STUDENT, "privacy"))
    assert reply.kind == "chat" and "/vergeet" in reply.plain


async def test_inline_query_creates_no_user(assistant: Assistant, users: MemoryUsers) -> None:
    found = await assistant.handle(InlineQuery(STUDENT, "wp 3.5"))
    assert isinstance(found, InlineAnswer)
    assert found.articles[0].title == "3.5 Onderhandelt met de account"
    assert await users.get(STUDENT.id) is None
