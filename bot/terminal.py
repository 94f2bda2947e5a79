"""The terminal adapter: the same conversation core, choices shown as numbered options."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

from bot.core.conversation import Conversation, Session
from bot.core.replies import Reply


def render(reply: Reply) -> str:
    """Plain text with numbered choices below it."""
    lines = [reply.plain]
    if reply.choices:
        lines.append("")
        lines += [f"  [{n}] {choice.label}" for n, choice in enumerate(reply.choices, 1)]
    return "\n".join(lines)


def chat(
    conversation: Conversation,
    session: Session,
    read: Callable[[], str] = input,
    out: TextIO = sys.stdout,
) -> None:
    """Question loop until end of input or 'stop'; a number picks a choice of the last reply."""
    last: Reply | None = None
    while True:
        try:
            text = read().strip()
        except (EOFError, KeyboardInterrupt):
            break
        if text.lower() in {"stop", "exit", "quit", ":q"}:
            break
        if last and text.isdigit() and 1 <= int(text) <= len(last.choices):
            reply = conversation.on_choice(session, last.choices[int(text) - 1].action)
        else:
            reply = conversation.on_text(session, text)
        print(render(reply), end="\n\n", file=out, flush=True)
        last = reply
