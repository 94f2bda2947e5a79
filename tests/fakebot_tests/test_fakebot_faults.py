"""Faults for reliability tests: per chat, hangs, flood waits, and redelivery of updates."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
import pytest_asyncio
import tornado.httpserver
import tornado.web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import NetworkError, RetryAfter, TimedOut

from tests.fakebot import FakeBotAPI, FakeUser

PTB_RETRY_AFTER_DEPRECATION = "ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning"
BOB = FakeUser(1002, "Bob", "bob")


# -- faults for one chat ---------------------------------------------------------------------


async def test_a_fault_for_one_chat_leaves_other_chats_alone(
    bot: Bot, fake_bot_api: FakeBotAPI
) -> None:
    alice, bob = fake_bot_api.private_chat(), fake_bot_api.private_chat(BOB)
    fake_bot_api.fail("sendMessage", 500, chat_id=alice.id, times=2)
    assert (await bot.send_message(bob.id, "bob 1")).text == "bob 1"
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_message(alice.id, "alice 1")
    assert (await bot.send_message(bob.id, "bob 2")).text == "bob 2"
    with pytest.raises(NetworkError):
        await bot.send_message(str(alice.id), "alice 2")  # chat ids compare as numbers
    assert (await bot.send_message(alice.id, "alice 3")).text == "alice 3"
    assert fake_bot_api.texts_to(alice) == ["alice 3"]
    assert fake_bot_api.texts_to(bob) == ["bob 1", "bob 2"]


async def test_a_chat_fault_never_hits_calls_without_a_chat(
    bot: Bot, fake_bot_api: FakeBotAPI
) -> None:
    chat = fake_bot_api.private_chat()
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("OK", callback_data="ok")]])
    sent = await bot.send_message(chat.id, "kies", reply_markup=keyboard)
    fake_bot_api.fail("answerCallbackQuery", 500, chat_id=chat.id)
    assert sent.text == "kies"
    query_id = await fake_bot_api.user_presses(fake_bot_api.last_message(chat), "ok")
    assert await bot.answer_callback_query(query_id, "prima")
    assert fake_bot_api.callback_answer(query_id) is not None


async def test_fail_with_deliver_stores_the_message_and_still_errs(
    bot: Bot, fake_bot_api: FakeBotAPI
) -> None:
    chat = fake_bot_api.private_chat()
    fake_bot_api.fail("sendMessage", 502, chat_id=chat.id, deliver=True)
    with pytest.raises(NetworkError):
        await bot.send_message(chat.id, "toch aangekomen")
    await bot.send_message(chat.id, "toch aangekomen")  # the client's retry
    assert fake_bot_api.texts_to(chat) == ["toch aangekomen"] * 2
    assert fake_bot_api.duplicates_in(chat) == ["toch aangekomen"]
    assert fake_bot_api.texts_to(chat, unique=True) == ["toch aangekomen"]


async def test_drop_with_deliver(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    chat = fake_bot_api.private_chat()
    fake_bot_api.drop("sendMessage", deliver=True)
    with pytest.raises(NetworkError):
        await bot.send_message(chat.id, "weg?")
    assert fake_bot_api.texts_to(chat) == ["weg?"]
    assert [c.status for c in fake_bot_api.calls_to("sendMessage")] == [0]


# -- hangs and slow answers ------------------------------------------------------------------


async def test_hang_never_answers_and_delivers_nothing(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    chat = fake_bot_api.private_chat()
    fake_bot_api.hang("sendMessage", chat_id=chat.id)
    loop = asyncio.get_running_loop()
    started = loop.time()
    sending = asyncio.create_task(bot.send_message(chat.id, "hallo?", read_timeout=0.3))
    await fake_bot_api.wait_for(lambda: fake_bot_api.hanging == 1, timeout=1)
    with pytest.raises(TimedOut):
        await sending
    assert loop.time() - started >= 0.3
    await fake_bot_api.wait_for(lambda: fake_bot_api.hanging == 0, timeout=1)
    (call,) = fake_bot_api.calls_to("sendMessage")
    assert (call.status, call.error) == (0, "no answer")
    assert fake_bot_api.texts_to(chat) == []
    assert (await bot.send_message(chat.id, "nu wel")).text == "nu wel"


async def test_hang_with_deliver_stores_the_message(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    chat = fake_bot_api.private_chat()
    fake_bot_api.hang("sendMessage", deliver=True)
    with pytest.raises(TimedOut):
        await bot.send_message(chat.id, "verstuurd", read_timeout=0.2)
    assert fake_bot_api.texts_to(chat) == ["verstuurd"]


async def test_hang_for_some_seconds_then_answers(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    chat = fake_bot_api.private_chat()
    fake_bot_api.hang("sendMessage", seconds=0.3)
    loop = asyncio.get_running_loop()
    started = loop.time()
    sent = await bot.send_message(chat.id, "later", read_timeout=2)
    assert sent.text == "later" and loop.time() - started >= 0.3
    assert fake_bot_api.texts_to(chat) == ["later"]


async def test_a_hang_ends_when_the_fake_stops() -> None:
    fake = await FakeBotAPI().start()
    chat = fake.private_chat()
    fake.hang("sendMessage")
    async with Bot(fake.token, base_url=fake.base_url, request=fake.http_request()) as client:
        sending = asyncio.create_task(client.send_message(chat.id, "x", read_timeout=5))
        await fake.wait_for(lambda: fake.hanging == 1, timeout=2)
        await asyncio.wait_for(fake.stop(), 2)
        with pytest.raises(NetworkError):
            await asyncio.wait_for(sending, 2)


async def test_slow_delivers_although_the_client_times_out(
    bot: Bot, fake_bot_api: FakeBotAPI
) -> None:
    chat = fake_bot_api.private_chat()
    fake_bot_api.slow("sendMessage", 0.5)
    with pytest.raises(TimedOut):
        await bot.send_message(chat.id, "te laat", read_timeout=0.1)
    assert fake_bot_api.texts_to(chat) == ["te laat"]


async def test_slow_without_deliver_drops_the_call_when_the_client_left(
    bot: Bot, fake_bot_api: FakeBotAPI
) -> None:
    chat = fake_bot_api.private_chat()
    fake_bot_api.slow("sendMessage", 0.3, deliver=False)
    with pytest.raises(TimedOut):
        await bot.send_message(chat.id, "nooit", read_timeout=0.1)
    await fake_bot_api.wait_for(lambda: fake_bot_api.calls_to("sendMessage"), timeout=2)
    assert fake_bot_api.calls_to("sendMessage")[0].status == 0
    assert fake_bot_api.texts_to(chat) == []
    fake_bot_api.slow("sendMessage", 0.2, deliver=False)
    assert (await bot.send_message(chat.id, "geduld")).text == "geduld"


# -- flood waits -----------------------------------------------------------------------------


@pytest.mark.filterwarnings(PTB_RETRY_AFTER_DEPRECATION)
async def test_flood_wait_for_one_chat_expires(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    alice, bob = fake_bot_api.private_chat(), fake_bot_api.private_chat(BOB)
    sent = await bot.send_message(alice.id, "eerste")
    fake_bot_api.flood(alice.id, 0.6)
    for _ in range(3):  # not count-based: every send meanwhile is refused
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(alice.id, "te veel")
        assert caught.value.retry_after in (1, dtm.timedelta(seconds=1))
    with pytest.raises(RetryAfter):
        await bot.edit_message_text("bewerkt", alice.id, sent.message_id)
    assert (await bot.send_message(bob.id, "bob mag")).text == "bob mag"
    assert (await bot.get_chat(alice.id)).id == alice.id  # not a send
    await asyncio.sleep(0.7)
    assert (await bot.send_message(alice.id, "weer")).text == "weer"
    assert fake_bot_api.texts_to(alice) == ["eerste", "weer"]
    refused = [c for c in fake_bot_api.calls if c.status == 429]
    assert len(refused) == 4
    assert all(c.error == "Too Many Requests: retry after 1" for c in refused)


@pytest.mark.filterwarnings(PTB_RETRY_AFTER_DEPRECATION)
async def test_flood_reports_the_seconds_left_and_names_methods(
    bot: Bot, fake_bot_api: FakeBotAPI
) -> None:
    chat = fake_bot_api.private_chat()
    fake_bot_api.flood(chat.id, 30, methods=["sendPhoto"])
    assert (await bot.send_message(chat.id, "tekst mag")).text == "tekst mag"
    with pytest.raises(RetryAfter) as caught:
        await bot.send_photo(chat.id, "https://example.org/a.png")
    assert caught.value.retry_after in (30, dtm.timedelta(seconds=30))
    fake_bot_api.end_flood(chat.id)
    assert await bot.send_photo(chat.id, "https://example.org/a.png")
    with pytest.raises(ValueError, match="no method"):
        fake_bot_api.flood(chat.id, 1, methods=["sendFoto"])


# -- polling redelivery ----------------------------------------------------------------------


async def test_polling_returns_unconfirmed_updates_again(
    bot: Bot, fake_bot_api: FakeBotAPI
) -> None:
    await fake_bot_api.user_sends("een")
    await fake_bot_api.user_sends("twee")
    first = [u.update_id for u in await bot.get_updates()]
    assert len(first) == 2
    assert [u.update_id for u in await bot.get_updates()] == first  # no offset: again
    assert [u.update_id for u in await bot.get_updates(offset=first[0])] == first
    assert [u["update_id"] for u in fake_bot_api.pending_updates()] == first
    assert [u.update_id for u in await bot.get_updates(offset=first[1])] == first[1:]
    assert await bot.get_updates(offset=first[1] + 1) == ()
    assert fake_bot_api.pending_updates() == []


# -- webhook redelivery ----------------------------------------------------------------------


@dataclass
class Hook:
    """A webhook receiver: fails the first `failures` POSTs, or makes them slow."""

    port: int = 0
    failures: int = 0
    status: int = 500
    slow: float = 0.0
    seen: list[tuple[int, int]] = field(default_factory=list)  # (update_id, status)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"


class _HookHandler(tornado.web.RequestHandler):
    def initialize(self, hook: Hook) -> None:
        self.hook = hook

    async def post(self) -> None:
        update_id = json.loads(self.request.body)["update_id"]
        if self.hook.failures > 0:
            self.hook.failures -= 1
            if self.hook.slow:
                await asyncio.sleep(self.hook.slow)
            self.hook.seen.append((update_id, self.hook.status))
            self.set_status(self.hook.status)
            return
        self.hook.seen.append((update_id, 200))


@pytest_asyncio.fixture
async def hook(fake_bot_api: FakeBotAPI, bot: Bot) -> AsyncIterator[Hook]:
    hook = Hook()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        hook.port = s.getsockname()[1]
    app = tornado.web.Application([("/hook", _HookHandler, {"hook": hook})])
    server = tornado.httpserver.HTTPServer(app)
    server.listen(hook.port, "127.0.0.1")
    await bot.set_webhook("https://bot.example.nl/hook", secret_token="geheim")
    fake_bot_api.webhook_target = hook.url
    fake_bot_api.webhook_redelivery_delay = 0.05
    try:
        yield hook
    finally:
        server.stop()
        await server.close_all_connections()


async def test_webhook_redelivers_after_a_500_in_order(
    fake_bot_api: FakeBotAPI, hook: Hook
) -> None:
    hook.failures = 2
    for text in ("een", "twee", "drie"):
        await fake_bot_api.user_sends(text)
    await fake_bot_api.webhook_settled()
    ids = sorted({u for u, _ in hook.seen})
    first = ids[0]
    assert hook.seen == [(first, 500), (first, 500), (first, 200), (ids[1], 200), (ids[2], 200)]
    assert [s for s, _ in fake_bot_api.webhook_deliveries] == [500, 500, 200, 200, 200]
    info = fake_bot_api.webhook
    assert info.last_error_message == "Wrong response from the webhook: 500"
    assert fake_bot_api.pending_updates() == []


async def test_webhook_redelivers_without_an_answer(fake_bot_api: FakeBotAPI, hook: Hook) -> None:
    fake_bot_api.webhook_timeout = 0.2
    hook.failures, hook.slow = 1, 0.5  # the first POST outlives the timeout
    await fake_bot_api.user_sends("een")
    await fake_bot_api.user_sends("twee")
    await fake_bot_api.webhook_settled()
    assert [s for s, _ in fake_bot_api.webhook_deliveries] == [0, 200, 200]
    assert [u for u, s in hook.seen if s == 200] == sorted({u for u, _ in hook.seen})


async def test_the_retry_delay_grows(fake_bot_api: FakeBotAPI, hook: Hook) -> None:
    fake_bot_api.webhook_redelivery_delay = 0.1
    fake_bot_api.webhook_redelivery_max = 0.2
    hook.failures = 3
    loop = asyncio.get_running_loop()
    started = loop.time()
    await fake_bot_api.user_sends("een")
    assert len(fake_bot_api.pending_updates()) == 1
    await fake_bot_api.webhook_settled()
    assert loop.time() - started >= 0.1 + 0.2 + 0.2
    assert [s for _, s in hook.seen] == [500, 500, 500, 200]


async def test_unacknowledged_webhook_updates_go_to_get_updates_after_delete(
    bot: Bot, fake_bot_api: FakeBotAPI, hook: Hook
) -> None:
    hook.failures = 1_000
    await fake_bot_api.user_sends("een")
    assert len(fake_bot_api.pending_updates()) == 1
    await bot.delete_webhook()
    (update,) = await bot.get_updates()
    assert update.message is not None and update.message.text == "een"
