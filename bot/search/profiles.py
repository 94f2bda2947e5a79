"""Questions about the profiles themselves: which fits me, how two differ, their level, and
a student saying which one they follow ("ik doe P4").

Pure reading of the question; bot.answers.profiles composes the replies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.search.intent import IntentReader
from bot.search.text import fold, words

ProfileAsk = Literal["fit", "compare", "facts", "statement", "overview"]

# "P4", "profiel 4", "p 4" - but not the kerntaak codes "P4-K1" or "p4k1".
_CODE = re.compile(r"\b(?:p|profiel|profile)\s?([1-9])\b(?![\s.-]*k\s?\d)")
_COMPARE = re.compile(
    r"\bverschil|\bverschillen\b|\bvs\.?\b|\bversus\b|\bvergelijk|\bdifference|\bdiffer\b"
    r"|\bcompare|\bcompared\b|\btussen\b.*\ben\b|\bbetween\b.*\band\b|\bof\b.*\?\s*$"
)
_FACTS = re.compile(
    r"\bniveau\b|\blevel\b|\bmbo\s?[1-4]\b|\bvakopleiding|\bmiddenkader|\bberoepsvereist"
)
_WHICH = re.compile(
    r"\b(?:welk|welke|wat voor|which|what)\s+(?:profiel|profielen|uitstroom|uitstroomprofiel"
    r"|richting|specialisatie|opleiding|profile|profiles|track|specialisation|specialization)\b"
    r"|\bwat past (?:daar)?bij\b|\bpast bij (?:mij|me)\b"
    r"|\bwhat (?:suits|fits) me\b"
)
# ... unless it asks which profiles exist ("welke profielen zijn er"): that is the overview.
_LISTING = re.compile(
    r"\b(?:zijn er|bestaan er|zitten er|heeft|hebben|kent|noem|telt|are there|are in|exist"
    r"|does .{0,30} have|list)\b"
)
_STATEMENT = re.compile(
    r"^(?:ik\s+(?:doe|zit\s+in|volg|studeer|heb\s+gekozen\s+voor|kies\s+voor|ben\s+bezig\s+met"
    r"|zit\s+op|ben)|mijn\s+(?:profiel|opleiding|uitstroom)\s+is|i\s+(?:do|am\s+doing|am\s+in"
    r"|study|chose|picked|follow)|i'?m\s+(?:doing|in|studying|a)|my\s+(?:profile|course)\s+is)\b"
)
_HOW_MANY = re.compile(r"\b(?:hoeveel|how many)\s+(?:profielen|uitstroomprofielen|profiles)\b")
_QUESTION = re.compile(r"\?|\b(?:wat|welke?|hoe|waar|wanneer|waarom|what|which|how|where|why)\b")


@dataclass(frozen=True)
class ProfileQuestion:
    ask: ProfileAsk
    profiles: tuple[str, ...]  # profile codes named, in order ("P4", "P5")


def named_profiles(question: str, intents: IntentReader) -> tuple[str, ...]:
    """Profiles named by code or by name, in order of appearance, each once."""
    text = fold(question)
    found = [(m.start(), f"P{m[1]}") for m in _CODE.finditer(text)]
    by_name = intents.profiles(question)
    positions = {code for _, code in found}
    found += [(len(text), code) for code in by_name if code not in positions]
    return tuple(dict.fromkeys(code for _, code in sorted(found)))


def read_profile_question(question: str, intents: IntentReader) -> ProfileQuestion | None:
    """What the question asks about profiles, or None when it is not about profiles."""
    text = fold(question)
    english = intents.lexicon.to_dutch(text)
    named = named_profiles(question, intents)
    statement = _STATEMENT.match(text) and not _QUESTION.search(text)
    if len(named) == 1 and statement and len(words(text)) <= 10:
        return ProfileQuestion("statement", named)
    if len(named) >= 2 and (_COMPARE.search(text) or len(words(text)) <= 4):
        return ProfileQuestion("compare", named[:3])
    if named and (_FACTS.search(text) or _FACTS.search(english)):
        return ProfileQuestion("facts", named)
    if not named and _WHICH.search(text):
        overview = _LISTING.search(text) or _FACTS.search(text)
        return ProfileQuestion("overview" if overview else "fit", ())
    if not named and _HOW_MANY.search(text):
        return ProfileQuestion("overview", ())
    return None
