"""Long polling confirms a batch only after every update in it was handled."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import Update

from bot.store.errors import StoreUnavailable
from bot.telegram.polling import Poller


def update(update_id: int, user_id: int) -> Update:
    sender = {"id": user_id, "is_bot": False, "first_name": "S"}
    chat = {"id": user_id, "type": "private"}
    body = {"message_id": update_id, "date": 0, "chat": chat, "from": sender, "text": "hoi"}
    return Update.de_json({"update_id": update_id, "message": body}, None)


class FakeTelegram:
    """getUpdates over a list of pending updates: an offset confirms the ones below it."""

    def __init__(self, updates: list[Update]) -> None:
        self.pending = list(updates)
        self.offsets: list[int | None] = []

    async def get_updates(self, offset: int | None = None, **_: Any) -> list[Update]:
        self.offsets.append(offset)
        if offset is not None:
            self.pending = [u for u in self.pending if u.update_id >= offset]
        if not self.pending:
            await asyncio.sleep(0.01)  # a long poll with nothing new
        return self.pending[:3]


async def run_until(poller: Poller, done: Any) -> None:
    task = asyncio.create_task(poller.run())
    for _ in range(500):
        if done():
            break
        await asyncio.sleep(0.01)
    await poller.stop(1.0)
    await asyncio.wait_for(task, 2.0)


async def test_the_offset_moves_only_past_handled_batches_and_is_confirmed_on_stop() -> None:
    telegram = FakeTelegram([update(1, 7), update(2, 8), update(3, 7), update(4, 9)])
    handled: list[int] = []
    seen_offsets: list[list[int | None]] = []

    async def process(u: Update) -> None:
        seen_offsets.append(list(telegram.offsets))
        handled.append(u.update_id)

    poller = Poller(telegram, process, timeout=0)  # type: ignore[arg-type]
    await run_until(poller, lambda: len(handled) == 4)
    assert sorted(handled) == [1, 2, 3, 4]
    assert seen_offsets[0] == [None]  # the first batch was fetched, not yet confirmed
    assert telegram.offsets[1] == 4  # the next fetch confirms the three handled ones
    assert telegram.pending == []  # stop() confirmed the last batch
    assert poller.confirmed == 5


async def test_a_failed_update_holds_its_batch_and_the_students_later_updates() -> None:
    telegram = FakeTelegram([update(1, 7), update(2, 7), update(3, 8)])
    handled: list[int] = []
    failures = [StoreUnavailable("the database is unavailable: connection refused")]

    async def process(u: Update) -> None:
        if u.update_id == 1 and failures:
            raise failures.pop()
        handled.append(u.update_id)

    poller = Poller(telegram, process, timeout=0)  # type: ignore[arg-type]
    await run_until(poller, lambda: 1 in handled and 2 in handled)
    assert handled.index(1) < handled.index(2)  # 2 waited for 1's redelivery
    assert handled.count(3) == 2  # handled in the failed batch and again (the ledger skips it)
    assert telegram.offsets[1] is None  # after the failure the same batch came again


async def test_stop_during_a_long_poll_returns_at_once() -> None:
    class Hanging(FakeTelegram):
        async def get_updates(self, offset: int | None = None, **_: Any) -> list[Update]:
            await asyncio.sleep(30)
            return []

    poller = Poller(Hanging([]), lambda u: asyncio.sleep(0), timeout=30)  # type: ignore[arg-type]
    task = asyncio.create_task(poller.run())
    await asyncio.sleep(0.05)
    started = asyncio.get_running_loop().time()
    await poller.stop(1.0)
    await asyncio.wait_for(task, 1.0)
    assert asyncio.get_running_loop().time() - started < 0.5


async def test_an_update_that_keeps_failing_does_not_hold_up_the_others() -> None:
    """Only an unavailable database holds a batch; any other failure is the update's own."""
    telegram = FakeTelegram([update(1, 7), update(2, 8), update(3, 9), update(4, 9)])
    handled: list[int] = []

    async def process(u: Update) -> None:
        if u.update_id == 1:
            raise RuntimeError("a bug in handling this one")
        handled.append(u.update_id)

    poller = Poller(telegram, process, timeout=0)  # type: ignore[arg-type]
    await run_until(poller, lambda: 4 in handled)
    assert sorted(handled) == [2, 3, 4]
    assert telegram.offsets[1] == 4  # the failed one was confirmed with its batch
