"""Simulated people: the payloads Telegram sends when a user acts, and the actions themselves."""

from __future__ import annotations

import re
from typing import Any

from tests.fakebot.model import FakeChat, FakeUser, StoredMessage
from tests.fakebot.state import World
from tests.fakebot.validate import validate_result
from tests.fakebot.webhook import WebhookPusher

ChatRef = str | int | FakeChat | FakeUser

_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{5,32})?")
_MENTION = re.compile(r"(?<![\w/@])@[A-Za-z0-9_]{5,32}\b")


def utf16_len(text: str) -> int:
    """Entity offsets and lengths count UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def entities_of(text: str) -> list[dict[str, Any]]:
    """bot_command at offset 0 and mention entities, as Telegram's clients mark them."""
    entities = []
    if m := _COMMAND.match(text):
        entities.append({"type": "bot_command", "offset": 0, "length": utf16_len(m[0])})
    for m in _MENTION.finditer(text):
        offset = utf16_len(text[: m.start()])
        entities.append({"type": "mention", "offset": offset, "length": utf16_len(m[0])})
    return entities


def user_message(
    w: World, user: FakeUser, chat: FakeChat, text: str, reply_to: StoredMessage | None
) -> StoredMessage:
    """Store a text message from a user; the chat becomes known to the bot."""
    w.users[user.id] = user
    body: dict[str, Any] = {"text": text}
    if entities := entities_of(text):
        body["entities"] = entities
    return w.new_message(chat, user.to_dict(), body, from_bot=False, reply_to=reply_to)


def callback_query(w: World, user: FakeUser, msg: StoredMessage, data: str) -> dict[str, Any]:
    """A button press; the query waits for answerCallbackQuery."""
    query_id = str(4_000_000_000 + w.next_id("callback"))
    w.users[user.id] = user
    w.callback_answers[query_id] = None
    return {
        "id": query_id,
        "from": user.to_dict(),
        "message": msg.data,
        "chat_instance": str(abs(msg.chat_id) * 31 + 7),
        "data": data,
    }


def inline_query(w: World, user: FakeUser, query: str, offset: str) -> dict[str, Any]:
    """An inline query typed in some chat; it waits for answerInlineQuery."""
    query_id = str(3_000_000_000 + w.next_id("inline"))
    w.users[user.id] = user
    w.inline_answers[query_id] = None
    return {
        "id": query_id,
        "from": user.to_dict(),
        "query": query,
        "offset": offset,
        "chat_type": "sender",
    }


def vote(
    w: World, user: FakeUser, poll_id: str, option_ids: list[int]
) -> tuple[dict[str, Any] | None, dict[str, Any]]:
    """Count a vote; returns the poll_answer (non-anonymous polls only) and the new poll state."""
    msg = w.polls.get(poll_id)
    if msg is None or msg.poll is None:
        raise AssertionError(f"the bot sent no poll with id {poll_id!r}")
    poll = msg.poll
    if poll["is_closed"]:
        raise AssertionError(f"poll {poll_id} is closed; Telegram would not accept the vote")
    if len(option_ids) > 1 and not poll["allows_multiple_answers"]:
        raise AssertionError(f"poll {poll_id} allows one answer, got {option_ids}")
    options = poll["options"]
    if not all(0 <= i < len(options) for i in option_ids):
        raise AssertionError(f"poll {poll_id} has {len(options)} options, got {option_ids}")
    for i in option_ids:
        options[i]["voter_count"] += 1
    poll["total_voter_count"] += 1
    w.users[user.id] = user
    if poll["is_anonymous"]:
        return None, poll
    answer = {
        "poll_id": poll_id,
        "user": user.to_dict(),
        "option_ids": option_ids,
        "option_persistent_ids": [options[i]["persistent_id"] for i in option_ids],
    }
    return answer, poll


class UserActions:
    """The FakeBotAPI half that plays people: chats, messages, presses, queries and votes."""

    world: World
    pusher: WebhookPusher
    default_user: FakeUser
    _mark: int
    _violation_mark: int
    _group: FakeChat | None

    # -- people and chats ------------------------------------------------------------------

    def new_user(self, first_name: str = "Bob", **fields: Any) -> FakeUser:
        """Another user with a fresh id (username, last_name, language_code optional)."""
        return FakeUser(1001 + self.world.next_id("user"), first_name, **fields)

    def private_chat(self, user: FakeUser | None = None) -> FakeChat:
        """The private chat between a user and the bot."""
        u = user or self.default_user
        self.world.users[u.id] = u
        chat = FakeChat(u.id, "private", None, u.username, u.first_name, u.last_name)
        return self.world.add_chat(chat)

    def group_chat(self, title: str = "Klas 3A") -> FakeChat:
        """A new group with the bot in it."""
        chat_id = -(4_000_000_000 + self.world.next_id("group"))
        return self.world.add_chat(FakeChat(chat_id, "group", title))

    def chat(self, ref: ChatRef | None = None, user: FakeUser | None = None) -> FakeChat:
        """Resolve 'private', 'group', a chat id, a FakeChat or a FakeUser to a chat."""
        if ref is None or ref == "private":
            return self.private_chat(user)
        if isinstance(ref, FakeUser):
            return self.private_chat(ref)
        if ref == "group":
            self._group = self._group or self.group_chat()
            return self._group
        if isinstance(ref, FakeChat):
            return self.world.add_chat(ref)
        if isinstance(ref, int) and ref in self.world.chats:
            return self.world.chats[ref]
        raise AssertionError(f"unknown chat {ref!r}")

    # -- simulated users -------------------------------------------------------------------

    async def user_sends(
        self,
        text: str,
        *,
        user: FakeUser | None = None,
        chat: ChatRef = "private",
        reply_to: StoredMessage | int | None = None,
    ) -> StoredMessage:
        """A user writes a text message (commands and @mentions get entities)."""
        u = user or self.default_user
        where = self.chat(chat, u)
        if isinstance(reply_to, int):
            reply_to = self._message(where.id, reply_to)
        msg = user_message(self.world, u, where, text, reply_to)
        await self._act("message", msg.data)
        return msg

    async def user_presses(
        self, message: StoredMessage, data: str, *, user: FakeUser | None = None
    ) -> str:
        """A user taps an inline button (by callback_data or label); returns the query id."""
        msg = self._message(message.chat_id, message.message_id)
        button = msg.button(data)
        if button.callback_data is None:
            raise AssertionError(f"button {button.text!r} has no callback_data")
        u = user or self.default_user
        payload = callback_query(self.world, u, msg, button.callback_data)
        await self._act("callback_query", payload)
        return payload["id"]

    async def user_inline_query(
        self, query: str, *, user: FakeUser | None = None, offset: str = ""
    ) -> str:
        """A user types '@bot query'; returns the inline query id."""
        payload = inline_query(self.world, user or self.default_user, query, offset)
        await self._act("inline_query", payload)
        return payload["id"]

    async def user_answers_poll(
        self, poll_id: str, option_ids: list[int], *, user: FakeUser | None = None
    ) -> None:
        """A user votes; the bot gets poll_answer (if not anonymous) and the new poll state."""
        answer, poll = vote(self.world, user or self.default_user, poll_id, option_ids)
        if answer is not None:
            await self._act("poll_answer", answer)
        await self._act("poll", poll)

    async def _act(self, kind: str, payload: dict[str, Any]) -> None:
        self._mark = len(self.world.calls)
        self._violation_mark = len(self.world.violations)
        update = self.world.emit(kind, payload)
        if problems := validate_result(self.world.spec, ("Update",), update):
            bug = f"fakebot bug, update breaks the spec: {problems}"
            self.world.violate("update", bug, update)
        await self.pusher.settle()

    def _message(self, chat_id: int, message_id: int) -> StoredMessage:
        msg = self.world.find(chat_id, message_id)
        if msg is None:
            raise AssertionError(f"message {message_id} in chat {chat_id} does not exist")
        return msg
