"""Every user-facing interface text, in Dutch and English. Dossier content stays Dutch.

Texts may contain HTML markup of our own; values put into them with ``t(...)`` are
escaped by the caller (see bot.answers.html), never here.
"""

from __future__ import annotations

LANGUAGES = ("nl", "en")

_TEXTS: dict[str, dict[str, str]] = {
    "out_of_scope": {
        "nl": "Dat staat niet in het kwalificatiedossier, dus daar kan ik je geen betrouwbaar "
        "antwoord op geven.",
        "en": "That is not in the qualification dossier, so I can't give you a reliable answer.",
    },
    "can_do": {
        "nl": "Ik beantwoord vragen over het dossier Commercie: werkprocessen, kerntaken, "
        "profielen, competenties, vakkennis en de andere bronnen. Probeer bijvoorbeeld "
        "<i>wp 3.5</i>, <i>welke competenties horen bij B1-K1-W2</i> of "
        "<i>hoe behandel ik een klacht</i>.",
        "en": "I answer questions about the Commercie dossier: work processes, core tasks, "
        "profiles, competencies, knowledge and the other sources. Try for example "
        "<i>wp 3.5</i>, <i>which competencies belong to B1-K1-W2</i> or "
        "<i>how do I handle a complaint</i>.",
    },
    "empty": {
        "nl": "Stel je vraag over het dossier in een paar woorden of met een code.",
        "en": "Ask your question about the dossier in a few words or with a code.",
    },
    "ambiguous": {
        "nl": "Die code komt in meer dan één dossier voor. Welke bedoel je?",
        "en": "That code appears in more than one dossier. Which one do you mean?",
    },
    "ambiguous_tip": {
        "nl": "Tip: kies je dossier met /dossier, dan weet ik het voortaan.",
        "en": "Tip: choose your dossier with /dossier and I'll know from then on.",
    },
    "suggest": {
        "nl": "Ik weet niet zeker wat je bedoelt. Bedoel je een van deze?",
        "en": "I'm not sure what you mean. Do you mean one of these?",
    },
    "not_applicable": {
        "nl": "Let op: dit werkproces is in dit dossier <b>niet van toepassing</b>.",
        "en": "Note: this work process is <b>not applicable</b> in this dossier.",
    },
    "from_parent": {
        "nl": "Dit staat in het dossier bij de kerntaak {code}:",
        "en": "The dossier gives this for core task {code}:",
    },
    "field_missing": {
        "nl": "Dit onderdeel heeft geen {field} in het dossier. Dit staat er wel:",
        "en": "The dossier gives no {field} for this item. This is what it says:",
    },
    "truncated": {
        "nl": "[…] ingekort; kies hieronder een onderdeel voor de rest.",
        "en": "[…] shortened; pick a part below for the rest.",
    },
    "stale_choice": {
        "nl": "Die knop werkt niet meer (of hoort bij een ander bericht). Stel je vraag opnieuw.",
        "en": "That button no longer works (or belongs to another message). Please ask again.",
    },
    "werkprocessen": {"nl": "Werkprocessen", "en": "Work processes"},
    "kerntaken": {"nl": "Kerntaken", "en": "Core tasks"},
    "onderdelen": {"nl": "Onderdelen", "en": "Sections"},
    "see_also": {"nl": "Zie ook", "en": "See also"},
    "see_also_intro": {
        "nl": "Vergelijkbaar in de andere versies van het dossier:",
        "en": "Similar in the other versions of the dossier:",
    },
    "see_also_none": {
        "nl": "Ik vond geen vergelijkbaar onderdeel in de andere dossiers.",
        "en": "I found nothing similar in the other dossiers.",
    },
    "parent": {"nl": "Hoort bij", "en": "Part of"},
    "source": {"nl": "Bron", "en": "Source"},
    "competency_components": {"nl": "Componenten", "en": "Components"},
    "competency_indicator": {"nl": "Prestatie-indicator", "en": "Performance indicator"},
    "source_spelling": {"nl": "in de bron: {spelling}", "en": "in the source: {spelling}"},
}


def t(key: str, lang: str = "nl", **values: str) -> str:
    """The text for key in lang (Dutch when lang is unknown), with values filled in."""
    texts = _TEXTS[key]
    text = texts.get(lang) or texts["nl"]
    return text.format(**values) if values else text


def language(code: str | None) -> str:
    """Our language for a Telegram/IETF language code: English for 'en*', Dutch otherwise."""
    return "en" if code and code.lower().startswith("en") else "nl"
