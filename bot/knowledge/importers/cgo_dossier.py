"""Importer for the competentiegericht (CGO) kwalificatiedossier format (``commercie-cgo``).

The text is a PDF/HTML extraction of one uitstroom of a CGO dossier. Its layout:

- a chapter heading ``4.4 (Junior) accountmanager`` (the uitstroom), then ``Algemene informatie``
  with tab-separated ``label<TAB>value`` rows and the language/rekenen ``x`` matrices;
- ``Detaillering proces-competentie-matrix …`` sections: ``Kerntaak N titel`` and
  ``N.N werkproces titel`` headings (the kerntaak line repeats before every werkproces),
  ``Omschrijving`` and ``Gewenst resultaat`` rows, then a table
  ``Competentie | Component(en) | Prestatie-indicator | Vakkennis en vaardigheden``;
- ``Proces-competentie-matrix …`` sections with X matrices, which are skipped: they are
  misaligned and contradict the detail tables.

Cells hold HTML (``<p>``, ``<ul style=…>``) with ``•`` bullets or `` - `` separated items.
Page breaks split table rows: the rest of a row continues on a later line, either
column-aligned (``<TAB><TAB>rest of the indicator``), with a lowercase first cell
(``Overtuigen en`` / ``beïnvloeden``), as a bare line (the indicator) or as ``- …`` lines
(components). Those pieces are joined back onto the row they belong to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.knowledge.competencies import competency_entry

# The file starts mid-document, so the dossier's own name is not in the text (SOURCES.md).
DOSSIER_NAME = "Commercie"

# Source-specific corrections of PDF extraction damage (not of the authors' wording).
TEXT_FIXES: tuple[tuple[str, str], ...] = (
    ("p resenteert", "presenteert"),  # line 207: the extraction split the word in two
)

# "Algemene informatie" labels and the field each one fills.
GENERAL_FIELDS: dict[str, str] = {
    "Context van de uitstroom": "context",
    "Typerende beroepshouding": "beroepshouding",
    "Niveau van de beroepsuitoefening": "niveau",
    "Rol en verantwoordelijkheden": "verantwoordelijkheid",
    "Complexiteit": "complexiteit",
}
# Labels shown with their value inside one field, e.g. "Wettelijke beroepsvereisten: Nee".
LABELLED_FIELDS: dict[str, str] = {
    "Wettelijke beroepsvereisten": "beroepsvereisten",
    "Branche vereisten": "beroepsvereisten",
}
LEVEL_COLUMNS = ["Matrix", "Onderdeel", "Aangekruiste niveaus"]

_GENERAL_HEADING = "Algemene informatie"
_CHAPTER = re.compile(r"^\d+\.\d+\s+(?!werkproces\b)(?P<name>\S.*)$")
_KERNTAAK = re.compile(r"^Kerntaak\s+(?P<nr>\d+):?\s+(?P<title>\S.*)$")
_WERKPROCES = re.compile(r"^(?P<code>\d+\.\d+)\s+werkproces\s+(?P<title>\S.*)$")
_DETAIL = re.compile(r"^Detaillering proces-competentie-matrix\b")
_MATRIX = re.compile(r"^Proces-competentie-matrix\b")
_LANGUAGE = re.compile(r"^Nederlands en \(moderne\) vreemde talen")
_NOT_APPLICABLE = re.compile(r"niet van toepassing", re.IGNORECASE)
_MARK = re.compile(r"(</?p>|<ul\b[^>]*>|</ul>|<li\b[^>]*>|</li>|<br\s*/?>|•)", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_DASH_ITEMS = re.compile(r"(?:^|\s+)-\s+")
_SENTENCE_END = re.compile(r"[.!?:]$")


@dataclass(frozen=True)
class Segment:
    """A piece of a cell: a paragraph, or a list entry (bullet, <li>, '- ' item)."""

    kind: str  # "para" | "item"
    text: str


def clean(text: str) -> str:
    """Cell text without HTML tags, NBSPs or runs of spaces."""
    text = _TAG.sub(" ", text.replace("\u00a0", " "))
    for wrong, right in TEXT_FIXES:
        text = text.replace(wrong, right)
    return " ".join(text.split())


def join_text(left: str, right: str) -> str:
    """Join two pieces of one sentence broken at a page break."""
    if not left:
        return right
    if not right:
        return left
    return left + right if right.startswith(")") else f"{left} {right}"


def _dash_split(segment: Segment) -> list[Segment]:
    """'- a - b' becomes the items a and b; other segments are kept."""
    if not segment.text.startswith("-"):
        return [segment]
    parts = [part.strip() for part in _DASH_ITEMS.split(segment.text)]
    return [Segment("item", part) for part in parts if part]


def segments(cell: str) -> list[Segment]:
    """A cell cut into paragraphs and list entries, HTML and bullet glyphs removed."""
    out: list[Segment] = []
    in_list = False
    kind = "para"
    for i, piece in enumerate(_MARK.split(cell)):
        if i % 2:  # a marker: it decides what the text after it is
            marker = piece.lower()
            if marker.startswith("<ul"):
                in_list, kind = True, "item"
            elif marker == "</ul>":
                in_list, kind = False, "para"
            elif marker in ("•", "</li>") or marker.startswith("<li"):
                kind = "item"
            else:  # <p>, </p>, <br>
                kind = "item" if in_list else "para"
        elif text := clean(piece):
            out.extend(_dash_split(Segment(kind, text)))
    return out


def paragraphs(cell: str) -> list[str]:
    """The cell's segments as paragraphs (list entries become paragraphs of their own)."""
    return [segment.text for segment in segments(cell)]


@dataclass(frozen=True)
class Line:
    """One source line: its number and its tab-separated cells."""

    no: int
    cells: tuple[str, ...]

    @property
    def head(self) -> str:
        return clean(self.cells[0])

    @property
    def single(self) -> bool:
        """No tab at all: a heading, or a loose piece of a row broken by a page break."""
        return len(self.cells) == 1

    @property
    def filled(self) -> int:
        return sum(1 for cell in self.cells if clean(cell))


def split_lines(text: str) -> list[Line]:
    """The text as lines; the last line may lack its newline (it holds data here, line 313)."""
    return [Line(no, tuple(raw.split("\t"))) for no, raw in enumerate(text.splitlines(), 1)]


def vocabulary(lines: list[Line]) -> list[str]:
    """Every list entry of every cell, longest first: used to split merged loose lines."""
    entries = {
        seg.text
        for line in lines
        for cell in line.cells
        for seg in segments(cell)
        if seg.kind == "item"
    }
    return sorted(entries, key=lambda entry: (-len(entry), entry))


def extend_entries(entries: list[str], pieces: list[Segment], continued: bool) -> None:
    """Add list entries; the first piece of a continued cell that starts in lowercase is the
    end of the entry a page break cut off ("Aansluiten bij behoeften en" / "verwachtingen")."""
    for i, piece in enumerate(pieces):
        if continued and i == 0 and entries and piece.text[:1].islower():
            entries[-1] = join_text(entries[-1], piece.text)
        else:
            entries.append(piece.text)


@dataclass
class CompetencyRow:
    """One row of a detail table, assembled from its pieces across page breaks."""

    line: int
    name: str
    components: list[str] = field(default_factory=list)
    indicator: list[str] = field(default_factory=list)
    knowledge: list[Segment] = field(default_factory=list)

    def add_components(self, cell: str, continued: bool) -> None:
        """Add a components cell (see ``extend_entries``)."""
        extend_entries(self.components, segments(cell), continued)

    def add_indicator(self, cell: str, continued: bool) -> None:
        """Add prestatie-indicator text; a continued piece goes on the broken sentence."""
        for i, text in enumerate(paragraphs(cell)):
            if continued and i == 0 and self.indicator:
                self.indicator[-1] = join_text(self.indicator[-1], text)
            else:
                self.indicator.append(text)

    def add_knowledge(self, cell: str, continued: bool) -> None:
        """Add a vakkennis cell; a continued entry starting in lowercase ends the last one."""
        pieces = segments(cell)
        if continued and pieces and self.knowledge and pieces[0].text[:1].islower():
            last = self.knowledge[-1]
            self.knowledge[-1] = Segment(last.kind, join_text(last.text, pieces.pop(0).text))
        self.knowledge.extend(pieces)

    @property
    def indicator_complete(self) -> bool:
        return bool(self.indicator) and bool(_SENTENCE_END.search(self.indicator[-1]))

    def data(self) -> dict[str, Any]:
        try:
            competency = competency_entry(self.name)
        except ValueError as err:
            raise ValueError(f"line {self.line}: {err}") from err
        return {
            "competentie": competency,
            "componenten": list(self.components),
            "prestatie_indicator": "\n\n".join(self.indicator),
        }


def knowledge_groups(pieces: list[Segment]) -> list[dict[str, Any]]:
    """Vakkennis as groups: a paragraph followed by entries is a category heading."""
    groups: list[dict[str, Any]] = []
    for i, piece in enumerate(pieces):
        followed = i + 1 < len(pieces) and pieces[i + 1].kind == "item"
        if piece.kind == "para" and followed:
            groups.append({"titel": piece.text, "items": []})
            continue
        if not groups:
            groups.append({"titel": None, "items": []})
        groups[-1]["items"].append(piece.text)
    return [group for group in groups if group["items"]]


def with_fields(head: dict[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """The item with its non-empty fields (none: no 'fields' key)."""
    fields = {name: value for name, value in fields.items() if value}
    return {**head, "fields": fields} if fields else dict(head)


@dataclass
class Kerntaak:
    code: str
    title: str
    line: int

    def data(self, source_id: str) -> dict[str, Any]:
        return {
            "id": f"{source_id}:{self.code}",
            "type": "kerntaak",
            "code": self.code,
            "title": self.title,
            "line": self.line,
        }


@dataclass
class GeneralFact:
    """'Algemene informatie': label rows, each into its field."""

    line: int
    texts: dict[str, list[str]] = field(default_factory=dict)

    def add(self, label: str, value: list[str]) -> None:
        if label in GENERAL_FIELDS:
            self.texts.setdefault(GENERAL_FIELDS[label], []).extend(value)
            return
        # Several labels share a field (or none fits): keep the label with its value.
        labelled = [f"{label}: {value[0]}", *value[1:]] if value else [label]
        self.texts.setdefault(LABELLED_FIELDS.get(label, "tekst"), []).extend(labelled)

    def data(self, source_id: str) -> dict[str, Any]:
        head = {
            "id": f"{source_id}:algemeen",
            "type": "fact",
            "code": "algemeen",
            "title": _GENERAL_HEADING,
            "line": self.line,
        }
        return with_fields(head, {name: "\n\n".join(texts) for name, texts in self.texts.items()})


@dataclass
class LevelsFact:
    """The language and rekenen levels: an introduction and the x matrices under it."""

    title: str
    line: int
    intro: list[str]
    marks: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    matrix: str = ""
    header: list[str] = field(default_factory=list)

    def add_line(self, line: Line) -> None:
        """A matrix title, its header (first cell empty) or a level row with x marks."""
        if line.single:
            self.matrix, self.header = line.head, []
        elif not line.head:
            self.header = [clean(cell) for cell in line.cells[1:]]
        elif self.header:
            cells = [clean(cell).lower() for cell in line.cells[1:]]
            for column, mark in zip(self.header, cells, strict=False):
                if mark == "x":
                    self.marks.setdefault((self.matrix, column), []).append(line.head)

    def data(self, source_id: str) -> dict[str, Any]:
        """One table row per matrix column, listing its marked levels top to bottom."""
        rows = [
            [matrix, column, ", ".join(levels)] for (matrix, column), levels in self.marks.items()
        ]
        head = {
            "id": f"{source_id}:taal-rekenen",
            "type": "fact",
            "code": "taal-rekenen",
            "title": self.title,
            "line": self.line,
        }
        table = {"kolommen": list(LEVEL_COLUMNS), "rijen": rows} if rows else None
        return with_fields(head, {"tekst": "\n\n".join(self.intro), "tabel": table})


@dataclass
class Werkproces:
    code: str
    title: str
    line: int
    kerntaak: str  # the parent's code
    texts: dict[str, list[str]] = field(default_factory=dict)
    columns: dict[str, int] | None = None  # column role -> cell index, once the header is seen
    rows: list[CompetencyRow] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)

    def data(self, source_id: str) -> dict[str, Any]:
        """The werkproces with its texts, competency rows and vakkennis."""
        head: dict[str, Any] = {
            "id": f"{source_id}:{self.code}",
            "type": "werkproces",
            "code": self.code,
            "parent": f"{source_id}:{self.kerntaak}",
            "title": self.title,
            "line": self.line,
        }
        if any(_NOT_APPLICABLE.search(remark) for remark in self.remarks):
            head["not_applicable"] = True
        knowledge = [piece for row in self.rows for piece in row.knowledge]
        return with_fields(
            head,
            {
                "omschrijving": "\n\n".join(self.texts.get("omschrijving", [])),
                "resultaat": "\n\n".join(self.texts.get("resultaat", [])),
                "competentierijen": [row.data() for row in self.rows],
                "vakkennis": knowledge_groups(knowledge),
                "toelichting": "\n\n".join(self.remarks),
            },
        )


Entry = Kerntaak | GeneralFact | LevelsFact | Werkproces

# Column roles of a detail table, by the header's labels.
_COLUMN_ROLES = {
    "competentie": "name",
    "component(en)": "components",
    "prestatie-indicator": "indicator",
    "vakkennis en vaardigheden": "knowledge",
}
_TEXT_ROWS = {"Omschrijving": "omschrijving", "Gewenst resultaat": "resultaat"}


class Parser:
    """Walks the lines once, keeping track of the section it is in."""

    def __init__(self, vocabulary: list[str]) -> None:
        self.vocabulary = vocabulary
        self.uitstroom: str | None = None
        self.mode = "skip"  # skip | general | detail | matrix
        self.entries: list[Entry] = []
        self.general: GeneralFact | None = None
        self.levels: LevelsFact | None = None
        self.kerntaken: dict[str, Kerntaak] = {}
        self.kerntaak: str | None = None
        self.werkproces: Werkproces | None = None

    def feed(self, line: Line) -> None:
        """Handle one line."""
        if not line.filled:
            return
        head = line.head
        if line.single and head == _GENERAL_HEADING:
            self.general = GeneralFact(line.no)
            self.entries.append(self.general)
            self.mode = "general"
        elif line.single and _DETAIL.match(head):
            self.mode = "detail"
        elif line.single and _MATRIX.match(head):
            self.mode = "matrix"
        elif self.mode == "matrix":
            return  # the X matrices: misaligned and contradicted by the detail tables
        elif line.single and (chapter := _CHAPTER.match(head)):
            self.uitstroom = self.uitstroom or chapter["name"]
            self.mode = "skip"
        elif self.mode == "general":
            self.general_line(line)
        elif self.mode == "detail":
            self.detail_line(line)

    # -- Algemene informatie ----------------------------------------------------------------

    def general_line(self, line: Line) -> None:
        """A label row, or a line of the language/rekenen matrices."""
        if self.levels is not None:
            self.levels.add_line(line)
        elif len(line.cells) > 1 and self.general is not None:
            label, value = line.head, paragraphs("\t".join(line.cells[1:]))
            if _LANGUAGE.match(label):
                self.levels = LevelsFact(label.rstrip("."), line.no, value)
                self.entries.append(self.levels)
            else:
                self.general.add(label, value)

    # -- detail tables ----------------------------------------------------------------------

    def detail_line(self, line: Line) -> None:
        head = line.head
        is_heading = line.filled == 1 and bool(head)
        wp = self.werkproces
        if is_heading and (match := _KERNTAAK.match(head)):
            self.start_kerntaak(line, match)
        elif is_heading and (match := _WERKPROCES.match(head)):
            self.start_werkproces(line, match)
        elif wp is None:
            return
        elif wp.columns is not None:
            self.table_line(wp, line)
        elif head.lower() == "competentie" and len(line.cells) > 1:
            roles = [_COLUMN_ROLES.get(clean(cell).lower(), "") for cell in line.cells]
            wp.columns = {role: i for i, role in enumerate(roles) if role}
        elif head in _TEXT_ROWS and len(line.cells) > 1:
            value = paragraphs("\t".join(line.cells[1:]))
            wp.texts.setdefault(_TEXT_ROWS[head], []).extend(value)
        elif line.single:
            wp.remarks.append(head)  # e.g. "Dit werkproces is … niet van toepassing"

    def start_kerntaak(self, line: Line, match: re.Match[str]) -> None:
        """A kerntaak heading; it repeats before every werkproces, the first one counts."""
        code = f"K{match['nr']}"
        title = match["title"]
        suffix = f", {self.uitstroom}"  # "Kerntaak 2 … uit, (Junior) accountmanager" (121)
        if self.uitstroom and title.endswith(suffix):
            title = title[: -len(suffix)]
        self.kerntaak = code
        if code not in self.kerntaken:
            self.kerntaken[code] = Kerntaak(code, title, line.no)
            self.entries.append(self.kerntaken[code])

    def start_werkproces(self, line: Line, match: re.Match[str]) -> None:
        kerntaak = self.kerntaak or f"K{match['code'].split('.')[0]}"
        self.werkproces = Werkproces(match["code"], match["title"], line.no, kerntaak)
        self.entries.append(self.werkproces)

    def table_line(self, wp: Werkproces, line: Line) -> None:
        """A competency row, or a piece of the previous row broken off by a page break."""
        row = wp.rows[-1] if wp.rows else None
        if line.single and row is not None:
            self.loose_line(row, line.head)
            return
        cell = {
            role: line.cells[i] if i < len(line.cells) else ""
            for role, i in (wp.columns or {}).items()
        }
        name = clean(cell.get("name", ""))
        # A continued row has no name, or the rest of a wrapped one ("beïnvloeden", 180).
        continued = row is not None and (not name or name[:1].islower())
        if row is not None and continued:
            row.name = join_text(row.name, name)
        else:
            row = CompetencyRow(line.no, name)
            wp.rows.append(row)
        row.add_components(cell.get("components", ""), continued)
        row.add_indicator(cell.get("indicator", ""), continued)
        row.add_knowledge(cell.get("knowledge", ""), continued)

    def loose_line(self, row: CompetencyRow, text: str) -> None:
        """A bare line after a broken row: '- …' continues the components, other text the
        indicator. Where both columns ran into one line (293: '- Relaties opbouwen met mensen
        accounts te onderhouden …'), a component known from elsewhere in the document is split
        off and the rest completes the indicator."""
        if not text.startswith("-"):
            row.add_indicator(text, continued=True)
            return
        body = text.lstrip("-").strip()
        if not row.indicator_complete:
            for entry in self.vocabulary:  # longest first
                rest = body[len(entry) :].strip()
                if body.startswith(f"{entry} ") and rest[:1].islower():
                    row.add_components(entry, continued=True)
                    row.add_indicator(rest, continued=True)
                    return
        row.add_components(body, continued=True)

    def items(self, source_id: str) -> list[dict[str, Any]]:
        """The items in document order."""
        return [entry.data(source_id) for entry in self.entries]


def parse(text: str, source_id: str) -> dict[str, Any]:
    """Parse a CGO dossier text into the source head and its items in document order."""
    lines = split_lines(text)
    parser = Parser(vocabulary(lines))
    for line in lines:
        parser.feed(line)
    uitstroom = parser.uitstroom or "onbekende uitstroom"
    title = f"Kwalificatiedossier {DOSSIER_NAME} (competentiegericht), uitstroom {uitstroom}"
    return {"source": {"id": source_id, "title": title}, "items": parser.items(source_id)}
