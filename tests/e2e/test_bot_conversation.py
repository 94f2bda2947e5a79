"""A student's conversation with the running bot: onboarding, questions, buttons, /vergeet."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.e2e.conftest import RunningBot
from tests.fakebot import FakeBotAPI

PROFILES = [f"d|commercie:P{n}" for n in range(1, 7)]


async def ask(fake: FakeBotAPI, text: str) -> str:
    """Send a text in the private chat; the text of the bot's answer."""
    await fake.user_sends(text)
    await fake.wait_for("sendMessage")
    return fake.last_message().text or ""


async def test_onboarding_offers_six_profiles_and_stores_the_choice(
    bot: RunningBot, fake_bot_api: FakeBotAPI
) -> None:
    assert "Welk dossier volg je?" in await ask(fake_bot_api, "/start")
    menu = fake_bot_api.last_message()
    assert [b.callback_data for b in menu.buttons] == [*PROFILES, "d|older"]
    assert menu.buttons[-1].text == "Oudere dossiers"

    query = await fake_bot_api.user_presses(menu, "d|commercie:P4")
    await fake_bot_api.wait_for("editMessageText")
    assert fake_bot_api.callback_answer(query) is not None
    assert "P4 Junior accountmanager" in (fake_bot_api.last_message().text or "")
    assert (await bot.user_row(fake_bot_api.default_user.id)).dossier == "commercie:P4"


async def test_deep_link_preselects_the_dossier(bot: RunningBot, fake_bot_api: FakeBotAPI) -> None:
    text = await ask(fake_bot_api, "/start dossier_P4")
    assert "Je dossier: P4 Junior accountmanager" in text
    [mine] = fake_bot_api.last_message().buttons  # no dossier menu: it is chosen
    assert (mine.text, mine.callback_data) == ("Mijn dossier", "i|commercie:P4")
    assert (await bot.user_row(fake_bot_api.default_user.id)).dossier == "commercie:P4"


async def test_follow_up_button_edits_the_answer(
    bot: RunningBot, fake_bot_api: FakeBotAPI
) -> None:
    text = await ask(fake_bot_api, "wat houdt B1-K1-W2 in")
    assert text.startswith("B1-K1-W2 Analyseert de customer journey")
    answer = fake_bot_api.last_message()
    await fake_bot_api.user_presses(answer, "Gedrag")
    await fake_bot_api.wait_for("editMessageText")
    edited = fake_bot_api.last_message()
    assert edited.message_id == answer.message_id
    assert "Gedrag" in (edited.text or "").split("\n\n")[1]
    assert "Gedrag" not in [b.text for b in edited.buttons]  # the others remain to choose


async def test_double_tap_is_fine(bot: RunningBot, fake_bot_api: FakeBotAPI) -> None:
    """The second of two quick presses finds the message already edited: 'not modified'."""
    await ask(fake_bot_api, "B1-K1-W2")
    answer = fake_bot_api.last_message()
    first = await fake_bot_api.user_presses(answer, "Gedrag")
    second = await fake_bot_api.user_presses(answer, "Gedrag")
    await fake_bot_api.wait_for(
        lambda: fake_bot_api.callback_answer(first) and fake_bot_api.callback_answer(second)
    )
    await fake_bot_api.wait_for(lambda: len(fake_bot_api.calls_to("editMessageText")) == 2)
    statuses = [c.status for c in fake_bot_api.calls_to("editMessageText")]
    assert statuses == [200, 400]
    assert len(fake_bot_api.messages_in()) == 1  # no error message, no second copy


async def test_ambiguous_code_is_resolved_by_a_candidate_button(
    bot: RunningBot, fake_bot_api: FakeBotAPI
) -> None:
    text = await ask(fake_bot_api, "werkproces 2.4")
    assert "Welke bedoel je?" in text
    listing = fake_bot_api.last_message()
    assert "i|bcp-2010:2.4" in [b.callback_data for b in listing.buttons]
    await fake_bot_api.user_presses(listing, "i|bcp-2010:2.4")
    await fake_bot_api.wait_for("editMessageText")
    assert (fake_bot_api.last_message().text or "").startswith("2.4 Werkt aan een diepterelatie")


async def test_changing_the_dossier_changes_the_next_answer(
    bot: RunningBot, fake_bot_api: FakeBotAPI
) -> None:
    assert "Welke bedoel je?" in await ask(fake_bot_api, "werkproces 2.4")
    await ask(fake_bot_api, "/dossier")
    await fake_bot_api.user_presses(fake_bot_api.last_message(), "d|commercie:P4")
    await fake_bot_api.wait_for("editMessageText")
    assert (await ask(fake_bot_api, "werkproces 2.4")).startswith("P4-K2-W4 ")

    await ask(fake_bot_api, "/dossier")
    menu = fake_bot_api.last_message()
    assert "✓ P4 Junior accountmanager" in [b.text for b in menu.buttons]
    await fake_bot_api.user_presses(menu, "d|older")
    await fake_bot_api.wait_for("editMessageText")
    await fake_bot_api.user_presses(fake_bot_api.last_message(), "d|bcp-2010")
    await fake_bot_api.wait_for("editMessageText")
    assert (await ask(fake_bot_api, "werkproces 2.4")).startswith(
        "2.4 Werkt aan een diepterelatie"
    )


async def rows_mentioning(engine: AsyncEngine, user_id: int) -> list[str]:
    """Every table.column in the database (SQLite or PostgreSQL) holding the user's id."""
    found = []
    async with engine.connect() as conn:
        tables = await conn.run_sync(
            lambda c: {
                t: [col["name"] for col in inspect(c).get_columns(t)]
                for t in inspect(c).get_table_names()
            }
        )
        for table, columns in tables.items():
            for column in columns:
                sql = text(f'SELECT COUNT(*) FROM "{table}" WHERE CAST("{column}" AS TEXT) = :v')
                if (await conn.execute(sql, {"v": str(user_id)})).scalar_one():
                    found.append(f"{table}.{column}")
    return found


async def test_vergeet_erases_the_user_from_every_table(
    bot: RunningBot, fake_bot_api: FakeBotAPI, tmp_path: Path
) -> None:
    user_id = fake_bot_api.default_user.id
    await ask(fake_bot_api, "/start dossier_P4")
    await ask(fake_bot_api, "wp 2.4")
    engine = bot.services.store.engine
    assert await rows_mentioning(engine, user_id) == ["users.id"]

    assert "Weet je het zeker?" in await ask(fake_bot_api, "/vergeet")
    await fake_bot_api.user_presses(fake_bot_api.last_message(), "Ja, wis alles")
    await fake_bot_api.wait_for("editMessageText")
    done = fake_bot_api.last_message()
    assert (done.text or "").startswith("Gedaan: ik weet niets meer over je.")
    assert done.buttons == []
    assert await bot.user_row(user_id) is None
    assert await rows_mentioning(engine, user_id) == []


async def test_html_in_a_question_is_answered_with_valid_html(
    bot: RunningBot, fake_bot_api: FakeBotAPI
) -> None:
    text = await ask(fake_bot_api, "<b>wp 3.5</b> & <script>alert(1)</script>")
    assert text.startswith("3.5 Onderhandelt met de account")  # the fake validated the HTML
    text = await ask(fake_bot_api, "<i>&amp; </b> wat is <script> € 5 & 6 < 7")
    assert "<script>" not in (fake_bot_api.last_message().raw_text or "")
    assert text  # answered, whatever the search made of it


async def test_a_5000_character_message_is_answered_from_its_beginning(
    bot: RunningBot, fake_bot_api: FakeBotAPI
) -> None:
    text = await ask(fake_bot_api, "wp 3.5 " + "en verder nog wat tekst " * 220)
    assert text.startswith("Je bericht is lang; ik heb alleen het begin gelezen.")
    assert "3.5 Onderhandelt met de account" in text


async def test_english_user_gets_english(bot: RunningBot, fake_bot_api: FakeBotAPI) -> None:
    emma = fake_bot_api.new_user("Emma", language_code="en-GB")
    await fake_bot_api.user_sends("/help", user=emma, chat=emma)
    await fake_bot_api.wait_for("sendMessage")
    assert (fake_bot_api.last_message(emma).text or "").startswith("How Dossierbot works")


async def test_unknown_command_points_to_help(bot: RunningBot, fake_bot_api: FakeBotAPI) -> None:
    assert (
        await ask(fake_bot_api, "/oefen") == "Onbekend commando /oefen. Zie /help voor wat ik kan."
    )
    assert (await ask(fake_bot_api, "/hulp")).startswith("Zo werkt Dossierbot")  # an alias
