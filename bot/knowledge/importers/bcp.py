"""Importer for ECABO beroepscompetentieprofielen (BCP), format ``bcp-2010``.

The text is a PDF extraction of a two-column document:

- front matter: a preface, ``Inleiding``, ``Colofon`` and its ``Sectorraad …`` and
  ``Brondocumenten`` pages (front headings are whole lines of a fixed vocabulary);
- numbered chapters: ``1 Algemene informatie over het beroep`` with sections ``1.1``–``1.4``
  whose rows carry a label in the left column (``Werkomgeving``, ``Complexiteit``, …),
  ``2 Overzicht van kerntaken en werkprocessen`` and ``3 Beschrijving van de kerntaken`` with
  one section per kerntaak (``3.1 Kerntaak 1 …``);
- per werkproces the left column (``Beschrijving werkproces:``) comes out before the right
  column (code + title, ``Competenties:``), and the part of the description that did not fit
  spills in after the competency list.

A line holding only spaces is an empty paragraph of the original, i.e. a real paragraph break;
an empty line is an extraction artefact (cell or page boundary) and never ends a paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bot.knowledge.competencies import canonical_competency, competency_entry

# Front-matter headings that start an item of their own; other front headings (the Sectorraad
# page, Brondocumenten) become labelled paragraphs of the item before them.
_FRONT_ITEMS = {"Inleiding": "inleiding", "Colofon": "colofon"}
_FRONT_HEADING = re.compile(r"^(?:Inleiding|Colofon|Brondocumenten|Sectorraad \S+)$")

# Row labels of the left column in the colofon and in chapter 1 (fixed by the BCP template).
_COLOFON_LABELS = (
    "Ontwikkeld door",
    "In opdracht van",
    "Verantwoording",
    "Geraadpleegde praktijkdeskundigen en organisaties",
)
_PEOPLE_TABLE_LABEL = "Geraadpleegde praktijkdeskundigen en organisaties"
_SECTION_LABELS = (
    "Werkomgeving",
    "Typerende beroepshouding",
    "Rol en verantwoordelijkheden",
    "Complexiteit",
    "Wettelijke beroepsvereisten",
    "Branche vereisten",
    "Nederlands en (moderne) vreemde talen",
    "Rekenen/ wiskunde",
    "Arbeidsmarkt",
    "Kwantitatieve gegevens",
    "Wetgeving en regelgeving",
    "Ontwikkelingen in de beroepsuitoefening",
)

_BULLET = re.compile(r"^[-•–]\s*")
_KEY_VALUE = re.compile(r"^[A-Z]\w*(?: \w+){0,2}:(?:\s+\S|$)")  # 'Op: 27 september 2010'
_KEY_ONLY = re.compile(r"^[A-Z]\w*(?: \w+){0,2}:$")  # 'Geaccordeerd door:' with its value below
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")  # page numbers and the footnote marker line
_URL = re.compile(r"^https?://\S+$")  # hyperlink targets the PDF extraction appends
_CHAPTER = re.compile(r"^(\d+)\s+([A-Z].*)$")
_KERNTAAK_TITLE = re.compile(r"^Kerntaak\s+(\d+)\s+(.*)$")
_OVERVIEW_KERNTAAK = re.compile(r"^Kerntaak\s+(\d+)\s*(.*)$")
_OVERVIEW_WERKPROCES = re.compile(r"^(\d+\.\d+)\s+(\S.*)$")
_DESCRIPTION = re.compile(r"^Beschrijving werkproces\b:?\s*(.*)$")
_TOELICHTING = re.compile(r"^Toelichting\b:?\s*(.*)$")
_WP_LABELS = (
    ("competenties", re.compile(r"^Competenties\b:?\s*(.*)$")),
    ("resultaat", re.compile(r"^Resultaat\b:?\s*(.*)$")),
    # "Vakkennis en vakvaardigheden", once misprinted "Vakkennis en vaardigheiden" (1125).
    ("vakkennis", re.compile(r"^Vakkennis en \S+()$")),
    ("kennis", re.compile(r"^Kennis van\b:?\s*(.*)$")),
    ("vaardigheden", re.compile(r"^Vaardigheden\b:?\s*(.*)$")),
)
_PERSON = re.compile(r"^(?:(?:Dhr|Mevr|Mw|Mr)\.\s|Vacant\b)")
_PERSON_NAME = re.compile(
    r"^((?:Dhr|Mevr|Mw|Mr)\.\s+(?:[A-Z]\.)+\s+(?:(?:van|de|der|den|ter|ten|te|het)\s+)*\S+)"
    r"\s+(\S.*)$"
)
_PEOPLE_HEADER = re.compile(r"^Naam\s+Werkzaam\b")
_PEOPLE_GROUP = re.compile(r"^Namens\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass(frozen=True)
class FlatTable:
    """A table or diagram the extraction flattened into text, with its cells spelled out.

    Its cells are only used when their text, without spaces and arrow glyphs, occurs in the
    source exactly and on whole lines: the constant supplies where the columns split, never
    words of its own. ``as_list`` renders the rows as list entries ("row — column: cell").
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    as_list: bool = False

    @property
    def key(self) -> str:
        return _squeeze("".join(self.columns + tuple(c for row in self.rows for c in row)))


# Layouts whose column boundaries the text no longer shows (single spaces between cells, cells
# broken over lines in a different order). Lines 39–55: the standard BCP schema in the Inleiding.
# Lines 406–447: the career ladder (arrows dropped; the indentation puts "Vertegenwoordiger" in
# the Salesmanagement column). Lines 459–513: junior accountmanager vs vertegenwoordiger.
_FLAT_TABLES = (
    FlatTable(
        (
            "Bedrijfsleven",
            "Kenniscentra in samenwerking met onderwijs en bedrijfsleven",
            "Onderwijs",
        ),
        (
            (
                "Beroeps-competentieprofielen",
                "Opleidingseisen in kwalificatiedossier",
                "Concrete opleidingen en examens",
            ),
        ),
    ),
    FlatTable(
        ("Accountmanagement", "Salesmanagement", "werk- en denkniveau c.q. opleidingsniveau"),
        (
            ("Account director", "Sales director", "wo"),
            ("Key accountmanager", "Sales manager", "hbo/wo"),
            ("Accountmanager", "Verkoopleider", "hbo"),
            ("Junior accountmanager", "", "mbo (niveau 4)"),
            ("", "Vertegenwoordiger/ Commercieel medewerker buitendienst", "mbo (niveau 3)"),
        ),
    ),
    FlatTable(
        ("", "Junior accountmanager", "Vertegenwoordiger/ Commercieel medewerker buitendienst"),
        (
            (
                "klantenkring",
                "alleen business-to-business",
                "zowel business-to-business als business-to-consumer",
            ),
            ("wijze van verkopen", "gericht op relatie en waardepropositie", "productgericht"),
            ("verkoopproces", "diepgang, complexer", "oppervlakkig, minder complex"),
            (
                "doelstelling(en)",
                "succes op korte en langere termijn",
                "succes direct c.q. op kortere termijn",
            ),
            (
                "producten/diensten",
                "oplossingen; eindproduct is bij de start vaak niet volledig bekend",
                "standaardproducten, volumeverkopen",
            ),
            (
                "contactintensiviteit",
                "intensief contact met een (beperkt) aantal klanten/accounts",
                "snel contact met veel/meerdere klanten",
            ),
            (
                "aantal contactpersonen binnen een organisatie",
                "meerdere (DMU)",
                "enkele (vaak alleen de inkoper)",
            ),
            (
                "verkoopperspectief",
                "invulling vanuit de klant, aansluiting op klantwaarde",
                "eigen producten/diensten",
            ),
            (
                "Samenwerking met collega’s",
                "werkt in teamverband (accountteam)",
                "werkt individueel",
            ),
        ),
        as_list=True,
    ),
)


@dataclass(frozen=True)
class Line:
    """One source line: its 1-based number, raw text (furniture blanked) and clean text."""

    no: int
    raw: str
    text: str

    @property
    def is_break(self) -> bool:
        """An empty paragraph of the original: a real paragraph break."""
        return self.raw != "" and not self.text


@dataclass
class Block:
    """A heading with the lines below it."""

    title: str
    line: int
    lines: list[Line]
    number: str = ""


@dataclass
class Werkproces:
    code: str
    line: int
    title: str = ""
    description: list[Line] = field(default_factory=list)
    competencies: list[str] = field(default_factory=list)
    result: list[Line] = field(default_factory=list)
    knowledge: list[Line] = field(default_factory=list)
    skills: list[Line] = field(default_factory=list)


@dataclass
class Kerntaak:
    number: str
    line: int
    title: str
    werkprocessen: list[Werkproces] = field(default_factory=list)
    toelichting: list[Line] = field(default_factory=list)


# --------------------------------------------------------------------------- text helpers


def _clean(text: str) -> str:
    """One line of text: NBSP as space, runs of spaces collapsed, ends stripped."""
    return " ".join(text.replace("\u00a0", " ").split())


def _squeeze(text: str) -> str:
    """Text without whitespace and diagram arrows, to compare layouts."""
    return re.sub(r"[\s↑>]", "", text)


def _line(no: int, raw: str) -> Line:
    return Line(no, raw, _clean(raw))


def _with_text(line: Line, text: str) -> Line:
    """The line with its text replaced by a remainder, keeping how the raw line ends."""
    tail = line.raw[len(line.raw.rstrip()) :] if text else ""
    return Line(line.no, text + tail, _clean(text))


def _join(text: str, prev: Line, nxt: str) -> str:
    """Join a wrapped line: a hyphen right at the line end is kept and glued ('ECABO-domein')."""
    return text + nxt if prev.raw.endswith("-") else f"{text} {nxt}"


def _join_lines(lines: list[Line]) -> str:
    """The non-blank lines as one line of text."""
    out, prev = "", None
    for line in lines:
        if line.text:
            out = _join(out, prev, line.text) if prev else line.text
            prev = line
    return out


def _width(lines: list[Line]) -> int:
    """The column width of a block of text: its longest line."""
    return max((len(line.text) for line in lines), default=0)


def _hard_break(prev: Line, nxt: str, width: int) -> bool:
    """Did a sentence end the line although the next word would have fitted behind it?
    A question ending a line is one of the template's guiding questions: its answer follows."""
    if _KEY_ONLY.match(prev.text) or not prev.text.endswith((".", "?", "!", ":")):
        return False
    if prev.text.endswith("?"):
        return True
    word = nxt.split()[0]
    return len(prev.text) + 1 + len(word) <= width * 0.9


def _paragraphs(lines: list[Line], width: int | None = None) -> list[str]:
    """Paragraphs of prose; bullets and 'Key: value' lines stay lines of their paragraph."""
    width = width or _width(lines)
    paragraphs: list[list[str]] = [[]]
    cur: str | None = None
    prev: Line | None = None
    bullet = False

    def flush() -> None:
        nonlocal cur
        if cur:
            paragraphs[-1].append(cur)
        cur = None

    def new_paragraph() -> None:
        flush()
        if paragraphs[-1]:
            paragraphs.append([])

    for line in lines:
        if line.is_break:
            new_paragraph()
            bullet, prev = False, None
            continue
        text = line.text
        if not text:
            continue
        if _BULLET.match(text):
            flush()
            cur, bullet = _BULLET.sub("", text), True
        elif _KEY_VALUE.match(text):
            flush()
            cur, bullet = text, False
        elif cur is None or prev is None:
            cur = text
        elif not bullet and _hard_break(prev, text, width):
            new_paragraph()
            cur = text
        else:
            cur = _join(cur, prev, text)
        prev = line
    flush()
    return ["\n".join(p) for p in paragraphs if p]


def _entries(lines: list[Line]) -> list[str]:
    """List entries: a bullet glyph, or a lost glyph (indented capital), starts an entry."""
    entries: list[str] = []
    prev: Line | None = None
    for line in lines:
        if line.is_break:
            prev = None
            continue
        if not line.text:
            continue
        glyph = bool(_BULLET.match(line.text))
        lost_glyph = line.raw[:1].isspace() and line.text[:1].isupper()
        text = _BULLET.sub("", line.text)
        if prev is None or glyph or lost_glyph or not entries:
            entries.append(text)
        else:
            entries[-1] = _join(entries[-1], prev, text)
        prev = line
    return [entry for entry in entries if entry]


def _is_list(lines: list[Line]) -> bool:
    """A block of short phrases (names without sentences), e.g. the functiebenamingen."""
    texts = [line.text for line in lines if line.text]
    return bool(texts) and all(
        len(t.split()) <= 6 and not t.endswith((".", "?", "!", ":")) for t in texts
    )


# --------------------------------------------------------------------------- reading


def _footers(text: str) -> list[str]:
    """The running page footers ('BCP Junior accountmanager'): repeated lines starting 'BCP'."""
    counts = Counter(_clean(raw) for raw in text.split("\n"))
    return [line for line, n in counts.items() if line.startswith("BCP ") and n > 1]


def _read_lines(text: str) -> list[Line]:
    """The source lines, with page furniture (footers, page numbers, link targets) blanked."""
    footers = _footers(text)
    lines = []
    for no, raw in enumerate(text.split("\n"), start=1):
        raw = raw.rstrip("\r").replace("\u00a0", " ")
        text_ = _clean(raw)
        if text_ in footers or _PAGE_NUMBER.match(text_) or _URL.match(text_):
            raw = ""
        lines.append(_line(no, raw))
    return lines


def _split_document(lines: list[Line]) -> tuple[list[Block], list[Block]]:
    """Front-matter blocks (before chapter 1) and numbered chapters, each with its lines."""
    front: list[Block] = []
    chapters: list[Block] = []
    current: Block | None = None
    skip = -1
    for i, line in enumerate(lines):
        if i == skip:
            continue
        match = _CHAPTER.match(line.text)
        if match and int(match[1]) == len(chapters) + 1:
            title = match[2]
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if nxt and nxt.text[:1].islower():  # wrapped chapter title (630–631)
                title, skip = _join(title, line, nxt.text), i + 1
            current = Block(title, line.no, [], match[1])
            chapters.append(current)
        elif not chapters and _FRONT_HEADING.match(line.text):
            current = Block(line.text, line.no, [])
            front.append(current)
        elif current is not None:
            current.lines.append(line)
        # Lines before the first heading (the preface on 'hij/zij') belong to no item.
    return front, chapters


def _split_numbered(block: Block, pattern: str) -> tuple[list[Line], list[Block]]:
    """Lines before the first numbered section, and the sections N.1, N.2, … in order."""
    intro: list[Line] = []
    sections: list[Block] = []
    for line in block.lines:
        expected = f"{block.number}.{len(sections) + 1}"
        match = re.match(pattern, line.text)
        if match and f"{match[1]}.{match[2]}" == expected:
            sections.append(Block(match[3], line.no, [], expected))
        elif sections:
            sections[-1].lines.append(line)
        else:
            intro.append(line)
    return intro, sections


# --------------------------------------------------------------------------- layouts


def _take_tables(lines: list[Line]) -> tuple[list[Line], list[tuple[FlatTable, int]]]:
    """Cut the known flattened layouts out of lines; returns the rest and the tables found."""
    stream: list[int] = []  # line index of every significant character
    chars: list[str] = []
    for index, line in enumerate(lines):
        for ch in _squeeze(line.text):
            chars.append(ch)
            stream.append(index)
    text = "".join(chars)
    taken: set[int] = set()
    found: list[tuple[FlatTable, int]] = []
    for table in _FLAT_TABLES:
        pos = text.find(table.key)
        if pos < 0:
            continue
        end = pos + len(table.key) - 1
        first, last = stream[pos], stream[end]
        whole_lines = (pos == 0 or stream[pos - 1] != first) and (
            end + 1 == len(stream) or stream[end + 1] != last
        )
        if whole_lines:
            taken.update(range(first, last + 1))
            found.append((table, lines[first].no))
    found.sort(key=lambda pair: pair[1])
    return [line for i, line in enumerate(lines) if i not in taken], found


def _table_value(table: FlatTable) -> dict[str, Any]:
    return {"kolommen": list(table.columns), "rijen": [list(row) for row in table.rows]}


def _table_entries(table: FlatTable) -> list[str]:
    """A table as list entries: 'row label — column: cell; column: cell'."""
    entries = []
    for row in table.rows:
        cells = [
            f"{col}: {cell}" for col, cell in zip(table.columns[1:], row[1:], strict=True) if cell
        ]
        entries.append(f"{row[0]} — " + "; ".join(cells))
    return entries


def _match_label(lines: list[Line], i: int, labels: tuple[str, ...]) -> tuple[str, int, Line]:
    """A row label starting at line i (possibly wrapped onto the next line), or ('', 0, …)."""
    text = lines[i].text
    for label in labels:
        match = re.match(re.escape(label) + r"\d{0,2}(?:\s+(.*))?$", text)
        if match and (not match[1] or match[1][:1].isupper()):
            return label, 1, _with_text(lines[i], match[1] or "")
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if text and nxt and label.startswith(text + " "):
            rest = label[len(text) + 1 :]
            match = re.match(re.escape(rest) + r"(?:\s+(.*))?$", nxt.text)
            if match:
                return label, 2, _with_text(nxt, match[1] or "")
    return "", 0, lines[i]


def _rows(lines: list[Line], labels: tuple[str, ...]) -> list[tuple[str, list[Line]]]:
    """Split lines at row labels of the left column; the first row may have no label."""
    rows: list[tuple[str, list[Line]]] = [("", [])]
    i = 0
    while i < len(lines):
        label, used, rest = _match_label(lines, i, labels)
        if used:
            rows.append((label, [rest]))
            i += used
        else:
            rows[-1][1].append(lines[i])
            i += 1
    return [row for row in rows if row[0] or any(line.text for line in row[1])]


def _render_rows(rows: list[tuple[str, list[Line]]]) -> str:
    """Labelled rows as paragraphs: 'Label: first paragraph', then the row's other paragraphs."""
    out: list[str] = []
    for label, lines in rows:
        paragraphs = _paragraphs(lines)
        if label and paragraphs:
            sep = "\n" if "\n" in paragraphs[0] else " "
            paragraphs[0] = f"{label}:{sep}{paragraphs[0]}"
        elif label:
            paragraphs = [label]
        out.extend(paragraphs)
    return "\n\n".join(out)


# --------------------------------------------------------------------------- front matter


def _people(lines: list[Line], stop_at_break: bool) -> tuple[list[Line], list[tuple[str, str]]]:
    """Cut a flattened table of people out of lines: the rest, and (group, row text) pairs."""
    rest: list[Line] = []
    rows: list[tuple[str, list[Line]]] = []
    group = ""
    in_table = False
    for line in lines:
        text = line.text
        if _PEOPLE_GROUP.match(text):
            group, in_table = text, True
        elif _PEOPLE_HEADER.match(text):
            in_table = True
        elif in_table and _PERSON.match(text):
            rows.append((group, [line]))
        elif in_table and rows and text:
            rows[-1][1].append(line)
        elif in_table and line.is_break and stop_at_break and rows:
            in_table = False
        elif not in_table:
            rest.append(line)
    return rest, [(group, _join_lines(row)) for group, row in rows]


def _people_table(rows: list[tuple[str, str]]) -> dict[str, Any]:
    """Name and organisation split by the shape of a Dutch name ('Dhr. E. van de Berg')."""
    cells = []
    for _, row in rows:
        match = _PERSON_NAME.match(row)
        cells.append([match[1], match[2]] if match else [row, ""])
    return {"kolommen": ["Naam", "Werkzaam bij / organisatie"], "rijen": cells}


def _inleiding(block: Block) -> dict[str, Any]:
    lines, tables = _take_tables(block.lines)
    fields: dict[str, Any] = {"tekst": "\n\n".join(_paragraphs(lines))}
    if tables:
        fields["tabel"] = _table_value(tables[0][0])
    return fields


def _colofon(blocks: list[Block]) -> dict[str, Any]:
    """The colofon with the pages after it: labelled paragraphs, the people consulted as a
    table, the sectorraad members as list entries (their two last columns cannot be split)."""
    rows: list[tuple[str, list[Line]]] = []
    table: dict[str, Any] | None = None
    members: list[str] = []
    for index, block in enumerate(blocks):
        block_rows = _rows(block.lines, _COLOFON_LABELS)
        if index:  # a later page: its heading labels its text
            block_rows = [(label or block.title, lines) for label, lines in block_rows]
        for label, lines in block_rows:
            if label == _PEOPLE_TABLE_LABEL:
                lines, people = _people(lines, stop_at_break=True)
                table = _people_table(people) if people else table
            else:
                lines, people = _people(lines, stop_at_break=False)
                members += [f"{group}: {row}" if group else row for group, row in people]
            rows.append((label, lines))
    fields: dict[str, Any] = {"tekst": _render_rows(rows)}
    if table:
        fields["tabel"] = table
    if members:
        fields["lijst"] = members
    return fields


def _source_title(text: str, colofon: str) -> str:
    """'<organisation> beroepscompetentieprofiel <beroep>, <year>' from colofon and footer."""
    footers = _footers(text)
    beroep = footers[0][len("BCP ") :] if footers else ""
    match = re.search(r"Ontwikkeld door:\s*([^\s,]+)", colofon)
    organisation = match[1] if match else ""
    years = _YEAR.findall(colofon.split("Vastgesteld door:")[-1])
    parts = [p for p in (organisation, "beroepscompetentieprofiel", beroep) if p]
    return " ".join(parts) + (f", {years[0]}" if years else "")


# --------------------------------------------------------------------------- chapters


def _parse_overview(lines: list[Line]) -> dict[str, str]:
    """Titles by code ('K1', '1.1') from the overview table of chapter 2."""
    titles: dict[str, list[Line]] = {}
    current: list[Line] | None = None
    for line in lines:
        if not line.text:
            current = None
            continue
        kerntaak = _OVERVIEW_KERNTAAK.match(line.text)
        werkproces = _OVERVIEW_WERKPROCES.match(line.text)
        if kerntaak:
            current = titles.setdefault(f"K{kerntaak[1]}", [])
            if kerntaak[2]:
                current.append(_with_text(line, kerntaak[2]))
        elif werkproces:
            current = titles.setdefault(werkproces[1], [_with_text(line, werkproces[2])])
        elif current is not None:
            current.append(line)
    return {code: _join_lines(parts) for code, parts in titles.items() if parts}


def _wp_label(text: str) -> tuple[str, str] | None:
    for name, pattern in _WP_LABELS:
        match = pattern.match(text)
        if match:
            return name, match[1]
    return None


def _extends_competency(name: str, more: str) -> bool:
    """Does a line without a dash complete a wrapped competency name ('… commercieel' /
    'handelen')? Otherwise it is description text that spilled into the list."""
    joined = canonical_competency(f"{name} {more}")
    return joined is not None and joined != canonical_competency(name)


def _parse_werkproces(lines: list[Line], code: str) -> Werkproces:
    """One werkproces from its 'Beschrijving werkproces' line up to the next one."""
    wp = Werkproces(code, lines[0].no)
    title_re = re.compile(rf"^{re.escape(code)}\s+(\S.*)$")
    first = _DESCRIPTION.match(lines[0].text)
    if first and first[1]:
        wp.description.append(_with_text(lines[0], first[1]))
    state = "description"
    title: list[Line] = []
    targets = {"resultaat": wp.result, "kennis": wp.knowledge, "vaardigheden": wp.skills}
    for line in lines[1:]:
        text = line.text
        if state == "description" and (heading := title_re.match(text)):
            title.append(_with_text(line, heading[1]))
            state = "title"
            continue
        if state == "title":
            if text and not _wp_label(text):
                title.append(line)  # wrapped title (780–781, 924–925, 1653–1654)
                continue
            state = "after title"
        label = _wp_label(text)
        if label:
            state = label[0]
            if label[1]:
                line = _with_text(line, label[1])
            else:
                continue
        if state == "description":
            wp.description.append(line)
        elif state == "competenties" and text:
            if _BULLET.match(text):
                wp.competencies.append(_BULLET.sub("", text))
            elif wp.competencies and _extends_competency(wp.competencies[-1], text):
                wp.competencies[-1] += " " + text
            else:  # the description's overflow (793, 1103–1112, 1380–1383)
                while wp.description and not wp.description[-1].text:
                    wp.description.pop()
                wp.description.append(line)
                state = "spill"
        elif state == "spill":
            wp.description.append(line)
        elif state in targets:
            targets[state].append(line)
    wp.title = _join_lines(title)
    return wp


def _parse_kerntaak(block: Block, number: str) -> Kerntaak:
    """A kerntaak section: werkprocessen (each from 'Beschrijving werkproces'), toelichting."""
    kerntaak = Kerntaak(number, block.line, block.title)
    starts = [i for i, line in enumerate(block.lines) if _DESCRIPTION.match(line.text)]
    notes = [i for i, line in enumerate(block.lines) if _TOELICHTING.match(line.text)]
    end = notes[0] if notes else len(block.lines)
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else end
        code = f"{number}.{n + 1}"
        kerntaak.werkprocessen.append(_parse_werkproces(block.lines[start:stop], code))
    if notes:
        note = block.lines[end]
        rest = _TOELICHTING.match(note.text)[1]
        kerntaak.toelichting = ([_with_text(note, rest)] if rest else []) + block.lines[end + 1 :]
    return kerntaak


def _kerntaken(chapter: Block) -> list[Kerntaak]:
    """The kerntaak sections of a chapter ('3.1 Kerntaak 1 …'), parsed."""
    _, sections = _split_numbered(chapter, r"^(\d+)\.(\d+)\s+(Kerntaak\s+\d+\s+.*)$")
    kerntaken = []
    for section in sections:
        match = _KERNTAAK_TITLE.match(section.title)
        section.title = match[2]
        kerntaken.append(_parse_kerntaak(section, match[1]))
    return kerntaken


# --------------------------------------------------------------------------- items


def _item(
    source_id: str,
    kind: str,
    code: str,
    title: str,
    line: int,
    fields: dict[str, Any],
    parent: str | None = None,
) -> dict[str, Any]:
    item: dict[str, Any] = {"id": f"{source_id}:{code}", "type": kind, "code": code}
    if parent:
        item["parent"] = f"{source_id}:{parent}"
    item["title"] = title
    item["line"] = line
    fields = {name: value for name, value in fields.items() if value}
    if fields:
        item["fields"] = fields
    return item


def _section_fields(lines: list[Line]) -> dict[str, Any]:
    """Fields of a chapter-1 section: prose as tekst, flattened layouts as tabel/lijst."""
    lines, tables = _take_tables(lines)
    fields: dict[str, Any] = {}
    if _is_list(lines):
        fields["lijst"] = _entries(lines)
    else:
        fields["tekst"] = _render_rows(_rows(lines, _SECTION_LABELS))
    for table, _ in tables:
        if table.as_list or "tabel" in fields:
            fields["lijst"] = fields.get("lijst", []) + _table_entries(table)
        else:
            fields["tabel"] = _table_value(table)
    return fields


def _chapter_items(source_id: str, chapter: Block) -> list[dict[str, Any]]:
    """A general chapter ('H1') and its numbered sections ('H1.1' …)."""
    intro, sections = _split_numbered(chapter, r"^(\d+)\.(\d+)\s+(\S.*)$")
    code = f"H{chapter.number}"
    items = [
        _item(
            source_id,
            "sectie",
            code,
            chapter.title,
            chapter.line,
            {"tekst": "\n\n".join(_paragraphs(intro))},
        )
    ]
    for section in sections:
        items.append(
            _item(
                source_id,
                "sectie",
                f"H{section.number}",
                section.title,
                section.line,
                _section_fields(section.lines),
                parent=code,
            )
        )
    return items


def _werkproces_fields(wp: Werkproces) -> dict[str, Any]:
    result = _entries(wp.result)
    return {
        "omschrijving": "\n\n".join(_paragraphs(wp.description)),
        "competenties": [competency_entry(name) for name in wp.competencies],
        "resultaat": "\n".join(result),
        "kennis": _entries(wp.knowledge),
        "vaardigheden": _entries(wp.skills),
    }


def _kerntaak_items(
    source_id: str, kerntaken: list[Kerntaak], overview: dict[str, str]
) -> list[dict[str, Any]]:
    """Kerntaken with their werkprocessen. Kerntaak titles come from the overview (the detail
    heading of K1 reads 'op er bewaakt', 700); werkproces titles from the detail headings (the
    overview has 'Breng de offerte uit' for 3.4, 683)."""
    items = []
    for kt in kerntaken:
        code = f"K{kt.number}"
        fields = {"toelichting": "\n\n".join(_paragraphs(kt.toelichting))}
        items.append(
            _item(source_id, "kerntaak", code, overview.get(code, kt.title), kt.line, fields)
        )
        for wp in kt.werkprocessen:
            title = wp.title or overview.get(wp.code, "")
            items.append(
                _item(
                    source_id,
                    "werkproces",
                    wp.code,
                    title,
                    wp.line,
                    _werkproces_fields(wp),
                    parent=code,
                )
            )
    return items


def _chapter_kind(chapter: Block) -> str:
    pattern = re.compile(rf"^{chapter.number}\.\d+\s+Kerntaak\s+\d+")
    if any(pattern.match(line.text) for line in chapter.lines):
        return "kerntaken"
    if any(re.fullmatch(r"Kerntaak \d+", line.text) for line in chapter.lines):
        return "overview"
    return "general"


def parse(text: str, source_id: str) -> dict[str, Any]:
    """The items of a BCP text, in document order."""
    lines = _read_lines(text)
    front, chapters = _split_document(lines)
    items: list[dict[str, Any]] = []
    colofon_text = ""
    owned: list[list[Block]] = []  # front items with the later front pages they absorb
    for block in front:
        if block.title in _FRONT_ITEMS or not owned:
            owned.append([block])
        else:
            owned[-1].append(block)
    for blocks in owned:
        head = blocks[0]
        code = _FRONT_ITEMS.get(head.title, head.title.lower())
        if code == "inleiding":
            fields = _inleiding(head)
        else:
            fields = _colofon(blocks)
            colofon_text = fields["tekst"]
        items.append(_item(source_id, "sectie", code, head.title, head.line, fields))
    overview: dict[str, str] = {}
    for chapter in chapters:
        kind = _chapter_kind(chapter)
        if kind == "overview":
            overview = _parse_overview(chapter.lines)
        elif kind == "kerntaken":
            items += _kerntaak_items(source_id, _kerntaken(chapter), overview)
        else:
            items += _chapter_items(source_id, chapter)
    title = _source_title(text, colofon_text)
    return {"source": {"id": source_id, "title": title}, "items": items}
