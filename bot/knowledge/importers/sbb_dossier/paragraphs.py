"""Joining the lines the PDF layout wrapped back into sentences and paragraphs."""

from __future__ import annotations

import re

from bot.knowledge.importers.hyphens import join_broken_line as join
from bot.knowledge.importers.sbb_dossier.source import Line

_SENTENCE_END = re.compile(r"[.:;!?][\"'”’)]*$")
# A line this long (plus the next word) was wrapped by the PDF layout, not ended on purpose.
_WRAP_WIDTH = 80


def _first_word(text: str) -> str:
    """The text up to its first space."""
    return text.split(" ", 1)[0]


def _starts_lower(text: str) -> bool:
    """True when the first letter or digit is a lower-case letter."""
    for char in text:
        if char.isalnum():
            return char.islower()
    return False


def _is_full(left: str, right: str) -> bool:
    """True when the next word would not have fitted on the line: a layout wrap."""
    return len(left) + 1 + len(_first_word(right)) > _WRAP_WIDTH


def _continues(left: str, right: str, after_blank: bool) -> bool:
    """Whether line `right` continues the paragraph that ends with line `left`."""
    if not after_blank:
        return _is_full(left, right)
    # A blank line ends a paragraph, unless it sits inside a sentence (page break, layout).
    return not _SENTENCE_END.search(left) and (_starts_lower(right) or _is_full(left, right))


def paragraphs(lines: list[Line]) -> list[str]:
    """Lines as paragraphs: wrapped lines joined, blank-separated blocks and headings apart."""
    found: list[str] = []
    previous = ""
    after_blank = False
    for line in lines:
        if not line.text:
            after_blank = True
            continue
        if found and _continues(previous, line.text, after_blank):
            found[-1] = join(found[-1], line.text)
        else:
            found.append(line.text)
        previous = line.text
        after_blank = False
    return found
