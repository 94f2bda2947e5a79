"""kill -9 with updates in flight and a backlog, then a restart: every message answered once.

The bot runs as its own process (`python -m bot run`) against the fake Bot API of the test,
on SQLite and on PostgreSQL, by long polling and by webhook. While it is killed, Telegram
holds every update it was not told about (polling: not confirmed by an offset; webhook: not
answered 2xx) and hands them out again; what was handled before the kill is in the outbox.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.e2e.botprocess import BotProcess
from tests.e2e.conftest import free_port
from tests.fakebot import FakeBotAPI
from tests.fakebot.model import FakeUser

CODES = ["B1-K1-W1", "B1-K1-W2", "B1-K1-W3", "B1-K1-W4", "B1-K1-W5", "B1-K2-W1"]


async def _all_answered(fake: FakeBotAPI, expected: dict[int, int], timeout: float) -> None:
    """Until every chat has its expected number of bot messages (or the time is up)."""

    def done() -> bool:
        return all(len(fake.messages_in(chat)) >= n for chat, n in expected.items())

    await fake.wait_for(done, timeout=timeout)


async def _chat(fake: FakeBotAPI, users: list[FakeUser], rounds: range) -> None:
    """Each user asks one code per round, all users at once."""
    for turn in rounds:
        await asyncio.gather(
            *(fake.user_sends(CODES[turn % len(CODES)], user=user) for user in users)
        )


def _assert_once(
    fake: FakeBotAPI, users: list[FakeUser], rounds: int, *, in_order: bool = True
) -> None:
    """Each question answered exactly once; in the order asked unless `in_order` is off."""
    for user in users:
        codes = [text.split(" ", 1)[0] for text in fake.texts_to(user.id)]
        asked = [CODES[turn % len(CODES)] for turn in range(rounds)]
        assert len(codes) == rounds, f"user {user.id} got {len(codes)} of {rounds}: {codes}"
        assert codes == asked if in_order else sorted(codes) == sorted(asked), codes
        assert fake.duplicates_in(user.id) == []


async def _kill_and_recover(
    fake: FakeBotAPI, bot: BotProcess, users: list[FakeUser], *, in_order: bool = True
) -> None:
    await _chat(fake, users, range(2))
    await _all_answered(fake, {u.id: 2 for u in users}, timeout=30)
    pressed = fake.last_message(users[0].id)

    fake.hang("sendMessage", times=None)  # in flight: handled, committed, not yet sent
    fake.hang("editMessageText", times=None)
    await _chat(fake, users, range(2, 4))
    await fake.user_presses(pressed, "Gedrag", user=users[0])
    await asyncio.sleep(1.5)
    await bot.kill()
    fake.world.faults.clear()
    await _chat(fake, users, range(4, 6))  # the backlog: sent while the bot is down

    await bot.start()
    await _all_answered(fake, {u.id: 6 for u in users}, timeout=60)
    await fake.wait_for(lambda: "Gedrag" in (fake.texts_to(users[0].id)[1]), timeout=30)
    await asyncio.sleep(1.0)  # anything sent twice would arrive by now
    _assert_once(fake, users, 6, in_order=in_order)


async def _crash_scenario(
    fake: FakeBotAPI, tmp_path: Path, env: dict[str, str], *, in_order: bool = True
) -> None:
    bot = BotProcess(fake, tmp_path, **env)
    users = [fake.new_user(f"Student{i}") for i in range(8)]
    await bot.start()
    try:
        await _kill_and_recover(fake, bot, users, in_order=in_order)
    except AssertionError:
        print(bot.output()[-5000:])  # the bot's log, for the failure report
        raise
    finally:
        await bot.close()
    assert fake.violations == [], fake.report()


async def test_kill_9_by_long_polling_loses_and_repeats_nothing(
    fake_bot_api: FakeBotAPI, tmp_path: Path, database_url: str
) -> None:
    await _crash_scenario(fake_bot_api, tmp_path, {"DATABASE_URL": database_url})


async def test_kill_9_by_webhook_loses_and_repeats_nothing(
    fake_bot_api: FakeBotAPI, tmp_path: Path, database_url: str
) -> None:
    """On PostgreSQL several webhook processes may share the outbox, so a restarted one sends
    what the killed one left only when its lease ran out: after newer answers, still once."""
    port = free_port()
    env = {
        "DATABASE_URL": database_url,
        "WEBHOOK_URL": "https://bot.example.nl/telegram",
        "WEBHOOK_SECRET": "s3cret-for-tests",
        "PORT": str(port),
    }
    fake_bot_api.webhook_target = f"http://127.0.0.1:{port}/telegram"
    postgres = database_url.startswith("postgres")
    await _crash_scenario(fake_bot_api, tmp_path, env, in_order=not postgres)


async def test_sigterm_drains_within_ten_seconds_and_loses_nothing(
    fake_bot_api: FakeBotAPI, tmp_path: Path, database_url: str
) -> None:
    """A flood wait of 20 s holds one chat's answers when the stop signal comes."""
    bot = BotProcess(fake_bot_api, tmp_path, DATABASE_URL=database_url)
    users = [fake_bot_api.new_user(f"Student{i}") for i in range(6)]
    await bot.start()
    try:
        fake_bot_api.flood(users[0].id, retry_after=20)
        fake_bot_api.hang("sendMessage", chat_id=users[1].id, times=None)
        await _chat(fake_bot_api, users, range(2))
        await _all_answered(fake_bot_api, {u.id: 2 for u in users[2:]}, timeout=30)
        seconds, code = await bot.terminate()
        assert code == 0, bot.output()[-2000:]
        assert seconds < 10, f"took {seconds:.1f} s to stop"
        fake_bot_api.end_flood()
        fake_bot_api.world.faults.clear()
        await bot.start()
        await _all_answered(fake_bot_api, {u.id: 2 for u in users}, timeout=60)
        await asyncio.sleep(1.0)
    finally:
        await bot.close()
    _assert_once(fake_bot_api, users, 2)
