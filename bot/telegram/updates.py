"""Concurrent updates across users, in order within one user.

PTB processes updates one at a time unless told otherwise; then one slow Bot API call (or a
flood-control wait) holds up every student. Fully concurrent processing would let a quick
follow-up ("en de competenties?") overtake the question it refers to, or two button presses of
one student race in the store. This processor runs different users' updates side by side and
one user's updates strictly in arrival order.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

MAX_CONCURRENT = 32  # updates in flight; answers take milliseconds of CPU, the rest is I/O


def user_key(update: object) -> int | None:
    """Whose update this is: the sending user's id, or None (handled without ordering)."""
    if isinstance(update, Update) and update.effective_user is not None:
        return update.effective_user.id
    return None


class PerUserOrder(BaseUpdateProcessor):
    """Updates of different users run concurrently; one user's updates run one by one."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._queued: Counter[int] = Counter()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the same user's earlier updates (asyncio locks are FIFO), then run."""
        key = user_key(update)
        if key is None:
            await coroutine
            return
        self._queued[key] += 1
        lock = self._locks.setdefault(key, asyncio.Lock())
        try:
            async with lock:
                await coroutine
        finally:
            self._queued[key] -= 1
            if not self._queued[key]:  # nobody waits: forget the lock, memory stays bounded
                del self._queued[key], self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
