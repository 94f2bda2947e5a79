"""Pytest fixture: a started fake Bot API that fails the test on any invalid call."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.fakebot.control import FakeBotAPI


@pytest_asyncio.fixture
async def fake_bot_api() -> AsyncIterator[FakeBotAPI]:
    """Yield a running FakeBotAPI; at teardown assert the bot made no invalid API calls."""
    fake = FakeBotAPI()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()
    if fake.violations:
        pytest.fail(f"Telegram would have rejected these calls:\n{fake.report()}", pytrace=False)
