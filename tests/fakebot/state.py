"""The fake Telegram world: chats, messages, files, the update queue and the webhook."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.fakebot.model import (
    ApiCall,
    FakeChat,
    FakeUser,
    Fault,
    Flood,
    StoredMessage,
    Violation,
    params_chat_id,
)
from tests.fakebot.spec import Spec

# Telegram leaves these out unless allowed_updates names them.
OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class Pulse:
    """Wakes every waiter when something changes; cheaper than a Condition with no lock to hold."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        """Wake current waiters; later waiters wait for the next fire."""
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float) -> None:
        """Wait until the next fire or the timeout, whichever comes first."""
        event = self._event
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), max(timeout, 0))


def update_kind(update: dict[str, Any]) -> str:
    """The type of an update: the one key besides update_id."""
    return next(k for k in update if k != "update_id")


@dataclass
class UpdateQueue:
    """Pending updates with getUpdates semantics: offset confirms, allowed_updates filters."""

    all_kinds: frozenset[str]
    pending: list[dict[str, Any]] = field(default_factory=list)
    next_id: int = 1
    allowed: frozenset[str] | None = None
    arrived: Pulse = field(default_factory=Pulse)

    def push(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Queue a snapshot of the payload (later edits must not leak into it); wake long polls."""
        update = {"update_id": self.next_id, kind: copy.deepcopy(payload)}
        self.next_id += 1
        self.pending.append(update)
        self.arrived.fire()
        return update

    def confirm(self, offset: int) -> None:
        """Forget updates below a positive offset, or all but the last -offset ones."""
        if offset > 0:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]
        elif offset < 0:
            self.pending = self.pending[offset:]

    def set_allowed(self, allowed: list[str] | None) -> None:
        """None keeps the previous setting, [] restores the default, as in Telegram."""
        if allowed is not None:
            self.allowed = frozenset(allowed) if allowed else None

    def visible(self) -> list[dict[str, Any]]:
        """Drop updates the bot did not ask for and return the rest."""
        wanted = self.allowed or (self.all_kinds - OPT_IN_UPDATES)
        self.pending = [u for u in self.pending if update_kind(u) in wanted]
        return self.pending

    async def fetch(
        self, offset: int, limit: int, timeout: float, stale: Callable[[], bool]
    ) -> list[dict[str, Any]]:
        """Long poll: return as soon as there are updates, else after `timeout` seconds."""
        self.confirm(offset)
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            batch = self.visible()[:limit]
            remaining = deadline - asyncio.get_running_loop().time()
            if batch or remaining <= 0 or stale():
                return [] if stale() else batch
            await self.arrived.wait(remaining)


@dataclass
class WebhookState:
    """What setWebhook recorded."""

    url: str = ""
    secret_token: str | None = None
    allowed_updates: list[str] | None = None
    max_connections: int | None = None
    ip_address: str | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None

    def info(self, pending: int) -> dict[str, Any]:
        """The WebhookInfo object."""
        info = {
            "url": self.url,
            "has_custom_certificate": False,
            "pending_update_count": pending,
            "ip_address": self.ip_address,
            "last_error_date": self.last_error_date,
            "last_error_message": self.last_error_message,
            "max_connections": self.max_connections,
            "allowed_updates": self.allowed_updates,
        }
        return {k: v for k, v in info.items() if v is not None}


@dataclass
class World:
    """Everything the fake server knows; the methods module reads and changes it."""

    spec: Spec
    token: str
    bot: FakeUser
    chats: dict[int, FakeChat] = field(default_factory=dict)
    users: dict[int, FakeUser] = field(default_factory=dict)
    messages: dict[int, dict[int, StoredMessage]] = field(default_factory=dict)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    polls: dict[str, StoredMessage] = field(default_factory=dict)
    callback_answers: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    inline_answers: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    commands: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    chat_actions: list[tuple[int, str]] = field(default_factory=list)
    webhook: WebhookState = field(default_factory=WebhookState)
    calls: list[ApiCall] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    faults: dict[str, list[Fault]] = field(default_factory=dict)
    floods: dict[int, Flood] = field(default_factory=dict)
    changed: Pulse = field(default_factory=Pulse)
    poll_generation: int = 0
    long_polls: int = 0
    hanging: int = 0
    closing: bool = False
    on_update: Callable[[dict[str, Any]], None] | None = None
    _counters: dict[str, int] = field(default_factory=dict)
    queue: UpdateQueue = field(init=False)

    def __post_init__(self) -> None:
        kinds = frozenset(self.spec.types["Update"].fields) - {"update_id"}
        self.queue = UpdateQueue(all_kinds=kinds)

    def next_id(self, counter: str) -> int:
        """A fresh number for ids of one kind (files, polls, queries, ...)."""
        self._counters[counter] = self._counters.get(counter, 0) + 1
        return self._counters[counter]

    def emit(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for the bot; control pushes it to a webhook when one is set."""
        update = self.queue.push(kind, payload)
        if self.on_update is not None:
            self.on_update(update)
        return update

    def add_chat(self, chat: FakeChat) -> FakeChat:
        """Make a chat known, as if the bot had been started or added there."""
        self.chats.setdefault(chat.id, chat)
        self.messages.setdefault(chat.id, {})
        return self.chats[chat.id]

    def find(self, chat_id: int, message_id: int) -> StoredMessage | None:
        """A message that still exists."""
        msg = self.messages.get(chat_id, {}).get(message_id)
        return None if msg is None or msg.deleted else msg

    def new_message(
        self,
        chat: FakeChat,
        sender: dict[str, Any],
        body: dict[str, Any],
        *,
        from_bot: bool,
        reply_to: StoredMessage | None = None,
    ) -> StoredMessage:
        """Store a message; ids count up per chat, as in private chats and groups."""
        data = {
            "message_id": self.next_id(f"message:{chat.id}"),
            "from": sender,
            "date": int(time.time()),
            "chat": chat.to_dict(),
            **body,
        }
        if reply_to is not None:
            # Telegram does not nest replies of replies.
            data["reply_to_message"] = {
                k: v for k, v in reply_to.data.items() if k != "reply_to_message"
            }
        msg = StoredMessage(data=data, from_bot=from_bot)
        self.add_chat(chat)
        self.messages[chat.id][msg.message_id] = msg
        return msg

    def record(self, call: ApiCall) -> None:
        """Log a finished call and wake anyone waiting for the bot."""
        self.calls.append(call)
        self.changed.fire()

    def violate(self, method: str, description: str, params: dict[str, Any]) -> None:
        """Remember a call real Telegram would reject, so the test fails."""
        self.violations.append(Violation(method, description, params))
        self.changed.fire()

    def take_fault(self, method: str, params: dict[str, Any] | None = None) -> Fault | None:
        """The first injected fault for this method that applies to the call, used up once."""
        faults = self.faults.get(method.lower())
        if not faults:
            return None
        fault = next((f for f in faults if f.applies_to(params or {})), None)
        if fault is not None and fault.times is not None:
            fault.times -= 1
            if fault.times <= 0:
                faults.remove(fault)
        return fault

    def flood_wait(self, method: str, params: dict[str, Any]) -> int | None:
        """Seconds left of a flood wait on this call's chat (rounded up), or None."""
        chat_id = params_chat_id(params)
        if chat_id is None or (flood := self.floods.get(chat_id)) is None:
            return None
        left = flood.until - time.monotonic()
        if left <= 0:
            del self.floods[chat_id]
            return None
        if method.lower() not in flood.methods:
            return None
        return max(1, math.ceil(left))
