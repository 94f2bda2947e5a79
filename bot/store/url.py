"""DATABASE_URL normalisation: every accepted form becomes an async SQLAlchemy URL."""

from __future__ import annotations

import re

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

DEFAULT_URL = "sqlite+aiosqlite:///dossierbot.sqlite3"
ACCEPTED = (
    "sqlite:///relative/file.sqlite3, sqlite:////absolute/file.sqlite3, "
    "sqlite+aiosqlite:///..., postgresql://user:password@host:port/dbname "
    "(postgres://, postgresql+psycopg2:// and postgresql+asyncpg:// too)"
)
_SQLITE = frozenset({"sqlite", "sqlite+aiosqlite"})
_POSTGRES = frozenset(
    {"postgres", "postgresql", "postgresql+psycopg2", "postgresql+psycopg", "postgresql+asyncpg"}
)
_PASSWORD = re.compile(r"(://[^:/@]*:)[^@]*@")


def normalise_url(raw: str | None) -> str:
    """Turn a DATABASE_URL value (None or empty means the default) into an async driver URL."""
    text = (raw or "").strip()
    if not text:
        return DEFAULT_URL
    url = _parse(text)
    if url.drivername in _SQLITE and not (url.host or url.username):
        return _render(url.set(drivername="sqlite+aiosqlite"))
    if url.drivername in _POSTGRES:
        return _render(_asyncpg_query(url.set(drivername="postgresql+asyncpg")))
    raise _unsupported(text)


def redacted(url: str | URL) -> str:
    """The URL with its password replaced by ***, safe to log or show."""
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):  # unparseable: mask anything between ':' and '@'
        return _PASSWORD.sub(r"\1***@", url)


def _parse(text: str) -> URL:
    try:
        return make_url(text)
    except (ArgumentError, ValueError) as err:  # ValueError: a non-numeric port
        raise _unsupported(text) from err


def _asyncpg_query(url: URL) -> URL:
    """libpq's sslmode is called ssl in asyncpg (same values: disable ... verify-full)."""
    if "sslmode" not in url.query:
        return url
    query = {key: value for key, value in url.query.items() if key != "sslmode"}
    return url.set(query={**query, "ssl": url.query["sslmode"]})


def _render(url: URL) -> str:
    return url.render_as_string(hide_password=False)


def _unsupported(text: str) -> ValueError:
    return ValueError(f"unsupported DATABASE_URL {redacted(text)!r}; accepted forms: {ACCEPTED}")
