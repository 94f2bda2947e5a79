"""Users kept in memory: the fake store for tests and for measuring (`dossierbot ask`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class MemoryUser:
    id: int
    first_name: str
    username: str | None
    language: str
    dossier: str | None = None
    conversation: str | None = None


class MemoryUsers:
    """The users repository interface over a dict; same behaviour, no database."""

    def __init__(self) -> None:
        self.rows: dict[int, MemoryUser] = {}

    async def get(self, user_id: int) -> MemoryUser | None:
        return self.rows.get(user_id)

    async def touch(
        self, user_id: int, first_name: str, username: str | None, language: str, now: datetime
    ) -> MemoryUser:
        row = self.rows.get(user_id) or MemoryUser(user_id, first_name, username, language)
        self.rows[user_id] = replace(
            row, first_name=first_name, username=username, language=language
        )
        return self.rows[user_id]

    async def set_dossier(self, user_id: int, dossier: str | None) -> bool:
        return self._update(user_id, dossier=dossier)

    async def set_conversation(self, user_id: int, state: str | None) -> bool:
        return self._update(user_id, conversation=state)

    async def forget(self, user_id: int) -> int:
        return 1 if self.rows.pop(user_id, None) else 0

    def _update(self, user_id: int, **values: Any) -> bool:
        if user_id not in self.rows:
            return False
        self.rows[user_id] = replace(self.rows[user_id], **values)
        return True
