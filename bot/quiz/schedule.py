"""Spaced repetition: FSRS scheduling of quiz cards (pure; the clock is always passed in).

A card is one (student, item, question kind). Answering a question reviews its card:
correct -> ``Rating.Good``, wrong -> ``Rating.Again``. A drill takes the due cards first
(lowest retrievability first), then new cards in dossier order, at most ``new_per_day`` new
cards a day, never the same card twice. Every datetime here is aware and in UTC; a naive
one is refused (``ValueError``), an aware one in another zone is converted to UTC.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fsrs import Card, Rating, Scheduler, State

# One scheduler for every student: it holds parameters only, no per-user state. Fuzzing is
# off so that review() is a pure function (same card, answer and time -> same card); a drill
# is capped at `size` cards in retrievability order, which spreads clumps of cards that
# come due the same day without random fuzz. Pass scheduler=... to change either.
DESIRED_RETENTION = 0.9
SCHEDULER = Scheduler(desired_retention=DESIRED_RETENTION, enable_fuzzing=False)

Key = tuple[str, str]  # (item id, question kind)


def utc(moment: datetime, name: str = "now") -> datetime:
    """The moment in UTC; a naive datetime is refused, since its zone cannot be known."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime (UTC), got naive {moment!r}")
    return moment.astimezone(UTC)


@dataclass(frozen=True)
class CardState:
    """What the store keeps for one card: whose, which (item, kind), and the FSRS fields.

    ``introduced`` is the moment of the card's first review (None before it), so that the
    new cards of a day can be counted (:func:`new_since`).
    """

    student: int
    item: str
    kind: str
    state: State = State.Learning
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    introduced: datetime | None = None

    def __post_init__(self) -> None:
        for name in ("due", "last_review", "introduced"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, utc(value, name))
        object.__setattr__(self, "state", State(self.state))

    @classmethod
    def new(cls, student: int, item: str, kind: str, now: datetime) -> CardState:
        """A card never reviewed, due now."""
        return cls(student, item, kind, due=utc(now))

    @property
    def key(self) -> Key:
        """(item id, question kind): the card within one student's cards."""
        return (self.item, self.kind)

    @property
    def reviewed(self) -> bool:
        return self.last_review is not None

    def is_due(self, now: datetime) -> bool:
        return self.due is None or self.due <= utc(now)

    @property
    def card_id(self) -> int:
        """A stable id for fsrs (it only labels review logs): a CRC of the card's identity."""
        return zlib.crc32(f"{self.student}\x1f{self.item}\x1f{self.kind}".encode())

    def to_fsrs(self, now: datetime | None = None) -> Card:
        """The fsrs Card (card_id passed explicitly: without it Card() sleeps 1 ms).

        A card without a due date is due at ``now`` (required then).
        """
        due = self.due
        if due is None:
            if now is None:
                raise ValueError("a card without a due date needs now")
            due = utc(now)
        return Card(
            card_id=self.card_id,
            state=self.state,
            step=self.step,
            stability=self.stability,
            difficulty=self.difficulty,
            due=due,
            last_review=self.last_review,
        )

    @classmethod
    def from_fsrs(
        cls,
        card: Card,
        student: int,
        item: str,
        kind: str,
        introduced: datetime | None = None,
    ) -> CardState:
        return cls(
            student=student,
            item=item,
            kind=kind,
            state=card.state,
            step=card.step,
            stability=card.stability,
            difficulty=card.difficulty,
            due=card.due,
            last_review=card.last_review,
            introduced=introduced,
        )

    def to_row(self) -> dict[str, Any]:
        """A JSON-safe dict (datetimes as ISO 8601 strings with +00:00)."""
        return {
            "student": self.student,
            "item": self.item,
            "kind": self.kind,
            "state": int(self.state),
            "step": self.step,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "due": _iso(self.due),
            "last_review": _iso(self.last_review),
            "introduced": _iso(self.introduced),
        }

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> CardState:
        """The card of a :meth:`to_row` dict (0.0 stays 0.0, unlike fsrs' Card.from_dict)."""

        def number(name: str) -> float | None:
            value = row.get(name)
            return None if value is None else float(value)

        step = row.get("step")
        return cls(
            student=int(row["student"]),
            item=str(row["item"]),
            kind=str(row["kind"]),
            state=State(int(row["state"])),
            step=None if step is None else int(step),
            stability=number("stability"),
            difficulty=number("difficulty"),
            due=_parse(row.get("due"), "due"),
            last_review=_parse(row.get("last_review"), "last_review"),
            introduced=_parse(row.get("introduced"), "introduced"),
        )


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _parse(value: Any, name: str) -> datetime | None:
    if value is None:
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return utc(moment, name)


def rating(correct: bool) -> Rating:
    """Correct -> Good, wrong -> Again; nothing finer (see :func:`review`)."""
    return Rating.Good if correct else Rating.Again


def review(
    card: CardState, correct: bool, now: datetime, *, scheduler: Scheduler = SCHEDULER
) -> CardState:
    """The card after one answer at ``now``: correct -> Rating.Good, wrong -> Rating.Again.

    Hard and Easy are not used: a quiz grades right or wrong, not how hard the recall felt,
    and guessing Hard/Easy from answer time or a near-miss typed answer would feed FSRS
    ratings the student never gave (the FSRS maintainers advise Good/Again for graded
    quizzes). A near-miss that the grader accepts is correct, so Good.
    """
    now = utc(now)
    reviewed, _log = scheduler.review_card(card.to_fsrs(now), rating(correct), now)
    return CardState.from_fsrs(
        reviewed, card.student, card.item, card.kind, introduced=card.introduced or now
    )


def retrievability(card: CardState, now: datetime, *, scheduler: Scheduler = SCHEDULER) -> float:
    """The predicted chance of recall at ``now`` (0.0 for a never-reviewed card).

    fsrs counts whole elapsed days, so a card reviewed earlier today reads 1.0.
    """
    now = utc(now)
    if card.last_review is None or card.stability is None:
        return 0.0
    return float(scheduler.get_card_retrievability(card.to_fsrs(now), now))


@dataclass(frozen=True)
class Plan:
    """The cards of one drill, in the order to ask them: due cards, then new ones.

    ``new`` holds (item id, kind) keys: a new card has no state until its first review
    (make it with :meth:`CardState.new`). ``next_due`` is when the earliest card not in the
    drill comes due (None when there is none), for "nothing due until ...".
    """

    due: tuple[CardState, ...]
    new: tuple[Key, ...]
    next_due: datetime | None

    @property
    def keys(self) -> tuple[Key, ...]:
        """Every (item, kind) of the drill, in order."""
        return tuple(card.key for card in self.due) + self.new

    def __len__(self) -> int:
        return len(self.due) + len(self.new)

    def __bool__(self) -> bool:
        return len(self) > 0


def _one_student(cards: Sequence[CardState]) -> None:
    students = {card.student for card in cards}
    if len(students) > 1:
        raise ValueError(f"cards of several students: {sorted(students)}")


def _by_need(cards: Iterable[CardState], now: datetime, scheduler: Scheduler) -> list[CardState]:
    """Lowest retrievability first; then the longest overdue; then (item, kind)."""
    far = datetime.max.replace(tzinfo=UTC)
    return sorted(
        cards,
        key=lambda c: (retrievability(c, now, scheduler=scheduler), c.due or far, c.key),
    )


def pick(
    cards: Sequence[CardState],
    new: Sequence[Key],
    now: datetime,
    *,
    size: int = 10,
    new_today: int,
    new_per_day: int = 20,
    scheduler: Scheduler = SCHEDULER,
) -> Plan:
    """The next drill of one student: at most ``size`` cards, never one (item, kind) twice.

    ``cards`` are the student's stored cards; ``new`` the (item id, kind) keys the student
    could start, in dossier order (keys that already have a card are skipped);
    ``new_today`` how many cards the student started today (see :func:`new_since`).
    Due cards come first, lowest retrievability first; then new keys in dossier order while
    ``new_today`` stays under ``new_per_day``.
    """
    now = utc(now)
    if size < 0 or new_today < 0 or new_per_day < 0:
        raise ValueError("size, new_today and new_per_day cannot be negative")
    _one_student(cards)
    seen: set[Key] = set()
    unique: list[CardState] = []
    for card in cards:
        if card.key not in seen:
            seen.add(card.key)
            unique.append(card)
    due = tuple(_by_need((c for c in unique if c.is_due(now)), now, scheduler)[:size])
    fresh: list[Key] = []
    room = min(size - len(due), max(0, new_per_day - new_today))
    for key in new:
        if len(fresh) >= room:
            break
        if key not in seen:
            seen.add(key)
            fresh.append((key[0], key[1]))
    chosen = {card.key for card in due}
    left = [card for card in unique if card.key not in chosen]
    return Plan(due=due, new=tuple(fresh), next_due=next_due(left))


def next_due(cards: Iterable[CardState]) -> datetime | None:
    """When the earliest of the cards comes due (None for no cards)."""
    dues = [card.due for card in cards if card.due is not None]
    return min(dues) if dues else None


def practice(
    cards: Sequence[CardState],
    now: datetime,
    *,
    size: int = 10,
    scheduler: Scheduler = SCHEDULER,
) -> tuple[CardState, ...]:
    """Extra practice when nothing is due: reviewed cards not yet due, least known first.

    Reviewing them early is sound: FSRS weighs an early review by the elapsed time.
    """
    now = utc(now)
    _one_student(cards)
    seen: set[Key] = set()
    early = []
    for card in cards:
        if card.reviewed and not card.is_due(now) and card.key not in seen:
            seen.add(card.key)
            early.append(card)
    return tuple(_by_need(early, now, scheduler)[:size])


def new_since(cards: Iterable[CardState], since: datetime) -> int:
    """How many cards were started (first reviewed) at or after ``since``.

    For ``new_today``, pass the start of the student's day (e.g. midnight Europe/Amsterdam).
    """
    since = utc(since, "since")
    return sum(1 for card in cards if card.introduced is not None and card.introduced >= since)
