"""Webhook delivery: POST updates to the bot the way Telegram does, secret header included."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import httpx

from tests.fakebot.state import World

REGISTERED: Any = object()  # post(): send the secret_token that setWebhook recorded


class WebhookPusher:
    """Delivers updates while a webhook is set and keeps a log of every delivery."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.target: str | None = None  # where updates really go (the bot's local server)
        self.deliveries: list[tuple[int, dict[str, Any]]] = []
        self._tasks: set[asyncio.Task[None]] = set()

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
            async with httpx.AsyncClient(timeout=10) as client:
                response = await client.post(target, content=json.dumps(update), headers=headers)
            status = response.status_code
        except httpx.HTTPError:
            status = 0
        self.deliveries.append((status, update))
        return status

    def on_update(self, update: dict[str, Any]) -> None:
        """With a webhook set, Telegram pushes updates instead of queueing them."""
        if self.world.webhook.url and not self.world.closing:
            task = asyncio.get_running_loop().create_task(self._deliver(update))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _deliver(self, update: dict[str, Any]) -> None:
        status = await self.post(update)
        if 200 <= status < 300:
            self.world.queue.pending.remove(update)
        else:
            self.world.webhook.last_error_date = int(time.time())
            self.world.webhook.last_error_message = f"Wrong response from the webhook: {status}"

    async def settle(self) -> None:
        """Wait for deliveries in flight."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
