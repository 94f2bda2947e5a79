"""The code scheme: B1 (basisdeel), P1 (profiel), B1-K1 (kerntaak), B1-K1-W1 (werkproces)."""

from __future__ import annotations

CODE = r"[BP]\d+(?:-K\d+(?:-W\d+)?)?"


def kind_of(code: str) -> str:
    """The item type a code stands for."""
    if "-W" in code:
        return "werkproces"
    if "-K" in code:
        return "kerntaak"
    return "basisdeel" if code.startswith("B") else "profiel"


def parent_of(code: str) -> str | None:
    """The code of the item a kerntaak or werkproces belongs to."""
    return code.rsplit("-", 1)[0] if "-" in code else None
