"""The conversation core: a text or a choice from a student, with their session, -> Reply.

It knows nothing of Telegram or the terminal; adapters load the Session (from memory or
the store), call the core, save what changed and render the Reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answers.actions import parse_action
from bot.answers.service import Answers
from bot.core.messages import t
from bot.core.replies import Reply
from bot.search.codes import find_codes
from bot.search.intent import FIELD_WORD, asked_field
from bot.search.text import content_words, fold

# Words that point back at the item just answered ("welk gedrag hoort erbij", "and its result").
_ANAPHORA = re.compile(
    r"\b(?:erbij|daarbij|hierbij|daarvan|hiervan|ervan|daar|dit|dat|deze|die|en de|en het|"
    r"and the|and its|its|it|this|that)\b"
)


@dataclass
class Session:
    """What the core needs to know about the student between messages."""

    lang: str = "nl"
    dossier: str | None = None
    last_item: str | None = None
    last_field: str | None = None


def is_follow_up(text: str) -> bool:
    """A short field question without a code of its own: it refers to the last item."""
    if find_codes(text) or asked_field(text) is None:
        return False
    rest = [w for w in content_words(text) if not FIELD_WORD.match(w)]
    return len(rest) <= 1 or (bool(_ANAPHORA.search(fold(text))) and len(rest) <= 3)


class Conversation:
    """Routes texts and choices to the answer service; updates the session in place."""

    def __init__(self, answers: Answers) -> None:
        self.answers = answers

    def on_text(self, session: Session, text: str) -> Reply:
        """A typed message: a follow-up on the last item, or a new question."""
        if session.last_item in self.answers.dossier.items and is_follow_up(text):
            item = self.answers.dossier.items[session.last_item or ""]
            reply = self.answers.composer.item_reply(item, asked_field(text), session.lang, text)
        else:
            reply, _ = self.answers.ask(text, session.dossier, session.lang)
        return self._remember(session, reply)

    def on_choice(self, session: Session, data: str | None) -> Reply:
        """A pressed choice; forged or stale data gets a polite answer, never an exception."""
        action = parse_action(data)
        reply = self.answers.follow(action, session.lang) if action else None
        if reply is None:
            return Reply(t("stale_choice", session.lang), notice=True)
        return self._remember(session, reply)

    @staticmethod
    def _remember(session: Session, reply: Reply) -> Reply:
        if reply.item_id:
            session.last_item, session.last_field = reply.item_id, reply.field
        return reply
