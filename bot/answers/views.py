"""What part of an item an answer shows: the asked field, or the item's default view.

A view is the list of text units to show (see units.py), the field names it covers (so the
follow-up buttons offer the rest) and the children a student can open from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.answers.units import Unit, UnitList
from bot.knowledge.fields import FIELDS
from bot.knowledge.model import Dossier, FieldValue, Item
from bot.reply.html import bold, esc
from bot.reply.messages import t

CHILDREN = "children"
DEFAULT = "-"  # the field part of callback data for an item's default view

# A field asked may live under another name in an older source's format.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "omschrijving": ("omschrijving", "toelichting", "tekst", "typering", "context"),
    "vakkennis": ("vakkennis", "kennis", "vaardigheden"),
    "competenties": ("competenties", "competentierijen"),
    "competentierijen": ("competentierijen", "competenties"),
    "typering": ("typering", "context", "beroepshouding"),
    "beroepshouding": ("beroepshouding", "typering"),
}
# What an item shows when no particular field is asked; other types show every field.
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "werkproces": ("omschrijving", "toelichting"),
    "kerntaak": (CHILDREN, "toelichting", "omschrijving"),
    "profiel": ("niveau", "typering", CHILDREN),
    "basisdeel": ("context", CHILDREN),
}
ONE_DEFAULT = frozenset({"werkproces"})  # shows its first default field only
UNLABELLED = frozenset({"tekst", "lijst", "tabel"})  # facts and sections speak for themselves
PARENT_FIELDS = ("vakkennis", "complexiteit", "verantwoordelijkheid")  # kept on the kerntaak
CHECKLIST = frozenset({"gedrag"})  # what a student must show, as a checklist


@dataclass(frozen=True)
class View:
    units: tuple[Unit, ...]
    used: tuple[str, ...]  # field names shown (CHILDREN for the list of children)
    children: tuple[Item, ...]  # items the student can open from this view
    note: str = ""  # HTML said before the text ("Dit staat bij de kerntaak ...")


def field_label(name: str, lang: str) -> str:
    if name == CHILDREN:
        return t("onderdelen", lang)
    spec = FIELDS[name]
    return spec.label_en if lang == "en" else spec.label_nl


class Views:
    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier

    def children_label(self, item: Item) -> str:
        return {"kerntaak": "werkprocessen", "profiel": "kerntaken", "basisdeel": "kerntaken"}.get(
            item.type, "onderdelen"
        )

    def children(self, item: Item) -> tuple[Item, ...]:
        """What a student can open from an item: a profile lists the basisdeel's kerntaken too."""
        kids = self.dossier.kids(item.id)
        if item.type != "profiel":
            return kids
        basis = [i for i in self.dossier.sources[item.source].items if i.type == "basisdeel"]
        return tuple(k for b in basis for k in self.dossier.kids(b.id)) + kids

    def _field(self, item: Item, name: str) -> tuple[str, FieldValue] | None:
        for alias in FIELD_ALIASES.get(name, (name,)):
            value = item.get(alias)
            if value is not None:
                return alias, value
        return None

    def _add_children(self, units: UnitList, item: Item, lang: str) -> bool:
        kids = self.children(item)
        if not kids:
            return False
        label = t(self.children_label(item), lang)
        units.open(bold(label), label)
        for n, kid in enumerate(kids):
            line = f"{kid.code} {kid.title}" if any(c.isdigit() for c in kid.code) else kid.title
            units.line(f"• {esc(line)}", f"• {line}", n == 0)
        units.close()
        return True

    def _add_field(self, units: UnitList, item: Item, name: str, lang: str) -> list[str]:
        """One field with its label (unless its content speaks for itself); names used."""
        found = self._field(item, name)
        if found is None:
            return []
        alias, value = found
        used = [alias]
        label = t("gedrag_heading", lang) if alias in CHECKLIST else field_label(alias, lang)
        if alias not in UNLABELLED:
            units.open(bold(label), label)
        units.value(value, lang, "☐" if alias in CHECKLIST else "•")
        skills = item.get("vaardigheden")
        if name == "vakkennis" and alias == "kennis" and skills is not None:
            units.close()
            units.open(bold(field_label("vaardigheden", lang)), field_label("vaardigheden", lang))
            units.value(skills, lang)
            used.append("vaardigheden")
        if alias not in UNLABELLED:
            units.close()
        return used

    def asked(self, item: Item, name: str, lang: str) -> View | None:
        """The view of one asked field, from the kerntaak for a werkproces; None if absent."""
        units = UnitList()
        if name == CHILDREN:
            if not self._add_children(units, item, lang):
                return None
            return View(tuple(units.units), (CHILDREN,), self.children(item))
        used = self._add_field(units, item, name, lang)
        if used:
            return View(tuple(units.units), tuple(used), ())
        parent = self.dossier.parent_of(item)
        if name in PARENT_FIELDS and item.type == "werkproces" and parent is not None:
            inherited = self.asked(parent, name, lang)
            if inherited is not None:
                note = esc(t("from_parent", lang, code=parent.code))
                return View(inherited.units, (name,), (), note)
        return None

    def default(self, item: Item, lang: str) -> View:
        """What an item shows when no field is asked."""
        units = UnitList()
        used: list[str] = []
        for name in DEFAULT_FIELDS.get(item.type) or item.field_names:
            if name == CHILDREN:
                if self._add_children(units, item, lang):
                    used.append(CHILDREN)
                continue
            added = self._add_field(units, item, name, lang)
            used += added
            if added and item.type in ONE_DEFAULT:
                break
        if not item.fields and CHILDREN not in used and self._add_children(units, item, lang):
            used.append(CHILDREN)  # a heading without text of its own: its parts
        shown = self.children(item) if CHILDREN in used else ()
        return View(tuple(units.units), tuple(used), shown)

    def view(self, item: Item, asked: str | None, lang: str) -> View:
        """The asked field when the item has it, else the default view with a note."""
        if asked and asked != DEFAULT:
            found = self.asked(item, asked, lang)
            if found is not None:
                return found
            view = self.default(item, lang)
            label = (
                field_label(asked, lang).lower() if asked in FIELDS or asked == CHILDREN else asked
            )
            note = esc(t("field_missing", lang, field=label))
            return View(view.units, view.used, view.children, note)
        return self.default(item, lang)
