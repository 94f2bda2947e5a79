"""A document's own spelling, read from its lines: the evidence the hyphen rules judge by.

Only what a line shows whole counts: a word standing alone, or a hyphenated form printed
inside a line. The two halves of a word a line break split ('mede-' / 'werker') are no words
of their own; those breaks are kept aside for the hyphen rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

_LETTERS = r"[^\W\d_]+"
_TOKEN = re.compile(rf"{_LETTERS}(?:-{_LETTERS})*")
_LAST_LETTERS = re.compile(rf"({_LETTERS})$")
_FIRST_LETTERS = re.compile(rf"^({_LETTERS})")
_LINE_END_HYPHEN = re.compile(rf"({_LETTERS})-\s*$")


def letters_before(text: str) -> str:
    """The letters the text ends with ('beleids' of '… commercieel beleids')."""
    match = _LAST_LETTERS.search(text)
    return match[1] if match else ""


def letters_after(text: str) -> str:
    """The letters the text starts with ('werker' of 'werker. Dit …')."""
    match = _FIRST_LETTERS.match(text)
    return match[1] if match else ""


@dataclass(frozen=True)
class Lexicon:
    """Lower-case words, hyphenated pairs printed inside lines ('e-commerce' gives 'e-commerce'
    and the prefix 'e') and the (before, after) letters of every line-end hyphen."""

    words: frozenset[str] = frozenset()
    pairs: frozenset[str] = frozenset()
    prefixes: frozenset[str] = frozenset()
    breaks: tuple[tuple[str, str], ...] = ()

    @classmethod
    def empty(cls) -> Lexicon:
        """No evidence: every line-end hyphen is kept."""
        return cls()

    @classmethod
    def of(cls, text: str) -> Lexicon:
        """The lexicon of a document text."""
        reader = _Reader()
        for line in text.split("\n"):
            reader.line(line.replace("\u00a0", " "))
        return cls(
            frozenset(reader.words),
            frozenset(reader.pairs),
            frozenset(reader.prefixes),
            tuple(reader.breaks),
        )

    def with_words(self, words: set[str]) -> Lexicon:
        """The lexicon with more words (words a line break split, once recognised)."""
        return replace(self, words=self.words | {w.lower() for w in words})

    def is_word(self, text: str) -> bool:
        return text.lower() in self.words

    def is_prefix(self, text: str) -> bool:
        return text.lower() in self.prefixes

    def prints(self, pair: str) -> bool:
        """Does the document print this hyphenated pair ('x-y') inside a line?"""
        return pair.lower() in self.pairs


class _Reader:
    """Collects a lexicon line by line."""

    def __init__(self) -> None:
        self.words: set[str] = set()
        self.pairs: set[str] = set()
        self.prefixes: set[str] = set()
        self.breaks: list[tuple[str, str]] = []
        self.broken = ""  # the letters before a line-end hyphen, until the next line

    def line(self, line: str) -> None:
        if not line.strip():
            return
        tokens = list(_TOKEN.finditer(line))
        if self.broken:  # this line starts with the second half of a split word
            self.breaks.append((self.broken, letters_after(line.lstrip())))
            tokens = tokens[1:] if tokens and not line[: tokens[0].start()].strip() else tokens
        end = _LINE_END_HYPHEN.search(line)
        self.broken = end[1] if end else ""
        if end and tokens and tokens[-1].end() == end.end(1):
            tokens = tokens[:-1]
        for token in tokens:
            self._token(token, line)

    def _token(self, token: re.Match[str], line: str) -> None:
        """A word standing alone, or a hyphenated form; a word with a hyphen glued to its
        edge ('verkoop- en', '-0,15') is a part of another word, not a word of its own."""
        parts = token.group().lower().split("-")
        for first, second in pairwise(parts):
            self.pairs.add(f"{first}-{second}")
            self.prefixes.add(first)
        glued = (
            line[token.end() : token.end() + 1] == "-"
            or line[token.start() - 1 : token.start()] == "-"
        )
        if len(parts) == 1 and not glued:
            self.words.add(parts[0])
