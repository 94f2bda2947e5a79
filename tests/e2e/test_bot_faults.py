"""Telegram failing (429, 500) and the bot restarting between a message and its follow-up."""

from __future__ import annotations

import logging

import pytest

from tests.e2e.conftest import RunningBot
from tests.fakebot import FakeBotAPI
from tests.fakebot.users import callback_query


async def test_flood_limit_is_waited_out_and_the_answer_delivered(
    bot: RunningBot, fake_bot_api: FakeBotAPI
) -> None:
    fake_bot_api.fail("sendMessage", 429, retry_after=1, times=1)
    await fake_bot_api.user_sends("wp 3.5")
    await fake_bot_api.wait_for("sendMessage", timeout=5)
    assert [c.status for c in fake_bot_api.calls_to("sendMessage")] == [429, 200]
    assert (fake_bot_api.last_message().text or "").startswith("3.5 Onderhandelt")


async def test_server_error_is_retried_and_the_answer_delivered(
    bot: RunningBot, fake_bot_api: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    """A 500 means Telegram did not take the message: it is sent again, with no apology."""
    fake_bot_api.fail("sendMessage", 500, times=2)
    await fake_bot_api.user_sends("wp 3.5")
    await fake_bot_api.wait_for("sendMessage", timeout=10)
    assert [c.status for c in fake_bot_api.calls_to("sendMessage")] == [500, 500, 200]
    [answer] = fake_bot_api.messages_in()
    assert (answer.text or "").startswith("3.5 Onderhandelt")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_failed_edit_falls_back_to_a_new_message(
    bot: RunningBot, fake_bot_api: FakeBotAPI
) -> None:
    fake_bot_api.fail("editMessageText", 400, description="Bad Request: message can't be edited")
    await fake_bot_api.user_sends("B1-K1-W2")
    await fake_bot_api.wait_for("sendMessage")
    await fake_bot_api.user_presses(fake_bot_api.last_message(), "Gedrag")
    await fake_bot_api.wait_for("sendMessage")
    _question, gedrag = fake_bot_api.messages_in()
    assert "Gedrag" in (gedrag.text or "").split("\n\n")[1]


async def test_old_button_works_after_a_restart(bot: RunningBot, fake_bot_api: FakeBotAPI) -> None:
    await fake_bot_api.user_sends("B1-K1-W2")
    await fake_bot_api.wait_for("sendMessage")
    answer = fake_bot_api.last_message()
    await bot.restart()
    query = await fake_bot_api.user_presses(answer, "Gedrag")
    await fake_bot_api.wait_for("editMessageText")
    assert fake_bot_api.callback_answer(query) is not None
    assert "Gedrag" in (fake_bot_api.last_message().text or "")


async def test_old_forget_button_after_the_user_was_forgotten(
    bot: RunningBot, fake_bot_api: FakeBotAPI
) -> None:
    """A confirmation pressed after a restart (and twice) answers politely, never raises."""
    await fake_bot_api.user_sends("/vergeet")
    await fake_bot_api.wait_for("sendMessage")
    confirm = fake_bot_api.last_message()
    await bot.restart()
    await fake_bot_api.user_presses(confirm, "v|ja")
    await fake_bot_api.wait_for("editMessageText")
    assert (fake_bot_api.last_message().text or "").startswith("Gedaan")
    assert fake_bot_api.calls_to("sendMessage")[1:] == []  # no error message


async def test_typed_follow_up_after_a_restart(bot: RunningBot, fake_bot_api: FakeBotAPI) -> None:
    await fake_bot_api.user_sends("wp 3.5")
    await fake_bot_api.wait_for("sendMessage")
    await bot.restart()
    await fake_bot_api.user_sends("en de competenties?")
    await fake_bot_api.wait_for("sendMessage")
    head, field, *_ = (fake_bot_api.last_message().text or "").split("\n\n")
    assert head.startswith("3.5 Onderhandelt met de account")
    assert field.startswith("Competenties\n• ")


@pytest.mark.parametrize("data", ["f|commercie:nope|gedrag", "f|x", "zzz", "d|commercie:P99"])
async def test_forged_callback_data_gets_a_polite_answer(
    bot: RunningBot, fake_bot_api: FakeBotAPI, data: str
) -> None:
    await fake_bot_api.user_sends("B1-K1-W2")
    await fake_bot_api.wait_for("sendMessage")
    answer = fake_bot_api.last_message()
    press = callback_query(fake_bot_api.world, fake_bot_api.default_user, answer, data)
    fake_bot_api.world.emit("callback_query", press)  # no such button: a forged press
    await fake_bot_api.wait_for("answerCallbackQuery", since=len(fake_bot_api.calls))
    alert = fake_bot_api.callback_answer(press["id"])
    assert alert is not None and alert.get("show_alert") in (True, "true")
    assert str(alert["text"]).startswith("Die knop werkt niet meer")
    assert (fake_bot_api.last_message().text or "").startswith("B1-K1-W2")  # answer kept
