"""Inline mode: '@bot wp 3.5' in any chat -> articles that post the item's answer."""

from __future__ import annotations

import hashlib

from telegram import InlineQueryResultArticle, InlineQueryResultsButton, InputTextMessageContent
from telegram.constants import ParseMode

from bot.answers.service import Answers
from bot.core.messages import t
from bot.knowledge.model import FieldValue, Item

Article = InlineQueryResultArticle

MAX_RESULTS = 10  # the Bot API allows 50; ten is what fits a phone screen
CACHE_SECONDS = 30  # results depend on the dossier the student chose
QUOTE_CHARS = 90
START_PARAMETER = "inline"  # /start inline: the welcome and dossier menu
ABSTAIN = frozenset({"out_of_scope", "empty"})


def results(answers: Answers, query: str, choice: str | None, lang: str) -> list[Article]:
    """Articles for the items the query finds in the student's dossier (none when off-topic)."""
    found = answers.search.ask(query, answers.scope(choice))
    if found.kind in ABSTAIN:
        return []
    items = [answers.dossier.items[hit.item_id] for hit in found.hits[:MAX_RESULTS]]
    return [article(answers, item, found.field, lang, query) for item in items]


def article(answers: Answers, item: Item, field: str | None, lang: str, query: str) -> Article:
    """One result: 'code title', 'source — quote', posting the answer as HTML."""
    reply = answers.composer.item_reply(item, field, lang, query)
    code = f"{item.code} " if any(ch.isdigit() for ch in item.code) else ""
    source = answers.dossier.sources[item.source].title
    quote = first_text(item)
    return InlineQueryResultArticle(
        id=result_id(item.id),
        title=f"{code}{item.title}",
        description=f"{source} — {quote}" if quote else source,
        input_message_content=InputTextMessageContent(reply.html, parse_mode=ParseMode.HTML),
    )


def button(lang: str) -> InlineQueryResultsButton:
    """The 'open the chat with Dossierbot' button above the results."""
    return InlineQueryResultsButton(t("inline_more", lang), start_parameter=START_PARAMETER)


def first_text(item: Item) -> str:
    """The start of the item's first text field, as a short quote."""
    for _, value in item.fields:
        for text in _texts(value):
            if text.strip():
                return shorten(" ".join(text.split()), QUOTE_CHARS)
    return ""


def _texts(value: FieldValue) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple):
        return [v for v in value if isinstance(v, str)]
    return []


def shorten(text: str, limit: int) -> str:
    """Cut at a word boundary with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def result_id(item_id: str) -> str:
    """A result id of at most 64 bytes: the item id, or its hash when longer."""
    if len(item_id.encode()) <= 64:
        return item_id
    return hashlib.sha256(item_id.encode()).hexdigest()[:64]
