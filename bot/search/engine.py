"""Question -> interpretation: codes first, then ranked free-text search, then honesty.

The Search is built once from the dossier (index build is measured in bench/) and is pure:
the same question and dossier choice always give the same interpretation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from bot.knowledge.model import Dossier, Item
from bot.search.codes import find_codes
from bot.search.documents import item_texts
from bot.search.intent import Intent, read_intent
from bot.search.lexical import LexicalIndex, QueryTerm
from bot.search.lexicon import PHRASES
from bot.search.offtopic import is_off_topic
from bot.search.resolve import CodeIndex, narrow, resolve_codes
from bot.search.scope import Scope, top_ancestor
from bot.search.text import STOPWORDS, fold, words

MAX_QUESTION = 600  # characters considered; a wall of text is cut, not rejected
TOP_N = 5

Kind = Literal["item", "ambiguous", "suggest", "out_of_scope", "empty"]

# Words so common in this domain that matching them alone says nothing about the dossier.
GENERIC = frozenset(
    """
    accountmanager accountmanagers junior commercie commercieel commerciele medewerker
    opleiding dossier bot mbo student stage stagebegeleider school docent werk werken
    bedrijf bedrijven beroep vak moet kunnen doen weten leren goed belangrijk precies soort
    welke welk wat hoe wie waar werkproces werkprocessen kerntaak kerntaken profiel
    bcp sbb onderzoek beroepenonderzoek research cgo europass kwalificatiedossier dossiers
    """.split()
)


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
        self._titles = [fold(i.title) for i in self.items]
        self._position = {item.id: n for n, item in enumerate(self.items)}

    def ask(self, question: str, scope: Scope | None = None) -> Interpretation:
        """Interpret one question for a student with an optional dossier choice."""
        question = question[:MAX_QUESTION]
        intent = read_intent(question, self.dossier)
        if not words(question):
            return Interpretation("empty", (), None, intent)
        found = resolve_codes(find_codes(question), intent, scope, self.codes)
        if found:
            kind: Kind = "item" if len(found) == 1 else "ambiguous"
            hits = tuple(Hit(item.id, 1.0) for item in found)
            return Interpretation(kind, hits, intent.field, intent)
        listed = self._profile_kerntaken(question, intent)
        if listed:
            kind = "item" if len(listed) == 1 else "ambiguous"
            return Interpretation(
                kind, tuple(Hit(i.id, 1.0) for i in listed), intent.field, intent
            )
        return self._rank(question, intent, scope)

    def _profile_kerntaken(self, question: str, intent: Intent) -> list[Item]:
        """'de kerntaak van het profiel X': the kerntaken of the named profile."""
        if not intent.profile or not re.search(r"kerntaak|kerntaken|core task", fold(question)):
            return []
        profile = self.dossier.items.get(f"commercie:{intent.profile}")
        if profile is None:
            return []
        return [i for i in self.dossier.kids(profile.id) if i.type == "kerntaak"]

    def _terms(self, question: str) -> tuple[list[QueryTerm], list[str]]:
        """Query terms and the informative words they come from."""
        text = fold(question)
        for phrase, dutch in PHRASES.items():
            text = re.sub(rf"\b{re.escape(phrase)}\b", dutch, text)
        informative = [w for w in words(text) if w not in STOPWORDS and len(w) > 1]
        terms: list[QueryTerm] = []
        for word in informative:
            terms += self.index.expand(word)
        return terms, [w for w in informative if w not in GENERIC and not w.isdigit()]

    def _boost(self, item: Item, intent: Intent, scope: Scope | None) -> float:
        """Prior weight from the sources/profile the question names and the chosen dossier."""
        boost = 1.0
        if intent.sources:
            boost *= 2.0 if item.source in intent.sources else 0.4
        root = top_ancestor(item, self.dossier)
        if intent.profile and root.type == "profiel":
            boost *= 1.6 if root.code == intent.profile else 0.7
        if scope is not None:
            if scope.contains(item, self.dossier):
                boost *= 1.6
            elif item.source == scope.source:
                boost *= 0.5
            elif not intent.sources:
                boost *= 0.8
        return boost

    def _rank(self, question: str, intent: Intent, scope: Scope | None) -> Interpretation:
        terms, informative = self._terms(question)
        scores = self.index.score(terms)
        if not scores or is_off_topic(question):
            return Interpretation("out_of_scope", (), intent.field, intent)
        folded = " ".join(w for w in words(fold(question)) if w not in STOPWORDS)
        ranked: list[tuple[float, int]] = []
        for index, bm25 in scores.items():
            item = self.items[index]
            title_match = fuzz.token_set_ratio(folded, self._titles[index]) / 100
            value = (bm25 + 4.0 * title_match**2) * self._boost(item, intent, scope)
            ranked.append((value, index))
        ranked.sort(key=lambda pair: (-pair[0], pair[1]))
        top = ranked[:TOP_N]
        best = top[0][0]
        hits = tuple(Hit(self.items[i].id, round(v / best, 3)) for v, i in top)
        return Interpretation(self._verdict(informative, terms, top), hits, intent.field, intent)

    def _verdict(self, informative: list[str], terms: list[QueryTerm], top) -> Kind:
        """Item, suggestion or out of scope, from how much of the question the top items explain.

        Coverage is idf-weighted; a word the dossier does not know at all weighs most. One
        matching word in a longer question is chance; several are evidence even when a chatty
        question has many words the dossier never uses.
        """
        coverage, matched = self._coverage(informative, terms, [i for _, i in top[:3]])
        if matched == 0 or coverage < 0.25 or (matched == 1 and coverage < 0.5):
            return "out_of_scope"
        if coverage < 0.4 and matched <= 2:
            return "suggest"
        return "item"

    def _coverage(
        self, informative: list[str], terms: list[QueryTerm], top: list[int]
    ) -> tuple[float, int]:
        """Idf-weighted share of informative words the top items contain, and their count."""
        if not informative:
            return 1.0, 1
        bags = [self.index.bags[i] for i in top]
        total = matched = 0.0
        count = 0
        for word in dict.fromkeys(informative):
            mine = [t for t in terms if t.word == word]
            if not mine and len(word) <= 3:
                continue  # an unknown short word is more likely chat than content
            weight = max((self.index.idf.get(t.stem, 0.0) for t in mine), default=0.0)
            weight = weight or self.index.max_idf
            total += weight
            if any(t.stem in bag for t in mine for bag in bags):
                matched += weight * min(max(t.weight for t in mine), 1.0)
                count += 1
        return (matched / total if total else 1.0), count

    def candidates(self, items: list[Item], intent: Intent, scope: Scope | None) -> list[Item]:
        """Narrow a list of items as the code resolver does (for callers that list choices)."""
        return narrow(items, intent, scope, self.dossier)
