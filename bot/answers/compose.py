"""Item + field asked -> Reply: the title with code and source on top, the asked part first,
the rest behind follow-up choices."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answers.actions import field_action, item_action, related_action
from bot.answers.fit import fit_blocks
from bot.answers.html import bold, esc, italic
from bot.answers.render_fields import render_blocks
from bot.core.messages import t
from bot.core.replies import MAX_TEXT, Choice, Reply
from bot.knowledge.fields import FIELDS
from bot.knowledge.model import Dossier, FieldValue, Item
from bot.search.text import stem, words

BUDGET = MAX_TEXT - 96  # room for Telegram's own accounting and a trailing note
CHILDREN = "children"

# A field asked may live under another name in an older source's format.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "omschrijving": ("omschrijving", "toelichting", "tekst", "typering", "context"),
    "vakkennis": ("vakkennis", "kennis", "vaardigheden"),
    "competenties": ("competenties", "competentierijen"),
    "competentierijen": ("competentierijen", "competenties"),
    "typering": ("typering", "context", "beroepshouding"),
    "beroepshouding": ("beroepshouding", "typering"),
}
# What an item shows when no particular field is asked.
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "werkproces": ("omschrijving", "toelichting"),
    "kerntaak": (CHILDREN, "toelichting", "omschrijving"),
    "profiel": ("niveau", "typering", "beroepsvereisten", CHILDREN),
    "basisdeel": ("context", CHILDREN),
}
# Generic fields of facts and sections: their content speaks for itself.
UNLABELLED = frozenset({"tekst", "lijst", "tabel"})
# Fields that live on the kerntaak when a werkproces is asked about them.
PARENT_FIELDS = ("vakkennis", "complexiteit", "verantwoordelijkheid")


@dataclass(frozen=True)
class Composer:
    dossier: Dossier

    def header(self, item: Item, lang: str) -> str:
        """Title with code, then the source document (and parent for nested items)."""
        code = f"{item.code} " if any(ch.isdigit() for ch in item.code) else ""
        lines = [bold(f"{code}{item.title}")]
        parent = self.dossier.parent_of(item)
        if parent is not None and item.type in ("werkproces", "kerntaak", "sectie"):
            pcode = f"{parent.code} " if any(ch.isdigit() for ch in parent.code) else ""
            lines.append(f"{esc(t('parent', lang))}: {esc(pcode + parent.title)}")
        source = self.dossier.sources[item.source]
        lines.append(f"{esc(t('source', lang))}: {italic(source.title)}")
        return "\n".join(lines)

    @staticmethod
    def field_label(name: str, lang: str) -> str:
        """The lower-case label of a field (or of the children list) for running text."""
        if name == CHILDREN:
            return t("onderdelen", lang).lower()
        spec = FIELDS[name]
        return (spec.label_en if lang == "en" else spec.label_nl).lower()

    def children_block(self, item: Item, lang: str) -> str | None:
        kids = self.dossier.kids(item.id)
        if not kids:
            return None
        label = {"kerntaak": "werkprocessen", "profiel": "kerntaken", "basisdeel": "kerntaken"}
        head = bold(t(label.get(item.type, "onderdelen"), lang))
        lines = [f"• {esc(kid.code)} {esc(kid.title)}" for kid in kids]
        if item.type == "profiel":  # the basisdeel's kerntaken apply to every profile
            for basis in self.dossier.sources[item.source].items:
                if basis.type == "basisdeel":
                    lines = [
                        f"• {esc(k.code)} {esc(k.title)} ({esc(basis.title.lower())})"
                        for k in self.dossier.kids(basis.id)
                    ] + lines
        return head + "\n" + "\n".join(lines)

    def _field(self, item: Item, name: str) -> tuple[str, FieldValue] | None:
        for alias in FIELD_ALIASES.get(name, (name,)):
            value = item.get(alias)
            if value is not None:
                return alias, value
        return None

    def field_blocks(self, item: Item, name: str, lang: str) -> tuple[list[str], list[str]]:
        """HTML blocks for one asked field (label first) and the field names they used."""
        if name == CHILDREN:
            block = self.children_block(item, lang)
            return ([block], [CHILDREN]) if block else ([], [])
        found = self._field(item, name)
        if found is None and name in PARENT_FIELDS and item.type == "werkproces":
            parent = self.dossier.parent_of(item)
            if parent is not None and parent.get(name) is not None:
                note = esc(t("from_parent", lang, code=parent.code))
                blocks, _ = self.field_blocks(parent, name, lang)
                return [note, *blocks], [name]
        if found is None:
            return [], []
        alias, value = found
        label = FIELDS[alias].label_en if lang == "en" else FIELDS[alias].label_nl
        blocks = render_blocks(value, lang)
        used = [alias]
        skills = item.get("vaardigheden")
        if name == "vakkennis" and alias == "kennis" and skills is not None:
            blocks += [bold(FIELDS["vaardigheden"].label_nl), *render_blocks(skills, lang)]
            used.append("vaardigheden")
        if alias in UNLABELLED:
            return blocks, used
        return [bold(label), *blocks], used

    def container_blocks(self, item: Item, lang: str) -> tuple[list[str], list[str]]:
        """A heading without text of its own: its parts, and the first part's text."""
        listing = self.children_block(item, lang)
        if listing is None:
            return [], []
        first = self.dossier.kids(item.id)[0]
        more, _ = self.main_blocks(first, None, lang)
        code = f"{first.code} " if any(ch.isdigit() for ch in first.code) else ""
        return [listing, bold(code + first.title), *more], [CHILDREN]

    def main_blocks(self, item: Item, asked: str | None, lang: str) -> tuple[list[str], list[str]]:
        """The asked part of an item, or its default view."""
        if asked:
            blocks, used = self.field_blocks(item, asked, lang)
            if blocks:
                return blocks, used
        if not item.fields:
            return self.container_blocks(item, lang)
        names = DEFAULT_FIELDS.get(item.type) or item.field_names
        blocks, used = [], []
        for name in names:
            more, names_used = self.field_blocks(item, name, lang)
            blocks += more
            used += names_used
            if item.type == "werkproces" and blocks:
                break  # a werkproces shows its omschrijving; the rest is behind choices
        if asked and asked not in used:
            blocks.insert(0, esc(t("field_missing", lang, field=self.field_label(asked, lang))))
        return blocks, used

    def choices(self, item: Item, used: list[str], lang: str) -> tuple[Choice, ...]:
        """Follow-ups: the fields not shown, children, the parent, and 'Zie ook'."""
        out: list[Choice] = []
        shown = set(used)
        combined = "kennis" in item.field_names and "vaardigheden" in item.field_names
        for name in item.field_names:
            if name in shown or (name == "vaardigheden" and (combined or "kennis" in shown)):
                continue
            if name == "kennis" and combined:  # one choice shows both, as 'vakkennis' does
                name = "vakkennis"
            spec = FIELDS[name]
            label = spec.label_en if lang == "en" else spec.label_nl
            out.append(Choice(label, field_action(item.id, name)))
        if item.type == "werkproces":
            parent = self.dossier.parent_of(item)
            for name in PARENT_FIELDS:
                inherited = parent is not None and parent.get(name) is not None
                if item.get(name) is None and inherited and name not in shown:
                    label = FIELDS[name].label_en if lang == "en" else FIELDS[name].label_nl
                    out.append(Choice(label, field_action(item.id, name)))
        if CHILDREN not in shown and self.dossier.kids(item.id):
            label = {"kerntaak": "werkprocessen"}.get(item.type, "kerntaken")
            if item.type == "sectie":
                label = "onderdelen"
            out.append(Choice(t(label, lang), field_action(item.id, CHILDREN)))
        parent = self.dossier.parent_of(item)
        if parent is not None:
            out.append(Choice(f"↑ {parent.code}", item_action(parent.id)))
        if item.type in ("werkproces", "kerntaak"):
            out.append(Choice(t("see_also", lang), related_action(item.id)))
        return tuple(out)

    def item_reply(self, item: Item, asked: str | None, lang: str, question: str = "") -> Reply:
        """The answer about one item, the asked field first."""
        blocks, used = self.main_blocks(item, asked, lang)
        if item.not_applicable:
            blocks.insert(0, t("not_applicable", lang))
        header = self.header(item, lang)
        body, cut = fit_blocks(blocks, BUDGET - len(header), _relevance(blocks, question))
        if cut:
            body.append(italic(t("truncated", lang)))
        text = "\n\n".join([header, *body])
        return Reply(text, self.choices(item, used, lang), item.id, asked)


def _relevance(blocks: list[str], question: str) -> list[float]:
    """How many of the question's word stems each block contains."""
    wanted = {stem(w) for w in words(question) if len(w) > 3}
    return [len(wanted & {stem(w) for w in words(block)}) for block in blocks]
