"""The answer service: a question or a pressed button in, a Reply out. Pure: no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.answers.compose import Composer
from bot.answers.followups import display_code
from bot.answers.lists import Lists
from bot.answers.profiles import Profiles
from bot.answers.relevance import Relevance, relevance
from bot.answers.views import CHILDREN, DEFAULT
from bot.knowledge.fields import FIELDS
from bot.knowledge.model import Dossier, Item
from bot.reply.callbacks import FIELD, ITEM, MORE, RELATED, Namespace
from bot.reply.html import esc
from bot.reply.messages import t
from bot.reply.replies import Choice, Reply
from bot.search.engine import Interpretation, Search
from bot.search.profiles import read_profile_question
from bot.search.related import Related
from bot.search.scope import Scope
from bot.search.text import fold

MAX_PAGE = 99
COUNTERPARTS = frozenset({"werkproces", "kerntaak"})  # types with a match in every version
COMPARE_WORDS = re.compile(r"\bverschil\w*|\bvs\.?\b|\bversus\b|\bdifference\b|\bcompare")
COMPARE_SHARE = 0.6  # the second item scores at least this share of the first


@dataclass
class Answers:
    dossier: Dossier
    search: Search
    composer: Composer
    related: Related
    lists: Lists
    profiles: Profiles

    @classmethod
    def build(cls, dossier: Dossier) -> Answers:
        """Build the search index and helpers once, at start-up."""
        search = Search(dossier)
        composer = Composer(dossier)
        return cls(
            dossier, search, composer, Related(search), Lists(dossier), Profiles(search, composer)
        )

    def scope(self, choice: str | None) -> Scope | None:
        return Scope.parse(choice, self.dossier)

    def ask(
        self,
        question: str,
        choice: str | None = None,
        lang: str = "nl",
        context: str | None = None,
    ) -> Reply:
        """Answer a free question for a student with an optional dossier choice."""
        scope = self.scope(choice)
        about = read_profile_question(question, self.search.intents)
        if about is not None:
            reply = self.profiles.answer(about, question, choice, lang)
            if reply is not None:
                return reply
        found = self.search.ask(question, scope, context)
        return self.reply_for(found, question, scope, lang, context)

    def reply_for(
        self,
        found: Interpretation,
        question: str,
        scope: Scope | None,
        lang: str,
        context: str | None = None,
    ) -> Reply:
        """The reply for an interpretation of a question."""
        items = [self.dossier.items[hit.item_id] for hit in found.hits]
        hits = tuple((hit.item_id, hit.score) for hit in found.hits)
        if found.kind == "item" and self._compares(question, found, items):
            return self.lists.side_by_side(items[:2], lang, hits)
        if found.kind == "item":
            reply = self.item_answer(items[0], found, question, scope, lang, context)
            return replace(reply, hits=hits)
        if found.kind == "ambiguous":
            tip = scope is None
            return self.lists.listing(t("ambiguous", lang), items, "choose", lang, tip, hits)
        if found.kind == "suggest":
            return self.lists.listing(t("suggest", lang), items[:3], "suggest", lang, hits=hits)
        if found.kind == "empty":
            return Reply(f"{esc(t('empty', lang))}\n\n{t('can_do', lang)}", kind="chat")
        hint = f"{esc(t(f'outside_{found.outside}', lang))}\n\n" if found.outside else ""
        text = f"{esc(t('out_of_scope', lang))}\n\n{hint}{t('can_do', lang)}"
        return Reply(text, kind="outside")

    @staticmethod
    def _compares(question: str, found: Interpretation, items: list[Item]) -> bool:
        """A difference asked between two items of one kind that both rank high."""
        if len(items) < 2 or not COMPARE_WORDS.search(fold(question)):
            return False
        close = found.hits[1].score >= COMPARE_SHARE
        return close and items[0].type == items[1].type and items[0].parent == items[1].parent

    def relevance(self, question: str) -> Relevance:
        """How much each sentence of an answer says about the question."""
        return relevance(self.search.weights(question), self.search.asks_list(question))

    def item_answer(
        self,
        item: Item,
        found: Interpretation,
        question: str,
        scope: Scope | None,
        lang: str,
        context: str | None = None,
    ) -> Reply:
        """One item, noting when it comes from an older dossier than the student's."""
        named = item.source in found.intent.sources or item.source == context
        note, nearest = ("", None) if named else self.older_note(item, scope, lang)
        reply = self.composer.first_view(item, found.field, lang, self.relevance(question), note)
        if nearest is None and not item.fields and not self.dossier.children.get(item.id):
            nearest = self.nearest_current(item, scope)  # a title only: offer today's version
        return self._offer_current(reply, nearest, lang)

    def with_counterpart(self, reply: Reply, item: Item, choice: str | None, lang: str) -> Reply:
        """A title-only item (the Europass werkprocessen) offers the current werkproces."""
        if item.fields or self.dossier.children.get(item.id):
            return reply
        return self._offer_current(reply, self.nearest_current(item, self.scope(choice)), lang)

    def _offer_current(self, reply: Reply, nearest: Item | None, lang: str) -> Reply:
        if nearest is None or nearest.id == reply.item_id:
            return reply
        label = t("current_counterpart", lang, code=display_code(nearest) or nearest.title[:30])
        # A navigation button, like the children: the four follow-ups stay as they are.
        choices = (Choice(label, ITEM.data(nearest.id), compact=True), *reply.choices)
        return replace(reply, choices=choices)

    def older_note(self, item: Item, scope: Scope | None, lang: str) -> tuple[str, Item | None]:
        """'Let op: uit het ... 2010' and the nearest current werkproces, for an item of an
        older dossier that the student does not follow (nor named, nor was talking about)."""
        source = self.dossier.source_of(item)
        if source.role != "older" or (scope is not None and scope.source == item.source):
            return "", None
        current = scope is not None and self.dossier.sources[scope.source].role == "current"
        if not current and item.type not in COUNTERPARTS:
            return "", None  # a fact of an older dossier, for a student who follows none
        nearest = self.nearest_current(item, scope) if item.type in COUNTERPARTS else None
        name = f"{source.article} {source.label}" if lang == "nl" else f"the {source.label}"
        note = t("older_yours" if scope else "older_source", lang, source=name)
        return f"⚠️ {esc(note)}", nearest

    def nearest_current(self, item: Item, scope: Scope | None) -> Item | None:
        """The most similar item of the current dossier, within the student's profile."""
        current = frozenset(source.id for source in self.dossier.with_role("current"))
        if scope is not None and scope.source in current:
            return self.related.nearest(item.id, frozenset({scope.source}), scope.profile)
        return self.related.nearest(item.id, current, None)

    def show(
        self, namespace: Namespace, parts: tuple[str, ...], lang: str, choice: str | None = None
    ) -> Reply | None:
        """The reply to a pressed answer button; None when it names nothing we know."""
        item = self.dossier.items.get(parts[0]) if parts else None
        if item is None:
            return None
        if namespace == ITEM and len(parts) == 1:
            return self.with_counterpart(
                self.composer.first_view(item, None, lang), item, choice, lang
            )
        if namespace == RELATED and len(parts) == 1:
            return self.see_also(item, lang)
        field = parts[1] if len(parts) > 1 else None
        if field not in FIELDS and field not in (CHILDREN, DEFAULT):
            return None
        number = int(parts[2]) if len(parts) == 3 and parts[2].isdigit() else None
        if namespace == FIELD and len(parts) == 2:
            return self.composer.first_view(item, field, lang)
        if namespace == FIELD and number is not None and 1 <= number <= MAX_PAGE:
            return self.composer.page(item, field, number, lang)
        if namespace == MORE and number is not None and number <= MAX_PAGE:
            return self.composer.more(item, field, lang, number)
        return None

    def see_also(self, item: Item, lang: str) -> Reply:
        """Counterparts of an item in the other versions of the dossier."""
        found = [self.dossier.items[i] for i, _ in self.related.find(item.id)]
        head = self.composer.header(item, lang)
        back = Choice(f"↩ {display_code(item) or item.title[:20]}", ITEM.data(item.id))
        if not found:
            text = f"{head}\n\n{esc(t('see_also_none', lang))}"
            return Reply(text, (back,), "answer", item.id, hits=((item.id, 1.0),))
        lines = [head, "", esc(t("see_also_intro", lang)), *[self.lists.line(i) for i in found]]
        choices = tuple(Choice(self.lists.label(i), ITEM.data(i.id)) for i in found)
        hits = tuple((i.id, 1.0) for i in found)
        return Reply("\n".join(lines), (*choices, back), "answer", item.id, hits=hits)
