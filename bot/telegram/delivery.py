"""The one delivery path: every outgoing Bot API call of the bot goes through a Courier.

Issue 12: one 429 held every student up for 19 s (PTB's AIORateLimiter pauses all requests),
and 429s in a row, a 500, a hang or a read timeout lost an answer. The Courier replaces that:

- Lanes. Calls for one chat_id go out one at a time, in submit order (an edit never
  overtakes the message it edits); different chats go concurrently, at most
  Limits.in_flight calls at once. A lane exists only while it has work; the only per-chat
  state that outlives it is a flood pause (or a group's bulk spacing) still ahead, kept in
  dicts that forget an entry once its time has passed.
- Priority. Bulk calls (reminders, pushes) pass a global rate gate (Limits.bulk_per_second,
  under Telegram's ~30/s) and, for a group (chat_id < 0), one send per
  60/group_bulk_per_minute s; that can take minutes when thousands are queued. So within a
  lane the order is per kind: an interactive call goes before the chat's bulk calls that have
  not gone out yet (a bulk call waiting at the gate gives way and queues again), and each
  kind keeps its submit order. A bulk call already at Telegram is never overtaken. Across
  chats, a freed in-flight slot goes to a waiting interactive call before any bulk call.
- 429 (RetryAfter): only that chat's lane waits retry_after, then the same call is made
  again; on a bulk call the bulk gate waits too (a flood on bulk traffic pauses only bulk).
  429s do not use up attempts; the item's age bound (Limits.*_max_age) still applies.
- 5xx and connection errors (NetworkError): retried with exponential backoff
  (Limits.backoff doubling, capped at Limits.backoff_cap) up to Limits.attempts calls in all
  (by default until the item is too old: it holds its lane, so the chat's later calls stay
  behind it and keep their order), then GAVE_UP.
- Read timeout (TimedOut, or a call hanging past Limits.call_timeout). The request may have
  reached Telegram and the Bot API has no idempotency key, so a resend may duplicate and not
  resending may lose. Chosen: at-least-once, within a bound. A sendMessage (any call that is
  not an edit/delete/set/...) is resent at most Limits.resends_after_timeout (1) times: a
  student who gets an answer twice is less harmed than one who gets none. Edits and other
  idempotent calls are retried like any transient failure (a repeated edit comes back
  "message is not modified", which counts as SENT). answerCallbackQuery is never resent after
  a timeout (it only stops a spinner; a late answer is useless): GAVE_UP, and the lane goes
  on with its next call. When the resend times out too: UNSURE ("maybe delivered"), and it
  is not sent again. The Courier never sends an apology or any message of its own: it only
  reports outcomes.
- Refusals, never retried: BadRequest (except "message is not modified", and "query is too
  old / query ID is invalid" on answerCallbackQuery, which count as SENT), Forbidden,
  ChatMigrated (the new chat id is logged), InvalidToken, and any unexpected exception
  (logged with its traceback). A refusal never stops the lane or the Courier.
- drain(timeout): stops accepting (a later submit is reported GAVE_UP at once), waits up to
  timeout, then cancels what is left; calls in flight are cancelled (they may have arrived:
  at-least-once again) and every unsent item is reported GAVE_UP.

done() is called exactly once per submitted item, and the chat's next call waits for it (it
should be quick; drain waits for running done() calls). Each lane with work holds one task
(~3.5 KB per queued chat, measured with 30 000 reminders): feed bulk in batches of a few
thousand rather than all at once. Logs name the method, chat id and reason,
never texts or params. Timing uses the given clock and sleep, except Limits.call_timeout and
drain's timeout, which are the event loop's real seconds. Not thread-safe: submit from
coroutines of the loop the Courier runs on.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import enum
import logging
import random
import time
import warnings
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.warnings import PTBDeprecationWarning

from bot.telegram.pacing import Clock, Expiring, RateGate, Sleep, Slots

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outgoing:
    """One Bot API call to make: e.g. sendMessage, editMessageText, editMessageReplyMarkup,
    answerCallbackQuery."""

    chat_id: int  # the lane; answerCallbackQuery uses the chat of the pressed message
    method: str  # Bot API method name, camelCase as in the Bot API
    params: Mapping[str, Any]  # JSON-ready parameters (reply_markup already a dict)
    bulk: bool = False  # reminders/pushes: paced, and always after interactive replies
    key: int | None = None  # the outbox row id, None when not stored
    created: float = 0.0  # monotonic time it was created (for expiry), 0 = now


class Outcome(enum.Enum):
    SENT = "sent"  # Telegram accepted it (or it was already so: "message is not modified")
    REFUSED = "refused"  # refused for good (400, 403, chat migrated, ...): never retry
    GAVE_UP = "gave_up"  # transient failures beyond the bound, or stopped before it went out
    UNSURE = "unsure"  # timed out again after its one resend: it may have arrived; not resent


Send = Callable[[str, Mapping[str, Any]], Awaitable[object]]
Done = Callable[[Outgoing, Outcome], Awaitable[None]]


@dataclass(frozen=True)
class Limits:
    in_flight: int = 16  # calls at once over all chats
    bulk_per_second: float = 25.0  # bulk rate gate (Telegram: ~30 msgs/s overall)
    bulk_burst: int = 5  # bulk calls that may go at once after a quiet spell
    group_bulk_per_minute: float = 20.0  # bulk calls per group chat (Telegram: ~20/min)
    # Calls per item for 5xx, connection errors and timeouts (429s not counted). High by
    # default: a failing call is retried in its lane, so that chat's later calls keep their
    # order behind it, until it is older than its *_max_age; other chats are not held up.
    attempts: int = 200
    backoff: float = 0.5  # first retry delay, doubling per attempt ...
    backoff_cap: float = 8.0  # ... up to this
    backoff_jitter: float = 0.1  # each delay times 1..1+jitter, so lanes do not retry in step
    resends_after_timeout: int = 1  # resends of a non-idempotent call after a read timeout
    call_timeout: float = 30.0  # a call hanging longer counts as a read timeout
    interactive_max_age: float = 600.0  # an answer older than this is given up
    bulk_max_age: float = 3600.0  # a reminder/push older than this is given up


DEFAULT_LIMITS = Limits()

# Calls that can be repeated without a visible duplicate (a repeat edit is "not modified").
_IDEMPOTENT_PREFIXES = ("edit", "delete", "set", "pin", "unpin", "get")
_CALLBACK = "answerCallbackQuery"


def retry_after_seconds(exc: RetryAfter) -> float:
    """RetryAfter.retry_after in seconds: PTB 22 gives an int/float, or a timedelta with
    PTB_TIMEDELTA=true (and warns about the change when read)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    seconds = value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)
    return max(0.0, seconds)


def already_done(method: str, exc: BadRequest) -> bool:
    """A 400 that means the call's effect is already there (or moot): count it as SENT."""
    text = exc.message.lower()
    if "message is not modified" in text:
        return True
    return method == _CALLBACK and ("query is too old" in text or "query id is invalid" in text)


class _Job:
    __slots__ = ("attempts", "deadline", "item", "timeouts")

    def __init__(self, item: Outgoing, deadline: float) -> None:
        self.item = item
        self.deadline = deadline
        self.attempts = 0  # calls that failed with a 5xx, connection error or timeout
        self.timeouts = 0  # of which read timeouts


class _Lane:
    """One chat's queued calls: interactive ones, then bulk ones, each in submit order."""

    __slots__ = ("bulk", "gating", "giving_way", "interactive", "task")

    def __init__(self) -> None:
        # Lists, not deques: a lane holds a call or two, and an empty deque costs 600 bytes.
        self.interactive: list[_Job] = []
        self.bulk: list[_Job] = []
        self.task: asyncio.Task[None] | None = None
        self.gating = False  # the worker waits at the bulk gates (and may be interrupted)
        self.giving_way = False  # it has been interrupted for an interactive call

    def __bool__(self) -> bool:
        return bool(self.interactive or self.bulk)

    def add(self, job: _Job) -> None:
        if job.item.bulk:
            self.bulk.append(job)
        else:
            self.interactive.append(job)
            if self.gating and not self.giving_way and self.task is not None:
                self.giving_way = True  # the waiting bulk call gives way: see Courier._gates
                self.task.cancel()


_YIELD = None  # _deliver's answer when a bulk call gives way to an interactive one


class Courier:
    """Delivers Outgoing calls in per-chat lanes; see the module docstring for the policy."""

    def __init__(
        self,
        send: Send,
        done: Done,
        *,
        limits: Limits = DEFAULT_LIMITS,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._send = send
        self._done = done
        self._limits = limits
        self._clock = clock
        self._sleep = sleep
        self._lanes: dict[int, _Lane] = {}
        self._pauses = Expiring()  # chat -> end of its flood pause
        self._group_next = Expiring()  # group chat -> earliest next bulk call
        self._slots = Slots(limits.in_flight)
        self._bulk = RateGate(limits.bulk_per_second, limits.bulk_burst, clock, sleep)
        self._reports: set[asyncio.Task[None]] = set()
        self._pending = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._started = False
        self._closed = False  # drain() began: submit() gives up at once
        self._stopping = False  # drain() cancels the lanes
        self._next_sweep = 0.0

    @property
    def pending(self) -> int:
        """Items submitted whose outcome has not been reported yet."""
        return self._pending

    @property
    def lanes(self) -> int:
        """Chats with calls queued or in flight."""
        return len(self._lanes)

    def submit(self, item: Outgoing) -> None:
        if self._closed:
            self._report(item, Outcome.GAVE_UP)
            return
        now = self._clock()
        age = self._limits.bulk_max_age if item.bulk else self._limits.interactive_max_age
        job = _Job(item, (item.created or now) + age)
        self._pending += 1
        self._idle.clear()
        lane = self._lanes.get(item.chat_id)
        if lane is None:
            lane = self._lanes[item.chat_id] = _Lane()
            lane.add(job)
            if self._started:
                self._spawn(item.chat_id, lane)
        else:
            lane.add(job)  # its worker is running (or starts with start())
        if now >= self._next_sweep:
            self._pauses.sweep(now)
            self._group_next.sweep(now)
            self._next_sweep = now + 1.0

    async def start(self) -> None:
        if self._started or self._closed:
            return
        self._started = True
        for chat_id, lane in self._lanes.items():
            if lane.task is None:
                self._spawn(chat_id, lane)

    async def drain(self, timeout: float) -> None:
        self._closed = True
        if self._started:
            try:
                async with asyncio.timeout(timeout):
                    await self._idle.wait()
            except TimeoutError:
                log.warning("courier drain: %d calls left after %.1fs", self._pending, timeout)
        tasks = [lane.task for lane in self._lanes.values() if lane.task is not None]
        self._stopping = True
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for lane in self._lanes.values():
            for queue in (lane.interactive, lane.bulk):
                for job in queue:
                    self._pending -= 1
                    self._report(job.item, Outcome.GAVE_UP)
                queue.clear()
        self._lanes.clear()
        while self._reports:
            await asyncio.gather(*self._reports, return_exceptions=True)
        self._idle.set()

    # The lane worker

    def _spawn(self, chat_id: int, lane: _Lane) -> None:
        lane.task = asyncio.get_running_loop().create_task(self._run(chat_id, lane))

    async def _run(self, chat_id: int, lane: _Lane) -> None:
        while lane:
            queue = lane.interactive or lane.bulk
            job = queue[0]
            try:
                outcome = await self._deliver(job, lane)
            except Exception:  # a bug here must not strand the lane; the outbox keeps it
                log.exception("courier failed on %s to chat %s", job.item.method, chat_id)
                outcome = Outcome.GAVE_UP
            if outcome is _YIELD:
                continue  # an interactive call of this chat goes first
            del queue[0]  # no await since the call returned: a cancel cannot land here
            self._pending -= 1
            await asyncio.shield(self._report(job.item, outcome))
        if self._lanes.get(chat_id) is lane:
            del self._lanes[chat_id]
        if self._pending == 0:
            self._idle.set()

    def _report(self, item: Outgoing, outcome: Outcome) -> asyncio.Task[None]:
        task = asyncio.get_running_loop().create_task(self._call_done(item, outcome))
        self._reports.add(task)
        task.add_done_callback(self._reports.discard)
        return task

    async def _call_done(self, item: Outgoing, outcome: Outcome) -> None:
        try:
            await self._done(item, outcome)
        except Exception:
            log.exception("done() failed for %s to chat %s", item.method, item.chat_id)

    async def _deliver(self, job: _Job, lane: _Lane) -> Outcome | None:
        """Make the call until it has a final outcome; None (_YIELD) when a bulk call that has
        not gone out yet gives way to an interactive call of the same chat."""
        item = job.item
        where = f"{item.method} to chat {item.chat_id}"
        limits = self._limits
        while True:
            gate = await self._gates(job, lane)
            if gate is _YIELD:
                return _YIELD
            if not gate:
                log.warning("%s given up: too old (%s)", where, "bulk" if item.bulk else "reply")
                return Outcome.GAVE_UP
            try:
                if not await self._attempt(item):
                    continue  # bulk was paused while this call waited for a slot
            except RetryAfter as exc:
                wait = retry_after_seconds(exc)
                until = self._clock() + wait
                self._pauses.extend(item.chat_id, until)
                if item.bulk:
                    self._bulk.pause(until)
                scope = "chat and bulk" if item.bulk else "chat"
                log.warning("%s: flood control, %s paused %.1fs", where, scope, wait)
                continue
            except ChatMigrated as exc:
                log.warning("%s refused: chat migrated to %s", where, exc.new_chat_id)
                return Outcome.REFUSED
            except BadRequest as exc:
                if already_done(item.method, exc):
                    log.info("%s: %s (counted as sent)", where, exc.message)
                    return Outcome.SENT
                log.warning("%s refused: %s", where, exc.message)
                return Outcome.REFUSED
            except (TimedOut, TimeoutError):
                job.attempts += 1
                job.timeouts += 1
                resends = self._resends_after_timeout(item.method)
                if resends is not None and job.timeouts > resends:
                    log.warning("%s given up: timed out, may have arrived", where)
                    return Outcome.UNSURE
                reason = "timed out"
            except NetworkError as exc:  # 5xx, connection refused/reset, ...
                job.attempts += 1
                reason = exc.message[:200]  # may quote an HTML error page
            except (Forbidden, InvalidToken) as exc:
                log.info("%s refused: %s: %s", where, type(exc).__name__, exc.message)
                return Outcome.REFUSED
            except Exception:
                log.exception("%s refused: unexpected error", where)
                return Outcome.REFUSED
            else:
                return Outcome.SENT
            if job.attempts >= limits.attempts:
                log.warning("%s given up after %d attempts: %s", where, job.attempts, reason)
                return Outcome.GAVE_UP
            delay = min(limits.backoff_cap, limits.backoff * 2 ** (job.attempts - 1))
            delay *= 1.0 + limits.backoff_jitter * random.random()
            if self._clock() + delay > job.deadline:
                log.warning("%s given up: too old to retry (%s)", where, reason)
                return Outcome.GAVE_UP
            log.warning("%s: %s; attempt %d in %.2fs", where, reason, job.attempts + 1, delay)
            await self._sleep(delay)

    def _resends_after_timeout(self, method: str) -> int | None:
        """How often a call may be resent after read timeouts; None: like any retry."""
        if method == _CALLBACK:
            return 0
        if method.startswith(_IDEMPOTENT_PREFIXES):
            return None
        return self._limits.resends_after_timeout

    async def _gates(self, job: _Job, lane: _Lane) -> bool | None:
        """Wait out the chat's flood pause and, for bulk, the group spacing and the bulk rate
        gate. False if the item would be too old by then (nothing is waited for or taken);
        None (_YIELD) if a bulk call gives way to an interactive call of its chat."""
        item = job.item
        while True:
            now = self._clock()
            if now > job.deadline:
                return False
            until = self._pauses.get(item.chat_id, now)
            if until is None:
                break
            if until > job.deadline:
                return False
            await self._sleep(until - now)
        if not item.bulk:
            return True
        if lane.interactive:
            return _YIELD
        # An interactive call for this chat interrupts the wait by cancelling the worker (no
        # extra task per waiting bulk call: thousands of reminders may wait here). That cancel
        # is taken back; a cancel by drain (_stopping) goes through.
        lane.gating = True
        try:
            return await self._bulk_gates(job, now)
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if lane.giving_way and not self._stopping and task is not None and not task.uncancel():
                return _YIELD  # its reserved turn is forfeit; it queues again after the reply
            raise
        finally:
            lane.gating = lane.giving_way = False

    async def _bulk_gates(self, job: _Job, now: float) -> bool:
        chat_id = job.item.chat_id
        group = chat_id < 0
        if group and (nxt := self._group_next.get(chat_id, now)) is not None:
            if nxt > job.deadline:
                return False
            await self._sleep(nxt - now)
        if not await self._bulk.take(job.deadline):
            return False
        if group:  # the next bulk call to this group waits its spacing from now
            spacing = 60.0 / self._limits.group_bulk_per_minute
            self._group_next.extend(chat_id, self._clock() + spacing)
        return True

    async def _attempt(self, item: Outgoing) -> bool:
        """Make the call in an in-flight slot; False (not made) if bulk got paused meanwhile."""
        await self._slots.acquire(item.bulk)
        try:
            if item.bulk and self._bulk.paused(self._clock()):
                return False
            async with asyncio.timeout(self._limits.call_timeout):
                await self._send(item.method, item.params)
            return True
        finally:
            self._slots.release()
