"""One update, handled once: decide the reply and record it in one transaction, then send.

"At least once, handled once". Telegram redelivers an update until the bot confirms it
(polling: a later getUpdates offset; webhook: a 2xx answer), and both intakes confirm only
after ``process`` returned. ``process`` commits in one unit of work the record that the
update was handled (its update_id), the state the reply depends on (the student's last item,
their dossier) and the Bot API calls that show the reply (the outbox); only then are those
calls handed to the postman. A crash before the commit leaves nothing behind and Telegram
redelivers the update; a crash after it leaves the calls in the outbox, sent after the
restart; a redelivered update finds its update_id recorded and is not answered twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from telegram import Update

from bot.bootstrap import Services
from bot.reply.replies import InlineAnswer, Reply
from bot.store import Store
from bot.store.errors import StoreUnavailable
from bot.store.outbox import Parcel, Stored
from bot.telegram import render
from bot.telegram.intake import Incoming, Inline, read
from bot.telegram.postman import LEASE, Postman
from bot.telegram.updates import UserTurns, user_key

log = logging.getLogger(__name__)

LEDGER_KEEP = timedelta(hours=48)  # Telegram keeps an unconfirmed update for 24 hours
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]


def describe(update: object) -> str:
    """'update=12 kind=message chat=private command=/help': an update without its text."""
    if not isinstance(update, Update):
        return f"update=none kind={type(update).__name__}"
    kind = next((k for k in ALLOWED_UPDATES if getattr(update, k, None)), "other")
    fields = [f"update={update.update_id}", f"kind={kind}"]
    if update.effective_chat is not None:
        fields.append(f"chat={update.effective_chat.type}")
    text = update.message.text if update.message else None
    if text and text.startswith("/"):
        fields.append(f"command={text.split(maxsplit=1)[0][:40]}")  # never the question
    return " ".join(fields)


class Pipeline:
    """Turns updates into committed replies and hands their calls to the postman."""

    def __init__(
        self,
        services: Services,
        postman: Postman,
        username: str | None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        if services.store is None:
            raise ValueError("the Telegram bot needs the database store")
        self.services = services
        self.store: Store = services.store
        self.postman = postman
        self.username = username
        self.clock = clock or (lambda: datetime.now(UTC))
        self.turns = UserTurns()

    async def process(self, update: Update) -> None:
        """Handle one update exactly once; raises StoreUnavailable when it must come again.

        Any other failure is this update's own (a bug, a malformed update): it is logged,
        answered with an apology where possible and confirmed, so it cannot hold up the
        updates behind it.
        """
        if log.isEnabledFor(logging.DEBUG):  # describe() is work on every update otherwise
            log.debug("%s", describe(update))
        try:
            incoming = read(update, self.username)
        except Exception:
            log.error("could not read %s", describe(update), exc_info=True)
            return
        if incoming is None:
            return  # not for the bot: confirmed without a trace
        async with self.turns.turn(user_key(update)):
            if isinstance(incoming.where, Inline):  # read-only and useless later: not stored
                try:
                    self.postman.send_now(await self._parcels(incoming))
                except StoreUnavailable:
                    raise
                except Exception:
                    log.error("inline query failed: %s", describe(update), exc_info=True)
                return
            try:
                stored = await self._commit(update.update_id, incoming, None)
            except StoreUnavailable:
                raise
            except Exception:
                log.error("handler failed: %s", describe(update), exc_info=True)
                apology = render.apology(incoming.where, incoming.lang)
                stored = await self._commit(update.update_id, incoming, apology)
            self.postman.post(stored)

    async def forget_old(self) -> int:
        """Drop handled-update records older than Telegram redelivers (24 h, with a margin)."""
        return await self.store.ledger.prune(self.clock() - LEDGER_KEEP)

    async def _commit(
        self, update_id: int, incoming: Incoming, fixed: list[Parcel] | None
    ) -> list[Stored]:
        """In one transaction: claim the update id, run the core, store the calls to make."""
        now = self.clock()
        async with self.store.transactions.unit():
            if not await self.store.ledger.claim(update_id, now):
                log.info("update %d was handled before: not answered again", update_id)
                return []
            parcels = fixed if fixed is not None else await self._parcels(incoming)
            return await self.store.outbox.add(parcels, now, LEASE)

    async def _parcels(self, incoming: Incoming) -> list[Parcel]:
        if incoming.event is None:
            return render.not_yours(incoming)
        reply: Reply | InlineAnswer = await self.services.assistant.handle(incoming.event)
        return render.parcels(incoming, reply)
