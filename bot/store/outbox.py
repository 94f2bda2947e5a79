"""The outbox: Bot API calls decided but not yet accepted by Telegram.

A call is written in the same transaction as the state it shows, so an answer is never lost
with the process: after a crash its row is still here and goes out after the restart. Each
row carries a lease (`due_at`): the process that wrote it sends it right away; a row whose
lease ran out (that process died, or Telegram stayed unreachable) is claimed by whichever
process sweeps next. On PostgreSQL the claim skips rows another process has locked, so two
processes never claim the same row; the scheduler's due work will be claimed the same way.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import RowMapping, delete, func, insert, select, update

from bot.store.schema import outbox
from bot.store.work import Transactions


@dataclass(frozen=True)
class Parcel:
    """One call to make: its chat, Bot API method and JSON-ready parameters."""

    chat_id: int
    method: str
    params: Mapping[str, Any]
    bulk: bool = False


@dataclass(frozen=True)
class Stored:
    """A parcel in the outbox, with its row id and when it was written."""

    id: int
    parcel: Parcel
    created_at: datetime
    attempts: int


class OutboxRepository:
    """Adds, claims and clears outbox rows."""

    def __init__(self, transactions: Transactions) -> None:
        self._tx = transactions
        self._postgres = transactions.engine.dialect.name == "postgresql"

    async def add(
        self, parcels: Sequence[Parcel], now: datetime, lease: timedelta
    ) -> list[Stored]:
        """Write parcels leased to this process; in a unit of work they commit with it."""
        stored = []
        async with self._tx.writing() as conn:
            for parcel in parcels:  # one by one: the row ids must follow the parcels' order
                values = _values(parcel) | {"created_at": now, "due_at": now + lease}
                stmt = insert(outbox).values(**values, attempts=1).returning(outbox.c.id)
                key = (await conn.execute(stmt)).scalar_one()
                stored.append(Stored(key, parcel, now, 1))
        return stored

    async def claim(self, now: datetime, lease: timedelta, limit: int = 100) -> list[Stored]:
        """Take up to `limit` rows whose lease ran out, oldest first, leased anew to the caller."""
        due = select(outbox.c.id).where(outbox.c.due_at <= now).order_by(outbox.c.id)
        due = due.limit(limit)
        if self._postgres:
            due = due.with_for_update(skip_locked=True)
        stmt = (
            update(outbox)
            .where(outbox.c.id.in_(due.scalar_subquery()))
            .values(due_at=now + lease, attempts=outbox.c.attempts + 1)
            .returning(*outbox.c)
        )
        async with self._tx.writing() as conn:
            rows = (await conn.execute(stmt)).all()
        return sorted((_stored(row._mapping) for row in rows), key=lambda s: s.id)

    async def remove(self, key: int) -> None:
        """Telegram accepted (or refused for good) the call: forget it."""
        async with self._tx.writing() as conn:
            await conn.execute(delete(outbox).where(outbox.c.id == key))

    async def postpone(self, key: int, due: datetime) -> None:
        """Try the call again from `due` (whoever sweeps first)."""
        async with self._tx.writing() as conn:
            await conn.execute(update(outbox).where(outbox.c.id == key).values(due_at=due))

    async def renew(self, keys: Sequence[int], due: datetime) -> None:
        """Extend the lease of rows this process still holds (queued behind a flood wait)."""
        if not keys:
            return
        async with self._tx.writing() as conn:
            await conn.execute(update(outbox).where(outbox.c.id.in_(keys)).values(due_at=due))

    async def expire(self, before: datetime) -> int:
        """Drop calls written before `before`: too late to be of use. Returns how many."""
        async with self._tx.writing() as conn:
            stmt = delete(outbox).where(outbox.c.created_at < before)
            return (await conn.execute(stmt)).rowcount

    async def count(self) -> int:
        """How many calls wait."""
        async with self._tx.reading() as conn:
            return (await conn.execute(select(func.count()).select_from(outbox))).scalar_one()


def _values(parcel: Parcel) -> dict[str, Any]:
    params = json.dumps(parcel.params, ensure_ascii=False, separators=(",", ":"))
    return {
        "chat_id": parcel.chat_id,
        "method": parcel.method,
        "params": params,
        "bulk": parcel.bulk,
    }


def _stored(row: RowMapping) -> Stored:
    parcel = Parcel(row["chat_id"], row["method"], json.loads(row["params"]), row["bulk"])
    return Stored(row["id"], parcel, row["created_at"], row["attempts"])
