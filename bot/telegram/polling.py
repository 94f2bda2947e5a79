"""Long polling that confirms a batch to Telegram only after every update in it was handled.

PTB's Updater confirms a batch (the next getUpdates offset) before the handlers run, so a
crash lost every update in flight and the whole backlog. Here the offset moves past a batch
only when ``process`` returned for all of its updates (their effects are committed by then,
see bot.telegram.pipeline); after a crash Telegram hands the same updates out again and the
ones already handled are recognised by their update_id.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence

from telegram import Bot, Update
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter, TimedOut

from bot.store.errors import StoreUnavailable
from bot.telegram.delivery import retry_after_seconds
from bot.telegram.updates import user_key

log = logging.getLogger(__name__)

Process = Callable[[Update], Awaitable[None]]
BATCH = 100  # updates per getUpdates: Telegram's maximum
BACKOFF_CAP = 30.0  # seconds between attempts while Telegram or the database is away


class Poller:
    """Fetches updates, hands each to `process`, confirms the batch once all were handled."""

    def __init__(
        self,
        bot: Bot,
        process: Process,
        *,
        timeout: int = 10,
        allowed_updates: Sequence[str] | None = None,
        concurrency: int = 32,
    ) -> None:
        self.bot = bot
        self.process = process
        self.timeout = timeout
        self.allowed = list(allowed_updates) if allowed_updates is not None else None
        self.offset: int | None = None  # next update to fetch; earlier ones are confirmed
        self.confirmed: int | None = None  # the offset Telegram has been told
        self._slots = asyncio.Semaphore(concurrency)
        self._stopping = asyncio.Event()
        self._handling: asyncio.Task[bool] | None = None

    async def run(self) -> None:
        """Poll until stop(); a failed batch is fetched and handled again after a pause."""
        delay = 1.0
        while not self._stopping.is_set():
            updates = await self._fetch()
            if updates is None:  # stopping, or a fault already waited for
                continue
            if not updates:
                delay = 1.0
                continue
            self._handling = asyncio.create_task(self._handle(updates))
            if await asyncio.shield(self._handling):
                self.offset = updates[-1].update_id + 1
                delay = 1.0
            else:  # not confirmed: the next getUpdates returns the same updates
                await self._pause(delay)
                delay = min(delay * 2, BACKOFF_CAP)
        await self._confirm()

    async def stop(self, timeout: float) -> None:
        """Stop fetching; let the batch in hand finish (up to `timeout` s); confirm it."""
        self._stopping.set()
        if self._handling is not None and not self._handling.done():
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._handling), timeout)

    async def _fetch(self) -> list[Update] | None:
        call = self.bot.get_updates(
            offset=self.offset,
            limit=BATCH,
            timeout=self.timeout,
            allowed_updates=self.allowed,
            read_timeout=self.timeout + 10,
        )
        fetch = asyncio.ensure_future(call)
        stopping = asyncio.ensure_future(self._stopping.wait())
        try:
            await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopping.cancel()
        if not fetch.done():  # stopping: whatever this poll returns stays unconfirmed
            fetch.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await fetch
            return None
        try:
            updates = list(fetch.result())
        except TimedOut:
            return []
        except RetryAfter as err:
            await self._pause(retry_after_seconds(err))
            return None
        except (InvalidToken, Conflict):
            raise
        except NetworkError as err:
            log.warning("getUpdates failed (%s); trying again", err.message)
            await self._pause(2.0)
            return None
        self.confirmed = self.offset
        return updates

    async def _handle(self, updates: list[Update]) -> bool:
        """Every update of the batch, one user's in order; True when all were handled.

        When one of a student's updates fails (the database is away), their later updates in
        the batch wait for the redelivery too, so a follow-up never overtakes its question.
        """
        by_user: dict[object, list[Update]] = {}
        for update in updates:
            key = user_key(update)
            by_user.setdefault(update.update_id if key is None else key, []).append(update)
        results = await asyncio.gather(*(self._in_order(own) for own in by_user.values()))
        return all(results)

    async def _in_order(self, updates: list[Update]) -> bool:
        for update in updates:
            try:
                async with self._slots:
                    await self.process(update)
            except StoreUnavailable as err:
                log.warning(
                    "update %d not handled (%s); it will come again", update.update_id, err
                )
                return False
            except Exception:  # process() handles its own failures; this is a last resort
                log.exception("update %d failed and is dropped", update.update_id)
        return True

    async def _confirm(self) -> None:
        """Tell Telegram about the last handled batch (one short call) before stopping."""
        if self.offset is None or self.offset == self.confirmed:
            return
        try:
            await self.bot.get_updates(offset=self.offset, limit=1, timeout=0, read_timeout=2)
            self.confirmed = self.offset
        except Exception as err:  # the handled updates come again and are recognised
            log.warning("could not confirm handled updates (%s)", err)

    async def _pause(self, seconds: float) -> None:
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)
