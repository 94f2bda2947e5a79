"""The test suite's copies of shared material stay equal to ../shared where that is beside
the repository (CI has it; a clone on its own uses the copies)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
COPIES = [
    ("telegram/bot-api.json", "tests/fixtures/telegram/bot-api.json"),
    ("telegram/LICENSE", "tests/fixtures/telegram/LICENSE"),
    ("spec/items.tsv", "tests/fixtures/spec/items.tsv"),
]


@pytest.mark.parametrize(("shared", "copy"), COPIES)
def test_copy_is_present(shared: str, copy: str) -> None:
    assert (REPO / copy).is_file(), f"{copy} is missing: copy it from ../shared/{shared}"


@pytest.mark.parametrize(("shared", "copy"), COPIES)
def test_copy_equals_shared(shared: str, copy: str) -> None:
    original = SHARED / shared
    if not original.is_file():
        pytest.skip("../shared is not beside the repository")
    assert (REPO / copy).read_bytes() == original.read_bytes(), f"refresh {copy}"
