"""Benchmark: question -> answer round trips through a fake Telegram Bot API on loopback.

N simulated students (default 50) ask at once, each closed-loop: send a question, wait until
the bot's answer is stored in THAT student's chat (FakeBotAPI.wait_for on the chat's message
count; no sleeps), then the next. The bot is the real one, in this process, in polling mode,
started like `dossierbot run` (build_application + running(...)); its HTTP pool has PTB's
production size (256) and, as in the e2e tests, skips loading the CA bundle. The questions:
20 from tests/eval/own.jsonl, two of each kind (codes, code spellings, fields, kerntaken,
ambiguous codes, facts, free text, typos, English, out of scope), and typed field follow-ups
("en het gedrag?") after the code questions; every student starts at another place.

Per backend: warm-up (/start and --warmup questions per student), then --repeats timed phases
of --questions per student. Rows:
  assistant (no HTTP)    the same questions and concurrency straight into Assistant.text,
                         same store: search, answers and store without Telegram;
  telegram (as shipped)  the bot exactly as `dossierbot run` builds it: each update committed
                         with its reply in the outbox, then sent by the courier (answers are
                         not paced; only bulk sends are, and a 429 pauses just its chat).
latency: user_sends until the student's waiter sees the answer. CPU ms/msg: process CPU time
(time.process_time, all threads) / answers; the fake Bot API (tornado, spec validation) and
the bot share this process and both count; a PostgreSQL server's own CPU does not. errors:
Bot API violations, failed calls, answers that never came, logged handler errors and error
replies, summed over the repeats (must be 0). Other columns: medians over the repeats.
Closed loop without think time: by Little's law p50 ~ students / (answered/s).

SQLite runs on a temporary file. PostgreSQL runs when --database-url or TEST_DATABASE_URL is
set; the script starts none. A throwaway server (its own directory and port, so a parallel
test run's cluster, which the store tests wipe, is left alone):

    export DOSSIERBOT_PG_DIR=/tmp/dossierbot-bench-pg DOSSIERBOT_PG_PORT=54360
    eval "$(bash .ci/postgres.sh start)"     # exports TEST_DATABASE_URL
    .venv/bin/python bench/telegram_roundtrip.py
    bash .ci/postgres.sh stop

Usage: .venv/bin/python bench/telegram_roundtrip.py [--students 50] [--questions 20]
    [--repeats 3] [--warmup 3] [--backends sqlite,postgres]
    [--database-url URL] [--profile] [--waiter fake|hook]
--profile adds two phases per backend: a stack sampler's CPU split by area (fake Bot API,
tornado, httpx, PTB, store, search, event loop) and cProfile's top functions
(bench/roundtrip_profile.py). --waiter hook awaits answers through a per-chat hook instead of
wait_for, which wakes every student on every Bot API call: the difference is harness cost.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import importlib.util
import json
import logging
import math
import os
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.fakebot and tests.e2e are not installed packages

import bot.telegram.app as app_module  # noqa: E402
from bot.answers.service import Answers  # noqa: E402
from bot.bootstrap import service_factory  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.core.assistant import Assistant, Person  # noqa: E402
from bot.knowledge.load import load_dossier  # noqa: E402
from bot.reply.messages import t  # noqa: E402
from bot.telegram.app import build_application, running  # noqa: E402
from bot.telegram.context import App  # noqa: E402
from tests.e2e.conftest import bot_settings  # noqa: E402
from tests.fakebot import ApiCall, FakeBotAPI, FakeChat, FakeUser  # noqa: E402

OWN = ROOT / "tests" / "eval" / "own.jsonl"
KINDS = (
    "code",
    "code-variant",
    "field",
    "kerntaak",
    "ambiguous",
    "fact",
    "freetext",
    "typo",
    "english",
    "out-of-scope",
)
FOLLOW_UPS = ("en het gedrag?", "welke competenties horen erbij?")  # after the code questions
PER_KIND = 2
FIRST_STUDENT_ID = 7_100_000_000  # far from the e2e tests' 1001...
POOL = 256  # PTB's default connection_pool_size for the bot's requests
ANSWER_TIMEOUT = 60.0  # seconds an answer may take before it counts as missing
TARGET_RATE, TARGET_P99 = 200.0, 100.0

log = logging.getLogger("bench")


# -- questions and students -----------------------------------------------------------------


def question_mix(path: Path = OWN) -> list[str]:
    """Two questions of every kind (no preset dossier), a follow-up after each code question."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    mix: list[str] = []
    for kind in KINDS:
        picked = [r["q"] for r in rows if r["kind"] == kind and r["profile"] is None][:PER_KIND]
        if len(picked) < PER_KIND:
            raise SystemExit(f"{path}: fewer than {PER_KIND} questions of kind {kind!r}")
        for n, question in enumerate(picked):
            mix.append(question)
            if kind == "code":
                mix.append(FOLLOW_UPS[n % len(FOLLOW_UPS)])
    return mix


@dataclass
class Student:
    """One simulated student: a Telegram user, their private chat, their script of questions."""

    user: FakeUser
    chat: FakeChat
    script: list[str]
    position: int

    @property
    def person(self) -> Person:
        """The same student as the assistant sees them (for the no-HTTP baseline)."""
        return Person(self.user.id, self.user.first_name, self.user.username, "nl")

    def next_question(self) -> str:
        """The script, cyclically, from this student's own starting point."""
        question = self.script[self.position % len(self.script)]
        self.position += 1
        return question


def make_students(fake: FakeBotAPI, count: int, script: list[str]) -> list[Student]:
    students = []
    for n in range(count):
        user = FakeUser(FIRST_STUDENT_ID + n, f"Student{n}", f"student_{n}", language_code="nl")
        chat = fake.private_chat(user)
        students.append(Student(user, chat, script, position=(n * 7) % len(script)))
    return students


# -- the bot --------------------------------------------------------------------------------


@asynccontextmanager
async def started_bot(
    fake: FakeBotAPI, settings: Settings, answers: Answers
) -> AsyncIterator[App]:
    """build_application + running(...), as `dossierbot run`, in this event loop."""
    builder = (
        app_module.ApplicationBuilder()
        .request(fake.http_request(connection_pool_size=POOL))
        .get_updates_request(fake.http_request())
    )
    app = build_application(settings, service_factory(settings, answers), builder=builder)
    async with running(app, settings, listen="127.0.0.1"):
        yield app


def assistant_of(app: App) -> Assistant:
    services = app.bot_data.services
    assert services is not None
    return services.assistant


# -- checks ---------------------------------------------------------------------------------


class ErrorLog(logging.Handler):
    """Counts ERROR records (a failed handler logs one) while the benchmark runs."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.name != log.name:  # the bench's own "no answer" lines are counted as missing
            self.count += 1


@dataclass
class Checks:
    """Everything that must stay at zero, as counters read before and after a phase."""

    fake: FakeBotAPI
    errors_logged: ErrorLog
    missing: int = 0  # answers that never came (wait_for timed out or saw a violation)
    error_replies: int = 0

    def snapshot(self) -> tuple[int, ...]:
        failed = sum(1 for call in self.fake.calls if not call.ok)
        return (
            len(self.fake.violations),
            failed,
            self.errors_logged.count,
            self.missing,
            self.error_replies,
        )


# -- one phase ------------------------------------------------------------------------------


@dataclass
class Sample:
    """One timed phase."""

    answered: int
    wall: float
    cpu: float
    latencies: list[float] = field(default_factory=list)
    errors: int = 0

    @property
    def rate(self) -> float:
        return self.answered / self.wall if self.wall else 0.0

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile in ms."""
        if not self.latencies:
            return math.nan
        ranked = sorted(self.latencies)
        return 1000 * ranked[max(0, math.ceil(p / 100 * len(ranked)) - 1)]

    @property
    def cpu_ms(self) -> float:
        return 1000 * self.cpu / self.answered if self.answered else math.nan


Ask = Callable[[Student, str], Awaitable[float]]


class ChatHook:
    """--waiter hook: one future per chat, resolved when the fake records a sendMessage there.

    FakeBotAPI.wait_for wakes every waiting student on every Bot API call (O(students) per
    call); this O(1) alternative shows how much of the cost is that harness, not the bot.
    """

    def __init__(self, fake: FakeBotAPI) -> None:
        self.futures: dict[int, asyncio.Future[None]] = {}
        record = fake.world.record

        def recorded(call: ApiCall) -> None:
            record(call)
            if call.ok and call.method == "sendMessage":
                future = self.futures.pop(int(call.params["chat_id"]), None)
                if future is not None and not future.done():
                    future.set_result(None)

        fake.world.record = recorded  # type: ignore[method-assign]

    def expect(self, chat_id: int) -> asyncio.Future[None]:
        self.futures[chat_id] = future = asyncio.get_running_loop().create_future()
        return future


def via_telegram(fake: FakeBotAPI, checks: Checks, hook: ChatHook | None = None) -> Ask:
    """Send as the student; wait for the bot's message in that student's chat."""
    error_texts = {t("error", "nl"), t("error", "en")}

    async def ask(student: Student, question: str) -> float:
        stored = fake.world.messages[student.chat.id]
        seen = len(stored) + 1  # the student's own message is stored first
        arrived = hook.expect(student.chat.id) if hook else None
        began = time.perf_counter()
        await fake.user_sends(question, user=student.user, chat=student.chat)
        if arrived is None:
            await fake.wait_for(lambda: len(stored) > seen, timeout=ANSWER_TIMEOUT)
        else:
            try:
                await asyncio.wait_for(arrived, ANSWER_TIMEOUT)
            except TimeoutError as err:
                raise AssertionError(f"no answer within {ANSWER_TIMEOUT} s") from err
        latency = time.perf_counter() - began
        if next(reversed(stored.values())).text in error_texts:
            checks.error_replies += 1
        return latency

    return ask


def via_assistant(assistant: Assistant) -> Ask:
    """The same question straight into the conversation core and the store."""

    async def ask(student: Student, question: str) -> float:
        began = time.perf_counter()
        await assistant.text(student.person, question)
        return time.perf_counter() - began

    return ask


async def phase(
    students: list[Student], per_student: int, ask: Ask, checks: Checks | None = None
) -> Sample:
    """Every student asks `per_student` questions one after the other, all students at once."""
    latencies: list[float] = []
    missing = 0

    async def student_loop(student: Student) -> None:
        nonlocal missing
        for _ in range(per_student):
            try:
                latencies.append(await ask(student, student.next_question()))
            except Exception as err:  # wait_for: timed out or an invalid call; store errors
                missing += 1
                log.error("no answer for %s: %r", student.user.username, err)

    before = checks.snapshot() if checks else ()
    cpu, wall = time.process_time(), time.perf_counter()
    await asyncio.gather(*(student_loop(s) for s in students))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    if checks:
        checks.missing += missing
        errors = sum(b - a for a, b in zip(before, checks.snapshot(), strict=True))
    else:
        errors = missing
    return Sample(len(latencies), wall, cpu, latencies, errors)


# -- a backend ------------------------------------------------------------------------------


@dataclass
class Row:
    backend: str
    path: str
    students: int
    samples: list[Sample]
    profile: list[str] = field(default_factory=list)

    def cells(self) -> str:
        def med(values: list[float]) -> float:
            return statistics.median(values)

        s = self.samples
        p50, p90, p99 = (med([x.percentile(p) for x in s]) for p in (50, 90, 99))
        return (
            f"{self.backend:9} {self.path:22} {self.students:>8} "
            f"{med([x.rate for x in s]):>11.1f} {p50:>7.1f} {p90:>7.1f} {p99:>7.1f} "
            f"{med([x.cpu_ms for x in s]):>11.2f} {sum(x.errors for x in s):>7}"
        )


HEADER = (
    f"{'backend':9} {'path':22} {'students':>8} {'answered/s':>11} {'p50 ms':>7} "
    f"{'p90 ms':>7} {'p99 ms':>7} {'CPU ms/msg':>11} {'errors':>7}"
)


async def bench_backend(
    name: str, url: str, args: argparse.Namespace, answers: Answers, errors_logged: ErrorLog
) -> list[Row]:
    script = question_mix()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="roundtrip-") as tmp:
        async with FakeBotAPI() as fake:
            env = {"DATABASE_URL": url} if url else {}
            settings = bot_settings(fake, Path(tmp), **env)
            students = make_students(fake, args.students, script)
            checks = Checks(fake, errors_logged)
            hook = ChatHook(fake) if args.waiter == "hook" else None
            telegram = via_telegram(fake, checks, hook)

            async with started_bot(fake, settings, answers) as app:
                baseline = via_assistant(assistant_of(app))
                for student in students:  # welcome, dossier menu: not timed
                    await fake.user_sends("/start", user=student.user, chat=student.chat)
                await phase(students, args.warmup, telegram, checks)
                await phase(students, args.warmup, baseline)
                direct, shipped = [], []
                for _ in range(args.repeats):
                    direct.append(await phase(students, args.questions, baseline))
                    shipped.append(await phase(students, args.questions, telegram, checks))
                rows.append(Row(name, "assistant (no HTTP)", args.students, direct))
                rows.append(Row(name, "telegram (as shipped)", args.students, shipped))
                if args.profile:
                    rows[-1].profile = await profiled(students, args.questions, telegram, checks)
                users = assistant_of(app).users
                for student in students:  # leave a shared database as it was
                    await users.forget(student.user.id)
            if fake.violations:
                print(f"{name}: Bot API violations:\n{fake.report()}", file=sys.stderr)
    return rows


async def profiled(students: list[Student], per_student: int, ask: Ask, checks: Checks) -> list:
    """Two more phases: one sampled (areas), one under cProfile (top functions)."""
    from roundtrip_profile import Sampler, report

    with Sampler() as sampler:
        sample = await phase(students, per_student, ask, checks)
    lines = list(sampler.report(sample.answered, sample.cpu_ms))
    profile = cProfile.Profile()
    profile.enable()
    try:
        sample = await phase(students, per_student, ask, checks)
    finally:
        profile.disable()
    if dump := os.environ.get("ROUNDTRIP_PROFILE_OUT"):  # for pstats / snakeviz
        profile.dump_stats(dump)
    return lines + list(report(profile, sample.answered))


# -- main -----------------------------------------------------------------------------------


def backends(args: argparse.Namespace) -> list[tuple[str, str]]:
    wanted = set(args.backends.split(","))
    chosen = [("sqlite", "")] if "sqlite" in wanted else []  # "": a file in a temp directory
    url = args.database_url or os.environ.get("TEST_DATABASE_URL")
    if url and "postgres" in wanted:
        chosen.append(("postgres", url))
    return chosen


async def main_async(args: argparse.Namespace) -> None:
    errors_logged = ErrorLog()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger().addHandler(errors_logged)
    began = time.perf_counter()
    answers = await asyncio.to_thread(lambda: Answers.build(load_dossier()))
    chosen = backends(args)
    script = question_mix()
    print(
        f"{args.students} students, closed loop; {len(script)} questions in the mix; "
        f"{args.warmup} warm-up, {args.questions} timed "
        f"per student x {args.repeats} repeats; medians; {os.cpu_count()} CPUs, "
        f"Python {sys.version.split()[0]}"
    )
    if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
        print("note: sniffio is not installed: httpcore tries `import sniffio` on every request")
    if "postgres" in args.backends and all(name != "postgres" for name, _ in chosen):
        print("PostgreSQL skipped: no --database-url or TEST_DATABASE_URL (see the docstring)")
    rows: list[Row] = []
    for name, url in chosen:
        rows.extend(await bench_backend(name, url, args, answers, errors_logged))
    print()
    print(HEADER)
    for row in rows:
        print(row.cells())
    print(f"\ntargets (not asserted): >= {TARGET_RATE:.0f} answered/s, p99 < {TARGET_P99:.0f} ms")
    for row in rows:
        rate = statistics.median([s.rate for s in row.samples])
        p99 = statistics.median([s.percentile(99) for s in row.samples])
        verdict = "meets" if rate >= TARGET_RATE and p99 < TARGET_P99 else "misses"
        print(f"  {row.backend:9} {row.path:22} {verdict} ({rate:.0f}/s, p99 {p99:.0f} ms)")
    for row in rows:
        if row.profile:
            print(f"\n{row.backend} {row.path}:")
            print("\n".join(row.profile))
    print(f"\ntotal {time.perf_counter() - began:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--students", type=int, default=50)
    parser.add_argument("--questions", type=int, default=20, help="timed, per student")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=3, help="questions per student")
    parser.add_argument("--database-url", help="PostgreSQL (default: $TEST_DATABASE_URL)")
    parser.add_argument("--backends", default="sqlite,postgres", help="comma-separated")
    parser.add_argument("--profile", action="store_true", help="cProfile one more phase")
    parser.add_argument(
        "--waiter",
        choices=("fake", "hook"),
        default="fake",
        help="await answers with FakeBotAPI.wait_for (default) or a per-chat hook (see ChatHook)",
    )
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
