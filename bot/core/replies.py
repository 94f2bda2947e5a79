"""The transport-independent reply: Telegram-safe HTML text plus follow-up choices."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

MAX_TEXT = 4096  # Telegram's limit for a message, after entity parsing
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Choice:
    label: str
    action: str  # compact, validated on the way back in (Telegram callback data: <= 64 bytes)


@dataclass(frozen=True)
class Reply:
    html: str
    choices: tuple[Choice, ...] = ()
    item_id: str | None = None  # the item answered, for typed follow-ups
    field: str | None = None
    abstained: bool = False  # True when the reply says the question is outside the dossier
    notice: bool = False  # about the pressed button itself: shown as an alert, message kept

    @property
    def plain(self) -> str:
        """The text without markup, as a terminal or a log shows it."""
        return html_to_plain(self.html)


def html_to_plain(text: str) -> str:
    """Strip tags and unescape entities."""
    return html.unescape(_TAG.sub("", text))
