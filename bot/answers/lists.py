"""Replies that list items to pick from: an ambiguous code, a guess, 'Zie ook'."""

from __future__ import annotations

from collections.abc import Sequence

from bot.answers.followups import display_code
from bot.knowledge.model import Dossier, Item
from bot.knowledge.texts import sentences
from bot.reply.callbacks import ITEM
from bot.reply.html import esc, italic
from bot.reply.messages import t
from bot.reply.replies import Choice, Reply, ReplyKind

MAX_LISTED = 6  # candidates listed for an ambiguous code
OPENING = 220  # characters of a compared item's first sentence


class Lists:
    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier

    def line(self, item: Item) -> str:
        """One candidate: code, title and the source as people know it."""
        code = display_code(item)
        source = self.dossier.source_of(item).label
        return f"• <b>{esc(f'{code} {item.title}' if code else item.title)}</b> — {italic(source)}"

    def label(self, item: Item, current: bool = False) -> str:
        """A button: the code (or the start of the title), and the source unless it is the
        current dossier; never an internal id."""
        code = display_code(item) or item.title[:24]
        if current and self.dossier.source_of(item).role == "current":
            return code
        return f"{code} · {self.dossier.source_of(item).label}"

    def listing(
        self,
        intro: str,
        items: Sequence[Item],
        kind: ReplyKind,
        lang: str,
        tip: bool = False,
        hits: tuple[tuple[str, float], ...] = (),
    ) -> Reply:
        """A short list of items to pick from, each behind a button."""
        shown = list(items)[:MAX_LISTED]
        lines = [esc(intro), "", *[self.line(item) for item in shown]]
        if tip:
            lines += ["", esc(t("ambiguous_tip", lang))]
        choices = tuple(Choice(self.label(item, True), ITEM.data(item.id)) for item in shown)
        found = hits or tuple((item.id, 1.0) for item in shown)
        return Reply("\n".join(lines), choices, kind, hits=found)

    def side_by_side(
        self, items: Sequence[Item], lang: str, hits: tuple[tuple[str, float], ...]
    ) -> Reply:
        """'verschil tussen X en Y': each item's title, source and first sentence."""
        blocks = [esc(t("compare_intro", lang))]
        for item in items:
            first = next(
                (s for _, v in item.fields if isinstance(v, str) for s in sentences(v)), ""
            )
            lines = [self.line(item).removeprefix("• ")]
            if first and len(first) <= OPENING:
                lines.append(esc(first))
            blocks.append("\n".join(lines))
        choices = tuple(Choice(self.label(item, True), ITEM.data(item.id)) for item in items)
        return Reply("\n\n".join(blocks), choices, "answer", hits=hits)
