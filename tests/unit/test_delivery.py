"""The Courier (bot.telegram.delivery) against a scripted fake `send`: no HTTP, no Telegram.

Time is real but small (flood waits of 0.1-0.3 s, backoff of 0.01 s); the rate gate is also
checked on its own with a fake clock and sleep.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
import time
import warnings
from collections import Counter, defaultdict, deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.warnings import PTBDeprecationWarning

from bot.telegram.delivery import (
    Courier,
    Limits,
    Outcome,
    Outgoing,
    retry_after_seconds,
)
from bot.telegram.pacing import RateGate, Slots

FAST = Limits(
    in_flight=16,
    bulk_per_second=1000.0,
    bulk_burst=100,
    group_bulk_per_minute=60_000.0,
    attempts=5,
    backoff=0.01,
    backoff_cap=0.02,
    backoff_jitter=0.0,
    call_timeout=2.0,
)

OK = "ok"


def flood(seconds: float) -> RetryAfter:
    """A 429. PTB 22 reads .retry_after in the constructor, which warns about its coming
    type change; the Courier itself must not warn (see the -W error run in the report)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        return RetryAfter(dtm.timedelta(seconds=seconds))


@dataclass
class Call:
    method: str
    tag: object
    start: float
    end: float = 0.0


@dataclass
class FakeTelegram:
    """send() pops the next scripted behaviour for (method, chat_id or callback_query_id):
    OK (the default), an exception to raise, or an asyncio.Event to hang on until set."""

    script: dict[tuple[str, object], deque[object]] = field(
        default_factory=lambda: defaultdict(deque)
    )
    calls: list[Call] = field(default_factory=list)
    seen: asyncio.Event = field(default_factory=asyncio.Event)

    def on(self, method: str, tag: object, *behaviours: object) -> None:
        self.script[method, tag].extend(behaviours)

    async def send(self, method: str, params: Mapping[str, Any]) -> object:
        tag = params.get("chat_id", params.get("callback_query_id"))
        call = Call(method, tag, time.monotonic())
        self.calls.append(call)
        self.seen.set()
        queue = self.script.get((method, tag))
        behaviour = queue.popleft() if queue else OK
        await asyncio.sleep(0)
        if isinstance(behaviour, asyncio.Event):
            await behaviour.wait()
        elif isinstance(behaviour, BaseException):
            call.end = time.monotonic()
            raise behaviour
        call.end = time.monotonic()
        return True

    def count(self, method: str, tag: object) -> int:
        return sum(1 for c in self.calls if (c.method, c.tag) == (method, tag))

    def order(self) -> list[tuple[str, object]]:
        return [(c.method, c.tag) for c in self.calls]


@dataclass
class Results:
    outcomes: list[tuple[Outgoing, Outcome]] = field(default_factory=list)
    times: dict[int, float] = field(default_factory=dict)  # id(item) -> when done

    async def done(self, item: Outgoing, outcome: Outcome) -> None:
        self.outcomes.append((item, outcome))
        self.times[id(item)] = time.monotonic()

    def of(self, item: Outgoing) -> Outcome:
        found = [o for i, o in self.outcomes if i is item]
        assert len(found) == 1, f"done() called {len(found)} times for {item}"
        return found[0]

    def assert_once_each(self, items: list[Outgoing]) -> None:
        counts = Counter(id(i) for i, _ in self.outcomes)
        assert all(counts[id(i)] == 1 for i in items), counts
        assert len(self.outcomes) == len(items)


def msg(chat: int, text: str = "hoi", **kw: Any) -> Outgoing:
    return Outgoing(chat, "sendMessage", {"chat_id": chat, "text": text}, **kw)


def edit(chat: int, text: str = "hoi", **kw: Any) -> Outgoing:
    params = {"chat_id": chat, "message_id": 7, "text": text}
    return Outgoing(chat, "editMessageText", params, **kw)


def callback(chat: int) -> Outgoing:
    return Outgoing(chat, "answerCallbackQuery", {"callback_query_id": f"q{chat}"})


async def run(
    items: list[Outgoing],
    tg: FakeTelegram,
    limits: Limits = FAST,
    timeout: float = 3.0,
) -> Results:
    results = Results()
    courier = Courier(tg.send, results.done, limits=limits)
    await courier.start()
    for item in items:
        courier.submit(item)
    await courier.drain(timeout)
    results.assert_once_each(items)
    assert courier.pending == 0 and courier.lanes == 0
    return results


async def test_one_chat_goes_out_in_submit_order_even_through_retries() -> None:
    tg = FakeTelegram()
    tg.on("sendMessage", 1, flood(0.05), NetworkError("Bad Gateway"))
    items = [msg(1, "a"), edit(1, "a2"), msg(1, "b"), edit(1, "b2"), msg(2)]
    results = await run(items, tg)
    assert all(results.of(i) is Outcome.SENT for i in items)
    chat1 = [c.method for c in tg.calls if c.tag == 1]
    assert chat1 == [
        "sendMessage",  # 429
        "sendMessage",  # 502
        "sendMessage",
        "editMessageText",
        "sendMessage",
        "editMessageText",
    ]
    done1 = [results.times[id(i)] for i in items[:4]]
    assert done1 == sorted(done1)


async def test_flood_on_one_chat_does_not_delay_another() -> None:
    tg = FakeTelegram()
    tg.on("sendMessage", 1, flood(0.3))
    a = [msg(1, "a"), msg(1, "a again")]
    b = [msg(2, str(n)) for n in range(5)]
    t0 = time.monotonic()
    results = await run([*a, *b], tg)
    assert all(results.of(i) is Outcome.SENT for i in [*a, *b])
    assert max(results.times[id(i)] for i in b) - t0 < 0.15  # B never waited for A's flood
    a_calls = [c for c in tg.calls if c.tag == 1]
    assert len(a_calls) == 3
    assert a_calls[1].start - a_calls[0].start >= 0.29  # A itself waited retry_after


async def test_flood_on_bulk_pauses_bulk_only() -> None:
    tg = FakeTelegram()
    tg.on("sendMessage", 1, flood(0.3))
    results = Results()
    courier = Courier(tg.send, results.done, limits=FAST)
    await courier.start()
    first = msg(1, bulk=True)
    courier.submit(first)
    await tg.seen.wait()
    await asyncio.sleep(0.02)  # the 429 is in
    t429 = time.monotonic()
    later_bulk = msg(2, bulk=True)
    reply = msg(3)
    courier.submit(later_bulk)
    courier.submit(reply)
    await courier.drain(3.0)
    results.assert_once_each([first, later_bulk, reply])
    assert results.times[id(reply)] - t429 < 0.1  # interactive goes on
    bulk2 = next(c for c in tg.calls if c.tag == 2)
    assert bulk2.start - t429 >= 0.25  # other bulk waited for the pause
    assert results.of(later_bulk) is Outcome.SENT and results.of(first) is Outcome.SENT


async def test_a_reply_overtakes_a_waiting_reminder_in_its_own_chat() -> None:
    tg = FakeTelegram()
    tg.on("sendMessage", 2, flood(0.3))
    results = Results()
    courier = Courier(tg.send, results.done, limits=FAST)
    await courier.start()
    courier.submit(msg(2, bulk=True))
    await tg.seen.wait()
    await asyncio.sleep(0.02)  # bulk is paused for 0.3 s
    reminders = [msg(1, "drill", bulk=True), msg(1, "drill 2", bulk=True)]
    for item in reminders:
        courier.submit(item)
    await asyncio.sleep(0.02)  # the first reminder waits at the bulk gate
    t0 = time.monotonic()
    reply, reply_edit = msg(1, "answer"), edit(1, "answer")
    courier.submit(reply)
    courier.submit(reply_edit)
    await courier.drain(3.0)
    assert results.times[id(reply_edit)] - t0 < 0.1
    assert all(results.of(i) is Outcome.SENT for i in [*reminders, reply, reply_edit])
    chat1 = [(c.method, c.start >= t0) for c in tg.calls if c.tag == 1]
    assert (
        chat1 == [("sendMessage", True), ("editMessageText", True)] + [("sendMessage", True)] * 2
    )
    texts = [results.times[id(i)] for i in reminders]
    assert texts == sorted(texts) and texts[0] - t0 >= 0.2


async def test_interactive_gets_a_free_slot_before_bulk() -> None:
    tg = FakeTelegram()
    hang = asyncio.Event()
    tg.on("sendMessage", 1, hang)
    results = Results()
    courier = Courier(tg.send, results.done, limits=Limits(**{**FAST.__dict__, "in_flight": 1}))
    await courier.start()
    items = [msg(1), msg(2, bulk=True), msg(3, bulk=True), msg(4), msg(5)]
    courier.submit(items[0])
    await tg.seen.wait()  # chat 1 holds the only slot
    for item in items[1:]:
        courier.submit(item)
    await asyncio.sleep(0.05)  # everyone is waiting for the slot
    hang.set()
    await courier.drain(2.0)
    results.assert_once_each(items)
    assert [c.tag for c in tg.calls] == [1, 4, 5, 2, 3]


async def test_5xx_is_retried_then_sent() -> None:
    tg = FakeTelegram()
    tg.on("sendMessage", 1, NetworkError("Bad Gateway"), NetworkError("Internal Server Error"))
    item = msg(1)
    results = await run([item], tg)
    assert results.of(item) is Outcome.SENT
    assert tg.count("sendMessage", 1) == 3


async def test_persistent_5xx_gives_up_after_the_bound_and_the_lane_goes_on() -> None:
    tg = FakeTelegram()
    tg.on("sendMessage", 1, *[NetworkError("Bad Gateway") for _ in range(10)])
    lost, after = msg(1), edit(1)
    results = await run([lost, after], tg)
    assert results.of(lost) is Outcome.GAVE_UP
    assert tg.count("sendMessage", 1) == FAST.attempts == 5
    assert results.of(after) is Outcome.SENT


async def test_timed_out_send_is_resent_once() -> None:
    tg = FakeTelegram()
    tg.on("sendMessage", 1, TimedOut())
    tg.on("sendMessage", 2, TimedOut(), TimedOut(), TimedOut())
    once, twice = msg(1), msg(2)
    results = await run([once, twice], tg)
    assert results.of(once) is Outcome.SENT
    assert tg.count("sendMessage", 1) == 2
    assert results.of(twice) is Outcome.UNSURE  # maybe delivered: no third copy
    assert tg.count("sendMessage", 2) == 2


async def test_a_hanging_call_counts_as_a_timeout() -> None:
    tg = FakeTelegram()
    tg.on("sendMessage", 1, asyncio.Event())  # never set
    item = msg(1)
    limits = Limits(**{**FAST.__dict__, "call_timeout": 0.05})
    results = await run([item], tg, limits)
    assert results.of(item) is Outcome.SENT
    assert tg.count("sendMessage", 1) == 2


async def test_timed_out_edit_is_retried_like_any_transient_failure() -> None:
    tg = FakeTelegram()
    tg.on("editMessageText", 1, TimedOut(), TimedOut(), BadRequest("Message is not modified"))
    item = edit(1)
    results = await run([item], tg)
    assert results.of(item) is Outcome.SENT
    assert tg.count("editMessageText", 1) == 3


async def test_timed_out_callback_answer_is_not_resent_and_the_edit_follows() -> None:
    tg = FakeTelegram()
    tg.on("answerCallbackQuery", "q1", TimedOut())
    answer, after = callback(1), edit(1)
    results = await run([answer, after], tg)
    assert results.of(answer) is Outcome.UNSURE  # it may have arrived
    assert tg.count("answerCallbackQuery", "q1") == 1
    assert results.of(after) is Outcome.SENT


async def test_not_modified_counts_as_sent() -> None:
    tg = FakeTelegram()
    tg.on(
        "editMessageText",
        1,
        BadRequest(
            "Bad Request: message is not modified: specified new message content and reply "
            "markup are exactly the same"
        ),
    )
    item = edit(1)
    results = await run([item], tg)
    assert results.of(item) is Outcome.SENT
    assert tg.count("editMessageText", 1) == 1


async def test_late_button_press_still_gets_its_edit() -> None:
    tg = FakeTelegram()
    tg.on(
        "answerCallbackQuery",
        "q1",
        BadRequest("Query is too old and response timeout expired or query id is invalid"),
    )
    answer, after = callback(1), edit(1)
    results = await run([answer, after], tg)
    assert results.of(answer) is Outcome.SENT
    assert results.of(after) is Outcome.SENT
    assert tg.order() == [("answerCallbackQuery", "q1"), ("editMessageText", 1)]


async def test_refusals_are_not_retried(caplog: pytest.LogCaptureFixture) -> None:
    tg = FakeTelegram()
    tg.on("sendMessage", 1, Forbidden("Forbidden: bot was blocked by the user"))
    tg.on("sendMessage", 2, BadRequest("Can't parse entities"))
    tg.on("sendMessage", -3, ChatMigrated(-1009))
    tg.on("sendMessage", 4, ValueError("bug"))
    items = [msg(1), msg(2), msg(-3), msg(4), msg(4, "next")]
    with caplog.at_level(logging.INFO, logger="bot.telegram.delivery"):
        results = await run(items, tg)
    assert [results.of(i) for i in items] == [Outcome.REFUSED] * 4 + [Outcome.SENT]
    assert tg.count("sendMessage", 1) == tg.count("sendMessage", 2) == 1
    assert tg.count("sendMessage", -3) == 1
    assert tg.count("sendMessage", 4) == 2  # the refusal did not stop the lane
    assert "-1009" in caplog.text
    assert any(r.exc_info for r in caplog.records)


async def test_drain_with_a_hung_call_returns_in_time_and_gives_up_the_rest() -> None:
    tg = FakeTelegram()
    tg.on("sendMessage", 1, asyncio.Event())  # hangs
    tg.on("sendMessage", 2, flood(30))
    hung, queued, flooded = msg(1), edit(1), msg(2)
    sent = msg(3)
    results = Results()
    limits = Limits(**{**FAST.__dict__, "call_timeout": 60.0})
    courier = Courier(tg.send, results.done, limits=limits)
    await courier.start()
    for item in (hung, queued, flooded, sent):
        courier.submit(item)
    t0 = time.monotonic()
    await asyncio.wait_for(courier.drain(0.2), 2.0)
    assert time.monotonic() - t0 < 0.5
    results.assert_once_each([hung, queued, flooded, sent])
    assert [results.of(i) for i in (hung, queued, flooded)] == [Outcome.GAVE_UP] * 3
    assert results.of(sent) is Outcome.SENT
    assert courier.pending == 0 and courier.lanes == 0
    late = msg(5)
    courier.submit(late)  # after drain: given up at once, never sent
    await asyncio.sleep(0.01)
    assert results.of(late) is Outcome.GAVE_UP
    assert tg.count("sendMessage", 5) == 0


async def test_drain_before_start_gives_everything_up() -> None:
    tg = FakeTelegram()
    results = Results()
    courier = Courier(tg.send, results.done, limits=FAST)
    items = [msg(1), msg(2)]
    for item in items:
        courier.submit(item)
    assert courier.pending == 2
    await courier.drain(1.0)
    assert [results.of(i) for i in items] == [Outcome.GAVE_UP] * 2
    assert tg.calls == []


async def test_lanes_and_expired_pauses_are_forgotten() -> None:
    tg = FakeTelegram()
    tg.on("sendMessage", 7, flood(0.05))
    results = Results()
    courier = Courier(tg.send, results.done, limits=FAST)
    await courier.start()
    items = [msg(chat) for chat in range(1, 51)]
    for item in items:
        courier.submit(item)
    assert courier.lanes == 50
    async with asyncio.timeout(2.0):
        while courier.pending or courier.lanes:
            await asyncio.sleep(0.01)
    results.assert_once_each(items)
    assert courier._lanes == {}  # forgotten as they emptied, not only at drain
    assert len(courier._pauses) == 0  # the flood pause of chat 7 has expired and is gone
    await courier.drain(1.0)


async def test_bulk_rate_is_respected() -> None:
    tg = FakeTelegram()
    limits = Limits(**{**FAST.__dict__, "bulk_per_second": 50.0, "bulk_burst": 1})
    items = [msg(chat, bulk=True) for chat in range(1, 12)]
    await run(items, tg, limits)
    starts = sorted(c.start for c in tg.calls)
    assert starts[-1] - starts[0] >= (len(items) - 1) / 50.0 - 0.01


async def test_group_bulk_is_spaced_but_replies_in_the_group_are_not() -> None:
    tg = FakeTelegram()
    limits = Limits(**{**FAST.__dict__, "group_bulk_per_minute": 600.0})  # one per 0.1 s
    pushes = [msg(-100, str(n), bulk=True) for n in range(3)]
    await run(pushes, tg, limits)
    starts = [c.start for c in tg.calls]
    assert starts[2] - starts[0] >= 0.19
    tg2 = FakeTelegram()
    replies = [msg(-100, str(n)) for n in range(3)]
    t0 = time.monotonic()
    await run(replies, tg2, limits)
    assert time.monotonic() - t0 < 0.1


async def test_items_too_old_are_given_up_without_a_call() -> None:
    tg = FakeTelegram()
    tg.on("sendMessage", 2, flood(30))
    limits = Limits(**{**FAST.__dict__, "interactive_max_age": 5.0})
    stale = msg(1, created=time.monotonic() - 6.0)
    flooded = msg(2)  # a 30 s flood wait would take it past its 5 s
    results = await run([stale, flooded], tg, limits, timeout=1.0)
    assert results.of(stale) is Outcome.GAVE_UP
    assert tg.count("sendMessage", 1) == 0
    assert results.of(flooded) is Outcome.GAVE_UP
    assert tg.count("sendMessage", 2) == 1


async def test_logs_name_method_and_chat_but_never_the_text(
    caplog: pytest.LogCaptureFixture,
) -> None:
    tg = FakeTelegram()
    tg.on("sendMessage", 1, NetworkError("Bad Gateway"), TimedOut(), flood(0.01))
    tg.on("sendMessage", 2, BadRequest("Can't parse entities"))
    with caplog.at_level(logging.INFO, logger="bot.telegram.delivery"):
        await run([msg(1, "GEHEIM antwoord"), msg(2, "GEHEIM ook")], tg)
    assert "sendMessage to chat 1" in caplog.text
    assert "GEHEIM" not in caplog.text
    retries = [r for r in caplog.records if "chat 1" in r.getMessage()]
    assert len(retries) == 3  # one line per retry


def test_retry_after_in_seconds_or_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    assert retry_after_seconds(flood(20)) == 20.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        assert retry_after_seconds(RetryAfter(dtm.timedelta(seconds=1.5))) == 1.5
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    assert retry_after_seconds(flood(20)) == 20.0


async def test_done_failing_does_not_stop_the_courier() -> None:
    tg = FakeTelegram()
    seen: list[Outgoing] = []

    async def done(item: Outgoing, outcome: Outcome) -> None:
        seen.append(item)
        raise RuntimeError("store down")

    courier = Courier(tg.send, done, limits=FAST)
    await courier.start()
    items = [msg(1), msg(1, "b"), msg(2)]
    for item in items:
        courier.submit(item)
    await courier.drain(1.0)
    assert sorted(map(id, seen)) == sorted(map(id, items))


# The pacing primitives on their own, with a fake clock.


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)


async def test_rate_gate_paces_after_the_burst() -> None:
    ft = FakeTime()
    gate = RateGate(rate=25.0, burst=5, clock=ft.clock, sleep=ft.sleep)
    for _ in range(105):
        assert await gate.take()
    assert ft.now - 100.0 == pytest.approx(100 / 25.0)


async def test_rate_gate_pause_holds_takers_and_respects_deadlines() -> None:
    ft = FakeTime()
    gate = RateGate(rate=10.0, burst=1, clock=ft.clock, sleep=ft.sleep)
    gate.pause(120.0)
    assert not await gate.take(deadline=110.0)  # would wait past the deadline: nothing taken
    assert ft.now == 100.0
    assert await gate.take()
    assert ft.now == 120.0


async def test_slots_serve_interactive_before_bulk() -> None:
    slots = Slots(1)
    await slots.acquire(bulk=False)
    order: list[str] = []

    async def take(name: str, bulk: bool) -> None:
        await slots.acquire(bulk)
        order.append(name)
        slots.release()

    tasks = [asyncio.create_task(take(n, n.startswith("b"))) for n in ("b1", "i1", "b2", "i2")]
    await asyncio.sleep(0)
    cancelled = asyncio.create_task(take("i0", False))
    await asyncio.sleep(0)
    cancelled.cancel()
    slots.release()
    await asyncio.gather(*tasks)
    assert order == ["i1", "i2", "b1", "b2"]
    assert slots.free == 1 and slots.waiting == 0
