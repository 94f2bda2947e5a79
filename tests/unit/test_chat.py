"""Everyday chat through the assistant: small talk gets a chat reply, never a dossier item or
a refusal; greetings in front of a question are dropped; numbers and 'ja' act on the buttons
and offers just shown; the interface follows the language the student writes in."""

from __future__ import annotations

import pytest

from bot.core.assistant import Assistant
from bot.core.events import Button, Person, Text
from bot.core.language import detect_language
from bot.core.memory import MemoryUsers
from bot.core.smalltalk import small_talk, without_greeting
from bot.reply.replies import Reply
from tests.unit.answer_support import ENGLISH, STUDENT, assert_telegram_safe

REFUSAL = "niet in het kwalificatiedossier"


@pytest.mark.parametrize(
    ("message", "talk"),
    [
        ("hoi", "greeting"),
        ("hallo", "greeting"),
        ("goedemorgen", "greeting"),
        ("bedankt!", "thanks"),
        ("thx", "thanks"),
        ("ok", "ok"),
        ("ja", "yes"),
        ("nee", "no"),
        ("nee dat bedoel ik niet", "not_meant"),
        ("wie ben jij", "who"),
        ("wat kan je", "what_can"),
        ("help", "help"),
        ("hulp", "help"),
        ("terug", "back"),
        ("menu", "menu"),
        ("12", "number"),
        ("👍", "ok"),
        ("hoi bot hoe gaat het met je", "how_are_you"),
    ],
)
async def test_small_talk_gets_a_chat_reply(
    assistant: Assistant, users: MemoryUsers, message: str, talk: str
) -> None:
    assert small_talk(message) == talk
    reply = await assistant.text(STUDENT, message)
    assert_telegram_safe(reply)
    assert reply.kind == "chat" and reply.abstained
    assert reply.item_id is None and reply.hits == ()
    assert REFUSAL not in reply.plain
    stored = await users.get(STUDENT.id)
    assert stored is not None and stored.dossier is None  # chat changes no setting


@pytest.mark.parametrize(
    ("message", "question"),
    [
        ("hoi, wat is wp 3.5", "wat is wp 3.5"),
        ("Hallo! welk gedrag hoort bij B1-K1-W1", "welk gedrag hoort bij b1-k1-w1"),
        ("wat is wp 3.5", "wat is wp 3.5"),
    ],
)
def test_a_greeting_in_front_of_a_question_is_taken_off(message: str, question: str) -> None:
    assert small_talk(message) is None
    assert without_greeting(message).lower() == question


async def test_greeting_with_a_question_answers_the_question(assistant: Assistant) -> None:
    reply = await assistant.text(STUDENT, "hoi, wat is wp 3.5")
    assert reply.kind == "answer" and reply.item_id == "bcp-2010:3.5"
    assert "3.5 Onderhandelt met de account" in reply.plain


async def test_a_greeting_uses_the_first_name_and_offers_the_menu(assistant: Assistant) -> None:
    reply = await assistant.text(STUDENT, "hoi")
    assert reply.plain.startswith("Hoi Sanne!")
    assert [c.label for c in reply.choices] == ["Kies je dossier", "Hulp"]


async def test_a_typed_number_picks_that_button(assistant: Assistant) -> None:
    answer = await assistant.text(STUDENT, "werkproces 2.4")
    assert answer.kind == "choose" and len(answer.choices) >= 2
    typed = await assistant.text(STUDENT, "2")
    pressed = await assistant.button(STUDENT, answer.choices[1].action)
    assert typed.item_id == answer.choices[1].action.split("|")[1]
    assert typed == pressed  # the same reply as pressing the button


async def test_a_number_beyond_the_buttons_says_so(assistant: Assistant) -> None:
    await assistant.text(STUDENT, "werkproces 2.4")
    reply = await assistant.text(STUDENT, "12")
    assert reply.kind == "chat" and "12" in reply.plain and "keuze" in reply.plain


async def test_a_number_after_a_later_answer_picks_from_the_latest_buttons(
    assistant: Assistant,
) -> None:
    await assistant.text(STUDENT, "werkproces 2.4")
    answer = await assistant.text(STUDENT, "P4-K1")
    typed = await assistant.text(STUDENT, "2")
    assert typed.item_id == "commercie:P4-K1-W2"  # W2, the second button of the kerntaak
    assert answer.choices[1].label == "W2"


async def test_statement_of_a_profile_then_ja_sets_the_dossier(
    assistant: Assistant, users: MemoryUsers
) -> None:
    offer = await assistant.text(STUDENT, "ik doe P4")
    assert offer.offer == "d|commercie:P4"
    assert offer.choices[0].action == "d|commercie:P4"
    stored = await users.get(STUDENT.id)
    assert stored is not None and stored.dossier is None  # only an offer so far
    done = await assistant.text(STUDENT, "ja")
    assert "Je dossier:" in done.plain and "P4 Junior accountmanager" in done.plain
    stored = await users.get(STUDENT.id)
    assert stored is not None and stored.dossier == "commercie:P4"
    again = await assistant.text(STUDENT, "ja")  # the offer was used up
    assert again.kind == "chat" and "Je dossier:" not in again.plain


async def test_statement_of_a_profile_then_nee_keeps_the_dossier(
    assistant: Assistant, users: MemoryUsers
) -> None:
    await assistant.text(STUDENT, "ik doe P4")
    reply = await assistant.text(STUDENT, "nee")
    assert "laat je dossier" in reply.plain
    stored = await users.get(STUDENT.id)
    assert stored is not None and stored.dossier is None


async def test_nee_dat_bedoel_ik_niet_offers_the_other_candidates(assistant: Assistant) -> None:
    first = await assistant.text(STUDENT, "klachten van klanten afhandelen")
    others = [item_id for item_id, _ in first.hits if item_id != first.item_id]
    assert first.kind == "answer" and others
    reply = await assistant.text(STUDENT, "nee dat bedoel ik niet")
    assert reply.kind == "chat"
    assert [c.action.split("|", 1)[1] for c in reply.choices] == others[:4]
    assert first.item_id not in reply.plain


async def test_back_returns_to_the_previous_item(assistant: Assistant) -> None:
    await assistant.text(STUDENT, "P4-K1")
    await assistant.text(STUDENT, "w2")
    back = await assistant.text(STUDENT, "terug")
    assert back.item_id == "commercie:P4-K1" and back.kind == "answer"


@pytest.mark.parametrize(
    ("person", "message", "expected"),
    [
        (STUDENT, "what does work process 3.5 of the bcp involve", "Source:"),
        (ENGLISH, "wat houdt werkproces 3.5 van het bcp in", "Bron:"),
        (STUDENT, "is commercieel medewerker niveau 3 of 4", "Bron:"),  # "of" is Dutch too
        (STUDENT, "welk gedrag hoort bij B1-K1-W1", "Bron:"),
    ],
)
async def test_the_interface_follows_the_language_of_the_question(
    assistant: Assistant, person: Person, message: str, expected: str
) -> None:
    reply = await assistant.text(person, message)
    assert reply.kind == "answer" and expected in reply.plain


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("what does work process 3.5 involve", "en"),
        ("wat houdt werkproces 3.5 in", "nl"),
        ("is commercieel medewerker niveau 3 of 4", None),  # 'of' is Dutch and English
        ("wat is het verschil tussen P4 of P5", "nl"),
        ("hey", None),
        ("B1-K1-W2", None),
        ("thanks", "en"),
        ("bedankt", "nl"),
    ],
)
def test_detect_language_only_when_the_words_say_so(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang


async def test_a_word_that_says_no_language_follows_the_telegram_language(
    assistant: Assistant,
) -> None:
    assert (await assistant.text(STUDENT, "hey")).plain.startswith("Hoi Sanne!")
    assert (await assistant.text(ENGLISH, "hey")).plain.startswith("Hi Sam!")


async def test_buttons_answer_in_the_language_last_written(assistant: Assistant) -> None:
    answer = await assistant.text(STUDENT, "what does work process 3.5 of the bcp involve")
    competencies = [c for c in answer.choices if c.label == "Competencies"]
    assert competencies, answer.choices
    pressed = await assistant.handle(Button(STUDENT, competencies[0].action))
    assert isinstance(pressed, Reply) and "Source:" in pressed.plain


async def test_small_talk_in_english_gets_english(assistant: Assistant) -> None:
    reply = await assistant.text(STUDENT, "thanks!")
    assert reply.kind == "chat" and reply.plain.startswith("You're welcome")
    help_ = await assistant.handle(Text(STUDENT, "what can you do"))
    assert isinstance(help_, Reply) and help_.plain.startswith("How Dossierbot works")
