"""A typed message in context -> Reply: small talk, typed navigation, follow-ups, questions.

Pure: it reads the session and returns a Reply (or a Press: "act as if this button was
pressed", for a typed number or a "ja" to an offer) with the state the student is in next.
The Assistant does the store I/O around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.answers.service import Answers
from bot.core.chat import ChatReplies
from bot.core.language import detect_language
from bot.core.navigation import destination, read_move
from bot.core.session import Session, State
from bot.core.smalltalk import small_talk, without_greeting
from bot.reply.replies import Reply
from bot.search.codes import find_codes
from bot.search.intent import FIELD_WORD, asked_field
from bot.search.text import content_words, fold

# Words that point back at the item just answered ("welk gedrag hoort erbij", "and its result").
_ANAPHORA = re.compile(
    r"\b(?:erbij|daarbij|hierbij|daarvan|hiervan|ervan|daar|dit|dat|deze|die|en de|en het|"
    r"and the|and its|its|it|this|that)\b|^(?:en|and|ok en|oke en)\b"
)
# "en in het oude dossier?", "and in the older versions?": "Zie ook" for the item on screen.
_OLDER = re.compile(
    r"^(?:en |and |wat |what )?(?:staat er |is it |about )?(?:in |volgens |from )?"
    r"(?:het |de |the |een |an )?(?:oude|oudere|vorige|eerdere|older|old|previous|earlier)"
    r"\s+(?:dossier|dossiers|versie|versies|version|versions|bronnen|sources)\b"
)


@dataclass(frozen=True)
class Press:
    """Handle as if this button had been pressed (a typed number, a 'ja' to an offer)."""

    action: str
    lang: str


def is_follow_up(text: str) -> bool:
    """A short field question without a code of its own: it refers to the last item."""
    if find_codes(text) or asked_field(text) is None:
        return False
    rest = [w for w in content_words(text) if not FIELD_WORD.match(w)]
    return len(rest) <= 1 or (bool(_ANAPHORA.search(fold(text))) and len(rest) <= 3)


def _needs_item(text: str) -> bool:
    """A message that only makes sense about an item on screen: "w2", "de volgende", or a
    part asked without anything it could be of ("en het gedrag?")."""
    move = read_move(text)
    if move is not None:
        return move.kind != "kerntaak"
    topic = [w for w in content_words(text) if not FIELD_WORD.match(w)]
    return asked_field(text) is not None and not topic and not find_codes(text)


class Conversation:
    def __init__(self, answers: Answers, chat: ChatReplies) -> None:
        self.answers = answers
        self.chat = chat
        self.dossier = answers.dossier

    def language(self, session: Session, text: str) -> str:
        """The reply's language: the message's when clear, else the person's setting."""
        return detect_language(text) or session.lang

    def on_text(self, session: Session, text: str, name: str = "") -> tuple[Reply | Press, State]:
        """The reply to a typed message, and the conversation state after it."""
        lang = self.language(session, text)
        state = session.state
        talk = small_talk(text)
        if talk == "number":
            number = int(text.strip()) if text.strip().isdigit() else 0
            if 1 <= number <= len(state.choices):
                return Press(state.choices[number - 1], lang), state
            return self.chat.number(text.strip(), lang), state
        if talk in ("yes", "no") and state.offer:
            cleared = replace(state, offer=None)
            if talk == "yes":
                return Press(state.offer, lang), cleared
            return self.chat.declined(lang), cleared
        if talk == "not_meant" and state.others:
            return self.chat.others(state.others, lang), state
        if talk == "back" and state.trail:
            back = state.back()
            item = self.dossier.items.get(back.item or "")
            if item is not None:
                return self.answers.composer.first_view(item, None, lang), back
        if talk is not None:
            return self.chat.talk(talk, lang, session.dossier, name), state
        return self._question(session, without_greeting(text), lang), state

    def _question(self, session: Session, text: str, lang: str) -> Reply:
        state = session.state
        item = self.dossier.items.get(state.item or "")
        if item is not None:
            move = read_move(text)
            if move is not None:
                target = destination(move, item, self.dossier)
                if target is not None:
                    return self.answers.composer.first_view(target, None, lang)
                if move.kind in ("next", "previous"):
                    return self.chat.nothing_there(lang)
            if _OLDER.match(fold(text).strip()):
                return self.answers.see_also(item, lang)
            if is_follow_up(text):
                return self.answers.composer.first_view(item, asked_field(text), lang)
        elif _needs_item(text):
            return self.chat.which_item(lang)  # "w2", "en het gedrag?" with nothing on screen
        context = item.source if item is not None else None
        return self.answers.ask(text, session.dossier, lang, context)
