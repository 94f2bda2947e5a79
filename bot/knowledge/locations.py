"""Where the knowledge base lives: generated YAML at the top, hand-written files in curated/."""

from __future__ import annotations

from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "knowledge"
CURATED = "curated"
CURATED_DIR = DEFAULT_DIR / CURATED
