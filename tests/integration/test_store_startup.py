"""Starting the store: many processes migrating one empty database, and failures as one line."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from bot.store import StoreUnavailable, normalise_url, open_store
from bot.store.engine import MIGRATIONS_DIR
from bot.store.schema import metadata

PROCESSES = 20
ROOT = Path(__file__).resolve().parents[2]
# Each process imports the store, reports that it is ready, then waits for the start signal,
# so that all of them open the database at the same moment (a barrier across processes).
STARTER = """
import asyncio, sys, time
from pathlib import Path
from bot.store import open_store

ready, go, url = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]

async def main():
    store = await open_store(url)
    await store.close()

ready.touch()
while not go.exists():
    time.sleep(0.001)
asyncio.run(main())
"""


def _head() -> str:
    head = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    assert head is not None
    return head


async def _schema(url: str) -> tuple[list[str], set[str]]:
    engine = create_async_engine(normalise_url(url))

    def tables(conn: Connection) -> set[str]:
        return set(inspect(conn).get_table_names())

    try:
        async with engine.connect() as conn:
            versions = (await conn.execute(text("SELECT version_num FROM alembic_version"))).all()
            return [row[0] for row in versions], await conn.run_sync(tables)
    finally:
        await engine.dispose()


async def test_simultaneous_cold_starts_all_succeed(db_url: str, tmp_path: Path) -> None:
    """20 processes opening one empty database at once: every one starts, the schema is at head.

    Without the advisory lock, PostgreSQL failed one cold start in about 17 with a
    UniqueViolation inside the Alembic upgrade (two processes creating the same table).
    """
    go = tmp_path / "go"
    ready = [tmp_path / f"ready-{n}" for n in range(PROCESSES)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", STARTER, str(path), str(go), db_url],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in ready
    ]
    try:
        deadline = time.monotonic() + 60
        while not all(path.exists() for path in ready):
            assert time.monotonic() < deadline, "the processes did not get ready in 60 s"
            assert all(p.poll() is None for p in processes), "a process ended before the start"
            time.sleep(0.01)
        go.touch()
        results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in processes]
    finally:
        for p in processes:
            if p.poll() is None:
                p.kill()
            for stream in (p.stdout, p.stderr):
                if stream is not None:
                    stream.close()
    failures = [err for code, err in results if code != 0]
    assert failures == [], f"{len(failures)} of {PROCESSES} failed; first:\n{failures[0]}"
    versions, tables = await _schema(db_url)
    assert versions == [_head()]
    assert tables == set(metadata.tables) | {"alembic_version"}


def _conflicting_sqlite(path: Path) -> str:
    """A SQLite file whose users table predates the migrations (no alembic_version)."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE users (name TEXT)")
        conn.commit()
    return f"sqlite:///{path}"


async def test_a_migration_failure_is_one_readable_line(tmp_path: Path) -> None:
    url = _conflicting_sqlite(tmp_path / "bot.sqlite3")
    with pytest.raises(StoreUnavailable) as caught:
        await open_store(url)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"cannot migrate the database sqlite+aiosqlite:///{tmp_path}/")
    assert message.endswith("table users already exists")


async def test_a_migration_failure_on_postgres_hides_the_password(pg_url: str) -> None:
    engine = create_async_engine(normalise_url(pg_url))
    async with engine.begin() as conn:
        await conn.execute(text("CREATE TABLE users (name TEXT)"))
    await engine.dispose()
    with pytest.raises(StoreUnavailable) as caught:
        await open_store(pg_url)
    message = str(caught.value)
    assert "\n" not in message and "already exists" in message
    assert message.startswith("cannot migrate the database postgresql+asyncpg://")


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment without Telegram or database settings, plus extra."""
    drop = ("TELEGRAM_", "DATABASE_URL", "WEBHOOK_", "LOG_LEVEL")
    env = {key: value for key, value in os.environ.items() if not key.startswith(drop)}
    return env | extra


def test_dossierbot_run_says_a_migration_failure_in_one_line(tmp_path: Path) -> None:
    """`dossierbot run` without a token opens the store for the terminal chat, and fails."""
    url = _conflicting_sqlite(tmp_path / "bot.sqlite3")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,  # no .env here
        env=_clean_env(DATABASE_URL=url),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("dossierbot: cannot migrate the database sqlite+aiosqlite:///")
    assert lines[0].endswith("table users already exists")
