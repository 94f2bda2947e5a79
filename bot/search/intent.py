"""What a question asks for: which field of an item, which source, which profile."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.knowledge.model import Dossier
from bot.search.lexicon import to_dutch
from bot.search.text import fold

# Field asked -> words that ask for it (folded). Order matters: the first match wins, so the
# more specific asks (prestatie-indicatoren) come before the broader ones (competenties).
_FIELD_PATTERNS: tuple[tuple[str, str], ...] = (
    ("competentierijen", r"prestatie.?indicator|performance indicator"),
    ("gedrag", r"\bgedrag|behaviou?r|laten zien\b|\bhouding\b(?! van)"),
    ("competenties", r"competenti|competenc|beoordeeld op|assessed on"),
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
    r"niveau|level|attitude|hoort|horen|belong|welk|welke|which|what|wat"
)
_FIELD_RES = tuple((name, re.compile(pattern)) for name, pattern in _FIELD_PATTERNS)

# Source id -> words that name it. Kept beside the search, not in the YAML: they are how
# students refer to a document, not part of it.
_SOURCE_PATTERNS: dict[str, str] = {
    "bcp-2010": r"\bbcp\b|beroepscompetentieprofiel|\becabo\b",
    "commercie-cgo": r"\bcgo\b|competentiegericht",
    "commercie-2015": r"europass|diplomasupplement|\bsupplement\b",
    "beroepenonderzoek": r"beroepenonderzoek|\bonderzoek\b|\bresearch\b|\bsurvey\b|"
    r"\bgesprekken\b|\binterviews\b",
    "commercie": r"kwalificatiedossier|basisdeel|profieldeel|\bhuidige dossier",
}
_SOURCE_RES = {sid: re.compile(pattern) for sid, pattern in _SOURCE_PATTERNS.items()}


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
    """The field the question asks for, or None for 'the item in general'."""
    text = fold(question)
    for name, pattern in _FIELD_RES:
        if pattern.search(text):
            return name
    return None


_BESIDES = re.compile(
    r"(?:naast|behalve|buiten|besides|apart from|other than|except)\s+(?:\w+\s+){0,2}$"
)


def named_sources(question: str, dossier: Dossier) -> frozenset[str]:
    """Sources the question names ("volgens het bcp"), not those set aside ("naast het bcp")."""
    text = fold(question)
    found = set()
    for sid, pattern in _SOURCE_RES.items():
        if sid not in dossier.sources:
            continue
        for match in pattern.finditer(text):
            if not _BESIDES.search(text[: match.start()]):
                found.add(sid)
    return frozenset(found)


def named_profile(question: str, dossier: Dossier, min_score: float = 88.0) -> str | None:
    """The profile code whose name the question contains (typos allowed), longest name first."""
    text = fold(question)
    best: tuple[float, int, str] | None = None
    for item in dossier:
        if item.type != "profiel":
            continue
        title = fold(item.title)
        score = fuzz.partial_ratio(title, text) if len(text) >= len(title) - 2 else 0.0
        if score >= min_score:
            candidate = (score, len(title), item.code)
            best = max(best, candidate) if best else candidate
    return best[2] if best else None


def read_intent(question: str, dossier: Dossier) -> Intent:
    """Field, sources and profile named in one question (English names read as Dutch)."""
    profile = named_profile(question, dossier) or named_profile(to_dutch(fold(question)), dossier)
    return Intent(
        asked_field(question), named_sources(question, dossier), profile, asked_type(question)
    )
