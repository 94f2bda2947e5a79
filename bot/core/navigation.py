"""Typed navigation from the item on screen: 'w2', 'kt 3', 'de volgende', 'vorige'.

After a kerntaak, 'w2' is its second werkproces; after a werkproces, its sibling. 'de
volgende' and 'vorige' step through the siblings in document order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.knowledge.model import Dossier, Item
from bot.search.text import fold

_LEAD = r"^(?:en |and |dan |then )?(?:de |het |the |naar |to )?"
_STEP = re.compile(
    _LEAD + r"(volgende|next|vorige|previous|prev)(?: (?:werkproces|kerntaak|onderdeel|one|stap"
    r"|item|work process|core task|section))?(?: graag| pls| please)?$"
)
_NUMBER = re.compile(
    _LEAD + r"(?:(werkproces|wp|w|work process)|(kerntaak|kt|k|core task))\s?(\d{1,2})$"
)


@dataclass(frozen=True)
class Move:
    kind: Literal["next", "previous", "werkproces", "kerntaak"]
    number: int = 0


def read_move(text: str) -> Move | None:
    """The navigation a short message asks for, or None."""
    plain = " ".join(re.sub(r"[?!.,]", " ", fold(text)).split())
    if match := _STEP.match(plain):
        return Move("next" if match[1] == "volgende" or match[1] == "next" else "previous")
    if match := _NUMBER.match(plain):
        return Move("werkproces" if match[1] else "kerntaak", int(match[3]))
    return None


def _siblings(item: Item, dossier: Dossier) -> tuple[Item, ...]:
    if item.parent:
        return dossier.kids(item.parent)
    return tuple(i for i in dossier.sources[item.source].items if not i.parent)


def _numbered(items: tuple[Item, ...], number: int) -> Item | None:
    """The item coded with this number ('-W2', '.2', 'K2'), else the number-th one."""
    for item in items:
        if re.search(rf"(?:^|[-.K])W?{number}$", item.code):
            return item
    return items[number - 1] if 1 <= number <= len(items) else None


def destination(move: Move, item: Item, dossier: Dossier) -> Item | None:
    """Where the move leads from item, or None when there is nothing there."""
    if move.kind in ("next", "previous"):
        siblings = [i for i in _siblings(item, dossier) if i.type == item.type]
        if item not in siblings:
            return None
        at = siblings.index(item) + (1 if move.kind == "next" else -1)
        return siblings[at] if 0 <= at < len(siblings) else None
    if move.kind == "werkproces":
        holder = item if item.type == "kerntaak" else dossier.parent_of(item)
        if holder is None or item.type not in ("kerntaak", "werkproces"):
            return None
        return _numbered(dossier.kids(holder.id), move.number)
    top = dossier.top_ancestor(item)
    kerntaken = tuple(i for i in dossier.kids(top.id) if i.type == "kerntaak")
    if not kerntaken:  # an older source: its kerntaken are top-level items
        source = dossier.sources[item.source].items
        kerntaken = tuple(i for i in source if i.type == "kerntaak")
    return _numbered(kerntaken, move.number)
