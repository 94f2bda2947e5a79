"""Configuration from environment variables (and an optional .env file), as frozen dataclasses."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
_URL = re.compile(
    r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)?(?P<authority>[^/?#]*)(?P<path>[^?#]*)(?P<rest>.*)",
    re.DOTALL,
)
_BOT_TOKEN = re.compile(r"(/bot)[^/]+")  # Bot API paths: /bot<token>/<method>
_QUERY_VALUE = re.compile(r"(?<=[?&;])([^=&;#]*)=[^&;#]*")


class ConfigError(ValueError):
    """A setting has a value we cannot use; the message says which and why."""


@dataclass(frozen=True)
class Telegram:
    token: str | None
    api_base_url: str
    webhook_url: str | None  # set: webhook mode; unset: long polling
    webhook_secret: str | None
    port: int


@dataclass(frozen=True)
class Settings:
    telegram: Telegram
    database_url: str | None  # None: the embedded SQLite file (see bot.store.url)
    timezone: ZoneInfo
    log_level: str


def redacted_url(url: str) -> str:
    """The URL safe to print: user:password, a /bot<token> path and query values are ***.

    For TELEGRAM_API_BASE_URL, which may point at a proxy or local Bot API server with
    credentials in it (https://user:password@proxy/bot) or embed the token (.../bot123:ABC).
    """
    parts = _URL.fullmatch(url.strip())
    assert parts is not None  # every part is optional: any text matches
    authority = parts["authority"]
    if "@" in authority:
        authority = "***@" + authority.rpartition("@")[2]
    path = _BOT_TOKEN.sub(r"\1***", parts["path"])
    rest = _QUERY_VALUE.sub(r"\1=***", parts["rest"])
    return f"{parts['scheme'] or ''}{authority}{path}{rest}"


def load_dotenv_file(path: Path = Path(".env")) -> None:
    """Read KEY=VALUE lines of a .env file into os.environ, never overriding what is set."""
    if path.is_file():
        from dotenv import load_dotenv

        load_dotenv(path, override=False)


def _port(value: str | None) -> int:
    try:
        port = int(value or "8080")
    except ValueError:
        raise ConfigError(f"PORT must be a number, got {value!r}") from None
    if not 1 <= port <= 65535:
        raise ConfigError(f"PORT must be between 1 and 65535, got {port}")
    return port


def _timezone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"TZ is not a known time zone: {name!r}") from None


def settings_from(env: Mapping[str, str]) -> Settings:
    """Settings from a mapping of environment variables (development defaults)."""
    level = (env.get("LOG_LEVEL") or "INFO").upper()
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {level!r}")
    telegram = Telegram(
        token=(env.get("TELEGRAM_BOT_TOKEN") or "").strip() or None,
        api_base_url=(env.get("TELEGRAM_API_BASE_URL") or DEFAULT_API_BASE_URL).strip(),
        webhook_url=(env.get("WEBHOOK_URL") or "").strip() or None,
        webhook_secret=(env.get("WEBHOOK_SECRET") or "").strip() or None,
        port=_port(env.get("PORT")),
    )
    return Settings(
        telegram=telegram,
        database_url=(env.get("DATABASE_URL") or "").strip() or None,
        timezone=_timezone(env.get("TZ") or "Europe/Amsterdam"),
        log_level=level,
    )


def settings() -> Settings:
    """Settings from the process environment, after reading .env when present."""
    load_dotenv_file()
    return settings_from(os.environ)
