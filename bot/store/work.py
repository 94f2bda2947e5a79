"""Transactions, and one unit of work per update that every repository call inside joins.

The conversation core sees only its ports (bot.core.ports); the Telegram adapter opens a unit
of work around one update, and every repository call made while handling it (the student's
state, the record that the update was handled, the messages to send) joins that one
transaction through a context variable. asyncio runs each update in its own task and each
task has its own copy of the context, so concurrent updates never share a transaction.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import (
    AbstractAsyncContextManager,
    asynccontextmanager,
    contextmanager,
    nullcontext,
)
from contextvars import ContextVar

from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, ProgrammingError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.store.errors import StoreUnavailable

log = logging.getLogger(__name__)

SCRUB_ATTEMPTS = 3  # checkpoints tried after a forget; each waits up to busy_timeout
SCRUB_PAUSE = 0.1  # seconds between them

AfterCommit = Callable[[], Awaitable[None]]
_unit: ContextVar[AsyncConnection | None] = ContextVar("dossierbot_unit_of_work", default=None)
_after: ContextVar[list[AfterCommit] | None] = ContextVar("dossierbot_after_commit", default=None)


# A statement the database rejects for what it says is a bug, not a passing fault; any other
# driver error (connection lost, failover, deadlock, serialization, a full pool) is.
_BUGS = (IntegrityError, DataError, ProgrammingError)


@contextmanager
def unavailable_on_faults() -> Iterator[None]:
    """Passing database faults as StoreUnavailable ("try again later"); bugs as they are."""
    try:
        yield
    except _BUGS:
        raise
    except (DBAPIError, PoolTimeout, OSError) as err:
        reason = str(getattr(err, "orig", None) or err).strip().splitlines()[:1]
        raise StoreUnavailable(f"the database is unavailable: {''.join(reason)}") from err


class Transactions:
    """The engine's transactions: the open unit of work when there is one, else their own."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        # SQLite has one writer at a time. This process's write transactions queue here, in
        # the event loop, rather than in SQLite's busy handler, which retries with sleeps of up
        # to 100 ms: under load (50 students at once) writers starved there for busy_timeout
        # and failed with "database is locked" while the lock was mostly free.
        self._lock = asyncio.Lock() if engine.dialect.name == "sqlite" else None

    def _exclusive(self) -> AbstractAsyncContextManager[object]:
        return self._lock if self._lock is not None else nullcontext()

    @asynccontextmanager
    async def writing(self) -> AsyncIterator[AsyncConnection]:
        """A connection in a write transaction: the unit of work's, or a new one committed here."""
        if (conn := _unit.get()) is not None:
            yield conn
            return
        with unavailable_on_faults():
            async with self._exclusive(), self.engine.begin() as conn:
                yield conn

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncConnection]:
        """A connection to read with: the unit of work's (it sees its own writes), or a new one."""
        if (conn := _unit.get()) is not None:
            yield conn
            return
        with unavailable_on_faults():
            async with self.engine.connect() as conn:
                yield conn

    @asynccontextmanager
    async def unit(self) -> AsyncIterator[AsyncConnection]:
        """One transaction that every repository call inside joins: all committed or none.

        A database that cannot be reached (or, on SQLite, stays locked) raises StoreUnavailable,
        so the caller can tell "try again later" from a bug in the handling.
        """
        if _unit.get() is not None:
            raise RuntimeError("units of work do not nest")
        later: list[AfterCommit] = []
        with unavailable_on_faults():
            async with self._exclusive(), self.engine.begin() as conn:
                tokens = (_unit.set(conn), _after.set(later))
                try:
                    yield conn
                finally:
                    _unit.reset(tokens[0])
                    _after.reset(tokens[1])
        for callback in later:
            await callback()

    async def after_commit(self, callback: AfterCommit) -> None:
        """Run `callback` once the open unit of work committed (at once when none is open)."""
        if (later := _after.get()) is not None:
            later.append(callback)
        else:
            await callback()

    async def scrub(self) -> None:
        """Move the write-ahead log into the database file and empty it (SQLite only).

        Called after forgetting someone: with secure_delete the database file keeps no trace
        of deleted rows, but the -wal file holds every page written since the last checkpoint
        (the student's name included) until it is checkpointed. A no-op on PostgreSQL, where
        VACUUM (autovacuum) reclaims dead rows.
        """
        if self.engine.dialect.name != "sqlite":
            return
        for attempt in range(SCRUB_ATTEMPTS):
            async with self.engine.connect() as conn:
                result = await conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                busy = result.scalar()
            if not busy:  # the row is (busy, frames in the log, frames checkpointed)
                return
            if attempt + 1 < SCRUB_ATTEMPTS:
                await asyncio.sleep(SCRUB_PAUSE)
        log.warning("the write-ahead log stays until the next checkpoint: readers kept it busy")
