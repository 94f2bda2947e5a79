"""One update handled once: the claim, the student's state and the reply commit together."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy.exc import DBAPIError
from telegram import Update

from bot.answers.service import Answers
from bot.bootstrap import Services
from bot.core.assistant import Assistant
from bot.knowledge.load import load_dossier
from bot.store import Store
from bot.store.errors import StoreUnavailable
from bot.store.outbox import Parcel, Stored
from bot.telegram.pipeline import Pipeline

NOW = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)
ANNA = {"id": 7, "is_bot": False, "first_name": "Anna", "language_code": "nl"}
CHAT = {"id": 7, "type": "private", "first_name": "Anna"}


@pytest.fixture(scope="module")
def answers() -> Answers:
    return Answers.build(load_dossier())


class Recorder:
    """Stands in for the postman: keeps what the pipeline hands over."""

    def __init__(self) -> None:
        self.posted: list[Stored] = []
        self.now: list[Parcel] = []

    def post(self, stored: Sequence[Stored]) -> None:
        self.posted.extend(stored)

    def send_now(self, parcels: Sequence[Parcel]) -> None:
        self.now.extend(parcels)


def text(update_id: int, words: str) -> Update:
    body = {"message_id": update_id, "date": 0, "chat": CHAT, "from": ANNA, "text": words}
    return Update.de_json({"update_id": update_id, "message": body}, None)


def pipeline(store: Store, answers: Answers) -> tuple[Pipeline, Recorder]:
    services = Services(Assistant(answers, store.users), answers, store.users, store)
    postman = Recorder()
    return Pipeline(services, postman, "dossier_test_bot", clock=lambda: NOW), postman  # type: ignore[arg-type]


async def test_a_redelivered_update_is_not_answered_twice(store: Store, answers: Answers) -> None:
    flow, postman = pipeline(store, answers)
    await flow.process(text(1, "wp 3.5"))
    await flow.process(text(1, "wp 3.5"))  # Telegram hands it out again
    [sent] = postman.posted
    assert sent.parcel.method == "sendMessage" and sent.parcel.chat_id == 7
    assert str(sent.parcel.params["text"]).startswith("<b>3.5 Onderhandelt")
    assert await store.ledger.handled(1)
    assert await store.outbox.count() == 1  # the postman has not sent it yet


async def test_state_and_reply_commit_together_or_not_at_all(
    store: Store, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The outbox write fails after the core stored the last item: neither survives; the
    student gets an apology, and the update counts as handled (a bug is not retried forever)."""
    flow, postman = pipeline(store, answers)
    real_add = store.outbox.add
    calls = 0

    async def failing_add(parcels: Sequence[Parcel], now: datetime, lease: Any) -> list[Stored]:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("disk full")
        return await real_add(parcels, now, lease)

    monkeypatch.setattr(store.outbox, "add", failing_add)
    await flow.process(text(2, "wp 3.5"))
    user = await store.users.get(7)
    assert user is None  # even the first touch was rolled back
    [apology] = postman.posted
    assert str(apology.parcel.params["text"]).startswith("Sorry, er ging iets mis")
    assert await store.ledger.handled(2)


async def test_an_unreachable_database_leaves_the_update_for_later(
    store: Store, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    flow, postman = pipeline(store, answers)

    async def unavailable(update_id: int, now: datetime) -> bool:
        raise StoreUnavailable("the database is unavailable: connection refused")

    monkeypatch.setattr(store.ledger, "claim", unavailable)
    with pytest.raises(StoreUnavailable):
        await flow.process(text(3, "wp 3.5"))
    monkeypatch.undo()
    assert postman.posted == [] and not await store.ledger.handled(3)
    await flow.process(text(3, "wp 3.5"))  # redelivered once the database is back
    assert len(postman.posted) == 1


async def test_forgetting_scrubs_after_the_commit(
    store: Store, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    flow, postman = pipeline(store, answers)
    await flow.process(text(4, "wp 3.5"))
    scrubbed: list[bool] = []

    async def scrub() -> None:
        scrubbed.append(await store.users.get(7) is None)  # runs after the delete committed

    monkeypatch.setattr(store.transactions, "scrub", scrub)
    press = {
        "id": "q1",
        "from": ANNA,
        "chat_instance": "c",
        "data": "v|ja",
        "message": {"message_id": 9, "date": 0, "chat": CHAT, "text": "Weet je het zeker?"},
    }
    await flow.process(Update.de_json({"update_id": 5, "callback_query": press}, None))
    assert scrubbed == [True]
    methods = [row.parcel.method for row in postman.posted[1:]]
    assert methods == ["answerCallbackQuery", "editMessageText"]
    assert await store.outbox.count() == 2  # Anna's earlier answer went with her data


async def test_outbox_leases_claims_and_clearing(store: Store) -> None:
    lease = timedelta(seconds=30)
    first, second = (
        Parcel(7, "sendMessage", {"chat_id": 7, "text": "a"}),
        Parcel(8, "sendMessage", {"chat_id": 8, "text": "b"}, bulk=True),
    )
    rows = await store.outbox.add([first, second], NOW, lease)
    assert [r.parcel for r in rows] == [first, second] and rows[0].id < rows[1].id
    assert await store.outbox.claim(NOW, lease) == []  # leased to the process that wrote them
    claimed = await store.outbox.claim(NOW + lease, lease)
    assert [(c.parcel, c.attempts) for c in claimed] == [(first, 2), (second, 2)]
    assert await store.outbox.claim(NOW + lease, lease) == []  # the new lease holds
    await store.outbox.remove(claimed[0].id)
    await store.outbox.postpone(claimed[1].id, NOW)
    [again] = await store.outbox.claim(NOW, lease)
    assert again.parcel == second and again.parcel.bulk
    assert await store.outbox.expire(NOW + timedelta(seconds=1)) == 1
    assert await store.outbox.count() == 0


async def test_old_handled_update_records_are_pruned(store: Store, answers: Answers) -> None:
    flow, _ = pipeline(store, answers)
    await flow.process(text(6, "hoi"))
    assert await flow.forget_old() == 0  # handled just now: kept
    flow.clock = lambda: NOW + timedelta(hours=49)
    assert await flow.forget_old() == 1
    assert not await store.ledger.handled(6)


async def test_a_passing_database_fault_is_retried_not_apologised_for(
    store: Store, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A deadlock or failover mid-update is the database's, not the update's: no apology,
    not marked handled, so Telegram redelivers it."""
    flow, postman = pipeline(store, answers)

    async def deadlock(update_id: int, now: datetime) -> bool:
        raise DBAPIError("INSERT ...", {}, Exception("deadlock detected"))

    monkeypatch.setattr(store.ledger, "claim", deadlock)
    with pytest.raises(StoreUnavailable, match="deadlock detected"):
        await flow.process(text(7, "wp 3.5"))
    monkeypatch.undo()
    assert postman.posted == [] and not await store.ledger.handled(7)


async def test_an_update_that_cannot_be_read_is_dropped_not_retried(
    store: Store, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    flow, postman = pipeline(store, answers)

    def broken(update: Update, username: str | None) -> None:
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")

    monkeypatch.setattr("bot.telegram.pipeline.read", broken)
    await flow.process(text(8, "wp 3.5"))  # returns: the update is confirmed, nothing sent
    assert postman.posted == []
