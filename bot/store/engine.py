"""Engine creation, start-up migrations and the Store bundle returned by open_store()."""

from __future__ import annotations

import os
import re
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from bot.store.url import normalise_url, redacted
from bot.store.users import UserRepository

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
CONNECT_TIMEOUT = 10  # seconds; asyncpg's default of 60 makes a dead host look like a hang
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",  # readers never block the single writer
    "PRAGMA foreign_keys=ON",  # SQLite leaves foreign keys unenforced by default
    "PRAGMA busy_timeout=5000",  # wait for the write lock instead of failing at once
    "PRAGMA synchronous=NORMAL",  # durable enough under WAL, much faster than FULL
)


class StoreUnavailable(Exception):
    """The database cannot be reached or opened; str() is a one-line message for the user."""


@dataclass(frozen=True)
class Store:
    """The open database: its engine and one repository per table family."""

    engine: AsyncEngine
    users: UserRepository

    async def close(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()


POOL_SIZE = 32


def make_engine(url: str | None) -> AsyncEngine:
    """An async engine for a DATABASE_URL value; SQLite connections get their pragmas."""
    normal = normalise_url(url)
    if normal.startswith("sqlite"):
        engine = create_async_engine(normal)
        event.listen(engine.sync_engine, "connect", _set_sqlite_pragmas)
        return engine
    # The pool matches the bot's concurrent updates (32): with the default 5 + 10 overflow,
    # handlers queued for a connection and PostgreSQL saw a churn of short-lived ones.
    return create_async_engine(
        normal,
        pool_pre_ping=True,
        pool_size=POOL_SIZE,
        max_overflow=8,
        connect_args={"timeout": CONNECT_TIMEOUT},
    )


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


async def connect(engine: AsyncEngine) -> AsyncConnection:
    """A connection, or StoreUnavailable with a readable reason instead of a traceback."""
    if engine.dialect.name == "sqlite":
        _check_sqlite_file(engine.url)
    try:
        return await engine.connect()
    except (DBAPIError, OSError) as err:
        reason = str(err.orig) if isinstance(err, DBAPIError) else str(err)
        reason = re.sub(r"^\[Errno -?\d+\] ", "", reason.strip().splitlines()[0])
        message = f"cannot open the database {redacted(engine.url)}: {reason}"
        raise StoreUnavailable(message) from err


def _check_sqlite_file(url: URL) -> None:
    """Refuse early, with the path, where sqlite3 could not open the file."""
    # A failed aiosqlite connect stops its worker thread without waiting for it; the thread may
    # then report to a closed event loop and print a traceback after the CLI's clean message.
    name = url.database or ""
    if name in ("", ":memory:") or name.startswith("file:"):
        return
    path = Path(name)
    target = path if path.exists() else path.parent
    if not path.parent.is_dir():
        problem = f"folder {path.parent} does not exist"
    elif not os.access(target, os.R_OK | os.W_OK):
        problem = f"no permission to read and write {target}"
    else:
        return
    raise StoreUnavailable(f"cannot open the database {redacted(url)}: {problem}")


async def migrate(engine: AsyncEngine) -> None:
    """Upgrade the database to the newest Alembic revision (a no-op when it is current)."""
    conn = await connect(engine)
    try:
        async with conn.begin():
            await conn.run_sync(_upgrade)
    finally:
        if conn.dialect.name == "sqlite":  # the pooled connection must not keep foreign keys off
            await conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        await conn.close()


def _upgrade(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        # Batch migrations rebuild tables with DROP TABLE, which would cascade-delete child rows
        # (the pragma is ignored inside a transaction, so it comes first). The explicit BEGIN
        # makes the DDL transactional: pysqlite only opens transactions for DML by itself.
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.exec_driver_sql("BEGIN")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    config.attributes["connection"] = conn
    command.upgrade(config, "head")
    if conn.dialect.name == "sqlite" and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
        raise RuntimeError("migration left rows whose foreign keys point nowhere")


async def _open(url: str | None) -> Store:
    engine = make_engine(url)
    try:
        await migrate(engine)
    except BaseException:
        await engine.dispose()
        raise
    return Store(engine=engine, users=UserRepository(engine))


class _Opening:
    """What open_store() returns: await it for a Store, or use it as `async with`."""

    def __init__(self, url: str | None) -> None:
        self._url = url
        self._store: Store | None = None

    def __await__(self) -> Generator[Any, None, Store]:
        return _open(self._url).__await__()

    async def __aenter__(self) -> Store:
        self._store = await _open(self._url)
        return self._store

    async def __aexit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._store is not None:
            await self._store.close()


def open_store(url: str | None = None) -> _Opening:
    """Open (creating and migrating as needed) the database at a DATABASE_URL value."""
    return _Opening(url)
