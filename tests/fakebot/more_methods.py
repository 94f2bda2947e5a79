"""Polls, commands, webhook, chat info and the fallback for methods without a handler."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.fakebot.methods import HANDLERS, ApiError, Call, chat_of, method, send, shown
from tests.fakebot.spec import Shape

# BotCommand.command: "Can contain only lowercase English letters, digits and underscores."
COMMAND_RE = re.compile(r"[a-z0-9_]+")
AUTO_GIFTS = ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription")


@method("sendPoll")
async def send_poll(c: Call) -> Any:
    """A regular or quiz poll; options get persistent ids as in Bot API 9.6+."""
    w, p = c.world, c.params
    poll_id = str(5_000_000 + w.next_id("poll"))
    kind = p.get("type", "regular")
    options = [
        {"persistent_id": f"{poll_id}-{i}", "text": shown(o, "text", "text_parse_mode")}
        | {"voter_count": 0}
        for i, o in enumerate(p["options"])
    ]
    correct = p.get("correct_option_ids")
    if kind == "quiz" and not correct:
        raise ApiError(400, "Bad Request: correct_option_ids must be specified for quizzes")
    if correct and not all(0 <= i < len(options) for i in correct):
        raise ApiError(400, "Bad Request: wrong correct option ID specified")
    poll = {
        "id": poll_id,
        "question": shown(p, "question", "question_parse_mode"),
        "options": options,
        "total_voter_count": 0,
        "is_closed": bool(p.get("is_closed", False)),
        "is_anonymous": bool(p.get("is_anonymous", True)),
        "type": kind,
        "allows_multiple_answers": bool(p.get("allows_multiple_answers", False)),
        "allows_revoting": bool(p.get("allows_revoting", kind != "quiz")),
        "members_only": bool(p.get("members_only", False)),
    }
    if correct:
        poll["correct_option_ids"] = correct
    if "explanation" in p:
        poll["explanation"] = shown(p, "explanation", "explanation_parse_mode")
    poll |= {k: p[k] for k in ("open_period", "close_date") if k in p}
    msg = send(w, p, {"poll": poll}, None)
    w.polls[poll_id] = msg
    return msg.data


@method("stopPoll")
async def stop_poll(c: Call) -> Any:
    """Close a poll and tell the bot with a poll update, as Telegram does."""
    w = c.world
    msg = w.find(chat_of(w, c.params["chat_id"]).id, c.params["message_id"])
    if msg is None or msg.poll is None:
        raise ApiError(400, "Bad Request: message with poll to stop not found")
    if msg.poll["is_closed"]:
        raise ApiError(400, "Bad Request: poll has already been closed")
    msg.poll["is_closed"] = True
    if "reply_markup" in c.params:
        msg.reply_markup = msg.data["reply_markup"] = c.params["reply_markup"]
    w.emit("poll", msg.poll)
    return msg.poll


def _scope_key(p: dict[str, Any]) -> tuple[str, str]:
    scope = p.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), p.get("language_code", "")


@method("setMyCommands")
async def set_my_commands(c: Call) -> Any:
    """Store commands per scope and language."""
    for cmd in c.params["commands"]:
        if not COMMAND_RE.fullmatch(cmd["command"]):
            raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID", violation=True)
    c.world.commands[_scope_key(c.params)] = c.params["commands"]
    return True


@method("getMyCommands")
async def get_my_commands(c: Call) -> Any:
    """Commands set for this scope and language."""
    return c.world.commands.get(_scope_key(c.params), [])


@method("deleteMyCommands")
async def delete_my_commands(c: Call) -> Any:
    """Forget commands for this scope and language."""
    c.world.commands.pop(_scope_key(c.params), None)
    return True


@method("setWebhook")
async def set_webhook(c: Call) -> Any:
    """Record url and secret_token; Telegram only accepts HTTPS webhooks."""
    w, p = c.world, c.params
    url = p["url"]
    if url and not url.startswith("https://"):
        raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
    if p.get("drop_pending_updates"):
        w.queue.pending.clear()
    w.webhook.url = url
    w.webhook.secret_token = p.get("secret_token")
    for key in ("allowed_updates", "max_connections", "ip_address"):
        setattr(w.webhook, key, p.get(key))
    w.queue.set_allowed(p.get("allowed_updates"))
    w.queue.arrived.fire()  # a pending getUpdates must notice the webhook
    return True


@method("deleteWebhook")
async def delete_webhook(c: Call) -> Any:
    """Switch back to getUpdates, optionally dropping pending updates."""
    if c.params.get("drop_pending_updates"):
        c.world.queue.pending.clear()
    c.world.webhook.url = ""
    c.world.webhook.secret_token = None
    return True


@method("getWebhookInfo")
async def get_webhook_info(c: Call) -> Any:
    """The recorded webhook plus the pending update count."""
    return c.world.webhook.info(len(c.world.queue.visible()))


@method("sendChatAction")
async def send_chat_action(c: Call) -> Any:
    """Record 'typing…' and friends."""
    chat = chat_of(c.world, c.params["chat_id"])
    c.world.chat_actions.append((chat.id, c.params["action"]))
    return True


@method("getChat")
async def get_chat(c: Call) -> Any:
    """A ChatFullInfo with the required fields filled in."""
    chat = chat_of(c.world, c.params["chat_id"])
    gifts = dict.fromkeys(AUTO_GIFTS, False) | {"gifts_from_channels": False}
    return chat.to_dict() | {
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": gifts,
    }


@method("getChatMember")
async def get_chat_member(c: Call) -> Any:
    """Known users are members; anyone else has left."""
    w = c.world
    chat_of(w, c.params["chat_id"])
    user_id = c.params["user_id"]
    user = w.bot if user_id == w.bot.id else w.users.get(user_id)
    if user is None:
        return {"status": "left", "user": {"id": user_id, "is_bot": False, "first_name": "?"}}
    return {"status": "member", "user": user.to_dict()}


@method("close")
async def close(c: Call) -> Any:
    """Telegram answers True."""
    return True


@method("logOut")
async def log_out(c: Call) -> Any:
    """Telegram answers True."""
    return True


async def fallback(c: Call, shape: Shape) -> Any:
    """A valid call to a method the fake has no handler for: answer what the spec allows."""
    if shape.returns == ("Boolean",):
        return True
    if "Message" in shape.returns and "chat_id" in c.params:
        body = {k: shown(c.params, k) for k in ("text", "caption") if k in c.params}
        return send(c.world, c.params, body, None).data
    raise ApiError(500, f"fakebot does not implement {shape.name}", violation=True)


def handler_for(name: str) -> Any:
    """The registered handler for a method name, or None."""
    return HANDLERS.get(name.lower())
