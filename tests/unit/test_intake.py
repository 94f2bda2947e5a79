"""Which updates the bot handles and what the core hears of them (no network, no bot)."""

from __future__ import annotations

from typing import Any

import pytest
from telegram import Update

from bot.core.commands import COMMANDS
from bot.core.events import Button, Command, InlineQuery, Text
from bot.telegram.intake import MAX_QUESTION, InChat, Inline, OnButton, read

ANNA = {"id": 7, "is_bot": False, "first_name": "Anna", "language_code": "nl"}
PRIVATE = {"id": 7, "type": "private", "first_name": "Anna"}
GROUP = {"id": -100, "type": "group", "title": "Klas 2B"}
NAMES = [name for spec in COMMANDS for name in (spec.name, *spec.aliases)]


def message(text: str, chat: dict[str, Any] = PRIVATE, **extra: Any) -> Update:
    body = {"message_id": 5, "date": 0, "chat": chat, "from": ANNA, "text": text, **extra}
    return Update.de_json({"update_id": 1, "message": body}, None)


def test_a_private_text_is_a_question_answered_in_the_chat() -> None:
    incoming = read(message("wat is wp 3.5?"), "dossier_test_bot")
    assert incoming is not None and isinstance(incoming.event, Text)
    assert (incoming.event.text, incoming.event.person.first_name) == ("wat is wp 3.5?", "Anna")
    assert incoming.where == InChat(7, None)
    assert not incoming.too_long


def test_a_long_message_is_cut_and_flagged() -> None:
    incoming = read(message("x " * 3000), "dossier_test_bot")
    assert incoming is not None and incoming.too_long
    assert isinstance(incoming.event, Text) and len(incoming.event.text) == MAX_QUESTION


@pytest.mark.parametrize("name", NAMES)
def test_every_command_of_the_table_is_heard_in_private_and_in_groups(name: str) -> None:
    for chat in (PRIVATE, GROUP):
        incoming = read(message(f"/{name} extra", chat), "dossier_test_bot")
        assert incoming is not None and isinstance(incoming.event, Command)
        assert (incoming.event.name, incoming.event.args) == (name, "extra")


def test_unknown_commands_reach_the_core_only_in_private() -> None:
    private = read(message("/oefen"), "dossier_test_bot")
    assert private is not None and isinstance(private.event, Command)
    assert read(message("/oefen", GROUP), "dossier_test_bot") is None


def test_commands_for_another_bot_are_left_alone() -> None:
    assert read(message("/help@other_bot", GROUP), "dossier_test_bot") is None
    ours = read(message("/help@Dossier_Test_Bot", GROUP), "dossier_test_bot")
    assert ours is not None and ours.where == InChat(-100, 5)  # groups: answer the message


def test_edits_and_non_text_messages_are_ignored() -> None:
    edited = {"message_id": 5, "date": 0, "chat": PRIVATE, "from": ANNA, "text": "wp 3.5"}
    assert read(Update.de_json({"update_id": 1, "edited_message": edited}, None), None) is None
    sticker = {"message_id": 6, "date": 0, "chat": PRIVATE, "from": ANNA}
    assert read(Update.de_json({"update_id": 2, "message": sticker}, None), None) is None


def test_a_button_press_goes_to_the_core_and_edits_its_message() -> None:
    pressed = {"message_id": 9, "date": 0, "chat": PRIVATE, "text": "B1-K1-W2"}
    query = {"id": "q1", "from": ANNA, "chat_instance": "c", "data": "f|x", "message": pressed}
    incoming = read(Update.de_json({"update_id": 3, "callback_query": query}, None), None)
    assert incoming is not None and isinstance(incoming.event, Button)
    assert incoming.event.data == "f|x"
    assert incoming.where == OnButton("q1", 7, 9)


def test_an_inline_query_is_answered_inline() -> None:
    query = {"id": "i1", "from": ANNA, "query": "wp 3.5", "offset": ""}
    incoming = read(Update.de_json({"update_id": 4, "inline_query": query}, None), None)
    assert incoming is not None and isinstance(incoming.event, InlineQuery)
    assert incoming.where == Inline("i1", 7)


def test_messages_from_bots_are_ignored() -> None:
    robot = {**ANNA, "is_bot": True}
    body = {"message_id": 5, "date": 0, "chat": PRIVATE, "from": robot, "text": "hoi"}
    assert read(Update.de_json({"update_id": 1, "message": body}, None), None) is None
