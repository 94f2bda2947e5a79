"""How questions say things -> how the dossier says them, from the curated vocabulary.

The words themselves are data (knowledge/curated/vocabulary.yaml, validated by
`dossierbot check`); this module only applies them: English phrases are rewritten into
Dutch before a question is split into words, English words are translated, and students'
everyday words and phrases add the dossier's words for the same meaning.
"""

from __future__ import annotations

import re

from bot.knowledge.lexicon import Vocabulary
from bot.search.phrases import PhraseFinder
from bot.search.text import stem, words

# Function words that make a question English even where its content words are shared.
_ENGLISH_HINTS = frozenset(
    "the a an of to is are what which how does do who where when why my your for with".split()
)


def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One alternation of whole-word phrases, longest first (as the vocabulary orders them)."""
    if not phrases:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b")


class Lexicon:
    """The vocabulary, compiled once for reading questions."""

    def __init__(self, vocabulary: Vocabulary, source_names: tuple[str, ...] = ()) -> None:
        self.vocabulary = vocabulary
        # Words that name a source ("bcp", "europass"): a hint where to look, not content.
        self.source_words = frozenset(w for name in source_names for w in words(name))
        self.generic_stems = frozenset(stem(w) for w in vocabulary.generic)
        self._english = _phrase_pattern(vocabulary.english_phrases())
        self._student = PhraseFinder(vocabulary.student_phrases())

    def rewrite(self, text: str) -> str:
        """A folded question with English phrases in Dutch ("account plan" -> accountplan)."""
        if self._english is None:
            return text
        return self._english.sub(lambda m: " ".join(self.translate(m[0])), text)

    def phrase_meanings(self, text: str) -> list[tuple[str, tuple[str, ...]]]:
        """The student phrases in a folded text ("koud bellen") with the dossier's words for
        each: extra, weaker readings of the question, not words the student wrote."""
        return [(phrase, self.synonyms(phrase)) for phrase in self._student.find(text)]

    def translate(self, word: str) -> tuple[str, ...]:
        """Dutch words for an English word or phrase, or ()."""
        return self.vocabulary.translate(word)

    def synonyms(self, word: str) -> tuple[str, ...]:
        """The dossier's words for a student's word or phrase, or ()."""
        return self.vocabulary.synonyms(word)

    def is_english(self, words: list[str]) -> bool:
        """True when most content words of a question are English vocabulary."""
        if not words:
            return False
        english = sum(1 for w in words if w in self.vocabulary.english or w in _ENGLISH_HINTS)
        return english * 2 > len(words)

    def to_dutch(self, text: str) -> str:
        """A folded English text with phrases and words replaced by their first Dutch word."""
        if self._english is not None:
            text = self._english.sub(lambda m: self.translate(m[0])[0], text)
        return re.sub(r"[a-z0-9-]+", lambda m: (self.translate(m[0]) or (m[0],))[0], text)
