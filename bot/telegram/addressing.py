"""Who a message or button is for: group messages addressed to the bot, personal buttons."""

from __future__ import annotations

import re

from telegram import CallbackQuery, Message, MessageEntity
from telegram.constants import ChatType
from telegram.ext import filters

from bot.reply.callbacks import is_personal


def mentions_bot(message: Message) -> bool:
    """The message names the bot with an @mention entity."""
    name = f"@{message.get_bot().username}".lower()
    found = message.parse_entities([MessageEntity.MENTION]).values()
    return any(mention.lower() == name for mention in found)


def replies_to_bot(message: Message) -> bool:
    """The message answers one of the bot's own messages."""
    original = message.reply_to_message
    author = original.from_user if original else None
    return author is not None and author.id == message.get_bot().id


class _ToTheBot(filters.MessageFilter):
    """Group messages that mention the bot or reply to it (private chats need neither)."""

    def filter(self, message: Message) -> bool:
        return mentions_bot(message) or replies_to_bot(message)


TO_THE_BOT = _ToTheBot(name="TO_THE_BOT")


def without_mention(text: str, username: str | None) -> str:
    """The text with '@botname' taken out (any case) and the spaces tidied."""
    if username:
        text = re.sub(rf"(?<!\w)@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE)
    return re.sub(r"[ \t]{2,}", " ", text).strip(" \t\n,:")


def may_press(query: CallbackQuery) -> bool:
    """Anyone may browse an answer; personal buttons (dossier, forget) only work for the asker."""
    if not is_personal(query.data):
        return True
    message = query.message
    if not isinstance(message, Message) or message.chat.type == ChatType.PRIVATE:
        return True
    asked = message.reply_to_message  # in groups the bot answers the asker's message
    return asked is None or asked.from_user is None or asked.from_user.id == query.from_user.id
