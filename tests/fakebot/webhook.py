"""Webhook delivery: POST updates to the bot the way Telegram does, secret header included.

Like Telegram with a small max_connections, the pusher delivers one update at a time, oldest
first. An update stays pending until the webhook answers it with a 2xx; any other answer, or
none (connection refused or dropped, timeout), is retried after a delay that doubles up to a
maximum, and later updates wait behind it. Deleting the webhook leaves the pending updates
for getUpdates.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import httpx

from tests.fakebot.state import Pulse, World

REGISTERED: Any = object()  # post(): send the secret_token that setWebhook recorded


class WebhookPusher:
    """Delivers updates while a webhook is set and keeps a log of every delivery."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.target: str | None = None  # where updates really go (the bot's local server)
        self.deliveries: list[tuple[int, dict[str, Any]]] = []
        self.redelivery_delay = 0.2  # seconds before the first retry of a failed update
        self.max_redelivery_delay = 2.0  # the delay doubles up to this
        self.timeout = 10.0  # seconds to wait for the webhook's answer
        self._worker: asyncio.Task[None] | None = None
        self._tried: set[int] = set()  # update ids with at least one finished attempt
        self._progress = Pulse()  # fired after every attempt and when the worker ends
        self._interrupt = Pulse()  # cuts a retry pause short (stop)
        self._backing_off = False  # waiting to retry an update the webhook did not take

    async def post(
        self, update: dict[str, Any], *, url: str | None = None, secret_token: Any = REGISTERED
    ) -> int:
        """POST one update; returns the HTTP status, or 0 when nothing answered."""
        hook = self.world.webhook
        target = url or self.target or hook.url
        secret = hook.secret_token if secret_token is REGISTERED else secret_token
        headers = {"Content-Type": "application/json"}
        if secret:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        try:
            async with httpx.AsyncClient(timeout=self.timeout) as client:
                response = await client.post(target, content=json.dumps(update), headers=headers)
            status = response.status_code
        except httpx.HTTPError:
            status = 0
        self.deliveries.append((status, update))
        return status

    def on_update(self, update: dict[str, Any]) -> None:
        """With a webhook set, Telegram pushes updates instead of queueing them."""
        if self.world.webhook.url and not self.world.closing:
            self.kick()

    def kick(self) -> None:
        """Start delivering pending updates unless a delivery loop already runs."""
        if self._worker is None or self._worker.done():
            self._worker = asyncio.get_running_loop().create_task(self._deliver_pending())

    def pending(self) -> list[dict[str, Any]]:
        """Updates not acknowledged yet, oldest first."""
        return list(self.world.queue.visible())

    async def _deliver_pending(self) -> None:
        delay = self.redelivery_delay
        try:
            while self.world.webhook.url and not self.world.closing:
                pending = self.world.queue.visible()
                if not pending:
                    return
                update = pending[0]
                status = await self.post(update)
                self._tried.add(update["update_id"])
                if 200 <= status < 300:
                    queue = self.world.queue
                    queue.pending = [u for u in queue.pending if u is not update]
                    delay = self.redelivery_delay
                    self._attempted()
                    continue
                hook = self.world.webhook
                hook.last_error_date = int(time.time())
                hook.last_error_message = f"Wrong response from the webhook: {status}"
                self._attempted()
                if not self.world.closing:
                    self._backing_off = True
                    self._progress.fire()
                    try:
                        await self._interrupt.wait(delay)
                    finally:
                        self._backing_off = False
                delay = min(delay * 2, self.max_redelivery_delay)
        finally:
            self._progress.fire()

    def _attempted(self) -> None:
        """Wake settle() and FakeBotAPI.wait_for() after a delivery attempt."""
        self._progress.fire()
        self.world.changed.fire()

    async def settle(self) -> None:
        """Wait until the pusher can do no more for now: every update pending at the call had
        a delivery attempt, or delivery waits to retry an update the webhook did not take (a
        bot that is down must not block the test), or the webhook is gone or the fake stops.
        Retries go on afterwards; FakeBotAPI.webhook_settled() waits for acknowledgement."""
        waiting = {u["update_id"] for u in self.world.queue.pending}
        while self._worker is not None and not self._worker.done() and not self._backing_off:
            left = {u["update_id"] for u in self.world.queue.pending} & waiting
            if left <= self._tried:
                return
            await self._progress.wait(1.0)

    async def close(self) -> None:
        """Stop delivering (the world is closing): finish the POST in flight, skip retries."""
        self._interrupt.fire()
        if self._worker is not None:
            await asyncio.gather(self._worker, return_exceptions=True)
