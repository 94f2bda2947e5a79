"""Answers on the real knowledge base: right item, faithful quote, safe HTML, honest limits."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answers.actions import MAX_BYTES, Action, parse_action
from bot.answers.service import Answers
from bot.core.replies import MAX_TEXT, Reply
from bot.knowledge.load import load_dossier
from tests.fakebot.html import parse_html


@pytest.fixture(scope="module")
def answers() -> Answers:
    return Answers.build(load_dossier())


def assert_telegram_safe(reply: Reply) -> None:
    shown = parse_html(reply.html)  # raises on a tag Telegram refuses or bad escaping
    assert 0 < len(shown) <= MAX_TEXT
    assert len(reply.html) <= MAX_TEXT
    for choice in reply.choices:
        assert len(choice.action.encode()) <= MAX_BYTES
        assert parse_action(choice.action) is not None


def ask(answers: Answers, question: str, dossier: str | None = None) -> tuple[Reply, list[str]]:
    reply, found = answers.ask(question, dossier)
    assert_telegram_safe(reply)
    return reply, [hit.item_id for hit in found.hits]


def test_werkproces_question_in_english_quotes_bcp_with_choices(answers: Answers) -> None:
    reply, ids = ask(answers, "what does werkproces 3.5 involve")
    assert ids == ["bcp-2010:3.5"]
    assert "3.5 Onderhandelt met de account" in reply.plain
    assert "ECABO beroepscompetentieprofiel" in reply.plain
    omschrijving = answers.dossier.items["bcp-2010:3.5"].get("omschrijving")
    assert omschrijving.split("\n\n")[0] in reply.plain  # quoted, not paraphrased
    labels = [choice.label for choice in reply.choices]
    assert {"Competenties", "Resultaat", "Zie ook"} <= set(labels)


def test_asked_field_comes_first_and_complete(answers: Answers) -> None:
    reply, ids = ask(answers, "welk gedrag hoort bij b1k1w1")
    assert ids == ["commercie:B1-K1-W1"]
    gedrag = answers.dossier.items["commercie:B1-K1-W1"].get("gedrag")
    body = reply.plain.split("Gedrag", 1)[1]
    assert all(line in body for line in gedrag)
    assert "Omschrijving" not in body.split("\n\n")[0]


def test_vakkennis_of_a_werkproces_comes_from_its_kerntaak(answers: Answers) -> None:
    reply, ids = ask(answers, "welke vakkennis hoort bij B1-K1-W2")
    assert ids == ["commercie:B1-K1-W2"]
    assert "kerntaak B1-K1" in reply.plain
    assert "Basiskennis bedrijfskunde" in reply.plain


def test_ambiguous_code_lists_every_candidate_with_its_source(answers: Answers) -> None:
    reply, ids = ask(answers, "werkproces 2.4")
    assert set(ids) == {"commercie-2015:2.4", "commercie-cgo:2.4", "bcp-2010:2.4"}
    for item_id in ids:
        assert answers.dossier.items[item_id].title in reply.plain
    assert len(reply.choices) == 3
    assert not reply.abstained


def test_chosen_dossier_resolves_the_ambiguity(answers: Answers) -> None:
    _, ids = ask(answers, "werkproces 2.4", "bcp-2010")
    assert ids == ["bcp-2010:2.4"]


def test_profile_relative_code_asks_back(answers: Answers) -> None:
    _, ids = ask(answers, "K1-W3", "commercie:P4")
    assert set(ids) == {"commercie:B1-K1-W3", "commercie:P4-K1-W3"}


def test_complaint_in_english_reaches_dutch_content(answers: Answers) -> None:
    _, ids = ask(answers, "how do I handle a customer complaint")
    assert any("3.1" in i or "2.3" in i or "3.2" in i for i in ids[:3])
    titles = [answers.dossier.items[i].title.lower() for i in ids[:3]]
    assert any("klacht" in title for title in titles)


@pytest.mark.parametrize(
    "question",
    [
        "wat is de hoofdstad van Frankrijk",
        "hoe laat is het",
        "wat is 12 keer 3",
        "wat is het laatste nieuws",
        "kun je mijn essay schrijven",
        "los op: 2x + 3 = 9",
    ],
)
def test_out_of_scope_is_said_plainly(answers: Answers, question: str) -> None:
    reply, _ = ask(answers, question)
    assert reply.abstained
    assert "niet in het kwalificatiedossier" in reply.plain


def test_not_applicable_werkproces_says_so(answers: Answers) -> None:
    reply, _ = ask(answers, "wp 2.7", "commercie-cgo")
    assert "niet van toepassing" in reply.plain


def test_see_also_links_the_versions_of_a_werkproces(answers: Answers) -> None:
    reply = answers.follow(Action("r", "bcp-2010:3.5"))
    assert reply is not None
    assert_telegram_safe(reply)
    assert "2.6 Onderhandelt met de klant/account" in reply.plain


def test_every_item_and_field_renders_within_limits(answers: Answers) -> None:
    for item in answers.dossier:
        for field in (None, *item.field_names):
            assert_telegram_safe(answers.composer.item_reply(item, field, "nl"))


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "x",
        "f|commercie:P4-K1-W1",
        "f|nope:1|gedrag",
        "i|" + "a" * 70,
        "f|commercie:P4-K1-W1|bestaatniet",
        "r|'; DROP TABLE users;--",
    ],
)
def test_forged_actions_are_refused(answers: Answers, data: str | None) -> None:
    action = parse_action(data)
    assert action is None or answers.follow(action) is None


@pytest.mark.parametrize(
    "question",
    [
        "",
        "   ",
        "😀😀😀",
        "<b>wp 3.5</b>",
        "*wp 3.5*",
        "'; DROP TABLE users; --",
        "\x00\x07 wp",
        "Привет как дела",
        "a" * 10_000,
        "wp 3.5 " * 800,
        "<script>alert(1)</script> klacht",
    ],
)
def test_bad_input_gets_a_safe_reply(answers: Answers, question: str) -> None:
    reply, _ = ask(answers, question)
    assert "<script>" not in reply.html


def test_markup_in_a_question_is_read_as_text(answers: Answers) -> None:
    _, ids = ask(answers, "<b>wp 3.5</b> & meer")
    assert ids == ["bcp-2010:3.5"]


def test_document_text_is_escaped(answers: Answers) -> None:
    reply = answers.follow(Action("i", "beroepenonderzoek:2"))
    assert reply is not None
    assert "Werkveld &amp; positionering" in reply.html
    assert "Werkveld & positionering" in parse_html(reply.html)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_gives_a_safe_reply(answers: Answers, text: str) -> None:
    reply, _ = answers.ask(text, None)
    assert_telegram_safe(reply)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet="wpktWPKTb0123456789.,- ", max_size=20),
    st.sampled_from(
        [None, "commercie:P1", "commercie:P4", "bcp-2010", "commercie-cgo", "commercie-2015"]
    ),
)
def test_code_like_text_never_breaks(answers: Answers, text: str, dossier: str | None) -> None:
    reply, _ = answers.ask(text, dossier)
    assert_telegram_safe(reply)


def test_my_profile_lists_basisdeel_and_profile_kerntaken(answers: Answers) -> None:
    reply, ids = ask(answers, "uit welke kerntaken bestaat mijn profiel", "commercie:P4")
    assert ids == ["commercie:P4"]
    for code in ("B1-K1", "B1-K2", "P4-K1", "P4-K2"):
        assert code in reply.plain


def test_basisdeel_or_profile_ambiguity_has_no_dossier_tip(answers: Answers) -> None:
    reply, ids = ask(answers, "hoe complex is K2", "commercie:P4")
    assert set(ids) == {"commercie:B1-K2", "commercie:P4-K2"}
    assert "/dossier" not in reply.plain
