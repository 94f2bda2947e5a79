"""UserRepository: who each Telegram user is, their chosen dossier and last answered item."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store.schema import forget_order, upsert, users

# touch() refreshes these on every message; created_at, dossier and last_* are kept.
_TOUCHED = ("first_name", "username", "language", "last_seen_at")


@dataclass(frozen=True)
class User:
    """One users row; datetimes are timezone-aware UTC."""

    id: int
    first_name: str
    username: str | None
    language: str
    dossier: str | None
    last_item: str | None
    last_field: str | None
    created_at: datetime
    last_seen_at: datetime


class UserRepository:
    """Reads and writes users; forget() erases a user from every table."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def get(self, user_id: int) -> User | None:
        """The user, or None when they have never written to the bot (or were forgotten)."""
        async with self._engine.connect() as conn:
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
        async with self._engine.begin() as conn:
            stmt = upsert(conn.dialect, users, values, _TOUCHED).returning(*users.c)
            row = (await conn.execute(stmt)).one()
        return User(**row._mapping)

    async def set_dossier(self, user_id: int, dossier: str | None) -> bool:
        """Remember the chosen dossier; False when the user does not exist."""
        return await self._update(user_id, dossier=dossier)

    async def set_last(self, user_id: int, item_id: str | None, field: str | None) -> bool:
        """Remember the last item and field answered; False when the user does not exist."""
        return await self._update(user_id, last_item=item_id, last_field=field)

    async def forget(self, user_id: int) -> int:
        """Delete every row about the user from every table; returns the number deleted."""
        deleted = 0
        async with self._engine.begin() as conn:
            for column in forget_order():
                result = await conn.execute(delete(column.table).where(column == user_id))
                deleted += result.rowcount
        return deleted

    async def count(self) -> int:
        """How many users the store knows."""
        async with self._engine.connect() as conn:
            return (await conn.execute(select(func.count()).select_from(users))).scalar_one()

    async def _update(self, user_id: int, **values: Any) -> bool:
        async with self._engine.begin() as conn:
            result = await conn.execute(update(users).where(users.c.id == user_id).values(values))
        return result.rowcount > 0
