"""Reply -> message text and inline keyboard: the one place that builds keyboards."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answers.html import italic
from bot.core.replies import MAX_TEXT, Choice, Reply

log = logging.getLogger(__name__)

SHORT_LABEL = 20  # labels up to this many characters share a row, two at a time
PER_ROW = 2
MAX_CALLBACK_BYTES = 64  # Telegram's limit for callback_data


def usable(choices: Sequence[Choice]) -> list[Choice]:
    """The choices Telegram accepts: callback data of 1-64 bytes (others are logged, dropped)."""
    kept = [c for c in choices if 0 < len(c.action.encode()) <= MAX_CALLBACK_BYTES]
    if len(kept) < len(choices):
        dropped = len(choices) - len(kept)
        log.warning("dropped %d choice(s) with callback data over 64 bytes", dropped)
    return kept


def rows(choices: Sequence[Choice]) -> list[list[Choice]]:
    """Choices in order, two per row where both labels are short, long labels alone."""
    layout: list[list[Choice]] = []
    row: list[Choice] = []
    for choice in usable(choices):
        if len(choice.label) > SHORT_LABEL:
            if row:
                layout.append(row)
            layout.append([choice])
            row = []
            continue
        row.append(choice)
        if len(row) == PER_ROW:
            layout.append(row)
            row = []
    if row:
        layout.append(row)
    return layout


def keyboard(choices: Sequence[Choice]) -> InlineKeyboardMarkup | None:
    """The inline keyboard for a reply's choices, or None when it has none."""
    layout = rows(choices)
    if not layout:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(c.label, callback_data=c.action) for c in row] for row in layout]
    )


def text(reply: Reply, note: str | None = None) -> str:
    """The reply's HTML, with a plain-text note above it when one is given and it fits."""
    if note is None:
        return reply.html
    noted = f"{italic(note)}\n\n{reply.html}"
    return noted if len(noted) <= MAX_TEXT else reply.html
