"""Question -> interpretation: codes first, then ranked free-text search, then honesty.

The Search is built once from the dossier (index build is measured in bench/) and is pure:
the same question and dossier choice always give the same interpretation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from bot.knowledge.model import Dossier, Item
from bot.search.codes import CodeRef, find_codes
from bot.search.documents import item_texts
from bot.search.intent import FIELD_WORD, Intent, read_intent
from bot.search.lexical import LexicalIndex
from bot.search.lexicon import translate
from bot.search.offtopic import is_off_topic
from bot.search.query import query_terms
from bot.search.resolve import CodeIndex, resolve_codes
from bot.search.scope import Scope, top_ancestor
from bot.search.text import fold, stem, words
from bot.search.titles import TitleIndex
from bot.search.verdict import Kind, verdict

MAX_QUESTION = 600  # characters considered; a wall of text is cut, not rejected
TOP_N = 5
CANDIDATES = 200  # best BM25 documents that get the costlier title and prior features
TITLE_WEIGHT = 6.0  # BM25 points for a title that the question names completely


EMPTY_PENALTY = 0.85
PARENT_TITLE_SHARE = 0.4  # a section's parent title ("Rol 2: ...") names its context
LIST_BOOST = 1.5  # 'welke rollen ...': the item whose parts are the roles
TYPE_BOOST = 1.4  # 'welk werkproces ...': items of the type the question asks for
_PROFILE_CODE = re.compile(r"\b(?:profiel|profile|p)\s?[1-9]\b")
_OWN_PROFILE = re.compile(
    r"\bmijn (?:profiel|opleiding|uitstroom|kwalificatie)\b|\bmy (?:profile|course|programme)\b"
)
_LIST_ASK = re.compile(r"\b(?:welke|which|what|wat zijn de|what are the|noem de|list the)\s+(\w+)")
# Title words of report sections that answer an asked field.
FIELD_TITLE_STEMS = {
    field: frozenset(stem(w) for w in names.split())
    for field, names in {
        "vakkennis": "kennis vaardigheden",
        "competenties": "competenties",
        "omschrijving": "beschrijving omschrijving",
        "resultaat": "resultaat",
    }.items()
}


@dataclass(frozen=True)
class Hit:
    item_id: str
    score: float  # 0..1, comparable only within one answer


@dataclass(frozen=True)
class Interpretation:
    kind: Kind
    hits: tuple[Hit, ...]
    field: str | None
    intent: Intent


class Search:
    """The dossier's search service: build once, ask many times."""

    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self.items: list[Item] = list(dossier)
        self.codes = CodeIndex(dossier)
        self.index = LexicalIndex([list(item_texts(i, dossier)) for i in self.items])
        self.titles = TitleIndex(self.items, self.index)
        self._position = {item.id: n for n, item in enumerate(self.items)}
        self._parents = [self._position.get(i.parent or "") for i in self.items]

    def position(self, item_id: str) -> int | None:
        """The index of an item in the search's document list, or None for an unknown id."""
        return self._position.get(item_id)

    def ask(self, question: str, scope: Scope | None = None) -> Interpretation:
        """Interpret one question for a student with an optional dossier choice."""
        question = question[:MAX_QUESTION]
        intent = read_intent(question, self.dossier)
        if not words(question):
            return Interpretation("empty", (), None, intent)
        refs = find_codes(question)
        if refs and all(r == CodeRef(profile=r.profile) for r in refs):
            question, intent = self._profile_as_context(question, intent, refs[0].profile)
            topic = [
                w for w in query_terms(question, intent, self.index)[1] if not FIELD_WORD.match(w)
            ]
            refs = [] if topic else refs
        found = resolve_codes(refs, intent, scope, self.codes)
        if found:
            kind: Kind = "item" if len(found) == 1 else "ambiguous"
            hits = tuple(Hit(item.id, 1.0) for item in found)
            return Interpretation(kind, hits, intent.field, intent)
        own = self._own_profile(question, scope)
        if own is not None:
            return Interpretation("item", (Hit(own.id, 1.0),), intent.field, intent)
        listed = self._profile_kerntaken(question, intent)
        if listed:
            kind = "item" if len(listed) == 1 else "ambiguous"
            return Interpretation(
                kind, tuple(Hit(i.id, 1.0) for i in listed), intent.field, intent
            )
        return self._rank(question, intent, scope)

    @staticmethod
    def _profile_as_context(
        question: str, intent: Intent, profile: str | None
    ) -> tuple[str, Intent]:
        """'acountplan opstelen p4': the profile code narrows the search instead of being the
        answer; the question without the code, with the profile as the named one."""
        rest = _PROFILE_CODE.sub(" ", fold(question))
        return rest, replace(intent, profile=profile)

    def _own_profile(self, question: str, scope: Scope | None) -> Item | None:
        """'mijn profiel' / 'my profile' with a profile chosen: that profile."""
        if scope is None or scope.profile is None or not _OWN_PROFILE.search(fold(question)):
            return None
        return self.dossier.items.get(f"{scope.source}:{scope.profile}")

    def _profile_kerntaken(self, question: str, intent: Intent) -> list[Item]:
        """'de kerntaak van het profiel X': the kerntaken of the named profile."""
        if not intent.profile or not re.search(r"kerntaak|kerntaken|core task", fold(question)):
            return []
        profile = self.dossier.items.get(f"commercie:{intent.profile}")
        if profile is None:
            return []
        return [i for i in self.dossier.kids(profile.id) if i.type == "kerntaak"]

    def _boost(self, item: Item, intent: Intent, scope: Scope | None) -> float:
        """Prior weight from the sources/profile the question names and the chosen dossier."""
        boost = TYPE_BOOST if intent.item_type == item.type else 1.0
        wanted = FIELD_TITLE_STEMS.get(intent.field or "")
        if wanted and wanted & self.titles.stems[self._position[item.id]]:
            boost *= 1.25  # a section titled after the asked field ("Benodigde kennis ...")
        if intent.sources:
            boost *= 2.0 if item.source in intent.sources else 0.4
        root = top_ancestor(item, self.dossier)
        # A profile named while an older dossier is chosen is that dossier's occupation,
        # not a pointer into the current dossier's profiles.
        profile_applies = scope is None or scope.source == root.source
        if intent.profile and root.type == "profiel" and profile_applies:
            boost *= 1.6 if root.code == intent.profile else 0.7
        if scope is not None:
            if scope.contains(item, self.dossier):
                boost *= 1.6
            elif item.source == scope.source:
                boost *= 0.5
            elif not intent.sources:
                boost *= 0.8
        return boost

    def _without_profile_name(self, question: str, intent: Intent) -> tuple[str, Item | None]:
        """The question minus the named profile's name (context, not content), and the profile."""
        profile = next(
            (i for i in self.items if i.type == "profiel" and i.code == intent.profile), None
        )
        if profile is None:
            return question, None
        name = words(profile.title)
        kept = [w for w in words(question) if not any(fuzz.ratio(w, n) >= 80 for n in name)]
        return " ".join(kept), profile

    def _rank(self, question: str, intent: Intent, scope: Scope | None) -> Interpretation:
        if intent.profile:
            question, profile = self._without_profile_name(question, intent)
            if profile is not None and not query_terms(question, intent, self.index)[1]:
                return Interpretation("item", (Hit(profile.id, 1.0),), intent.field, intent)
        terms, informative = query_terms(question, intent, self.index)
        scores = self.index.score(terms, CANDIDATES)
        if not scores or is_off_topic(question):
            return Interpretation("out_of_scope", (), intent.field, intent)
        query: dict[str, float] = {}
        for term in terms:
            weight = term.weight * self.index.idf.get(term.stem, 0.0)
            query[term.stem] = max(query.get(term.stem, 0.0), weight)
        listed = self.titles.near(list(self._listed_stems(question)))
        near = self.titles.near(query)
        ranked: list[tuple[float, int]] = []
        for index, bm25 in scores.items():
            title = self.titles.match(index, query, near)
            parent = self._parents[index]
            if parent is not None:
                title += PARENT_TITLE_SHARE * self.titles.match(parent, query, near)
            value = (bm25 + TITLE_WEIGHT * title) * (1 + title)
            if not self.items[index].fields:
                value *= EMPTY_PENALTY  # a heading with no text answers less than its parts
            if listed and self._lists(index, listed):
                value *= LIST_BOOST
            ranked.append((value * self._boost(self.items[index], intent, scope), index))
        ranked.sort(key=lambda pair: (-pair[0], pair[1]))
        top = ranked[:TOP_N]
        best = top[0][0]
        hits = tuple(Hit(self.items[i].id, round(v / best, 3)) for v, i in top)
        title = self.titles.match(top[0][1], query, near)
        if listed and self._lists(top[0][1], listed):
            title = 1.0  # the question asks for exactly the parts this item lists
        kind = verdict(informative, terms, [i for _, i in top], title, self.index)
        return Interpretation(kind, hits, intent.field, intent)

    def _listed_stems(self, question: str) -> frozenset[str]:
        """Stems of what a list question asks for: 'welke rollen ...' -> {rol}."""
        match = _LIST_ASK.search(fold(question))
        if match is None:
            return frozenset()
        word = match[1]
        return frozenset(stem(w) for w in (translate(word) or (word,)))

    def _lists(self, index: int, listed: dict[str, str]) -> bool:
        """True when at least two of the item's children are titled as the asked things."""
        kids = self.dossier.children.get(self.items[index].id, ())
        named = sum(self.titles.heads[self._position[kid]] in listed for kid in kids)
        return named >= 2
