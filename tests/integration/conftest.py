"""Store fixtures: each store test runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.

Start a throwaway server with `eval "$(.ci/postgres.sh start)"`. The PostgreSQL database is
wiped (every table in its current schema dropped) before each test: never point it at real data.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.store import Store, normalise_url, open_store

PG_URL = os.environ.get("TEST_DATABASE_URL", "")
NO_POSTGRES = 'TEST_DATABASE_URL is not set (eval "$(bash .ci/postgres.sh start)" sets it)'
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param(
        "postgresql",
        id="postgresql",
        marks=pytest.mark.skipif(not PG_URL, reason=NO_POSTGRES),
    ),
]


async def reset_postgres(url: str) -> None:
    """Drop every table (alembic_version included) so the test starts from an empty database."""
    engine = create_async_engine(normalise_url(url))
    query = text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    async with engine.begin() as conn:
        quote = conn.dialect.identifier_preparer.quote
        for name in (await conn.execute(query)).scalars().all():
            await conn.exec_driver_sql(f"DROP TABLE IF EXISTS {quote(name)} CASCADE")
    await engine.dispose()


@pytest.fixture(params=BACKENDS)
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A DATABASE_URL for an empty database: a fresh SQLite file or the wiped PostgreSQL one."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/dossierbot.sqlite3"
    await reset_postgres(PG_URL)
    return PG_URL


@pytest.fixture
async def store(db_url: str) -> AsyncIterator[Store]:
    """An open, migrated store on db_url."""
    async with open_store(db_url) as opened:
        yield opened


@pytest.fixture
async def pg_url() -> str:
    """TEST_DATABASE_URL, wiped; the test is skipped when it is not set."""
    if not PG_URL:
        pytest.skip(NO_POSTGRES)
    await reset_postgres(PG_URL)
    return PG_URL
