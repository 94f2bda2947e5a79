"""Section headings and subheadings, and the fact key each one files its content under."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.knowledge.importers.europass.markup import inline

# Section headings and subheadings (normalised by _norm) -> fact key. The keys are ours; the
# headings are the Europass template's. Two headings may share a key: the later one is then
# merged into the earlier fact under its own heading, so nothing of the document is lost.
_FACT_KEYS: dict[str, str] = {
    "titel van het certificaat": "titel",
    "vertaalde titel van het certificaat": "titel",  # the English title, no item of its own
    "beschrijving vaardigheden en competenties": "vaardigheden",  # kerntaken; prose only
    "reeks beroepen toegankelijk voor de houder van het certificaat": "beroepen",
    "officiele grondslag van het document": "officieel",  # only subheadings below it
    "naam en rechtspositie van de opleidingsinstelling die het certificaat toekent": (
        "instanties"
    ),
    "naam en rechtspositie van de nationale/regionale instantie die de accreditatie/erkenning"
    " van het certificaat verzorgt": "instanties",
    "niveau van het diploma (nationaal of internationaal)": "niveau",
    "beoordelingscore / minimumvereisten": "beoordeling",
    # commercie-2015 line 98 prints the typo "vervolgoedingen"; the item keeps it as its title.
    "toegang tot vervolgoedingen/beroepen": "vervolg",
    "toegang tot vervolgopleidingen/beroepen": "vervolg",
    "internationale overeenkomsten": "internationaal",
    "juridische grondslag": "grondslag",
    "erkende leerwegen om het certificaat te verkrijgen": "leerwegen",
    "gemiddelde duur van het onderwijs/de opleiding die tot het certificaat heeft geleid": "duur",
    "toelatingseisen": "toelating",
    "aanvullende informatie": "aanvullend",
}

_MD_HEADING = re.compile(r"^\s*#{1,6}\s+(.*)$")
_BOLD_LINE = re.compile(r"^\s*\*\*(.+)\*\*\s*$")
_NUMBERED = re.compile(r"^(\d+)\.\s+(.+)$")
_LANGUAGE = re.compile(r"\s*\((?:NL|EN|DE|FR)\)$")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class Heading:
    """A heading: its line, its text and, for a numbered section, the section number."""

    line: int
    text: str
    number: int | None


def without_language(heading: str) -> str:
    """A heading without its language marker ('(NL)')."""
    return _LANGUAGE.sub("", heading)


def _norm(heading: str) -> str:
    """A heading as a lookup key: no language marker, accents or case; single spaces."""
    decomposed = unicodedata.normalize("NFKD", without_language(heading))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def _is_upper(text: str) -> bool:
    """Whether the text has letters and all of them are capitals."""
    return any(ch.isalpha() for ch in text) and text == text.upper()


def find_heading(raw: str, line: int) -> Heading | None:
    """The heading on a line, or None: numbered upper-case, '#'-marked, or a known bold one."""
    match = _MD_HEADING.match(raw)
    body = match.group(1) if match else raw
    text = inline(body)
    numbered = _NUMBERED.match(text)
    if numbered and _is_upper(numbered.group(2)):
        return Heading(line, numbered.group(2), int(numbered.group(1)))
    if match or (_BOLD_LINE.match(body) and _norm(text) in _FACT_KEYS):
        return Heading(line, text, None)
    return None


def fact_key(heading: str) -> str:
    """The fact key of a heading; an unknown heading gets a slug of its own text."""
    key = _FACT_KEYS.get(_norm(heading))
    if key:
        return key
    return _NOT_SLUG.sub("-", _norm(heading)).strip("-")
