"""The control API itself: polls, inline queries, waiting, faults by name, spec location."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from telegram import Bot, InlineQueryResultArticle, InputTextMessageContent

from tests.fakebot import FakeBotAPI
from tests.fakebot.spec import DEFAULT_SPEC, SPEC_ENV, spec_path


async def test_poll_votes_reach_the_bot(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    chat = fake_bot_api.private_chat()
    sent = await bot.send_poll(
        chat.id, "Hoofdstad?", ["Amsterdam", "Den Haag"], is_anonymous=False
    )
    assert sent.poll is not None
    await fake_bot_api.user_answers_poll(sent.poll.id, [0])
    answer, state = await bot.get_updates()
    assert answer.poll_answer is not None and answer.poll_answer.option_ids == (0,)
    assert state.poll is not None and state.poll.options[0].voter_count == 1
    stopped = await bot.stop_poll(chat.id, sent.message_id)
    assert stopped.is_closed and fake_bot_api.last_message(chat).poll["is_closed"]
    with pytest.raises(AssertionError, match="closed"):
        await fake_bot_api.user_answers_poll(sent.poll.id, [1])


async def test_inline_query_answer_is_recorded(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    query_id = await fake_bot_api.user_inline_query("marketing")
    (update,) = await bot.get_updates()
    assert update.inline_query is not None and update.inline_query.query == "marketing"
    article = InlineQueryResultArticle(
        "1", "4P", InputTextMessageContent("<b>Product</b>", "HTML")
    )
    await bot.answer_inline_query(query_id, [article])
    answer = fake_bot_api.inline_answer(query_id)
    assert answer is not None and answer["results"][0]["title"] == "4P"
    with pytest.raises(Exception, match=r"(?i)query is too old"):
        await bot.answer_inline_query(query_id, [article])


async def test_wait_for_times_out_with_the_call_log(fake_bot_api: FakeBotAPI) -> None:
    await fake_bot_api.user_sends("hallo?")
    with pytest.raises(AssertionError, match=r"timed out after 0\.1s"):
        await fake_bot_api.wait_for("sendMessage", timeout=0.1)


async def test_wait_for_fails_fast_on_a_violation(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    chat = fake_bot_api.private_chat()
    await fake_bot_api.user_sends("hallo")
    with pytest.raises(Exception, match="can't parse entities"):
        await bot.send_message(chat.id, "<p>", parse_mode="HTML")
    with pytest.raises(AssertionError, match="invalid Bot API call"):
        await fake_bot_api.wait_for("editMessageText")
    assert fake_bot_api.take_violations()


async def test_wait_for_a_predicate(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    chat = fake_bot_api.private_chat()
    sending = asyncio.create_task(bot.send_message(chat.id, "klaar"))
    await fake_bot_api.wait_for(lambda: fake_bot_api.last_message(chat).text == "klaar")
    await sending


async def test_method_names_are_checked(fake_bot_api: FakeBotAPI) -> None:
    with pytest.raises(ValueError, match="no method"):
        fake_bot_api.fail("sendMesage", 500)
    with pytest.raises(ValueError, match="no method"):
        await fake_bot_api.wait_for("sendMesage")


async def test_webhook_info_counts_pending_updates(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    await fake_bot_api.user_sends("een")
    info = await bot.get_webhook_info()
    assert (info.url, info.pending_update_count) == ("", 1)


def test_spec_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    assert fixtures / "telegram" / "bot-api.json" == DEFAULT_SPEC
    assert DEFAULT_SPEC.is_file() and (DEFAULT_SPEC.parent / "LICENSE").is_file()
    monkeypatch.setenv(SPEC_ENV, str(tmp_path / "other.json"))
    assert spec_path() == tmp_path / "other.json"
