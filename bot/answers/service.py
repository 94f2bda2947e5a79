"""The answer service: question or follow-up action in, Reply out. Pure: no I/O."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answers.actions import Action, item_action
from bot.answers.compose import CHILDREN, Composer
from bot.answers.html import esc, italic
from bot.core.messages import t
from bot.core.replies import Choice, Reply
from bot.knowledge.fields import FIELDS
from bot.knowledge.model import Dossier, Item
from bot.search.engine import Interpretation, Search
from bot.search.related import Related
from bot.search.scope import Scope

MAX_LISTED = 8  # candidates listed for an ambiguous code


@dataclass
class Answers:
    dossier: Dossier
    search: Search
    composer: Composer
    related: Related

    @classmethod
    def build(cls, dossier: Dossier) -> Answers:
        """Build the search index and helpers once, at start-up."""
        search = Search(dossier)
        return cls(dossier, search, Composer(dossier), Related(search))

    def scope(self, choice: str | None) -> Scope | None:
        return Scope.parse(choice, self.dossier)

    def ask(
        self, question: str, choice: str | None = None, lang: str = "nl"
    ) -> tuple[Reply, Interpretation]:
        """Answer a free question for a student with an optional dossier choice."""
        scope = self.scope(choice)
        found = self.search.ask(question, scope)
        return self.reply_for(found, question, lang, tip=scope is None), found

    def reply_for(
        self, found: Interpretation, question: str, lang: str, tip: bool = True
    ) -> Reply:
        """The reply for an interpretation; tip: suggest choosing a dossier on ambiguity."""
        items = [self.dossier.items[hit.item_id] for hit in found.hits]
        if found.kind == "item":
            return self.composer.item_reply(items[0], found.field, lang, question)
        if found.kind == "ambiguous":
            return self.listing(t("ambiguous", lang), items[:MAX_LISTED], lang, tip=tip)
        if found.kind == "suggest":
            return self.listing(t("suggest", lang), items[:3], lang)
        if found.kind == "empty":
            return Reply(f"{esc(t('empty', lang))}\n\n{t('can_do', lang)}")
        return Reply(f"{esc(t('out_of_scope', lang))}\n\n{t('can_do', lang)}", abstained=True)

    def line(self, item: Item) -> str:
        """One candidate line: code, title and source."""
        code = f"{item.code} " if any(ch.isdigit() for ch in item.code) else ""
        source = self.dossier.sources[item.source].title
        return f"• <b>{esc(code + item.title)}</b> — {italic(source)}"

    def listing(self, intro: str, items: list[Item], lang: str, tip: bool = False) -> Reply:
        """A short list of items to pick from, each behind a choice."""
        lines = [esc(intro), "", *[self.line(item) for item in items]]
        if tip:
            lines += ["", esc(t("ambiguous_tip", lang))]
        choices = tuple(Choice(self.label(item), item_action(item.id)) for item in items)
        return Reply("\n".join(lines), choices)

    def label(self, item: Item) -> str:
        code = item.code if any(ch.isdigit() for ch in item.code) else item.title[:24]
        return f"{code} · {item.source}" if item.source != "commercie" else code

    def follow(self, action: Action, lang: str = "nl") -> Reply | None:
        """The reply to a follow-up choice; None when it names no item or field we know."""
        item = self.dossier.items.get(action.item_id)
        if item is None:
            return None
        if action.verb == "i":
            return self.composer.item_reply(item, None, lang)
        if action.verb == "r":
            return self.see_also(item, lang)
        if action.field != CHILDREN and action.field not in FIELDS:
            return None
        return self.composer.item_reply(item, action.field, lang)

    def see_also(self, item: Item, lang: str) -> Reply:
        """Counterparts of an item in the other versions of the dossier."""
        found = [self.dossier.items[i] for i, _ in self.related.find(item.id)]
        head = self.composer.header(item, lang)
        if not found:
            return Reply(f"{head}\n\n{esc(t('see_also_none', lang))}", item_id=item.id)
        lines = [head, "", esc(t("see_also_intro", lang)), *[self.line(i) for i in found]]
        choices = tuple(Choice(self.label(i), item_action(i.id)) for i in found)
        return Reply("\n".join(lines), choices, item.id)
