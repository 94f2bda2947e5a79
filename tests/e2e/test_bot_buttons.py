"""Phone-sized answers in the running bot: compact navigation buttons, 'Meer' pages that only
swap the keyboard, typed numbers, small talk; every message valid HTML within 4,096."""

from __future__ import annotations

from tests.e2e.conftest import RunningBot
from tests.fakebot import FakeBotAPI, StoredMessage
from tests.fakebot.html import parse_html

MESSAGE_TEXT = 4096


async def ask(fake: FakeBotAPI, text: str) -> StoredMessage:
    """Send a text in the private chat; the bot's new message."""
    await fake.user_sends(text)
    await fake.wait_for("sendMessage")
    return fake.last_message()


def labels(message: StoredMessage) -> list[list[str]]:
    return [[button.text for button in row] for row in message.keyboard]


def assert_every_text_fits(fake: FakeBotAPI) -> None:
    """What the bot sent or edited in: valid HTML, within Telegram's message limit."""
    texts = [
        call.params["text"]
        for call in fake.calls
        if call.method.lower() in ("sendmessage", "editmessagetext") and call.ok
    ]
    assert texts
    for text in texts:
        assert 0 < len(parse_html(text).strip()) <= MESSAGE_TEXT
    assert fake.violations == []


async def test_kerntaak_shows_compact_werkproces_buttons_that_edit_the_answer(
    bot: RunningBot, fake_bot_api: FakeBotAPI
) -> None:
    answer = await ask(fake_bot_api, "P4-K1")
    assert (answer.text or "").startswith("P4-K1 Voert het accountmanagement uit")
    rows = labels(answer)
    assert rows[:2] == [["W1", "W2", "W3", "W4"], ["W5"]]  # four to a row
    assert rows[-1] == ["Meer ›"]
    assert sum(len(row) for row in rows[2:]) <= 4  # follow-ups in view, 'Meer' included

    await fake_bot_api.user_presses(answer, "W2")
    await fake_bot_api.wait_for("editMessageText")
    edited = fake_bot_api.last_message()
    assert edited.message_id == answer.message_id
    assert (edited.text or "").startswith("P4-K1-W2 Stelt een accountplan op")
    assert len(fake_bot_api.messages_in()) == 1
    assert_every_text_fits(fake_bot_api)


async def test_more_swaps_only_the_keyboard(bot: RunningBot, fake_bot_api: FakeBotAPI) -> None:
    answer = await ask(fake_bot_api, "P4-K1")
    text, first_page = answer.text, labels(answer)
    await fake_bot_api.user_presses(answer, "Meer ›")
    [edit] = await fake_bot_api.wait_for("editMessageReplyMarkup")
    assert edit.status == 200 and "text" not in edit.params
    assert fake_bot_api.calls_to("editMessageText") == []
    page = fake_bot_api.last_message()
    assert page.message_id == answer.message_id and page.text == text
    assert labels(page)[:2] == first_page[:2]  # the werkprocessen stay
    assert labels(page) != first_page
    back = labels(page)[-1][-1]
    assert back in ("Meer ›", "‹ Terug")

    while back == "Meer ›":  # page on to the end, then back to the first page
        before = len(fake_bot_api.calls_to("editMessageReplyMarkup"))
        await fake_bot_api.user_presses(fake_bot_api.last_message(), "Meer ›")
        await fake_bot_api.wait_for(
            lambda: len(fake_bot_api.calls_to("editMessageReplyMarkup")) > before  # noqa: B023
        )
        back = labels(fake_bot_api.last_message())[-1][-1]
    await fake_bot_api.user_presses(fake_bot_api.last_message(), "‹ Terug")
    await fake_bot_api.wait_for("editMessageReplyMarkup")
    assert labels(fake_bot_api.last_message()) == first_page
    assert fake_bot_api.last_message().text == text
    assert_every_text_fits(fake_bot_api)


async def test_read_on_shows_the_full_text_in_the_same_message(
    bot: RunningBot, fake_bot_api: FakeBotAPI
) -> None:
    answer = await ask(fake_bot_api, "welke vakkennis hoort bij B1-K1-W2")
    shortened = answer.text or ""  # the stored message is edited in place below
    assert "[…]" in shortened
    assert labels(answer)[0][0] == "Lees verder"
    await fake_bot_api.user_presses(answer, "Lees verder")
    await fake_bot_api.wait_for("editMessageText")
    full = fake_bot_api.last_message()
    assert full.message_id == answer.message_id
    assert "[…]" not in (full.text or "")
    assert len(full.text or "") > len(shortened)
    assert_every_text_fits(fake_bot_api)


async def test_a_typed_number_picks_that_button(bot: RunningBot, fake_bot_api: FakeBotAPI) -> None:
    listing = await ask(fake_bot_api, "werkproces 2.4")
    second = listing.buttons[1]
    assert second.callback_data == "i|commercie-cgo:2.4"
    picked = await ask(fake_bot_api, "2")
    assert (picked.text or "").startswith("2.4 ")
    assert "Bron: CGO-dossier" in (picked.text or "")

    await fake_bot_api.user_presses(listing, second.callback_data)
    await fake_bot_api.wait_for("editMessageText")
    assert fake_bot_api.messages_in()[0].text == picked.text  # the same as pressing it
    assert_every_text_fits(fake_bot_api)


async def test_small_talk_gets_a_chat_reply(bot: RunningBot, fake_bot_api: FakeBotAPI) -> None:
    hello = await ask(fake_bot_api, "hoi")
    assert (hello.text or "").startswith("Hoi Alice! Waar kan ik je mee helpen?")
    assert labels(hello) == [["Kies je dossier", "Hulp"]]
    thanks = await ask(fake_bot_api, "bedankt!")
    assert thanks.text == "Graag gedaan! Vraag gerust verder."
    assert "niet in het kwalificatiedossier" not in (thanks.text or "")
    await fake_bot_api.user_presses(hello, "Kies je dossier")
    await fake_bot_api.wait_for("editMessageText")
    assert "Welk dossier volg je?" in (fake_bot_api.messages_in()[0].text or "")
    assert_every_text_fits(fake_bot_api)


async def test_a_statement_and_ja_set_the_dossier(
    bot: RunningBot, fake_bot_api: FakeBotAPI
) -> None:
    offer = await ask(fake_bot_api, "ik doe P4")
    assert labels(offer)[0] == ["Ja, stel P4 in"]
    done = await ask(fake_bot_api, "ja")
    assert "Je dossier: P4 Junior accountmanager" in (done.text or "")
    assert (await bot.user_row(fake_bot_api.default_user.id)).dossier == "commercie:P4"
    assert_every_text_fits(fake_bot_api)
