"""The Telegram application: build it, run it (long polling or webhook), stop it cleanly.

One lifecycle serves both modes (``running``): initialize (getMe) -> post_init (store,
answers, command menu) -> start receiving updates -> start the application; and in reverse on
the way out, closing the store in post_shutdown. PTB's run_polling/run_webhook do the same
but own the event loop and cannot serve /healthz next to the webhook, so ``serve`` waits for
SIGINT/SIGTERM itself.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

from telegram import BotCommand
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import AIORateLimiter, ApplicationBuilder, ContextTypes, Defaults, ExtBot

from bot.bootstrap import ServiceFactory, service_factory
from bot.config import ConfigError, Settings
from bot.core.commands import menu
from bot.reply.messages import LANGUAGES, t
from bot.store import StoreUnavailable
from bot.telegram.context import App, BotData, Context
from bot.telegram.handlers import ALLOWED_UPDATES, register
from bot.telegram.updates import PerUserOrder
from bot.telegram.webhook import WebhookServer, route, secret_token

log = logging.getLogger(__name__)

MAX_RETRIES = 3  # flood control: resend after a 429, waiting the retry_after Telegram names


class CannotStart(Exception):
    """The bot cannot start for a reason the operator must fix; str() is one line."""


def build_application(
    settings: Settings, services: ServiceFactory, *, builder: ApplicationBuilder | None = None
) -> App:
    """The Application with defaults, flood control, per-user ordering and every handler."""
    if not settings.telegram.token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set")
    defaults = Defaults(
        parse_mode=ParseMode.HTML, tzinfo=settings.timezone, allow_sending_without_reply=True
    )
    app = (
        (builder or ApplicationBuilder())
        .token(settings.telegram.token)
        .base_url(settings.telegram.api_base_url)  # PTB appends the token
        .defaults(defaults)
        .rate_limiter(AIORateLimiter(max_retries=MAX_RETRIES))
        .concurrent_updates(PerUserOrder())
        .context_types(ContextTypes(context=Context, bot_data=BotData))
        .post_init(_opener(services))
        .post_shutdown(close_services)
        .build()
    )
    register(app)
    return app


def _opener(services: ServiceFactory) -> Callable[[App], Coroutine[Any, Any, None]]:
    async def post_init(app: App) -> None:
        """Open the store and build the answers once; publish the command menu."""
        app.bot_data.services = await services()
        await set_commands(app.bot)

    return post_init


async def close_services(app: App) -> None:
    """post_shutdown: close the store (a no-op when post_init never opened it)."""
    services, app.bot_data.services = app.bot_data.services, None
    if services is not None:
        await services.close()


async def set_commands(bot: ExtBot[Any]) -> None:
    """The command menu: Dutch for everyone, English for English-language clients."""
    for lang in LANGUAGES:
        commands = [BotCommand(spec.name, t(spec.menu, lang)) for spec in menu()]
        await bot.set_my_commands(commands, language_code=None if lang == "nl" else lang)


@asynccontextmanager
async def running(
    app: App, settings: Settings, *, listen: str = "0.0.0.0", poll_timeout: int = 10
) -> AsyncIterator[App]:
    """The application receiving and handling updates inside the block, stopped after it."""
    try:
        await app.initialize()  # getMe: InvalidToken or NetworkError here
    except BaseException:
        await app.bot.shutdown()  # Application.shutdown skips a half-initialized app
        raise
    opened, closed = app.post_init, app.post_shutdown
    try:
        assert opened is not None and closed is not None
        await opened(app)
        stop_updates = await start_updates(app, settings, listen, poll_timeout)
        try:
            await app.start()
            yield app
        finally:
            await stop_updates()  # first no new updates, then finish those in flight
            if app.running:
                await app.stop()
    finally:
        await app.shutdown()
        if closed is not None:
            await closed(app)


async def start_updates(
    app: App, settings: Settings, listen: str, poll_timeout: int
) -> Callable[[], Awaitable[None]]:
    """Long polling, or the webhook server when WEBHOOK_URL is set; returns how to stop it."""
    config = settings.telegram
    if config.webhook_url is None:
        assert app.updater is not None
        await app.updater.start_polling(timeout=poll_timeout, allowed_updates=ALLOWED_UPDATES)
        log.info("receiving updates by long polling")
        return app.updater.stop
    url, path = route(config.webhook_url)
    secret = secret_token(config.webhook_secret)
    server = WebhookServer(app, path, secret)
    try:
        server.listen(config.port, listen)
    except OSError as err:
        raise CannotStart(f"cannot listen on port {config.port}: {err.strerror}") from err
    try:
        await app.bot.set_webhook(url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)
    except BaseException:
        await server.stop()
        raise
    log.info("receiving updates by webhook on port %d", config.port)
    return server.stop


@contextmanager
def stop_signals(callback: Callable[[], None]) -> Iterator[None]:
    """Call back on SIGINT or SIGTERM while inside (main thread, where the OS allows it)."""
    loop = asyncio.get_running_loop()
    installed = []
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, callback)
            except NotImplementedError:  # Windows: Ctrl+C still raises KeyboardInterrupt
                continue
            installed.append(sig)
    try:
        yield
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)


async def serve(app: App, settings: Settings, *, listen: str = "0.0.0.0") -> None:
    """Run until SIGINT or SIGTERM, then stop gracefully (updates in flight are finished)."""
    stop = asyncio.Event()
    with stop_signals(stop.set):
        async with running(app, settings, listen=listen):
            log.info("Dossierbot is running as @%s", app.bot.username)
            await stop.wait()
            log.info("stop signal received: shutting down")


def run(settings: Settings) -> int:
    """`dossierbot run` with a token: 0 after a clean stop, 1 when the bot cannot start."""
    try:
        asyncio.run(serve(build_application(settings, service_factory(settings)), settings))
    except InvalidToken:  # its message contains the token: never print it
        return _cannot_start("Telegram rejected TELEGRAM_BOT_TOKEN; check it with @BotFather")
    except (StoreUnavailable, CannotStart) as err:
        return _cannot_start(str(err))
    except NetworkError as err:
        api = settings.telegram.api_base_url
        return _cannot_start(f"cannot reach the Telegram Bot API at {api}: {err.message}")
    except TelegramError as err:
        return _cannot_start(f"Telegram refused to start the bot: {err.message}")
    except KeyboardInterrupt:  # where no signal handler could be installed
        pass
    return 0


def _cannot_start(message: str) -> int:
    print(f"dossierbot: {message}", file=sys.stderr)
    return 1
