"""Reply -> message text and inline keyboard, InlineAnswer -> inline results: the one place
that builds Telegram's reply markup."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
)
from telegram.constants import ParseMode

from bot.reply.html import italic
from bot.reply.limits import CALLBACK_DATA_BYTES, MESSAGE_TEXT
from bot.reply.replies import Choice, InlineAnswer, Reply

log = logging.getLogger(__name__)

SHORT_LABEL = 20  # labels up to this many characters share a row, two at a time
PER_ROW = 2
COMPACT_PER_ROW = 4  # navigation buttons ("W1" ... "W6")


def usable(choices: Sequence[Choice]) -> list[Choice]:
    """The choices Telegram accepts: callback data of 1-64 bytes (others are logged, dropped)."""
    kept = [c for c in choices if 0 < len(c.action.encode()) <= CALLBACK_DATA_BYTES]
    if len(kept) < len(choices):
        dropped = len(choices) - len(kept)
        log.warning("dropped %d choice(s) with callback data over 64 bytes", dropped)
    return kept


def rows(choices: Sequence[Choice]) -> list[list[Choice]]:
    """Navigation buttons four to a row, then follow-ups two to a row, long labels alone."""
    layout: list[list[Choice]] = []
    row: list[Choice] = []
    for choice in usable(choices):
        width = COMPACT_PER_ROW if choice.compact else PER_ROW
        if row and (row[0].compact != choice.compact or len(row) == width):
            layout.append(row)
            row = []
        if not choice.compact and len(choice.label) > SHORT_LABEL:
            if row:
                layout.append(row)
            layout.append([choice])
            row = []
            continue
        row.append(choice)
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
    return noted if len(noted) <= MESSAGE_TEXT else reply.html


def articles(answer: InlineAnswer) -> list[InlineQueryResultArticle]:
    """The core's inline articles as Bot API results, each posting its HTML."""
    return [
        InlineQueryResultArticle(
            id=article.id,
            title=article.title,
            description=article.description,
            input_message_content=InputTextMessageContent(article.html, parse_mode=ParseMode.HTML),
        )
        for article in answer.articles
    ]


def inline_button(answer: InlineAnswer) -> InlineQueryResultsButton:
    """The 'open the chat with Dossierbot' button above the results."""
    return InlineQueryResultsButton(answer.button_text, start_parameter=answer.start_parameter)
