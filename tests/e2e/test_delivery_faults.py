"""Telegram misbehaving while students chat: one chat's flood wait, 5xx, hangs, late presses.

The bot's one delivery path (bot.telegram.postman and delivery) must keep every other chat
going, deliver the answer once Telegram recovers, and never apologise for a message that may
have arrived.
"""

from __future__ import annotations

import logging
import time

import pytest

from tests.e2e.conftest import RunningBot
from tests.fakebot import FakeBotAPI

APOLOGY = "Sorry, er ging iets mis"


async def test_a_flood_wait_on_one_chat_does_not_hold_up_the_others(
    bot: RunningBot, fake_bot_api: FakeBotAPI
) -> None:
    flooded, other = fake_bot_api.new_user("Fleur"), fake_bot_api.new_user("Omar")
    fake_bot_api.flood(flooded.id, retry_after=3)
    started = time.monotonic()
    await fake_bot_api.user_sends("wp 3.5", user=flooded)
    await fake_bot_api.user_sends("B1-K1-W2", user=other)
    await fake_bot_api.wait_for(lambda: fake_bot_api.messages_in(other.id), timeout=5)
    other_waited = time.monotonic() - started
    assert other_waited < 1.5, f"the other chat waited {other_waited:.1f} s"
    assert fake_bot_api.messages_in(flooded.id) == []  # still in its flood wait
    await fake_bot_api.wait_for(lambda: fake_bot_api.messages_in(flooded.id), timeout=8)
    assert time.monotonic() - started >= 2.5  # it waited for Telegram's retry_after
    [answer] = fake_bot_api.messages_in(flooded.id)
    assert (answer.text or "").startswith("3.5 Onderhandelt")
    refused = [c for c in fake_bot_api.calls_to("sendMessage") if c.status == 429]
    assert refused and {c.params["chat_id"] for c in refused} == {flooded.id}


async def test_429s_in_a_row_then_the_answer(bot: RunningBot, fake_bot_api: FakeBotAPI) -> None:
    fake_bot_api.fail("sendMessage", 429, retry_after=1, times=4)
    await fake_bot_api.user_sends("wp 3.5")
    await fake_bot_api.wait_for(lambda: fake_bot_api.messages_in(), timeout=10)
    assert [c.status for c in fake_bot_api.calls_to("sendMessage")] == [429] * 4 + [200]
    [answer] = fake_bot_api.messages_in()
    assert (answer.text or "").startswith("3.5 Onderhandelt")


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_server_errors_are_retried_until_the_answer_is_delivered(
    bot: RunningBot, fake_bot_api: FakeBotAPI, status: int, caplog: pytest.LogCaptureFixture
) -> None:
    fake_bot_api.fail("sendMessage", status, times=3)
    await fake_bot_api.user_sends("wp 3.5")
    await fake_bot_api.wait_for(lambda: fake_bot_api.messages_in(), timeout=10)
    [answer] = fake_bot_api.messages_in()
    assert (answer.text or "").startswith("3.5 Onderhandelt")
    assert not any(APOLOGY in (m.text or "") for m in fake_bot_api.messages_in())
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_dropped_connection_is_retried(bot: RunningBot, fake_bot_api: FakeBotAPI) -> None:
    fake_bot_api.drop("sendMessage", times=2)
    await fake_bot_api.user_sends("wp 3.5")
    await fake_bot_api.wait_for(lambda: fake_bot_api.messages_in(), timeout=10)
    assert len(fake_bot_api.messages_in()) == 1


async def test_a_hung_send_is_given_up_and_sent_again_without_an_apology(
    bot: RunningBot, fake_bot_api: FakeBotAPI
) -> None:
    """The send hangs past the read timeout (2 s here) without arriving: sent again, once."""
    fake_bot_api.hang("sendMessage")
    await fake_bot_api.user_sends("wp 3.5")
    await fake_bot_api.wait_for(lambda: fake_bot_api.messages_in(), timeout=15)
    [answer] = fake_bot_api.messages_in()
    assert (answer.text or "").startswith("3.5 Onderhandelt")


async def test_a_slow_send_gets_no_apology(bot: RunningBot, fake_bot_api: FakeBotAPI) -> None:
    """Telegram stores the message but answers late (8 s in the field, 1.5 s here)."""
    fake_bot_api.slow("sendMessage", 1.5)
    await fake_bot_api.user_sends("wp 3.5")
    await fake_bot_api.wait_for(lambda: fake_bot_api.calls_to("sendMessage"), timeout=10)
    [answer] = fake_bot_api.messages_in()
    assert (answer.text or "").startswith("3.5 Onderhandelt")
    assert [c.status for c in fake_bot_api.calls_to("sendMessage")] == [200]


async def test_a_button_pressed_long_ago_still_gets_its_edit(
    bot: RunningBot, fake_bot_api: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    """After downtime Telegram refuses the late answerCallbackQuery; the edit still comes."""
    await fake_bot_api.user_sends("B1-K1-W2")
    await fake_bot_api.wait_for(lambda: fake_bot_api.messages_in(), timeout=5)
    fake_bot_api.fail(
        "answerCallbackQuery",
        400,
        description="Bad Request: query is too old and response timeout expired or query ID "
        "is invalid",
    )
    await fake_bot_api.user_presses(fake_bot_api.last_message(), "Gedrag")
    await fake_bot_api.wait_for("editMessageText", timeout=5)
    [shown] = fake_bot_api.messages_in()
    assert "Gedrag" in (shown.text or "")
    assert not any(APOLOGY in (m.text or "") for m in fake_bot_api.messages_in())
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_answers_keep_their_order_through_a_run_of_server_errors(
    bot: RunningBot, fake_bot_api: FakeBotAPI
) -> None:
    """The first answer is retried in its chat's lane; the second waits behind it."""
    fake_bot_api.fail("sendMessage", 502, times=8)
    await fake_bot_api.user_sends("wp 3.5")
    await fake_bot_api.user_sends("B1-K1-W2")
    await fake_bot_api.wait_for(lambda: len(fake_bot_api.messages_in()) == 2, timeout=15)
    first, second = (m.text or "" for m in fake_bot_api.messages_in())
    assert first.startswith("3.5 Onderhandelt") and second.startswith("B1-K1-W2")
