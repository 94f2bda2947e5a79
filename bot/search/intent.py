"""What a question asks for: which field of an item, which source, which profile."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.knowledge.model import Dossier
from bot.search.lexicon import Lexicon
from bot.search.text import fold, words

# Field asked -> words that ask for it (folded). Order matters: the first match wins, so the
# more specific asks (prestatie-indicatoren) come before the broader ones (competenties).
_FIELD_PATTERNS: tuple[tuple[str, str], ...] = (
    ("competentierijen", r"prestatie.?indicator|performance indicator"),
    ("gedrag", r"\bgedrag|behaviou?r|laten zien\b|\bhouding\b(?! van)"),
    ("competenties", r"\bcompetenti|\bcompetenc|beoordeeld op|assessed on"),
    ("resultaat", r"\bresulta|\bresults?\b|\boutcomes?\b|\bopleveren|oplevert\b"),
    (
        "vakkennis",
        r"vakkennis|\bkennis\b|\bkenis\b|vaardighe|\bskills?\b|knowledge|weten en kunnen",
    ),
    ("complexiteit", r"complex|moeilijk"),
    ("verantwoordelijkheid", r"verantwoordelijk|zelfstandig|responsib|autonom|independen"),
    ("beroepshouding", r"beroepshouding|attitude"),
    ("typering", r"\btypering|typeer"),
    (
        "children",
        r"welke (?:werkprocessen|wp|wps|kerntaken)|uit welke|bestaat uit|"
        r"vallen onder|valt onder|which (?:work processes|core tasks)|consists? of|"
        r"wat zit er (?:allemaal )?in",
    ),
    (
        "omschrijving",
        r"omschrijving|beschrijving|houdt? .{0,40}\bin\b|involve|inhoud|"
        r"description|waar gaat|about\b|wat doet|wat doen|what does .{0,60}\bdo\b",
    ),
)
# Words that only say which part of an item is asked (or how), not which item.
FIELD_WORD = re.compile(
    r"gedrag|behaviou?r|competenti|competenc|resulta|vakkennis|kennis|vaardigh|skills?|"
    r"knowledge|complex|verantwoordelijk|zelfstandig|responsib|prestatie|indicator|"
    r"omschrijving|beschrijving|description|werkprocessen|kerntaken|typering|beroepshouding|"
    r"niveau|level|attitude|hoort|horen|belong|welk|welke|which|what|wat|laten|zien|tonen|show"
)
_FIELD_RES = tuple((name, re.compile(pattern)) for name, pattern in _FIELD_PATTERNS)
# Field words as students type them, for typos the patterns miss -> the field they ask.
FIELD_NAMES = {
    "gedrag": "gedrag",
    "competenties": "competenties",
    "competentie": "competenties",
    "resultaat": "resultaat",
    "vakkennis": "vakkennis",
    "vaardigheden": "vakkennis",
    "omschrijving": "omschrijving",
    "beschrijving": "omschrijving",
    "complexiteit": "complexiteit",
    "verantwoordelijkheid": "verantwoordelijkheid",
    "zelfstandigheid": "verantwoordelijkheid",
    "typering": "typering",
}
MIN_TYPO = 5
MIN_NAME = 88  # rapidfuzz ratio of a run of question words to a profile's name

# Item type -> words that ask for an item of that type ("welk werkproces is dat?").
_TYPE_PATTERNS = {
    "kerntaak": r"\bkerntaak\b|\bkerntaken\b|\bcore tasks?\b",
    "werkproces": r"\bwerkproces\b|\bwp\b|\bwork process\b",
    "profiel": r"\bprofiel\b|\bprofielen\b|\bprofiles?\b|\buitstroom",
}
_TYPE_RES = {kind: re.compile(pattern) for kind, pattern in _TYPE_PATTERNS.items()}


@dataclass(frozen=True)
class Intent:
    field: str | None
    sources: frozenset[str]
    profile: str | None  # "P5" when the question names a profile of the current dossier
    item_type: str | None = None  # "kerntaak" when the question asks which kerntaak


def asked_type(question: str) -> str | None:
    """The item type a question asks for by name, when exactly one is named."""
    text = fold(question)
    named = [kind for kind, pattern in _TYPE_RES.items() if pattern.search(text)]
    return named[0] if len(named) == 1 else None


def asked_field(question: str) -> str | None:
    """The field the question asks for, or None for 'the item in general'; a field word
    with a typo ('vakkenis', 'gedrg', 'compententies') counts too."""
    text = fold(question)
    for name, pattern in _FIELD_RES:
        if pattern.search(text):
            return name
    for word in words(text):
        if len(word) >= MIN_TYPO:
            found = process.extractOne(word, FIELD_NAMES, scorer=fuzz.ratio, score_cutoff=80)
            if found is not None:
                return FIELD_NAMES[found[0]]
    return None


_BESIDES = re.compile(
    r"(?:naast|behalve|buiten|besides|apart from|other than|except)\s+(?:\w+\s+){0,2}$"
)


def alias_pattern(aliases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for a source's aliases: whole words, a trailing * for any ending."""
    parts = []
    for alias in aliases:
        words = fold(alias).rstrip("*").split()
        body = r"\s+".join(re.escape(w) for w in words)
        parts.append(rf"\b{body}" + (r"\w*" if alias.endswith("*") else r"\b"))
    return re.compile("|".join(parts)) if parts else None


class IntentReader:
    """Reads field, sources and profile from questions; patterns built once per dossier."""

    def __init__(self, dossier: Dossier, lexicon: Lexicon) -> None:
        self.dossier = dossier
        self.lexicon = lexicon
        self._sources = [
            (source.id, pattern)
            for source in dossier.sources.values()
            if (pattern := alias_pattern(source.aliases)) is not None
        ]
        # Name -> code, each name once: a profile's name is read the same in every source.
        self._names: dict[str, str] = {}
        for item in dossier:
            if item.type == "profiel":
                self._names.setdefault(" ".join(words(item.title)), item.code)

    def sources(self, question: str) -> frozenset[str]:
        """Sources the question names ("volgens het bcp"), not those set aside ("naast ...")."""
        text = fold(question)
        found = set()
        for source_id, pattern in self._sources:
            for match in pattern.finditer(text):
                if not _BESIDES.search(text[: match.start()]):
                    found.add(source_id)
        return frozenset(found)

    def _named(self, question: str) -> list[tuple[float, int, str]]:
        """(score, word position, code) of each profile whose name the question has as a run
        of words, typos allowed: 'comercieel medewerkr' names P1, but 'commercieel
        administratief medewerker' (a role of the research report) does not."""
        found = words(question)
        runs: dict[int, list[str]] = {}  # width -> the question's runs of that many words
        named = []
        for title, code in self._names.items():
            size = len(title.split())
            best: tuple[float, int] | None = None
            for width in {max(size - 1, 1), size, size + 1}:
                if width not in runs:
                    runs[width] = [
                        " ".join(found[i : i + width]) for i in range(len(found) - width + 1)
                    ]
                match = process.extractOne(
                    title, runs[width], scorer=fuzz.ratio, score_cutoff=MIN_NAME
                )
                if match is not None and (best is None or match[1] > best[0]):
                    best = (match[1], match[2])
            if best is not None:
                named.append((best[0], best[1], code))
        return named

    def profile(self, question: str) -> str | None:
        """The profile the question names, the best match (the longer name on a tie)."""
        named = self._named(question)
        lengths = {code: len(title) for title, code in self._names.items()}
        best = max(named, key=lambda n: (n[0], lengths[n[2]]), default=None)
        return best[2] if best else None

    def profiles(self, question: str) -> list[str]:
        """Every profile the question names by name (English names read as Dutch), in order."""
        named = self._named(self.lexicon.to_dutch(fold(question)))
        return [code for _, _, code in sorted(named, key=lambda n: n[1])]

    def read(self, question: str) -> Intent:
        """Field, sources and profile named in one question (English names read as Dutch)."""
        profile = self.profile(question) or self.profile(self.lexicon.to_dutch(fold(question)))
        return Intent(asked_field(question), self.sources(question), profile, asked_type(question))
