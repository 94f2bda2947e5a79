"""Fixtures for the fake's own tests (the fake_bot_api fixture comes from tests/conftest.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio
from telegram import Bot

from tests.fakebot import FakeBotAPI


@pytest_asyncio.fixture
async def bot(fake_bot_api: FakeBotAPI) -> AsyncIterator[Bot]:
    """A real python-telegram-bot Bot talking to the fake."""
    async with Bot(
        fake_bot_api.token,
        base_url=fake_bot_api.base_url,
        request=fake_bot_api.http_request(),
        get_updates_request=fake_bot_api.http_request(),
    ) as client:
        yield client
