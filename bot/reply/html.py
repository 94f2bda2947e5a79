"""The one place that escapes text for Telegram's HTML parse mode."""

from __future__ import annotations

import html


def esc(text: str) -> str:
    """Escape <, > and & (and quotes) so any text is safe inside Telegram HTML."""
    return html.escape(text, quote=True)


def bold(text: str) -> str:
    return f"<b>{esc(text)}</b>"


def italic(text: str) -> str:
    return f"<i>{esc(text)}</i>"


def bullets(lines: list[str] | tuple[str, ...], mark: str = "•") -> str:
    """Escaped bullet lines."""
    return "\n".join(f"{mark} {esc(line)}" for line in lines)
