"""Bot API methods with Telegram's behaviour, operating on the fake World."""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from tests.fakebot.html import parse_html
from tests.fakebot.model import FakeChat, StoredMessage, Upload
from tests.fakebot.state import World

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"


class ApiError(Exception):
    """An error answer in Telegram's format; `violation` marks bot bugs the test must see."""

    def __init__(self, status: int, description: str, *, violation: bool = False) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.violation = violation


@dataclass
class Call:
    """One validated request handed to a method."""

    world: World
    params: dict[str, Any]
    gone: Callable[[], bool] = lambda: False


Handler = Callable[[Call], Awaitable[Any]]
HANDLERS: dict[str, Handler] = {}


def method(name: str) -> Callable[[Handler], Handler]:
    """Register a handler under its case-insensitive method name."""

    def register(fn: Handler) -> Handler:
        HANDLERS[name.lower()] = fn
        return fn

    return register


def shown(obj: dict[str, Any], key: str, mode_key: str = "parse_mode") -> str:
    """Text as the user sees it: HTML rendered, then trimmed as Telegram does."""
    raw = obj[key]
    mode = str(obj.get(mode_key) or "").lower()
    return (parse_html(raw) if mode == "html" else raw).strip()


def chat_of(w: World, chat_id: int | str) -> FakeChat:
    """Resolve chat_id (number or @username) to a chat the bot knows."""
    for chat in w.chats.values():
        if chat_id in (chat.id, f"@{chat.username}"):
            return chat
    raise ApiError(400, "Bad Request: chat not found")


def reply_target(w: World, chat: FakeChat, p: dict[str, Any]) -> StoredMessage | None:
    """The message named by reply_parameters, if any."""
    if not (rp := p.get("reply_parameters")):
        return None
    target = w.find(chat_of(w, rp.get("chat_id", chat.id)).id, rp["message_id"])
    if target is None and not rp.get("allow_sending_without_reply"):
        raise ApiError(400, "Bad Request: message to be replied not found")
    return target


def send(w: World, p: dict[str, Any], body: dict[str, Any], raw_key: str | None) -> StoredMessage:
    """Store a message from the bot; only inline keyboards are echoed in Message.reply_markup."""
    chat = chat_of(w, p["chat_id"])
    markup = p.get("reply_markup")
    if markup and "inline_keyboard" in markup:
        body = {**body, "reply_markup": markup}
    reply_to = reply_target(w, chat, p)
    msg = w.new_message(chat, w.bot.to_dict(), body, from_bot=True, reply_to=reply_to)
    msg.raw_text = p.get(raw_key) if raw_key else None
    msg.parse_mode = p.get("parse_mode")
    msg.reply_markup = markup
    return msg


def editable(w: World, p: dict[str, Any]) -> StoredMessage | None:
    """The bot message an edit targets; None for inline messages, which are only recorded."""
    if p.get("inline_message_id"):
        return None
    if "chat_id" not in p or "message_id" not in p:
        raise ApiError(400, "Bad Request: message identifier is not specified")
    msg = w.find(chat_of(w, p["chat_id"]).id, p["message_id"])
    if msg is None:
        raise ApiError(400, "Bad Request: message to edit not found")
    if not msg.from_bot:
        raise ApiError(400, "Bad Request: message can't be edited")
    return msg


def apply_edit(msg: StoredMessage, changes: dict[str, Any], markup: dict[str, Any] | None) -> None:
    """Edit in place, keeping the previous version; omitting reply_markup removes the keyboard."""
    msg.edits.append(json.loads(json.dumps(msg.data)))
    msg.data.update(changes)
    msg.data["edit_date"] = int(time.time())
    msg.reply_markup = markup
    if markup:
        msg.data["reply_markup"] = markup
    else:
        msg.data.pop("reply_markup", None)


def file_meta(w: World, value: Upload | str) -> dict[str, Any]:
    """Register an upload or resolve a file_id/URL into the file's stored fields."""
    if isinstance(value, str) and value in w.files:
        return w.files[value]
    if isinstance(value, str) and not value.startswith(("http://", "https://")):
        raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
    n = w.next_id("file")
    meta: dict[str, Any] = {"file_id": f"fake-file-{n}", "file_unique_id": f"fake-unique-{n}"}
    if isinstance(value, Upload):
        meta |= {"file_name": value.filename, "mime_type": value.content_type}
        meta["file_size"] = len(value.body)
    w.files[meta["file_id"]] = meta
    return meta


@method("getMe")
async def get_me(c: Call) -> Any:
    """The bot's own User, with the getMe-only capability flags."""
    extra = {"can_join_groups": True, "can_read_all_group_messages": False}
    return c.world.bot.to_dict() | extra | {"supports_inline_queries": True}


@method("getUpdates")
async def get_updates(c: Call) -> Any:
    """Long polling; a newer getUpdates terminates an older one with 409, as in Telegram."""
    w, p = c.world, c.params
    if w.webhook.url:
        raise ApiError(
            409,
            "Conflict: can't use getUpdates method while webhook is active; "
            "use deleteWebhook to delete the webhook first",
        )
    w.queue.set_allowed(p.get("allowed_updates"))
    w.poll_generation += 1
    generation = w.poll_generation
    w.queue.arrived.fire()  # wake the poll this one replaces

    def stale() -> bool:
        return c.gone() or w.closing or w.poll_generation != generation

    w.long_polls += 1
    w.changed.fire()  # lets a test wait until the bot is really polling
    try:
        updates = await w.queue.fetch(
            p.get("offset", 0), p.get("limit", 100), p.get("timeout", 0), stale
        )
    finally:
        w.long_polls -= 1
    if w.poll_generation != generation:
        raise ApiError(
            409,
            "Conflict: terminated by other getUpdates request; "
            "make sure that only one bot instance is running",
        )
    return updates


@method("sendMessage")
async def send_message(c: Call) -> Any:
    """A text message."""
    return send(c.world, c.params, {"text": shown(c.params, "text")}, "text").data


@method("sendPhoto")
async def send_photo(c: Call) -> Any:
    """A photo (uploaded, by file_id or by URL) with an optional caption."""
    meta = file_meta(c.world, c.params["photo"])
    size = {k: meta[k] for k in ("file_id", "file_unique_id")} | {"width": 640, "height": 480}
    return _media(c, {"photo": [size]}, "photo").data


@method("sendDocument")
async def send_document(c: Call) -> Any:
    """A document (uploaded, by file_id or by URL) with an optional caption."""
    return _media(c, {"document": file_meta(c.world, c.params["document"])}, "document").data


def _media(c: Call, body: dict[str, Any], key: str) -> StoredMessage:
    if "caption" in c.params:
        body["caption"] = shown(c.params, "caption")
    msg = send(c.world, c.params, body, "caption")
    upload = c.params[key]
    msg.upload = upload if isinstance(upload, Upload) else None
    return msg


@method("editMessageText")
async def edit_message_text(c: Call) -> Any:
    """Edit text; identical text and markup is 'message is not modified'."""
    p = c.params
    if (msg := editable(c.world, p)) is None:
        return True
    if "text" not in msg.data:
        raise ApiError(400, "Bad Request: there is no text in the message to edit")
    if "text" not in p:
        raise ApiError(400, "Bad Request: text must be non-empty")
    text, markup = shown(p, "text"), p.get("reply_markup")
    if (text, p["text"], markup) == (msg.text, msg.raw_text, msg.reply_markup):
        raise ApiError(400, NOT_MODIFIED)
    apply_edit(msg, {"text": text}, markup)
    msg.raw_text, msg.parse_mode = p["text"], p.get("parse_mode")
    return msg.data


@method("editMessageReplyMarkup")
async def edit_message_reply_markup(c: Call) -> Any:
    """Replace or remove the inline keyboard."""
    if (msg := editable(c.world, c.params)) is None:
        return True
    markup = c.params.get("reply_markup")
    if markup == msg.reply_markup or (not markup and not msg.reply_markup):
        raise ApiError(400, NOT_MODIFIED)
    apply_edit(msg, {}, markup)
    return msg.data


@method("deleteMessage")
async def delete_message(c: Call) -> Any:
    """Mark a message deleted; it disappears from messages_in()."""
    msg = c.world.find(chat_of(c.world, c.params["chat_id"]).id, c.params["message_id"])
    if msg is None:
        raise ApiError(400, "Bad Request: message to delete not found")
    msg.deleted = True
    return True


async def _answer(answers: dict[str, dict[str, Any] | None], key: str, c: Call) -> bool:
    query_id = c.params[key]
    if query_id not in answers or answers[query_id] is not None:
        raise ApiError(400, QUERY_INVALID)
    answers[query_id] = c.params
    return True


@method("answerCallbackQuery")
async def answer_callback_query(c: Call) -> Any:
    """Answer a pending callback query exactly once."""
    return await _answer(c.world.callback_answers, "callback_query_id", c)


@method("answerInlineQuery")
async def answer_inline_query(c: Call) -> Any:
    """Answer a pending inline query exactly once."""
    return await _answer(c.world.inline_answers, "inline_query_id", c)
