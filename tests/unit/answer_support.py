"""Helpers for tests on replies: Telegram-safety, people, pressing buttons by label."""

from __future__ import annotations

from bot.answers.service import Answers
from bot.core.events import Person
from bot.reply import callbacks
from bot.reply.limits import CALLBACK_DATA_BYTES, MESSAGE_TEXT
from bot.reply.replies import Choice, Reply
from tests.fakebot.html import parse_html

STUDENT = Person(7, "Sanne", "sanne", "nl")
ENGLISH = Person(8, "Sam", None, "en-GB")


def assert_telegram_safe(reply: Reply) -> None:
    """Valid Telegram HTML within the message limit; every button's data parses and fits."""
    shown = parse_html(reply.html)  # raises on a tag Telegram refuses or bad escaping
    assert 0 < len(shown.strip()) <= MESSAGE_TEXT or reply.keep_text
    assert len(reply.html) <= MESSAGE_TEXT
    for choice in reply.choices:
        assert len(choice.action.encode()) <= CALLBACK_DATA_BYTES
        assert callbacks.parse(choice.action) is not None, choice


def ids(reply: Reply) -> list[str]:
    """The items a reply is about, best first."""
    return [item_id for item_id, _ in reply.hits]


def labels(reply: Reply) -> list[str]:
    return [choice.label for choice in reply.choices]


def choice(reply: Reply, label: str) -> Choice:
    """The button with this label (or whose label starts with it)."""
    found = [c for c in reply.choices if c.label == label or c.label.startswith(label)]
    assert found, f"no button {label!r} in {labels(reply)}"
    return found[0]


def press(answers: Answers, data: str, lang: str = "nl", choice: str | None = None) -> Reply:
    """What an answer button shows, through the callback table as the assistant reads it."""
    parsed = callbacks.parse(data)
    assert parsed is not None, data
    reply = answers.show(*parsed, lang, choice)
    assert reply is not None, data
    return reply


def follow_ups(answers: Answers, reply: Reply, lang: str = "nl") -> list[Choice]:
    """Every follow-up of an answer across its 'Meer' pages (not children, not 'Meer')."""
    found: list[Choice] = []
    seen: set[str] = set()
    page = reply
    while True:
        more = None
        for c in page.choices:
            parsed = callbacks.parse(c.action)
            assert parsed is not None
            if parsed[0] is callbacks.MORE:
                more = c
            elif not c.compact:
                found.append(c)
        if more is None or more.action in seen or more.action.endswith("|0"):
            return found
        seen.add(more.action)
        page = press(answers, more.action, lang)
