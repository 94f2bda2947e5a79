"""The buttons under an answer: children to open, then at most four follow-ups in view.

Follow-ups are the item's other fields, the fields its kerntaak keeps for it, its parent and
"Zie ook"; "Lees verder" comes first when the text was shortened. More than fit go behind
"Meer", whose button data says which page to show, so the pages need no stored state.
"""

from __future__ import annotations

from bot.answers.views import CHILDREN, DEFAULT, PARENT_FIELDS, View, Views, field_label
from bot.knowledge.model import Item
from bot.reply.callbacks import FIELD, ITEM, MORE, RELATED
from bot.reply.limits import BUTTONS_IN_VIEW
from bot.reply.messages import t
from bot.reply.replies import Choice

# Which other fields a student most often wants next; the rest follow in document order.
PRIORITY = ("gedrag", "competenties", "competentierijen", "resultaat", "vakkennis", "kennis")


def short_code(item: Item, parent: Item) -> str:
    """The label of a child button: 'W2' under kerntaak P4-K1, else the child's own code."""
    if parent.type == "kerntaak" and item.code.startswith(f"{parent.code}-"):
        return item.code.removeprefix(f"{parent.code}-")
    return display_code(item) or item.title[:20]


def display_code(item: Item) -> str:
    """The code as students know it, or '' for items whose code is a word (facts)."""
    return item.code if any(ch.isdigit() for ch in item.code) else ""


class FollowUps:
    def __init__(self, views: Views) -> None:
        self.views = views
        self.dossier = views.dossier

    def all(self, item: Item, view: View, lang: str) -> list[Choice]:
        """Every follow-up for an item shown with this view, best first."""
        shown = set(view.used)
        names = [n for n in item.field_names if n not in shown]
        if "kennis" in item.field_names and "vaardigheden" in item.field_names:
            names = [n for n in names if n != "vaardigheden"]  # one button shows both
            if "kennis" in shown:
                names = [n for n in names if n != "kennis"]
        parent = self.dossier.parent_of(item)
        if item.type == "werkproces" and parent is not None:
            names += [
                n
                for n in PARENT_FIELDS
                if item.get(n) is None and parent.get(n) is not None and n not in shown
            ]
        names.sort(key=lambda n: PRIORITY.index(n) if n in PRIORITY else len(PRIORITY))
        out = [
            Choice(field_label("vakkennis" if n == "kennis" else n, lang), FIELD.data(item.id, n))
            for n in names
        ]
        if CHILDREN not in shown and self.views.children(item):
            label = t(self.views.children_label(item), lang)
            out.append(Choice(label, FIELD.data(item.id, CHILDREN)))
        if parent is not None:
            out.append(
                Choice(f"↑ {display_code(parent) or parent.title[:20]}", ITEM.data(parent.id))
            )
        if item.type in ("werkproces", "kerntaak"):
            out.append(Choice(t("see_also", lang), RELATED.data(item.id)))
        return out

    def children(self, item: Item, view: View) -> list[Choice]:
        """Compact buttons that open the items the view lists."""
        return [
            Choice(short_code(kid, item), ITEM.data(kid.id), compact=True) for kid in view.children
        ]

    def page(
        self,
        item: Item,
        view: View,
        asked: str | None,
        lang: str,
        offset: int = 0,
        lead: Choice | None = None,
    ) -> tuple[Choice, ...]:
        """Children, then the follow-ups from offset: at most BUTTONS_IN_VIEW, 'Meer' last.

        lead ("Lees verder") takes the first place on the first page."""
        followups = self.all(item, view, lang)
        field = asked or DEFAULT
        first = [lead] if lead and not offset else []
        rest = followups[offset:]

        def more(start: int) -> Choice:
            return Choice(t("more", lang), MORE.data(item.id, field, str(start)))

        if offset:  # a later page: its last button is "Meer" or the way back
            room = BUTTONS_IN_VIEW - 1
            back = Choice(t("back_to_start", lang), MORE.data(item.id, field, "0"))
            shown = [*rest[:room], more(offset + room)] if len(rest) > room else [*rest, back]
        else:
            room = BUTTONS_IN_VIEW - len(first)
            fits = len(rest) <= room
            shown = [*first, *rest] if fits else [*first, *rest[: room - 1], more(room - 1)]
        return (*self.children(item, view), *shown)

    def read_on(
        self, item: Item, asked: str | None, lang: str, page: int = 1, pages: int = 0
    ) -> Choice:
        """'Lees verder': the full text from its first page, or the next page of it."""
        label = (
            t("read_on", lang)
            if not pages
            else t("read_on_page", lang, page=str(page), pages=str(pages))
        )
        return Choice(label, FIELD.data(item.id, asked or DEFAULT, str(page)))
