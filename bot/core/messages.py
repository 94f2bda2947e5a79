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
        "nl": "Die code past bij meer dan één onderdeel. Welke bedoel je?",
        "en": "That code fits more than one item. Which one do you mean?",
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
    "welcome": {
        "nl": "Hoi! Ik ben <b>Dossierbot</b>, je studiehulp voor het kwalificatiedossier "
        "Commercie. Vraag me wat er in je dossier staat: werkprocessen, kerntaken, "
        "competenties, gedrag, vakkennis.",
        "en": "Hi! I'm <b>Dossierbot</b>, your study assistant for the Commercie qualification "
        "dossier. Ask me what your dossier says: work processes, core tasks, competencies, "
        "behaviour, knowledge.",
    },
    "choose_dossier": {
        "nl": "Welk dossier volg je? Dan zoek ik daar eerst in.",
        "en": "Which dossier do you follow? I'll look there first.",
    },
    "older_dossiers": {"nl": "Oudere dossiers", "en": "Older dossiers"},
    "older_intro": {
        "nl": "Kies een ouder dossier:",
        "en": "Choose an older dossier:",
    },
    "your_dossier": {"nl": "Je dossier:", "en": "Your dossier:"},
    "no_dossier": {
        "nl": "Je hebt nog geen dossier gekozen (kies er een met /dossier).",
        "en": "You have not chosen a dossier yet (choose one with /dossier).",
    },
    "ask_away": {
        "nl": "Stel je vraag maar, bijvoorbeeld: wat houdt K1-W2 in?",
        "en": "Go ahead and ask, for example: what does K1-W2 involve?",
    },
    "help": {
        "nl": "<b>Zo werkt Dossierbot</b>\n"
        "Typ een vraag of een code: <i>wp 3.5</i>, <i>B1-K1-W2</i>, <i>kt 2</i>, "
        "<i>welke competenties horen bij P4-K1-W3</i>, <i>hoe behandel ik een klacht</i>. "
        "Onder een antwoord staan knoppen voor gedrag, competenties, resultaat en meer. "
        "Daarna kun je gewoon doorvragen: <i>en het resultaat?</i>\n\n"
        "/dossier kies je dossier of profiel\n/privacy wat ik bewaar\n"
        "/vergeet wis alles wat ik over je weet\n\n"
        "In een groep antwoord ik als je me noemt (@) of op mij reageert.",
        "en": "<b>How Dossierbot works</b>\n"
        "Type a question or a code: <i>wp 3.5</i>, <i>B1-K1-W2</i>, <i>kt 2</i>, "
        "<i>which competencies belong to P4-K1-W3</i>, <i>how do I handle a complaint</i>. "
        "Buttons under an answer show behaviour, competencies, result and more. "
        "Then just ask on: <i>and the result?</i>\n\n"
        "/dossier choose your dossier or profile\n/privacy what I store\n"
        "/vergeet erase everything I know about you\n\n"
        "In a group I answer when you mention me (@) or reply to me.",
    },
    "privacy": {
        "nl": "<b>Wat ik bewaar</b>\nJe Telegram-id, voornaam, gebruikersnaam, taal, je "
        "gekozen dossier, het laatste onderdeel dat ik je liet zien (voor doorvragen) en "
        "wanneer je begon en voor het laatst schreef. Je vragen zelf bewaar ik niet.\n\n"
        "Met /vergeet wis ik alles over jou.",
        "en": "<b>What I store</b>\nYour Telegram id, first name, username, language, your "
        "chosen dossier, the last item I showed you (for follow-up questions) and when you "
        "started and last wrote. I do not store your questions.\n\n"
        "/vergeet erases everything about you.",
    },
    "forget_confirm": {
        "nl": "Weet je het zeker? Ik wis dan alles wat ik over je weet, ook je dossierkeuze.",
        "en": "Are you sure? I'll erase everything I know about you, including your dossier.",
    },
    "forget_yes": {"nl": "Ja, wis alles", "en": "Yes, erase everything"},
    "forget_no": {"nl": "Nee, laat maar", "en": "No, keep it"},
    "forget_done": {
        "nl": "Gedaan: ik weet niets meer over je. Schrijf me gerust opnieuw als je wilt.",
        "en": "Done: I no longer know anything about you. Write again whenever you like.",
    },
    "forget_cancelled": {"nl": "Prima, ik wis niets.", "en": "Fine, nothing is erased."},
    "error": {
        "nl": "Sorry, er ging iets mis aan mijn kant. Probeer het zo nog eens.",
        "en": "Sorry, something went wrong on my side. Please try again in a moment.",
    },
    "too_long": {
        "nl": "Je bericht is lang; ik heb alleen het begin gelezen.",
        "en": "Your message is long; I only read the beginning.",
    },
    "not_your_button": {
        "nl": "Die knop hoort bij iemand anders. Gebruik zelf /dossier of /vergeet.",
        "en": "That button belongs to someone else. Use /dossier or /vergeet yourself.",
    },
    # Command menu descriptions (setMyCommands; plain text, 1-256 characters).
    "command_start": {"nl": "Begin en kies je dossier", "en": "Start and choose your dossier"},
    "command_help": {"nl": "Zo werkt Dossierbot", "en": "How Dossierbot works"},
    "command_dossier": {
        "nl": "Kies je dossier of profiel",
        "en": "Choose your dossier or profile",
    },
    "command_privacy": {"nl": "Wat ik over je bewaar", "en": "What I store about you"},
    "command_vergeet": {
        "nl": "Wis alles wat ik over je weet",
        "en": "Erase everything I know about you",
    },
    "inline_more": {
        "nl": "Open in de chat met Dossierbot",
        "en": "Open in the chat with Dossierbot",
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
