"""Kinds of questions that no dossier answers, whatever words they share with it.

A question about pay, school schedules, the clock, sums, or a request to write a poem can
share words with the dossier ("accountmanager", "examen") and still be outside it. These
patterns name such kinds of question; the ranking's coverage test catches the rest.
"""

from __future__ import annotations

import re

from bot.search.text import fold

_PATTERNS = (
    # arithmetic: "15 keer 17", "3 + 4", "what is 12 times 7"
    r"\b\d+\s*(?:keer|maal|x|\*|plus|min|gedeeld door|times|divided by|\+|/)\s*\d+\b",
    # percentages of numbers, equations and prices
    r"\b\d+\s*%\s*(?:van|of)\s*\d+|\b[a-z]\s*\^\s*\d|\b\d*[a-z]\s*[-+*/]\s*\d+\s*=",
    r"\bhuiswerk\b|\bhomework\b|\bessay\b|\bwerkstuk\b",
    # the student's own grades and results
    r"\b(?:welk|mijn|mn|my)\s+(?:cijfer|cijfers|grade|grades)\b",
    r"\b(?:mijn|mn|my)\s+gemiddelde\b|\baverage grade|\bpythagoras|\bwereldreis",
    # news and current affairs
    r"\bnieuws\b|\bnews\b|\bverkiezingen|\belections?\b",
    r"\b\d+\s*(?:euro|eur|dollar)\b|[€$]\s*\d",
    # pay and money for the student personally
    r"\bsalaris|\bverdien|\bloon\b|\bsalary|\bwage|\bearn\b|\bearns\b|\buurloon|\bbruto\b",
    # timetables, dates and the clock
    r"\bhoe laat\b|\bwhat time\b|\bherkansing|\bschoolrooster|\blesrooster|\bvakantie|\bholiday",
    r"\bwelke dag\b|\bwhich day\b|\bvandaag\b|\btoday\b",
    # creative or personal requests
    r"\bschrijf (?:een|me|mij)\b|\bwrite (?:a|me)\b|\bgedicht|\bpoem\b|\bmop\b|\bjoke\b",
    r"\bhoe gaat (?:het|ie)\b|\bhow are you\b|\bwie ben je\b|\bwho are you\b",
    # doing the student's own work for them
    r"\b(?:schrijf|schrijven|maak|maken|doe|doen)\b.{0,40}\bvoor (?:me|mij)\b",
    r"\bvoor (?:me|mij)\b.{0,40}\b(?:schrijven|maken|doen)\b",
    r"\b(?:write|do|make)\b.{0,40}\bfor me\b|\bwrite my\b",
    # weather, games, celebrities, politics
    r"\bweer\b.*\b(?:morgen|vandaag)\b|\bweather\b|\bminecraft|\bfortnite|\bvoetbal|\bfootball",
    r"\bkoning\b|\bpresident\b|\bpremier\b|\bhoofdstad|\bcapital of\b",
    r"\brecept\b|\brecipe|\bkoken\b|\bbakken\b|\bcook\b|\bwie won\b|\bwho won\b|\buitslag",
    # tax rates and law outside the dossier
    r"\b(?:btw|vat|belasting|tax)\w*\s?(?:tarief|percentage|rate|hoog)",
    r"\b(?:tarief|percentage|rate)\s(?:of|van|voor)?\s?(?:de\s|the\s)?(?:btw|vat|belasting|tax)",
)
_OFF_TOPIC = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))


def is_off_topic(question: str) -> bool:
    """True when the question is of a kind the dossier never answers."""
    return bool(_OFF_TOPIC.search(fold(question)))
