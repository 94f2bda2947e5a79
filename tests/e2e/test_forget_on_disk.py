"""/vergeet through Telegram: afterwards the student's name is in no file of the database."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests.e2e.conftest import RunningBot
from tests.fakebot import FakeBotAPI

NAME = "Quirinius-Zebedeus"


def _files_with(folder: Path, needle: bytes) -> list[str]:
    return [p.name for p in folder.iterdir() if p.is_file() and needle in p.read_bytes()]


async def test_forgotten_means_gone_from_every_file(
    fake_bot_api: FakeBotAPI, tmp_path: Path, bot: RunningBot
) -> None:
    if bot.services.store is None or bot.services.store.dialect != "sqlite":
        pytest.skip("the files are SQLite's; PostgreSQL's belong to the server")
    student = fake_bot_api.new_user(NAME, username="quirinius_z")
    for question in ("hoi", "wp 3.5", "en het gedrag?", "/vergeet"):
        await fake_bot_api.user_sends(question, user=student)
        await fake_bot_api.wait_for("sendMessage")
    assert _files_with(tmp_path, NAME.encode())  # the name is on disk while she is known
    await fake_bot_api.user_presses(fake_bot_api.last_message(student.id), "v|ja", user=student)
    await fake_bot_api.wait_for("editMessageText")
    for needle in (NAME.encode(), b"quirinius_z"):
        assert _files_with(tmp_path, needle) == []
    for path in tmp_path.glob("dossierbot.sqlite3*"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
