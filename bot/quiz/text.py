"""Text helpers for questions: comparison form, content words, hiding words."""

from __future__ import annotations

import re

GAP = "___"
HIDDEN = "…"

# Dutch function words (and the dossier's stock phrases) that never make a gap or a hint.
STOPWORDS = frozenset(
    """
    aan als alle alles andere bij daar dan dat de deze die dit door een en er haar heeft hem
    het hier hij hoe hun in is je kan kunnen maar met na naar niet nog of om onder ook op over
    te tegen tot uit van veel voor waar wat welke wel wie wordt worden zal ze zich zijn zoals
    zodat zij elke eigen andere onder hierbij daarbij waarbij waarin waarvan eventueel
    """.split()
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_PUNCT = re.compile(r"[^\w\s]")


def normalise(text: str) -> str:
    """Case, whitespace and punctuation folded away: for comparing texts."""
    return " ".join(_PUNCT.sub(" ", text.casefold()).split())


def content_words(text: str, *, min_length: int = 5) -> list[re.Match[str]]:
    """The words of a text that carry meaning (no stopwords, no short words), as matches."""
    return [
        m
        for m in _WORD.finditer(text)
        if len(m.group()) >= min_length and m.group().casefold() not in STOPWORDS
    ]


def gap(text: str, word: re.Match[str]) -> str:
    """The text with one word replaced by a gap."""
    return text[: word.start()] + GAP + text[word.end() :]


def _root(word: str) -> str:
    return word.casefold()[:5]


def hide(text: str, hint_words: str) -> tuple[str, int]:
    """The text with every word that shares a root with a content word of hint_words hidden,
    and the number of words hidden."""
    roots = {_root(m.group()) for m in content_words(hint_words, min_length=4)}
    hidden = [m for m in content_words(text, min_length=4) if _root(m.group()) in roots]
    for m in reversed(hidden):
        text = text[: m.start()] + HIDDEN + text[m.end() :]
    return text, len(hidden)


def words(text: str) -> int:
    """The number of words in a text."""
    return len(_WORD.findall(text))
