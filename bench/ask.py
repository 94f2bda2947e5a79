"""Benchmark: answering questions in-process, and how cost grows with the corpus.

For the real knowledge base and synthetic corpora 10x and 50x larger (copies of every source
under other ids), prints index build time, median and p99 latency of one `ask` (search plus
answer composition) over the dev questions repeated, and peak RSS. The 1x row is the
baseline the larger rows are compared with, in the same run.
Usage: python bench/ask.py [--repeat 100] [--scales 1,10,50]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from dataclasses import replace
from pathlib import Path

from bot.answers.service import Answers
from bot.knowledge.load import load_dossier
from bot.knowledge.model import Dossier, Item

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev.jsonl"


def _copy_item(item: Item, suffix: str) -> Item:
    def rename(item_id: str | None) -> str | None:
        return item_id.replace(":", f"-{suffix}:", 1) if item_id else None

    return replace(
        item, id=rename(item.id), source=f"{item.source}-{suffix}", parent=rename(item.parent)
    )


def scaled(dossier: Dossier, factor: int) -> Dossier:
    """The dossier plus factor-1 renamed copies of every source."""
    sources = dict(dossier.sources)
    for n in range(1, factor):
        for source in dossier.sources.values():
            items = tuple(_copy_item(item, f"x{n}") for item in source.items)
            sources[f"{source.id}-x{n}"] = replace(source, id=f"{source.id}-x{n}", items=items)
    return Dossier(sources)


def questions() -> list[tuple[str, str | None]]:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]
    return [(row["q"], row["profile"]) for row in rows]


def measure(dossier: Dossier, asked: list[tuple[str, str | None]], repeat: int) -> dict:
    start = time.perf_counter()
    answers = Answers.build(dossier)
    build_ms = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(repeat):
        for question, profile in asked:
            t0 = time.perf_counter()
            answers.ask(question, profile)
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {
        "items": len(dossier.items),
        "build_ms": build_ms,
        "median_ms": statistics.median(times),
        "p99_ms": times[int(len(times) * 0.99) - 1],
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--scales", default="1,10,50")
    args = parser.parse_args()
    base = load_dossier()
    asked = questions()
    print(f"{len(asked)} dev questions x {args.repeat} per corpus; peak RSS is cumulative")
    print(
        f"{'corpus':>7} {'items':>7} {'build ms':>9} {'median ms':>10} {'p99 ms':>8} "
        f"{'vs 1x p99':>9} {'peak RSS MB':>12}"
    )
    first = None
    for factor in (int(f) for f in args.scales.split(",")):
        row = measure(
            scaled(base, factor),
            asked,
            args.repeat if factor == 1 else max(args.repeat // factor, 5),
        )
        first = first or row
        ratio = row["p99_ms"] / first["p99_ms"]
        print(
            f"{factor:>6}x {row['items']:>7} {row['build_ms']:>9.0f} {row['median_ms']:>10.2f} "
            f"{row['p99_ms']:>8.2f} {ratio:>8.1f}x {row['rss_mb']:>12.0f}"
        )


if __name__ == "__main__":
    main()
