"""The webhook server: Telegram's POSTs handed to the bot, plus GET /healthz.

PTB's built-in webhook server (Updater.start_webhook) serves exactly one route, so a health
check would need a second port. This small tornado app (tornado comes with PTB's webhooks
extra; the pattern is PTB's examples/customwebhookbot) serves both on one port.

Hardening, in the order a request meets it:

- the X-Telegram-Bot-Api-Secret-Token header is checked (in constant time) as soon as the
  headers are in, before any of the body is read: without the right secret, 403 and the
  connection is closed unread;
- the body is capped at MAX_BODY, far above any real update: a larger Content-Length is
  answered 413 without reading it, and the connection refuses to read past the cap;
- the body must decode to a plausible Update (parse_update), else 400 with one warning line;
- the update is handled (`handle`, which stores its effects) *before* Telegram gets its 200,
  so only handled updates are acknowledged; when handling fails, 500 and Telegram redelivers.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any, Protocol
from urllib.parse import urlsplit

import tornado.http1connection
import tornado.httpserver
import tornado.web
from telegram import Bot, Update

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
HEALTH_PATH = "/healthz"
DEFAULT_PATH = "/telegram"
# A 4096-character message with entities and a reply is a few tens of kilobytes of JSON.
MAX_BODY = 256 << 10
# The HTTP server's own limit, for every route: an outer bound behind the per-request cap.
SERVER_MAX_BODY = 1 << 20
# A client that opens connections and never finishes them holds memory and a socket each:
# tornado's defaults keep an idle connection an hour. Telegram sends a whole update at once.
IDLE_TIMEOUT = 60.0
BODY_TIMEOUT = 10.0
# Telegram's update ids are 32-bit today; the store keeps them in a signed 64-bit column.
MAX_UPDATE_ID = (1 << 63) - 1

Handle = Callable[[Update], Awaitable[None]]


class Host(Protocol):
    """What the server needs from the PTB Application: the bot (to decode updates with) and
    whether it runs (for /healthz)."""

    @property
    def bot(self) -> Bot: ...

    @property
    def running(self) -> bool: ...


class BadUpdate(Exception):
    """A webhook body that is not a Telegram update; `reason` never quotes the body."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _no_constants(name: str) -> Any:
    """json.loads would accept NaN and Infinity, which are not JSON."""
    raise ValueError(f"{name} is not JSON")


def parse_update(body: bytes, bot: Bot) -> Update:
    """Decode a webhook body into an Update, or raise BadUpdate with a short reason."""
    if not body:
        raise BadUpdate("empty body")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadUpdate("not UTF-8") from None
    try:
        data = json.loads(text, parse_constant=_no_constants)
    except (ValueError, RecursionError):  # ValueError includes ints of more than 4300 digits
        raise BadUpdate("not JSON") from None
    if not isinstance(data, dict):
        raise BadUpdate(f"JSON {type(data).__name__}, not an object")
    if "update_id" not in data:
        raise BadUpdate("no update_id")
    update_id = data["update_id"]
    if type(update_id) is not int or not 0 < update_id <= MAX_UPDATE_ID:
        raise BadUpdate("update_id is not a positive integer")
    for key, value in data.items():
        if key != "update_id" and not isinstance(value, dict):
            # Every kind of update (message, callback_query, ...) is an object.
            raise BadUpdate(f"{key} is not an object")
    try:
        return Update.de_json(data, bot)
    except Exception as err:  # any shape PTB cannot decode; the message may quote the body
        raise BadUpdate(f"not an Update ({type(err).__name__})") from None


def route(webhook_url: str) -> tuple[str, str]:
    """(URL to register with Telegram, path to listen on); '/telegram' when the URL has none."""
    path = urlsplit(webhook_url).path.rstrip("/")
    if path:
        return webhook_url, path
    return webhook_url.rstrip("/") + DEFAULT_PATH, DEFAULT_PATH


def secret_token(configured: str | None) -> str:
    """WEBHOOK_SECRET, or a random one for this run (setWebhook registers it at every start)."""
    return configured or secrets.token_urlsafe(32)  # 43 characters of A-Z a-z 0-9 _ -


@tornado.web.stream_request_body
class UpdateHandler(tornado.web.RequestHandler):
    """POST from Telegram: secret first, then a capped body, then decode, handle, answer."""

    def initialize(self, host: Host, secret: str, handle: Handle) -> None:
        self.host = host
        self.secret = secret.encode()
        self.handle = handle
        self.chunks: list[bytes] = []
        self.size = 0
        self.refused = False

    def prepare(self) -> None:
        """Runs when the headers are in and before the body is read: refusing here (or in
        data_received) closes the connection without reading the rest."""
        given = self.request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self.secret):
            self.refuse(HTTPStatus.FORBIDDEN)
            return
        length = self.request.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > MAX_BODY:
            self.refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
            return
        if isinstance(self.request.connection, tornado.http1connection.HTTP1Connection):
            # A chunked body has no Content-Length to check; tornado stops reading it here.
            self.request.connection.set_max_body_size(MAX_BODY)

    def data_received(self, chunk: bytes) -> None:
        """Keep the body in memory, at most MAX_BODY of it."""
        if self.refused:
            return
        self.size += len(chunk)
        if self.size > MAX_BODY:
            self.chunks.clear()
            self.refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
            return
        self.chunks.append(chunk)

    def refuse(self, status: HTTPStatus) -> None:
        """Answer now; tornado then closes the connection instead of reading the rest."""
        self.refused = True
        self.send_error(status)

    async def post(self) -> None:
        """Decode, hand the update to the bot, and answer 200 only once that is done."""
        if self.refused:
            return
        body, self.chunks = b"".join(self.chunks), []
        try:
            update = parse_update(body, self.host.bot)
        except BadUpdate as bad:
            log.warning("webhook: refused a malformed update: %s", bad.reason)
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from None
        try:
            await self.handle(update)
        except Exception as err:
            log.warning(
                "webhook: update %d failed (%s); answering 500 so Telegram sends it again",
                update.update_id,
                type(err).__name__,
            )
            raise tornado.web.HTTPError(HTTPStatus.INTERNAL_SERVER_ERROR) from None
        self.finish()


class _Health(tornado.web.RequestHandler):
    """GET /healthz: 200 'ok' while the application runs, 503 otherwise."""

    def initialize(self, host: Host) -> None:
        self.host = host

    def get(self) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        if not self.host.running:
            self.set_status(HTTPStatus.SERVICE_UNAVAILABLE)
        self.finish("ok" if self.host.running else "starting or stopping")


class _Quiet(tornado.web.Application):
    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """Refused requests at debug level; the path may carry a secret, so never at INFO."""
        if handler.get_status() >= 400:
            log.debug("webhook answered %d to %s", handler.get_status(), handler.request.method)


class WebhookServer:
    """Listens on one port: the webhook path and /healthz.

    `application` is the PTB Application (or anything with `bot` and `running`); `handle` is
    awaited for every valid update before Telegram gets its 200, and an exception from it
    becomes a 500, so Telegram delivers the update again.
    """

    def __init__(self, application: Host, path: str, secret: str, handle: Handle) -> None:
        updates = {"host": application, "secret": secret, "handle": handle}
        routes: list[Any] = [
            (HEALTH_PATH, _Health, {"host": application}),
            (re.escape(path) + "/?", UpdateHandler, updates),
        ]
        self._http = tornado.httpserver.HTTPServer(
            _Quiet(routes),
            max_body_size=SERVER_MAX_BODY,
            idle_connection_timeout=IDLE_TIMEOUT,
            body_timeout=BODY_TIMEOUT,
        )

    def listen(self, port: int, address: str) -> None:
        """Bind and accept connections on the running event loop."""
        self._http.listen(port, address=address)

    async def stop(self) -> None:
        """Stop accepting, then close open connections."""
        self._http.stop()
        await self._http.close_all_connections()
