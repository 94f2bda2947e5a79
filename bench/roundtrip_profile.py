"""Where the time of a round-trip phase goes, by area: sampled, and by cProfile function.

Used by bench/telegram_roundtrip.py --profile. Areas are files: the fake Bot API, tornado,
PTB, httpx, the store, search, the event loop, ... Standard-library and C code (json, copy,
re, builtins) has no area of its own and counts for the area that called it, so json.dumps
called by the fake counts for the fake. Waiting in epoll is "idle".

`Sampler` looks at the main thread's stack every ~0.5 ms (a thread, stdlib only, like py-spy
but in-process); its shares are the ones to trust, because cProfile's per-call overhead
inflates code made of many small calls (asyncio, httpx) several times over. cProfile is used
for the top functions. Both see the main thread only: aiosqlite's worker thread is not here.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import threading
from collections import Counter
from collections.abc import Iterable
from types import FrameType

Func = tuple[str, int, str]

# First match wins: bot/telegram before PTB's telegram/, tests/fakebot before tests/.
AREAS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("fake Bot API (tests/fakebot)", ("/tests/fakebot/",)),
    ("fake's HTTP server (tornado)", ("/tornado/",)),
    ("bench harness", ("/bench/", "/tests/e2e/")),
    ("bot adapter (bot/telegram)", ("/bot/telegram/",)),
    ("PTB (python-telegram-bot)", ("/telegram/",)),
    ("bot's HTTP client (httpx)", ("/httpx/", "/httpcore/", "/h11/", "/anyio/", "/sniffio/")),
    (
        "store (bot/store, SQLAlchemy, driver)",
        ("/bot/store/", "/sqlalchemy/", "/aiosqlite/", "/asyncpg/", "/alembic/"),
    ),
    (
        "search + answers (bot/search, answers, core)",
        ("/bot/search/", "/bot/answers/", "/bot/core/", "/bot/knowledge/", "rapidfuzz", "snowb"),
    ),
    ("logging", ("/logging/",)),
)
LOOP = "event loop (asyncio scheduling)"
# Only the loop's own dispatch counts as the event loop; the rest of asyncio (transports,
# futures, wait_for, call_soon) counts for whoever called it, like the rest of the stdlib.
LOOP_FUNCTIONS = frozenset({"_run_once", "_run", "run_forever", "run_until_complete"})
IDLE = "idle (waiting in epoll)"
UNATTRIBUTED = "stdlib, unattributed"


def direct_area(func: Func) -> str | None:
    """The area of a function by its file, or None for stdlib and C functions."""
    filename, _, name = func
    if "epoll" in name or "select.select" in name:
        return IDLE
    if "/asyncio/" in filename:
        return LOOP if name in LOOP_FUNCTIONS else None
    for area, marks in AREAS:
        if any(mark in filename for mark in marks):
            return area
    return None


class Attribution:
    """The area of each profiled function; area-less ones are charged to their callers."""

    def __init__(self, stats: pstats.Stats) -> None:
        self.raw: dict[Func, tuple] = stats.stats  # type: ignore[attr-defined]
        self._memo: dict[Func, dict[str, float]] = {}

    def shares(self, func: Func, visiting: frozenset[Func] = frozenset()) -> dict[str, float]:
        """How a function's self time splits over areas (fractions summing to 1)."""
        if (area := direct_area(func)) is not None:
            return {area: 1.0}
        if func in self._memo:
            return self._memo[func]
        callers = self.raw.get(func, (0, 0, 0.0, 0.0, {}))[4]
        total = sum(edge[2] for edge in callers.values())
        if func in visiting or not callers or total <= 0:
            return {UNATTRIBUTED: 1.0}
        split: Counter[str] = Counter()
        for caller, edge in callers.items():
            if caller == func:
                continue
            for area, part in self.shares(caller, visiting | {func}).items():
                split[area] += part * edge[2] / total
        result = dict(split) or {UNATTRIBUTED: 1.0}
        if not visiting:
            self._memo[func] = result
        return result


def label(func: Func) -> str:
    """'tests/fakebot/validate.py:42 check' or '<built-in ...>'."""
    filename, line, name = func
    if filename == "~":
        return name
    for root in ("/site-packages/", "/work/main/", "/lib/python3"):
        if root in filename:
            filename = filename.split(root, 1)[1]
            break
    return f"{filename}:{line} {name}"


def report(profile: cProfile.Profile, answered: int, top: int = 12) -> Iterable[str]:
    """Lines: the top functions by self time, with their area (cProfile, main thread)."""
    attribution = Attribution(pstats.Stats(profile))
    yield f"  cProfile top {top} functions by self time (ms per answer, inflated by profiling):"
    raw = attribution.raw
    ranked = sorted(raw, key=lambda f: raw[f][2], reverse=True)
    shown = [f for f in ranked if direct_area(f) != IDLE][:top]
    for func in shown:
        area = max(attribution.shares(func).items(), key=lambda kv: kv[1])[0]
        per = 1000 * raw[func][2] / max(answered, 1)
        yield f"    {per:7.3f}  {label(func)[:70]:70}  [{area}]"


def frame_area(frame: FrameType | None) -> str:
    """The area of a sampled stack: the innermost frame that has one; epoll waits are idle."""
    if frame is not None and frame.f_code.co_filename.endswith("selectors.py"):
        return IDLE
    while frame is not None:
        code = frame.f_code
        if (area := direct_area((code.co_filename, 0, code.co_name))) is not None:
            return area
        frame = frame.f_back
    return UNATTRIBUTED


class Sampler:
    """`with Sampler() as s:` counts which area the main thread is in, every `interval` s."""

    def __init__(self, interval: float = 0.0005) -> None:
        self.interval = interval
        self.samples: Counter[str] = Counter()
        self._stop = threading.Event()
        self._target = threading.main_thread().ident
        self._thread = threading.Thread(target=self._run, name="sampler", daemon=True)
        self._switch = sys.getswitchinterval()

    def __enter__(self) -> Sampler:
        sys.setswitchinterval(self.interval)  # let the sampler in between bytecodes that often
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        self._stop.set()
        self._thread.join()
        sys.setswitchinterval(self._switch)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            frame = sys._current_frames().get(self._target)
            self.samples[frame_area(frame)] += 1
            del frame

    def report(self, answered: int, cpu_ms: float) -> Iterable[str]:
        """Share of the busy samples per area, and that share of the measured CPU ms/answer."""
        busy = sum(n for area, n in self.samples.items() if area != IDLE) or 1
        total = sum(self.samples.values()) or 1
        idle = 100 * self.samples[IDLE] / total
        yield (
            f"  sampled main thread: {total} samples, {idle:.0f}% idle; CPU {cpu_ms:.2f} ms per"
            f" answer (all threads) split by the busy samples, {answered} answers"
        )
        yield f"  {'area':46} {'share':>6} {'~ms/answer':>10}"
        for area, n in self.samples.most_common():
            if area != IDLE:
                yield f"  {area:46} {100 * n / busy:5.1f}% {cpu_ms * n / busy:10.2f}"
