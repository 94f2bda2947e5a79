"""The outbox's postman: committed calls go to the courier; the outbox forgets what landed.

Every Bot API call the bot makes after handling an update goes through here: ``post`` for
calls stored in the outbox (answers, edits), ``send_now`` for calls not worth storing (inline
results). The courier (bot.telegram.delivery) does the pacing and retrying; the postman keeps
the outbox in step with its outcomes and sweeps up rows left behind: by a process that died
(their lease ran out) or by a courier that gave up for now (Telegram unreachable).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import Bot
from telegram.warnings import PTBUserWarning

from bot.store.errors import StoreUnavailable
from bot.store.outbox import OutboxRepository, Parcel, Stored
from bot.telegram.delivery import Courier, Limits, Outcome, Outgoing, Send

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=30)  # a row sent by its own process is claimed by no other for this
RENEW = 10.0  # seconds between lease renewals for rows still queued here
SWEEP = 5.0  # seconds between sweeps for rows whose lease ran out
RETRY_LATER = timedelta(seconds=30)  # a row the courier gave up on (Telegram unreachable for
# minutes, or the bot stopping) is tried again after this, until MAX_AGE
MAX_AGE = timedelta(hours=24)  # older than Telegram keeps an update: no longer worth sending
SEND_TIMEOUT = 20.0  # read timeout of one call; Telegram answers in well under a second


def api_sender(bot: Bot, read_timeout: float = SEND_TIMEOUT) -> Send:
    """Any Bot API call by name with JSON-ready parameters, through PTB's HTTP client."""

    async def send(method: str, params: Mapping[str, Any]) -> object:
        with warnings.catch_warnings():  # PTB prefers bot.send_message(); the outbox stores
            warnings.simplefilter("ignore", PTBUserWarning)  # calls by their API name
            return await bot.do_api_request(
                method, api_kwargs=dict(params), read_timeout=read_timeout
            )

    return send


class Postman:
    """Hands outbox rows to the courier and clears them by outcome."""

    def __init__(
        self,
        send: Send,
        outbox: OutboxRepository,
        *,
        limits: Limits | None = None,
        clock: Callable[[], datetime] | None = None,
        sweep_every: float = SWEEP,
    ) -> None:
        self.outbox = outbox
        self.clock = clock or (lambda: datetime.now(UTC))
        self.courier = Courier(send, self._done, limits=limits or Limits())
        self.sweep_every = sweep_every
        self._held: set[int] = set()  # outbox rows queued in this process's courier
        self._tasks: list[asyncio.Task[None]] = []
        self._chores: list[tuple[float, Callable[[], Awaitable[object]]]] = []

    def also_every(self, seconds: float, job: Callable[[], Awaitable[object]]) -> None:
        """Run another periodic chore beside the sweeps (from start until stop)."""
        self._chores.append((seconds, job))

    async def start(self, *, take_over: bool) -> None:
        """Start the courier and the sweeps; `take_over` claims every waiting row at once
        (the sole process: long polling admits one), else only rows whose lease ran out."""
        await self.courier.start()
        now = self.clock()
        self.post(await self.outbox.claim(now + (LEASE if take_over else timedelta()), LEASE))
        self._tasks = [
            asyncio.create_task(self._every(self.sweep_every, self._sweep)),
            asyncio.create_task(self._every(RENEW, self._renew)),
            *(asyncio.create_task(self._every(every, job)) for every, job in self._chores),
        ]

    def post(self, stored: Sequence[Stored]) -> None:
        """Send committed outbox rows, in order."""
        for row in stored:
            self._held.add(row.id)
            self.courier.submit(_outgoing(row.parcel, row.id))

    def send_now(self, parcels: Sequence[Parcel]) -> None:
        """Send calls that are not stored (useless after a restart)."""
        for parcel in parcels:
            self.courier.submit(_outgoing(parcel, None))

    @property
    def pending(self) -> int:
        """Calls queued or in flight."""
        return self.courier.pending

    async def stop(self, timeout: float) -> None:
        """Stop sweeping; give the courier `timeout` seconds; unsent rows stay in the outbox."""
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []
        await self.courier.drain(timeout)

    async def _done(self, item: Outgoing, outcome: Outcome) -> None:
        if item.key is None:
            return
        self._held.discard(item.key)
        try:
            if outcome is Outcome.GAVE_UP:  # unreachable for long, or stopping: later
                await self.outbox.postpone(item.key, self.clock() + RETRY_LATER)
                return
            # SENT, REFUSED, or UNSURE: timed out after its one resend, so it may have
            # arrived; sending it again could repeat the answer (no idempotency key).
            await self.outbox.remove(item.key)
        except StoreUnavailable as err:  # the lease runs out and a sweep sends it again
            log.warning("outbox row %d not updated after %s: %s", item.key, outcome.value, err)
            return
        if outcome is Outcome.REFUSED and (fallback := _edit_as_message(item)) is not None:
            log.info("edit refused in chat %d; the reply is sent as a new message", item.chat_id)
            self.courier.submit(fallback)

    async def _sweep(self) -> None:
        now = self.clock()
        if expired := await self.outbox.expire(now - MAX_AGE):
            log.warning("dropped %d outbox call(s) older than %s", expired, MAX_AGE)
        claimed = [row for row in await self.outbox.claim(now, LEASE) if row.id not in self._held]
        if claimed:
            log.info("sending %d outbox call(s) left behind", len(claimed))
        self.post(claimed)

    async def _renew(self) -> None:
        await self.outbox.renew(sorted(self._held), self.clock() + LEASE)

    async def _every(self, seconds: float, job: Callable[[], Awaitable[object]]) -> None:
        while True:
            await asyncio.sleep(seconds)
            try:
                await job()
            except Exception:  # the database may be away for a while; try at the next round
                log.warning("%s failed", getattr(job, "__name__", "a chore"), exc_info=True)


def _outgoing(parcel: Parcel, key: int | None) -> Outgoing:
    return Outgoing(parcel.chat_id, parcel.method, parcel.params, parcel.bulk, key)


def _edit_as_message(item: Outgoing) -> Outgoing | None:
    """A refused text edit (its message is gone or too old) as a new message."""
    if item.method != "editMessageText":
        return None
    params = {k: v for k, v in item.params.items() if k != "message_id"}
    return Outgoing(item.chat_id, "sendMessage", params, item.bulk)
