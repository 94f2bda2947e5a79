"""A fake Telegram Bot API server for tests, validated against the official spec.

Register the fixture with `pytest_plugins = ["tests.fakebot.fixtures"]` in tests/conftest.py.
"""

from tests.fakebot.control import DEFAULT_TOKEN, FakeBotAPI
from tests.fakebot.model import ApiCall, Button, FakeChat, FakeUser, StoredMessage, Violation

__all__ = [
    "DEFAULT_TOKEN",
    "ApiCall",
    "Button",
    "FakeBotAPI",
    "FakeChat",
    "FakeUser",
    "StoredMessage",
    "Violation",
]
