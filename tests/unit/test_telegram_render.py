"""bot.telegram.render on literal replies: keyboard layout, callback data limits, notes."""

from __future__ import annotations

import pytest

from bot.core.assistant import Assistant
from bot.core.events import Button, Command, Text
from bot.reply.replies import MAX_TEXT, Choice, Reply
from bot.telegram.render import keyboard, rows, text
from tests.unit.answer_support import STUDENT


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


@pytest.mark.parametrize(
    "event",
    [
        Command(STUDENT, "start"),
        Command(STUDENT, "dossier"),
        Button(STUDENT, "d|older"),
        Text(STUDENT, "B1-K1-W2"),
        Text(STUDENT, "werkproces 2.4"),
        Text(STUDENT, "kerntaak 1"),
        Text(STUDENT, "P4-K2"),
        Text(STUDENT, "hoi"),
        Command(STUDENT, "vergeet"),
    ],
    ids=lambda event: getattr(event, "text", None) or getattr(event, "name", None) or event.data,
)
async def test_the_assistants_keyboards_fit_telegram(
    assistant: Assistant, event: Text | Command | Button
) -> None:
    reply = await assistant.handle(event)
    assert isinstance(reply, Reply)
    markup = keyboard(reply.choices)
    assert markup is not None
    buttons = [b for row in markup.inline_keyboard for b in row]
    assert len(buttons) == len(reply.choices)  # nothing dropped
    assert all(1 <= len(str(b.callback_data).encode()) <= 64 for b in buttons)
    assert all(len(row) <= 4 for row in markup.inline_keyboard)
    for row in rows(reply.choices):
        assert len(row) <= (4 if row[0].compact else 2)


def test_compact_buttons_four_to_a_row_then_follow_ups() -> None:
    choices = [Choice(f"W{n}", f"i|x:W{n}", compact=True) for n in range(1, 7)]
    choices += [
        Choice("Gedrag", "f|x|gedrag"),
        Choice("Zie ook", "r|x"),
        Choice("Meer ›", "m|x|-|3"),
    ]
    assert labels(rows(choices)) == [
        ["W1", "W2", "W3", "W4"],
        ["W5", "W6"],
        ["Gedrag", "Zie ook"],
        ["Meer ›"],
    ]


def test_note_goes_on_top_when_it_fits() -> None:
    reply = Reply("<b>3.5</b> antwoord")
    assert text(reply) == "<b>3.5</b> antwoord"
    assert text(reply, "Lang & breed") == "<i>Lang &amp; breed</i>\n\n<b>3.5</b> antwoord"
    full = Reply("x" * (MAX_TEXT - 5))
    assert text(full, "Een notitie") == full.html
