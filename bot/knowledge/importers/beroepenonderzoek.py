"""Importer for the SBB beroepenonderzoek report (format ``beroepenonderzoek``).

The text is a PDF extraction of a numbered report (``1 Inleiding`` … ``3.5 Duurzaamheid`` …
``4.1.2 Competenties rol …`` … ``Bijlage 1 …``). Every numbered heading becomes a ``sectie``
item; its body becomes ``tekst`` (paragraphs), ``lijst`` (one bullet or numbered list, or one
role table of numbered rows) and ``tabel`` (a really tabular table).

Layout facts the parser relies on:
- Wrapped lines of a paragraph are separated by empty lines (early pages) or not at all; a
  paragraph ends at a whitespace-only line, at a line ending in two or more spaces, or at a
  short line (a full line is about 90-118 characters).
- Footnotes sit at the bottom of a page, after a whitespace-only line, numbered 1, 2, 3 …
  through the whole report; their markers are digits glued to the text (``players1.``).
- Role tables are a column header (``Benodigde kennis en vaardigheden bcp``) with numbered rows;
  after a page break the header is printed again. Their colour column (how well each row fits
  other sectors) did not survive extraction, so only the rows are kept.
- The "Competenties bcp" list of a role often lands elsewhere in the role (after the next
  table, or inside it); it is moved back to the role's ``Competenties …`` subsection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# The text starts at chapter 1: the report's title page is not part of the source text.
DOCUMENT_TITLE = "SBB beroepenonderzoek Commercieel medewerker en (junior) accountmanager (2021)"

# Typos in list entries of the source, fixed so every role spells a competency the same way.
ENTRY_CORRECTIONS = {
    "Kantgericht handelen": "Klantgericht handelen",  # line 1603 (5.1's competencies)
    "Beinvloeden": "Beïnvloeden",  # line 959; spelled "Beïnvloeden" at 1605 and 1789
}

SHORT_LINE = 80  # a prose line shorter than this ends its paragraph
BULLET_GLYPHS = "•§▪●◦\uf0b7"

_HEADING = re.compile(r"^\s*(\d+(?:\.\d+){0,2})\s+(\S.*?)\s*$")
_APPENDIX = re.compile(r"^\s*Bijlage\s+(\d+)\s+(\S.*?)\s*$")
_FOOTNOTE = re.compile(r"^(\d{1,2}) (\S.*)$")
_NUMBERED = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
_CAPTION = re.compile(r"^Tabel\s+(\d+|[a-z])\s+(\S.*)$")
_NOTES_LABEL = re.compile(r"^Toelichting\b")
# The colour legend of the role tables; without its colours it says nothing about any row.
_LEGEND = re.compile(r"^Sluit (goed|gedeeltelijk|onvoldoende) aan\b")
_COLUMN_GAP = re.compile(r"\s{2,}")
_NUMBER = re.compile(r"^\d[\d.]*(,\d+)?%?$")


@dataclass
class Line:
    """One source line: its 1-based number and raw text (NBSP normalised)."""

    no: int
    raw: str

    @property
    def text(self) -> str:
        return " ".join(self.raw.split())

    @property
    def blank(self) -> bool:
        return self.raw == ""

    @property
    def gap(self) -> bool:
        """A whitespace-only line: the extraction's paragraph break."""
        return self.raw != "" and not self.raw.strip()

    @property
    def ends_block(self) -> bool:
        """The line ends its paragraph or list entry (two trailing spaces, or short)."""
        return self.raw.endswith("  ") or len(self.text) < SHORT_LINE


@dataclass
class Footnote:
    number: int
    text: str
    position: int  # index in the line list (footnotes removed) where the block stood
    line: int  # source line number of the footnote
    marker_line: int | None = None  # source line number of the marker, once found


@dataclass
class Para:
    text: str


@dataclass
class ListBlock:
    header: str | None
    numbered: bool
    entries: list[list[Line]] = field(default_factory=list)

    def texts(self) -> list[str]:
        """The entries as clean strings; numbered entries keep their number."""
        out = []
        for number, lines in enumerate(self.entries, start=1):
            text = _fix_entry(_strip_marker(_join(lines)))
            out.append(f"{number}. {text}" if self.numbered else text)
        return out


@dataclass
class TableBlock:
    columns: list[str]
    rows: list[list[str]]


Block = Para | ListBlock | TableBlock


@dataclass
class Section:
    code: str
    title: str
    parent: str | None
    line: int
    body: list[Line] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    moved_in: list[ListBlock] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)


# --- text helpers -----------------------------------------------------------------------------


def _join(lines: list[Line]) -> str:
    """Join wrapped lines: after a bare line-final hyphen the word goes on ("mbo-" "beroepen")."""
    out = ""
    glue = False
    for line in lines:
        text = line.text
        if not text:
            continue
        out = f"{out}{text}" if glue or not out else f"{out} {text}"
        glue = line.raw.endswith("-")
    return out


def _strip_marker(text: str) -> str:
    """Text without a leading bullet glyph or list number."""
    text = text.lstrip(BULLET_GLYPHS).strip()
    match = _NUMBERED.match(text)
    return match.group(2) if match else text


def _fix_entry(text: str) -> str:
    return ENTRY_CORRECTIONS.get(text, text)


def _is_bullet(text: str) -> bool:
    return bool(text) and text[0] in BULLET_GLYPHS


def _number(text: str) -> int | None:
    match = _NUMBERED.match(text)
    return int(match.group(1)) if match else None


# --- footnotes --------------------------------------------------------------------------------


def _extract_footnotes(lines: list[Line]) -> tuple[list[Line], list[Footnote]]:
    """Remove page-bottom footnote blocks (numbered 1, 2, 3 … through the report)."""
    kept: list[Line] = []
    notes: list[Footnote] = []
    i = 0
    while i < len(lines):
        match = _FOOTNOTE.match(lines[i].raw)
        after_gap = i > 0 and lines[i - 1].gap
        if not (match and after_gap and int(match.group(1)) == len(notes) + 1):
            kept.append(lines[i])
            i += 1
            continue
        kept.pop()  # the whitespace line that separates the footnotes from the page text
        while True:
            body = [Line(lines[i].no, match.group(2))]
            i += 1
            # continuation lines: flush left, not the next footnote, not a new page's text
            while (
                i < len(lines)
                and lines[i].raw[:1] not in ("", " ")
                and not _is_next_footnote(lines[i], len(notes) + 2)
            ):
                body.append(lines[i])
                i += 1
            notes.append(Footnote(len(notes) + 1, _join(body), len(kept), body[0].no))
            match = _FOOTNOTE.match(lines[i].raw) if i < len(lines) else None
            if not (match and int(match.group(1)) == len(notes) + 1):
                break
    return kept, notes


def _is_next_footnote(line: Line, number: int) -> bool:
    match = _FOOTNOTE.match(line.raw)
    return bool(match) and int(match.group(1)) == number


def _place_markers(lines: list[Line], notes: list[Footnote]) -> None:
    """Find each footnote's marker (in order, before its block) and write it as ``[n]``."""
    start = (0, 0)
    for note in notes:
        found = None
        for strict in (True, False):
            # A marker is glued to a word or punctuation, not part of a number ("2.1", "1,5");
            # "20198." (2019 + footnote 8, line 476) needs the loose form.
            before = r"(?<=[^\s\d])(?<!\d[.,])" if strict else r"(?<=\d)"
            pattern = re.compile(before + str(note.number) + r"(?=[\s.,;:)]|$)")
            found = _search(lines, pattern, start, note.position)
            if found:
                break
        if not found:
            continue
        index, col = found
        line = lines[index]
        digits = len(str(note.number))
        line.raw = f"{line.raw[:col]}[{note.number}]{line.raw[col + digits :]}"
        note.marker_line = line.no
        start = (index, col + digits + 2)


def _search(
    lines: list[Line], pattern: re.Pattern[str], start: tuple[int, int], end: int
) -> tuple[int, int] | None:
    for index in range(start[0], min(end, len(lines))):
        offset = start[1] if index == start[0] else 0
        match = pattern.search(lines[index].raw, offset)
        if match:
            return index, match.start()
    return None


# --- sections ---------------------------------------------------------------------------------


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


def _heading(line: Line, state: _Numbering) -> tuple[str, str, str | None] | None:
    """(code, title, parent code) when the line is the next heading in sequence, else None."""
    text = line.text
    appendix = _APPENDIX.match(text)
    if appendix and len(text) < 90:
        state.in_appendix = True
        return state.unique(f"bijlage{appendix.group(1)}"), text, None
    if state.in_appendix:  # numbered lines in an appendix are list rows, never headings
        return None
    match = _HEADING.match(text)
    if not match or len(text) > 100:
        return None
    title = match.group(2)
    if not title[0].isupper() or title[-1] in ".,;":
        return None
    parts = [int(p) for p in match.group(1).split(".")]
    if len(parts) == 1 and parts[0] == state.chapter + 1:
        state.chapter, state.level2, state.level3 = parts[0], 0, 0
        state.chapter_code = state.unique(str(parts[0]))
        return state.chapter_code, title, None
    if (
        len(parts) == 2
        and parts[0] == state.chapter
        and parts[1] in (state.level2, state.level2 + 1)
    ):
        state.level2, state.level3 = parts[1], 0
        state.level2_code = state.unique(match.group(1))
        return state.level2_code, title, state.chapter_code
    if (
        len(parts) == 3
        and state.level2
        and parts[0] == state.chapter
        and parts[2] == state.level3 + 1
    ):
        # Code from the enclosing section, not the print: '4.1.4' at line 1411 sits in 4.4,
        # '5.2.1' at line 1480 in 5.1.
        state.level3 = parts[2]
        code = state.unique(f"{state.level2_code}.{parts[2]}")
        return code, title, state.level2_code
    return None


def _split_sections(lines: list[Line]) -> list[Section]:
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
        start = lines[i].no
        i += 1
        title, i = _title_continuation(lines, i, title)
        sections.append(Section(code, title, parent, start))
    return sections


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


# --- blocks -----------------------------------------------------------------------------------


def _table_headers(lines: list[Line]) -> set[str]:
    """Column headers of the report's tables: the first line under each 'Tabel n' caption."""
    headers: set[str] = set()
    for i, line in enumerate(lines):
        if not _CAPTION.match(line.text):
            continue
        j = i + 1
        while j < len(lines) and (not lines[j].text or lines[j].text[0].islower()):
            j += 1
        if j < len(lines):
            text = lines[j].text
            if not (_HEADING.match(text) or _number(text) or _CAPTION.match(text)):
                headers.add(_COLUMN_GAP.sub(" ", lines[j].raw.strip()))
    return headers


@dataclass
class _Context:
    """What the block parser learns across sections: table headers, known first-column cells."""

    headers: set[str]
    known_cells: list[str] = field(default_factory=list)


class _BlockParser:
    """Turn a section body into paragraphs, lists and tables, in document order."""

    def __init__(self, body: list[Line], context: _Context) -> None:
        self.lines = [line for line in body if not _LEGEND.match(line.text)]
        self.context = context
        self.i = 0
        self.blocks: list[Block] = []
        self.para: list[Line] = []
        self.notes_mode = False  # inside "Toelichting tabel": numbered notes are paragraphs
        self.by_header: dict[str, ListBlock] = {}

    # cursor helpers
    def _peek(self, skip_gaps: bool = True) -> Line | None:
        j = self.i
        while j < len(self.lines) and (self.lines[j].blank or (skip_gaps and self.lines[j].gap)):
            j += 1
        return self.lines[j] if j < len(self.lines) else None

    def _skip_to(self, line: Line) -> None:
        while self.lines[self.i] is not line:
            self.i += 1

    def _is_header(self, line: Line) -> bool:
        return _COLUMN_GAP.sub(" ", line.raw.strip()) in self.context.headers

    def _flush(self) -> None:
        if self.para:
            self.blocks.append(Para(_join(self.para)))
            self.para = []

    def run(self) -> list[Block]:
        while self.i < len(self.lines):
            line = self.lines[self.i]
            text = line.text
            if line.blank:
                self.i += 1
            elif line.gap:
                self._flush()
                self.i += 1
            elif _CAPTION.match(text):
                self._flush()
                self._caption()
            elif self._is_header(line):
                self._flush()
                self._headed_list(line)
            elif _NOTES_LABEL.match(text) and len(text) < 40:
                self._flush()
                self.blocks.append(Para(text))
                self.notes_mode = True
                self.i += 1
            elif self.notes_mode and (_is_bullet(text) or _number(text) is not None):
                self._flush()
                self.para = [Line(line.no, line.raw.lstrip().lstrip(BULLET_GLYPHS))]
                self._end_para_if(line)
                self.i += 1
            elif _is_bullet(text) or _number(text) == 1:
                self._flush()
                self._list()
            elif columns := self._columns_over_rows(line):
                self._flush()
                self._row_table(columns)
            else:
                self.para.append(line)
                self._end_para_if(line)
                self.i += 1
        self._flush()
        return self.blocks

    def _end_para_if(self, line: Line) -> None:
        if line.ends_block:
            self._flush()

    # captions and tables
    def _caption(self) -> None:
        lines = [self.lines[self.i]]
        self.i += 1
        while self.i < len(self.lines) and self.lines[self.i].text[:1].islower():
            lines.append(self.lines[self.i])
            self.i += 1
        match = _CAPTION.match(_join(lines))
        assert match  # the first line matched
        # 'Tabel x' (line 1768) is an unnumbered placeholder: keep only the description.
        label = match.group(1)
        caption = _join(lines) if label.isdigit() else match.group(2)
        self.blocks.append(Para(caption))
        header = self._peek(skip_gaps=False)
        if header is None or _number(header.text) is not None or _CAPTION.match(header.text):
            return
        columns = _COLUMN_GAP.split(header.raw.strip())
        if len(columns) >= 2:
            self._skip_to(header)
            self._block_table(header, columns)
        elif self._numeric_rows_follow():
            self._numeric_table()

    def _cell_blocks(self, header: Line | None) -> list[list[Line]]:
        """Runs of adjacent lines up to a paragraph break; a repeated header is skipped."""
        blocks: list[list[Line]] = []
        current: list[Line] = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if header is not None and line.text == header.text:
                self.i += 1
                continue
            if line.gap:
                nxt = self._peek()
                if header is not None and nxt is not None and nxt.text == header.text:
                    self.i += 1
                    continue
                break
            if line.blank:
                if current:
                    blocks.append(current)
                    current = []
            else:
                current.append(line)
            self.i += 1
        if current:
            blocks.append(current)
        return blocks

    def _block_table(self, header: Line, columns: list[str]) -> None:
        """A table whose cells are blocks of lines, row by row (tables 2 and 3)."""
        self.i += 1
        cells = [_join(block) for block in self._cell_blocks(header)]
        width = len(columns)
        label_name = _row_label_name(cells, width)
        if label_name:
            width += 1
            columns = [label_name, *columns]
            cells = [
                cell[len(label_name) :].strip() if k % width == 0 else cell
                for k, cell in enumerate(cells)
            ]
        if not cells or len(cells) % width:
            self.blocks.extend(Para(cell) for cell in cells)
            return
        rows = [cells[k : k + width] for k in range(0, len(cells), width)]
        self.blocks.append(TableBlock(columns, rows))

    def _numeric_rows_follow(self) -> bool:
        j = self.i
        while j < len(self.lines) and not self.lines[j].gap:
            if _trailing_numbers(self.lines[j].text) >= 2:
                return True
            j += 1
        return False

    def _numeric_table(self) -> None:
        """A table of a label column and number columns (table 1): header blocks, then rows."""
        header_blocks: list[str] = []
        rows: list[list[str]] = []
        label: list[str] = []
        width = 0
        for block in self._cell_blocks(None):
            text = _join(block)
            count = _trailing_numbers(text)
            if count >= 2:
                width = width or count
                tokens = text.split()
                name = " ".join([*label, *tokens[: len(tokens) - width]])
                rows.append([name, *tokens[len(tokens) - width :]])
                label = []
            elif rows:  # a row label wrapped over lines before its numbers (252-255)
                label.append(text)
            else:
                header_blocks.append(text)
        if not rows:
            self.blocks.extend(Para(text) for text in header_blocks)
            return
        value_names = header_blocks[len(header_blocks) - width :]
        rest = " ".join(header_blocks[: len(header_blocks) - width]).split(" ", 1)
        # The first header word names the label column ("SBI-indeling"); the rest spans the
        # number columns ("Percentage … dat opleidt voor deze kwalificaties").
        if len(rest) > 1:
            self.blocks.append(Para(rest[1]))
        self.blocks.append(TableBlock([rest[0], *value_names], rows))
        self.context.known_cells.extend(row[0] for row in rows)

    # lists
    def _headed_list(self, header: Line) -> None:
        """A role table: a known column header with numbered rows, resumed after page breaks."""
        self.i += 1
        name = header.text
        nxt = self._peek()
        number = _number(nxt.text) if nxt is not None else None
        previous = self.by_header.get(name)
        if previous is not None and number == len(previous.entries) + 1:
            self._skip_to(nxt)
            self._read_entries(previous)
        elif number == 1:
            block = ListBlock(name, numbered=True)
            self.by_header[name] = block
            self.blocks.append(block)
            self._skip_to(nxt)
            self._read_entries(block)

    def _list(self) -> None:
        """A bullet or numbered list found in the running text."""
        first = self.lines[self.i]
        block = ListBlock(None, numbered=not _is_bullet(first.text))
        self._read_entries(block)
        self.blocks.append(block)

    def _columns_over_rows(self, line: Line) -> list[str] | None:
        """'Organisatie  SBI-indeling' over numbered rows (appendix): the column names."""
        columns = _COLUMN_GAP.split(line.raw.strip())
        nxt = self.lines[self.i + 1 : self.i + 3]
        if len(columns) == 2 and any(_number(n.text) == 1 for n in nxt):
            return columns
        return None

    def _row_table(self, columns: list[str]) -> None:
        self.i += 1
        block = ListBlock(None, numbered=True)
        self._read_entries(block)
        self.blocks.append(_split_rows(block, columns, self.context.known_cells))

    def _read_entries(self, block: ListBlock) -> None:
        entry_open = False
        while self.i < len(self.lines):
            line = self.lines[self.i]
            text = line.text
            if line.blank or (block.header and text == block.header):
                self.i += 1
                continue
            if line.gap:
                nxt = self._peek()
                if nxt is None or not self._starts_entry(block, nxt.text):
                    return
                self.i += 1
                continue
            if self._starts_entry(block, text):
                block.entries.append([line])
                entry_open = not line.ends_block
            elif entry_open and not self._structural(line):
                block.entries[-1].append(line)
                entry_open = not line.ends_block
            else:
                return
            self.i += 1

    def _starts_entry(self, block: ListBlock, text: str) -> bool:
        if block.numbered:
            return _number(text) == len(block.entries) + 1
        return _is_bullet(text)

    def _structural(self, line: Line) -> bool:
        text = line.text
        return bool(
            _is_bullet(text)
            or _number(text) is not None
            or _CAPTION.match(text)
            or self._is_header(line)
            or _NOTES_LABEL.match(text)
        )


def _trailing_numbers(text: str) -> int:
    count = 0
    for token in reversed(text.split()):
        if not _NUMBER.match(token):
            break
        count += 1
    return count


def _row_label_name(cells: list[str], width: int) -> str | None:
    """The shared first words of a row-label column the header does not name (table 3)."""
    if len(cells) % (width + 1) or len(cells) // (width + 1) < 2:
        return None
    labels = [cells[k].split() for k in range(0, len(cells), width + 1)]
    common: list[str] = []
    for words in zip(*labels, strict=False):
        if len(set(words)) != 1:
            break
        common.append(words[0])
    if len(common) < 2 or any(len(words) == len(common) for words in labels):
        return None
    return " ".join(common)


def _split_rows(block: ListBlock, columns: list[str], known: list[str]) -> TableBlock:
    """Numbered rows under a two-column header: the second cell is a known label or last word.

    The appendix names each organisation's SBI sector; the sectors are the label cells of
    table 1, except 'Detailhandel' (one word).
    """
    rows = []
    for entry in block.entries:
        text = _strip_marker(_join(entry))
        suffix = next(
            (k for k in sorted(known, key=len, reverse=True) if text.endswith(" " + k)), None
        )
        suffix = suffix or text.rsplit(" ", 1)[-1]
        rows.append([text[: len(text) - len(suffix)].strip(), suffix])
    return TableBlock(columns, rows)


# --- assembly ---------------------------------------------------------------------------------


def _relocate_lists(sections: list[Section]) -> None:
    """Move a headed list to the sibling section its header names ('Competenties bcp')."""
    for section in sections:
        for block in list(section.blocks):
            if not isinstance(block, ListBlock) or block.header is None:
                continue
            word = block.header.split()[0].casefold()
            if section.title.split()[0].casefold() == word:
                continue
            target = next(
                (
                    s
                    for s in sections
                    if s.parent == section.parent
                    and s is not section
                    and s.parent is not None
                    and s.title.split()[0].casefold() == word
                ),
                None,
            )
            if target is not None:
                section.blocks.remove(block)
                target.moved_in.append(block)


def _fields(section: Section) -> dict[str, Any]:
    """tekst, lijst and tabel of a section, in the order they first appear."""
    blocks: list[Block] = [*section.blocks, *section.moved_in]
    lists = [b for b in blocks if isinstance(b, ListBlock)]
    inline = len(lists) > 1  # several lists under sub-headings (ch. 6): keep them in the text
    order: list[str] = []
    paragraphs: list[str] = []
    entries: list[str] = []
    table: TableBlock | None = None
    for block in blocks:
        if isinstance(block, Para) or (inline and isinstance(block, ListBlock)):
            texts = [block.text] if isinstance(block, Para) else block.texts()
            paragraphs.extend(texts)
            name = "tekst"
        elif isinstance(block, ListBlock):
            entries.extend(block.texts())
            name = "lijst"
        else:
            table = block
            name = "tabel"
        if name not in order:
            order.append(name)
    paragraphs.extend(section.footnotes)
    if section.footnotes and "tekst" not in order:
        order.insert(0, "tekst")
    values: dict[str, Any] = {
        "tekst": "\n\n".join(paragraphs),
        "lijst": entries,
        "tabel": {"kolommen": table.columns, "rijen": table.rows} if table else None,
    }
    return {name: values[name] for name in order if values[name]}


def parse(text: str, source_id: str) -> dict[str, Any]:
    """Parse a beroepenonderzoek report into sectie items."""
    raw_lines = text.replace("\u00a0", " ").replace("\r\n", "\n").split("\n")
    lines = [Line(no, raw) for no, raw in enumerate(raw_lines, start=1)]
    lines, notes = _extract_footnotes(lines)
    _place_markers(lines, notes)
    sections = _split_sections(lines)
    context = _Context(_table_headers(lines))
    for section in sections:
        section.blocks = _BlockParser(section.body, context).run()
    _relocate_lists(sections)
    _attach_footnotes(sections, notes)
    items = []
    for section in sections:
        item: dict[str, Any] = {
            "id": f"{source_id}:{section.code}",
            "type": "sectie",
            "code": section.code,
        }
        if section.parent:
            item["parent"] = f"{source_id}:{section.parent}"
        item["title"] = section.title
        item["line"] = section.line
        fields = _fields(section)
        if fields:
            item["fields"] = fields
        items.append(item)
    return {"source": {"id": source_id, "title": DOCUMENT_TITLE}, "items": items}


def _attach_footnotes(sections: list[Section], notes: list[Footnote]) -> None:
    """Each footnote goes to the end of the text of the section holding its marker."""
    for note in notes:
        # without a marker the footnote stays in the section the page put it in
        line_no = note.marker_line if note.marker_line is not None else note.line
        owner = sections[0]
        for section in sections:
            if section.line <= line_no:
                owner = section
        owner.footnotes.append(f"[{note.number}] {note.text}")
