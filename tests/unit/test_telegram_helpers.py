"""The Telegram adapter's plain helpers: update ordering, mentions, webhook route and secret."""

from __future__ import annotations

import asyncio
import re

import pytest
from telegram import Update, User

from bot.telegram.addressing import without_mention
from bot.telegram.updates import UserTurns, user_key
from bot.telegram.webhook import route, secret_token


def update_from(update_id: int, user_id: int) -> Update:
    """An inline query update from a user: the processor only looks at who sent it."""
    sender = User(user_id, "Test", is_bot=False).to_dict()
    query = {"id": str(update_id), "from": sender, "query": "", "offset": ""}
    return Update.de_json({"update_id": update_id, "inline_query": query}, None)


async def test_one_users_updates_run_in_order_others_alongside() -> None:
    turns = UserTurns()
    events: list[str] = []
    release = asyncio.Event()

    async def work(update: Update, name: str, wait: bool) -> None:
        async with turns.turn(user_key(update)):
            events.append(f"{name} start")
            if wait:
                await release.wait()
            events.append(f"{name} end")

    first = asyncio.create_task(work(update_from(1, 7), "a1", True))
    second = asyncio.create_task(work(update_from(2, 7), "a2", False))
    other = asyncio.create_task(work(update_from(3, 8), "b1", False))
    await other  # user 8 is not held up by user 7's slow update
    assert events == ["a1 start", "b1 start", "b1 end"]
    assert turns.waiting == 1
    release.set()
    await asyncio.gather(first, second)
    assert events[3:] == ["a1 end", "a2 start", "a2 end"]
    assert turns.waiting == 0  # no lock kept for idle users


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("@Dossier_Test_Bot wp 3.5", "wp 3.5"),
        ("wat is wp 3.5 @dossier_test_bot?", "wat is wp 3.5 ?"),
        ("@dossier_test_bot, wp 3.5", "wp 3.5"),
        ("@dossier_test_botje wp 3.5", "@dossier_test_botje wp 3.5"),
        ("mail@dossier_test_bot wp", "mail@dossier_test_bot wp"),
    ],
)
def test_the_mention_is_taken_out(text: str, question: str) -> None:
    assert without_mention(text, "dossier_test_bot") == question


def test_webhook_route_uses_the_urls_path_or_a_default() -> None:
    assert route("https://bot.example.nl/tg/hook") == (
        "https://bot.example.nl/tg/hook",
        "/tg/hook",
    )
    assert route("https://bot.example.nl") == ("https://bot.example.nl/telegram", "/telegram")
    assert route("https://bot.example.nl/") == ("https://bot.example.nl/telegram", "/telegram")


def test_secret_token_is_the_configured_one_or_random_and_valid() -> None:
    assert secret_token("s3cret") == "s3cret"
    one, two = secret_token(None), secret_token(None)
    assert one != two
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,256}", one)  # what setWebhook accepts
