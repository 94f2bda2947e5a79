"""The real python-telegram-bot Bot against the fake: round trips, rejections, files, auth."""

from __future__ import annotations

import io

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, EndPointNotFound, InvalidToken
from telegram.warnings import PTBUserWarning

from tests.fakebot import FakeBotAPI


async def test_get_me(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (123456789, "dossier_test_bot", True)
    assert fake_bot_api.calls_to("getMe")[-1].ok


async def test_send_message_html_round_trips(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    chat = fake_bot_api.private_chat()
    kb = InlineKeyboardMarkup([[InlineKeyboardButton("Ja", callback_data="ja")]])
    sent = await bot.send_message(chat.id, "<b>Hoi</b> &lt;3", parse_mode="HTML", reply_markup=kb)
    assert sent.text == "Hoi <3"
    assert sent.from_user is not None and sent.from_user.id == fake_bot_api.bot.id
    assert sent.reply_markup == kb
    stored = fake_bot_api.last_message(chat)
    assert (stored.text, stored.raw_text, stored.parse_mode) == (
        "Hoi <3",
        "<b>Hoi</b> &lt;3",
        "HTML",
    )
    assert [(b.text, b.callback_data) for b in stored.buttons] == [("Ja", "ja")]
    assert fake_bot_api.calls_to("sendMessage")[-1].params["chat_id"] == chat.id


async def test_unknown_chat_is_not_found(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(424242, "hallo")


@pytest.mark.parametrize(
    ("text", "parse_mode", "words"),
    [
        ("x" * 4097, None, "1-4096 characters"),
        ("<div>blok</div>", "HTML", 'unsupported start tag "div"'),
        ("3 < 4", "HTML", 'unescaped "<"'),
        ("<b><i>x</b></i>", "HTML", "unmatched end tag"),
    ],
    ids=["4097 chars", "div", "unescaped <", "bad nesting"],
)
async def test_invalid_text_is_rejected_and_recorded(
    bot: Bot, fake_bot_api: FakeBotAPI, text: str, parse_mode: str | None, words: str
) -> None:
    chat = fake_bot_api.private_chat()
    with pytest.raises(BadRequest):
        await bot.send_message(chat.id, text, parse_mode=parse_mode)
    (violation,) = fake_bot_api.take_violations()
    assert violation.method == "sendMessage"
    assert words in violation.description
    assert fake_bot_api.calls_to("sendMessage")[-1].status == 400
    assert fake_bot_api.messages_in(chat) == []


async def test_callback_data_of_65_bytes_is_rejected(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    chat = fake_bot_api.private_chat()
    kb = InlineKeyboardMarkup([[InlineKeyboardButton("Ja", callback_data="x" * 65)]])
    with pytest.raises(BadRequest, match="1-64 bytes"):
        await bot.send_message(chat.id, "Kies", reply_markup=kb)
    assert "callback_data" in fake_bot_api.take_violations()[0].description


async def test_unknown_field_is_rejected(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    chat = fake_bot_api.private_chat()
    with pytest.raises(BadRequest, match=r"(?i)unknown field"):
        await bot.send_message(chat.id, "x", api_kwargs={"colour": "red"})
    assert 'unknown field "colour"' in fake_bot_api.take_violations()[0].description


async def test_missing_required_field_is_rejected(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    with (
        pytest.warns(PTBUserWarning, match="sendMessage"),
        pytest.raises(BadRequest, match=r"(?i)missing required field"),
    ):
        await bot.do_api_request("sendMessage", api_kwargs={"text": "x"})
    assert '"chat_id"' in fake_bot_api.take_violations()[0].description


async def test_poll_with_13_options_is_rejected(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    chat = fake_bot_api.private_chat()
    with pytest.raises(BadRequest, match="1-12 items"):
        await bot.send_poll(chat.id, "Welke?", [f"optie {i}" for i in range(13)])
    assert fake_bot_api.take_violations()


async def test_unknown_method_is_404_and_wrong_token_401(fake_bot_api: FakeBotAPI) -> None:
    async with Bot(fake_bot_api.token, base_url=fake_bot_api.base_url) as good:
        with pytest.raises(EndPointNotFound):
            await good.do_api_request("sendTelepathy", api_kwargs={"chat_id": 1})
    with pytest.raises(InvalidToken):
        async with Bot("1:wrong", base_url=fake_bot_api.base_url):
            pass  # initialize() calls getMe
    descriptions = [v.description for v in fake_bot_api.take_violations()]
    assert descriptions == ["no such Bot API method", "wrong bot token"]
    assert [c.status for c in fake_bot_api.calls] == [200, 404, 401]


async def test_edits_apply_in_place(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    chat = fake_bot_api.private_chat()
    kb = InlineKeyboardMarkup([[InlineKeyboardButton("Volgende", callback_data="next")]])
    sent = await bot.send_message(chat.id, "Vraag 1", reply_markup=kb)
    await bot.edit_message_text("Vraag 2", chat.id, sent.message_id, reply_markup=kb)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("Vraag 2", chat.id, sent.message_id, reply_markup=kb)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("Vraag 3", chat.id, 999)
    await bot.edit_message_reply_markup(chat.id, sent.message_id, reply_markup=None)
    (msg,) = fake_bot_api.messages_in(chat)
    assert (msg.text, msg.buttons, len(msg.edits)) == ("Vraag 2", [], 2)
    await bot.delete_message(chat.id, sent.message_id)
    assert fake_bot_api.messages_in(chat) == []


async def test_documents_and_photos_upload_as_multipart(
    bot: Bot, fake_bot_api: FakeBotAPI
) -> None:
    chat = fake_bot_api.private_chat()
    doc = await bot.send_document(
        chat.id,
        io.BytesIO(b"%PDF-1"),
        filename="dossier.pdf",
        caption="<i>Je</i> dossier",
        parse_mode="HTML",
    )
    assert (doc.caption, doc.document.file_name) == ("Je dossier", "dossier.pdf")
    upload = fake_bot_api.last_message(chat).upload
    assert upload is not None and upload.body == b"%PDF-1"
    photo = await bot.send_photo(chat.id, io.BytesIO(b"\x89PNG"), filename="a.png")
    again = await bot.send_photo(chat.id, photo.photo[-1].file_id)
    assert again.photo[-1].file_id == photo.photo[-1].file_id
    with pytest.raises(BadRequest, match="Wrong file identifier"):
        await bot.send_document(chat.id, "no-such-file-id")


async def test_setup_methods(bot: Bot, fake_bot_api: FakeBotAPI) -> None:
    chat = fake_bot_api.private_chat()
    await bot.set_my_commands([("start", "Begin"), ("quiz", "Oefenen")])
    assert [c.command for c in await bot.get_my_commands()] == ["start", "quiz"]
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([("Start", "Begin")])
    assert fake_bot_api.take_violations()
    assert await bot.send_chat_action(chat.id, "typing")
    assert (await bot.get_chat(chat.id)).first_name == "Alice"
    assert (await bot.get_chat_member(chat.id, fake_bot_api.default_user.id)).status == "member"
    assert await bot.close() and await bot.log_out()


async def test_json_and_query_string_requests(fake_bot_api: FakeBotAPI) -> None:
    chat = fake_bot_api.private_chat()
    url = f"{fake_bot_api.base_url}{fake_bot_api.token}"
    async with httpx.AsyncClient() as client:
        kb = {"inline_keyboard": [[{"text": "a", "callback_data": "b"}]]}
        body = {"chat_id": chat.id, "text": "json", "reply_markup": kb}
        ok = (await client.post(f"{url}/sendMessage", json=body)).json()
        assert ok["ok"] and ok["result"]["reply_markup"] == kb
        got = await client.get(f"{url}/getme")
        assert got.json()["result"]["username"] == "dossier_test_bot"
        bad = await client.post(f"{url}/sendMessage", json={"chat_id": chat.id, "text": 5})
    assert bad.status_code == 400
    assert bad.json() == {
        "ok": False,
        "error_code": 400,
        "description": "Bad Request: text: expected String, got int 5",
    }
    assert len(fake_bot_api.take_violations()) == 1
