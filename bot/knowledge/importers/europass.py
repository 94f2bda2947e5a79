"""Importer for the Europass diplomasupplement (certificate supplement) format.

The text is a PDF converted to markdown: numbered upper-case section headings in mixed markup
(``**1. TITEL …**``, ``#### 5. OFFICIËLE …``, ``## 7. …``), subheadings as ``##### **…**``,
one-line paragraphs (a trailing double space is a hard line break), ``- `` bullets and a
tab-separated grading table. Section 3 lists the kerntaken (``Kerntaak 1: …``) with their
werkprocessen as bullets (``- 1.1 …``, titles only). A page ends with the Europass footer
(``* Toelichting`` … ``© Europese Gemeenschappen …``) and the next page repeats the current
section heading; a paragraph may run on across that page break.

Every other section (or subheading) becomes a fact whose key comes from ``_FACT_KEYS``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

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

# The grading scale (a tab-separated table) has no header row in the source.
_TABLE_COLUMNS: tuple[str, ...] = ("Cijfer", "Beoordeling")

_MD_HEADING = re.compile(r"^\s*#{1,6}\s+(.*)$")
_BOLD_LINE = re.compile(r"^\s*\*\*(.+)\*\*\s*$")
_NUMBERED = re.compile(r"^(\d+)\.\s+(.+)$")
_LANGUAGE = re.compile(r"\s*\((?:NL|EN|DE|FR)\)$")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+\))\s+(.*)$")
_KERNTAAK = re.compile(r"^Kerntaak\s+(\d+)\s*[:.]\s*(.+)$")
_WERKPROCES = re.compile(r"^(\d+)\.(\d+)\s+(.+)$")
_FOOTER_START = re.compile(r"^\*\s*Toelichting$")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_ESCAPE = re.compile(r"\\([\\*_#\[\]()<>`.-])")
_SENTENCE_END = (".", "!", "?", ":", ";")


@dataclass
class _Heading:
    line: int
    text: str
    number: int | None  # the section number of a numbered heading


@dataclass
class _Block:
    line: int
    kind: str  # "para", "bullet" or "row"
    text: str = ""
    cells: list[str] = field(default_factory=list)


@dataclass
class _Fact:
    key: str
    title: str
    printed: str
    line: int
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    order: list[str] = field(default_factory=list)  # field names in document order

    def add(self, name: str) -> None:
        """Record that the fact has this field (first appearance fixes the order)."""
        if name not in self.order:
            self.order.append(name)


def _link(match: re.Match[str]) -> str:
    label, url = match.group(1), match.group(2)
    bare = re.sub(r"^(?:https?://)?", "", url).rstrip("/")
    return label if bare == label.rstrip("/") else f"{label} ({url})"


def _inline(text: str) -> str:
    """Text without markdown markup, NBSP normalised and spaces collapsed."""
    text = text.replace("\u00a0", " ")
    text = _LINK.sub(_link, text)
    text = _AUTOLINK.sub(r"\1", text)
    text = text.replace("**", "").replace("__", "")
    text = _ESCAPE.sub(r"\1", text)
    return " ".join(text.split())


def _norm(heading: str) -> str:
    """A heading as a lookup key: no language marker, accents or case; single spaces."""
    heading = _LANGUAGE.sub("", heading)
    decomposed = unicodedata.normalize("NFKD", heading)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def _is_upper(text: str) -> bool:
    return any(ch.isalpha() for ch in text) and text == text.upper()


def _heading(raw: str, line: int) -> _Heading | None:
    """The heading on a line, or None: numbered upper-case, '#'-marked, or a known bold one."""
    match = _MD_HEADING.match(raw)
    body = match.group(1) if match else raw
    text = _inline(body)
    numbered = _NUMBERED.match(text)
    if numbered and _is_upper(numbered.group(2)):
        return _Heading(line, numbered.group(2), int(numbered.group(1)))
    if match or (_BOLD_LINE.match(body) and _norm(text) in _FACT_KEYS):
        return _Heading(line, text, None)
    return None


class _Tokens:
    """Headings and blocks of the text in order, with page furniture removed."""

    def __init__(self) -> None:
        self.events: list[_Heading | _Block] = []
        self.section: int | None = None
        self.after_break = False  # page furniture was skipped since the last block
        self.open: _Block | None = None
        self.continues = False  # the open paragraph runs on from before a page break

    def flush(self) -> None:
        """Close the open paragraph or bullet; join a paragraph cut by a page break."""
        block, self.open = self.open, None
        if block is None:
            return
        last = self.events[-1] if self.events else None
        if (
            self.continues
            and block.kind == "para"
            and isinstance(last, _Block)
            and last.kind == "para"
            and not last.text.endswith(_SENTENCE_END)
        ):
            last.text = f"{last.text} {block.text}"
        else:
            self.events.append(block)
        self.continues = False

    def start(self, line: int, kind: str) -> None:
        self.flush()
        self.open = _Block(line, kind)
        self.continues, self.after_break = self.after_break, False

    def text_line(self, raw: str, line: int) -> None:
        bullet = _BULLET.match(raw)
        if bullet:
            self.start(line, "bullet")
            raw = bullet.group(1)
        elif self.open is None:
            self.start(line, "para")
        assert self.open is not None
        text = _inline(raw)
        self.open.text = f"{self.open.text} {text}".strip()
        if raw.endswith("  ") and self.open.kind == "para":  # markdown hard line break
            self.flush()

    def heading(self, found: _Heading) -> None:
        self.flush()
        if found.number is not None and found.number == self.section:
            self.after_break = True  # the running header repeated on a new page
            return
        if found.number is not None:
            self.section = found.number
        self.after_break = False
        self.events.append(found)


def _tokens(text: str) -> list[_Heading | _Block]:
    """Walk the lines: headings, paragraphs, bullets and table rows, minus page furniture."""
    tokens = _Tokens()
    in_footer = False
    for line, raw in enumerate(text.splitlines(), start=1):
        clean = _inline(raw)
        if in_footer:
            if clean.startswith("©"):  # the Europass footer's last line
                in_footer, tokens.after_break = False, True
            continue
        if not clean:
            tokens.flush()
            continue
        if _FOOTER_START.match(clean):
            tokens.flush()
            in_footer = True
            continue
        found = _heading(raw, line)
        if found:
            tokens.heading(found)
        elif "\t" in raw.strip():
            tokens.flush()
            cells = [_inline(cell) for cell in raw.strip().split("\t")]
            tokens.events.append(_Block(line, "row", cells=[c for c in cells if c]))
        else:
            tokens.text_line(raw, line)
    tokens.flush()
    return tokens.events


def _is_lead_in(events: list[_Heading | _Block], i: int) -> bool:
    """A paragraph ending in ':' right before the kerntaak list ("De … taken … zijn:")."""
    block = events[i]
    following = events[i + 1] if i + 1 < len(events) else None
    return (
        isinstance(block, _Block)
        and block.text.endswith(":")
        and isinstance(following, _Block)
        and following.kind == "para"
        and _KERNTAAK.match(following.text) is not None
    )


def _fact_key(heading: str) -> str:
    """The fact key of a heading; an unknown heading gets a slug of its own text."""
    key = _FACT_KEYS.get(_norm(heading))
    if key:
        return key
    return re.sub(r"[^a-z0-9]+", "-", _norm(heading)).strip("-")


class _Builder:
    """Assign blocks to kerntaken, werkprocessen and facts, in document order."""

    def __init__(self, source_id: str) -> None:
        self.source_id = source_id
        self.entries: list[dict[str, Any] | _Fact] = []
        self.facts: dict[str, _Fact] = {}
        self.heading: _Heading | None = None  # heading whose content is not placed yet
        self.fact: _Fact | None = None
        self.kerntaak: tuple[str, str] | None = None  # (number, id)

    def start_heading(self, heading: _Heading) -> None:
        self.heading, self.fact, self.kerntaak = heading, None, None

    def target(self) -> _Fact:
        """The fact that receives content: created (or merged into) at its first content."""
        if self.fact is not None:
            return self.fact
        heading = self.heading
        if heading is None:
            raise ValueError("content before the first heading")
        key = _fact_key(heading.text)
        fact = self.facts.get(key)
        if fact is None:
            title = _LANGUAGE.sub("", heading.text)  # the fact holds every language version
            fact = _Fact(key, title, heading.text, heading.line)
            self.facts[key] = fact
            self.entries.append(fact)
        else:  # a second heading with the same key: keep its heading inside the text
            fact.paragraphs.append(heading.text)
            fact.add("tekst")
        self.fact = fact
        return fact

    def block(self, block: _Block) -> None:
        if block.kind == "para" and self.task(block):
            return
        if block.kind == "bullet" and self.werkproces(block):
            return
        fact = self.target()
        if block.kind == "row":
            fact.rows.append(block.cells)
            fact.add("tabel")
        elif block.kind == "bullet":
            fact.bullets.append(block.text)
            fact.add("lijst")
        else:
            fact.paragraphs.append(block.text)
            fact.add("tekst")

    def task(self, block: _Block) -> bool:
        match = _KERNTAAK.match(block.text)
        if not match:
            return False
        number, title = match.groups()
        item_id = f"{self.source_id}:K{number}"
        self.kerntaak = (number, item_id)
        self.entries.append(
            {
                "id": item_id,
                "type": "kerntaak",
                "code": f"K{number}",
                "title": title,
                "line": block.line,
            }
        )
        return True

    def werkproces(self, block: _Block) -> bool:
        match = _WERKPROCES.match(block.text)
        if not match or self.kerntaak is None or match.group(1) != self.kerntaak[0]:
            return False
        code = f"{match.group(1)}.{match.group(2)}"
        self.entries.append(
            {
                "id": f"{self.source_id}:{code}",
                "type": "werkproces",
                "code": code,
                "parent": self.kerntaak[1],
                "title": match.group(3),
                "line": block.line,
            }
        )
        return True


def _fields(fact: _Fact) -> dict[str, Any]:
    """The fact's fields in the order they first appear in the document."""
    values: dict[str, Any] = {
        "tekst": "\n\n".join(fact.paragraphs),
        "lijst": fact.bullets,
        "tabel": _table(fact.rows),
    }
    return {name: values[name] for name in fact.order}


def _table(rows: list[list[str]]) -> dict[str, Any]:
    """Tab-separated rows as a table field, short rows padded to the widest."""
    width = max((len(row) for row in rows), default=0)
    columns = (
        list(_TABLE_COLUMNS)
        if width == len(_TABLE_COLUMNS)
        else [f"Kolom {i}" for i in range(1, width + 1)]
    )
    return {"kolommen": columns, "rijen": [row + [""] * (width - len(row)) for row in rows]}


def _fact_item(fact: _Fact, source_id: str) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": f"{source_id}:{fact.key}",
        "type": "fact",
        "code": fact.key,
        "title": fact.title,
    }
    if fact.printed != fact.title:
        item["source_title"] = fact.printed
    item["line"] = fact.line
    item["fields"] = _fields(fact)
    return item


def _source_title(facts: dict[str, _Fact]) -> str:
    """'Europass diplomasupplement <kwalificatie> (crebo N, year)' from the document itself."""
    text = "\n\n".join("\n\n".join(fact.paragraphs) for fact in facts.values())
    title = "Europass diplomasupplement"
    qualification = re.search(r"^Kwalificatie:\s*(.+)$", text, re.MULTILINE)
    if qualification:
        title += f" {qualification.group(1)}"
    details = []
    crebo = re.search(r"\(crebo\):?\s*(\d+)", text)
    if crebo:
        details.append(f"crebo {crebo.group(1)}")
    year = re.search(r"vanaf \d{1,2} \w+ (\d{4})", text)
    if year:
        details.append(year.group(1))
    return f"{title} ({', '.join(details)})" if details else title


def parse(text: str, source_id: str) -> dict[str, Any]:
    """Parse a Europass diplomasupplement text into source data and items."""
    events = _tokens(text)
    builder = _Builder(source_id)
    for i, event in enumerate(events):
        if isinstance(event, _Heading):
            builder.start_heading(event)
        elif not _is_lead_in(events, i):
            builder.block(event)
    items = [
        entry if isinstance(entry, dict) else _fact_item(entry, source_id)
        for entry in builder.entries
    ]
    return {
        "source": {"id": source_id, "title": _source_title(builder.facts)},
        "items": items,
    }
