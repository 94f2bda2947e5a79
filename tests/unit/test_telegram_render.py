"""bot.telegram.render on literal replies: keyboard layout, callback data limits, notes."""

from __future__ import annotations

import asyncio

import pytest

from bot.answers.service import Answers
from bot.core.assistant import Assistant, Person
from bot.core.memory import MemoryUsers
from bot.core.replies import MAX_TEXT, Choice, Reply
from bot.knowledge.load import load_dossier
from bot.telegram.render import keyboard, rows, text


def labels(layout: list[list[Choice]]) -> list[list[str]]:
    return [[c.label for c in row] for row in layout]


def test_short_labels_two_per_row_long_ones_alone_order_kept() -> None:
    choices = [
        Choice("Resultaat", "f|x:1|resultaat"),
        Choice("Gedrag", "f|x:1|gedrag"),
        Choice("Competenties", "f|x:1|competenties"),
        Choice("Verantwoordelijkheid en zelfstandigheid", "f|x:1|verantwoordelijkheid"),
        Choice("↑ B1-K1", "i|x:B1-K1"),
        Choice("Zie ook", "r|x:1"),
        Choice("Laatste", "i|x:2"),
    ]
    assert labels(rows(choices)) == [
        ["Resultaat", "Gedrag"],
        ["Competenties"],
        ["Verantwoordelijkheid en zelfstandigheid"],
        ["↑ B1-K1", "Zie ook"],
        ["Laatste"],
    ]


def test_keyboard_carries_labels_and_callback_data() -> None:
    markup = keyboard([Choice("Ja, wis alles", "v|ja"), Choice("Nee, laat maar", "v|nee")])
    assert markup is not None
    [[yes, no]] = markup.inline_keyboard
    assert (yes.text, yes.callback_data) == ("Ja, wis alles", "v|ja")
    assert (no.text, no.callback_data) == ("Nee, laat maar", "v|nee")


def test_no_choices_no_keyboard() -> None:
    assert keyboard([]) is None


def test_callback_data_over_64_bytes_is_dropped_not_sent() -> None:
    too_long = "f|" + "é" * 32  # 66 bytes, 34 characters
    markup = keyboard([Choice("Te lang", too_long), Choice("Goed", "i|x:1")])
    assert markup is not None
    assert [b.callback_data for row in markup.inline_keyboard for b in row] == ["i|x:1"]
    assert keyboard([Choice("Leeg", "")]) is None


@pytest.fixture(scope="module")
def assistant() -> Assistant:
    return Assistant(Answers.build(load_dossier()), MemoryUsers())


@pytest.mark.parametrize(
    "event",
    ["/start", "/dossier", "d|older", "B1-K1-W2", "werkproces 2.4", "kerntaak 1", "/vergeet"],
)
def test_the_assistants_keyboards_fit_telegram(assistant: Assistant, event: str) -> None:
    person = Person(7, "Test", None, "nl")
    calls = {
        "/start": lambda: assistant.start(person),
        "/dossier": lambda: assistant.choose(person),
        "/vergeet": lambda: assistant.forget(person),
        "d|older": lambda: assistant.choice(person, "d|older"),
    }
    reply = asyncio.run(calls.get(event, lambda: assistant.text(person, event))())
    markup = keyboard(reply.choices)
    assert markup is not None
    buttons = [b for row in markup.inline_keyboard for b in row]
    assert len(buttons) == len(reply.choices)  # nothing dropped
    assert all(1 <= len(b.callback_data.encode()) <= 64 for b in buttons)
    assert all(len(row) <= 2 for row in markup.inline_keyboard)


def test_note_goes_on_top_when_it_fits() -> None:
    reply = Reply("<b>3.5</b> antwoord")
    assert text(reply) == "<b>3.5</b> antwoord"
    assert text(reply, "Lang & breed") == "<i>Lang &amp; breed</i>\n\n<b>3.5</b> antwoord"
    full = Reply("x" * (MAX_TEXT - 5))
    assert text(full, "Een notitie") == full.html
