"""getUpdates long polling and injected faults, seen through python-telegram-bot."""

from __future__ import annotations

import asyncio
import datetime as dtm

import pytest
from telegram import Bot
from telegram.error import Conflict, NetworkError, RetryAfter, TimedOut
from telegram.ext import AIORateLimiter, ExtBot

from tests.fakebot import FakeBotAPI


async def test_long_poll_returns_when_an_update_arrives(
    bot: Bot, fake_bot_api: FakeBotAPI
) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await fake_bot_api.wait_for(lambda: fake_bot_api.long_polls == 1)
    await fake_bot_api.user_sends("hallo")
    (update,) = await poll
    assert loop.time() - started < 2
    assert update.message is not None and update.message.text == "hallo"


async def test_long_poll_times_out_with_no_updates(bot: Bot) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert await bot.get_updates(timeout=1) == ()
    assert 0.9 < loop.time() - started < 2


async def test_offset_confirms_updates(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    for text in ("een", "twee", "drie"):
        await fake_bot_api.user_sends(text)
    first = await bot.get_updates(limit=2)
    assert [u.message.text for u in first if u.message] == ["een", "twee"]
    rest = await bot.get_updates(offset=first[-1].update_id + 1)
    assert [u.message.text for u in rest if u.message] == ["drie"]
    assert await bot.get_updates(offset=rest[-1].update_id + 1) == ()


async def test_allowed_updates_filters(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    chat = fake_bot_api.private_chat()
    await bot.send_message(
        chat.id, "Kies", reply_markup={"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    )
    await fake_bot_api.user_sends("tekst")
    await fake_bot_api.user_presses(fake_bot_api.last_message(chat), "a")
    (update,) = await bot.get_updates(allowed_updates=["callback_query"])
    assert update.callback_query is not None and update.callback_query.data == "a"


async def test_commands_and_mentions_get_entities(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    await fake_bot_api.user_sends("/start@dossier_test_bot 🙂 @dossier_test_bot", chat="group")
    (update,) = await bot.get_updates()
    message = update.message
    assert message is not None and message.chat.type == "group"
    kinds = [(e.type, e.offset, e.length) for e in message.entities]
    assert kinds == [("bot_command", 0, 23), ("mention", 27, 17)]


async def test_webhook_blocks_get_updates(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    await bot.set_webhook("https://bot.example.nl/hook", secret_token="geheim")
    assert (fake_bot_api.webhook.url, fake_bot_api.webhook.secret_token) == (
        "https://bot.example.nl/hook",
        "geheim",
    )
    with pytest.raises(Conflict):
        await bot.get_updates()
    await bot.delete_webhook()
    assert await bot.get_updates() == ()


PTB_RETRY_AFTER_DEPRECATION = "ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning"


@pytest.mark.filterwarnings(PTB_RETRY_AFTER_DEPRECATION)
async def test_429_raises_retry_after_once(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    chat = fake_bot_api.private_chat()
    fake_bot_api.fail("sendMessage", 429, retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(chat.id, "te snel")
    assert caught.value.retry_after in (3, dtm.timedelta(seconds=3))
    await bot.send_message(chat.id, "nu wel")
    assert [c.status for c in fake_bot_api.calls_to("sendMessage")] == [429, 200]


@pytest.mark.filterwarnings(PTB_RETRY_AFTER_DEPRECATION)
async def test_rate_limiter_retries_after_429(fake_bot_api: FakeBotAPI) -> None:
    chat = fake_bot_api.private_chat()
    fake_bot_api.fail("sendMessage", 429, retry_after=1)
    limiter = AIORateLimiter(max_retries=1)
    async with ExtBot(
        fake_bot_api.token, base_url=fake_bot_api.base_url, rate_limiter=limiter
    ) as bot:
        sent = await bot.send_message(chat.id, "geduld")
    assert sent.text == "geduld"
    assert [c.status for c in fake_bot_api.calls_to("sendMessage")] == [429, 200]


async def test_500_fails_the_given_number_of_times(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    chat = fake_bot_api.private_chat()
    fake_bot_api.fail("sendMessage", 500, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Internal Server Error"):
            await bot.send_message(chat.id, "x")
    assert (await bot.send_message(chat.id, "x")).text == "x"


async def test_slow_response_times_out(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    chat = fake_bot_api.private_chat()
    fake_bot_api.slow("sendMessage", 0.5)
    with pytest.raises(TimedOut):
        await bot.send_message(chat.id, "x", read_timeout=0.1)


async def test_dropped_connection_is_a_network_error(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    chat = fake_bot_api.private_chat()
    fake_bot_api.drop("sendMessage")
    with pytest.raises(NetworkError):
        await bot.send_message(chat.id, "x")
    assert (await bot.send_message(chat.id, "x")).text == "x"


async def test_custom_error_description(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    chat = fake_bot_api.private_chat()
    fake_bot_api.fail("sendMessage", 403, description="Forbidden: bot was blocked by the user")
    with pytest.raises(Exception, match="blocked by the user"):
        await bot.send_message(chat.id, "x")
