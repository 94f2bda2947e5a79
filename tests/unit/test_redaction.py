"""Secrets masked in log records, at DEBUG too, whichever library logger writes them."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from bot.telegram import redaction

TOKEN = "123456:AAH-secret-bot-token"
WEBHOOK_SECRET = "generated-webhook-secret-9f8e7d"


@pytest.fixture
def output() -> Iterator[io.StringIO]:
    """A root handler writing formatted lines into a buffer, as configure_logging sets up."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield buffer
    finally:
        redaction.uninstall()
        root.removeHandler(handler)
        root.setLevel(old_level)


def test_a_secret_in_the_arguments_of_a_child_logger_is_masked(output: io.StringIO) -> None:
    redaction.install([TOKEN, None, ""])
    redaction.install([WEBHOOK_SECRET])  # later secrets join the same filter
    logging.getLogger("telegram.ext.ExtBot").debug(
        "Calling Bot API endpoint `%s` with parameters `%s`",
        "setWebhook",
        {"url": "https://bot.example.org/x", "secret_token": WEBHOOK_SECRET},
    )
    logging.getLogger("httpx").debug(
        "HTTP Request: POST %s", f"https://api.telegram.org/bot{TOKEN}/getMe"
    )
    text = output.getvalue()
    assert "'secret_token': '***'" in text
    assert "https://api.telegram.org/bot***/getMe" in text
    assert TOKEN not in text and WEBHOOK_SECRET not in text


def test_a_secret_in_a_traceback_is_masked(output: io.StringIO) -> None:
    redaction.install([TOKEN])
    try:
        raise RuntimeError(f"rejected token {TOKEN}")
    except RuntimeError:
        logging.getLogger("telegram.ext.Application").exception("update failed")
    text = output.getvalue()
    assert "rejected token ***" in text and TOKEN not in text


def test_records_without_secrets_are_untouched(output: io.StringIO) -> None:
    redaction.install([TOKEN])
    logging.getLogger("bot").info("%d students, %s", 3, "ok")
    assert output.getvalue() == "INFO bot: 3 students, ok\n"


def test_installing_twice_adds_the_filter_once(output: io.StringIO) -> None:
    redaction.install([TOKEN])
    redaction.install([TOKEN])
    handler = logging.getLogger().handlers[-1]
    assert sum(isinstance(f, redaction.SecretFilter) for f in handler.filters) == 1
