"""Every kind of button data, in one table: its prefix, what it does, who may press it.

Callback data is untrusted when it comes back (forged, stale, from another bot version), so
``parse`` checks length and characters and returns the namespace and its parts; the owner
then checks that the parts name something that exists. Format: ``PREFIX|part|part``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.reply.limits import CALLBACK_DATA_BYTES

SEPARATOR = "|"
_PART = re.compile(r"^[\w.:-]{1,50}\Z")  # \Z: "$" would allow a trailing newline


@dataclass(frozen=True)
class Namespace:
    prefix: str
    purpose: str
    personal: bool = False  # changes the presser's own settings: in groups only the asker

    def data(self, *parts: str) -> str:
        """Callback data for this namespace; ValueError when it cannot be sent."""
        data = SEPARATOR.join((self.prefix, *parts))
        if len(data.encode()) > CALLBACK_DATA_BYTES or not all(_PART.match(p) for p in parts):
            raise ValueError(f"cannot be callback data: {data!r}")
        return data


ITEM = Namespace("i", "show an item")
FIELD = Namespace("f", "show one part of an item, or its rest ('Lees verder')")
RELATED = Namespace("r", "'Zie ook': the item in the other dossiers")
MORE = Namespace("m", "the next follow-up buttons of an answer ('Meer')")
COMMAND = Namespace("k", "run a command from a button (help, dossier menu)")
DOSSIER = Namespace("d", "choose a dossier or profile", personal=True)
FORGET = Namespace("v", "confirm or cancel /vergeet", personal=True)

NAMESPACES: tuple[Namespace, ...] = (ITEM, FIELD, RELATED, MORE, COMMAND, DOSSIER, FORGET)
_BY_PREFIX = {namespace.prefix: namespace for namespace in NAMESPACES}


def parse(data: str | None) -> tuple[Namespace, tuple[str, ...]] | None:
    """The namespace and parts of callback data, or None when it is malformed or unknown."""
    if not data or len(data.encode()) > CALLBACK_DATA_BYTES:
        return None
    prefix, *parts = data.split(SEPARATOR)
    namespace = _BY_PREFIX.get(prefix)
    if namespace is None or not all(_PART.match(part) for part in parts):
        return None
    return namespace, tuple(parts)


def is_personal(data: str | None) -> bool:
    """True for buttons that only the person they were shown to may press (in groups)."""
    found = parse(data)
    return found is not None and found[0].personal
