"""One pass over the lines, section by section, collecting the entries in document order."""

from __future__ import annotations

import re
from typing import Any

from bot.knowledge.importers.cgo_dossier.cells import paragraphs
from bot.knowledge.importers.cgo_dossier.competency_table import CompetencyTable, header_columns
from bot.knowledge.importers.cgo_dossier.general import GENERAL_HEADING, GeneralFact, LevelsFact
from bot.knowledge.importers.cgo_dossier.lines import Line
from bot.knowledge.importers.cgo_dossier.tasks import Kerntaak, Werkproces

_CHAPTER = re.compile(r"^\d+\.\d+\s+(?!werkproces\b)(?P<name>\S.*)$")
_KERNTAAK = re.compile(r"^Kerntaak\s+(?P<nr>\d+):?\s+(?P<title>\S.*)$")
_WERKPROCES = re.compile(r"^(?P<code>\d+\.\d+)\s+werkproces\s+(?P<title>\S.*)$")
_DETAIL = re.compile(r"^Detaillering proces-competentie-matrix\b")
_MATRIX = re.compile(r"^Proces-competentie-matrix\b")
_LANGUAGE = re.compile(r"^Nederlands en \(moderne\) vreemde talen")
_TEXT_ROWS = {"Omschrijving": "omschrijving", "Gewenst resultaat": "resultaat"}

Entry = Kerntaak | GeneralFact | LevelsFact | Werkproces


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
        if line.single and head == GENERAL_HEADING:
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

    def general_line(self, line: Line) -> None:
        """A label row, or a line of the language/rekenen matrices."""
        if self.levels is not None:
            self.levels.add_line(line)
        elif len(line.cells) > 1 and self.general is not None:
            label, value = line.head, paragraphs(line.rest())
            if _LANGUAGE.match(label):
                self.levels = LevelsFact(label.rstrip("."), line.no, value)
                self.entries.append(self.levels)
            else:
                self.general.add(label, value)

    def detail_line(self, line: Line) -> None:
        """A heading, or a line of the current werkproces: text row, table header or row."""
        head = line.head
        is_heading = line.filled == 1 and bool(head)
        if is_heading and (match := _KERNTAAK.match(head)):
            self.start_kerntaak(line, match)
        elif is_heading and (match := _WERKPROCES.match(head)):
            self.start_werkproces(line, match)
        elif self.werkproces is not None:
            self.werkproces_line(self.werkproces, line)

    def werkproces_line(self, wp: Werkproces, line: Line) -> None:
        """A line inside a werkproces's section."""
        head = line.head
        if wp.table is not None:
            wp.table.add_line(line)
        elif head.lower() == "competentie" and len(line.cells) > 1:
            wp.table = CompetencyTable(header_columns(line), self.vocabulary)
        elif head in _TEXT_ROWS and len(line.cells) > 1:
            wp.texts.setdefault(_TEXT_ROWS[head], []).extend(paragraphs(line.rest()))
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
        """A werkproces heading; its kerntaak is the last one seen (else its number's)."""
        kerntaak = self.kerntaak or f"K{match['code'].split('.')[0]}"
        self.werkproces = Werkproces(match["code"], match["title"], line.no, kerntaak)
        self.entries.append(self.werkproces)

    def items(self, source_id: str) -> list[dict[str, Any]]:
        """The items in document order."""
        return [entry.data(source_id) for entry in self.entries]
