"""Tables in a section body: captioned tables of text or numbers, and the appendix's rows."""

from __future__ import annotations

import re

from bot.knowledge.importers.beroepenonderzoek.blocks import Block, ListBlock, Para, TableBlock
from bot.knowledge.importers.beroepenonderzoek.cursor import Context, Cursor
from bot.knowledge.importers.beroepenonderzoek.lines import (
    CAPTION,
    HEADING,
    Line,
    columns,
    number,
    squeezed,
    strip_marker,
)
from bot.knowledge.importers.beroepenonderzoek.lists import read_entries
from bot.knowledge.importers.common import join_lines

_NUMBER = re.compile(r"^\d[\d.]*(,\d+)?%?$")


def table_headers(lines: list[Line]) -> set[str]:
    """Column headers of the report's tables: the first line under each 'Tabel n' caption."""
    headers: set[str] = set()
    for i, line in enumerate(lines):
        if not CAPTION.match(line.text):
            continue
        j = i + 1
        while j < len(lines) and (not lines[j].text or lines[j].text[0].islower()):
            j += 1
        if j < len(lines):
            text = lines[j].text
            if not (HEADING.match(text) or number(text) or CAPTION.match(text)):
                headers.add(squeezed(lines[j]))
    return headers


def _caption_text(cursor: Cursor) -> str:
    """The caption at the cursor with its wrapped lines; 'Tabel x' (line 1768) is an
    unnumbered placeholder, so only its description is kept."""
    lines = [cursor.line]
    cursor.advance()
    while not cursor.done and cursor.line.text[:1].islower():
        lines.append(cursor.line)
        cursor.advance()
    match = CAPTION.match(join_lines(lines))
    assert match  # the first line matched
    return join_lines(lines) if match.group(1).isdigit() else match.group(2)


def read_caption(cursor: Cursor, context: Context) -> list[Block]:
    """A 'Tabel n' caption as a paragraph, with the table below it when one follows."""
    blocks: list[Block] = [Para(_caption_text(cursor))]
    header = cursor.peek(skip_gaps=False)
    if header is None or number(header.text) is not None or CAPTION.match(header.text):
        return blocks
    names = columns(header)
    if len(names) >= 2:
        cursor.skip_to(header)
        blocks += _block_table(cursor, header, names)
    elif _numeric_rows_follow(cursor):
        blocks += _numeric_table(cursor, context)
    return blocks


def _at_repeated_header(cursor: Cursor, header: Line) -> bool:
    """Is the cursor at the header printed again after a page break, or at the gap before it?"""
    if cursor.line.gap:
        return cursor.next_is(lambda nxt: nxt.text == header.text)
    return cursor.line.text == header.text


def _cell_blocks(cursor: Cursor, header: Line | None) -> list[list[Line]]:
    """Runs of adjacent lines up to a paragraph break; a repeated header is skipped."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    while not cursor.done:
        line = cursor.line
        if header is not None and _at_repeated_header(cursor, header):
            cursor.advance()
            continue
        if line.gap:
            break
        if line.blank:
            if current:
                blocks.append(current)
                current = []
        else:
            current.append(line)
        cursor.advance()
    if current:
        blocks.append(current)
    return blocks


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


def _block_table(cursor: Cursor, header: Line, names: list[str]) -> list[Block]:
    """A table whose cells are blocks of lines, row by row (tables 2 and 3)."""
    cursor.advance()
    cells = [join_lines(block) for block in _cell_blocks(cursor, header)]
    width = len(names)
    label_name = _row_label_name(cells, width)
    if label_name:
        width += 1
        names = [label_name, *names]
        cells = [
            cell[len(label_name) :].strip() if k % width == 0 else cell
            for k, cell in enumerate(cells)
        ]
    if not cells or len(cells) % width:
        return [Para(cell) for cell in cells]
    return [TableBlock(names, [cells[k : k + width] for k in range(0, len(cells), width)])]


def _trailing_numbers(text: str) -> int:
    """How many numbers end the text ('Detailhandel 12,5% 10.235' ends in two)."""
    count = 0
    for token in reversed(text.split()):
        if not _NUMBER.match(token):
            break
        count += 1
    return count


def _numeric_rows_follow(cursor: Cursor) -> bool:
    """Does a line ending in two or more numbers come before the next paragraph break?"""
    for line in cursor.lines[cursor.i :]:
        if line.gap:
            return False
        if _trailing_numbers(line.text) >= 2:
            return True
    return False


def _numeric_rows(cursor: Cursor) -> tuple[list[str], list[list[str]], int]:
    """Header blocks, rows (label + numbers) and the number of number columns."""
    header_blocks: list[str] = []
    rows: list[list[str]] = []
    label: list[str] = []
    width = 0
    for block in _cell_blocks(cursor, None):
        text = join_lines(block)
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
    return header_blocks, rows, width


def _numeric_table(cursor: Cursor, context: Context) -> list[Block]:
    """A table of a label column and number columns (table 1): header blocks, then rows."""
    header_blocks, rows, width = _numeric_rows(cursor)
    if not rows:
        return [Para(text) for text in header_blocks]
    value_names = header_blocks[len(header_blocks) - width :]
    rest = " ".join(header_blocks[: len(header_blocks) - width]).split(" ", 1)
    # The first header word names the label column ("SBI-indeling"); the rest spans the
    # number columns ("Percentage … dat opleidt voor deze kwalificaties").
    blocks: list[Block] = [Para(rest[1])] if len(rest) > 1 else []
    context.known_cells.extend(row[0] for row in rows)
    return [*blocks, TableBlock([rest[0], *value_names], rows)]


def columns_over_rows(cursor: Cursor) -> bool:
    """'Organisatie  SBI-indeling' over numbered rows (appendix) at the cursor?"""
    nxt = cursor.lines[cursor.i + 1 : cursor.i + 3]
    return len(columns(cursor.line)) == 2 and any(number(n.text) == 1 for n in nxt)


def _split_rows(block: ListBlock, names: list[str], known: list[str]) -> TableBlock:
    """Numbered rows under a two-column header: the second cell is a known label or last word.

    The appendix names each organisation's SBI sector; the sectors are the label cells of
    table 1, except 'Detailhandel' (one word).
    """
    rows = []
    by_length = sorted(known, key=len, reverse=True)
    for entry in block.entries:
        text = strip_marker(join_lines(entry))
        suffix = next((k for k in by_length if text.endswith(" " + k)), None)
        suffix = suffix or text.rsplit(" ", 1)[-1]
        rows.append([text[: len(text) - len(suffix)].strip(), suffix])
    return TableBlock(names, rows)


def read_row_table(cursor: Cursor, context: Context) -> TableBlock:
    """The column names at the cursor and the numbered rows under them."""
    names = columns(cursor.line)
    cursor.advance()
    block = ListBlock(None, numbered=True)
    read_entries(cursor, block, context)
    return _split_rows(block, names, context.known_cells)
