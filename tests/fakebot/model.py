"""Plain records the fake keeps: users, chats, messages, uploads, calls, violations, faults."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """Telegram omits empty optional fields."""
    return {k: v for k, v in data.items() if v is not None}


@dataclass(frozen=True)
class FakeUser:
    """A Telegram user the test plays."""

    id: int
    first_name: str
    username: str | None = None
    last_name: str | None = None
    language_code: str | None = "nl"
    is_bot: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The User object as Telegram sends it."""
        return _compact(
            {
                "id": self.id,
                "is_bot": self.is_bot,
                "first_name": self.first_name,
                "last_name": self.last_name,
                "username": self.username,
                "language_code": self.language_code,
            }
        )


@dataclass(frozen=True)
class FakeChat:
    """A private chat or group the bot is in."""

    id: int
    type: str
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The Chat object as Telegram sends it."""
        return _compact(
            {
                "id": self.id,
                "type": self.type,
                "title": self.title,
                "username": self.username,
                "first_name": self.first_name,
                "last_name": self.last_name,
            }
        )


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart request."""

    name: str
    filename: str
    content_type: str
    body: bytes


@dataclass(frozen=True)
class Button:
    """One inline keyboard button, flattened for assertions."""

    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass
class StoredMessage:
    """A message in a chat; `data` is the Telegram Message object, updated in place by edits."""

    data: dict[str, Any]
    from_bot: bool
    raw_text: str | None = None
    parse_mode: str | None = None
    reply_markup: dict[str, Any] | None = None
    upload: Upload | None = None
    edits: list[dict[str, Any]] = field(default_factory=list)
    deleted: bool = False

    @property
    def message_id(self) -> int:
        """The message id within its chat."""
        return self.data["message_id"]

    @property
    def chat_id(self) -> int:
        """The id of the chat the message is in."""
        return self.data["chat"]["id"]

    @property
    def text(self) -> str | None:
        """Text (or caption) as the user sees it, with HTML already rendered."""
        return self.data.get("text", self.data.get("caption"))

    @property
    def poll(self) -> dict[str, Any] | None:
        """The Poll object of a poll message."""
        return self.data.get("poll")

    @property
    def keyboard(self) -> list[list[Button]]:
        """Inline keyboard rows (empty when there is none)."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [[Button(b["text"], b.get("callback_data"), b.get("url")) for b in r] for r in rows]

    @property
    def buttons(self) -> list[Button]:
        """All inline keyboard buttons, row by row."""
        return [b for row in self.keyboard for b in row]

    def button(self, text_or_data: str) -> Button:
        """The button with this callback_data or, failing that, this label."""
        for b in self.buttons:
            if text_or_data in (b.callback_data, b.text):
                return b
        raise AssertionError(f"no button {text_or_data!r} in {[b.text for b in self.buttons]}")


@dataclass
class ApiCall:
    """One HTTP call the bot made, as the fake understood it."""

    method: str
    params: dict[str, Any]
    status: int
    result: Any = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether Telegram would have answered ok: true."""
        return self.status == 200


@dataclass(frozen=True)
class Violation:
    """A call real Telegram would reject (or, prefixed 'fakebot', a gap in the fake)."""

    method: str
    description: str
    params: dict[str, Any]

    def __str__(self) -> str:
        return f"{self.method}: {self.description}"


def params_chat_id(params: dict[str, Any]) -> int | None:
    """The numeric chat_id of a call, or None (no chat_id, or an @username)."""
    value = params.get("chat_id")
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return None
    return None


@dataclass
class Fault:
    """An injected failure for one method; `times=None` means every call.

    `chat_id` limits it to calls naming that chat. `hang` keeps the request unanswered until
    the client gives up, or for `delay` seconds when that is set. `deliver` runs the call
    (stores the message) before the delay and the failure, so the effect happens although
    the client sees an error or no answer at all.
    """

    status: int | None = None
    retry_after: int | None = None
    times: int | None = 1
    delay: float = 0.0
    drop: bool = False
    description: str | None = None
    chat_id: int | None = None
    hang: bool = False
    deliver: bool = False

    def applies_to(self, params: dict[str, Any]) -> bool:
        """Whether this fault is for a call with these params."""
        return self.chat_id is None or params_chat_id(params) == self.chat_id


@dataclass
class Flood:
    """A flood wait for one chat: sends to it get 429 until `until` (time.monotonic())."""

    until: float
    methods: frozenset[str]  # lower-case method names
