"""Deep links ('t.me/<bot>?start=PAYLOAD'): one router from payload to what it opens.

Kinds today: 'dossier_P4' / 'dossier_bcp-2010' preselect a dossier, 'inline' comes from the
inline-mode button. Unknown payloads just start; a payload is untrusted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.reply.limits import DEEP_LINK

Kind = Literal["dossier", "inline"]
_ROUTES: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    ("dossier", re.compile(r"^dossier_([A-Za-z0-9-]{1,40}?)(?:_([Pp]\d{1,2}))?\Z")),
    ("inline", re.compile(r"^inline\Z")),
)
INLINE_PAYLOAD = "inline"


@dataclass(frozen=True)
class DeepLink:
    kind: Kind
    parts: tuple[str | None, ...]


def read_deep_link(payload: str | None) -> DeepLink | None:
    """The deep link a /start payload is, or None for none or an unknown one."""
    if not payload or len(payload) > DEEP_LINK:
        return None
    for kind, pattern in _ROUTES:
        match = pattern.match(payload)
        if match:
            return DeepLink(kind, match.groups())
    return None


def dossier_payload(choice: str) -> str:
    """The payload that preselects a dossier choice ('commercie:P4' -> 'dossier_commercie_P4')."""
    return "dossier_" + choice.replace(":", "_")
