"""Fit HTML blocks into Telegram's 4,096 characters, keeping what the question asks about."""

from __future__ import annotations

import re

from bot.core.replies import html_to_plain

_OPEN = re.compile(r"<(b|i)>")
_CLOSE = re.compile(r"</(b|i)>")


def _size(block: str) -> int:
    """The larger of raw and parsed length: both must stay under Telegram's limit."""
    return max(len(block), len(html_to_plain(block)))


def _safe_cut(block: str, limit: int) -> str | None:
    """The block cut at a line or sentence end before limit, tags balanced; None if none fits."""
    for separator in ("\n", ". "):
        end = block.rfind(separator, 0, limit)
        while end > 0:
            head = block[: end + (1 if separator == ". " else 0)]
            balanced = len(_OPEN.findall(head)) == len(_CLOSE.findall(head))
            if balanced and not re.search(r"&[a-z#0-9]*$", head):
                return head.rstrip()
            end = block.rfind(separator, 0, end)
    return None


def fit_blocks(
    blocks: list[str], budget: int, relevance: list[float] | None = None, marker: str = "[…]"
) -> tuple[list[str], bool]:
    """Blocks that fit in budget, preferring relevant ones, in their order; and whether cut."""
    if sum(_size(b) + 2 for b in blocks) <= budget:
        return blocks, False
    order = sorted(range(len(blocks)), key=lambda i: (-(relevance or [0.0] * len(blocks))[i], i))
    chosen: set[int] = set()
    used = 0
    for i in [0, *order]:
        if i in chosen:
            continue
        cost = _size(blocks[i]) + 2 + len(marker) + 2
        if used + cost <= budget:
            chosen.add(i)
            used += cost
    out: list[str] = []
    for i, block in enumerate(blocks):
        if i in chosen:
            out.append(block)
        elif not out or out[-1] != marker:
            remaining = budget - used
            cut = _safe_cut(block, remaining - len(marker) - 4) if remaining > 200 else None
            if cut:
                out.append(cut)
                used += _size(cut) + 2
            out.append(marker)
    return out, True
