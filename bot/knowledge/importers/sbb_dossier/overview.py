"""The overview chapter: its profile table and the order of every code with its title."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.knowledge.importers.hyphens import join_broken_line as join
from bot.knowledge.importers.item_data import item
from bot.knowledge.importers.sbb_dossier.codes import kind_of, parent_of
from bot.knowledge.importers.sbb_dossier.source import (
    BASISDEEL,
    OVERVIEW_TITLE,
    PROFIELDEEL,
    Line,
    read_lines,
)

_PART_CODE_LINE = re.compile(r"^([BP]\d+)\s+(\S.*)$")
_INLINE_CODE = re.compile(r"(?:^|(?<=\s))([BP]\d+-K\d+(?:-W\d+)?)\s+")
_PROFILE_ROW = re.compile(r"^(P\d+\s+.+?)\s+(\d)\s+(Ja|Nee)\s+(.+)$")
_OVERVIEW_CODE = "overzicht"
# Where the columns of the SBB template's profile table start. The PDF wraps the header
# cells into one another ('Naam profiel Mbo-niveau' / '(EQF-niveau)' / 'Beroepsvereisten
# Typering …'), so these only say where a cell starts: its words come from the header itself.
# A profile's code and name share the first cell ('P1 Commercieel medewerker').
_COLUMN_STARTS = ("Naam profiel", "Mbo-niveau", "Beroepsvereisten", "Typering")


@dataclass(frozen=True)
class Entry:
    """A code with its title, as listed in the overview."""

    code: str
    title: str
    line: int


def bounds(lines: list[Line]) -> tuple[int, int]:
    """Indexes of the overview's title line and of the first line after the overview."""
    texts = [line.text for line in lines]
    if OVERVIEW_TITLE not in texts:
        raise ValueError(f"no {OVERVIEW_TITLE!r} in the text")
    start = texts.index(OVERVIEW_TITLE)
    in_profieldeel = False
    for index in range(start + 1, len(texts)):
        if texts[index] == PROFIELDEEL:
            in_profieldeel = True
        elif texts[index] == BASISDEEL and in_profieldeel:
            return start, index  # the Basisdeel chapter after the overview's profile lists
    raise ValueError("the overview has no Profieldeel list followed by the Basisdeel chapter")


def _first_part(lines: list[Line]) -> int:
    """Index of the overview's first part list (Basisdeel/Profieldeel), after the table."""
    return next(
        (i for i, line in enumerate(lines) if line.text in (BASISDEEL, PROFIELDEEL)),
        len(lines),
    )


def _table_rows(lines: list[Line]) -> list[str]:
    """The table's rows as text: a line starting with a profile code, plus its wrapped cells."""
    pieces: list[list[str]] = []
    for line in lines:
        if _PART_CODE_LINE.match(line.text):
            pieces.append([line.text])
        elif pieces and line.text:
            pieces[-1].append(line.text)
    return [" ".join(row) for row in pieces]


def _columns(lines: list[Line]) -> list[str]:
    """The profile table's columns: its header (the lines before a row) cut at the starts."""
    first_row = next((i for i, line in enumerate(lines) if _PART_CODE_LINE.match(line.text)), 0)
    header = " ".join(line.text for line in lines[:first_row] if line.text)
    starts = [header.find(start) for start in _COLUMN_STARTS]
    if starts[0] != 0 or starts != sorted(starts):
        raise ValueError(f"the overview's table header is not the SBB template's: {header!r}")
    ends = [*starts[1:], len(header)]
    return [header[start:end].strip() for start, end in zip(starts, ends, strict=True)]


def _profile_table(lines: list[Line]) -> dict[str, Any]:
    """The overview's profile table: one row per profile, wrapped cells joined."""
    columns = _columns(lines)
    rows = []
    for row in _table_rows(lines):
        match = _PROFILE_ROW.match(row)
        if not match:
            raise ValueError(f"unreadable profile row in the overview: {row!r}")
        rows.append(list(match.groups()))
    if not rows:
        raise ValueError("the overview has no profile table")
    return {"kolommen": columns, "rijen": rows}


def overview_item(lines: list[Line], source_id: str) -> dict[str, Any]:
    """The overview as a fact with the profile table."""
    title_line = lines[0]
    table = _profile_table(lines[1 : _first_part(lines)])
    return item(
        source_id,
        "fact",
        _OVERVIEW_CODE,
        title_line.text,
        title_line.no,
        fields={"tabel": table},
    )


@dataclass
class _EntryReader:
    """Collects the overview's code entries; a wrapped title continues on the next line."""

    entries: list[Entry] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    open_entry: Entry | None = None
    basisdeel_line: int | None = None  # the Basisdeel heading's line, while in its list

    def close(self) -> None:
        """Finish the entry whose title may still have been wrapped."""
        if self.open_entry is not None:
            self.entries.append(self.open_entry)
            self.open_entry = None

    def start(self, code: str, title: str, line: int) -> None:
        """Open the entry of a code."""
        self.close()
        self.seen.add(code)
        self.open_entry = Entry(code, title, line)

    def extend(self, text: str) -> None:
        """Add a wrapped piece to the open entry's title."""
        if self.open_entry is not None:
            entry = self.open_entry
            self.open_entry = Entry(entry.code, join(entry.title, text), entry.line)

    def read(self, line: Line) -> None:
        """One line of the lists: a part heading, a part code line, or a row of codes."""
        text = line.text
        if text in (BASISDEEL, PROFIELDEEL):
            self.close()
            self.basisdeel_line = line.no if text == BASISDEEL else None
            return
        part = _PART_CODE_LINE.match(text)
        if part:
            self.close()
            if part.group(1) not in self.seen:
                self.start(part.group(1), part.group(2), line.no)
            return
        self._codes(text, line.no)

    def _codes(self, text: str, line: int) -> None:
        """A line with kerntaak and werkproces codes, or the wrapped end of a title."""
        matches = list(_INLINE_CODE.finditer(text))
        head = text[: matches[0].start()] if matches else text
        if head.strip():
            self.extend(head.strip())
        for index, match in enumerate(matches):
            code = match.group(1)
            self._basisdeel(parent_of(code) or "")
            end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
            self.start(code, text[match.end() : end].strip(), line)

    def _basisdeel(self, code: str) -> None:
        """Open the basisdeel at its first kerntaak: it has no code line of its own."""
        line = self.basisdeel_line
        if line is not None and kind_of(code) == "basisdeel" and code not in self.seen:
            self.start(code, BASISDEEL, line)


def _entries(lines: list[Line]) -> list[Entry]:
    """Every code in the overview's lists, in order, with its (unwrapped) title.

    The layout has two columns: a kerntaak and its first werkproces share a line. A page
    header repeating a profile line can sit inside a list; a code seen before is skipped.
    The basisdeel has no code line of its own: its code is the prefix of its kerntaken.
    Lines before the first code of a part (its heading and introducing sentence) are skipped.
    """
    reader = _EntryReader()
    for line in lines:
        reader.read(line)
    reader.close()
    return reader.entries


def entries(overview: list[Line]) -> list[Entry]:
    """The entries of the overview's lines (from its title line to the Basisdeel chapter)."""
    return _entries(overview[_first_part(overview) :])


def overview_entries(text: str) -> list[Entry]:
    """The codes and titles the overview of a dossier text lists, in order."""
    lines = read_lines(text)
    start, end = bounds(lines)
    return entries(lines[start:end])
