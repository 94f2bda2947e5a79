"""The one table of callback namespaces: distinct prefixes, data within Telegram's 64 bytes,
and untrusted data parsed or refused, never an exception."""

from __future__ import annotations

import json
from itertools import permutations
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.answers.service import Answers
from bot.core.chat import ChatReplies
from bot.core.deeplinks import read_deep_link
from bot.core.dossiers import OLDER, DossierMenu
from bot.reply import callbacks
from bot.reply.callbacks import DOSSIER, FIELD, FORGET, ITEM, MORE, NAMESPACES
from bot.reply.limits import CALLBACK_DATA_BYTES
from bot.reply.replies import Reply
from tests.unit.answer_support import follow_ups

EVAL = Path(__file__).resolve().parents[1] / "eval"


def test_prefixes_are_unique_and_none_is_a_prefix_of_another() -> None:
    prefixes = [namespace.prefix for namespace in NAMESPACES]
    assert len(set(prefixes)) == len(prefixes)
    assert all(prefix and callbacks.SEPARATOR not in prefix for prefix in prefixes)
    for one, other in permutations(prefixes, 2):
        assert not other.startswith(one), (one, other)


def test_only_settings_buttons_are_personal() -> None:
    assert {n.prefix for n in NAMESPACES if n.personal} == {DOSSIER.prefix, FORGET.prefix}
    assert callbacks.is_personal("d|commercie:P4") and callbacks.is_personal("v|ja")
    assert not callbacks.is_personal("i|commercie:P4")
    assert not callbacks.is_personal("d|<b>")  # malformed: not a button of ours at all
    assert not callbacks.is_personal(None)


def test_data_round_trips_through_parse() -> None:
    data = MORE.data("commercie:P4-K1-W2", "gedrag", "3")
    assert data == "m|commercie:P4-K1-W2|gedrag|3"
    assert callbacks.parse(data) == (MORE, ("commercie:P4-K1-W2", "gedrag", "3"))


def test_data_refuses_what_telegram_would_refuse() -> None:
    fits = "x" * (CALLBACK_DATA_BYTES - 2)  # 'i|' + 62 characters is 64 bytes
    with pytest.raises(ValueError):
        ITEM.data(fits[:50], fits[:50])
    with pytest.raises(ValueError):
        ITEM.data("é" * 40)  # 40 characters, 80 bytes
    with pytest.raises(ValueError):
        FIELD.data("a|b")  # a part may not carry the separator
    with pytest.raises(ValueError):
        ITEM.data("")
    with pytest.raises(ValueError):
        ITEM.data("<b>")
    with pytest.raises(ValueError):
        FORGET.data("ja\n")


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r", " "])
def test_parse_refuses_every_valid_data_with_a_trailing_newline_or_space(end: str) -> None:
    """A regex ending in '$' would let 'v|ja\n' through; the parts must match to the end."""
    for data in (ITEM.data("commercie:P4"), MORE.data("bcp-2010:3.5", "gedrag", "2")):
        assert callbacks.parse(data) is not None
        assert callbacks.parse(data + end) is None
    assert callbacks.parse(FORGET.data("ja") + end) is None


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "|",
        "i",  # a known prefix without parts parses, and names nothing (checked below)
        "q|commercie:P4",
        "i|<script>",
        "i|commercie:P4|",
        "i||x",
        "f|a b",
        "i|" + "a" * 62,  # 64 bytes, but a part longer than any id
        "i|" + "a" * 70,
        "d|" + "é" * 32,  # 66 bytes
        "v|ja\n",
        "r|'; DROP TABLE users;--",
        "I|commercie:P4",
    ],
)
def test_parse_refuses_forged_garbage_and_oversized_data(data: str | None) -> None:
    parsed = callbacks.parse(data)
    if parsed is not None:  # only the bare prefix 'i' parses, and names nothing
        assert data == "i" and parsed == (ITEM, ())
    assert not callbacks.is_personal(data)


@given(st.text(max_size=80))
def test_parse_never_raises(data: str) -> None:
    parsed = callbacks.parse(data)
    if parsed is not None:
        assert len(data.encode()) <= CALLBACK_DATA_BYTES
        assert parsed[0] in NAMESPACES


def real_replies(answers: Answers) -> list[Reply]:
    """Answers to every item and field, their 'Meer' pages, listings, menus and chat."""
    replies: list[Reply] = []
    for item in answers.dossier:
        replies.append(answers.see_also(item, "nl"))
        for field in (None, *item.field_names):
            first = answers.composer.first_view(item, field, "nl")
            replies.append(first)
            for choice in first.choices:
                parsed = callbacks.parse(choice.action)
                if parsed and parsed[0] in (MORE, FIELD) and len(parsed[1]) == 3:
                    shown = answers.show(*parsed, "nl")
                    assert shown is not None, choice
                    replies.append(shown)
    for name in ("own", "chat"):
        for line in (EVAL / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            replies.append(answers.ask(case["q"], case.get("profile")))
    menu = DossierMenu(answers.dossier)
    replies += [menu.main("x", "nl", None), menu.older("nl", "bcp-2010")]
    chat = ChatReplies(answers.dossier, "telegram")
    replies += [chat.help("nl", choice) for choice in (None, *sorted(menu.choices))]
    return replies


def test_every_button_of_real_replies_parses_and_fits(answers: Answers) -> None:
    checked = 0
    for reply in real_replies(answers):
        for choice in reply.choices:
            assert len(choice.action.encode()) <= CALLBACK_DATA_BYTES, choice
            parsed = callbacks.parse(choice.action)
            assert parsed is not None, choice
            namespace, parts = parsed
            if namespace in (ITEM, FIELD, MORE) or namespace is callbacks.RELATED:
                assert parts[0] in answers.dossier.items, choice
                assert answers.show(namespace, parts, "nl") is not None, choice
            elif namespace is DOSSIER:
                assert DossierMenu(answers.dossier).parse(parts) is not None, choice
            checked += 1
    assert checked > 3000


def test_the_dossier_menu_data_names_real_choices(answers: Answers) -> None:
    menu = DossierMenu(answers.dossier)
    for reply in (menu.main("x", "nl", None), menu.older("nl", None)):
        for choice in reply.choices:
            parsed = callbacks.parse(choice.action)
            assert parsed is not None and parsed[0] is DOSSIER
            assert menu.parse(parsed[1]) in {*menu.choices, OLDER}


def test_follow_up_pages_all_parse(answers: Answers) -> None:
    reply = answers.composer.first_view(answers.dossier.items["commercie:P4-K1"], None, "nl")
    assert all(callbacks.parse(c.action) for c in follow_ups(answers, reply))


@pytest.mark.parametrize("payload", ["inline\n", "dossier_P4\n", "dossier_commercie_P4\r\n"])
def test_deep_links_with_a_trailing_line_break_are_refused(payload: str) -> None:
    assert read_deep_link(payload) is None
    assert read_deep_link(payload.rstrip()) is not None
