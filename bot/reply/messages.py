"""Every user-facing interface text, in Dutch and English. Dossier content stays Dutch.

Texts may contain HTML markup of our own; values put into them with ``t(...)`` are escaped
by the caller (bot.reply.html), never here, so a value may carry markup of ours too.
"""

from __future__ import annotations

LANGUAGES = ("nl", "en")

_ANSWERS: dict[str, dict[str, str]] = {
    "out_of_scope": {
        "nl": "Dat staat niet in het kwalificatiedossier, dus daar kan ik je geen betrouwbaar "
        "antwoord op geven.",
        "en": "That is not in the qualification dossier, so I can't give you a reliable answer.",
    },
    "outside_sum": {
        "nl": "Rekenen doe ik niet: ik citeer alleen wat er in het dossier staat.",
        "en": "I don't do sums: I only quote what the dossier says.",
    },
    "outside_price": {
        "nl": "Prijzen en kosten staan niet in het dossier; die verschillen per bedrijf.",
        "en": "Prices and costs are not in the dossier; they differ per company.",
    },
    "outside_rate": {
        "nl": "Tarieven zoals de btw staan niet in het dossier; kijk bij de Belastingdienst of "
        "vraag het je docent.",
        "en": "Rates such as VAT are not in the dossier; check the tax authority's site or ask "
        "your teacher.",
    },
    "outside_pay": {
        "nl": "Salarissen en stagevergoedingen staan niet in het dossier; vraag het je "
        "stagebedrijf of kijk in de cao.",
        "en": "Salaries and internship pay are not in the dossier; ask your internship company "
        "or check the collective agreement.",
    },
    "outside_school": {
        "nl": "Data, roosters en regels van je school staan in het examenplan en de studiegids "
        "van je school; vraag het anders je docent of mentor.",
        "en": "Dates, timetables and rules of your school are in its exam plan and study guide; "
        "or ask your teacher or mentor.",
    },
    "outside_company": {
        "nl": "Over bedrijven zelf weet ik niets: ik ken alleen het dossier.",
        "en": "I know nothing about particular companies: I only know the dossier.",
    },
    "outside_product": {
        "nl": "Productadvies geef ik niet: ik ken alleen het dossier.",
        "en": "I don't give product advice: I only know the dossier.",
    },
    "outside_own_work": {
        "nl": "Je eigen opdracht of verslag maken of nakijken doe ik niet, maar ik laat je graag "
        "zien wat het dossier erover zegt: noem het werkproces of beschrijf wat je doet.",
        "en": "I won't write or check your own assignment or report, but I'll gladly show what "
        "the dossier says about it: name the work process or describe what you do.",
    },
    "outside_world": {
        "nl": "Daar weet ik niets van: ik ken alleen het dossier.",
        "en": "I know nothing about that: I only know the dossier.",
    },
    "can_do": {
        "nl": "Ik beantwoord vragen over het dossier Commercie: werkprocessen, kerntaken, "
        "profielen, competenties, vakkennis en de oudere dossiers. Vraag bijvoorbeeld naar je "
        "stage of je profiel, of typ een code.",
        "en": "I answer questions about the Commercie dossier: work processes, core tasks, "
        "profiles, competencies, knowledge and the older dossiers. Ask about your internship "
        "or your profile, or type a code.",
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
    "title_only": {
        "nl": "Van dit onderdeel staat in de {source} alleen de titel.",
        "en": "The {source} gives only the title of this item.",
    },
    "older_yours": {
        "nl": "Let op: dit komt uit {source}, niet uit jouw dossier.",
        "en": "Note: this is from {source}, not from your dossier.",
    },
    "older_source": {
        "nl": "Let op: dit komt uit {source}, een ouder dossier.",
        "en": "Note: this is from {source}, an older dossier.",
    },
    "current_counterpart": {"nl": "Nu: {code}", "en": "Now: {code}"},
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
    "source": {"nl": "Bron", "en": "Source"},
    "competency_components": {"nl": "Componenten", "en": "Components"},
    "competency_indicator": {"nl": "Prestatie-indicator", "en": "Performance indicator"},
    "source_spelling": {"nl": "in de bron: {spelling}", "en": "in the source: {spelling}"},
    "gedrag_heading": {"nl": "Gedrag: dit laat je zien", "en": "Behaviour: what you show"},
    "read_on": {"nl": "Lees verder", "en": "Read on"},
    "read_on_page": {"nl": "Lees verder ({page}/{pages})", "en": "Read on ({page}/{pages})"},
    "page_of": {"nl": "Deel {page} van {pages}", "en": "Part {page} of {pages}"},
    "more": {"nl": "Meer ›", "en": "More ›"},
    "back_to_start": {"nl": "‹ Terug", "en": "‹ Back"},
}

_PROFILES: dict[str, dict[str, str]] = {
    "level": {"nl": "niveau {level}", "en": "level {level}"},
    "choose_profile": {"nl": "Kies {code}", "en": "Choose {code}"},
    "fit_intro": {
        "nl": "Deze profielen passen daar het best bij, volgens het dossier:",
        "en": "These profiles fit that best, according to the dossier:",
    },
    "fit_ask": {
        "nl": "Waar hou je van, of wat wil je later doen? Vertel het me, dan zoek ik het "
        "profiel dat erbij past. Dit zijn ze:",
        "en": "What do you like, or what do you want to do later? Tell me and I'll find the "
        "profile that fits. These are they:",
    },
    "compare_intro": {"nl": "Naast elkaar:", "en": "Side by side:"},
    "profile_offer": {
        "nl": "Je volgt {name}. Zal ik dat als je dossier instellen? Dan zoek ik daar eerst in.",
        "en": "You follow {name}. Shall I make that your dossier? I'll look there first.",
    },
    "profile_offer_yes": {"nl": "Ja, stel {code} in", "en": "Yes, set {code}"},
    "profile_offer_no": {"nl": "Nee, laat het profiel zien", "en": "No, show the profile"},
    "profile_already": {
        "nl": "Je dossier staat al op {name}. Stel gerust je vraag.",
        "en": "Your dossier is already {name}. Go ahead and ask.",
    },
}

_CHAT: dict[str, dict[str, str]] = {
    "examples": {"nl": "{code} of {field}", "en": "{code} or {field}"},
    "example_gedrag": {
        "nl": "welk gedrag hoort bij {code}",
        "en": "what behaviour goes with {code}",
    },
    "example_competenties": {
        "nl": "welke competenties horen bij {code}",
        "en": "which competencies go with {code}",
    },
    "example_resultaat": {
        "nl": "wat is het resultaat van {code}",
        "en": "what is the result of {code}",
    },
    "example_item": {"nl": "waar gaat {code} over", "en": "what is {code} about"},
    "chat_greeting": {
        "nl": "Hoi{name}! Waar kan ik je mee helpen? Vraag iets over je dossier of je stage, "
        "bijvoorbeeld {examples}.",
        "en": "Hi{name}! How can I help? Ask about your dossier or your internship, for "
        "example {examples}.",
    },
    "chat_how_are_you": {
        "nl": "Met mij gaat het goed, dank je! Waar kan ik je mee helpen? Vraag bijvoorbeeld "
        "{examples}.",
        "en": "I'm fine, thanks! How can I help? Ask for example {examples}.",
    },
    "chat_thanks": {
        "nl": "Graag gedaan! Vraag gerust verder.",
        "en": "You're welcome! Feel free to ask more.",
    },
    "chat_ok": {
        "nl": "👍 Vraag gerust verder als je nog iets wilt weten.",
        "en": "👍 Ask away if there's anything else.",
    },
    "chat_yes": {
        "nl": "Waar kan ik je mee helpen? Typ je vraag of een code, bijvoorbeeld {examples}.",
        "en": "What can I help you with? Type your question or a code, for example {examples}.",
    },
    "chat_no": {"nl": "Oké! Stel gerust een andere vraag.", "en": "Okay! Ask something else."},
    "chat_offer_declined": {
        "nl": "Prima, ik laat je dossier zoals het is.",
        "en": "Fine, I'll leave your dossier as it is.",
    },
    "chat_not_meant": {
        "nl": "Sorry! Zeg het eens anders, of noem de code, bijvoorbeeld {examples}.",
        "en": "Sorry! Try saying it differently, or give the code, for example {examples}.",
    },
    "chat_not_meant_others": {
        "nl": "Sorry! Bedoel je misschien een van deze?",
        "en": "Sorry! Do you mean one of these?",
    },
    "chat_who": {
        "nl": "Ik ben <b>Dossierbot</b>, een studiehulp voor het kwalificatiedossier Commercie. "
        "Ik zoek het antwoord op in het dossier zelf en noem altijd de bron. Ik ben een bot, "
        "geen docent: twijfel je, check het dan bij je docent of stagebegeleider.",
        "en": "I'm <b>Dossierbot</b>, a study assistant for the Commercie qualification "
        "dossier. I look answers up in the dossier itself and always name the source. I'm a "
        "bot, not a teacher: when in doubt, check with your teacher or supervisor.",
    },
    "chat_bye": {
        "nl": "Doei! Succes met leren. Je kunt me altijd weer iets vragen.",
        "en": "Bye! Good luck studying. Ask me anything any time.",
    },
    "chat_laugh": {"nl": "😄 Vraag gerust verder.", "en": "😄 Ask away."},
    "chat_back_nothing": {
        "nl": "Er is nog niets om naar terug te gaan. Stel een vraag, bijvoorbeeld {examples}.",
        "en": "There is nothing to go back to yet. Ask a question, for example {examples}.",
    },
    "chat_menu": {
        "nl": "Wat wil je doen? Stel een vraag over je dossier, of kies hieronder.",
        "en": "What would you like to do? Ask about your dossier, or choose below.",
    },
    "chat_number": {
        "nl": "Het nummer {number} hoort niet bij een keuze. Kies er een of typ je vraag.",
        "en": "The number {number} is not one of the choices. Pick one or type your question.",
    },
    "chat_unknown_command": {
        "nl": "Onbekend commando {command}. Zie /help voor wat ik kan.",
        "en": "Unknown command {command}. See /help for what I can do.",
    },
    "chat_which_item": {
        "nl": "Over welk onderdeel? Typ de hele code (bijvoorbeeld P4-K1-W2) of stel je vraag.",
        "en": "About which item? Type the whole code (for example P4-K1-W2) or ask your question.",
    },
    "nav_none": {
        "nl": "Daar is niets meer: dit was de laatste (of de eerste) van de lijst.",
        "en": "There is nothing more there: this was the last (or first) of the list.",
    },
    "menu_dossier": {"nl": "Kies je dossier", "en": "Choose your dossier"},
    "menu_profile": {"nl": "Mijn dossier", "en": "My dossier"},
    "menu_help": {"nl": "Hulp", "en": "Help"},
}

_SETTINGS: dict[str, dict[str, str]] = {
    "stale_choice": {
        "nl": "Die knop werkt niet meer (of hoort bij een ander bericht). Stel je vraag opnieuw.",
        "en": "That button no longer works (or belongs to another message). Please ask again.",
    },
    "welcome": {
        "nl": "Hoi! Ik ben <b>Dossierbot</b>, je studiehulp voor het kwalificatiedossier "
        "Commercie. Vraag me wat er in je dossier staat, of vertel wat je op je stage doet: "
        "ik zoek het werkproces erbij.",
        "en": "Hi! I'm <b>Dossierbot</b>, your study assistant for the Commercie qualification "
        "dossier. Ask me what your dossier says, or tell me what you do on your internship: "
        "I'll find the work process.",
    },
    "choose_dossier": {
        "nl": "Welk dossier volg je? Dan zoek ik daar eerst in.",
        "en": "Which dossier do you follow? I'll look there first.",
    },
    "older_dossiers": {"nl": "Oudere dossiers", "en": "Older dossiers"},
    "older_intro": {"nl": "Kies een ouder dossier:", "en": "Choose an older dossier:"},
    "your_dossier": {"nl": "Je dossier:", "en": "Your dossier:"},
    "no_dossier": {
        "nl": "Je hebt nog geen dossier gekozen (kies er een met /dossier).",
        "en": "You have not chosen a dossier yet (choose one with /dossier).",
    },
    "ask_away": {
        "nl": "Stel je vraag maar, of vertel wat je op je stage doet.",
        "en": "Go ahead and ask, or tell me what you do on your internship.",
    },
    "help_telegram": {
        "nl": "<b>Zo werkt Dossierbot</b>\nTyp een vraag, een code of wat je op je stage doet, "
        "bijvoorbeeld {examples}. Onder een antwoord staan knoppen: <i>Lees verder</i>, gedrag, "
        "competenties en meer. Je kunt ook gewoon doorvragen: <i>en het resultaat?</i>, "
        "<i>w2</i>, <i>de volgende</i>, <i>terug</i>.\n",
        "en": "<b>How Dossierbot works</b>\nType a question, a code or what you do on your "
        "internship, for example {examples}. Buttons under an answer show <i>Read on</i>, "
        "behaviour, competencies and more. You can also just ask on: <i>and the result?</i>, "
        "<i>w2</i>, <i>next</i>, <i>back</i>.\n",
    },
    "help_terminal": {
        "nl": "<b>Zo werkt Dossierbot</b>\nTyp een vraag, een code of wat je op je stage doet, "
        "bijvoorbeeld {examples}. Onder een antwoord staan genummerde keuzes: typ het nummer. "
        "Je kunt ook gewoon doorvragen: <i>en het resultaat?</i>, <i>w2</i>, "
        "<i>de volgende</i>, <i>terug</i>.\n",
        "en": "<b>How Dossierbot works</b>\nType a question, a code or what you do on your "
        "internship, for example {examples}. Under an answer are numbered choices: type the "
        "number. You can also just ask on: <i>and the result?</i>, <i>w2</i>, <i>next</i>, "
        "<i>back</i>.\n",
    },
    "terminal_welcome": {
        "nl": "Dossierbot in de terminal",
        "en": "Dossierbot in the terminal",
    },
    "terminal_how": {
        "nl": "Stel je vraag over het dossier Commercie, of vertel wat je op je stage doet. "
        "Een nummer kiest een keuze, /help geeft hulp, stop (of Ctrl-C) stopt.",
        "en": "Ask about the Commercie dossier, or tell me what you do on your internship. "
        "A number picks a choice, /help helps, stop (or Ctrl-C) ends.",
    },
    "help_terminal_stop": {"nl": "stop  de chat beëindigen", "en": "stop  end the chat"},
    "help_groups": {
        "nl": "In een groep antwoord ik als je me noemt (@) of op mij reageert.",
        "en": "In a group I answer when you mention me (@) or reply to me.",
    },
    "privacy": {
        "nl": "<b>Wat ik bewaar</b>\nJe Telegram-id, voornaam, gebruikersnaam, taal, je "
        "gekozen dossier, wat ik je het laatst liet zien (het onderdeel, de weg terug en de "
        "knoppen eronder, voor doorvragen) en wanneer je begon en voor het laatst schreef. "
        "Je vragen zelf bewaar ik niet.\n\nMet /vergeet wis ik alles over jou.",
        "en": "<b>What I store</b>\nYour Telegram id, first name, username, language, your "
        "chosen dossier, what I last showed you (the item, the way back and the buttons under "
        "it, for follow-up questions) and when you started and last wrote. I do not store "
        "your questions.\n\n/vergeet erases everything about you.",
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
    "inline_more": {
        "nl": "Open in de chat met Dossierbot",
        "en": "Open in the chat with Dossierbot",
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
}

_TEXTS: dict[str, dict[str, str]] = {**_ANSWERS, **_PROFILES, **_CHAT, **_SETTINGS}


def t(key: str, lang: str = "nl", **values: str) -> str:
    """The text for key in lang (Dutch when lang is unknown), with values filled in."""
    texts = _TEXTS[key]
    text = texts.get(lang) or texts["nl"]
    return text.format(**values) if values else text


def keys() -> frozenset[str]:
    """Every key of the catalogue (tests check each has both languages)."""
    return frozenset(_TEXTS)


def language(code: str | None) -> str:
    """Our language for a Telegram/IETF language code: English for 'en*', Dutch otherwise."""
    return "en" if code and code.lower().startswith("en") else "nl"
