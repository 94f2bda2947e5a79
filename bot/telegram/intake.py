"""Update -> what the core should hear and where its reply goes; nothing is sent here.

The one place that decides which updates the bot handles: new text messages in private chats,
group messages addressed to the bot, commands, button presses and inline queries. Edits of
old messages, service messages and anything else are left alone (and still acknowledged).
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Message, Update
from telegram.constants import ChatType

from bot.core.commands import COMMANDS
from bot.core.events import Button, Chat, Command, Event, InlineQuery, Person, Text
from bot.telegram.addressing import may_press, mentions_bot, replies_to_bot, without_mention

MAX_QUESTION = 4000  # a longer message is answered from its beginning, with a note
_KNOWN = frozenset(name for spec in COMMANDS for name in (spec.name, *spec.aliases))


@dataclass(frozen=True)
class InChat:
    """Reply with a new message in the chat; in groups as an answer to the message."""

    chat_id: int
    reply_to: int | None = None


@dataclass(frozen=True)
class OnButton:
    """Answer the pressed button's query, then show the reply in its message."""

    query_id: str
    chat_id: int
    message_id: int | None  # None when the message is too old for Telegram to include


@dataclass(frozen=True)
class Inline:
    """Answer an inline query."""

    query_id: str
    user_id: int


Where = InChat | OnButton | Inline


@dataclass(frozen=True)
class Incoming:
    """An update the bot handles: the core's event, where the reply goes, and flags."""

    event: Event | None  # None: answered without the core (someone else's personal button)
    where: Where
    lang: str
    too_long: bool = False


def person(update: Update) -> Person | None:
    """The Person behind an update, as the core knows them."""
    user = update.effective_user
    if user is None or user.is_bot:
        return None
    return Person(user.id, user.first_name, user.username, user.language_code)


def read(update: Update, username: str | None) -> Incoming | None:
    """What to do with an update, or None when the bot leaves it alone."""
    who = person(update)
    if who is None:
        return None
    if update.message is not None:
        return _message(update.message, who, username)
    if (query := update.callback_query) is not None:
        message = query.message
        chat_id = message.chat.id if message is not None else who.id
        message_id = message.message_id if isinstance(message, Message) else None
        where = OnButton(query.id, chat_id, message_id)
        if not may_press(query):
            return Incoming(None, where, who.lang)
        private = message is None or message.chat.type == ChatType.PRIVATE
        return Incoming(Button(who, query.data, Chat(chat_id, private)), where, who.lang)
    if (inline := update.inline_query) is not None:
        return Incoming(InlineQuery(who, inline.query), Inline(inline.id, who.id), who.lang)
    return None


def _message(message: Message, who: Person, username: str | None) -> Incoming | None:
    text = message.text
    if text is None:
        return None
    private = message.chat.type == ChatType.PRIVATE
    where = InChat(message.chat.id, None if private else message.message_id)
    chat = Chat(message.chat.id, private)
    if text.startswith("/"):
        head, _, args = text.partition(" ")
        name, _, addressee = head[1:].partition("@")
        if addressee and (username is None or addressee.lower() != username.lower()):
            return None  # a command for another bot in the same group
        if not private and name.lower() not in _KNOWN:
            return None  # groups: only our own commands, other bots have theirs
        return Incoming(Command(who, name, args, chat), where, who.lang)
    if not private and not (mentions_bot(message) or replies_to_bot(message)):
        return None
    question = without_mention(text, username)
    long = len(question) > MAX_QUESTION
    return Incoming(Text(who, question[:MAX_QUESTION], chat), where, who.lang, long)
