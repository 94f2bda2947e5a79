"""Benchmark: loading and validating the whole knowledge base.

Prints a table of median and p90 wall time over several runs, against a baseline in the
same run: parsing the same YAML with PyYAML's pure-Python loader and no validation.
Usage: python bench/knowledge_load.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from bot.knowledge.load import DEFAULT_DIR, load_dossier


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    """Wall times in milliseconds of runs calls (after one warm-up call)."""
    fn()
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def baseline(directory: Path) -> None:
    for path in sorted(directory.glob("*.yaml")):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    dossier = load_dossier(DEFAULT_DIR)
    size = sum(p.stat().st_size for p in DEFAULT_DIR.glob("*.yaml")) / 1024
    rows = [
        (
            "load_dossier (C loader + validation)",
            timed(lambda: load_dossier(DEFAULT_DIR), args.runs),
        ),
        ("baseline: pure-Python yaml.load only", timed(lambda: baseline(DEFAULT_DIR), args.runs)),
    ]
    print(f"knowledge/: {len(dossier.items)} items, {size:.0f} KiB of YAML, {args.runs} runs")
    print(f"{'case':40} {'median ms':>10} {'p90 ms':>8}")
    for name, times in rows:
        p90 = statistics.quantiles(times, n=10)[-1]
        print(f"{name:40} {statistics.median(times):>10.1f} {p90:>8.1f}")


if __name__ == "__main__":
    main()
