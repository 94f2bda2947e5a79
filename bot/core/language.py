"""Which language a message is written in, when that is clear from its function words.

Dossier vocabulary (accountmanager, webshop, social media) is shared by both languages and
says nothing; words like 'the', 'what', 'does' or 'het', 'welke', 'hoe' do.
"""

from __future__ import annotations

from bot.search.text import words

# Not here: 'of', 'we' and 'me', which are everyday Dutch words too ("niveau 3 of 4").
_ENGLISH = frozenset(
    """the what which how does do did are were i i'm my you your can could should
    would will where when why who whom about with for and to on an this that these those it
    its there please thanks thank hello hi from have has need tell explain mean means
    if am be been they them their our us work process core task""".split()
)
_DUTCH = frozenset(
    """de het een wat welke welk hoe waar wanneer waarom wie ik mijn mn je jij jouw kan kun
    kunt moet moeten van voor met en naar bij op dat die dit deze niet wel ook zijn heb hebt
    heeft hoi hallo bedankt dank ja nee graag alsjeblieft aub houdt hoort horen staat
    over uit er nog maar dan als om te zo mag wil zit doe doet wordt worden gaat ga""".split()
)


def detect_language(text: str) -> str | None:
    """'en' or 'nl' when the message clearly is, else None (too short or mixed)."""
    found = words(text)
    english = sum(1 for w in found if w in _ENGLISH and w not in _DUTCH)
    dutch = sum(1 for w in found if w in _DUTCH and w not in _ENGLISH)
    if english > dutch and english >= 1 + dutch:
        return "en"
    if dutch > english:
        return "nl"
    return None
