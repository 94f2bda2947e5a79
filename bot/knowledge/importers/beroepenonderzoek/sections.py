"""Cutting the report at its numbered headings (``1 Inleiding`` … ``Bijlage 1 …``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.knowledge.importers.beroepenonderzoek.blocks import Block, ListBlock
from bot.knowledge.importers.beroepenonderzoek.lines import HEADING, Line

_APPENDIX = re.compile(r"^\s*Bijlage\s+(\d+)\s+(\S.*?)\s*$")

Heading = tuple[str, str, str | None]  # code, title, parent code


@dataclass
class Section:
    """A numbered section: its heading, its body lines and, once parsed, its blocks."""

    code: str
    title: str
    parent: str | None
    line: int
    body: list[Line] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    moved_in: list[ListBlock] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)


@dataclass
class _Numbering:
    """Where the heading sequence stands, to tell real headings from numbers in the text."""

    chapter: int = 0
    level2: int = 0
    level3: int = 0
    chapter_code: str = ""
    level2_code: str = ""
    used: set[str] = field(default_factory=set)
    in_appendix: bool = False

    def unique(self, code: str) -> str:
        """A code not used before: the report prints '2.3' twice (lines 289 and 332)."""
        suffixes = iter("bcdefgh")
        candidate = code
        while candidate in self.used:
            candidate = code + next(suffixes)
        self.used.add(candidate)
        return candidate

    def next_heading(self, printed: str, title: str) -> Heading | None:
        """The heading when its printed number comes next in sequence, else None."""
        parts = [int(p) for p in printed.split(".")]
        if len(parts) == 1 and parts[0] == self.chapter + 1:
            self.chapter, self.level2, self.level3 = parts[0], 0, 0
            self.chapter_code = self.unique(str(parts[0]))
            return self.chapter_code, title, None
        if (
            len(parts) == 2
            and parts[0] == self.chapter
            and parts[1] in (self.level2, self.level2 + 1)
        ):
            self.level2, self.level3 = parts[1], 0
            self.level2_code = self.unique(printed)
            return self.level2_code, title, self.chapter_code
        if len(parts) == 3 and self.level2 and parts[0] == self.chapter:
            return self._level3(parts[2], title)
        return None

    def _level3(self, number: int, title: str) -> Heading | None:
        """Code from the enclosing section, not the print: '4.1.4' at line 1411 sits in 4.4,
        '5.2.1' at line 1480 in 5.1."""
        if number != self.level3 + 1:
            return None
        self.level3 = number
        return self.unique(f"{self.level2_code}.{number}"), title, self.level2_code


def _heading(line: Line, state: _Numbering) -> Heading | None:
    """(code, title, parent code) when the line is the next heading in sequence, else None."""
    text = line.text
    appendix = _APPENDIX.match(text)
    if appendix and len(text) < 90:
        state.in_appendix = True
        return state.unique(f"bijlage{appendix.group(1)}"), text, None
    if state.in_appendix:  # numbered lines in an appendix are list rows, never headings
        return None
    match = HEADING.match(text)
    if not match or len(text) > 100:
        return None
    title = match.group(2)
    if not title[0].isupper() or title[-1] in ".,;":
        return None
    return state.next_heading(match.group(1), title)


def _title_continuation(lines: list[Line], i: int, title: str) -> tuple[str, int]:
    """A title wrapped onto a short lower-case line (683-685, 1428-1430) gets that line back."""
    j = i
    while j < len(lines) and not lines[j].text:
        j += 1
    if j < len(lines):
        text = lines[j].text
        if text[0].islower() and len(text) < 40 and text[-1] not in ".,;:":
            return f"{title} {text}", j + 1
    return title, i


def split_sections(lines: list[Line]) -> list[Section]:
    """Cut the text at its numbered headings; wrapped chapter titles are joined."""
    sections: list[Section] = []
    state = _Numbering()
    i = 0
    while i < len(lines):
        found = _heading(lines[i], state)
        if not found:
            if sections:
                sections[-1].body.append(lines[i])
            i += 1
            continue
        code, title, parent = found
        title, end = _title_continuation(lines, i + 1, title)
        sections.append(Section(code, title, parent, lines[i].no))
        i = end
    return sections
