"""What the core needs of the outside world: the users store (bot.store, or a fake)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class StoredUser(Protocol):
    """What the core reads of a stored user (read-only, as frozen dataclasses are)."""

    @property
    def language(self) -> str: ...

    @property
    def dossier(self) -> str | None: ...

    @property
    def conversation(self) -> str | None: ...


class Users(Protocol):
    """The users repository (bot.store.UserRepository, bot.core.memory.MemoryUsers)."""

    async def get(self, user_id: int) -> StoredUser | None: ...

    async def touch(
        self, user_id: int, first_name: str, username: str | None, language: str, now: datetime
    ) -> StoredUser: ...

    async def set_dossier(self, user_id: int, dossier: str | None) -> bool: ...

    async def set_conversation(self, user_id: int, state: str | None) -> bool: ...

    async def forget(self, user_id: int) -> int: ...
