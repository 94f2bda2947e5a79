"""Kinds of questions that no dossier answers, whatever words they share with it.

A sum with numbers, a tax rate, someone's pay, an exam date or a school rule, a company's
facts, product advice, or the student's own homework can share words with the dossier
("marge", "btw", "examen", "bol", "webshop", "opdracht") and still be outside it. Each kind
has its own hint in the refusal (the school's examenplan for exam dates, ...). The ranking's
coverage test catches the rest.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.search.text import fold

OffTopic = Literal[
    "sum", "price", "rate", "pay", "school", "company", "product", "own_work", "world"
]

_MINE = r"(?:mijn|mn|m'n|my|onze|our)"
_KINDS: tuple[tuple[OffTopic, str], ...] = (
    # Sums: "15 keer 17", "bereken de marge als inkoop 30 ...", "15% korting op 80 euro".
    ("sum", r"\b\d+\s*(?:keer|maal|x|\*|plus|min|gedeeld door|times|divided by|\+|/)\s*\d+\b"
     r"|\b\d+\s*%\s*(?:van|of|korting|discount)|\b[a-z]\s*\^\s*\d|\b\d*[a-z]\s*[-+*/]\s*\d+\s*="
     r"|\b(?:bereken|berekenen|reken|uitrekenen|calculate|compute|work out)\b.*\d"
     r"|\b\d+\s*(?:euro|eur|dollar)\b|[€$]\s*\d|\bpythagoras"),
    # Prices and costs: "hoeveel kost het om een container te verschepen".
    ("price", r"\b(?:hoeveel|wat) kost\w*\b|\bwat is de prijs van\b|\bprijs van een\b"
     r"|\bhow much (?:does|do|is|are)\b.{0,40}\bcosts?\b|\bwhat does .{0,40}\bcost\b"),
    # Tax and other rates: "hoeveel btw ...", "9 of 21 procent".
    ("rate", r"\b(?:btw|vat|belasting|tax)\w*\b.{0,40}(?:\d|procent|percent|tarief|rate|hoog)"
     r"|\b(?:hoeveel|how much|tarief|percentage|rate)\b.{0,25}\b(?:btw|vat|belasting|tax)"
     r"|\b\d+\s*(?:of|or)\s*\d+\s*(?:procent|percent|%)"),
    # Pay: amounts, not the dossier's arbeidsvoorwaarden ("geld verdienen" is a business aim).
    ("pay", r"\b(?:salaris|salary|wage|uurloon|minimumloon|stagevergoeding|brutoloon|nettoloon)"
     r"|\bhoeveel\b.{0,40}\b(?:verdien\w*|krijg|betaal\w*|loon|vergoeding)\b"
     r"|\bwat verdien|\bverdient (?:een|je|u)\b|\bhow much\b.{0,40}\b(?:earn|paid|pay|make)\b"
     r"|\b(?:earns?|paid)\b.{0,20}\b(?:per|a) (?:month|hour|year)"),
    # The student's school: dates, timetables, rules (the examenplan and the teacher know).
    ("school", r"\b(?:wanneer|hoe laat|when|what time)\b.{0,40}\b(?:\w*examen\w*|\w*toets\w*"
     r"|tentamen|herkansing\w*|proeve|pvb|les|lessen|rooster|vakantie|zomervakantie|diploma\w*|uitreiking"
     r"|open dag|stage begint|school)\b|\bherkansing|\bschoolrooster|\blesrooster"
     r"|\b(?:tijdens|in) de (?:les|klas|pauze)\b|\bschoolregels|\bte laat komen\b"
     r"|\bspijbel|\bvakantie|\bholiday|\bwelke dag\b|\bwhich day\b"
     r"|\bvandaag\b|\btoday\b"),
    # Facts of a named company or website: "wie is de ceo van bol.com", "omzet van coolblue".
    ("company", r"\b(?:ceo|directeur|eigenaar|oprichter|founder|owner)\s+(?:van|of)\b"
     r"|\b(?:omzet|winst|revenue|profit|beurskoers|aandeel)\s+(?:van|of)\s+[a-z]"
     r"|\bhoeveel\s+(?:winkels|filialen|vestigingen|werknemers|medewerkers|personeel"
     r"|klanten|stores|employees)\s+(?:heeft|hebben|has|have)\b|\b\w+\.(?:com|nl|be|de|eu)\b"),
    # Product and tool advice.
    ("product", r"\bwat is beter\b|\bwhich is better\b|\b(?:welke|which|what)\b.{0,30}"
     r"\b(?:moet ik kopen|kan ik (?:het )?(?:best|beste|beter) kopen|zal ik kopen|raad je aan"
     r"|zou je aanraden|should i buy|do you recommend)\b|\b(?:welke|wat voor|which|what)\s+"
     r"(?:laptop|telefoon|iphone|printer|tablet|pc|computer|software|app|tool)\b"
     r"|\b(?:welke|wat voor|which|what)\s+\w+\s+(?:is|zijn|are)\s+(?:het |de |the )?"
     r"(?:beste|beter|goedkoopste|best|cheapest)\b"),
    # Doing the student's own work: homework, a report, a cv.
    ("own_work", r"\bhuiswerk\b|\bhomework\b|\bessay\b|\bwerkstuk\b"
     rf"|\b(?:maak|schrijf|doe|check|verbeter|controleer|corrigeer|beoordeel|make|write|do|fix)"
     rf"\b.{{0,30}}\b{_MINE}\b.{{0,30}}\b(?:opdracht|verslag|werkstuk|presentatie|cv|brief"
     rf"|portfolio|sollicitatie\w*|motivatie\w*|stageverslag|bpv-?verslag|assignment|report)\b"
     rf"|\b{_MINE} (?:cv|sollicitatiebrief|motivatiebrief|stageverslag)\b.{{0,20}}"
     r"\b(?:nakijken|checken|verbeteren|schrijven|maken|lezen|check|write|read)\b"
     r"|\b(?:schrijf|schrijven|maak|maken|doe|doen)\b.{0,40}\bvoor (?:me|mij)\b"
     r"|\bvoor (?:me|mij)\b.{0,40}\b(?:schrijven|maken|doen)\b"
     r"|\b(?:write|do|make)\b.{0,40}\bfor me\b|\bwrite my\b"),
    # The world outside: news, weather, games, sport, politics, recipes, jokes, poems.
    ("world", r"\bhoe laat is het\b|\bwhat time is it\b|\bnieuws\b|\bnews\b|\bverkiezingen"
     r"|\belections?\b|\bweer\b.*\b(?:morgen|vandaag)\b"
     r"|\bweather\b|\bminecraft|\bfortnite|\bvoetbal|\bfootball|\bkoning\b|\bpresident\b"
     r"|\bpremier\b|\bhoofdstad|\bcapital of\b|\brecept\b|\brecipe|\bkoken\b|\bbakken\b|\bcook\b"
     r"|\bwie won\b|\bwho won\b|\buitslag|\bgedicht|\bpoem\b|\bmop\b|\bjoke\b|\bwereldreis"
     r"|\bschrijf (?:een|me|mij)\b|\bwrite (?:a|me)\b|\b(?:mijn|mn|my)\s+(?:cijfer|cijfers|grade"
     r"|grades)\b|\bwelk cijfer (?:heb|krijg|haal|had|kreeg) ik\b|\b(?:mijn|mn|my)\s+gemiddelde\b"
     r"|\baverage grade"),
)  # fmt: skip
_COMPILED = tuple((kind, re.compile(pattern)) for kind, pattern in _KINDS)


def off_topic(question: str) -> OffTopic | None:
    """The kind of question the dossier never answers that this one is, or None."""
    text = fold(question)
    for kind, pattern in _COMPILED:
        if pattern.search(text):
            return kind
    return None
