"""Handlers: unpack the update into a core event, let the assistant answer, render, reply.

Registered in one place (``register``), commands from the core's one command table.
"""

from __future__ import annotations

import logging

from telegram import CallbackQuery, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.core.commands import COMMANDS
from bot.core.events import Button, Chat, Command, InlineQuery, Person, Text
from bot.reply.html import esc
from bot.reply.limits import ALERT_TEXT
from bot.reply.messages import language, t
from bot.reply.replies import InlineAnswer, Reply
from bot.telegram import render
from bot.telegram.addressing import TO_THE_BOT, may_press, without_mention
from bot.telegram.context import Context

log = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
MAX_QUESTION = 4000  # a longer message is answered from its beginning, with a note
CACHE_SECONDS = 30  # inline results depend on the dossier the student chose


def person(update: Update) -> Person:
    """The Person behind an update, as the core knows them."""
    user = update.effective_user
    if user is None:  # our filters only let updates with a sender through
        raise ValueError(f"update {update.update_id} has no user")
    return Person(user.id, user.first_name, user.username, user.language_code)


def chat(update: Update) -> Chat | None:
    found = update.effective_chat
    return Chat(found.id, found.type == ChatType.PRIVATE) if found else None


async def send(update: Update, reply: Reply, note: str | None = None) -> None:
    """Post a reply in the update's chat; in groups as an answer to the message."""
    message = update.effective_message
    assert message is not None  # command and text handlers only see messages
    await message.reply_text(
        render.text(reply, note),
        reply_markup=render.keyboard(reply.choices),
        do_quote=message.chat.type != ChatType.PRIVATE,
    )


async def command(update: Update, context: Context) -> None:
    """Any /command: the core's command table decides (an unknown one gets a pointer)."""
    message = update.effective_message
    assert message is not None and message.text is not None
    head, _, args = message.text.partition(" ")
    event = Command(person(update), head.lstrip("/").split("@", 1)[0], args, chat(update))
    reply = await context.assistant.handle(event)
    assert isinstance(reply, Reply)
    await send(update, reply)


async def question(update: Update, context: Context) -> None:
    """A question: any text in a private chat, or a group message addressed to the bot."""
    who = person(update)
    raw = update.effective_message.text if update.effective_message else None
    text = without_mention(raw or "", context.bot.username)
    note = t("too_long", who.lang) if len(text) > MAX_QUESTION else None
    reply = await context.assistant.handle(Text(who, text[:MAX_QUESTION], chat(update)))
    assert isinstance(reply, Reply)
    await send(update, reply, note)


async def button(update: Update, context: Context) -> None:
    """A pressed inline button: answer the query, then show the reply in its message."""
    query = update.callback_query
    assert query is not None
    who = person(update)
    if not may_press(query):
        await query.answer(t("not_your_button", who.lang), show_alert=True)
        return
    reply = await context.assistant.handle(Button(who, query.data, chat(update)))
    assert isinstance(reply, Reply)
    if reply.notice:  # a stale or forged button: say so, keep the answer it sits under
        await query.answer(reply.plain[:ALERT_TEXT], show_alert=True)
        return
    await query.answer()
    await show_in_place(context, query, reply)


async def show_in_place(context: Context, query: CallbackQuery, reply: Reply) -> None:
    """Edit the pressed message to the reply; post a new message when it cannot be edited."""
    markup = render.keyboard(reply.choices)
    message = query.message
    if isinstance(message, Message):
        try:
            if reply.keep_text:  # another page of buttons under the same text
                await message.edit_reply_markup(reply_markup=markup)
            else:
                await message.edit_text(render.text(reply), reply_markup=markup)
            return
        except BadRequest as err:
            if "not modified" in err.message:  # pressed twice: it already shows this
                return
            log.info("could not edit the pressed message (%s); sending a new one", err.message)
    if message is not None and not reply.keep_text:
        await context.bot.send_message(message.chat.id, render.text(reply), reply_markup=markup)


async def inline_query(update: Update, context: Context) -> None:
    """'@bot wp 3.5': articles for the matching items of the student's dossier."""
    query = update.inline_query
    assert query is not None
    found = await context.assistant.handle(InlineQuery(person(update), query.query))
    assert isinstance(found, InlineAnswer)
    await query.answer(
        render.articles(found),
        cache_time=CACHE_SECONDS,
        is_personal=True,
        button=render.inline_button(found),
    )


def describe(update: object) -> str:
    """'update=12 kind=message chat=private command=/help': an update without its text."""
    if not isinstance(update, Update):
        return f"update=none kind={type(update).__name__}"
    kind = next((k for k in ALLOWED_UPDATES if getattr(update, k, None)), "other")
    fields = [f"update={update.update_id}", f"kind={kind}"]
    if update.effective_chat is not None:
        fields.append(f"chat={update.effective_chat.type}")
    text = update.message.text if update.message else None
    if text and text.startswith("/"):
        fields.append(f"command={text.split(maxsplit=1)[0][:40]}")  # never the question
    return " ".join(fields)


async def log_update(update: Update, context: Context) -> None:
    """Runs before every handler (group -1): one debug line per update, no message text."""
    log.debug("%s", describe(update))


async def on_error(update: object, context: Context) -> None:
    """Log the failure with its update; tell the user in their language. Never raises."""
    log.error("handler failed: %s", describe(update), exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    user = update.effective_user
    lang = language(user.language_code if user else None)
    try:
        await context.bot.send_message(update.effective_chat.id, esc(t("error", lang)))
    except Exception:  # the chat may be gone or Telegram down; the log has the cause
        log.warning("could not tell chat %s about the failure", update.effective_chat.id)


def register(app: Application) -> None:
    """Every handler, in order: logging, commands, questions, buttons, inline, errors."""
    new = filters.UpdateType.MESSAGE  # edits of old messages are not asked again
    names = [name for spec in COMMANDS for name in (spec.name, *spec.aliases)]
    app.add_handler(TypeHandler(Update, log_update), group=-1)
    app.add_handler(CommandHandler(names, command, filters=new))
    addressed = filters.ChatType.PRIVATE | (filters.ChatType.GROUPS & TO_THE_BOT)
    app.add_handler(MessageHandler(new & filters.TEXT & ~filters.COMMAND & addressed, question))
    app.add_handler(MessageHandler(new & filters.COMMAND & filters.ChatType.PRIVATE, command))
    app.add_handler(CallbackQueryHandler(button))
    app.add_handler(InlineQueryHandler(inline_query))
    app.add_error_handler(on_error)
