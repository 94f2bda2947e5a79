"""The store: SQLite or PostgreSQL through SQLAlchemy Core, migrated by Alembic at start-up."""

from bot.store.engine import Store, StoreUnavailable, open_store
from bot.store.url import DEFAULT_URL, normalise_url, redacted
from bot.store.users import User, UserRepository

__all__ = [
    "DEFAULT_URL",
    "Store",
    "StoreUnavailable",
    "User",
    "UserRepository",
    "normalise_url",
    "open_store",
    "redacted",
]
