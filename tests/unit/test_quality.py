"""Answer quality on our own question set (tests/eval/own.jsonl), as a regression guard.

The questions go through the same path as `dossierbot ask --json --stdin` (and
../shared/eval/score.py, which sends only "q" and "profile"): the whole conversation core
over the in-memory store, one person per question, the reply's kind, items and first
message as the command prints them.

The set was written from the knowledge base, independently of the shared dev sets; the
thresholds sit a little under the scores measured so a change that hurts the method fails
here. The answer text is the first message only (phone-sized since the restructuring), so
an expected phrase the first message leaves for "Lees verder" counts as missed.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main

OWN = Path(__file__).resolve().parents[1] / "eval" / "own.jsonl"

Result = tuple[dict[str, Any], dict[str, Any]]  # (case, output line)


def dossierbot_ask(requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`dossierbot ask --json --stdin` in-process: one JSON line in, one out, in order."""
    stdin = io.StringIO("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in requests))
    out = io.StringIO()
    saved, sys.stdin = sys.stdin, stdin
    try:
        with contextlib.redirect_stdout(out):
            assert main(["ask", "--json", "--stdin"]) == 0
    finally:
        sys.stdin = saved
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.fixture(scope="module")
def results() -> list[Result]:
    cases = [json.loads(line) for line in OWN.read_text(encoding="utf-8").splitlines()]
    lines = dossierbot_ask([{"q": case["q"], "profile": case["profile"]} for case in cases])
    assert [line["q"] for line in lines] == [case["q"] for case in cases]
    return list(zip(cases, lines, strict=True))


def share(flags: list[bool]) -> float:
    return sum(flags) / len(flags)


def found(line: dict[str, Any]) -> list[str]:
    return [result["id"] for result in line["results"]]


def test_every_line_has_the_shape_of_the_command(results: list[Result]) -> None:
    for _, line in results:
        assert set(line) == {"q", "reply", "results", "abstained", "answer"}
        assert line["reply"] in {"answer", "choose", "suggest", "outside", "chat"}
        assert line["abstained"] == (line["reply"] in {"outside", "chat"})


def test_top3_and_top1_hold(results: list[Result]) -> None:
    scope = [(case, line) for case, line in results if case["expect_any"]]
    top1 = share(
        [
            bool(found(line)) and found(line)[0] in case["expect_any"] and not line["abstained"]
            for case, line in scope
        ]
    )
    top3 = share([any(i in case["expect_any"] for i in found(line)[:3]) for case, line in scope])
    assert top1 >= 0.90
    assert top3 >= 0.93


def test_out_of_scope_questions_are_refused(results: list[Result]) -> None:
    outside = [line["abstained"] for case, line in results if not case["expect_any"]]
    assert share(outside) >= 0.8


def test_in_scope_questions_are_rarely_refused(results: list[Result]) -> None:
    inside = [line["abstained"] for case, line in results if case["expect_any"]]
    assert share(inside) <= 0.03


def test_answers_quote_the_expected_text(results: list[Result]) -> None:
    checked = [
        all(p.casefold() in line["answer"].casefold() for p in case["must_contain"])
        for case, line in results
        if case["must_contain"]
    ]
    assert share(checked) >= 0.92
