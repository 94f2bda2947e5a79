"""The conversation core and the terminal adapter, without Telegram."""

from __future__ import annotations

import io

import pytest

from bot.answers.service import Answers
from bot.core.assistant import Assistant
from bot.core.conversation import Conversation, Session, is_follow_up
from bot.core.memory import MemoryUsers
from bot.knowledge.load import load_dossier
from bot.terminal import chat


@pytest.fixture(scope="module")
def conversation() -> Conversation:
    return Conversation(Answers.build(load_dossier()))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("en de competenties?", True),
        ("welk gedrag hoort erbij", True),
        ("and the result?", True),
        ("wat is het resultaat daarvan", True),
        ("welk gedrag hoort bij B1-K1-W1", False),
        ("hoe behandel ik een klacht", False),
        (
            "welke competenties heb je nodig als "
            "commercieel beleidsondersteuner volgens het onderzoek",
            False,
        ),
    ],
)
def test_follow_up_detection(text: str, expected: bool) -> None:
    assert is_follow_up(text) is expected


def test_typed_follow_up_answers_about_the_last_item(conversation: Conversation) -> None:
    session = Session(dossier="bcp-2010")
    first = conversation.on_text(session, "wp 3.5")
    assert first.item_id == "bcp-2010:3.5"
    reply = conversation.on_text(session, "en de competenties?")
    assert reply.item_id == "bcp-2010:3.5" and reply.field == "competenties"
    assert "Competenties" in reply.plain
    english = conversation.on_text(Session(lang="en", last_item="bcp-2010:3.5"), "and the result?")
    assert "Result" in english.plain and english.item_id == "bcp-2010:3.5"


def test_choices_round_trip_and_stale_ones_are_polite(conversation: Conversation) -> None:
    session = Session()
    reply = conversation.on_text(session, "werkproces 2.4")
    picked = conversation.on_choice(session, reply.choices[0].action)
    assert picked.item_id == session.last_item
    stale = conversation.on_choice(session, "f|gone:1|gedrag")
    assert "werkt niet meer" in stale.plain
    assert session.last_item == picked.item_id  # a stale button loses nothing


async def test_terminal_chat_numbers_choices(conversation: Conversation) -> None:
    lines = iter(["/dossier", "7", "1", "wp 3.5", "1", "stop"])
    out = io.StringIO()
    assistant = Assistant(conversation.answers, MemoryUsers())
    await chat(assistant, read=lambda: next(lines), out=out)
    text = out.getvalue()
    assert "[7] Oudere dossiers" in text
    assert "3.5 Onderhandelt met de account" in text
    assert "[1] Competenties" in text
    assert text.count("Onderhandelt met de account") >= 2  # the choice answered the same item
