"""Follow-up actions carried by choices (Telegram callback data): build, and parse safely.

An action is untrusted when it comes back: parse_action checks its shape and length and the
caller checks that the item and field exist. Format: ``f|ITEM|FIELD``, ``i|ITEM``, ``r|ITEM``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BYTES = 64  # Telegram's limit for callback data
_ACTION = re.compile(r"^(?P<verb>[fir])\|(?P<item>[\w.:-]{1,50})(?:\|(?P<field>[a-z_]{1,24}))?$")


@dataclass(frozen=True)
class Action:
    verb: str  # "f" show a field, "i" show an item, "r" related items ("Zie ook")
    item_id: str
    field: str | None = None


def _checked(action: str) -> str:
    if len(action.encode()) > MAX_BYTES:
        raise ValueError(f"action too long for callback data: {action!r}")
    return action


def field_action(item_id: str, field: str) -> str:
    return _checked(f"f|{item_id}|{field}")


def item_action(item_id: str) -> str:
    return _checked(f"i|{item_id}")


def related_action(item_id: str) -> str:
    return _checked(f"r|{item_id}")


def parse_action(data: str | None) -> Action | None:
    """The action in callback data, or None when it is malformed (forged, foreign, stale)."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    match = _ACTION.match(data)
    if match is None or (match["verb"] == "f") != bool(match["field"]):
        return None
    return Action(match["verb"], match["item"], match["field"])
