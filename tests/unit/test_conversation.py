"""The pure conversation core: typed follow-ups, navigation and 'terug', without any store."""

from __future__ import annotations

import pytest

from bot.answers.service import Answers
from bot.core.chat import ChatReplies
from bot.core.conversation import Conversation, Press, is_follow_up
from bot.core.navigation import Move, read_move
from bot.core.session import Session, State
from bot.reply.callbacks import RELATED
from bot.reply.replies import Reply
from tests.unit.answer_support import press


@pytest.fixture(scope="module")
def conversation(answers: Answers) -> Conversation:
    return Conversation(answers, ChatReplies(answers.dossier, "telegram"))


class Student:
    """One student's side of a conversation: the session carried from message to message."""

    def __init__(self, conversation: Conversation, dossier: str | None = None) -> None:
        self.conversation = conversation
        self.session = Session(dossier=dossier)

    def says(self, text: str) -> Reply:
        result, state = self.conversation.on_text(self.session, text)
        assert isinstance(result, Reply), result
        self.session = Session(self.session.lang, self.session.dossier, state.after(result))
        return result


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("en de competenties?", True),
        ("welk gedrag hoort erbij", True),
        ("and the result?", True),
        ("wat is het resultaat daarvan", True),
        ("welk gedrag hoort bij B1-K1-W1", False),
        ("hoe behandel ik een klacht", False),
        (
            "welke competenties heb je nodig als "
            "commercieel beleidsondersteuner volgens het onderzoek",
            False,
        ),
    ],
)
def test_follow_up_detection(text: str, expected: bool) -> None:
    assert is_follow_up(text) is expected


@pytest.mark.parametrize(
    ("text", "move"),
    [
        ("w2", Move("werkproces", 2)),
        ("wp 3", Move("werkproces", 3)),
        ("en werkproces 4?", Move("werkproces", 4)),
        ("kt 3", Move("kerntaak", 3)),
        ("de volgende", Move("next")),
        ("volgende werkproces graag", Move("next")),
        ("vorige", Move("previous")),
        ("next one", Move("next")),
        ("welk gedrag hoort bij w2", None),
        ("P4-K1-W2", None),
    ],
)
def test_typed_moves(text: str, move: Move | None) -> None:
    assert read_move(text) == move


def test_typed_follow_up_answers_about_the_last_item(conversation: Conversation) -> None:
    student = Student(conversation, "bcp-2010")
    assert student.says("wp 3.5").item_id == "bcp-2010:3.5"
    reply = student.says("en de competenties?")
    assert reply.item_id == "bcp-2010:3.5" and reply.field == "competenties"
    assert "Competenties" in reply.plain
    english = Session(lang="en", state=State(item="bcp-2010:3.5"))
    result, _ = conversation.on_text(english, "and the result?")
    assert isinstance(result, Reply)
    assert "Result" in result.plain and result.item_id == "bcp-2010:3.5"


def test_after_a_kerntaak_w2_opens_its_second_werkproces(conversation: Conversation) -> None:
    student = Student(conversation, "commercie:P4")
    assert student.says("P4-K1").item_id == "commercie:P4-K1"
    assert student.says("w2").item_id == "commercie:P4-K1-W2"
    assert student.says("w4").item_id == "commercie:P4-K1-W4"  # a sibling, from a werkproces
    assert student.says("kt 2").item_id == "commercie:P4-K2"  # the profile's second kerntaak


def test_next_and_previous_step_through_the_siblings(conversation: Conversation) -> None:
    student = Student(conversation)
    student.says("P4-K1-W2")
    assert student.says("de volgende").item_id == "commercie:P4-K1-W3"
    assert student.says("de volgende").item_id == "commercie:P4-K1-W4"
    assert student.says("vorige").item_id == "commercie:P4-K1-W3"


def test_next_after_the_last_sibling_says_there_is_nothing(conversation: Conversation) -> None:
    student = Student(conversation)
    last = conversation.dossier.kids("commercie:P4-K1")[-1]
    student.says(last.code)
    reply = student.says("de volgende")
    assert reply.kind == "chat" and reply.item_id is None
    assert student.session.state.item == last.id  # still on the last one


def test_navigation_in_an_older_source(conversation: Conversation) -> None:
    student = Student(conversation, "bcp-2010")
    student.says("wp 3.5")
    assert student.says("de volgende").item_id == "bcp-2010:3.6"
    assert student.says("w2").item_id == "bcp-2010:3.2"


def test_terug_returns_along_the_trail(conversation: Conversation) -> None:
    student = Student(conversation, "commercie:P4")
    student.says("P4-K1")
    student.says("w2")
    student.says("de volgende")
    assert student.session.state.trail == ("commercie:P4-K1", "commercie:P4-K1-W2")
    assert student.says("terug").item_id == "commercie:P4-K1-W2"
    assert student.says("terug").item_id == "commercie:P4-K1"
    nothing = student.says("terug")  # the trail is empty now
    assert nothing.kind == "chat" and nothing.item_id is None


def test_and_in_the_old_dossier_gives_see_also(conversation: Conversation) -> None:
    student = Student(conversation, "commercie:P4")
    student.says("P4-K2-W4")
    reply = student.says("en in het oude dossier?")
    assert reply == press(conversation.answers, RELATED.data("commercie:P4-K2-W4"))
    assert "Vergelijkbaar in de andere versies van het dossier" in reply.plain
    older = {source.id for source in conversation.dossier.with_role("older")}
    assert any(c.action.split("|")[1].split(":")[0] in older for c in reply.choices)


def test_a_typed_number_is_a_press_of_the_last_buttons(conversation: Conversation) -> None:
    student = Student(conversation)
    listing = student.says("werkproces 2.4")
    result, state = conversation.on_text(student.session, "3")
    assert result == Press(listing.choices[2].action, "nl")
    assert state == student.session.state


def test_a_yes_accepts_the_offer_once(conversation: Conversation) -> None:
    student = Student(conversation)
    offer = student.says("ik doe P4")
    assert offer.offer == "d|commercie:P4"
    result, state = conversation.on_text(student.session, "ja")
    assert result == Press("d|commercie:P4", "nl")
    assert state.offer is None
