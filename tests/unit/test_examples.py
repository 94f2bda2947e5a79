"""The example questions the bot suggests are answered at once, for every dossier choice."""

from __future__ import annotations

import pytest

from bot.answers.service import Answers
from bot.core.dossiers import DossierMenu
from bot.core.examples import examples, examples_html
from bot.knowledge.load import load_dossier
from bot.reply.html import esc

CHOICES = [None, *sorted(DossierMenu(load_dossier()).choices)]


def test_every_choice_is_covered() -> None:
    assert {"commercie:P1", "commercie:P6", "bcp-2010", "commercie-cgo", "commercie-2015"} <= set(
        CHOICES
    )


@pytest.mark.parametrize("choice", CHOICES)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_example_is_answered_not_asked_back(
    answers: Answers, choice: str | None, lang: str
) -> None:
    suggested = examples(answers.dossier, answers.scope(choice), lang)
    assert all(suggested)
    for question in suggested:
        reply = answers.ask(question, choice, lang)
        assert reply.kind == "answer", (choice, question, reply.plain[:200])
        item = answers.dossier.items[reply.item_id or ""]
        scope = answers.scope(choice)
        assert scope is None or scope.contains(item, answers.dossier)


@pytest.mark.parametrize("choice", ["commercie:P4", "commercie:P1"])
def test_a_profile_student_gets_examples_of_their_own_profile(
    answers: Answers, choice: str
) -> None:
    code, field = examples(answers.dossier, answers.scope(choice), "nl")
    profile = choice.split(":")[1]
    assert code.startswith(f"{profile}-") and f" {profile}-" in field


def test_examples_are_escaped_for_a_message(answers: Answers) -> None:
    html = examples_html(answers.dossier, None, "nl")
    code, field = examples(answers.dossier, None, "nl")
    assert html == f"<i>{esc(code)}</i> of <i>{esc(field)}</i>"
