"""The one command table: every adapter reads it, and every command has its handler."""

from __future__ import annotations

import inspect
import re
from typing import Any

import pytest

from bot.answers.service import Answers
from bot.core.assistant import Assistant
from bot.core.commands import COMMANDS, command, menu
from bot.core.events import Command
from bot.core.memory import MemoryUsers
from bot.reply.limits import COMMAND_DESCRIPTION, COMMAND_NAME
from bot.reply.messages import LANGUAGES, t
from bot.reply.replies import Reply
from bot.telegram.app import set_commands
from tests.unit.answer_support import STUDENT

NAMES = [name for spec in COMMANDS for name in (spec.name, *spec.aliases)]


def test_names_are_unique_and_valid_for_telegram() -> None:
    assert len(set(NAMES)) == len(NAMES)
    assert all(re.fullmatch(rf"[a-z0-9_]{{1,{COMMAND_NAME}}}", name) for name in NAMES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_menu_entry_has_a_description_in_each_language(lang: str) -> None:
    for spec in menu():
        assert 1 <= len(t(spec.menu, lang)) <= COMMAND_DESCRIPTION


def test_every_command_has_an_assistant_handler() -> None:
    for spec in COMMANDS:
        handler = getattr(Assistant, f"command_{spec.name}", None)
        assert handler is not None and inspect.iscoroutinefunction(handler), spec.name
        assert handler.__doc__, spec.name  # a one-line docstring, as every handler


@pytest.mark.parametrize(
    ("typed", "runs"),
    [
        ("help", "help"),
        ("/hulp", "help"),
        ("HELP@dossier_test_bot", "help"),
        ("forget", "vergeet"),
    ],
)
def test_names_and_aliases_find_their_command(typed: str, runs: str) -> None:
    found = command(typed)
    assert found is not None and found.name == runs


def test_unknown_names_find_nothing() -> None:
    assert command("oefen") is None and command("") is None


class RecordingBot:
    """Stands in for ExtBot: records set_my_commands calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[Any], str | None]] = []

    async def set_my_commands(self, commands: list[Any], language_code: str | None) -> bool:
        self.calls.append((commands, language_code))
        return True


async def test_the_command_menu_comes_from_the_table() -> None:
    bot = RecordingBot()
    await set_commands(bot)
    assert [language for _, language in bot.calls] == [None, "en"]
    for commands, language in bot.calls:
        assert [c.command for c in commands] == [spec.name for spec in menu()]
        lang = language or "nl"
        assert [c.description for c in commands] == [t(spec.menu, lang) for spec in menu()]


async def test_terminal_help_lists_the_table_and_mentions_no_buttons(answers: Answers) -> None:
    assistant = Assistant(answers, MemoryUsers(), surface="terminal")
    reply = await assistant.handle(Command(STUDENT, "help"))
    assert isinstance(reply, Reply)
    listed = re.findall(r"^/(\w+) ", reply.plain, flags=re.MULTILINE)
    assert listed == [spec.name for spec in menu()]
    assert "knop" not in reply.plain.lower()
    assert "stop" in reply.plain


async def test_telegram_help_names_the_buttons(assistant: Assistant) -> None:
    reply = await assistant.handle(Command(STUDENT, "help"))
    assert isinstance(reply, Reply)
    assert "knoppen" in reply.plain
    assert re.findall(r"^/(\w+) ", reply.plain, flags=re.MULTILINE) == [s.name for s in menu()]


async def test_an_unknown_command_points_to_help(assistant: Assistant, users: MemoryUsers) -> None:
    reply = await assistant.handle(Command(STUDENT, "oefen"))
    assert isinstance(reply, Reply)
    assert reply.kind == "chat" and "/oefen" in reply.plain and "/help" in reply.plain
    assert reply.plain == "Onbekend commando /oefen. Zie /help voor wat ik kan."


async def test_a_command_button_runs_the_command(assistant: Assistant) -> None:
    reply = await assistant.button(STUDENT, "k|help")
    assert reply.plain.startswith("Zo werkt Dossierbot")
    assert (await assistant.button(STUDENT, "k|oefen")).notice
