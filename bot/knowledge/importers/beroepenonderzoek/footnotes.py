"""Footnotes: cut from the page bottoms, marked ``[n]`` in the text, attached to sections.

Footnotes sit at the bottom of a page, after a whitespace-only line, numbered 1, 2, 3 …
through the whole report; their markers are digits glued to the text (``players1.``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge.importers.beroepenonderzoek.lines import Line
from bot.knowledge.importers.beroepenonderzoek.sections import Section
from bot.knowledge.importers.common import join_lines

_FOOTNOTE = re.compile(r"^(\d{1,2}) (\S.*)$")


@dataclass
class Footnote:
    """A footnote's text, and where it and its marker stand."""

    number: int
    text: str
    position: int  # index in the line list (footnotes removed) where the block stood
    line: int  # source line number of the footnote
    marker_line: int | None = None  # source line number of the marker, once found


def _is_footnote(line: Line, number: int) -> bool:
    """Is the line the start of footnote ``number``?"""
    match = _FOOTNOTE.match(line.raw)
    return match is not None and int(match.group(1)) == number


def _footnote(lines: list[Line], i: int, number: int, position: int) -> tuple[Footnote, int]:
    """The footnote starting at line i, and the index of the line after it."""
    match = _FOOTNOTE.match(lines[i].raw)
    assert match  # the caller saw footnote `number` here
    body = [Line(lines[i].no, match.group(2))]
    i += 1
    # continuation lines: flush left, not the next footnote, not a new page's text
    while (
        i < len(lines)
        and lines[i].raw[:1] not in ("", " ")
        and not _is_footnote(lines[i], number + 1)
    ):
        body.append(lines[i])
        i += 1
    return Footnote(number, join_lines(body), position, body[0].no), i


def extract_footnotes(lines: list[Line]) -> tuple[list[Line], list[Footnote]]:
    """Remove page-bottom footnote blocks (numbered 1, 2, 3 … through the report)."""
    kept: list[Line] = []
    notes: list[Footnote] = []
    i = 0
    while i < len(lines):
        if not (i > 0 and lines[i - 1].gap and _is_footnote(lines[i], len(notes) + 1)):
            kept.append(lines[i])
            i += 1
            continue
        kept.pop()  # the whitespace line that separates the footnotes from the page text
        while i < len(lines) and _is_footnote(lines[i], len(notes) + 1):
            note, i = _footnote(lines, i, len(notes) + 1, len(kept))
            notes.append(note)
    return kept, notes


def _search(
    lines: list[Line], pattern: re.Pattern[str], start: tuple[int, int], end: int
) -> tuple[int, int] | None:
    """The first match from (line index, column) on, before line index ``end``."""
    for index in range(start[0], min(end, len(lines))):
        offset = start[1] if index == start[0] else 0
        match = pattern.search(lines[index].raw, offset)
        if match:
            return index, match.start()
    return None


def _find_marker(
    lines: list[Line], note: Footnote, start: tuple[int, int]
) -> tuple[int, int] | None:
    """Where the note's marker stands: (line index, column), searched from ``start`` on."""
    for strict in (True, False):
        # A marker is glued to a word or punctuation, not part of a number ("2.1", "1,5");
        # "20198." (2019 + footnote 8, line 476) needs the loose form.
        before = r"(?<=[^\s\d])(?<!\d[.,])" if strict else r"(?<=\d)"
        pattern = re.compile(before + str(note.number) + r"(?=[\s.,;:)]|$)")
        found = _search(lines, pattern, start, note.position)
        if found:
            return found
    return None


def place_markers(lines: list[Line], notes: list[Footnote]) -> None:
    """Find each footnote's marker (in order, before its block) and write it as ``[n]``."""
    start = (0, 0)
    for note in notes:
        found = _find_marker(lines, note, start)
        if found is None:
            continue
        index, col = found
        line = lines[index]
        digits = len(str(note.number))
        line.raw = f"{line.raw[:col]}[{note.number}]{line.raw[col + digits :]}"
        note.marker_line = line.no
        start = (index, col + digits + 2)


def attach_footnotes(sections: list[Section], notes: list[Footnote]) -> None:
    """Each footnote goes to the end of the text of the section holding its marker."""
    for note in notes:
        # without a marker the footnote stays in the section the page put it in
        line_no = note.marker_line if note.marker_line is not None else note.line
        owner = sections[0]
        for section in sections:
            if section.line <= line_no:
                owner = section
        owner.footnotes.append(f"[{note.number}] {note.text}")
