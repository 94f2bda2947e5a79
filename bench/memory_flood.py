"""Benchmark: does a flood of long, distinct messages grow the process? (issue 12)

A hostile (or just chatty) student can send thousands of different 4,000-character
messages. Whatever the core keeps per distinct text must stay bounded by what it holds, not
grow with every message. This builds the services in-process (memory store, as
bench/ask.py), warms up, then sends N distinct random 4,000-character messages through
`Assistant.handle(Text(...))` from several users, and compares the resident set size (RSS,
/proc/self/status) before and after. Target: growth <= 20 MB for 5,000 messages.

Each mode runs in a fresh child process so one cannot reuse the other's freed memory:
  bounded        the code as it is (caches of words and short strings only)
  whole-message  the old behaviour, patched in here only: `fold` cached per whole text and
                 `stem` per whole word (lru_cache 65536 each), PyStemmer's own cache on
Usage: python bench/memory_flood.py [--messages 5000] [--runs 1] [--modes bounded,whole-message]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import random
import statistics
import subprocess
import sys
import time
import unicodedata
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # runnable as `python bench/memory_flood.py`
    sys.path.insert(0, str(REPO))

MESSAGE_CHARS = 4000  # bot.core.assistant.MAX_TEXT: the most of a message the core reads
TARGET_MB = 20.0
MODES = ("bounded", "whole-message")

# Words a student of Commercie could write, accents included (the non-ASCII path of fold).
DUTCH = """klant klanten acquisitie werkproces kerntaak gedrag resultaat vakkennis offerte
accountplan verkoopgesprek marketing doelgroep webshop relatiebeheer onderhandelen
presentatie stage leidinggevende collega bedrijf omzet marge prijs levering voorraad
geïnteresseerd coördineert coöperatie één reëel financiële categorieën ideeën privé
café hè zeeën beïnvloeden overleggen plannen bellen mailen social media campagne
concurrentie analyse rapportage begroting verkoopdoelen nabellen klachten service
""".split()
ONSETS = "b c d f g h j k l m n p r s t v w z st sch tr kl gr br".split()
VOWELS = "a e i o u aa ee oo ie oe ij ui eu ei é ë ï".split()
CODAS = ["", "", "n", "r", "l", "k", "t", "s", "rt", "nd", "ng", "cht"]


def random_word(rng: random.Random) -> str:
    """A Dutch-looking nonsense word: every message is distinct because of these."""
    syllables = rng.randint(1, 4)
    return "".join(
        rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables)
    )


def token(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.45:
        return rng.choice(DUTCH)
    if roll < 0.50:
        profile = rng.choice(["B1", "P1", "P2", "P3", "P4", "P5", "P6"])
        return f"{profile}-K{rng.randint(1, 3)}-W{rng.randint(1, 6)}"
    if roll < 0.52:
        return f"wp {rng.randint(1, 5)}.{rng.randint(1, 6)}"
    if roll < 0.53:  # a hostile 'word': a long run of letters without a space
        return "".join(
            rng.choice("abcdefghijklmnopqrstuvwxyzé") for _ in range(rng.randint(70, 300))
        )
    word = random_word(rng)
    return word.capitalize() if roll > 0.95 else word


def message(rng: random.Random) -> str:
    """A distinct message of exactly MESSAGE_CHARS characters, sometimes with punctuation."""
    parts: list[str] = []
    size = 0
    while size < MESSAGE_CHARS:
        word = token(rng)
        if rng.random() < 0.08:
            word += rng.choice([",", ".", "?", "!", ":"])
        parts.append(word)
        size += len(word) + 1
    return " ".join(parts)[:MESSAGE_CHARS]


def rss_mb() -> float:
    """The resident set size now (VmRSS), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    import resource  # not Linux: the peak is the best there is

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- the old behaviour, for the baseline row --------------------------------------------------


def patch_whole_message_caches() -> list[Any]:
    """Put back what bot.search.text did before issue 12, in every loaded bot module: fold
    cached per whole text, stem per whole word (any length), PyStemmer's own cache on."""
    from bot.search import text

    @lru_cache(maxsize=65536)
    def fold(value: str) -> str:
        if value.isascii():
            return value.casefold()
        value = unicodedata.normalize("NFKD", value.replace("\u00a0", " "))
        value = "".join(ch for ch in value if not unicodedata.combining(ch))
        return value.casefold()

    @lru_cache(maxsize=65536)
    def stem(word: str) -> str:
        base = text._STEMMER.stemWord(word)
        if len(base) > 4 and base[-1] == "t" and base[-2] not in "aeioust":
            base = base[:-1]
        return text._DOUBLE_VOWEL_END.sub(lambda m: m.group(1)[0] + m.group(2), base)

    if hasattr(text._STEMMER, "maxCacheSize"):
        text._STEMMER.maxCacheSize = 10000  # PyStemmer's default
    for cache in bounded_caches():  # the new ones are not used from here on
        cache.clear()
    new_fold, new_stem = text.fold, text.stem
    for name, module in list(sys.modules.items()):
        if not name.startswith("bot") or module is None:
            continue
        if getattr(module, "fold", None) is new_fold:
            module.fold = fold  # type: ignore[attr-defined]
        if getattr(module, "stem", None) is new_stem:
            module.stem = stem  # type: ignore[attr-defined]
    return [fold, stem]


def bounded_caches() -> list[Any]:
    """The caches of bot.search.text as they are now (ShortCaches, or lru_caches)."""
    from bot.search import text

    return [
        value
        for value in vars(text).values()
        if hasattr(value, "cache_info") or (isinstance(value, dict) and hasattr(value, "size"))
    ]


def entries(caches: list[Any]) -> int:
    return sum(c.cache_info().currsize if hasattr(c, "cache_info") else len(c) for c in caches)


# -- one mode, in a child process -------------------------------------------------------------


async def flood(mode: str, messages: int, warmup: int, users: int, seed: int) -> dict[str, Any]:
    import bot.bootstrap  # noqa: F401  (every bot module loaded before patching)

    caches = patch_whole_message_caches() if mode == "whole-message" else bounded_caches()
    from bot.bootstrap import open_services
    from bot.core.events import Person, Text

    services = await open_services(backend="memory")
    choices = [None, *(choice for choice, _ in services.assistant.menu.profiles)]
    people = [Person(900_000 + n, f"student{n}") for n in range(users)]
    for n, person in enumerate(people):
        await services.users.touch(person.id, person.first_name, None, "nl", datetime.now(UTC))
        await services.users.set_dossier(person.id, choices[n % len(choices)])
    rng = random.Random(seed)

    async def send(count: int) -> float:
        start = time.perf_counter()
        for n in range(count):
            await services.assistant.handle(Text(people[n % len(people)], message(rng)))
        return time.perf_counter() - start

    await send(warmup)
    gc.collect()
    before = rss_mb()
    seconds = await send(messages)
    gc.collect()
    after = rss_mb()
    return {
        "mode": mode,
        "messages": messages,
        "rss_start": before,
        "rss_after": after,
        "growth": after - before,
        "ms_per_message": seconds * 1000 / max(messages, 1),
        "cache_entries": entries(caches),
    }


def child(mode: str, args: argparse.Namespace) -> dict[str, Any]:
    """Run one mode in a fresh interpreter and read its result line."""
    command = [
        sys.executable,
        __file__,
        "--child",
        mode,
        f"--messages={args.messages}",
        f"--warmup={args.warmup}",
        f"--users={args.users}",
        f"--seed={args.seed}",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def median_row(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out = dict(rows[0])
    for key in ("rss_start", "rss_after", "growth", "ms_per_message", "cache_entries"):
        out[key] = statistics.median(row[key] for row in rows)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--users", type=int, default=7)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument(
        "--runs", type=int, default=1, help="runs per mode; the table shows medians"
    )
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        row = asyncio.run(flood(args.child, args.messages, args.warmup, args.users, args.seed))
        print(json.dumps(row))
        return
    modes = [m for m in args.modes.split(",") if m]
    print(
        f"{args.messages} distinct {MESSAGE_CHARS}-character messages from {args.users} users "
        f"after {args.warmup} to warm up; RSS in MB"
        + (f", median of {args.runs} runs (each in a fresh process)" if args.runs > 1 else "")
    )
    print(
        f"{'mode':14} {'messages':>8} {'RSS start':>10} {'RSS after':>10} {'growth':>8} "
        f"{'target':>8} {'verdict':>8} {'ms/msg':>7} {'cached':>8}"
    )
    for mode in modes:
        runs = [child(mode, args) for _ in range(args.runs)]
        row = median_row(runs)
        verdict = "ok" if row["growth"] <= TARGET_MB else "OVER"
        print(
            f"{mode:14} {row['messages']:>8} {row['rss_start']:>10.1f} {row['rss_after']:>10.1f} "
            f"{row['growth']:>8.1f} {'<= ' + format(TARGET_MB, '.0f'):>8} {verdict:>8} "
            f"{row['ms_per_message']:>7.1f} {row['cache_entries']:>8.0f}"
        )
        if args.runs > 1:
            print(f"{'':14} growth per run: " + ", ".join(f"{r['growth']:.1f}" for r in runs))


if __name__ == "__main__":
    main()
