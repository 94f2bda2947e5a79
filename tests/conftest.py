"""Shared test set-up: the fake Telegram Bot API fixture for end-to-end tests."""

pytest_plugins = ["tests.fakebot.fixtures"]
