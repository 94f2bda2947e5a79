"""The conversation state: stored as JSON, read back whatever the column holds, bounded."""

from __future__ import annotations

import json

import pytest

from bot.core.session import MAX_OTHERS, MAX_TRAIL, State
from bot.reply.replies import Choice, Reply


def test_round_trip_keeps_every_field() -> None:
    state = State(
        item="commercie:P4-K1-W2",
        field="gedrag",
        trail=("commercie:P4", "commercie:P4-K1"),
        choices=("i|commercie:P4-K1-W1", "m|commercie:P4-K1-W2|gedrag|3"),
        offer="d|commercie:P4",
        others=("bcp-2010:1.3",),
        lang="en",
    )
    text = state.to_json()
    assert text is not None and "Dossierbot" not in text
    assert State.from_json(text) == state


def test_the_empty_state_is_stored_as_nothing() -> None:
    assert State().to_json() is None
    assert State.from_json(None) == State()
    assert State.from_json("") == State()


@pytest.mark.parametrize(
    "text",
    [
        "{",
        "not json",
        "[1, 2, 3]",
        '"commercie:P4"',
        "42",
        "null",
        '{"item": 5, "trail": "commercie:P4", "choices": [1, null]}',
    ],
)
def test_garbage_gives_a_fresh_state(text: str) -> None:
    state = State.from_json(text)
    assert state.item is None and state.trail == () and state.choices == ()


def test_unknown_keys_are_ignored_and_good_ones_kept() -> None:
    state = State.from_json('{"item": "bcp-2010:3.5", "future": {"x": 1}, "trail": ["a", 3]}')
    assert state == State(item="bcp-2010:3.5", trail=("a",))


def test_trail_is_bounded_when_walking_and_when_read() -> None:
    state = State()
    for n in range(MAX_TRAIL + 5):
        state = state.after(Reply("x", kind="answer", item_id=f"s:{n}"))
    assert len(state.trail) == MAX_TRAIL
    assert state.trail[-1] == f"s:{MAX_TRAIL + 3}" and state.item == f"s:{MAX_TRAIL + 4}"
    long = json.dumps({"trail": [f"s:{n}" for n in range(50)]})
    assert State.from_json(long).trail == tuple(f"s:{n}" for n in range(50 - MAX_TRAIL, 50))
    others = json.dumps({"others": [f"s:{n}" for n in range(9)]})
    assert len(State.from_json(others).others) == MAX_OTHERS


def test_after_a_reply_remembers_its_buttons_item_and_offer() -> None:
    reply = Reply(
        "x",
        (Choice("Gedrag", "f|s:1|gedrag"),),
        kind="answer",
        item_id="s:1",
        hits=(("s:1", 1.0), ("s:2", 0.5)),
        offer="d|commercie:P4",
    )
    state = State(item="s:0").after(reply)
    assert state.item == "s:1" and state.trail == ("s:0",)
    assert state.choices == ("f|s:1|gedrag",) and state.offer == "d|commercie:P4"
    assert state.others == ("s:2",)
    chat = state.after(Reply("Graag gedaan!"))  # small talk: the buttons stay typeable
    assert chat.choices == state.choices and chat.item == "s:1" and chat.offer is None


def test_back_steps_along_the_trail() -> None:
    state = State(item="s:3", field="gedrag", trail=("s:1", "s:2"))
    assert state.back() == State(item="s:2", trail=("s:1",))
    assert State(item="s:1").back() == State(item="s:1")
