"""The curated vocabulary as data: English and student words -> the dossier's own words.

Pure (standard library only): bot.knowledge.vocabulary reads and validates the file,
bot.search.lexicon uses it to read questions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

_WORD = re.compile(r"[a-z0-9]+")  # the search's notion of a word, on folded text


def fold(text: str) -> str:
    """Lower case without accents, so 'Carrière' and 'carriere' are one key."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def _phrases(keys: Iterable[str]) -> tuple[str, ...]:
    """Keys of more than one word as the search splits words ("account plan", "e-mail",
    "kpi's"): these must be matched in the text before it is split. Longest first, so
    "webshop employees" is replaced before "webshop employee" can be."""
    phrases = (key for key in keys if len(_WORD.findall(key)) > 1)
    return tuple(sorted(phrases, key=lambda key: (-len(key), key)))


@dataclass(frozen=True)
class Vocabulary:
    """English and student words -> dossier words, all folded, read-only."""

    english: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    student: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Where each entry was written, for messages; not part of what the vocabulary means.
    source: str = field(default="", compare=False)
    lines: Mapping[tuple[str, str], int] = field(default_factory=dict, compare=False, repr=False)
    # Words so common in this dossier that matching them alone says little ("commercieel").
    generic: frozenset[str] = frozenset()
    _english_phrases: tuple[str, ...] = field(init=False, compare=False, repr=False)
    _student_phrases: tuple[str, ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Copies behind read-only views: the caller's dicts cannot change the vocabulary.
        for name in ("english", "student", "lines"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))
        object.__setattr__(self, "_english_phrases", _phrases(self.english))
        object.__setattr__(self, "_student_phrases", _phrases(self.student))

    def english_phrases(self) -> tuple[str, ...]:
        """Multi-word English keys, longest first (match these before single words)."""
        return self._english_phrases

    def student_phrases(self) -> tuple[str, ...]:
        """Multi-word student keys, longest first."""
        return self._student_phrases

    def translate(self, word: str) -> tuple[str, ...]:
        """Dutch dossier words for an English word or phrase, or ()."""
        return self.english.get(fold(word), ())

    def synonyms(self, word: str) -> tuple[str, ...]:
        """Dossier words for a student's word or phrase, or ()."""
        return self.student.get(fold(word), ())

    def entries(self) -> Iterator[tuple[str, str, tuple[str, ...]]]:
        """(section, key, targets) of every entry, section by section."""
        for key, targets in self.english.items():
            yield "english", key, targets
        for key, targets in self.student.items():
            yield "student", key, targets
