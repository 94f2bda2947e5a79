"""The Telegram application: build it, run it (long polling or webhook), stop it cleanly.

One lifecycle serves both modes (``running``): initialize (getMe) -> post_init (store,
answers, command menu) -> the postman sends what the outbox holds -> start receiving updates;
in reverse on the way out: stop receiving (the batch in hand is finished and confirmed), give
the postman a few seconds, close the store. PTB's Application still builds the bot and holds
the services, but neither its Updater (it confirms updates before they are handled) nor its
handler dispatch is used: updates go through bot.telegram.pipeline, replies through the
outbox and the courier. Within Docker's 10 s grace after SIGTERM the bot stops receiving,
finishes and confirms what it holds, and leaves unsent replies in the outbox for the restart.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
import threading
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from typing import Any

from telegram import BotCommand
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import ApplicationBuilder, ContextTypes, Defaults, ExtBot

from bot.bootstrap import ServiceFactory, service_factory
from bot.config import ConfigError, Settings, redacted_url
from bot.core.commands import menu
from bot.reply.messages import LANGUAGES, t
from bot.store import StoreUnavailable
from bot.telegram import redaction
from bot.telegram.context import App, BotData, Context
from bot.telegram.delivery import Limits
from bot.telegram.pipeline import ALLOWED_UPDATES, Pipeline
from bot.telegram.polling import Poller
from bot.telegram.postman import SEND_TIMEOUT, SWEEP, Postman, api_sender
from bot.telegram.webhook import WebhookServer, route, secret_token

log = logging.getLogger(__name__)

STOP_RECEIVING = 3.0  # seconds to finish the updates in hand after SIGTERM ...
STOP_SENDING = 3.0  # ... and to send what is queued; the rest waits in the outbox
HOUSEKEEPING = 3600.0  # seconds between prunings of the handled-update records


class CannotStart(Exception):
    """The bot cannot start for a reason the operator must fix; str() is one line."""


def build_application(
    settings: Settings, services: ServiceFactory, *, builder: ApplicationBuilder | None = None
) -> App:
    """The Application: the bot with its defaults, and the services opened in post_init."""
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
        .updater(None)  # bot.telegram.polling confirms updates only once they were handled
        .context_types(ContextTypes(context=Context, bot_data=BotData))
        .post_init(_opener(services))
        .post_shutdown(close_services)
        .build()
    )
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


@dataclass(frozen=True)
class Tuning:
    """Knobs the tests turn down: how long one call may take, the courier's limits."""

    send_timeout: float = SEND_TIMEOUT
    limits: Limits = field(default_factory=Limits)
    sweep_every: float = SWEEP


@asynccontextmanager
async def running(
    app: App,
    settings: Settings,
    *,
    listen: str = "0.0.0.0",
    poll_timeout: int = 10,
    tuning: Tuning | None = None,
) -> AsyncIterator[Intake]:
    """The bot receiving and handling updates inside the block, stopped after it."""
    tuning = tuning or Tuning()
    try:
        await app.initialize()  # getMe: InvalidToken or NetworkError here
    except BaseException:
        await app.bot.shutdown()  # Application.shutdown skips a half-initialized app
        raise
    opened, closed = app.post_init, app.post_shutdown
    try:
        assert opened is not None and closed is not None
        await opened(app)
        services = app.bot_data.services
        assert services is not None and services.store is not None
        postman = Postman(
            api_sender(app.bot, tuning.send_timeout),
            services.store.outbox,
            limits=tuning.limits,
            sweep_every=tuning.sweep_every,
        )
        pipeline = Pipeline(services, postman, app.bot.username)
        postman.also_every(HOUSEKEEPING, pipeline.forget_old)
        # Long polling admits one process, and SQLite one host: then this process is the
        # only sender and takes over what a killed predecessor left at once; processes
        # sharing PostgreSQL behind a webhook wait for each other's leases to run out.
        alone = settings.telegram.webhook_url is None or services.store.dialect == "sqlite"
        await postman.start(take_over=alone)
        try:
            intake = await start_updates(app, settings, pipeline, listen, poll_timeout)
            try:
                await app.start()
                yield intake
            finally:
                await intake.stop(STOP_RECEIVING)  # no new updates; finish and confirm
                if app.running:
                    await app.stop()
        finally:
            await postman.stop(STOP_SENDING)
    finally:
        await app.shutdown()
        if closed is not None:
            await closed(app)


class Intake:
    """How updates arrive (a polling task or the webhook server) and how to stop it."""

    def __init__(self, poller: Poller | None = None, server: WebhookServer | None = None) -> None:
        self.poller = poller
        self.server = server
        self.task = asyncio.create_task(poller.run()) if poller is not None else None

    async def stop(self, timeout: float) -> None:
        """Stop receiving; the updates in hand are finished (up to `timeout` s) and confirmed."""
        if self.server is not None:
            await self.server.stop()
        if self.poller is not None and self.task is not None:
            await self.poller.stop(timeout)
            try:
                await asyncio.wait_for(self.task, 2.0)
            except (TimeoutError, asyncio.CancelledError):
                pass
            except Exception:
                log.exception("long polling ended with an error")

    async def failed(self) -> BaseException | None:
        """Wait until long polling ends by itself (a revoked token, a second bot process)."""
        if self.task is None:
            await asyncio.Event().wait()  # the webhook server runs until stopped
            return None
        try:
            await asyncio.shield(self.task)
        except BaseException as err:
            return err
        return None


async def start_updates(
    app: App, settings: Settings, pipeline: Pipeline, listen: str, poll_timeout: int
) -> Intake:
    """Long polling, or the webhook server when WEBHOOK_URL is set."""
    config = settings.telegram
    if config.webhook_url is None:
        await app.bot.delete_webhook()  # getUpdates is refused while a webhook is set
        poller = Poller(
            app.bot, pipeline.process, timeout=poll_timeout, allowed_updates=ALLOWED_UPDATES
        )
        log.info("receiving updates by long polling")
        return Intake(poller=poller)
    url, path = route(config.webhook_url)
    secret = secret_token(config.webhook_secret)
    redaction.install([secret])
    server = WebhookServer(app, path, secret, pipeline.process)
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
    return Intake(server=server)


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
        async with running(app, settings, listen=listen) as intake:
            log.info("Dossierbot is running as @%s", app.bot.username)
            ended = asyncio.ensure_future(intake.failed())
            await asyncio.wait(
                {ended, asyncio.ensure_future(stop.wait())}, return_when=asyncio.FIRST_COMPLETED
            )
            if ended.done() and (error := ended.result()) is not None:
                raise error
            ended.cancel()
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
        api = redacted_url(settings.telegram.api_base_url)
        return _cannot_start(f"cannot reach the Telegram Bot API at {api}: {err.message}")
    except TelegramError as err:
        return _cannot_start(f"Telegram refused to start the bot: {err.message}")
    except KeyboardInterrupt:  # where no signal handler could be installed
        pass
    return 0


def _cannot_start(message: str) -> int:
    print(f"dossierbot: {message}", file=sys.stderr)
    return 1
