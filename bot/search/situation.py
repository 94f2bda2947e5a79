"""Is a question a situation from work or an internship ("op mn stage moet ik ...")?

Students describe what they do in their own words, not by the dossier's titles. In such a
story a title is matched only by the student's own words, not by the synonyms the
vocabulary adds: "post" read as "content" says what the student means, but it does not make
"Ontwikkelt online content" the answer.
"""

from __future__ import annotations

import re

from bot.search.text import content_words, fold

MIN_WORDS = 5  # a story has a few content words at least
_PERSON = re.compile(r"\b(?:ik|we|wij|mijn|mn|m'n|onze|ons|je|jij|i|my|we're|im|i'm|our|me)\b")
_WORK = re.compile(
    r"\b(?:stage\w*|baas|chef|leidinggevende|werkgever|collega\w*|bpv|werk|bedrijf|klant\w*"
    r"|internship|supervisor|boss|manager|company|customers?|work(?:ing)?|job)\b"
)
_ASKS_WERKPROCES = re.compile(
    r"\bwelk(?:e)? (?:werkproces|wp)\b|\bbij welk\w*\b|\bwaar hoort (?:dat|dit)\b"
    r"|\bwhich (?:work process|core task)\b|\bwhat work process\b"
)


def is_situation(question: str) -> bool:
    """True for a story about one's own work, or a question which werkproces something is."""
    text = fold(question)
    if _ASKS_WERKPROCES.search(text):
        return True
    story = bool(_PERSON.search(text)) and bool(_WORK.search(text) or len(text) > 60)
    return story and len(content_words(text)) >= MIN_WORDS
