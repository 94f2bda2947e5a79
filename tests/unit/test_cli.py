"""The command line: check, items, import and ask, as a user or CI runs them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.knowledge.load import DEFAULT_DIR

ITEMS_TSV = Path(__file__).resolve().parents[1] / "fixtures" / "spec" / "items.tsv"


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
    assert all("reply" in line for line in lines)
    assert lines[0]["results"][0]["id"] == "bcp-2010:3.5" and lines[0]["reply"] == "answer"
    assert "Onderhandelt met de account" in lines[0]["answer"]
    assert lines[1]["results"] == [] and lines[1]["reply"] == "chat"  # "ask your question"
    assert lines[2]["abstained"] is True and lines[2]["reply"] == "outside"


def ask_json(lines: list[dict[str, object]]) -> list[dict[str, object]]:
    """`dossierbot ask --json --stdin` as a process."""
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "--stdin"],
        input="".join(json.dumps(line) + "\n" for line in lines),
        capture_output=True,
        text=True,
        check=True,
    )
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_ask_json_lines_of_one_user_are_one_conversation() -> None:
    out = ask_json(
        [
            {"q": "wp 3.5", "profile": "bcp-2010", "user": "sanne"},
            {"q": "hoi", "profile": None, "user": "bram"},
            {"q": "en de competenties?", "profile": "bcp-2010", "user": "sanne"},
            {"q": "en de competenties?", "profile": "bcp-2010"},  # nobody's follow-up
        ]
    )
    assert all("reply" in line for line in out)
    assert [line["reply"] for line in out] == ["answer", "chat", "answer", "chat"]
    first, _, follow_up, alone = out
    assert first["results"][0]["id"] == follow_up["results"][0]["id"] == "bcp-2010:3.5"
    assert "Competenties" in str(follow_up["answer"])
    assert alone["results"] == []


def test_chat_refuses_an_unknown_profile_and_lists_the_valid_ones(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["chat", "--profile", "P99"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("dossierbot: unknown --profile 'P99'; choose one of: ")
    valid = err.strip().split("choose one of: ")[1].split(", ")
    assert {"commercie:P4", "bcp-2010", "commercie-cgo", "commercie-2015"} <= set(valid)
    assert "Traceback" not in err


def test_chat_with_a_valid_profile_sets_it_for_the_local_user(tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'chat.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--profile", "commercie:P4"],
        input="/help\nstop\n",
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0
    assert "Je dossier: P4 Junior accountmanager" in result.stdout
    assert "Traceback" not in result.stderr


BAD_URL = "mysql://root:hunter2@db.example/bot"


def _without_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No .env and no Telegram or database settings from the surrounding environment."""
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith(("TELEGRAM_", "WEBHOOK_", "DATABASE_URL", "LOG_LEVEL")):
            monkeypatch.delenv(name)


@pytest.mark.parametrize(
    ("command", "token"),
    [("run", None), ("run", "123:not-a-real-token"), ("chat", None)],
)
def test_an_unsupported_database_url_is_one_line(
    command: str,
    token: str | None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every entry point refuses it in one line (with a token, before contacting Telegram)."""
    _without_settings(monkeypatch, tmp_path)
    monkeypatch.setenv("DATABASE_URL", BAD_URL)
    if token:
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
        monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:1/bot")  # never reached
    assert main([command]) == 1
    err = capsys.readouterr().err
    assert err.startswith("dossierbot: unsupported DATABASE_URL 'mysql://root:***@db.example/bot'")
    assert len(err.splitlines()) == 1 and "hunter2" not in err


def test_an_unsupported_database_url_has_no_traceback_as_a_process(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "WEBHOOK_", "DATABASE_URL"))
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        env={**env, "DATABASE_URL": BAD_URL},
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("dossierbot: unsupported DATABASE_URL ")
    assert len(result.stderr.splitlines()) == 1


def test_chat_with_a_bad_setting_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _without_settings(monkeypatch, tmp_path)
    monkeypatch.setenv("LOG_LEVEL", "LOUD")
    assert main(["chat"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("dossierbot: LOG_LEVEL must be one of") and len(err.splitlines()) == 1


def test_quiz_sample_json_prints_one_question_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quiz", "sample", "--n", "40", "--profile", "commercie:P4", "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 40
    for question in lines:
        assert {"kind", "question", "explanation", "items"} <= set(question)
        if "answers" in question:
            assert question["answers"] and "options" not in question
        else:
            assert 0 <= question["correct"][0] < len(question["options"])
