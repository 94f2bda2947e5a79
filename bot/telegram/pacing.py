"""Pacing primitives of the delivery path (bot.telegram.delivery): in-flight slots that serve
interactive calls first, a rate gate for bulk traffic, and per-chat times that forget
themselves once they have passed.

All times are the monotonic seconds of the clock the Courier was given; waiting goes through
its sleep, so a test can drive both.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[object]]


class Slots:
    """At most `size` calls in flight. A freed slot goes to the longest-waiting interactive
    caller if there is one, else to the longest-waiting bulk caller (FIFO within each)."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("need at least one slot")
        self._free = size
        self._interactive: deque[asyncio.Future[None]] = deque()
        self._bulk: deque[asyncio.Future[None]] = deque()

    @property
    def free(self) -> int:
        return self._free

    @property
    def waiting(self) -> int:
        return len(self._interactive) + len(self._bulk)

    async def acquire(self, bulk: bool) -> None:
        ahead = len(self._interactive) + (len(self._bulk) if bulk else 0)
        if self._free > 0 and not ahead:
            self._free -= 1
            return
        queue = self._bulk if bulk else self._interactive
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        queue.append(waiter)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release()  # the slot was handed over just before the cancel: pass it on
            else:
                queue.remove(waiter)
            raise

    def release(self) -> None:
        for queue in (self._interactive, self._bulk):
            while queue:
                waiter = queue.popleft()
                if not waiter.done():
                    waiter.set_result(None)  # the slot moves on without becoming free
                    return
        self._free += 1


class RateGate:
    """A token bucket as virtual scheduling (GCRA): `rate` passes per second on average, up to
    `burst` at once. Each caller reserves its turn when it arrives (so waiters are served in
    order and never stampede) and sleeps until then. pause(until) holds every caller until
    that time, including those who already reserved a turn."""

    def __init__(self, rate: float, burst: int, clock: Clock, sleep: Sleep) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be positive and burst at least 1")
        self._interval = 1.0 / rate
        self._tolerance = (burst - 1) * self._interval
        self._clock = clock
        self._sleep = sleep
        self._tat = 0.0  # theoretical arrival time of the next pass
        self._paused_until = 0.0

    def pause(self, until: float) -> None:
        self._paused_until = max(self._paused_until, until)
        self._tat = max(self._tat, until)  # no burst of the whole backlog when the pause ends

    def paused(self, now: float) -> bool:
        return now < self._paused_until

    async def take(self, deadline: float = float("inf")) -> bool:
        """Wait for a pass; False (nothing taken) if it would come after `deadline`."""
        while True:
            now = self._clock()
            if now < self._paused_until:
                if self._paused_until > deadline:
                    return False
                await self._sleep(self._paused_until - now)
                continue
            tat = max(self._tat, now)
            start = tat - self._tolerance
            if start > deadline:
                return False
            self._tat = tat + self._interval
            if start > now:
                await self._sleep(start - now)
                if self.paused(self._clock()):
                    continue  # a flood came in meanwhile: the reserved turn is forfeit
            return True


class Expiring:
    """A time per chat (a flood pause's end, the next allowed bulk send in a group), forgotten
    as soon as it has passed: only chats with a time still ahead take memory."""

    def __init__(self) -> None:
        self._until: dict[int, float] = {}

    def __len__(self) -> int:
        return len(self._until)

    def get(self, key: int, now: float) -> float | None:
        """The time still ahead for this chat, or None."""
        until = self._until.get(key)
        if until is not None and until <= now:
            del self._until[key]
            return None
        return until

    def extend(self, key: int, until: float) -> None:
        self._until[key] = max(until, self._until.get(key, until))

    def sweep(self, now: float) -> None:
        for key in [key for key, until in self._until.items() if until <= now]:
            del self._until[key]
