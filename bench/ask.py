"""Benchmark: answering questions in-process, how cost grows with the corpus, and how long
the first message of an answer is.

1. For the real knowledge base and synthetic corpora 10x and 50x larger (copies of every
   source under other ids): index build time, median and p99 latency of one `Answers.ask`
   (search plus answer composition) over the dev questions repeated, and peak RSS. The 1x
   row is the baseline the larger rows are compared with, in the same run.
2. The whole conversation core (`Assistant.handle`, in-memory store): median and p99.
3. The first message's length (characters as the student reads them) over every question
   set: the phone-size aim is a median <= 500 and a 90th percentile <= 700.
Usage: python bench/ask.py [--repeat 100] [--scales 1,10,50]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import time
from dataclasses import replace
from pathlib import Path

from bot.answers.service import Answers
from bot.bootstrap import open_services
from bot.core.events import Person, Text
from bot.knowledge.load import load_dossier
from bot.knowledge.model import Dossier, Item
from bot.reply.replies import Reply

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "eval" / "dev.jsonl"
SETS = sorted((REPO.parent / "shared" / "eval").glob("*.jsonl")) + sorted(
    (REPO / "tests" / "eval").glob("*.jsonl")
)


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
    return Dossier(sources, dossier.vocabulary)


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def questions() -> list[tuple[str, str | None]]:
    return [(row["q"], row["profile"]) for row in read(DEV)]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(int(len(ordered) * share) - 1, 0)]


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
    return {
        "items": len(dossier.items),
        "build_ms": build_ms,
        "median_ms": statistics.median(times),
        "p99_ms": percentile(times, 0.99),
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


async def conversation(repeat: int) -> tuple[list[float], dict[str, list[int]]]:
    """Times of Assistant.handle over the dev questions, and first-message lengths per set."""
    services = await open_services(backend="memory")
    assistant = services.assistant
    times: list[float] = []
    for n in range(repeat):
        for i, (question, profile) in enumerate(questions()):
            person = Person(10_000 * n + i, "bench")
            await services.users.touch(person.id, "bench", None, "nl", _now())
            await services.users.set_dossier(person.id, profile)
            t0 = time.perf_counter()
            await assistant.handle(Text(person, question))
            times.append((time.perf_counter() - t0) * 1000)
    lengths: dict[str, list[int]] = {}
    people: dict[tuple[str, str], int] = {}
    for path in SETS:
        for i, row in enumerate(read(path)):
            key = (path.name, row.get("user") or f"#{i}")
            person = Person(people.setdefault(key, 1_000_000 + len(people)), "bench")
            await services.users.touch(person.id, "bench", None, "nl", _now())
            await services.users.set_dossier(person.id, row.get("profile"))
            reply = await assistant.handle(Text(person, row["q"]))
            assert isinstance(reply, Reply)
            lengths.setdefault(path.name, []).append(len(reply.plain))
    return times, lengths


def _now():  # a tiny helper for the users fake
    from datetime import UTC, datetime

    return datetime.now(UTC)


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
    times, lengths = asyncio.run(conversation(max(args.repeat // 5, 3)))
    print(
        f"\nwhole core (Assistant.handle, memory store), {len(times)} messages: "
        f"median {statistics.median(times):.2f} ms, p99 {percentile(times, 0.99):.2f} ms"
    )
    print(f"\n{'first message (characters)':30} {'n':>5} {'median':>7} {'p90':>6} {'max':>6}")
    everything = [length for found in lengths.values() for length in found]
    for name, found in [*sorted(lengths.items()), ("all sets", everything)]:
        median, p90 = statistics.median(found), percentile(found, 0.9)
        print(f"{name:30} {len(found):>5} {median:>7.0f} {p90:>6.0f} {max(found):>6}")


if __name__ == "__main__":
    main()
