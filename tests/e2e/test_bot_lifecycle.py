"""Start-up, shutdown, the command menu and webhook mode."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import httpx
import pytest

from bot.answers.service import Answers
from bot.bootstrap import service_factory
from bot.core.commands import menu
from bot.telegram.app import build_application, run, serve
from tests.e2e.conftest import RunningBot, bot_settings, fast_builder, free_port
from tests.fakebot import FakeBotAPI


async def test_command_menu_in_dutch_and_english(
    bot: RunningBot, fake_bot_api: FakeBotAPI
) -> None:
    calls = fake_bot_api.calls_to("setMyCommands")
    assert [c.status for c in calls] == [200, 200]  # the fake accepted both menus
    by_language = {c.params.get("language_code"): c.params["commands"] for c in calls}
    names = [spec.name for spec in menu()]  # the one command table
    assert names == ["start", "help", "dossier", "privacy", "vergeet"]
    assert set(by_language) == {None, "en"}
    for commands in by_language.values():
        assert [c["command"] for c in commands] == names
    assert by_language[None][4]["description"] == "Wis alles wat ik over je weet"
    assert by_language["en"][4]["description"] == "Erase everything I know about you"


async def test_webhook_mode_with_secret_and_health_check(
    fake_bot_api: FakeBotAPI, tmp_path: Path, answers: Answers
) -> None:
    port = free_port()
    settings = bot_settings(
        fake_bot_api,
        tmp_path,
        WEBHOOK_URL="https://bot.example.nl/telegram",
        WEBHOOK_SECRET="s3cret",
        PORT=str(port),
    )
    webhook_bot = await RunningBot(fake_bot_api, settings, answers).start()
    try:
        assert fake_bot_api.webhook.url == "https://bot.example.nl/telegram"
        assert fake_bot_api.webhook.secret_token == "s3cret"
        fake_bot_api.webhook_target = f"http://127.0.0.1:{port}/telegram"
        await fake_bot_api.user_sends("wp 3.5")
        await fake_bot_api.wait_for("sendMessage")
        assert (fake_bot_api.last_message().text or "").startswith("3.5 Onderhandelt")
        status, update = fake_bot_api.webhook_deliveries[-1]
        assert status == 200
        assert await fake_bot_api.post_webhook(update, secret_token=None) == 403
        assert await fake_bot_api.post_webhook(update, secret_token="fout") == 403
        assert fake_bot_api.calls_to("getUpdates") == []
        async with httpx.AsyncClient() as client:
            health = await client.get(f"http://127.0.0.1:{port}/healthz")
            garbage = await client.post(
                f"http://127.0.0.1:{port}/telegram",
                content=b"{not json",
                headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"},
            )
        assert (health.status_code, health.text) == (200, "ok")
        assert garbage.status_code == 400
    finally:
        await webhook_bot.stop()
    assert len(fake_bot_api.calls_to("sendMessage")) == 1  # refused updates were not handled


async def test_sigterm_stops_the_bot_and_closes_the_store(
    fake_bot_api: FakeBotAPI, tmp_path: Path, answers: Answers
) -> None:
    settings = bot_settings(fake_bot_api, tmp_path)
    app = build_application(
        settings, service_factory(settings, answers), builder=fast_builder(fake_bot_api)
    )
    task = asyncio.create_task(serve(app, settings, listen="127.0.0.1"))
    await fake_bot_api.user_sends("wp 3.5")
    await fake_bot_api.wait_for("sendMessage")
    assert app.running and app.bot_data.services is not None
    os.kill(os.getpid(), signal.SIGTERM)  # serve() installed a handler for it
    await asyncio.wait_for(task, timeout=10)
    assert not app.running
    assert app.bot_data.services is None  # post_shutdown closed the store


async def test_invalid_token_exits_1_with_one_line(
    fake_bot_api: FakeBotAPI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = bot_settings(fake_bot_api, tmp_path, TELEGRAM_BOT_TOKEN="123:not-the-token")
    assert await asyncio.to_thread(run, settings) == 1
    err = capsys.readouterr().err
    assert err == "dossierbot: Telegram rejected TELEGRAM_BOT_TOKEN; check it with @BotFather\n"
    assert "not-the-token" not in err
    assert [v.description for v in fake_bot_api.take_violations()] == ["wrong bot token"]


async def test_unreachable_database_exits_1_with_one_line(
    fake_bot_api: FakeBotAPI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no" / "such" / "folder" / "bot.sqlite3"
    settings = bot_settings(fake_bot_api, tmp_path, DATABASE_URL=f"sqlite:///{missing}")
    assert await asyncio.to_thread(run, settings) == 1
    err = capsys.readouterr().err
    assert err.startswith("dossierbot: cannot open the database ")
    assert err.count("\n") == 1 and "does not exist" in err


async def dossierbot_run(
    env: dict[str, str], cwd: Path, stdin: bytes = b""
) -> tuple[int, str, str]:
    """`python -m bot run` as a process (the fake keeps serving in this event loop)."""
    clean = {k: v for k, v in os.environ.items() if k not in ENV_KEYS}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=cwd,  # no .env file there
        env=clean | env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(stdin), timeout=30)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


ENV_KEYS = {
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_API_BASE_URL",
    "WEBHOOK_URL",
    "WEBHOOK_SECRET",
    "PORT",
    "DATABASE_URL",
    "LOG_LEVEL",
}


@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
async def test_cli_run_with_a_rejected_token(
    fake_bot_api: FakeBotAPI, tmp_path: Path, level: str
) -> None:
    env = {
        "TELEGRAM_BOT_TOKEN": "123:not-the-token",
        "TELEGRAM_API_BASE_URL": fake_bot_api.base_url,
        "LOG_LEVEL": level,
    }
    code, out, err = await dossierbot_run(env, tmp_path)
    assert (code, out) == (1, "")
    message = "dossierbot: Telegram rejected TELEGRAM_BOT_TOKEN; check it with @BotFather\n"
    if level == "INFO":
        assert err == message  # one line, nothing else
    assert err.endswith(message)
    assert "Traceback" not in err and "not-the-token" not in err
    fake_bot_api.take_violations()


async def test_cli_run_without_a_token_starts_the_terminal_chat(tmp_path: Path) -> None:
    code, out, err = await dossierbot_run({}, tmp_path, stdin=b"wp 3.5\nstop\n")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "TELEGRAM_BOT_TOKEN is not set: starting the terminal chat"
    assert "3.5 Onderhandelt met de account" in out
    assert err == ""


async def test_application_wiring(bot: RunningBot) -> None:
    app = bot.app
    assert app is not None
    assert app.job_queue is not None  # drills are scheduled on it later
    defaults = app.bot.defaults
    assert defaults is not None
    assert (defaults.parse_mode, str(defaults.tzinfo)) == ("HTML", "Europe/Amsterdam")
    assert app.updater is None  # it would confirm updates before they were handled
    assert app.bot.rate_limiter is None  # bot.telegram.delivery paces per chat instead
    assert app.bot.base_url.startswith(f"{bot.fake.base_url}")
