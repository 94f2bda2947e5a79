"""A real PTB Application, polling or behind a webhook, talking to the fake."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import pytest_asyncio
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from tests.fakebot import FakeBotAPI


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greets with a keyboard."""
    kb = InlineKeyboardMarkup([[InlineKeyboardButton("Oefenen", callback_data="quiz:1")]])
    assert update.effective_message is not None
    await update.effective_message.reply_html(
        "<b>Welkom</b> bij Dossierbot!", reply_markup=kb, do_quote=True
    )


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answers the press and edits the message."""
    query = update.callback_query
    assert query is not None
    await query.answer("Daar gaan we")
    await query.edit_message_text(f"Gekozen: {query.data}")


def build(fake: FakeBotAPI) -> Application:
    app = fake.builder().build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    return app


@pytest_asyncio.fixture
async def polling_app(fake_bot_api: FakeBotAPI) -> AsyncIterator[Application]:
    app = build(fake_bot_api)
    async with app:
        await app.updater.start_polling(poll_interval=0, timeout=1)
        await app.start()
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


async def test_start_command_over_polling(
    polling_app: Application, fake_bot_api: FakeBotAPI
) -> None:
    sent = await fake_bot_api.user_sends("/start")
    await fake_bot_api.wait_for("sendMessage")
    reply = fake_bot_api.last_message()
    assert reply.text == "Welkom bij Dossierbot!"
    assert reply.data["reply_to_message"]["message_id"] == sent.message_id
    query_id = await fake_bot_api.user_presses(reply, "Oefenen")
    await fake_bot_api.wait_for("editMessageText")
    assert fake_bot_api.callback_answer(query_id)["text"] == "Daar gaan we"
    assert fake_bot_api.last_message().text == "Gekozen: quiz:1"
    assert fake_bot_api.last_message().buttons == []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_start_command_over_webhook(fake_bot_api: FakeBotAPI) -> None:
    port = free_port()
    app = build(fake_bot_api)
    async with app:
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="hook",
            webhook_url="https://bot.example.nl/hook",
            secret_token="s3cret",
        )
        await app.start()
        try:
            assert fake_bot_api.webhook.url == "https://bot.example.nl/hook"
            assert fake_bot_api.webhook.secret_token == "s3cret"
            fake_bot_api.webhook_target = f"http://127.0.0.1:{port}/hook"
            await fake_bot_api.user_sends("/start")
            await fake_bot_api.wait_for("sendMessage")
            assert fake_bot_api.webhook_deliveries[-1][0] == 200
            update = fake_bot_api.webhook_deliveries[-1][1]
            assert await fake_bot_api.post_webhook(update, secret_token=None) == 403
            assert await fake_bot_api.post_webhook(update, secret_token="fout") == 403
        finally:
            await app.updater.stop()
            await app.stop()
