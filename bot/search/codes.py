"""Find dossier codes in a question, in every spelling students use.

"B1-K1-W3", "b1k1w3", "p5.k3.w2", "kt3 wp1 van p5", "w3 van p6-k1", "wp3,5", "werkproces 2.4",
"kerntaak 2", "de derde kerntaak", "profiel 4", "hoofdstuk 1", "core task 1". The result says
only what the student wrote; resolve.py maps it onto items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.search.text import fold

ORDINALS = {
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6, "zevende": 7,
    "achtste": 8, "negende": 9, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "laatste": -1, "last": -1,
}  # fmt: skip
LAST = -1  # "de laatste kerntaak": resolved per profile or source


@dataclass(frozen=True)
class CodeRef:
    """One code as the student gave it; absent parts are None."""

    profile: str | None = None  # "P4", "B1"
    kerntaak: int | None = None
    werkproces: int | None = None
    dotted: str | None = None  # "3.5", "4.1.3", "2.3b": older sources and report sections
    kind: str | None = None  # "werkproces", "kerntaak", "hoofdstuk" when the student said so


_SEP = r"\s?[-.,/]?\s?"
_KT = r"(?:kerntaak|kerntaken|core\s?task|kt|k)"
_WP = r"(?:werkproces|werkprocessen|work\s?process|wp|w)"
_PROFILE = r"(?:profiel|profile|p)"

_FULL = re.compile(
    rf"\b(?:(b)|{_PROFILE})\s?([1-9]){_SEP}{_KT}{_SEP}([1-9])(?:{_SEP}{_WP}{_SEP}(\d{{1,2}}))?\b"
)
_W_OF_K = re.compile(
    rf"\b{_WP}{_SEP}(\d{{1,2}})\s(?:van|of|bij|in|uit)\s(?:de\s|the\s)?{_KT}{_SEP}([1-9])\b"
)
_WK = re.compile(rf"\b(?:werkproces|work\s?process|wp)\s?(\d{{1,2}}){_SEP}{_KT}{_SEP}([1-9])\b")
_KW = re.compile(rf"\b{_KT}{_SEP}([1-9]){_SEP}{_WP}{_SEP}(\d{{1,2}})\b")
_W_OF_PK = re.compile(
    rf"\b{_WP}{_SEP}(\d{{1,2}})\s(?:van|of|bij|in)\s(?:(b)|{_PROFILE})\s?([1-9]){_SEP}{_KT}{_SEP}([1-9])\b"
)
_DOTTED_WP = re.compile(r"\b(werkproces|work\s?process|wp|w)\s?(\d{1,2}(?:\.\d{1,2}){1,2})\b")
_CHAPTER = re.compile(r"\b(?:hoofdstuk|chapter|h)\s?(\d{1,2}(?:\.\d{1,2}){0,2})\b")
_DOTTED = re.compile(r"(?<![\d.])(\d{1,2}(?:\.\d{1,2}){1,2}b?)(?![\d.]*\d)(?!\s?%)")
_KT_ALONE = re.compile(rf"\b{_KT}\s?([1-9])\b")
_KT_ORDINAL = re.compile(r"\b(\w+)\s(?:kerntaak|core\s?task)\b")
_PROFILE_ALONE = re.compile(r"\b(?:profiel|profile|p)\s?([1-9])\b")
_BASISDEEL = re.compile(r"\b(?:basisdeel|b1)\b")


def _prepare(question: str) -> str:
    """Folded text with decimal commas as dots ("wp3,5" -> "wp3.5")."""
    return re.sub(r"(\d)\s?,\s?(\d)", r"\1.\2", fold(question))


def _profile_code(basis: str | None, number: str) -> str:
    return f"B{number}" if basis else f"P{number}"


def _take(pattern: re.Pattern[str], text: str) -> tuple[list[re.Match[str]], str]:
    """All matches of pattern, and the text with them blanked so later patterns skip them."""
    found = list(pattern.finditer(text))
    for match in found:
        text = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
    return found, text


def _full_codes(text: str) -> tuple[list[CodeRef], str]:
    refs: list[CodeRef] = []
    found, text = _take(_W_OF_PK, text)
    refs += [CodeRef(_profile_code(m[2], m[3]), int(m[4]), int(m[1])) for m in found]
    found, text = _take(_FULL, text)
    for m in found:
        werkproces = int(m[4]) if m[4] else None
        refs.append(CodeRef(_profile_code(m[1], m[2]), int(m[3]), werkproces))
    return refs, text


def _relative_codes(text: str, profile: str | None) -> tuple[list[CodeRef], str]:
    refs: list[CodeRef] = []
    found, text = _take(_W_OF_K, text)
    refs += [CodeRef(profile, int(m[2]), int(m[1])) for m in found]
    found, text = _take(_KW, text)
    refs += [CodeRef(profile, int(m[1]), int(m[2])) for m in found]
    found, text = _take(_WK, text)  # "wp5 kt1": werkproces first
    refs += [CodeRef(profile, int(m[2]), int(m[1])) for m in found]
    found, text = _take(_DOTTED_WP, text)
    refs += [CodeRef(dotted=m[2], kind="werkproces") for m in found]
    found, text = _take(_CHAPTER, text)
    refs += [CodeRef(dotted=m[1], kind="hoofdstuk") for m in found]
    found, text = _take(_DOTTED, text)
    refs += [CodeRef(dotted=m[1]) for m in found]
    found, text = _take(_KT_ALONE, text)
    refs += [CodeRef(profile, int(m[1]), kind="kerntaak") for m in found]
    refs += [
        CodeRef(profile, ORDINALS[m[1]], kind="kerntaak")
        for m in _KT_ORDINAL.finditer(text)
        if m[1] in ORDINALS
    ]
    return refs, text


def find_codes(question: str) -> list[CodeRef]:
    """Every code mentioned in the question, most specific first."""
    text = _prepare(question)
    refs, text = _full_codes(text)
    profiles, _ = _take(_PROFILE_ALONE, text)
    profile = f"P{profiles[0][1]}" if profiles else None
    if profile is None and _BASISDEEL.search(text):
        profile = "B1"
    relative, text = _relative_codes(text, profile)
    refs += relative
    if not refs and profile:
        refs.append(CodeRef(profile=profile))
    return refs
