"""problems(): what is wrong with a question, checked against the whole knowledge base."""

from __future__ import annotations

from bot.knowledge.model import Dossier, Item
from bot.quiz.kinds import KINDS, Kind
from bot.quiz.model import Question
from bot.quiz.scope import branch
from bot.quiz.text import hide, normalise
from bot.reply import limits

Rights = dict[str, str]  # normalised answer -> answer as the dossier writes it
_INDEXES: dict[tuple[int, str], tuple[Dossier, dict[tuple[str, str], Rights]]] = {}


def _key(dossier: Dossier, kind: Kind, item: Item) -> str:
    if kind.universe == "source":
        return item.source
    return branch(dossier, item) if kind.universe == "branch" else ""


def _index(dossier: Dossier, kind: Kind) -> dict[tuple[str, str], Rights]:
    """(universe, normalised stem) -> every right answer, over every item of the kind."""
    cached = _INDEXES.get((id(dossier), kind.name))
    if cached is not None and cached[0] is dossier:
        return cached[1]
    index: dict[tuple[str, str], Rights] = {}
    for item in dossier:
        if item.type in kind.types:
            for stem, answer in kind.pairs(dossier, item):
                rights = index.setdefault((_key(dossier, kind, item), normalise(stem)), {})
                rights.setdefault(normalise(answer), answer)
    _INDEXES[(id(dossier), kind.name)] = (dossier, index)
    return index


def rights(dossier: Dossier, kind: Kind, item: Item, stem: str) -> Rights:
    """Every answer right for this stem, wherever the knowledge base pairs them."""
    return _index(dossier, kind).get((_key(dossier, kind, item), normalise(stem)), {})


def _stem(dossier: Dossier, kind: Kind, item: Item, question: str) -> str | None:
    """The stem of the item that the question shows (the longest, when several fit)."""
    found = [
        (len(shown), stem)
        for stem, _ in kind.pairs(dossier, item)
        if (shown := kind.show(dossier, item, stem)) and shown in question
    ]
    return max(found)[1] if found else None


def limit_problems(q: Question) -> list[str]:
    """Telegram's poll limits, and the shape of a typed or a multiple-choice question."""
    found = []
    if not 1 <= len(q.question) <= limits.POLL_QUESTION:
        found.append(f"question of {len(q.question)} characters")
    if len(q.explanation) > limits.POLL_EXPLANATION:
        found.append(f"explanation of {len(q.explanation)} characters")
    if q.explanation.count("\n") > limits.POLL_EXPLANATION_LINE_FEEDS:
        found.append("explanation with too many line feeds")
    if q.typed:
        if q.correct or not q.answers:
            found.append("typed question without accepted answers, or with a correct index")
        return found
    if not limits.POLL_OPTIONS_MIN <= len(q.options) <= limits.POLL_OPTIONS_MAX:
        found.append(f"{len(q.options)} options")
    found += [f"option of {len(o)} characters: {o!r}" for o in q.options if not o or len(o) > 100]
    if len({normalise(o) for o in q.options}) < len(q.options):
        found.append("two options read the same")
    if len(q.correct) != 1 or not all(0 <= i < len(q.options) for i in q.correct):
        found.append(f"correct {q.correct} is not one index into the options")
    return found


def echoes(shown: str, option: str) -> bool:
    """True when an option shares a word root with the shown stem (it might fit it too)."""
    return hide(shown, option)[1] > 0


def _answer_problems(q: Question, kind: Kind, right: Rights, shown: str) -> list[str]:
    if kind.typed:
        accepted = {normalise(a) for a in q.answers}
        missing = sorted(right[a] for a in set(right) - accepted)
        wrong = sorted(set(q.answers) - {a for a in q.answers if normalise(a) in right})
        return [f"answer {a!r} is right too" for a in missing] + [
            f"accepted answer {a!r} is not right" for a in wrong
        ]
    fits = {i for i, option in enumerate(q.options) if (normalise(option) in right) != kind.odd}
    found = [f"option {q.options[i]!r} is right too" for i in sorted(fits - set(q.correct))]
    found += [f"the correct option {q.options[i]!r} is not right" for i in set(q.correct) - fits]
    if kind.unlike:
        others = [o for i, o in enumerate(q.options) if i not in fits]
        found += [f"wrong option {o!r} echoes the stem" for o in others if echoes(shown, o)]
    if not kind.odd and any(normalise(q.options[i]) in normalise(q.question) for i in fits):
        found.append("the question gives the answer away")
    return found


def problems(question: Question, dossier: Dossier) -> list[str]:
    """Everything wrong with a question; empty when it has exactly one right answer."""
    kind = KINDS.get(question.kind)
    item = dossier.items.get(question.items[0]) if question.items else None
    if kind is None or item is None:
        return [f"unknown kind {question.kind!r} or item {question.items!r}"]
    found = limit_problems(question)
    if dossier.source_of(item).title not in question.explanation:
        found.append("the explanation does not name the source")
    stem = _stem(dossier, kind, item, question.question)
    if stem is None:
        return [*found, "the question shows no stem of its item"]
    shown = kind.show(dossier, item, stem) or ""
    return found + _answer_problems(question, kind, rights(dossier, kind, item, stem), shown)
