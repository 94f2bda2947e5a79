"""The services the handlers use, built once in post_init, and the typed CallbackContext."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeAlias

from telegram.ext import Application, CallbackContext, ExtBot

from bot.answers.service import Answers
from bot.config import Settings
from bot.core.assistant import Assistant
from bot.knowledge.load import load_dossier
from bot.store import Store, open_store


@dataclass(frozen=True)
class Services:
    """The assistant over the answer service and the open store."""

    assistant: Assistant
    answers: Answers
    store: Store

    async def close(self) -> None:
        """Close the store's connections."""
        await self.store.close()


ServiceFactory = Callable[[], Awaitable[Services]]
App: TypeAlias = Application[Any, Any, Any, Any, Any, Any]


def services_from(settings: Settings, answers: Answers | None = None) -> ServiceFactory:
    """A factory opening the store and building the answers (or reusing the given ones)."""

    async def open_services() -> Services:
        store = await open_store(settings.database_url)  # StoreUnavailable fails fast
        try:
            built = answers
            if built is None:
                built = await asyncio.to_thread(lambda: Answers.build(load_dossier()))
        except BaseException:
            await store.close()
            raise
        return Services(Assistant(built, store.users), built, store)

    return open_services


@dataclass
class BotData:
    """Application.bot_data: typed, instead of string keys. Filled by post_init."""

    services: Services | None = None


class Context(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], BotData]):
    """The CallbackContext every handler receives, with the services as attributes."""

    @property
    def services(self) -> Services:
        """The services; they exist from post_init until post_shutdown."""
        if self.bot_data.services is None:
            raise RuntimeError("the bot's services are not open (post_init has not run)")
        return self.bot_data.services

    @property
    def assistant(self) -> Assistant:
        """The conversation core."""
        return self.services.assistant
