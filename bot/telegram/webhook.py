"""The webhook server: Telegram's POSTs into the update queue, plus GET /healthz.

PTB's built-in webhook server (Updater.start_webhook) serves exactly one route, so a health
check would need a second port. This small tornado app (tornado comes with PTB's webhooks
extra; the pattern is PTB's examples/customwebhookbot) serves both on one port and checks the
X-Telegram-Bot-Api-Secret-Token header in constant time: without the right secret, 403.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
import secrets
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

import tornado.httpserver
import tornado.web
from telegram import Update

from bot.telegram.context import App

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
HEALTH_PATH = "/healthz"
DEFAULT_PATH = "/telegram"
MAX_BODY = 1 << 20  # an update is a few kilobytes; refuse anything near a megabyte


def route(webhook_url: str) -> tuple[str, str]:
    """(URL to register with Telegram, path to listen on); '/telegram' when the URL has none."""
    path = urlsplit(webhook_url).path.rstrip("/")
    if path:
        return webhook_url, path
    return webhook_url.rstrip("/") + DEFAULT_PATH, DEFAULT_PATH


def secret_token(configured: str | None) -> str:
    """WEBHOOK_SECRET, or a random one for this run (setWebhook registers it at every start)."""
    return configured or secrets.token_urlsafe(32)  # 43 characters of A-Z a-z 0-9 _ -


class _Updates(tornado.web.RequestHandler):
    """POST from Telegram: check the secret, decode the update, queue it."""

    def initialize(self, bot_app: App, secret: str) -> None:
        self.bot_app = bot_app
        self.secret = secret.encode()

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self.secret):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        try:
            update = Update.de_json(json.loads(self.request.body), self.bot_app.bot)
        except (ValueError, TypeError, KeyError) as err:
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from err
        await self.bot_app.update_queue.put(update)


class _Health(tornado.web.RequestHandler):
    """GET /healthz: 200 'ok' while the application runs, 503 otherwise."""

    def initialize(self, bot_app: App) -> None:
        self.bot_app = bot_app

    def get(self) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        if not self.bot_app.running:
            self.set_status(HTTPStatus.SERVICE_UNAVAILABLE)
        self.finish("ok" if self.bot_app.running else "starting or stopping")


class _Quiet(tornado.web.Application):
    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """Refused requests at debug level; the path may carry a secret, so never at INFO."""
        if handler.get_status() >= 400:
            log.debug("webhook answered %d to %s", handler.get_status(), handler.request.method)


class WebhookServer:
    """Listens on one port: the webhook path and /healthz."""

    def __init__(self, application: App, path: str, secret: str) -> None:
        routes: list[Any] = [
            (HEALTH_PATH, _Health, {"bot_app": application}),
            (re.escape(path) + "/?", _Updates, {"bot_app": application, "secret": secret}),
        ]
        self._http = tornado.httpserver.HTTPServer(_Quiet(routes), max_body_size=MAX_BODY)

    def listen(self, port: int, address: str) -> None:
        """Bind and accept connections on the running event loop."""
        self._http.listen(port, address=address)

    async def stop(self) -> None:
        """Stop accepting, then close open connections."""
        self._http.stop()
        await self._http.close_all_connections()
