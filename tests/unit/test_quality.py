"""Answer quality on our own question set (tests/eval/own.jsonl), as a regression guard.

The set was written from the knowledge base, independently of the shared dev sets; the
thresholds sit a little under today's scores so a change that hurts the method fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answers.service import Answers
from bot.knowledge.load import load_dossier

OWN = Path(__file__).resolve().parents[1] / "eval" / "own.jsonl"


@pytest.fixture(scope="module")
def results() -> list[tuple[dict, list[str], bool, str]]:
    answers = Answers.build(load_dossier())
    out = []
    for line in OWN.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        reply, found = answers.ask(case["q"], case["profile"])
        out.append((case, [h.item_id for h in found.hits], reply.abstained, reply.plain))
    return out


def share(flags: list[bool]) -> float:
    return sum(flags) / len(flags)


def test_top3_and_top1_hold(results) -> None:
    scope = [(c, ids, abst) for c, ids, abst, _ in results if c["expect_any"]]
    top1 = share([bool(ids) and ids[0] in c["expect_any"] and not a for c, ids, a in scope])
    top3 = share([any(i in c["expect_any"] for i in ids[:3]) for c, ids, _ in scope])
    assert top1 >= 0.90
    assert top3 >= 0.93


def test_out_of_scope_questions_are_refused(results) -> None:
    outside = [abst for c, _, abst, _ in results if not c["expect_any"]]
    assert share(outside) >= 0.8


def test_in_scope_questions_are_rarely_refused(results) -> None:
    inside = [abst for c, _, abst, _ in results if c["expect_any"]]
    assert share(inside) <= 0.03


def test_answers_quote_the_expected_text(results) -> None:
    checked = [
        all(p.casefold() in text.casefold() for p in c["must_contain"])
        for c, _, _, text in results
        if c["must_contain"]
    ]
    assert share(checked) >= 0.92
