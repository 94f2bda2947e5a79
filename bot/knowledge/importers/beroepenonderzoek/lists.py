"""Lists in a section body: bullet lists, numbered lists and the rows of role tables."""

from __future__ import annotations

from bot.knowledge.importers.beroepenonderzoek.blocks import ListBlock
from bot.knowledge.importers.beroepenonderzoek.cursor import Context, Cursor
from bot.knowledge.importers.beroepenonderzoek.lines import (
    CAPTION,
    NOTES_LABEL,
    Line,
    is_bullet,
    number,
)


def _starts_entry(block: ListBlock, text: str) -> bool:
    """Does the text open the list's next entry (its next number, or a bullet)?"""
    if block.numbered:
        return number(text) == len(block.entries) + 1
    return is_bullet(text)


def _structural(line: Line, context: Context) -> bool:
    """Does the line start something else (an entry, caption, table or notes)?"""
    text = line.text
    return bool(
        is_bullet(text)
        or number(text) is not None
        or CAPTION.match(text)
        or context.is_header(line)
        or NOTES_LABEL.match(text)
    )


def read_entries(cursor: Cursor, block: ListBlock, context: Context) -> None:
    """Add the entries from the cursor on; an entry runs on until a line ends it."""
    entry_open = False
    while not cursor.done:
        line = cursor.line
        if line.blank or (block.header and line.text == block.header):
            cursor.advance()
            continue
        if line.gap:
            if not cursor.next_is(lambda nxt: _starts_entry(block, nxt.text)):
                return
            cursor.advance()
            continue
        if _starts_entry(block, line.text):
            block.entries.append([line])
        elif entry_open and not _structural(line, context):
            block.entries[-1].append(line)
        else:
            return
        entry_open = not line.ends_block
        cursor.advance()


def read_list(cursor: Cursor, context: Context) -> ListBlock:
    """A bullet or numbered list found in the running text."""
    block = ListBlock(None, numbered=not is_bullet(cursor.line.text))
    read_entries(cursor, block, context)
    return block
