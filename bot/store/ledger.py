"""Which Telegram updates were handled, so a redelivered update is not answered twice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from bot.store.schema import handled_updates
from bot.store.work import Transactions


class UpdateLedger:
    """Marks update ids as handled, inside the update's unit of work."""

    def __init__(self, transactions: Transactions) -> None:
        self._tx = transactions
        insert = (
            sqlite.insert(handled_updates)
            if transactions.engine.dialect.name == "sqlite"
            else postgresql.insert(handled_updates)
        )
        self._claim = insert.on_conflict_do_nothing().returning(handled_updates.c.update_id)

    async def claim(self, update_id: int, now: datetime) -> bool:
        """Record the update as handled; False when it already was (a redelivery).

        Inside a unit of work the record commits with the update's effects or not at all. On
        PostgreSQL a second process claiming the same update waits for the first to commit,
        then finds the row.
        """
        async with self._tx.writing() as conn:
            row = await conn.execute(self._claim, {"update_id": update_id, "handled_at": now})
            return row.first() is not None

    async def handled(self, update_id: int) -> bool:
        """Whether the update was handled."""
        query = select(handled_updates.c.update_id).where(handled_updates.c.update_id == update_id)
        async with self._tx.reading() as conn:
            return (await conn.execute(query)).first() is not None

    async def prune(self, before: datetime) -> int:
        """Forget updates handled before `before` (Telegram redelivers for 24 hours at most)."""
        async with self._tx.writing() as conn:
            stmt = delete(handled_updates).where(handled_updates.c.handled_at < before)
            return (await conn.execute(stmt)).rowcount
