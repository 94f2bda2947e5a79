"""Chapter 3: the kerntaak sections and the werkprocessen described in them.

Per werkproces the left column (``Beschrijving werkproces:``) comes out before the right column
(code + title, ``Competenties:``), and the part of the description that did not fit spills in
after the competency list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.knowledge.competencies import canonical_competency
from bot.knowledge.importers.bcp.lines import Line, with_text
from bot.knowledge.importers.bcp.prose import BULLET
from bot.knowledge.importers.bcp.structure import Block, split_numbered
from bot.knowledge.importers.common import join_lines

_KERNTAAK_TITLE = re.compile(r"^Kerntaak\s+(\d+)\s+(.*)$")
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


@dataclass
class Werkproces:
    """A werkproces as read: its parts still as source lines, competencies as printed."""

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
    """A kerntaak section: its werkprocessen and the toelichting after them."""

    number: str
    line: int
    title: str
    werkprocessen: list[Werkproces] = field(default_factory=list)
    toelichting: list[Line] = field(default_factory=list)


def _wp_label(text: str) -> tuple[str, str] | None:
    """The part a label line opens ('Resultaat:'), with the text behind the label."""
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


class _WerkprocesReader:
    """Reads a werkproces line by line; ``state`` names the part the next line belongs to."""

    def __init__(self, code: str, first: Line) -> None:
        self.wp = Werkproces(code, first.no)
        self.title_re = re.compile(rf"^{re.escape(code)}\s+(\S.*)$")
        self.state = "description"
        self.title: list[Line] = []
        self.targets = {
            "resultaat": self.wp.result,
            "kennis": self.wp.knowledge,
            "vaardigheden": self.wp.skills,
        }

    def read(self, lines: list[Line]) -> Werkproces:
        """The werkproces from its 'Beschrijving werkproces' line up to the next one."""
        first = _DESCRIPTION.match(lines[0].text)
        if first and first[1]:
            self.wp.description.append(with_text(lines[0], first[1]))
        for line in lines[1:]:
            if not self._title_line(line):
                self._body_line(line)
        self.wp.title = join_lines(self.title)
        return self.wp

    def _title_line(self, line: Line) -> bool:
        """Take the code + title heading and its wrapped lines (780–781, 924–925, 1653–1654)."""
        if self.state == "description" and (heading := self.title_re.match(line.text)):
            self.title.append(with_text(line, heading[1]))
            self.state = "title"
            return True
        if self.state == "title":
            if line.text and not _wp_label(line.text):
                self.title.append(line)
                return True
            self.state = "after title"
        return False

    def _body_line(self, line: Line) -> None:
        """A label switches the part; the text behind a label is the part's first line."""
        text = line.text
        label = _wp_label(text)
        if label:
            self.state = label[0]
            if not label[1]:
                return
            line = with_text(line, label[1])
        if self.state in ("description", "spill"):
            self.wp.description.append(line)
        elif self.state == "competenties" and text:
            self._competency(line, text)
        elif self.state in self.targets:
            self.targets[self.state].append(line)

    def _competency(self, line: Line, text: str) -> None:
        """A competency, the wrapped end of one, or the description's overflow."""
        names = self.wp.competencies
        if BULLET.match(text):
            names.append(BULLET.sub("", text))
        elif names and _extends_competency(names[-1], text):
            names[-1] += " " + text
        else:  # the description's overflow (793, 1103–1112, 1380–1383)
            description = self.wp.description
            while description and not description[-1].text:
                description.pop()
            description.append(line)
            self.state = "spill"


def _toelichting(lines: list[Line]) -> list[Line]:
    """The toelichting from its label line on; text behind the label is its first line."""
    rest = _TOELICHTING.match(lines[0].text)
    assert rest  # the caller found the label here
    return ([with_text(lines[0], rest[1])] if rest[1] else []) + lines[1:]


def _kerntaak(block: Block, number: str) -> Kerntaak:
    """A kerntaak section: werkprocessen (each from 'Beschrijving werkproces'), toelichting."""
    kerntaak = Kerntaak(number, block.line, block.title)
    starts = [i for i, line in enumerate(block.lines) if _DESCRIPTION.match(line.text)]
    notes = [i for i, line in enumerate(block.lines) if _TOELICHTING.match(line.text)]
    end = notes[0] if notes else len(block.lines)
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else end
        lines = block.lines[start:stop]
        kerntaak.werkprocessen.append(_WerkprocesReader(f"{number}.{n + 1}", lines[0]).read(lines))
    if notes:
        kerntaak.toelichting = _toelichting(block.lines[end:])
    return kerntaak


def kerntaken(chapter: Block) -> list[Kerntaak]:
    """The kerntaak sections of a chapter ('3.1 Kerntaak 1 …'), parsed."""
    _, sections = split_numbered(chapter, r"^(\d+)\.(\d+)\s+(Kerntaak\s+\d+\s+.*)$")
    found = []
    for section in sections:
        match = _KERNTAAK_TITLE.match(section.title)
        assert match  # split_numbered matched 'Kerntaak N …'
        section.title = match[2]
        found.append(_kerntaak(section, match[1]))
    return found
