"""Unit-test fixtures: the real knowledge base and answer service (built once, they are pure),
and a fresh assistant over the in-memory users store for each test."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.answers.service import Answers
from bot.core.assistant import Assistant
from bot.core.memory import MemoryUsers
from bot.knowledge.load import load_dossier
from bot.knowledge.model import Dossier

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def answers() -> Answers:
    return Answers.build(load_dossier())


@pytest.fixture(scope="session")
def dossier(answers: Answers) -> Dossier:
    return answers.dossier


@pytest.fixture
def users() -> MemoryUsers:
    return MemoryUsers()


@pytest.fixture
def assistant(answers: Answers, users: MemoryUsers) -> Assistant:
    return Assistant(answers, users, clock=lambda: NOW)
