"""Opening the store: migrations, SQLite pragmas, foreign keys and readable connection errors."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import IntegrityError

import bot.store.engine as store_engine
from bot.store import Store, StoreUnavailable, open_store
from bot.store.schema import metadata

NOW = datetime(2025, 9, 1, 8, 30, tzinfo=UTC)
BROKEN_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "0099"
down_revision = "0003"


def upgrade():
    op.create_table("half", sa.Column("x", sa.Integer))
    raise RuntimeError("failed half-way")
"""


def _tables(conn: Connection) -> set[str]:
    return set(inspect(conn).get_table_names())


async def test_migrations_create_every_table(store: Store) -> None:
    async with store.engine.connect() as conn:
        assert await conn.run_sync(_tables) == set(metadata.tables) | {"alembic_version"}


async def test_migrations_match_schema_module(store: Store) -> None:
    """schema.py and the revisions must describe the same tables: a new table needs both."""

    def diff(conn: Connection) -> list[object]:
        return compare_metadata(MigrationContext.configure(conn), metadata)

    async with store.engine.connect() as conn:
        assert await conn.run_sync(diff) == []


async def test_opening_twice_is_idempotent_and_keeps_data(db_url: str) -> None:
    async with open_store(db_url) as first:
        await first.users.touch(1, "Sanne", None, "nl", NOW)
    second = await open_store(db_url)  # the awaitable form
    try:
        async with second.engine.connect() as conn:
            versions = (await conn.execute(text("SELECT version_num FROM alembic_version"))).all()
        assert [row[0] for row in versions] == ["0003"]
        assert await second.users.count() == 1
    finally:
        await second.close()


async def test_a_failing_migration_leaves_nothing_behind(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Revisions run in one transaction, on SQLite too (pysqlite would autocommit the DDL)."""
    migrations = tmp_path / "migrations"
    shutil.copytree(store_engine.MIGRATIONS_DIR, migrations)
    (migrations / "versions" / "0099_broken.py").write_text(BROKEN_REVISION)
    monkeypatch.setattr(store_engine, "MIGRATIONS_DIR", migrations)
    with pytest.raises(StoreUnavailable, match="half-way"):
        await open_store(db_url)
    monkeypatch.undo()
    async with open_store(db_url) as store, store.engine.connect() as conn:
        assert await conn.run_sync(_tables) == set(metadata.tables) | {"alembic_version"}


async def test_foreign_keys_are_enforced_and_cascade(store: Store) -> None:
    """A future child table: orphans are refused and forgetting the user cascades to it."""
    async with store.engine.begin() as conn:
        await conn.execute(
            text(
                "CREATE TABLE probe (user_id BIGINT NOT NULL "
                "REFERENCES users (id) ON DELETE CASCADE)"
            )
        )
    await store.users.touch(7, "Daan", None, "nl", NOW)
    async with store.engine.begin() as conn:
        await conn.execute(text("INSERT INTO probe (user_id) VALUES (:id)"), {"id": 7})
    with pytest.raises(IntegrityError):
        async with store.engine.begin() as conn:
            await conn.execute(text("INSERT INTO probe (user_id) VALUES (:id)"), {"id": 8})
    await store.users.forget(7)
    async with store.engine.connect() as conn:
        assert (await conn.execute(text("SELECT count(*) FROM probe"))).scalar_one() == 0


async def test_sqlite_pragmas_on_every_connection(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    async with open_store(f"sqlite:///{path}") as store:
        a, b = await store.engine.connect(), await store.engine.connect()
        for conn in (a, b):  # b is a brand-new connection, a the one migrations used
            values = [
                (await conn.exec_driver_sql(f"PRAGMA {name}")).scalar_one()
                for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
            ]
            assert values == ["wal", 1, 5000, 1]  # synchronous 1 is NORMAL
            await conn.close()
    with closing(sqlite3.connect(path)) as plain:  # WAL is a property of the file itself
        assert plain.execute("PRAGMA journal_mode").fetchone() == ("wal",)


async def test_unreachable_postgres_is_one_readable_line() -> None:
    with pytest.raises(StoreUnavailable) as caught:
        await open_store("postgresql://bot:hunter2@127.0.0.1:1/dossierbot")
    message = str(caught.value)
    assert message.startswith("cannot open the database postgresql+asyncpg://bot:***@127.0.0.1:1/")
    assert "hunter2" not in message and "\n" not in message


async def test_sqlite_in_missing_directory_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable, match="no/such/dir does not exist"):
        await open_store(f"sqlite:///{tmp_path}/no/such/dir/bot.sqlite3")


async def test_file_that_is_not_a_database_is_unavailable(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database, just some text that is long enough to have a header\n" * 20)
    with pytest.raises(StoreUnavailable, match="file is not a database"):
        await open_store(f"sqlite:///{path}")


async def test_bad_url_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="accepted forms"):
        await open_store("mysql://root@localhost/bot")


@pytest.mark.parametrize(
    ("part", "value", "reason"),
    [
        ("database", "no_such_db", 'database "no_such_db" does not exist'),
        ("username", "nobody", 'role "nobody" does not exist'),
    ],
)
async def test_postgres_bad_database_or_user_is_unavailable(
    pg_url: str, part: str, value: str, reason: str
) -> None:
    url = make_url(pg_url).set(**{part: value}).render_as_string(hide_password=False)
    with pytest.raises(StoreUnavailable, match=reason):
        await open_store(url)


async def test_migration_0002_carries_the_last_item_into_the_conversation(tmp_path: Path) -> None:
    """A database from before 0002 keeps each user's last item for typed follow-ups."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from bot.store.engine import MIGRATIONS_DIR

    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(
            text(
                "INSERT INTO users (id, first_name, language, last_item, last_field, created_at,"
                " last_seen_at) VALUES (7, 'Anna', 'nl', 'bcp-2010:3.5', 'gedrag', :t, :t)"
            ),
            {"t": NOW.replace(tzinfo=None)},
        )
    engine.dispose()
    async with open_store(f"sqlite:///{path}") as store:
        user = await store.users.get(7)
    assert user is not None
    assert json.loads(user.conversation or "{}") == {"item": "bcp-2010:3.5", "field": "gedrag"}
