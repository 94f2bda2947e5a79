"""Table definitions on one MetaData, the per-user column registry and portable SQL helpers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Dialect,
    Integer,
    MetaData,
    Table,
    Text,
    TypeDecorator,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import Insert

# Named constraints keep SQLite batch migrations (which rebuild tables) deterministic.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetime stored as UTC; SQLite keeps no offset, so it is restored on read."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} given; pass an aware one")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


users = Table(
    "users",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),  # Telegram user id
    Column("first_name", Text, nullable=False),
    Column("username", Text),
    Column("language", Text, nullable=False),
    Column("dossier", Text),  # "commercie:P4", "bcp-2010", ...
    Column("conversation", Text),  # the core's conversation state as JSON (bot.core.session)
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False),
)

# Telegram update ids handled, so a redelivered update is not answered twice. Telegram keeps
# an unconfirmed update for 24 hours, so older rows are pruned.
handled_updates = Table(
    "handled_updates",
    metadata,
    Column("update_id", BigInteger, primary_key=True, autoincrement=False),
    Column("handled_at", UTCDateTime, nullable=False, index=True),
)

# Bot API calls decided but not yet confirmed by Telegram: written in the same transaction as
# the state they show, deleted once Telegram accepted (or refused) them. `due_at` is a lease:
# the process that wrote a row sends it; a row whose lease ran out (its process died, or
# Telegram was unreachable) is claimed by whichever process looks next.
outbox = Table(
    "outbox",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    # The chat to send to; in a private chat that is the student's user id, so forget()
    # deletes a student's unsent messages with the rest of their data.
    Column("chat_id", BigInteger, nullable=False, info={"holds_user_id": True}),
    Column("method", Text, nullable=False),  # Bot API method, e.g. sendMessage
    Column("params", Text, nullable=False),  # its parameters as JSON
    Column("bulk", Boolean, nullable=False),  # reminders and pushes: paced, after answers
    Column("created_at", UTCDateTime, nullable=False),
    Column("due_at", UTCDateTime, nullable=False, index=True),
    Column("attempts", Integer, nullable=False),
)

# Every (table, column) holding a Telegram user id. forget() deletes through this list, so a
# new table with user data MUST be added here (a test checks), besides its ON DELETE CASCADE
# foreign key to users.id (or `info={"holds_user_id": True}` where it cannot have one).
USER_COLUMNS: tuple[Column[int], ...] = (outbox.c.chat_id, users.c.id)


def forget_order() -> list[Column[int]]:
    """USER_COLUMNS with dependent tables first and users last, so each delete is counted
    before any cascade (tables without a foreign key to users sort anywhere before it)."""
    rank = {table: i for i, table in enumerate(reversed(metadata.sorted_tables))}
    return sorted(USER_COLUMNS, key=lambda column: (column.table is users, rank[column.table]))


def upsert(
    dialect: Dialect, table: Table, values: Mapping[str, Any], update: Iterable[str]
) -> Insert:
    """INSERT ... ON CONFLICT (primary key) DO UPDATE the `update` columns, for either dialect."""
    if dialect.name == "sqlite":
        insert: Any = sqlite.insert(table)
    elif dialect.name == "postgresql":
        insert = postgresql.insert(table)
    else:  # pragma: no cover - url.normalise_url admits no other dialect
        raise ValueError(f"no upsert for dialect {dialect.name!r}")
    stmt = insert.values(**values)
    changes = {name: stmt.excluded[name] for name in update}
    return stmt.on_conflict_do_update(index_elements=list(table.primary_key), set_=changes)
