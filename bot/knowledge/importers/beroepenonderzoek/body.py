"""A section body read as paragraphs, lists and tables, in document order.

A paragraph ends at a whitespace-only line, at a line ending in two or more spaces, or at a
short line (a full line is about 90-118 characters). Role tables are a column header
(``Benodigde kennis en vaardigheden bcp``) with numbered rows; after a page break the header is
printed again. Their colour column (how well each row fits other sectors) did not survive
extraction, so only the rows are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.knowledge.importers.beroepenonderzoek.blocks import Block, ListBlock, Para
from bot.knowledge.importers.beroepenonderzoek.cursor import Context, Cursor
from bot.knowledge.importers.beroepenonderzoek.lines import (
    BULLET_GLYPHS,
    CAPTION,
    NOTES_LABEL,
    Line,
    is_bullet,
    number,
)
from bot.knowledge.importers.beroepenonderzoek.lists import read_entries, read_list
from bot.knowledge.importers.beroepenonderzoek.tables import (
    columns_over_rows,
    read_caption,
    read_row_table,
)
from bot.knowledge.importers.common import join_lines

# The colour legend of the role tables; without its colours it says nothing about any row.
_LEGEND = re.compile(r"^Sluit (goed|gedeeltelijk|onvoldoende) aan\b")


class BlockParser:
    """Turn a section body into paragraphs, lists and tables, in document order."""

    def __init__(self, body: list[Line], context: Context) -> None:
        self.cursor = Cursor([line for line in body if not _LEGEND.match(line.text)])
        self.context = context
        self.blocks: list[Block] = []
        self.para: list[Line] = []
        self.notes_mode = False  # inside "Toelichting tabel": numbered notes are paragraphs
        self.by_header: dict[str, ListBlock] = {}

    def run(self) -> list[Block]:
        """The blocks of the whole body."""
        while not self.cursor.done:
            self._step(self.cursor.line)
        self._flush()
        return self.blocks

    def _step(self, line: Line) -> None:
        """Read from the line at the cursor: skip it, gather it as prose, or hand it on."""
        if line.blank:
            self.cursor.advance()
        elif (reader := self._reader(line)) is not None:
            self._flush()
            reader()
        else:
            self.para.append(line)
            self._end_para_if(line)
            self.cursor.advance()

    def _reader(self, line: Line) -> Callable[[], None] | None:
        """The method that reads what starts at a line, or None for a line of prose."""
        text = line.text
        if line.gap:
            return self.cursor.advance
        if CAPTION.match(text):
            return self._caption
        if self.context.is_header(line):
            return self._headed_list
        if NOTES_LABEL.match(text) and len(text) < 40:
            return self._notes_label
        if self.notes_mode and (is_bullet(text) or number(text) is not None):
            return self._note
        if is_bullet(text) or number(text) == 1:
            return self._list
        if columns_over_rows(self.cursor):
            return self._row_table
        return None

    def _flush(self) -> None:
        if self.para:
            self.blocks.append(Para(join_lines(self.para)))
            self.para = []

    def _end_para_if(self, line: Line) -> None:
        if line.ends_block:
            self._flush()

    def _caption(self) -> None:
        self.blocks += read_caption(self.cursor, self.context)

    def _list(self) -> None:
        self.blocks.append(read_list(self.cursor, self.context))

    def _row_table(self) -> None:
        self.blocks.append(read_row_table(self.cursor, self.context))

    def _notes_label(self) -> None:
        """'Toelichting tabel': the numbered lines after it are notes, not list entries."""
        self.blocks.append(Para(self.cursor.line.text))
        self.notes_mode = True
        self.cursor.advance()

    def _note(self) -> None:
        """A note under 'Toelichting tabel' starts a paragraph of its own."""
        line = self.cursor.line
        self.para = [Line(line.no, line.raw.lstrip().lstrip(BULLET_GLYPHS))]
        self._end_para_if(line)
        self.cursor.advance()

    def _headed_list(self) -> None:
        """A role table: a known column header with numbered rows, resumed after page breaks."""
        name = self.cursor.line.text
        self.cursor.advance()
        nxt = self.cursor.peek()
        if nxt is None:
            return
        block = self._list_for(name, number(nxt.text))
        if block is not None:
            self.cursor.skip_to(nxt)
            read_entries(self.cursor, block, self.context)

    def _list_for(self, name: str, first: int | None) -> ListBlock | None:
        """The role table that rows numbered from ``first`` continue, a new one for row 1."""
        previous = self.by_header.get(name)
        if previous is not None and first == len(previous.entries) + 1:
            return previous
        if first != 1:
            return None
        block = self.by_header[name] = ListBlock(name, numbered=True)
        self.blocks.append(block)
        return block
