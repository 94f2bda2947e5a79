"""The command line: check, items, import and ask, as a user or CI runs them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.knowledge.load import DEFAULT_DIR

ITEMS_TSV = Path(__file__).resolve().parents[2].parent / "shared" / "spec" / "items.tsv"


def test_check_is_clean_on_the_committed_knowledge(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert capsys.readouterr().out.startswith("ok: ")


def test_check_lists_every_problem_without_traceback(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_DIR, tmp_path / "knowledge")
    broken = tmp_path / "knowledge" / "commercie-2015.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("type: kerntaak", "type: x", 1))
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    (quizzes / "pack.yaml").write_text("vragen: [open\n", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "--knowledge",
            str(tmp_path / "knowledge"),
            "check",
            "--quizzes",
            str(quizzes),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "knowledge/commercie-2015.yaml: items[" in result.stderr
    assert "unknown type 'x'" in result.stderr
    assert "quizzes/pack.yaml: line 2, column 1: YAML syntax error" in result.stderr
    assert "Traceback" not in result.stderr


def test_items_covers_the_spec_exactly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["items"]) == 0
    have = sorted(capsys.readouterr().out.splitlines())
    want = sorted(ITEMS_TSV.read_text(encoding="utf-8").splitlines()[1:])
    assert have == want


def test_import_writes_the_committed_yaml_byte_for_byte(tmp_path: Path) -> None:
    out = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIR / "sources", out / "sources")
    code = main(
        [
            "import",
            str(out / "sources" / "commercie-2015.txt"),
            "--format",
            "commercie-2015",
            "--id",
            "commercie-2015",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    written = (out / "commercie-2015.yaml").read_bytes()
    assert written == (DEFAULT_DIR / "commercie-2015.yaml").read_bytes()


def test_ask_json_lines_keep_order_and_shape(tmp_path: Path) -> None:
    questions = [
        {"q": "wp 3.5", "profile": "bcp-2010"},
        {"q": "", "profile": None},
        {"q": "wat is de hoofdstad van Frankrijk", "profile": None},
    ]
    stdin = "".join(json.dumps(q) + "\n" for q in questions)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "--stdin"],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["q"] for line in lines] == [q["q"] for q in questions]
    assert lines[0]["results"][0]["id"] == "bcp-2010:3.5"
    assert "Onderhandelt met de account" in lines[0]["answer"]
    assert lines[1]["results"] == [] and not lines[1]["abstained"]
    assert lines[2]["abstained"] is True
