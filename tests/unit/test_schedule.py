"""The FSRS core of spaced repetition, on a fixed clock."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from fsrs import Scheduler, State

from bot.quiz.schedule import (
    SCHEDULER,
    CardState,
    new_since,
    next_due,
    pick,
    practice,
    retrievability,
    review,
)

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
STUDENT = 42


def new(item: str, kind: str = "definitie", at: datetime = NOW) -> CardState:
    return CardState.new(STUDENT, item, kind, at)


def learned(item: str, goods: int, kind: str = "definitie", start: datetime = NOW) -> CardState:
    """A card answered right `goods` times, each time when it came due."""
    card = new(item, kind, start)
    at = start
    for _ in range(goods):
        card = review(card, True, at)
        assert card.due is not None
        at = card.due
    return card


def test_the_module_scheduler_is_deterministic() -> None:
    assert SCHEDULER.enable_fuzzing is False
    assert learned("a", 6) == learned("a", 6)


def test_good_is_due_later_than_again() -> None:
    good = review(new("a"), True, NOW)
    again = review(new("a"), False, NOW)
    assert good.due is not None and again.due is not None
    assert good.due > again.due > NOW
    assert good.last_review == again.last_review == NOW
    assert good.introduced == NOW


def test_repeated_good_reviews_grow_the_interval() -> None:
    card = new("a")
    at = NOW
    intervals = []
    for _ in range(6):
        card = review(card, True, at)
        assert card.due is not None
        intervals.append(card.due - at)
        at = card.due
    assert intervals == sorted(intervals)
    assert len(set(intervals)) == len(intervals)
    assert card.state == State.Review
    assert intervals[-1] > timedelta(days=30)


def test_wrong_after_learning_relearns_and_shortens() -> None:
    card = learned("a", 4)
    assert card.due is not None and card.state == State.Review
    wrong = review(card, False, card.due)
    right = review(card, True, card.due)
    assert wrong.state == State.Relearning
    assert wrong.due is not None and right.due is not None and wrong.due < right.due
    assert wrong.introduced == card.introduced == NOW


def test_retrievability_falls_over_time() -> None:
    card = learned("a", 3)
    assert card.last_review is not None
    values = [retrievability(card, card.last_review + timedelta(days=d)) for d in range(0, 60, 5)]
    assert values[0] == pytest.approx(1.0)
    assert all(a > b for a, b in pairwise(values))
    assert 0.0 < values[-1] < 1.0


def test_a_never_reviewed_card_has_no_retrievability() -> None:
    assert retrievability(new("a"), NOW + timedelta(days=3)) == 0.0


def test_a_naive_datetime_is_refused() -> None:
    naive = datetime(2026, 11, 23, 8, 0)
    with pytest.raises(ValueError, match="aware datetime"):
        review(new("a"), True, naive)
    with pytest.raises(ValueError, match="aware datetime"):
        retrievability(new("a"), naive)
    with pytest.raises(ValueError, match="aware datetime"):
        pick([], [], naive, new_today=0)
    with pytest.raises(ValueError, match="aware datetime"):
        CardState.new(STUDENT, "a", "definitie", naive)


def test_an_aware_datetime_elsewhere_is_converted_to_utc() -> None:
    amsterdam = NOW.astimezone(ZoneInfo("Europe/Amsterdam"))
    card = review(new("a"), True, amsterdam)
    assert card == review(new("a"), True, NOW)
    assert card.last_review is not None and card.last_review.tzinfo is UTC


def test_rows_round_trip_exactly() -> None:
    cards = [new("a"), review(new("b"), False, NOW), learned("c", 5), learned("d", 1)]
    # a stability or difficulty of 0.0 stays 0.0 (fsrs' own Card.from_dict makes it None)
    cards.append(CardState(STUDENT, "e", "code", State.Review, None, 0.0, 0.0, NOW, NOW, NOW))
    for card in cards:
        row = json.loads(json.dumps(card.to_row()))
        back = CardState.from_row(row)
        assert back == card
        assert back.to_row() == card.to_row()
        for moment in (back.due, back.last_review, back.introduced):
            assert moment is None or moment.utcoffset() == timedelta(0)
    assert cards[-1].to_row()["due"] == "2026-11-23T08:00:00+00:00"


def test_from_row_refuses_a_naive_timestamp() -> None:
    row = learned("a", 2).to_row() | {"due": "2026-11-23T08:00:00"}
    with pytest.raises(ValueError, match="due must be an aware datetime"):
        CardState.from_row(row)


def test_fsrs_round_trip_keeps_every_field() -> None:
    card = learned("a", 3)
    fsrs_card = card.to_fsrs()
    assert fsrs_card.card_id == card.card_id == learned("a", 3).card_id
    assert CardState.from_fsrs(fsrs_card, STUDENT, "a", "definitie", card.introduced) == card


def test_a_passed_scheduler_is_used() -> None:
    strict = Scheduler(desired_retention=0.97, enable_fuzzing=False)
    card = learned("a", 3)
    assert card.due is not None
    loose = review(card, True, card.due)
    tight = review(card, True, card.due, scheduler=strict)
    assert tight.due is not None and loose.due is not None and tight.due < loose.due


def test_pick_orders_due_cards_by_retrievability() -> None:
    later = NOW + timedelta(days=400)
    weak = learned("weak", 2)  # short stability: least likely recalled by `later`
    mid = learned("mid", 4)
    strong = learned("strong", 5)
    assert all(c.due is not None and c.due <= later for c in (weak, mid, strong))
    plan = pick([strong, weak, mid], [], later, new_today=0)
    assert [c.item for c in plan.due] == ["weak", "mid", "strong"]
    rs = [retrievability(c, later) for c in plan.due]
    assert rs == sorted(rs)
    assert plan.new == ()


def test_pick_puts_due_cards_before_new_ones_in_dossier_order() -> None:
    due = review(new("x"), False, NOW)
    assert due.due is not None
    at = due.due
    keys = [("c", "definitie"), ("a", "definitie"), ("b", "code")]
    plan = pick([due], keys, at, new_today=0)
    assert plan.keys == (("x", "definitie"), ("c", "definitie"), ("a", "definitie"), ("b", "code"))
    assert len(plan) == 4


def test_pick_respects_the_new_per_day_limit_and_size() -> None:
    keys = [(f"i{n:02}", "definitie") for n in range(40)]
    assert len(pick([], keys, NOW, new_today=0).new) == 10  # size
    assert len(pick([], keys, NOW, size=30, new_today=0).new) == 20  # new_per_day
    assert pick([], keys, NOW, size=30, new_today=15).new == tuple(keys[:5])
    assert pick([], keys, NOW, new_today=20).new == ()
    assert pick([], keys, NOW, new_today=25).new == ()
    assert len(pick([], keys, NOW, size=30, new_today=0, new_per_day=3).new) == 3
    # due cards fill the drill first
    dues = [review(new(f"d{n}"), False, NOW) for n in range(8)]
    later = NOW + timedelta(hours=1)
    plan = pick(dues, keys, later, size=10, new_today=0)
    assert (len(plan.due), len(plan.new)) == (8, 2)
    plan = pick(dues, keys, later, size=5, new_today=0)
    assert (len(plan.due), len(plan.new)) == (5, 0)
    assert plan.next_due is not None and plan.next_due <= later  # three more are due


def test_pick_never_repeats_a_card() -> None:
    card = review(new("a"), False, NOW)
    later = NOW + timedelta(hours=1)
    keys = [("a", "definitie"), ("b", "definitie"), ("b", "definitie"), ("a", "code")]
    plan = pick([card, card], keys, later, size=10, new_today=0)
    assert plan.keys == (("a", "definitie"), ("b", "definitie"), ("a", "code"))
    assert len(set(plan.keys)) == len(plan.keys)


def test_pick_with_nothing_due_says_when_the_next_review_is() -> None:
    soon = learned("soon", 2)
    late = learned("late", 4)
    assert soon.due is not None and late.due is not None and soon.due < late.due
    at = soon.due - timedelta(hours=1)
    plan = pick([late, soon], [("n", "definitie")], at, new_today=20)
    assert not plan
    assert plan.next_due == soon.due == next_due([late, soon])
    assert next_due([]) is None
    assert pick([], [], NOW, new_today=0).next_due is None
    # extra practice: the cards not yet due, least known first
    assert [c.item for c in practice([late, soon], at)] == ["soon", "late"]
    assert practice([late, soon, new("fresh")], at, size=1) == (soon,)


def test_pick_refuses_cards_of_several_students() -> None:
    other = CardState.new(STUDENT + 1, "a", "definitie", NOW)
    with pytest.raises(ValueError, match="several students"):
        pick([new("a"), other], [], NOW, new_today=0)


def test_new_since_counts_the_cards_started_today() -> None:
    amsterdam = ZoneInfo("Europe/Amsterdam")
    midnight = datetime(2026, 11, 23, tzinfo=amsterdam)  # 2026-11-22 23:00 UTC
    yesterday = review(new("y"), True, midnight - timedelta(minutes=5))
    today = [review(new(f"t{n}"), True, midnight + timedelta(minutes=n)) for n in range(3)]
    again = review(yesterday, True, NOW)  # reviewed today, started yesterday
    assert new_since([again, *today, new("never")], midnight) == 3
    assert new_since([], midnight.astimezone(UTC)) == 0
