"""DATABASE_URL normalisation and password redaction (pure functions)."""

from __future__ import annotations

import pytest

from bot.store import DEFAULT_URL, normalise_url, redacted


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_unset_means_sqlite_file_in_working_directory(raw: str | None) -> None:
    assert normalise_url(raw) == DEFAULT_URL == "sqlite+aiosqlite:///dossierbot.sqlite3"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("sqlite:///data/bot.sqlite3", "sqlite+aiosqlite:///data/bot.sqlite3"),
        ("sqlite:////abs/path/bot.sqlite3", "sqlite+aiosqlite:////abs/path/bot.sqlite3"),
        ("sqlite+aiosqlite:///bot.sqlite3", "sqlite+aiosqlite:///bot.sqlite3"),
        (" sqlite:///padded.sqlite3\n", "sqlite+aiosqlite:///padded.sqlite3"),
    ],
)
def test_sqlite_forms_keep_their_path(raw: str, expected: str) -> None:
    assert normalise_url(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("postgresql://u:pw@db.example:5433/bot", "postgresql+asyncpg://u:pw@db.example:5433/bot"),
        ("postgres://u:pw@host/bot", "postgresql+asyncpg://u:pw@host/bot"),
        ("postgresql+psycopg2://u@host/bot", "postgresql+asyncpg://u@host/bot"),
        ("postgresql+asyncpg://u:pw@host/bot", "postgresql+asyncpg://u:pw@host/bot"),
        (
            "postgres://u:p%40ss@h:5432/d?sslmode=require",
            "postgresql+asyncpg://u:p%40ss@h:5432/d?ssl=require",
        ),
        (
            "postgresql://u@h/d?sslmode=verify-full&application_name=x",
            "postgresql+asyncpg://u@h/d?application_name=x&ssl=verify-full",
        ),
    ],
)
def test_postgres_forms_become_asyncpg(raw: str, expected: str) -> None:
    assert normalise_url(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "mysql://u:hunter2@h/d",
        "garbage",
        "http://example.org",
        "postgresql://u:hunter2@h:port/d",
        "sqlite://somehost/file.sqlite3",
        "oracle+cx_oracle://u@h/d",
    ],
)
def test_other_urls_are_rejected_naming_the_accepted_forms(raw: str) -> None:
    with pytest.raises(ValueError, match="accepted forms: sqlite:///") as caught:
        normalise_url(raw)
    message = str(caught.value)
    assert "postgresql://user:password@host:port/dbname" in message
    assert "hunter2" not in message and "\n" not in message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("postgresql+asyncpg://u:s3cret@h:5432/d", "postgresql+asyncpg://u:***@h:5432/d"),
        ("postgres://u:s3cret@h:notaport/d", "postgres://u:***@h:notaport/d"),
        ("sqlite+aiosqlite:///bot.sqlite3", "sqlite+aiosqlite:///bot.sqlite3"),
        ("postgresql://u@h/d", "postgresql://u@h/d"),
    ],
)
def test_redacted_hides_the_password(raw: str, expected: str) -> None:
    assert redacted(raw) == expected
