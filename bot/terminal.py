"""The terminal adapter: the same assistant as Telegram, choices shown as numbered options."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from typing import TextIO

from bot.core.assistant import Assistant, Person
from bot.core.replies import Reply

TERMINAL_USER = Person(id=1, first_name="terminal")
STOP_WORDS = {"stop", "exit", "quit", ":q"}


def render(reply: Reply) -> str:
    """Plain text with numbered choices below it."""
    lines = [reply.plain]
    if reply.choices:
        lines.append("")
        lines += [f"  [{n}] {choice.label}" for n, choice in enumerate(reply.choices, 1)]
    return "\n".join(lines)


def _command(assistant: Assistant, person: Person, text: str) -> Awaitable[Reply] | None:
    """The assistant call for a /command, or None when text is not one we know."""
    name, _, payload = text.partition(" ")
    commands: dict[str, Callable[[], Awaitable[Reply]]] = {
        "/start": lambda: assistant.start(person, payload.strip() or None),
        "/help": lambda: assistant.help(person),
        "/dossier": lambda: assistant.choose(person),
        "/privacy": lambda: assistant.privacy(person),
        "/vergeet": lambda: assistant.forget(person),
    }
    call = commands.get(name.lower())
    return call() if call else None


async def chat(
    assistant: Assistant,
    person: Person = TERMINAL_USER,
    read: Callable[[], str] = input,
    out: TextIO = sys.stdout,
) -> None:
    """Question loop until end of input or 'stop'; a number picks a choice of the last reply."""
    last: Reply | None = None
    while True:
        try:
            text = (await asyncio.to_thread(read)).strip()
        except (EOFError, KeyboardInterrupt):
            break
        if text.lower() in STOP_WORDS:
            break
        if last and text.isdigit() and 1 <= int(text) <= len(last.choices):
            reply = await assistant.choice(person, last.choices[int(text) - 1].action)
        else:
            reply = await (_command(assistant, person, text) or assistant.text(person, text))
        print(render(reply), end="\n\n", file=out, flush=True)
        last = reply
