"""Groups (mention, reply, commands, other people's buttons) and inline mode."""

from __future__ import annotations

from tests.e2e.conftest import RunningBot
from tests.fakebot import FakeBotAPI


async def test_group_answers_a_mention_and_a_reply_but_not_other_talk(
    bot: RunningBot, fake_bot_api: FakeBotAPI
) -> None:
    name = fake_bot_api.bot.username
    await fake_bot_api.user_sends("wp 3.5 is lastig", chat="group")  # not for the bot
    asked = await fake_bot_api.user_sends(f"@{name} wp 3.5", chat="group")
    await fake_bot_api.wait_for("sendMessage")
    [answer] = fake_bot_api.messages_in("group")
    assert (answer.text or "").startswith("3.5 Onderhandelt met de account")
    assert answer.data["reply_to_message"]["message_id"] == asked.message_id

    await fake_bot_api.user_sends("en de competenties?", chat="group", reply_to=answer)
    await fake_bot_api.wait_for("sendMessage")
    follow_up = fake_bot_api.last_message("group")
    assert "Competenties" in (follow_up.text or "").split("\n\n")[1]
    assert len(fake_bot_api.messages_in("group")) == 2


async def test_group_command_with_the_bots_name(bot: RunningBot, fake_bot_api: FakeBotAPI) -> None:
    await fake_bot_api.user_sends("/help@someotherbot", chat="group")  # another bot's command
    await fake_bot_api.user_sends(f"/help@{fake_bot_api.bot.username}", chat="group")
    await fake_bot_api.wait_for("sendMessage")
    [answer] = fake_bot_api.messages_in("group")
    assert (answer.text or "").startswith("Zo werkt Dossierbot")


async def test_personal_buttons_only_work_for_the_asker(
    bot: RunningBot, fake_bot_api: FakeBotAPI
) -> None:
    bob = fake_bot_api.new_user("Bob", username="bob")
    await fake_bot_api.user_sends("/dossier", chat="group")
    await fake_bot_api.wait_for("sendMessage")
    menu = fake_bot_api.last_message("group")
    query = await fake_bot_api.user_presses(menu, "d|commercie:P4", user=bob)
    await fake_bot_api.wait_for(lambda: fake_bot_api.callback_answer(query))
    assert "iemand anders" in fake_bot_api.callback_answer(query)["text"]
    assert fake_bot_api.calls_to("editMessageText") == []
    assert await bot.user_row(bob.id) is None

    await fake_bot_api.user_presses(menu, "d|commercie:P4")  # Alice, who asked
    await fake_bot_api.wait_for("editMessageText")
    assert (await bot.user_row(fake_bot_api.default_user.id)).dossier == "commercie:P4"


async def test_anyone_may_browse_an_answer_in_a_group(
    bot: RunningBot, fake_bot_api: FakeBotAPI
) -> None:
    bob = fake_bot_api.new_user("Bob", username="bob")
    await fake_bot_api.user_sends(f"@{fake_bot_api.bot.username} B1-K1-W2", chat="group")
    await fake_bot_api.wait_for("sendMessage")
    await fake_bot_api.user_presses(fake_bot_api.last_message("group"), "Gedrag", user=bob)
    await fake_bot_api.wait_for("editMessageText")
    assert "Gedrag" in (fake_bot_api.last_message("group").text or "")


async def test_inline_query_returns_articles(bot: RunningBot, fake_bot_api: FakeBotAPI) -> None:
    query = await fake_bot_api.user_inline_query("klachten")
    await fake_bot_api.wait_for("answerInlineQuery")
    answer = fake_bot_api.inline_answer(query)
    assert answer is not None
    results = answer["results"]
    assert 1 <= len(results) <= 10
    first = results[0]
    assert first["type"] == "article"
    assert " — " in first["description"]
    content = first["input_message_content"]
    assert content["parse_mode"] == "HTML"
    assert content["message_text"].startswith("<b>")
    assert len({r["id"] for r in results}) == len(results)
    assert answer["button"]["start_parameter"] == "inline"
    assert await bot.user_row(fake_bot_api.default_user.id) is None  # inline stores nothing


async def test_inline_query_by_code_and_empty(bot: RunningBot, fake_bot_api: FakeBotAPI) -> None:
    query = await fake_bot_api.user_inline_query("wp 3.5")
    await fake_bot_api.wait_for("answerInlineQuery")
    titles = [r["title"] for r in fake_bot_api.inline_answer(query)["results"]]
    assert titles[0] == "3.5 Onderhandelt met de account"

    query = await fake_bot_api.user_inline_query("")
    await fake_bot_api.wait_for("answerInlineQuery")
    empty = fake_bot_api.inline_answer(query)
    assert empty["results"] == []
    assert empty["button"]["text"] == "Open in de chat met Dossierbot"
