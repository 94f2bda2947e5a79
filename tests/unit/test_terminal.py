"""The terminal adapter: welcome and prompt, numbered choices picked by the core, /help from
the command table, a clean end on EOF, Ctrl-C and 'stop', and a store that remembers."""

from __future__ import annotations

import io
import os
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from bot.answers.service import Answers
from bot.bootstrap import open_services
from bot.config import settings_from
from bot.core.assistant import Assistant
from bot.core.commands import menu
from bot.core.memory import MemoryUsers
from bot.terminal import LOCAL_USER, PROMPT, chat


def lines(*typed: str | BaseException) -> Callable[[], str]:
    """A read() that returns each typed line, raises each exception, then hits end of input."""
    queue = list(typed)

    def read() -> str:
        if not queue:
            raise EOFError
        item = queue.pop(0)
        if isinstance(item, BaseException):
            raise item
        return item

    return read


async def run_chat(assistant: Assistant, typed: Iterable[str | BaseException]) -> str:
    out = io.StringIO()
    await chat(assistant, read=lines(*typed), out=out)
    return out.getvalue()


@pytest.fixture
def terminal(answers: Answers) -> Assistant:
    return Assistant(answers, MemoryUsers(), surface="terminal")


async def test_welcome_and_prompt_are_printed(terminal: Assistant) -> None:
    out = await run_chat(terminal, ["stop"])
    assert out.startswith("Dossierbot in de terminal\nStel je vraag over het dossier Commercie")
    assert out.endswith(PROMPT)  # the prompt, then 'stop' ended it


@pytest.mark.parametrize("end", [EOFError(), KeyboardInterrupt()])
async def test_end_of_input_and_ctrl_c_end_the_chat(
    terminal: Assistant, end: BaseException
) -> None:
    out = await run_chat(terminal, ["wp 3.5", end, "never read"])
    assert "3.5 Onderhandelt met de account" in out
    assert out.endswith(PROMPT + "\n") and "Traceback" not in out


async def test_numbers_pick_the_choices_shown(terminal: Assistant) -> None:
    out = await run_chat(terminal, ["/dossier", "7", "3", "wp 3.5", "1"])
    assert "[7] Oudere dossiers" in out
    assert "[3] beroepscompetentieprofiel 2010" in out
    assert "Je dossier: beroepscompetentieprofiel 2010" in out
    assert "  [1] Competenties" in out
    answers = out.split("3.5 Onderhandelt met de account")
    assert len(answers) == 3  # the answer, then the choice about the same item
    assert answers[2].lstrip().startswith("Bron: beroepscompetentieprofiel 2010 · K3\n\nCompet")


async def test_a_more_page_shows_only_the_new_choices(terminal: Assistant) -> None:
    out = await run_chat(terminal, ["P4-K1", "9"])
    _, first, more, _ = out.split(PROMPT)
    assert "[9] Meer ›" in first
    assert more.startswith("  [1] W1") and "Voert het accountmanagement" not in more


async def test_help_lists_the_command_table_without_buttons(terminal: Assistant) -> None:
    out = await run_chat(terminal, ["/help"])
    listed = re.findall(r"^/(\w+) ", out, flags=re.MULTILINE)
    assert listed == [spec.name for spec in menu()]
    assert "knop" not in out.lower()
    assert "typ het nummer" in out


async def test_an_unknown_command_points_to_help(terminal: Assistant) -> None:
    out = await run_chat(terminal, ["/oefen"])
    assert "Onbekend commando /oefen. Zie /help voor wat ik kan." in out


async def test_the_dossier_choice_survives_a_second_run(answers: Answers, tmp_path: Path) -> None:
    settings = settings_from({"DATABASE_URL": f"sqlite:///{tmp_path / 'terminal.sqlite3'}"})
    first = await open_services(settings, answers=answers, surface="terminal")
    try:
        out = await run_chat(first.assistant, ["/dossier", "4"])
        assert "Je dossier: P4 Junior accountmanager" in out
    finally:
        await first.close()
    second = await open_services(settings, answers=answers, surface="terminal")
    try:
        stored = await second.users.get(LOCAL_USER.id)
        assert stored is not None and stored.dossier == "commercie:P4"
        out = await run_chat(second.assistant, ["/help"])
        assert "Je dossier: P4 Junior accountmanager" in out
    finally:
        await second.close()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX terminal")
def test_ctrl_c_at_the_prompt_ends_the_process(tmp_path: Path) -> None:
    """A real SIGINT while input() waits on a terminal: the process ends at once with exit 0
    and no traceback (it used to hang until Enter, waiting for the reading thread)."""
    import pty

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'ctrl-c.sqlite3'}"}
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "chat"],
        stdin=follower,
        stdout=follower,
        stderr=subprocess.PIPE,  # input() writes its prompt here when stdin is a terminal
        cwd=tmp_path,
        env=env,
    )
    os.close(follower)
    assert process.stderr is not None
    try:
        errors = b""
        deadline = time.monotonic() + 30
        while PROMPT.encode() not in errors and time.monotonic() < deadline:
            if select.select([process.stderr], [], [], 0.2)[0]:
                errors += os.read(process.stderr.fileno(), 4096)
            if select.select([leader], [], [], 0)[0]:
                os.read(leader, 4096)  # keep the terminal drained
        assert PROMPT.encode() in errors, errors
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
        assert b"Traceback" not in errors + process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(leader)
        process.stderr.close()
