"""UserRepository on every backend: upsert, restart survival, forget and concurrent touches."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import MetaData, Table, Text, cast, func, inspect, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store import Store, open_store

NOW = datetime(2025, 9, 1, 8, 30, tzinfo=UTC)
ANNA, BRAM = 987_654_321_012, 555_123_456_789  # distinctive, so a text scan finds no accidents


async def test_get_unknown_user_is_none(store: Store) -> None:
    assert await store.users.get(ANNA) is None
    assert await store.users.count() == 0


async def test_touch_inserts_then_updates_keeping_created_at_and_dossier(store: Store) -> None:
    first = await store.users.touch(ANNA, "Anna", None, "nl", NOW)
    assert (first.id, first.first_name, first.dossier) == (ANNA, "Anna", None)
    assert first.created_at == first.last_seen_at == NOW
    await store.users.set_dossier(ANNA, "commercie:P4")
    await store.users.set_conversation(ANNA, '{"item":"p4-k1-w2"}')
    later = NOW + timedelta(days=3)
    second = await store.users.touch(ANNA, "Anna B.", "annab", "en", later)
    assert (second.first_name, second.username, second.language) == ("Anna B.", "annab", "en")
    assert (second.created_at, second.last_seen_at) == (NOW, later)
    assert (second.dossier, second.conversation) == ("commercie:P4", '{"item":"p4-k1-w2"}')
    assert await store.users.get(ANNA) == second
    assert await store.users.count() == 1


async def test_datetimes_come_back_aware_in_utc(store: Store) -> None:
    amsterdam = datetime(2025, 3, 30, 14, 0, tzinfo=timezone(timedelta(hours=2)))
    user = await store.users.touch(ANNA, "Anna", None, "nl", amsterdam)
    assert user.created_at.tzinfo is UTC and user.created_at == amsterdam
    assert user.created_at.hour == 12
    assert (await store.users.get(ANNA)) == user


async def test_naive_now_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        await store.users.touch(ANNA, "Anna", None, "nl", datetime(2025, 9, 1, 8, 30))


async def test_setters_on_unknown_user_report_false(store: Store) -> None:
    assert await store.users.set_dossier(ANNA, "bcp-2010") is False
    assert await store.users.set_conversation(ANNA, "{}") is False
    assert await store.users.count() == 0


async def test_dossier_and_conversation_survive_a_restart(db_url: str) -> None:
    state = '{"item":"bcp-2010:3.5","trail":["bcp-2010:K3"]}'
    async with open_store(db_url) as store:
        await store.users.touch(ANNA, "Anna", "anna", "nl", NOW)
        assert await store.users.set_dossier(ANNA, "bcp-2010")
        assert await store.users.set_conversation(ANNA, state)
    async with open_store(db_url) as store:
        user = await store.users.get(ANNA)
    assert user is not None
    assert (user.dossier, user.conversation) == ("bcp-2010", state)
    assert user.created_at == NOW


def _scan(conn: Connection, needle: int) -> dict[str, int]:
    """Rows per table with the needle anywhere in any column, over every table in the database."""
    hits = {}
    for name in inspect(conn).get_table_names():
        table = Table(name, MetaData(), autoload_with=conn)
        found = or_(*(cast(column, Text).contains(str(needle)) for column in table.columns))
        hits[name] = conn.execute(
            select(func.count()).select_from(table).where(found)
        ).scalar_one()
    return hits


async def _rows_mentioning(engine: AsyncEngine, user_id: int) -> dict[str, int]:
    async with engine.connect() as conn:
        return await conn.run_sync(_scan, user_id)


async def test_forget_removes_every_row_about_the_user_only(store: Store) -> None:
    for user_id, name in ((ANNA, "Anna"), (BRAM, "Bram")):
        await store.users.touch(user_id, name, None, "nl", NOW)
        await store.users.set_dossier(user_id, "commercie:P4")
    before = await _rows_mentioning(store.engine, ANNA)
    assert before["users"] == 1
    assert await store.users.forget(ANNA) == sum(before.values())
    assert not any((await _rows_mentioning(store.engine, ANNA)).values())
    assert (await _rows_mentioning(store.engine, BRAM))["users"] == 1
    assert await store.users.get(BRAM) is not None
    assert await store.users.forget(ANNA) == 0


async def test_concurrent_touches_neither_fail_nor_duplicate(db_url: str) -> None:
    """50 tasks over two stores on one database (like the bot plus an admin command)."""
    async with open_store(db_url) as a, open_store(db_url) as b:

        async def visit(i: int) -> None:
            store = a if i % 2 else b
            await store.users.touch(1000 + i % 5, f"user{i}", None, "nl", NOW + timedelta(i))
            await store.users.set_conversation(1000 + i % 5, f'{{"item":"item{i}"}}')

        await asyncio.gather(*(visit(i) for i in range(50)))
        assert await a.users.count() == 5
        found = [await a.users.get(1000 + k) for k in range(5)]
        assert all(user is not None for user in found)
