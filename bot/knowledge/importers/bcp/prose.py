"""Prose and list entries from source lines: where paragraphs end and entries start."""

from __future__ import annotations

import re

from bot.knowledge.importers.bcp.lines import Line
from bot.knowledge.importers.hyphens import join_broken_line
from bot.knowledge.importers.item_data import join_paragraphs

BULLET = re.compile(r"^[-•–]\s*")
_KEY_VALUE = re.compile(r"^[A-Z]\w*(?: \w+){0,2}:(?:\s+\S|$)")  # 'Op: 27 september 2010'
_KEY_ONLY = re.compile(r"^[A-Z]\w*(?: \w+){0,2}:$")  # 'Geaccordeerd door:' with its value below
_SENTENCE_END = (".", "?", "!", ":")


def _width(lines: list[Line]) -> int:
    """The column width of a block of text: its longest line."""
    return max((len(line.text) for line in lines), default=0)


def _hard_break(prev: Line, nxt: str, width: int) -> bool:
    """Did a sentence end the line although the next word would have fitted behind it?
    A question ending a line is one of the template's guiding questions: its answer follows."""
    if _KEY_ONLY.match(prev.text) or not prev.text.endswith(_SENTENCE_END):
        return False
    if prev.text.endswith("?"):
        return True
    word = nxt.split()[0]
    return len(prev.text) + 1 + len(word) <= width * 0.9


class _Paragraphs:
    """Paragraphs built line by line; each paragraph is a list of lines of text."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.done: list[list[str]] = [[]]
        self.cur: str | None = None
        self.prev: Line | None = None
        self.bullet = False

    def add(self, line: Line) -> None:
        """Take one source line; empty lines are extraction artefacts and skipped."""
        if line.is_break:
            self._new_paragraph()
            self.bullet, self.prev = False, None
        elif line.text:
            self._add_text(line)
            self.prev = line

    def result(self) -> list[str]:
        """The paragraphs, their lines joined by newlines."""
        self._flush()
        return ["\n".join(p) for p in self.done if p]

    def _add_text(self, line: Line) -> None:
        """A bullet or 'Key: value' line starts a line; a sentence may end the paragraph."""
        text = line.text
        if BULLET.match(text):
            self._flush()
            self.cur, self.bullet = BULLET.sub("", text), True
        elif _KEY_VALUE.match(text):
            self._flush()
            self.cur, self.bullet = text, False
        elif self.cur is None or self.prev is None:
            self.cur = text
        elif not self.bullet and _hard_break(self.prev, text, self.width):
            self._new_paragraph()
            self.cur = text
        else:
            self.cur = join_broken_line(self.cur, text)

    def _flush(self) -> None:
        if self.cur:
            self.done[-1].append(self.cur)
        self.cur = None

    def _new_paragraph(self) -> None:
        self._flush()
        if self.done[-1]:
            self.done.append([])


def paragraphs(lines: list[Line], width: int | None = None) -> list[str]:
    """Paragraphs of prose; bullets and 'Key: value' lines stay lines of their paragraph."""
    builder = _Paragraphs(width or _width(lines))
    for line in lines:
        builder.add(line)
    return builder.result()


def paragraph_text(lines: list[Line]) -> str:
    """The paragraphs of lines as one text, separated by blank lines."""
    return join_paragraphs(paragraphs(lines))


def entries(lines: list[Line]) -> list[str]:
    """List entries: a bullet glyph, or a lost glyph (indented capital), starts an entry."""
    found: list[str] = []
    prev: Line | None = None
    for line in lines:
        if line.is_break:
            prev = None
            continue
        if not line.text:
            continue
        glyph = bool(BULLET.match(line.text))
        lost_glyph = line.raw[:1].isspace() and line.text[:1].isupper()
        text = BULLET.sub("", line.text)
        if prev is None or glyph or lost_glyph or not found:
            found.append(text)
        else:
            found[-1] = join_broken_line(found[-1], text)
        prev = line
    return [entry for entry in found if entry]


def is_list(lines: list[Line]) -> bool:
    """A block of short phrases (names without sentences), e.g. the functiebenamingen."""
    texts = [line.text for line in lines if line.text]
    return bool(texts) and all(
        len(t.split()) <= 6 and not t.endswith(_SENTENCE_END) for t in texts
    )
