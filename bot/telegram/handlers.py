"""Handlers: unpack the update, call the assistant, render, reply. Registered in one place."""

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

from bot.answers.html import esc
from bot.core.assistant import Person
from bot.core.messages import language, t
from bot.core.replies import Reply
from bot.telegram import inline, render
from bot.telegram.addressing import TO_THE_BOT, may_press, without_mention
from bot.telegram.context import Context

log = logging.getLogger(__name__)

COMMANDS = ("start", "help", "dossier", "privacy", "vergeet")  # the command menu, in order
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
MAX_QUESTION = 4000  # a longer message is answered from its beginning, with a note


def person(update: Update) -> Person:
    """The Person behind an update, as the assistant knows them."""
    user = update.effective_user
    if user is None:  # our filters only let updates with a sender through
        raise ValueError(f"update {update.update_id} has no user")
    return Person(user.id, user.first_name, user.username, user.language_code)


async def send(update: Update, reply: Reply, note: str | None = None) -> None:
    """Post a reply in the update's chat; in groups as an answer to the message."""
    message = update.effective_message
    assert message is not None  # command and text handlers only see messages
    await message.reply_text(
        render.text(reply, note),
        reply_markup=render.keyboard(reply.choices),
        do_quote=message.chat.type != ChatType.PRIVATE,
    )


async def start(update: Update, context: Context) -> None:
    """/start, with an optional deep-link payload ('/start dossier_P4')."""
    payload = context.args[0] if context.args else None
    await send(update, await context.assistant.start(person(update), payload))


async def help_command(update: Update, context: Context) -> None:
    """/help, and any command we do not know (in private chats)."""
    await send(update, await context.assistant.help(person(update)))


async def dossier(update: Update, context: Context) -> None:
    """/dossier: the dossier menu."""
    await send(update, await context.assistant.choose(person(update)))


async def privacy(update: Update, context: Context) -> None:
    """/privacy: what the bot stores."""
    await send(update, await context.assistant.privacy(person(update)))


async def forget(update: Update, context: Context) -> None:
    """/vergeet: asks for confirmation; the buttons do the rest."""
    await send(update, await context.assistant.forget(person(update)))


ALERT_LIMIT = 200  # answerCallbackQuery text: 0-200 characters


async def question(update: Update, context: Context) -> None:
    """A question: any text in a private chat, or a group message addressed to the bot."""
    who = person(update)
    raw = update.effective_message.text if update.effective_message else None
    text = without_mention(raw or "", context.bot.username)
    note = t("too_long", who.lang) if len(text) > MAX_QUESTION else None
    await send(update, await context.assistant.text(who, text[:MAX_QUESTION]), note)


async def button(update: Update, context: Context) -> None:
    """A pressed inline button: answer the query, then show the reply in its message."""
    query = update.callback_query
    assert query is not None
    who = person(update)
    if not may_press(query):
        await query.answer(t("not_your_button", who.lang), show_alert=True)
        return
    reply = await context.assistant.choice(who, query.data)
    if reply.notice:  # a stale or forged button: say so, keep the answer it sits under
        await query.answer(reply.plain[:ALERT_LIMIT], show_alert=True)
        return
    await query.answer()
    await show_in_place(context, query, reply)


async def show_in_place(context: Context, query: CallbackQuery, reply: Reply) -> None:
    """Edit the pressed message to the reply; post a new message when it cannot be edited."""
    text, markup = render.text(reply), render.keyboard(reply.choices)
    message = query.message
    if isinstance(message, Message):
        try:
            await message.edit_text(text, reply_markup=markup)
            return
        except BadRequest as err:
            if "not modified" in err.message:  # pressed twice: it already shows this
                return
            log.info("could not edit the pressed message (%s); sending a new one", err.message)
    if message is not None:
        await context.bot.send_message(message.chat.id, text, reply_markup=markup)


async def inline_query(update: Update, context: Context) -> None:
    """'@bot wp 3.5': articles for the matching items of the student's dossier."""
    query = update.inline_query
    assert query is not None
    who = person(update)
    stored = await context.assistant.users.get(who.id)  # read only: inline creates no user
    choice = stored.dossier if stored else None
    found = inline.results(context.services.answers, query.query, choice, who.lang)
    await query.answer(
        found, cache_time=inline.CACHE_SECONDS, is_personal=True, button=inline.button(who.lang)
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
    app.add_handler(TypeHandler(Update, log_update), group=-1)
    app.add_handler(CommandHandler("start", start, filters=new))
    app.add_handler(CommandHandler("help", help_command, filters=new))
    app.add_handler(CommandHandler("dossier", dossier, filters=new))
    app.add_handler(CommandHandler("privacy", privacy, filters=new))
    app.add_handler(CommandHandler("vergeet", forget, filters=new))
    addressed = filters.ChatType.PRIVATE | (filters.ChatType.GROUPS & TO_THE_BOT)
    app.add_handler(MessageHandler(new & filters.TEXT & ~filters.COMMAND & addressed, question))
    app.add_handler(MessageHandler(new & filters.COMMAND & filters.ChatType.PRIVATE, help_command))
    app.add_handler(CallbackQueryHandler(button))
    app.add_handler(InlineQueryHandler(inline_query))
    app.add_error_handler(on_error)
