"""Engine creation, start-up migrations and the Store bundle returned by open_store()."""

from __future__ import annotations

import logging
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

from bot.store.errors import StoreUnavailable
from bot.store.ledger import UpdateLedger
from bot.store.outbox import OutboxRepository
from bot.store.url import normalise_url, redacted
from bot.store.users import UserRepository
from bot.store.work import Transactions

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
CONNECT_TIMEOUT = 10  # seconds; asyncpg's default of 60 makes a dead host look like a hang
SQLITE_PRAGMAS = (
    # First: switching a new file to WAL takes a lock that other processes may be holding.
    "PRAGMA busy_timeout=5000",  # wait for the write lock instead of failing at once
    "PRAGMA journal_mode=WAL",  # readers never block the single writer
    "PRAGMA foreign_keys=ON",  # SQLite leaves foreign keys unenforced by default
    "PRAGMA synchronous=NORMAL",  # durable enough under WAL, much faster than FULL
    "PRAGMA secure_delete=ON",  # deleted rows (a forgotten student) are overwritten with zeros
)
# pg_advisory_xact_lock key that serialises start-up migrations of every Dossierbot process on
# one PostgreSQL database (any fixed 64-bit number; this one is "dossierb" in ASCII).
MIGRATION_LOCK_KEY = 0x646F737369657262
SQLITE_FILE_MODE = 0o600  # a new database file (and so its -wal and -shm) is the owner's only
# Each checkpoint attempt itself waits up to busy_timeout for readers and writers to finish.


class UnsupportedDatabaseURL(StoreUnavailable, ValueError):
    """DATABASE_URL has a form the store does not accept (a ValueError, as normalise_url's)."""


class MigrationFailed(StoreUnavailable):
    """Upgrading the schema at start-up failed; the transaction was rolled back."""


@dataclass(frozen=True)
class Store:
    """The open database: its engine and one repository per table family."""

    engine: AsyncEngine
    transactions: Transactions
    users: UserRepository
    ledger: UpdateLedger
    outbox: OutboxRepository

    @property
    def dialect(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.engine.dialect.name

    async def close(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()

    async def scrub(self) -> None:
        """After forgetting someone: no trace of them left in the files (see Transactions)."""
        await self.transactions.scrub()


POOL_SIZE = 32


def make_engine(url: str | None) -> AsyncEngine:
    """An async engine for a DATABASE_URL value; SQLite connections get their pragmas."""
    try:
        normal = normalise_url(url)
    except ValueError as err:
        raise UnsupportedDatabaseURL(str(err)) from None
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
    """Refuse early, with the path, where sqlite3 could not open the file; create a new one."""
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
        if not path.exists():
            _create_private(path)
        return
    raise StoreUnavailable(f"cannot open the database {redacted(url)}: {problem}")


def _create_private(path: Path) -> None:
    """An empty database file only its owner can read (SQLite gives -wal and -shm its mode)."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, SQLITE_FILE_MODE)
    except FileExistsError:  # another process was first: its file, its mode
        return
    try:
        os.fchmod(fd, SQLITE_FILE_MODE)  # exactly 0600, whatever the umask
    finally:
        os.close(fd)


async def migrate(engine: AsyncEngine) -> None:
    """Upgrade the database to the newest Alembic revision (a no-op when it is current).

    Processes starting together take turns, so each finds the schema either untouched or
    complete. Any failure is a MigrationFailed with a one-line message.
    """
    conn = await connect(engine)
    try:
        async with conn.begin():
            await conn.run_sync(_upgrade)
    except StoreUnavailable:
        raise
    except Exception as err:
        message = f"cannot migrate the database {redacted(engine.url)}: {_first_line(err)}"
        raise MigrationFailed(message) from err
    finally:
        if conn.dialect.name == "sqlite":  # the pooled connection must not keep foreign keys off
            await conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        await conn.close()


def _first_line(err: BaseException) -> str:
    """The first line of an error's own message (the driver's, for a database error)."""
    cause = err.orig if isinstance(err, DBAPIError) and err.orig is not None else err
    lines = [line.strip() for line in str(cause).splitlines() if line.strip()]
    return lines[0] if lines else type(cause).__name__


def _upgrade(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        # Batch migrations rebuild tables with DROP TABLE, which would cascade-delete child rows
        # (the pragma is ignored inside a transaction, so it comes first). The explicit BEGIN
        # makes the DDL transactional: pysqlite only opens transactions for DML by itself.
        # IMMEDIATE takes the write lock at once (waiting up to busy_timeout): two processes
        # that both read alembic_version first could not both upgrade to writers later.
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        # Held until this transaction ends: a second process waits here, then finds the
        # schema at head, instead of racing the first to CREATE TABLE (a UniqueViolation).
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
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
    transactions = Transactions(engine)
    return Store(
        engine=engine,
        transactions=transactions,
        users=UserRepository(transactions),
        ledger=UpdateLedger(transactions),
        outbox=OutboxRepository(transactions),
    )


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
