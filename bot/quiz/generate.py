"""Generate the questions of a dossier choice, each checked by problems() before it is given."""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator

from bot.knowledge.model import Dossier, Item
from bot.quiz.check import echoes, problems, rights
from bot.quiz.kinds import KINDS, Kind
from bot.quiz.model import Question
from bot.quiz.scope import Scope, branch_label, scope_of
from bot.quiz.text import normalise
from bot.reply import limits

OPTIONS = 4  # the usual number of options
MIN_OPTIONS = 3  # fewer distractors than this and the question is left out


def explanation(dossier: Dossier, item: Item) -> str:
    """'P4-K2-W6 Voert aftersales uit · Kwalificatiedossier Commercie' (shorter if needed)."""
    source = dossier.source_of(item).title
    text = f"{item.code} {item.title} · {source}"
    return text if len(text) <= limits.POLL_EXPLANATION else f"{item.code} · {source}"


def _where(dossier: Dossier, kind: Kind, item: Item) -> str:
    if kind.where == "branch":
        return branch_label(dossier, item)
    source = dossier.source_of(item)
    return f"{source.article} {source.label}"


def _pool(dossier: Dossier, kind: Kind, scope: Scope, item: Item) -> list[str]:
    """Every answer the kind gives for items of the same type in the scope, once each."""
    seen: dict[str, str] = {}
    for other in scope.items:
        if other.type == item.type:
            for _, answer in kind.pairs(dossier, other):
                seen.setdefault(normalise(answer), answer)
    return list(seen.values())


def _options(
    answer: str, others: list[str], rng: random.Random
) -> tuple[tuple[str, ...], tuple[int, ...]] | None:
    """The answer among up to three others, shuffled, and its index; None when too few."""
    take = min(OPTIONS - 1, len(others))
    if take < MIN_OPTIONS - 1:
        return None
    options = [answer, *rng.sample(others, take)]
    rng.shuffle(options)
    return tuple(options), (options.index(answer),)


def _made(
    kind: Kind, mine: list[str], wrong: list[str], rng: random.Random
) -> Iterator[tuple[tuple[str, ...], tuple[int, ...]]]:
    """One right answer among wrong ones for each of the item's answers; or, for an
    odd-one-out, one wrong answer among the item's right ones."""
    if kind.odd:
        made = _options(rng.choice(wrong), mine, rng) if wrong else None
        yield from [made] if made else []
        return
    for answer in mine:
        made = _options(answer, wrong, rng)
        yield from [made] if made else []


def _questions(
    dossier: Dossier, kind: Kind, scope: Scope, item: Item, rng: random.Random
) -> Iterator[Question]:
    own: dict[str, list[str]] = {}
    for stem, answer in kind.asked(dossier, item):
        own.setdefault(stem, []).append(answer)
    pool = [] if kind.typed else _pool(dossier, kind, scope, item)
    note = explanation(dossier, item)
    for stem, answers in own.items():
        shown = kind.show(dossier, item, stem)
        if not shown:
            continue
        right = rights(dossier, kind, item, stem)
        where = _where(dossier, kind, item)
        text = kind.prompt.format(stem=shown, type=item.type, where=where)
        if kind.typed:
            yield Question(kind.name, text, (), (), note, (item.id,), tuple(right.values()))
            continue
        wrong = [
            a for a in pool if normalise(a) not in right and not (kind.unlike and echoes(shown, a))
        ]
        mine = list({normalise(a): a for a in answers}.values())
        for options, correct in _made(kind, mine, wrong, rng):
            yield Question(kind.name, text, options, correct, note, (item.id,))


def generate(
    dossier: Dossier,
    choice: str,
    *,
    kinds: Iterable[str] | None = None,
    rng: random.Random,
) -> Iterator[Question]:
    """Every question of the chosen kinds for a dossier choice, kind by kind, in document
    order; a question with problems() is left out."""
    scope = scope_of(dossier, choice)
    for name in kinds or KINDS:
        kind = KINDS[name]
        for item in scope.items:
            if item.type in kind.types:
                for question in _questions(dossier, kind, scope, item, rng):
                    if not problems(question, dossier):
                        yield question
