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
from bot.search.intent import FIELD_WORD, Intent, IntentReader
from bot.search.lexical import LexicalIndex
from bot.search.lexicon import Lexicon
from bot.search.offtopic import OffTopic, off_topic
from bot.search.passages import Passages
from bot.search.query import query_terms
from bot.search.resolve import CodeIndex, resolve_codes
from bot.search.scope import Scope
from bot.search.situation import is_situation
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
# A profile named in a question: its items over other profiles', but not over the research
# report, which is about the same occupations ('in welke sectoren werkt een commercieel
# medewerker').
NAMED_PROFILE = 1.2
OTHER_PROFILE = 0.55
PASSAGE_WEIGHT = 0.5  # a passage that holds all of the question's words: 1.5x (passages.py)
PASSAGE_CANDIDATES = 40  # the best items by BM25 and title that passages re-rank
PARAPHRASES = frozenset({"synonym", "derived"})  # readings a story's title match ignores
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
    outside: OffTopic | None = None  # the kind of question no dossier answers, when it is one


def source_words(dossier: Dossier) -> tuple[str, ...]:
    """One-word names of sources ("bcp", "europass") that are no title word of an item:
    in a question they say where to look (intent.py), not what to look for."""
    titles = {w for item in dossier for w in words(item.title)}
    aliases = [a.rstrip("*") for s in dossier.sources.values() for a in s.aliases]
    return tuple(a for a in aliases if len(words(a)) == 1 and a not in titles)


class Search:
    """The dossier's search service: build once, ask many times."""

    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self.items: list[Item] = list(dossier)
        self.codes = CodeIndex(dossier)
        self.lexicon = Lexicon(dossier.vocabulary, source_words(dossier))
        self.intents = IntentReader(dossier, self.lexicon)
        self.index = LexicalIndex([list(item_texts(i, dossier)) for i in self.items], self.lexicon)
        self.titles = TitleIndex(self.items, self.index)
        self.passages = Passages(self.items, self.index)
        self._position = {item.id: n for n, item in enumerate(self.items)}
        self._parents = [self._position.get(i.parent or "") for i in self.items]

    def position(self, item_id: str) -> int | None:
        """The index of an item in the search's document list, or None for an unknown id."""
        return self._position.get(item_id)

    def ask(
        self, question: str, scope: Scope | None = None, context: str | None = None
    ) -> Interpretation:
        """Interpret one question for a student with an optional dossier choice; context is
        the source of the item the conversation is about (it settles ambiguous codes)."""
        question = question[:MAX_QUESTION]
        intent = self.intents.read(question)
        if not words(question):
            return Interpretation("empty", (), None, intent)
        refs = find_codes(question)
        if refs and all(r == CodeRef(profile=r.profile) for r in refs):
            question, intent = self._profile_as_context(question, intent, refs[0].profile)
            topic = [
                w for w in query_terms(question, intent, self.index)[1] if not FIELD_WORD.match(w)
            ]
            refs = [] if topic else refs
        found = resolve_codes(refs, intent, scope, self.codes, context)
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

    def scores(self, question: str) -> dict[int, float]:
        """BM25 score per item position for a question's words (English and typos read)."""
        intent = self.intents.read(question)
        terms, _ = query_terms(question, intent, self.index)
        return self.index.score(terms)

    def weights(self, question: str) -> dict[str, float]:
        """Index stem -> weight (idf times reading weight) of a question's words: what an
        answer's sentences are ranked by when it must be shortened. Generic words count a
        little (their reading weight is low): they tell apart sentences of one item."""
        intent = self.intents.read(question)
        terms, _ = query_terms(question, intent, self.index)
        weights: dict[str, float] = {}
        for term in terms:
            if not FIELD_WORD.match(term.word):
                weight = term.weight * self.index.idf.get(term.stem, 0.0)
                weights[term.stem] = max(weights.get(term.stem, 0.0), weight)
        return weights

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
        profile = self.profile_item(intent.profile)
        if profile is None:
            return []
        return [i for i in self.dossier.kids(profile.id) if i.type == "kerntaak"]

    def profile_item(self, code: str | None, scope: Scope | None = None) -> Item | None:
        """The profile with this code: of the chosen source, else of the current dossier."""
        sources = [scope.source] if scope else []
        sources += [source.id for source in self.dossier.with_role("current")]
        for source_id in sources:
            item = self.dossier.items.get(f"{source_id}:{code}")
            if item is not None and item.type == "profiel":
                return item
        return None

    def _boost(self, item: Item, intent: Intent, scope: Scope | None) -> float:
        """Prior weight from the sources/profile the question names and the chosen dossier."""
        boost = TYPE_BOOST if intent.item_type == item.type else 1.0
        wanted = FIELD_TITLE_STEMS.get(intent.field or "")
        if wanted and wanted & self.titles.stems[self._position[item.id]]:
            boost *= 1.25  # a section titled after the asked field ("Benodigde kennis ...")
        if intent.sources:
            boost *= 2.0 if item.source in intent.sources else 0.4
        root = self.dossier.top_ancestor(item)
        # A profile named while an older dossier is chosen is that dossier's occupation,
        # not a pointer into the current dossier's profiles.
        profile_applies = scope is None or scope.source == root.source
        if intent.profile and root.type == "profiel" and profile_applies:
            boost *= NAMED_PROFILE if root.code == intent.profile else OTHER_PROFILE
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
        outside = off_topic(question)
        if not scores or outside is not None:
            return Interpretation("out_of_scope", (), intent.field, intent, outside)
        story = is_situation(question) and not intent.sources
        query: dict[str, float] = {}
        for term in terms:
            if story and term.how in PARAPHRASES:
                continue  # a story names its own words; a synonym in a title proves little
            weight = term.weight * self.index.idf.get(term.stem, 0.0)
            query[term.stem] = max(query.get(term.stem, 0.0), weight)
        full: dict[str, float] = {}
        for term in terms:
            weight = term.weight * self.index.idf.get(term.stem, 0.0)
            full[term.stem] = max(full.get(term.stem, 0.0), weight)
        total = sum(full.values()) or 1.0
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
        ranked = self._with_passages(ranked[:PASSAGE_CANDIDATES], full, total)
        top = ranked[:TOP_N]
        best = top[0][0]
        hits = tuple(Hit(self.items[i].id, round(v / best, 3)) for v, i in top)
        title = self.titles.match(top[0][1], query, near)
        if listed and self._lists(top[0][1], listed):
            title = 1.0  # the question asks for exactly the parts this item lists
        kind = verdict(informative, terms, [i for _, i in top], title, self.index)
        return Interpretation(kind, hits, intent.field, intent)

    def _with_passages(
        self, ranked: list[tuple[float, int]], query: dict[str, float], total: float
    ) -> list[tuple[float, int]]:
        """The best candidates re-ranked with their passage evidence (passages.py)."""
        keys = query.keys()
        scored = [
            (value * (1 + PASSAGE_WEIGHT * self.passages.best(index, query, keys) / total), index)
            for value, index in ranked
        ]
        return sorted(scored, key=lambda pair: (-pair[0], pair[1]))

    def asks_list(self, question: str) -> bool:
        """'welke trends ...', 'which roles ...': the answer is a list of things."""
        return bool(self._listed_stems(question))

    def _listed_stems(self, question: str) -> frozenset[str]:
        """Stems of what a list question asks for: 'welke rollen ...' -> {rol}."""
        match = _LIST_ASK.search(fold(question))
        if match is None:
            return frozenset()
        word = match[1]
        return frozenset(stem(w) for w in (self.lexicon.translate(word) or (word,)))

    def _lists(self, index: int, listed: dict[str, str]) -> bool:
        """True when at least two of the item's children are titled as the asked things."""
        kids = self.dossier.children.get(self.items[index].id, ())
        named = sum(self.titles.heads[self._position[kid]] in listed for kid in kids)
        return named >= 2
