"""Everyday chat that is not a dossier question: greetings, thanks, 'ok', 'help', 'terug'.

A whole message of small talk gets a short reply of its own; a greeting or thanks in front of
a question ("hoi, wat is wp 3.5") is taken off and the question answered. Patterns match the
folded message without punctuation or emoji.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.search.text import fold

Talk = Literal[
    "greeting", "how_are_you", "thanks", "ok", "yes", "no", "not_meant", "who", "what_can",
    "help", "back", "menu", "bye", "laugh", "number", "nothing",
]  # fmt: skip

_BOT = r"(?:\s+(?:bot|dossierbot|daar|allemaal|jij|jullie|there|all))?"
_PATTERNS: tuple[tuple[Talk, str], ...] = (
    (
        "not_meant",
        r"(?:nee|neen|no|nope)?\s*,?\s*(?:dat|dit|that|this)?\s*(?:is|was|'s)?\s*"
        r"(?:niet|not)\s+(?:wat ik (?:bedoel|bedoelde|zocht|vroeg)|what i (?:meant|mean|asked"
        r"|was looking for))|(?:dat|dit) (?:bedoel|bedoelde) ik niet|verkeerd(?:e)?(?: antwoord)?"
        r"|klopt niet|(?:fout|wrong)(?: answer| antwoord)?|(?:dat|dit) is het niet"
        r"|nee (?:dat|dit|die) (?:niet|bedoel ik niet)|not (?:that|this) one|niet die",
    ),
    (
        "how_are_you",
        r"(?:(?:hoi|hallo|hey|hi|hoy|yo)\s+)?(?:bot\s+)?(?:hoe gaat (?:het|ie)"
        r"(?: met (?:je|jou|u))?|alles (?:goed|oke|ok)|how are you(?: doing)?|how is it going"
        r"|hoe is het)",
    ),
    (
        "greeting",
        rf"(?:hoi+|hallo+|hey+|hee+|hi+|hai|hoy|yo+|hello|heey|hoihoi|dag|hallo daar"
        rf"|goeie?morgen|goedemorgen|goedemiddag|goedenavond|goeiemiddag|morgen|middag|avond"
        rf"|good (?:morning|afternoon|evening)|moi|salut|hola){_BOT}",
    ),
    (
        "thanks",
        r"(?:(?:oke?|ok|top|super|nice|mooi|cool|ah)\s+)?(?:bedankt|dankje(?:wel)?"
        r"|dank je(?: wel)?|dankuwel|dank u(?: wel)?|thanks?(?: you| a lot| so much)?|thx|thnx"
        r"|tnx|thanx|ty|tyvm|merci|dankzij jou|heel erg bedankt|super bedankt|top bedankt"
        r"|many thanks|cheers)(?:\s+(?:hoor|he|bot|man|voor de hulp|for the help|!))?",
    ),
    (
        "ok",
        r"oke+|ok+|okay|okido|okidoki|oki|k|prima|goed|ah+|aha+|ah oke|duidelijk|snap (?:het|em)"
        r"|got it|cool|mooi|top|nice|helder|begrepen|understood|fine|great|perfect|chill|lekker"
        r"|i see|alright|all right|gezien|check",
    ),
    (
        "yes",
        r"ja+|jaa+|jawel|yes+|yep|jep|jup|ja graag|ja hoor|ja doe maar|doe maar|sure|zeker"
        r"|graag|please|yes please|ja please|klopt|correct|dat klopt|inderdaad|precies",
    ),
    (
        "no",
        r"nee+|neen|no+|nope|nah|nee hoor|nee dank je|nee bedankt|no thanks|laat maar"
        r"|hoeft niet|never mind|nevermind",
    ),
    (
        "who",
        r"wie (?:ben|bent) (?:jij|je|u)|wat (?:ben|bent) (?:jij|je|u)|wie heeft (?:jou|je)"
        r" gemaakt|wie maakte (?:jou|je)|ben (?:jij|je) een (?:bot|mens|robot|ai|docent)"
        r"|who are you|what are you|who made you|are you (?:a )?(?:bot|human|robot|ai)"
        r"|wat is (?:dit|dossierbot)|what is (?:this|dossierbot)|hoe heet (?:jij|je)"
        r"|what'?s your name",
    ),
    (
        "what_can",
        r"wat (?:kan|kun|kunt) (?:jij|je|u)(?: allemaal| zoal| eigenlijk)?(?: doen)?"
        r"|wat doe (?:jij|je)(?: allemaal)?|hoe werkt (?:dit|het|deze bot|dat)|hoe werk (?:jij|je)"
        r"|wat moet ik (?:doen|vragen|typen)|wat kan ik (?:vragen|doen)|what can (?:you|i) do"
        r"|what do you do|how does (?:this|it) work|how do (?:i|you) use (?:this|you|it)"
        r"|waar kan (?:jij|je) mee helpen|what can i ask|uitleg bot",
    ),
    (
        "help",
        r"help+|hulp|helpen|help me|help mij|ik snap (?:het|er) niks(?: van)?|ik snap het niet"
        r"|ik begrijp het niet|i don'?t understand|sos|info|instructies|instructions",
    ),
    ("back", r"terug|ga terug|back|go back|vorig (?:antwoord|bericht)|previous answer"),
    ("menu", r"menu|hoofdmenu|main menu|home|start|begin|opnieuw|reset|start over|begin opnieuw"),
    (
        "bye",
        r"doei+|doeg|dag dag|bye+|bye bye|tot ziens|tot later|later|ciao|fijne dag"
        r"|slaap lekker|welterusten|see you|goodbye|good night|ik ga|ik ben weg|houdoe",
    ),
    ("laugh", r"(?:ha)+h?|(?:he)+h?|hihi+|lol+|lmao|xd+|grappig|funny"),
)
_COMPILED = tuple((talk, re.compile(rf"(?:{pattern})")) for talk, pattern in _PATTERNS)
_LEADING = re.compile(
    r"^(?:(?:hoi+|hallo+|hey+|hi|hai|yo|hello|goedemorgen|goedemiddag|goedenavond|"
    r"oke?|ok|okay|bedankt|dankje(?:wel)?|dank je(?: wel)?|thanks|thx|top|super|nice|ah|"
    r"ja|nee)(?:\s+(?:bot|dossierbot))?\s*[,!.:;]*\s+)+"
)
_NOT_WORD = re.compile(r"[^\w\s']+")
_ACK = re.compile(r"^(?:oke?|ok|okay|top|super|ja|nee|thx|bedankt|dankje|cool|mooi|nice)\s+")


def normalise(text: str) -> str:
    """Folded, emoji and punctuation gone, spaces single."""
    return " ".join(_NOT_WORD.sub(" ", fold(text)).split())


def small_talk(text: str) -> Talk | None:
    """The kind of small talk a whole message is, or None when it asks something."""
    plain = normalise(text)
    if not plain:
        return "ok" if text.strip() else None  # only emoji or punctuation: a reaction
    if plain.isdigit():
        return "number"
    for talk, pattern in _COMPILED:
        if pattern.fullmatch(plain):
            return talk
    rest = _ACK.sub("", plain, count=1)  # "ok doei", "top bedankt", "ja hoi"
    if rest != plain and rest:
        return small_talk(rest)
    return None


def without_greeting(text: str) -> str:
    """The question after a leading greeting or thanks ('hoi, wat is wp 3.5' -> 'wat is ...')."""
    folded = fold(text).lstrip()
    stripped = _LEADING.sub("", folded, count=1)
    return text if stripped == folded else stripped  # search folds the question anyway
