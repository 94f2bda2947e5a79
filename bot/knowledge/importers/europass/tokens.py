"""The text as headings and blocks (paragraphs, bullets, table rows), minus page furniture."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeGuard

from bot.knowledge.importers.europass.headings import Heading, find_heading
from bot.knowledge.importers.europass.markup import inline
from bot.knowledge.importers.hyphens import join_broken_line

_BULLET = re.compile(r"^\s*(?:[-*•]|\d+\))\s+(.*)$")
_FOOTER_START = re.compile(r"^\*\s*Toelichting$")
_SENTENCE_END = (".", "!", "?", ":", ";")


@dataclass
class Block:
    """A paragraph, a bullet or a table row, with the line it starts on."""

    line: int
    kind: str  # "para", "bullet" or "row"
    text: str = ""
    cells: list[str] = field(default_factory=list)


class _Tokens:
    """Headings and blocks of the text in order, with page furniture removed."""

    def __init__(self) -> None:
        self.events: list[Heading | Block] = []
        self.section: int | None = None
        self.after_break = False  # page furniture was skipped since the last block
        self.open: Block | None = None
        self.continues = False  # the open paragraph runs on from before a page break
        self.in_footer = False

    def line(self, raw: str, line: int) -> None:
        """One line: footer, blank, heading, table row or text."""
        clean = inline(raw)
        if self.in_footer:
            if clean.startswith("©"):  # the Europass footer's last line
                self.in_footer, self.after_break = False, True
        elif not clean:
            self.flush()
        elif _FOOTER_START.match(clean):
            self.flush()
            self.in_footer = True
        elif found := find_heading(raw, line):
            self.heading(found)
        elif "\t" in raw.strip():
            self.row(raw, line)
        else:
            self.text_line(raw, line)

    def flush(self) -> None:
        """Close the open paragraph or bullet; join a paragraph cut by a page break."""
        block, self.open = self.open, None
        if block is None:
            return
        last = self.events[-1] if self.events else None
        if self.continues and block.kind == "para" and _unfinished_para(last):
            last.text = f"{last.text} {block.text}"
        else:
            self.events.append(block)
        self.continues = False

    def start(self, line: int, kind: str) -> None:
        """Open a block; it continues a paragraph when page furniture came before it."""
        self.flush()
        self.open = Block(line, kind)
        self.continues, self.after_break = self.after_break, False

    def text_line(self, raw: str, line: int) -> None:
        """A bullet, or a line of the open paragraph or bullet."""
        bullet = _BULLET.match(raw)
        if bullet:
            self.start(line, "bullet")
            raw = bullet.group(1)
        elif self.open is None:
            self.start(line, "para")
        assert self.open is not None
        text = inline(raw)
        self.open.text = join_broken_line(self.open.text, text) if self.open.text else text
        if raw.endswith("  ") and self.open.kind == "para":  # markdown hard line break
            self.flush()

    def row(self, raw: str, line: int) -> None:
        """A tab-separated table row; empty cells are dropped."""
        self.flush()
        cells = [inline(cell) for cell in raw.strip().split("\t")]
        self.events.append(Block(line, "row", cells=[c for c in cells if c]))

    def heading(self, found: Heading) -> None:
        """A heading; a numbered one repeating the current section is a running header."""
        self.flush()
        if found.number is not None and found.number == self.section:
            self.after_break = True  # the running header repeated on a new page
            return
        if found.number is not None:
            self.section = found.number
        self.after_break = False
        self.events.append(found)


def _unfinished_para(event: Heading | Block | None) -> TypeGuard[Block]:
    """Whether an event is a paragraph whose sentence a page break cut off."""
    return (
        isinstance(event, Block)
        and event.kind == "para"
        and not event.text.endswith(_SENTENCE_END)
    )


def tokens(text: str) -> list[Heading | Block]:
    """Walk the lines: headings, paragraphs, bullets and table rows, minus page furniture."""
    reader = _Tokens()
    for line, raw in enumerate(text.splitlines(), start=1):
        reader.line(raw, line)
    reader.flush()
    return reader.events
