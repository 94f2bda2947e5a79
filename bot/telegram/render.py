"""Reply -> message text and inline keyboard, InlineAnswer -> inline results, and both ->
the Bot API calls that show them: the one place that builds Telegram's reply markup."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
)
from telegram.constants import ParseMode

from bot.reply.html import esc, italic
from bot.reply.limits import ALERT_TEXT, CALLBACK_DATA_BYTES, MESSAGE_TEXT
from bot.reply.messages import t
from bot.reply.replies import Choice, InlineAnswer, Reply
from bot.store.outbox import Parcel
from bot.telegram.intake import InChat, Incoming, Inline, OnButton, Where

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


CACHE_SECONDS = 30  # inline results depend on the dossier the student chose


def parcels(incoming: Incoming, reply: Reply | InlineAnswer) -> list[Parcel]:
    """The Bot API calls that show a reply where the update asked for it, in order."""
    where = incoming.where
    if isinstance(reply, InlineAnswer):
        assert isinstance(where, Inline)
        return [_inline(where, reply)]
    note = t("too_long", incoming.lang) if incoming.too_long else None
    if isinstance(where, InChat):
        return [_message(where.chat_id, text(reply, note), reply.choices, where.reply_to)]
    assert isinstance(where, OnButton)
    if reply.notice:  # a stale or forged button: say so, keep the answer it sits under
        return [alert(where, reply.plain)]
    shown = [Parcel(where.chat_id, "answerCallbackQuery", {"callback_query_id": where.query_id})]
    markup = keyboard(reply.choices)
    if where.message_id is None:  # too old for Telegram to say which message: post anew
        return (
            shown
            if reply.keep_text
            else [*shown, _message(where.chat_id, text(reply), reply.choices)]
        )
    target: dict[str, Any] = {"chat_id": where.chat_id, "message_id": where.message_id}
    if reply.keep_text:  # another page of buttons under the same text
        params = target | {"reply_markup": markup.to_dict() if markup else {"inline_keyboard": []}}
        return [*shown, Parcel(where.chat_id, "editMessageReplyMarkup", params)]
    params = target | {"text": text(reply), "parse_mode": ParseMode.HTML.value}
    if markup is not None:
        params["reply_markup"] = markup.to_dict()
    return [*shown, Parcel(where.chat_id, "editMessageText", params)]


def alert(where: OnButton, plain: str) -> Parcel:
    """A pop-up over the pressed button, nothing else changes."""
    params = {"callback_query_id": where.query_id, "text": plain[:ALERT_TEXT], "show_alert": True}
    return Parcel(where.chat_id, "answerCallbackQuery", params)


def not_yours(incoming: Incoming) -> list[Parcel]:
    """Someone pressed another student's personal button in a group."""
    assert isinstance(incoming.where, OnButton)
    return [alert(incoming.where, t("not_your_button", incoming.lang))]


def apology(where: Where, lang: str) -> list[Parcel]:
    """What the student sees when handling their update failed (the log has the cause)."""
    if isinstance(where, OnButton):
        return [alert(where, t("error", lang))]
    if isinstance(where, InChat):
        return [_message(where.chat_id, esc(t("error", lang)), (), where.reply_to)]
    return []  # an inline query simply shows no results


def _message(
    chat_id: int, html: str, choices: Sequence[Choice], reply_to: int | None = None
) -> Parcel:
    params: dict[str, Any] = {"chat_id": chat_id, "text": html, "parse_mode": ParseMode.HTML.value}
    if (markup := keyboard(choices)) is not None:
        params["reply_markup"] = markup.to_dict()
    if reply_to is not None:  # in groups, answer the asker's message (it may be deleted)
        params["reply_parameters"] = {"message_id": reply_to, "allow_sending_without_reply": True}
    return Parcel(chat_id, "sendMessage", params)


def _inline(where: Inline, answer: InlineAnswer) -> Parcel:
    params = {
        "inline_query_id": where.query_id,
        "results": [result.to_dict() for result in articles(answer)],
        "cache_time": CACHE_SECONDS,
        "is_personal": True,
        "button": inline_button(answer).to_dict(),
    }
    return Parcel(where.user_id, "answerInlineQuery", params)
