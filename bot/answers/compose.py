"""Item + field asked -> Reply, sized for a phone.

The first message shows the title with code and source, then the asked part (or the item's
default view) shortened to whole sentences and lines that fit one screen, the ones that
match the question first. "Lees verder" pages through the full text in order; "Meer" shows
the follow-ups that did not fit. Everything shown is the dossier's own text.
"""

from __future__ import annotations

from bot.answers.followups import FollowUps, display_code
from bot.answers.relevance import Relevance
from bot.answers.shorten import pages, pick, render, render_page
from bot.answers.views import DEFAULT, View, Views
from bot.knowledge.model import Dossier, Item
from bot.reply.html import bold, esc, italic
from bot.reply.limits import PHONE_SCREEN
from bot.reply.messages import t
from bot.reply.replies import Reply, html_to_plain

FIRST_VIEW = PHONE_SCREEN - 120  # room left for a note above the text and Telegram's layout
PAGE = 3600  # one "Lees verder" page, within Telegram's 4,096 with the header


class Composer:
    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self.views = Views(dossier)
        self.followups = FollowUps(self.views)

    def header(self, item: Item, lang: str) -> str:
        """Title with code; the source as people know it, and the parent's code."""
        code = display_code(item)
        lines = [bold(f"{code} {item.title}" if code else item.title)]
        source = f"{esc(t('source', lang))}: {italic(self.dossier.source_of(item).label)}"
        parent = self.dossier.parent_of(item)
        if parent is not None and item.type in ("werkproces", "kerntaak", "sectie"):
            source += f" · {esc(display_code(parent) or parent.title)}"
        return "\n".join([*lines, source])

    def _text_budget(self, header: str) -> int:
        return FIRST_VIEW - len(html_to_plain(header))

    def first_view(
        self,
        item: Item,
        asked: str | None,
        lang: str,
        relevance: Relevance | None = None,
        note: str = "",
    ) -> Reply:
        """The answer about one item: the asked part first, shortened to fit a phone."""
        view = self.views.view(item, asked, lang)
        header = self.header(item, lang)
        budget = self._text_budget(header)
        scores = relevance(view.units) if relevance else []
        chosen = pick(view.units, budget, scores)
        read_on = len(chosen) < len(view.units)
        blocks = [header, *self._notes(item, view, lang, note)]
        if view.units:
            blocks.append(render(view.units, chosen))
        lead = self.followups.read_on(item, asked, lang) if read_on else None
        choices = self.followups.page(item, view, asked, lang, 0, lead)
        return Reply(
            "\n\n".join(blocks), choices, "answer", item.id, _asked(asked), ((item.id, 1.0),)
        )

    def _notes(self, item: Item, view: View, lang: str, note: str) -> list[str]:
        notes = [note] if note else []
        if item.not_applicable:
            notes.append(t("not_applicable", lang))
        if view.note:
            notes.append(view.note)
        if not view.units:
            source = self.dossier.source_of(item)
            notes.append(esc(t("title_only", lang, source=source.label)))
        return notes

    def more(self, item: Item, asked: str | None, lang: str, offset: int) -> Reply:
        """Another page of follow-up buttons; the message text stays."""
        view = self.views.view(item, asked, lang)
        budget = self._text_budget(self.header(item, lang))
        cut = len(pick(view.units, budget)) < len(view.units)  # as in first_view, whatever asked
        lead = self.followups.read_on(item, asked, lang) if cut else None
        choices = self.followups.page(item, view, asked, lang, offset, lead)
        return Reply("", choices, "answer", item.id, _asked(asked), keep_text=True)

    def page(self, item: Item, asked: str | None, number: int, lang: str) -> Reply | None:
        """Page `number` (from 1) of the full text; None when there is no such page."""
        view = self.views.view(item, asked, lang)
        split = pages(view.units, PAGE)
        if not view.units or not 1 <= number <= len(split):
            return None
        header = self.header(item, lang)
        if len(split) > 1:
            header += "\n" + esc(t("page_of", lang, page=str(number), pages=str(len(split))))
        text = "\n\n".join([header, render_page(view.units, split[number - 1])])
        more = number < len(split)
        lead = self.followups.read_on(item, asked, lang, number + 1, len(split)) if more else None
        choices = self.followups.page(item, view, asked, lang, 0, lead)
        return Reply(text, choices, "answer", item.id, _asked(asked), ((item.id, 1.0),))


def _asked(asked: str | None) -> str | None:
    return None if asked in (None, DEFAULT) else asked
