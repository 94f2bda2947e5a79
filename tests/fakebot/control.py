"""The test-facing API: start the fake, play users, read what the bot did, inject faults."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from typing import Any

import tornado.httpserver
import tornado.netutil

from tests.fakebot.model import (
    ApiCall,
    FakeChat,
    FakeUser,
    Fault,
    Flood,
    StoredMessage,
    Violation,
)
from tests.fakebot.server import make_app
from tests.fakebot.spec import load_spec
from tests.fakebot.state import WebhookState, World
from tests.fakebot.users import ChatRef, UserActions
from tests.fakebot.webhook import REGISTERED, WebhookPusher

DEFAULT_TOKEN = "123456789:AAHfakeDossierbotTokenForTests-0123456"


def _holds(predicate: Callable[[], object]) -> bool:
    """A predicate that looks at something not there yet (no message, no key) is just false."""
    try:
        return bool(predicate())
    except (AssertionError, LookupError):
        return False


class FakeBotAPI(UserActions):
    """A fake api.telegram.org on 127.0.0.1, running in the test's event loop."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        username: str = "dossier_test_bot",
        first_name: str = "Dossierbot",
        spec_path: str | None = None,
    ) -> None:
        bot_id = int(token.split(":", 1)[0])
        bot = FakeUser(bot_id, first_name, username, language_code=None, is_bot=True)
        self.world = World(load_spec(spec_path), token, bot)
        self.pusher = WebhookPusher(self.world)
        self.world.on_update = self.pusher.on_update
        self.default_user = FakeUser(1001, "Alice", "alice")
        self.port = 0
        self._server: tornado.httpserver.HTTPServer | None = None
        self._mark = 0
        self._violation_mark = 0
        self._group: FakeChat | None = None

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self) -> FakeBotAPI:
        """Listen on a free loopback port."""
        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
        self._server = tornado.httpserver.HTTPServer(make_app(self.world))
        self._server.add_sockets(sockets)
        self.port = sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        """End long polls, finish webhook deliveries and close every connection."""
        self.world.closing = True
        self.world.queue.arrived.fire()  # also ends hanging calls
        await self.pusher.close()
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None

    async def __aenter__(self) -> FakeBotAPI:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def token(self) -> str:
        """The only token the fake accepts."""
        return self.world.token

    @property
    def base_url(self) -> str:
        """For ApplicationBuilder().base_url(...); PTB appends the token."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def long_polls(self) -> int:
        """How many getUpdates requests are waiting right now."""
        return self.world.long_polls

    @property
    def hanging(self) -> int:
        """How many calls a `hang` fault keeps unanswered right now."""
        return self.world.hanging

    @property
    def bot(self) -> FakeUser:
        """The bot's own user (what getMe returns)."""
        return self.world.bot

    @staticmethod
    def http_request(**kwargs: Any) -> Any:
        """A PTB HTTPXRequest for loopback HTTP: skipping the CA bundle saves ~0.1 s per Bot."""
        from telegram.request import HTTPXRequest

        return HTTPXRequest(**kwargs, httpx_kwargs={"verify": False})

    def builder(self) -> Any:
        """A PTB ApplicationBuilder already pointed at this fake (with fast HTTP clients)."""
        from telegram.ext import ApplicationBuilder

        builder = ApplicationBuilder().token(self.token).base_url(self.base_url)
        return builder.request(self.http_request()).get_updates_request(self.http_request())

    # -- reading what the bot did ----------------------------------------------------------

    @property
    def calls(self) -> list[ApiCall]:
        """Every call the bot made, in order, with decoded params and status."""
        return self.world.calls

    @property
    def violations(self) -> list[Violation]:
        """Calls real Telegram would reject; the fixture fails the test if any remain."""
        return self.world.violations

    def take_violations(self) -> list[Violation]:
        """Return and clear the violations (for tests that provoke them on purpose)."""
        taken = list(self.world.violations)
        self.world.violations.clear()
        return taken

    def calls_to(self, method: str) -> list[ApiCall]:
        """Calls of one method (case-insensitive)."""
        return [c for c in self.world.calls if c.method.lower() == method.lower()]

    def messages_in(
        self, chat: ChatRef | None = None, *, include_user: bool = False
    ) -> list[StoredMessage]:
        """The bot's messages in a chat that still exist, oldest first, edits applied."""
        stored = self.world.messages.get(self.chat(chat).id, {}).values()
        return [m for m in stored if (m.from_bot or include_user) and not m.deleted]

    def last_message(self, chat: ChatRef | None = None) -> StoredMessage:
        """The bot's latest message in a chat."""
        if not (sent := self.messages_in(chat)):
            raise AssertionError(f"the bot sent nothing to {self.chat(chat)}")
        return sent[-1]

    def texts_to(self, chat: ChatRef | None = None, *, unique: bool = False) -> list[str]:
        """The texts (or captions) of the bot's messages in a chat, oldest first; `unique`
        keeps only the first of repeated texts, for tests where a retry may send twice."""
        texts = [m.text or "" for m in self.messages_in(chat)]
        return list(dict.fromkeys(texts)) if unique else texts

    def duplicates_in(self, chat: ChatRef | None = None) -> list[str]:
        """Texts the bot sent to a chat more than once (each listed once, oldest first)."""
        texts = self.texts_to(chat)
        return [t for t in dict.fromkeys(texts) if texts.count(t) > 1]

    def callback_answer(self, query_id: str) -> dict[str, Any] | None:
        """The answerCallbackQuery params for a press, or None while unanswered."""
        return self.world.callback_answers[query_id]

    def inline_answer(self, query_id: str) -> dict[str, Any] | None:
        """The answerInlineQuery params for a query, or None while unanswered."""
        return self.world.inline_answers[query_id]

    @property
    def webhook(self) -> WebhookState:
        """What setWebhook recorded (url, secret_token, ...)."""
        return self.world.webhook

    @property
    def webhook_target(self) -> str | None:
        """Where webhook updates really go, e.g. the bot's server on 127.0.0.1."""
        return self.pusher.target

    @webhook_target.setter
    def webhook_target(self, url: str | None) -> None:
        self.pusher.target = url

    @property
    def webhook_redelivery_delay(self) -> float:
        """Seconds before a webhook update that got no 2xx is sent again (it doubles per
        retry up to `webhook_redelivery_max`)."""
        return self.pusher.redelivery_delay

    @webhook_redelivery_delay.setter
    def webhook_redelivery_delay(self, seconds: float) -> None:
        self.pusher.redelivery_delay = seconds

    @property
    def webhook_redelivery_max(self) -> float:
        """The longest pause between two attempts to deliver one webhook update."""
        return self.pusher.max_redelivery_delay

    @webhook_redelivery_max.setter
    def webhook_redelivery_max(self, seconds: float) -> None:
        self.pusher.max_redelivery_delay = seconds

    @property
    def webhook_timeout(self) -> float:
        """Seconds the fake waits for the webhook's answer before counting no answer."""
        return self.pusher.timeout

    @webhook_timeout.setter
    def webhook_timeout(self, seconds: float) -> None:
        self.pusher.timeout = seconds

    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not acknowledged yet, oldest first: for polling, not confirmed by a later
        getUpdates offset; for a webhook, not answered with a 2xx."""
        return self.pusher.pending()

    async def webhook_settled(self, *, timeout: float = 5.0) -> None:
        """Wait until the webhook acknowledged every pending update."""
        await self.wait_for(lambda: not self.pending_updates(), timeout=timeout)

    @property
    def webhook_deliveries(self) -> list[tuple[int, dict[str, Any]]]:
        """(HTTP status, update) of every webhook POST."""
        return self.pusher.deliveries

    async def post_webhook(
        self, update: dict[str, Any], *, url: str | None = None, secret_token: Any = REGISTERED
    ) -> int:
        """POST an update like Telegram; secret_token=None leaves the secret header out."""
        return await self.pusher.post(update, url=url, secret_token=secret_token)

    async def wait_for(
        self,
        what: str | Callable[[], object],
        count: int = 1,
        *,
        timeout: float = 5.0,
        since: int | None = None,
    ) -> list[ApiCall]:
        """Wait for `count` successful calls of a method since the last user action, or for a
        predicate to hold; fails fast when the bot makes an invalid call meanwhile."""
        start = self._mark if since is None else since
        if isinstance(what, str):
            what = self._method_name(what)
        before = min(self._violation_mark, len(self.violations))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if isinstance(what, str):
                name = what.lower()
                hits = [c for c in self.calls[start:] if c.ok and c.method.lower() == name]
                if len(hits) >= count:
                    return hits
            elif _holds(what):
                return []
            if len(self.violations) > before:
                raise AssertionError(f"invalid Bot API call while waiting:\n{self.report()}")
            if (remaining := deadline - loop.time()) <= 0:
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {what!r} x{count}; "
                    f"calls since the last user action:\n{self.describe_calls(start)}"
                )
            await self.world.changed.wait(remaining)

    def _method_name(self, name: str) -> str:
        """The spec's spelling of a method; a typo must not make a test wait or pass silently."""
        shape = self.world.spec.method(name)
        if shape is None:
            raise ValueError(f"the Bot API has no method {name!r}")
        return shape.name

    def describe_calls(self, start: int = 0) -> str:
        """One line per call, for failure messages."""
        lines = [f"  {c.method} -> {c.status} {c.error or ''}" for c in self.calls[start:]]
        return "\n".join(lines) or "  (none)"

    def report(self) -> str:
        """The violations, one per line, for assertion messages."""
        return "\n".join(f"  - {v}" for v in self.violations)

    # -- faults ----------------------------------------------------------------------------

    def fail(
        self,
        method: str,
        status: int | None = 429,
        *,
        retry_after: int | None = None,
        times: int | None = 1,
        delay: float = 0.0,
        drop: bool = False,
        description: str | None = None,
        chat_id: int | None = None,
        deliver: bool = False,
    ) -> None:
        """Make the next `times` calls of a method fail (429 carries parameters.retry_after).

        With `chat_id`, only calls whose chat_id is that chat count (calls without a chat_id,
        such as answerCallbackQuery, never do); other chats are served normally. `delay`
        waits before answering. With `deliver`, the call takes effect first (the message is
        stored) and the client still gets the error: Telegram sent it, the answer was lost.
        """
        fault = Fault(
            status, retry_after, times, delay, drop, description, chat_id, deliver=deliver
        )
        self._add_fault(method, fault)

    def _add_fault(self, method: str, fault: Fault) -> None:
        name = self._method_name(method).lower()
        self.world.faults.setdefault(name, []).append(fault)

    def slow(
        self,
        method: str,
        delay: float,
        *,
        times: int | None = 1,
        chat_id: int | None = None,
        deliver: bool = True,
    ) -> None:
        """Answer normally, but only after `delay` seconds.

        deliver=True (default): the message is stored at once and only the answer is late, so
        it arrives although the client may time out. deliver=False: the call runs after the
        delay, and not at all when the client gave up meanwhile.
        """
        self.fail(method, None, times=times, delay=delay, chat_id=chat_id, deliver=deliver)

    def drop(
        self,
        method: str,
        *,
        times: int | None = 1,
        chat_id: int | None = None,
        deliver: bool = False,
    ) -> None:
        """Close the connection without answering; with `deliver`, after the call took effect."""
        self.fail(method, None, times=times, drop=True, chat_id=chat_id, deliver=deliver)

    def hang(
        self,
        method: str,
        *,
        times: int | None = 1,
        chat_id: int | None = None,
        seconds: float | None = None,
        deliver: bool = False,
    ) -> None:
        """Accept the request and never answer, until the client gives up (closes the
        connection) or the fake stops; with `seconds`, answer normally after that long if
        the client is still there.

        deliver=False (default): nothing happens unless the call is finally answered after
        `seconds`. deliver=True: the message is stored at once, then the answer hangs, so the
        message arrives although the client times out. A call the client gave up on is
        recorded with status 0.
        """
        fault = Fault(
            None, None, times, seconds or 0.0, chat_id=chat_id, hang=True, deliver=deliver
        )
        self._add_fault(method, fault)

    def flood(
        self, chat_id: int, retry_after: float, *, methods: Iterable[str] | None = None
    ) -> None:
        """A flood wait on one chat, like Telegram's: for `retry_after` seconds every call of
        `methods` to that chat gets 429 with parameters.retry_after (the seconds left, rounded
        up); other chats and other methods are served. Time-based: it ends by itself.

        `methods` defaults to every method that sends or edits messages in a chat (send*,
        forward*, copy*, editMessage*).
        """
        if methods is None:
            prefixes = ("send", "forward", "copy", "editmessage")
            shapes = self.world.spec.methods.items()
            names = {m for m, sh in shapes if m.startswith(prefixes) and "chat_id" in sh.fields}
        else:
            names = {self._method_name(m).lower() for m in methods}
        until = time.monotonic() + retry_after
        self.world.floods[chat_id] = Flood(until, frozenset(names))

    def end_flood(self, chat_id: int | None = None) -> None:
        """End the flood wait on one chat, or on all chats."""
        if chat_id is None:
            self.world.floods.clear()
        else:
            self.world.floods.pop(chat_id, None)
