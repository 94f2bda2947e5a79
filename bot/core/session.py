"""What the core remembers of a conversation between messages, and how it is stored.

The state is small and owned here; the store keeps it as one JSON text per user, so adding a
field needs no migration. Unreadable or foreign JSON gives a fresh state, never an error.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace

from bot.reply.replies import Reply

MAX_TRAIL = 10  # items to go back to with "terug"
MAX_OTHERS = 4  # other candidates kept for "nee, dat bedoel ik niet"


@dataclass(frozen=True)
class State:
    item: str | None = None  # the item last shown, for typed follow-ups
    field: str | None = None
    trail: tuple[str, ...] = ()  # items shown before it, oldest first ("terug")
    choices: tuple[str, ...] = ()  # the buttons last shown, for a typed number
    offer: str | None = None  # what a typed "ja" accepts
    others: tuple[str, ...] = ()  # the other candidates of the last question
    lang: str | None = None  # the language the student last clearly wrote in

    def to_json(self) -> str | None:
        """The state as stored; None for the empty state."""
        if self == State():
            return None
        data = {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items() if v}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | None) -> State:
        """The stored state, or a fresh one when it is missing or unreadable."""
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()

        def strings(key: str) -> tuple[str, ...]:
            value = data.get(key)
            return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()

        def text_or_none(key: str) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) else None

        return cls(
            text_or_none("item"),
            text_or_none("field"),
            strings("trail")[-MAX_TRAIL:],
            strings("choices"),
            text_or_none("offer"),
            strings("others")[:MAX_OTHERS],
            text_or_none("lang"),
        )

    def after(self, reply: Reply) -> State:
        """The state once the student has seen this reply."""
        state = replace(self, offer=reply.offer)
        if reply.choices or reply.keep_text:
            state = replace(state, choices=tuple(c.action for c in reply.choices))
        if reply.item_id and reply.item_id != self.item:
            trail = (*self.trail, self.item) if self.item else self.trail
            state = replace(state, item=reply.item_id, trail=trail[-MAX_TRAIL:])
        if reply.item_id:
            state = replace(state, field=reply.field)
        if reply.hits and not reply.keep_text:
            others = tuple(i for i, _ in reply.hits if i != reply.item_id)
            state = replace(state, others=others[:MAX_OTHERS])
        return state

    def back(self) -> State:
        """The state after going back one item ("terug")."""
        if not self.trail:
            return self
        return replace(self, item=self.trail[-1], field=None, trail=self.trail[:-1])


@dataclass
class Session:
    """One person's session while an event is handled: settings and conversation state."""

    lang: str = "nl"
    dossier: str | None = None
    state: State = field(default_factory=State)
