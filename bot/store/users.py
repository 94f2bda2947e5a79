"""UserRepository: who each Telegram user is, their chosen dossier and conversation state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.sql.dml import Update

from bot.store.schema import forget_order, upsert, users
from bot.store.work import Transactions

# touch() refreshes these on every message; created_at, dossier and conversation are kept.
_TOUCHED = ("first_name", "username", "language", "last_seen_at")


@dataclass(frozen=True)
class User:
    """One users row; datetimes are timezone-aware UTC."""

    id: int
    first_name: str
    username: str | None
    language: str
    dossier: str | None
    conversation: str | None  # JSON, owned by bot.core.session
    created_at: datetime
    last_seen_at: datetime


class UserRepository:
    """Reads and writes users; forget() erases a user from every table."""

    def __init__(self, transactions: Transactions) -> None:
        self._tx = transactions
        dialect = transactions.engine.dialect
        # Built once: constructing the upsert per call cost more CPU than running it.
        columns = ("id", "first_name", "username", "language", "created_at", "last_seen_at")
        values: dict[str, Any] = {name: bindparam(name) for name in columns}
        self._touch = upsert(dialect, users, values, _TOUCHED).returning(*users.c)
        self._updates: dict[tuple[str, ...], Update] = {}

    async def get(self, user_id: int) -> User | None:
        """The user, or None when they have never written to the bot (or were forgotten)."""
        async with self._tx.reading() as conn:
            row = (await conn.execute(select(users).where(users.c.id == user_id))).first()
        return User(**row._mapping) if row else None

    async def touch(
        self, user_id: int, first_name: str, username: str | None, language: str, now: datetime
    ) -> User:
        """Insert the user or refresh their name, language and last_seen_at; returns the row."""
        if now.tzinfo is None:
            raise ValueError("touch() needs a timezone-aware `now`")
        values = {
            "id": user_id,
            "first_name": first_name,
            "username": username,
            "language": language,
            "created_at": now,
            "last_seen_at": now,
        }
        async with self._tx.writing() as conn:
            row = (await conn.execute(self._touch, values)).one()
        return User(**row._mapping)

    async def set_dossier(self, user_id: int, dossier: str | None) -> bool:
        """Remember the chosen dossier; False when the user does not exist."""
        return await self._update(user_id, dossier=dossier)

    async def set_conversation(self, user_id: int, state: str | None) -> bool:
        """Remember the conversation state; False when the user does not exist."""
        return await self._update(user_id, conversation=state)

    async def forget(self, user_id: int) -> int:
        """Delete every row about the user from every table; returns the number deleted."""
        deleted = 0
        async with self._tx.writing() as conn:
            for column in forget_order():
                result = await conn.execute(delete(column.table).where(column == user_id))
                deleted += result.rowcount
        await self._tx.after_commit(self._tx.scrub)  # forgotten means gone from the disk too
        return deleted

    async def count(self) -> int:
        """How many users the store knows."""
        async with self._tx.reading() as conn:
            return (await conn.execute(select(func.count()).select_from(users))).scalar_one()

    async def _update(self, user_id: int, **values: Any) -> bool:
        names = tuple(sorted(values))
        if (stmt := self._updates.get(names)) is None:  # one statement per set of columns
            changes: dict[str, Any] = {name: bindparam(f"new_{name}") for name in names}
            stmt = update(users).where(users.c.id == bindparam("user_id")).values(changes)
            self._updates[names] = stmt
        params = {"user_id": user_id} | {f"new_{name}": values[name] for name in names}
        async with self._tx.writing() as conn:
            result = await conn.execute(stmt, params)
        return result.rowcount > 0
