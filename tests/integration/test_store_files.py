"""The SQLite files on disk: private to the bot's user, and free of forgotten students."""

from __future__ import annotations

import asyncio
import json
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

from bot.store import open_store

NOW = datetime(2025, 9, 1, 8, 30, tzinfo=UTC)
NAME = "Zebediah-Quuxington"
SUFFIXES = ("", "-wal", "-shm")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_a_new_database_and_its_wal_and_shm_are_private(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async with open_store(f"sqlite:///{path}") as store:
        await store.users.touch(1, "Sanne", None, "nl", NOW)
        files = [Path(f"{path}{suffix}") for suffix in SUFFIXES]
        assert all(file.exists() for file in files)  # WAL mode: the write went to -wal
        assert {file.name: _mode(file) for file in files} == {file.name: 0o600 for file in files}


async def test_private_whatever_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    old = os.umask(0o002)  # would give 0664 to files created 0666
    try:
        async with open_store(f"sqlite:///{path}") as store:
            await store.users.touch(1, "Sanne", None, "nl", NOW)
            assert _mode(path) == _mode(Path(f"{path}-wal")) == 0o600
    finally:
        os.umask(old)


async def test_an_existing_file_keeps_the_mode_the_operator_chose(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    path.touch()
    path.chmod(0o640)
    async with open_store(f"sqlite:///{path}") as store:
        await store.users.touch(1, "Sanne", None, "nl", NOW)
    assert _mode(path) == 0o640


async def test_secure_delete_is_on(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/bot.sqlite3"
    async with open_store(url) as store, store.engine.connect() as conn:
        assert (await conn.exec_driver_sql("PRAGMA secure_delete")).scalar_one() == 1


def _files_containing(folder: Path, needle: str) -> list[str]:
    return sorted(
        file.name
        for file in folder.iterdir()
        if file.is_file() and needle.encode() in file.read_bytes()
    )


async def test_a_forgotten_student_is_gone_from_every_file(tmp_path: Path) -> None:
    """After forget() and scrub() no file of the database holds the student's name.

    Without scrub() the -wal file keeps the name; without secure_delete (off by default in
    SQLite, though Debian's build turns it on) the database file keeps the deleted row.
    """
    folder = tmp_path / "db"
    folder.mkdir()
    async with open_store(f"sqlite:///{folder}/bot.sqlite3") as store:
        await store.users.touch(1, "Sanne", None, "nl", NOW)
        for _ in range(40):  # every message rewrites the row: 40 copies in the -wal file
            await store.users.touch(42, NAME, "zq", "nl", NOW)
            await store.users.set_conversation(42, json.dumps({"name": NAME}))
        await store.users.touch(99, "Daan", None, "nl", NOW)  # neighbours on the same page
        assert _files_containing(folder, NAME)  # the check below can see the name
        assert await store.users.forget(42) == 1
        await store.scrub()
        assert _files_containing(folder, NAME) == []
        assert await store.users.count() == 2
    assert _files_containing(folder, NAME) == []


async def test_scrub_is_a_no_op_on_postgres(pg_url: str) -> None:
    async with open_store(pg_url) as store:
        await store.scrub()


async def test_scrub_waits_for_a_reader_to_finish(tmp_path: Path) -> None:
    """A reader on an older snapshot blocks the truncation; scrub() ends once it is done."""
    path = tmp_path / "bot.sqlite3"
    async with open_store(f"sqlite:///{path}") as store:
        await store.users.touch(1, "Sanne", None, "nl", NOW)
        reader = await store.engine.connect()
        await reader.exec_driver_sql("BEGIN")
        await reader.exec_driver_sql("SELECT count(*) FROM users")  # holds its snapshot
        await store.users.touch(2, "Daan", None, "nl", NOW)
        scrubbing = asyncio.create_task(store.scrub())
        await asyncio.sleep(0.2)
        assert not scrubbing.done()
        await reader.close()
        await asyncio.wait_for(scrubbing, 10)
        assert Path(f"{path}-wal").stat().st_size == 0
        assert await store.users.count() == 2
