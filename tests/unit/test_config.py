"""Settings from environment variables: defaults, parsing and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import (
    DEFAULT_API_BASE_URL,
    ConfigError,
    load_dotenv_file,
    redacted_url,
    settings_from,
)


def test_development_defaults() -> None:
    settings = settings_from({})
    assert settings.telegram.token is None
    assert settings.telegram.api_base_url == DEFAULT_API_BASE_URL
    assert settings.telegram.webhook_url is None and settings.telegram.port == 8080
    assert settings.database_url is None
    assert settings.timezone.key == "Europe/Amsterdam" and settings.log_level == "INFO"


def test_values_are_read_and_trimmed() -> None:
    settings = settings_from(
        {
            "TELEGRAM_BOT_TOKEN": " 123:abc ",
            "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot",
            "WEBHOOK_URL": "https://bot.example.org",
            "WEBHOOK_SECRET": "s3cret",
            "PORT": "5000",
            "DATABASE_URL": "postgres://u:p@db/x",
            "TZ": "UTC",
            "LOG_LEVEL": "debug",
        }
    )
    assert settings.telegram.token == "123:abc"
    assert settings.telegram.api_base_url == "http://127.0.0.1:8081/bot"
    assert settings.telegram.port == 5000 and settings.log_level == "DEBUG"
    assert settings.database_url == "postgres://u:p@db/x" and settings.timezone.key == "UTC"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"PORT": "http"}, "PORT must be a number"),
        ({"PORT": "70000"}, "between 1 and 65535"),
        ({"TZ": "Mars/Olympus"}, "TZ is not a known time zone"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL must be one of"),
    ],
)
def test_bad_values_name_the_setting(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        settings_from(env)


def test_dotenv_never_overrides_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".env").write_text("DOSSIERBOT_X=from-file\nDOSSIERBOT_Y=from-file\n")
    monkeypatch.setenv("DOSSIERBOT_X", "from-env")
    monkeypatch.delenv("DOSSIERBOT_Y", raising=False)
    load_dotenv_file(tmp_path / ".env")
    import os

    assert os.environ["DOSSIERBOT_X"] == "from-env"
    assert os.environ["DOSSIERBOT_Y"] == "from-file"
    monkeypatch.delenv("DOSSIERBOT_Y")


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (DEFAULT_API_BASE_URL, DEFAULT_API_BASE_URL),
        ("http://127.0.0.1:8081/bot", "http://127.0.0.1:8081/bot"),
        ("https://user:hunter2@proxy.example:8443/bot", "https://***@proxy.example:8443/bot"),
        ("https://hunter2@proxy.example/bot", "https://***@proxy.example/bot"),
        ("https://u:hunter2@with@at@proxy/bot", "https://***@proxy/bot"),
        ("user:hunter2@proxy/bot", "***@proxy/bot"),
        ("https://api.telegram.org/bot123:hunter2-xyz", "https://api.telegram.org/bot***"),
        ("https://api.telegram.org/bot123:hunter2/getMe", "https://api.telegram.org/bot***/getMe"),
        ("https://bot.example.org/bot", "https://bot.example.org/bot"),  # a host, not a token
        ("https://proxy/bot?key=hunter2&v=1", "https://proxy/bot?key=***&v=***"),
        ("https://proxy/p@th/bot", "https://proxy/p@th/bot"),  # '@' in the path is no userinfo
        ("", ""),
    ],
)
def test_redacted_url_hides_credentials_and_the_token(url: str, shown: str) -> None:
    assert redacted_url(url) == shown
    assert "hunter2" not in redacted_url(url)
