"""The typed CallbackContext: the services (from bot.bootstrap), built once in post_init."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeAlias

from telegram.ext import Application, CallbackContext, ExtBot

from bot.bootstrap import Services
from bot.core.assistant import Assistant

App: TypeAlias = Application[Any, Any, Any, Any, Any, Any]


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
