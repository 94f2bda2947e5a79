"""The terminal adapter: the same assistant and store as Telegram, for one local user.

Choices are shown as numbers; typing a number is a message like any other (the core picks
the choice), so the terminal and Telegram behave the same. Commands come from the core's
command table.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
from collections.abc import Callable
from typing import TextIO

from bot.core.assistant import Assistant
from bot.core.events import Command, Person, Text
from bot.reply.html import bold
from bot.reply.messages import t
from bot.reply.replies import Reply, html_to_plain

# The terminal's person: id 0 is never a Telegram user, so it can share the bot's store.
LOCAL_USER = Person(id=0, first_name="")  # no name to greet by
STOP_WORDS = {"stop", "exit", "quit", ":q", "/stop"}
PROMPT = "› "


def render(reply: Reply) -> str:
    """Plain text with numbered choices below it (only the choices for another page)."""
    lines = [] if reply.keep_text else [reply.plain]
    if reply.choices:
        if lines:
            lines.append("")
        lines += [f"  [{n}] {choice.label}" for n, choice in enumerate(reply.choices, 1)]
    return "\n".join(lines)


def welcome(lang: str) -> str:
    """The first lines of the chat."""
    return html_to_plain(f"{bold(t('terminal_welcome', lang))}\n{t('terminal_how', lang)}")


async def chat(
    assistant: Assistant,
    person: Person = LOCAL_USER,
    read: Callable[[], str] = input,
    out: TextIO = sys.stdout,
    prompt: str = PROMPT,
) -> None:
    """Question loop until end of input, Ctrl-C or 'stop'."""
    print(welcome(person.lang), end="\n\n", file=out, flush=True)
    while True:
        try:
            text = (await _in_daemon_thread(lambda: _prompted(read, prompt, out))).strip()
        except (EOFError, KeyboardInterrupt):
            print(file=out)
            break
        except asyncio.CancelledError:  # Ctrl-C: asyncio.run cancels us, then ends cleanly
            print(file=out, flush=True)
            raise
        if text.lower() in STOP_WORDS:
            break
        if not text:
            continue
        if text.startswith("/"):
            name, _, args = text[1:].partition(" ")
            reply = await assistant.handle(Command(person, name, args))
        else:
            reply = await assistant.handle(Text(person, text))
        assert isinstance(reply, Reply)
        print(render(reply), end="\n\n", file=out, flush=True)


async def _in_daemon_thread(read: Callable[[], str]) -> str:
    """read() in a daemon thread: a prompt still waiting at Ctrl-C must not keep the process
    alive (asyncio.to_thread's executor is joined at exit, so the chat hung until Enter)."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[str] = loop.create_future()

    def settle(result: str | None, error: BaseException | None) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result or "")

    def work() -> None:
        try:
            line, error = read(), None
        except BaseException as exc:  # EOFError, KeyboardInterrupt: the caller decides
            line, error = None, exc
        with contextlib.suppress(RuntimeError):  # the loop is gone: nobody waits any more
            loop.call_soon_threadsafe(settle, line, error)

    threading.Thread(target=work, name="terminal-input", daemon=True).start()
    return await future


def _prompted(read: Callable[[], str], prompt: str, out: TextIO) -> str:
    if read is input:
        return input(prompt)
    print(prompt, end="", file=out, flush=True)
    return read()
