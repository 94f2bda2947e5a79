"""The one composition root: the bot, the terminal chat, `dossierbot ask`, the benches and the
tests all get their services here, wired the same way.

The knowledge base is loaded and indexed once; the store is the database of DATABASE_URL
(SQLite by default, PostgreSQL in production) or, for measuring and tests, an in-memory fake
behind the same interface.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bot.answers.service import Answers
from bot.config import Settings
from bot.core.assistant import Assistant
from bot.core.memory import MemoryUsers
from bot.core.ports import Users
from bot.knowledge.load import DEFAULT_DIR, load_dossier
from bot.store import Store, open_store

Backend = Literal["database", "memory"]


@dataclass(frozen=True)
class Services:
    """The assistant over the answer service and its store."""

    assistant: Assistant
    answers: Answers
    users: Users
    store: Store | None  # None for the in-memory store

    async def close(self) -> None:
        """Close the store's connections (nothing to do in memory)."""
        if self.store is not None:
            await self.store.close()


ServiceFactory = Callable[[], Awaitable[Services]]


async def build_answers(knowledge: Path = DEFAULT_DIR) -> Answers:
    """Load, validate and index the knowledge base (in a thread: it takes a few 100 ms)."""
    return await asyncio.to_thread(lambda: Answers.build(load_dossier(knowledge)))


async def open_services(
    settings: Settings | None = None,
    *,
    answers: Answers | None = None,
    backend: Backend = "database",
    surface: str = "telegram",
    knowledge: Path = DEFAULT_DIR,
) -> Services:
    """Open the store and build (or reuse) the answers; StoreUnavailable fails fast."""
    if backend == "memory":
        built = answers or await build_answers(knowledge)
        memory = MemoryUsers()
        return Services(Assistant(built, memory, surface=surface), built, memory, None)
    store = await open_store(settings.database_url if settings else None)
    try:
        built = answers or await build_answers(knowledge)
    except BaseException:
        await store.close()
        raise
    assistant = Assistant(built, store.users, surface=surface)
    return Services(assistant, built, store.users, store)


def service_factory(settings: Settings, answers: Answers | None = None) -> ServiceFactory:
    """What the Telegram application opens in post_init (and closes in post_shutdown)."""

    async def factory() -> Services:
        return await open_services(settings, answers=answers)

    return factory
