"""The transport-independent reply: Telegram-safe HTML text plus follow-up choices.

Every adapter renders the same Reply: Telegram as a message with an inline keyboard, the
terminal as text with numbered choices. Inline mode gets Articles instead.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Literal

from bot.reply.limits import MESSAGE_TEXT

MAX_TEXT = MESSAGE_TEXT
_TAG = re.compile(r"<[^>]+>")

# What a reply is, for the adapters and for measuring (`dossierbot ask --json`):
# answer: about dossier items; choose: asks back between candidates; suggest: "Bedoel je ...?";
# outside: not in the dossier; chat: a conversational reply that is no dossier answer.
ReplyKind = Literal["answer", "choose", "suggest", "outside", "chat"]
NO_DOSSIER_ANSWER: frozenset[ReplyKind] = frozenset({"outside", "chat"})


@dataclass(frozen=True)
class Choice:
    label: str
    action: str  # callback data from bot.reply.callbacks, validated on the way back in
    compact: bool = False  # a short navigation button ("W2"): several share a row


@dataclass(frozen=True)
class Reply:
    html: str
    choices: tuple[Choice, ...] = ()
    kind: ReplyKind = "chat"
    item_id: str | None = None  # the item answered, for typed follow-ups
    field: str | None = None
    hits: tuple[tuple[str, float], ...] = ()  # the items the reply is about, best first
    notice: bool = False  # about the pressed button itself: shown as an alert, message kept
    keep_text: bool = False  # only the choices change (another page of buttons)
    offer: str | None = None  # the action a typed "ja" accepts (e.g. set the dossier)

    @property
    def abstained(self) -> bool:
        """True when the reply gives no answer from the dossier (outside it, or chat)."""
        return self.kind in NO_DOSSIER_ANSWER

    @property
    def plain(self) -> str:
        """The text without markup, as a terminal or a log shows it."""
        return html_to_plain(self.html)


@dataclass(frozen=True)
class Article:
    """One inline-mode result: posts its html into the chat where it is chosen."""

    id: str
    title: str
    description: str
    html: str


@dataclass(frozen=True)
class InlineAnswer:
    articles: tuple[Article, ...]
    button_text: str  # "open the chat with Dossierbot" above the results
    start_parameter: str


def html_to_plain(text: str) -> str:
    """Strip tags and unescape entities."""
    return html.unescape(_TAG.sub("", text))
