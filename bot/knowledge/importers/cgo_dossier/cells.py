"""Table cells: HTML and bullet glyphs removed, cut into paragraphs and list entries."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Source-specific corrections of PDF extraction damage (not of the authors' wording).
TEXT_FIXES: tuple[tuple[str, str], ...] = (
    ("p resenteert", "presenteert"),  # line 207: the extraction split the word in two
)

_MARK = re.compile(r"(</?p>|<ul\b[^>]*>|</ul>|<li\b[^>]*>|</li>|<br\s*/?>|•)", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_DASH_ITEMS = re.compile(r"(?:^|\s+)-\s+")


@dataclass(frozen=True)
class Segment:
    """A piece of a cell: a paragraph, or a list entry (bullet, <li>, '- ' item)."""

    kind: str  # "para" | "item"
    text: str


def clean(text: str) -> str:
    """Cell text without HTML tags, NBSPs or runs of spaces."""
    text = _TAG.sub(" ", text.replace("\u00a0", " "))
    for wrong, right in TEXT_FIXES:
        text = text.replace(wrong, right)
    return " ".join(text.split())


def join_text(left: str, right: str) -> str:
    """Join two pieces of one sentence broken at a page break."""
    if not left:
        return right
    if not right:
        return left
    return left + right if right.startswith(")") else f"{left} {right}"


def _dash_split(segment: Segment) -> list[Segment]:
    """'- a - b' becomes the items a and b; other segments are kept."""
    if not segment.text.startswith("-"):
        return [segment]
    parts = [part.strip() for part in _DASH_ITEMS.split(segment.text)]
    return [Segment("item", part) for part in parts if part]


def _kind_after(marker: str, in_list: bool) -> tuple[bool, str]:
    """Whether a list is open after a marker, and the kind of the text that follows it."""
    if marker.startswith("<ul"):
        return True, "item"
    if marker == "</ul>":
        return False, "para"
    if marker in ("•", "</li>") or marker.startswith("<li"):
        return in_list, "item"
    return in_list, ("item" if in_list else "para")  # <p>, </p>, <br>


def segments(cell: str) -> list[Segment]:
    """A cell cut into paragraphs and list entries, HTML and bullet glyphs removed."""
    out: list[Segment] = []
    in_list = False
    kind = "para"
    for i, piece in enumerate(_MARK.split(cell)):
        if i % 2:  # a marker: it decides what the text after it is
            in_list, kind = _kind_after(piece.lower(), in_list)
        elif text := clean(piece):
            out.extend(_dash_split(Segment(kind, text)))
    return out


def paragraphs(cell: str) -> list[str]:
    """The cell's segments as paragraphs (list entries become paragraphs of their own)."""
    return [segment.text for segment in segments(cell)]
