"""Answers on the real knowledge base: right item, faithful quote, safe HTML, honest limits."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answers.service import Answers
from bot.reply import callbacks
from bot.reply.callbacks import ITEM, RELATED
from bot.reply.replies import Reply
from tests.fakebot.html import parse_html
from tests.unit.answer_support import assert_telegram_safe, follow_ups, ids, labels, press


def ask(answers: Answers, question: str, dossier: str | None = None, lang: str = "nl") -> Reply:
    reply = answers.ask(question, dossier, lang)
    assert_telegram_safe(reply)
    return reply


def test_werkproces_question_in_english_quotes_bcp_with_choices(answers: Answers) -> None:
    reply = ask(answers, "what does werkproces 3.5 involve", lang="en")
    assert ids(reply)[0] == "bcp-2010:3.5" and reply.kind == "answer"
    assert "3.5 Onderhandelt met de account" in reply.plain
    assert "Source: beroepscompetentieprofiel 2010" in reply.plain  # the name people know
    assert "ECABO" not in reply.plain  # not the document's full title
    omschrijving = answers.dossier.items["bcp-2010:3.5"].get("omschrijving")
    assert isinstance(omschrijving, str)
    assert omschrijving.split("\n\n")[0] in reply.plain  # quoted, not paraphrased
    everything = {choice.label for choice in follow_ups(answers, reply, "en")}
    assert {"Competencies", "Result", "See also"} <= everything


def test_asked_field_comes_first_and_complete(answers: Answers) -> None:
    reply = ask(answers, "welk gedrag hoort bij b1k1w1")
    assert ids(reply)[0] == "commercie:B1-K1-W1" and reply.field == "gedrag"
    gedrag = answers.dossier.items["commercie:B1-K1-W1"].get("gedrag")
    assert isinstance(gedrag, tuple)
    body = reply.plain.split("Gedrag", 1)[1]
    assert all(line in body for line in gedrag)  # six short lines fit a phone screen
    assert "Omschrijving" not in body
    assert "Lees verder" not in labels(reply)


def test_vakkennis_of_a_werkproces_comes_from_its_kerntaak(answers: Answers) -> None:
    reply = ask(answers, "welke vakkennis hoort bij B1-K1-W2")
    assert ids(reply)[0] == "commercie:B1-K1-W2"
    assert "kerntaak B1-K1" in reply.plain
    assert "Basiskennis bedrijfskunde" in reply.plain
    assert labels(reply)[0] == "Lees verder"  # a long list: the rest is one press away


def test_ambiguous_code_lists_every_candidate_with_its_source(answers: Answers) -> None:
    reply = ask(answers, "werkproces 2.4")
    assert reply.kind == "choose"
    assert set(ids(reply)) == {"commercie-2015:2.4", "commercie-cgo:2.4", "bcp-2010:2.4"}
    for item_id in ids(reply):
        item = answers.dossier.items[item_id]
        assert item.title in reply.plain
        assert answers.dossier.source_of(item).label in reply.plain
    assert len(reply.choices) == 3
    assert all(":" not in label for label in labels(reply))  # never an internal id
    assert not reply.abstained


def test_chosen_dossier_resolves_the_ambiguity(answers: Answers) -> None:
    reply = ask(answers, "werkproces 2.4", "bcp-2010")
    assert reply.item_id == "bcp-2010:2.4" and ids(reply) == ["bcp-2010:2.4"]


def test_profile_relative_code_asks_back(answers: Answers) -> None:
    reply = ask(answers, "K1-W3", "commercie:P4")
    assert set(ids(reply)) == {"commercie:B1-K1-W3", "commercie:P4-K1-W3"}
    assert reply.kind == "choose"


def test_complaint_in_english_reaches_dutch_content(answers: Answers) -> None:
    found = ids(ask(answers, "how do I handle a customer complaint", lang="en"))
    titles = [answers.dossier.items[i].title.lower() for i in found[:3]]
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
    reply = ask(answers, question)
    assert reply.abstained and reply.kind == "outside"
    assert "niet in het kwalificatiedossier" in reply.plain
    assert reply.hits == ()


def test_not_applicable_werkproces_says_so(answers: Answers) -> None:
    reply = ask(answers, "wp 2.7", "commercie-cgo")
    assert "niet van toepassing" in reply.plain


def test_see_also_links_the_versions_of_a_werkproces(answers: Answers) -> None:
    reply = press(answers, RELATED.data("bcp-2010:3.5"))
    assert_telegram_safe(reply)
    assert "2.6 Onderhandelt met de klant/account" in reply.plain
    assert "CGO-dossier" in reply.plain  # sources by their catalog names
    assert labels(reply)[-1] == "↩ 3.5"


def test_every_item_and_field_renders_within_limits(answers: Answers) -> None:
    for item in answers.dossier:
        for field in (None, *item.field_names):
            assert_telegram_safe(answers.composer.first_view(item, field, "nl"))
            assert_telegram_safe(answers.composer.first_view(item, field, "en"))


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
        "f|commercie:P4-K1-W1|gedrag|0",
        "f|commercie:P4-K1-W1|gedrag|999",
        "m|commercie:P4-K1-W1|gedrag|x",
        "i|commercie:P4-K1-W1|extra",
        "r|'; DROP TABLE users;--",
    ],
)
def test_forged_actions_are_refused(answers: Answers, data: str | None) -> None:
    parsed = callbacks.parse(data)
    assert parsed is None or answers.show(*parsed, "nl") is None


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
    reply = ask(answers, question)
    assert "<script>" not in reply.html


def test_markup_in_a_question_is_read_as_text(answers: Answers) -> None:
    assert ids(ask(answers, "<b>wp 3.5</b> & meer"))[0] == "bcp-2010:3.5"


def test_document_text_is_escaped(answers: Answers) -> None:
    reply = press(answers, ITEM.data("beroepenonderzoek:2"))
    assert "Werkveld &amp; positionering" in reply.html
    assert "Werkveld & positionering" in parse_html(reply.html)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_gives_a_safe_reply(answers: Answers, text: str) -> None:
    assert_telegram_safe(answers.ask(text, None))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet="wpktWPKTb0123456789.,- ", max_size=20),
    st.sampled_from(
        [None, "commercie:P1", "commercie:P4", "bcp-2010", "commercie-cgo", "commercie-2015"]
    ),
)
def test_code_like_text_never_breaks(answers: Answers, text: str, dossier: str | None) -> None:
    assert_telegram_safe(answers.ask(text, dossier))


def test_my_profile_lists_basisdeel_and_profile_kerntaken(answers: Answers) -> None:
    reply = ask(answers, "uit welke kerntaken bestaat mijn profiel", "commercie:P4")
    assert ids(reply) == ["commercie:P4"]
    for code in ("B1-K1", "B1-K2", "P4-K1", "P4-K2"):
        assert code in reply.plain


def test_basisdeel_or_profile_ambiguity_has_no_dossier_tip(answers: Answers) -> None:
    reply = ask(answers, "hoe complex is K2", "commercie:P4")
    assert set(ids(reply)) == {"commercie:B1-K2", "commercie:P4-K2"}
    assert "/dossier" not in reply.plain


def test_ambiguity_without_a_dossier_has_the_tip(answers: Answers) -> None:
    assert "/dossier" in ask(answers, "werkproces 2.4").plain
