"""The real Application in-process against the fake Bot API, with a SQLite store in tmp_path."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from telegram.ext import ApplicationBuilder

from bot.answers.service import Answers
from bot.bootstrap import Services, service_factory
from bot.config import Settings, settings_from
from bot.knowledge.load import load_dossier
from bot.telegram.app import Intake, Tuning, build_application, running
from bot.telegram.context import App
from bot.telegram.delivery import Limits
from tests.fakebot import FakeBotAPI
from tests.integration.conftest import BACKENDS, PG_URL, reset_postgres


@pytest.fixture(scope="session")
def answers() -> Answers:
    """The answer service, built once for the whole e2e session (it is pure)."""
    return Answers.build(load_dossier())


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bot_settings(fake: FakeBotAPI, tmp_path: Path, **env: str) -> Settings:
    """Settings as the environment would give them, pointed at the fake and a SQLite file."""
    base = {
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'dossierbot.sqlite3'}",
    }
    return settings_from(base | env)


@pytest.fixture(params=BACKENDS)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The bot's store: a SQLite file, and the wiped TEST_DATABASE_URL PostgreSQL when set."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'dossierbot.sqlite3'}"
    await reset_postgres(PG_URL)
    return PG_URL


def fast_builder(fake: FakeBotAPI) -> ApplicationBuilder:
    """Loopback HTTP clients without the CA bundle; a small pool, updates run concurrently."""
    return (
        ApplicationBuilder()
        .request(fake.http_request(connection_pool_size=8))
        .get_updates_request(fake.http_request())
    )


# Retries and timeouts in tenths of seconds, so fault tests take seconds, not minutes.
QUICK = Tuning(send_timeout=2.0, limits=Limits(backoff=0.05, backoff_cap=0.2, call_timeout=3.0))


class RunningBot:
    """The bot as `dossierbot run` starts it, but in the test's event loop; restartable."""

    def __init__(
        self,
        fake: FakeBotAPI,
        settings: Settings,
        answers: Answers,
        tuning: Tuning | None = None,
    ) -> None:
        self.fake = fake
        self.settings = settings
        self.answers = answers
        self.tuning = tuning or QUICK
        self.app: App | None = None
        self.intake: Intake | None = None
        self._stack: AsyncExitStack | None = None

    async def start(self) -> RunningBot:
        """Build a new Application on the same store and start it."""
        factory = service_factory(self.settings, self.answers)
        self.app = build_application(self.settings, factory, builder=fast_builder(self.fake))
        self._stack = AsyncExitStack()
        bot = running(
            self.app, self.settings, listen="127.0.0.1", poll_timeout=1, tuning=self.tuning
        )
        self.intake = await self._stack.enter_async_context(bot)
        return self

    async def stop(self) -> None:
        """Stop polling, finish updates in flight, close the store."""
        if self._stack is not None:
            stack, self._stack = self._stack, None
            await stack.aclose()

    async def restart(self) -> None:
        """Stop this Application and start a fresh one, as after a deploy."""
        await self.stop()
        await self.start()

    @property
    def services(self) -> Services:
        assert self.app is not None and self.app.bot_data.services is not None
        return self.app.bot_data.services

    async def user_row(self, user_id: int) -> Any:
        """The stored user, or None."""
        return await self.services.store.users.get(user_id)


@pytest_asyncio.fixture
async def bot(
    fake_bot_api: FakeBotAPI, tmp_path: Path, answers: Answers, database_url: str
) -> AsyncIterator[RunningBot]:
    """A started bot in polling mode on each store backend; stopped (store closed) after."""
    settings = bot_settings(fake_bot_api, tmp_path, DATABASE_URL=database_url)
    running_bot = RunningBot(fake_bot_api, settings, answers)
    await running_bot.start()
    try:
        yield running_bot
    finally:
        await running_bot.stop()
