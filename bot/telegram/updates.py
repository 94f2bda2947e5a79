"""Updates of different users side by side, one user's updates strictly in arrival order.

Fully concurrent handling would let a quick follow-up ("en de competenties?") overtake the
question it refers to, or two button presses of one student race in the store; handling one
update at a time would let one slow update hold up every student.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import Update


def user_key(update: object) -> int | None:
    """Whose update this is: the sending user's id, or None (handled without ordering)."""
    if isinstance(update, Update) and update.effective_user is not None:
        return update.effective_user.id
    return None


class UserTurns:
    """One turn at a time per user; asyncio locks are FIFO, so turns follow arrival order."""

    def __init__(self) -> None:
        self._locks: dict[int, asyncio.Lock] = {}
        self._queued: Counter[int] = Counter()

    @asynccontextmanager
    async def turn(self, key: int | None) -> AsyncIterator[None]:
        """Wait for the same user's earlier updates, then hold the turn inside the block."""
        if key is None:
            yield
            return
        self._queued[key] += 1
        lock = self._locks.setdefault(key, asyncio.Lock())
        try:
            async with lock:
                yield
        finally:
            self._queued[key] -= 1
            if not self._queued[key]:  # nobody waits: forget the lock, memory stays bounded
                del self._queued[key], self._locks[key]

    @property
    def waiting(self) -> int:
        """How many users have an update in hand or queued."""
        return len(self._locks)
