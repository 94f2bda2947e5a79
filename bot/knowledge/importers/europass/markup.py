"""Markdown inline markup (links, bold, escapes) removed from a line of text."""

from __future__ import annotations

import re

_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_ESCAPE = re.compile(r"\\([\\*_#\[\]()<>`.-])")
_SCHEME = re.compile(r"^(?:https?://)?")


def _link(match: re.Match[str]) -> str:
    """A link as its label, with the address after it unless the label is the address."""
    label, url = match.group(1), match.group(2)
    bare = _SCHEME.sub("", url).rstrip("/")
    return label if bare == label.rstrip("/") else f"{label} ({url})"


def inline(text: str) -> str:
    """Text without markdown markup, NBSP normalised and spaces collapsed."""
    text = text.replace("\u00a0", " ")
    text = _LINK.sub(_link, text)
    text = _AUTOLINK.sub(r"\1", text)
    text = text.replace("**", "").replace("__", "")
    text = _ESCAPE.sub(r"\1", text)
    return " ".join(text.split())
