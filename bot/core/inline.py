"""Inline mode ('@bot wp 3.5' in any chat): the items a query finds, as postable articles."""

from __future__ import annotations

import hashlib

from bot.answers.followups import display_code
from bot.answers.service import Answers
from bot.core.deeplinks import INLINE_PAYLOAD
from bot.knowledge.model import FieldValue, Item
from bot.reply.limits import INLINE_RESULT_ID_BYTES
from bot.reply.messages import t
from bot.reply.replies import Article, InlineAnswer

MAX_RESULTS = 10  # the Bot API allows 50; ten is what fits a phone screen
QUOTE_CHARS = 90
ABSTAIN = frozenset({"out_of_scope", "empty"})


def inline_answer(answers: Answers, query: str, choice: str | None, lang: str) -> InlineAnswer:
    """Articles for the items the query finds in the student's dossier (none when off-topic)."""
    found = answers.search.ask(query, answers.scope(choice))
    articles: tuple[Article, ...] = ()
    if found.kind not in ABSTAIN:
        items = [answers.dossier.items[hit.item_id] for hit in found.hits[:MAX_RESULTS]]
        articles = tuple(article(answers, item, found.field, lang) for item in items)
    return InlineAnswer(articles, t("inline_more", lang), INLINE_PAYLOAD)


def article(answers: Answers, item: Item, field: str | None, lang: str) -> Article:
    """One result: 'code title', 'source - quote', posting the phone-sized answer."""
    reply = answers.composer.first_view(item, field, lang)
    code = display_code(item)
    source = answers.dossier.source_of(item).label
    quote = first_text(item)
    return Article(
        id=result_id(item.id),
        title=f"{code} {item.title}" if code else item.title,
        description=f"{source} — {quote}" if quote else source,
        html=reply.html,
    )


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
    """Cut at a word boundary with an ellipsis (a preview line, not an answer)."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def result_id(item_id: str) -> str:
    """A result id within Telegram's 64 bytes: the item id, or its hash when longer."""
    if len(item_id.encode()) <= INLINE_RESULT_ID_BYTES:
        return item_id
    return hashlib.sha256(item_id.encode()).hexdigest()[:INLINE_RESULT_ID_BYTES]
