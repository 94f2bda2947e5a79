"""Benchmark: messages lost and duplicated across kill -9 restarts, and the time to drain.

Issue 12's reliability bench. The bot runs as its own process (`python -m bot run`, via
tests/e2e/botprocess.py) against the fake Bot API (tests/fakebot) in this process, on a fresh
SQLite file, and on PostgreSQL when --database-url or TEST_DATABASE_URL is set (every table
of its current schema is dropped before each run, as tests/integration/conftest.py does:
never point it at real data). Each run has its own fake, so nothing carries over.

The load: --students simulated students (default 50), each closed-loop with think time: send
a question, wait for its answer (at most 4 s, so a student keeps typing while the bot is
down), think 1-3 s, the next. About one action in seven is instead a press of "Gedrag",
"Competenties" or "Lees verder" under one of the student's earlier answers (each answer is
pressed at most once; the press edits that answer in place). The questions are werkproces
and kerntaak codes of the Commercie dossier in four spellings ("B1-K1-W1", "wat is
B1-K1-W1", "Leg B1-K1-W1 uit.", "Wat houdt B1-K1-W1 in?") and the free-text questions of
kinds freetext, fact and situation in tests/eval/own.jsonl and chat.jsonl. Before the runs,
`python -m bot ask --stdin --json` of the code under test answers every candidate three times
(as a new student, after "B1-K1-W1", after "P4-K1-W2"); a question is used only when it got a
dossier answer with the same first line ("B1-K1-W1 Brengt de marktpositie ...") every time.
Each student asks questions in a seeded random order, none twice and no two with the same
first line, so every bot message in a chat belongs to exactly one question.

Part 1, kill -9 (rows: mode x backend, and the old code): the bot is started, the load
begins, and 1.5-4 s (seeded) after the bot reports it is running it is killed with SIGKILL
and started again at once, --kills times (default 10). Then the load stops and the bench
waits until every question and press is answered, no update is pending at the fake and the
outbox table is empty, or until nothing is pending or in the outbox and the bot made no call
but long polls for 8 s (what is missing then stays missing; the old code has no outbox), at
most 90 s; then 1 s more for stragglers. Counted per student, summed:
  sent        questions + presses (the questions and presses columns of the details);
  answered    questions whose answer (first line) is in the chat, presses whose message
              was edited;
  lost        questions with no answer, presses with no edit;
  duplicated  bot messages beyond the first for a question, edits beyond the first for a
              press: what the student sees twice. Cross-checks in the details: bot messages
              minus questions per chat (when positive) and FakeBotAPI.duplicates_in;
  violations  calls real Telegram would reject (FakeBotAPI.violations);
  restart s   median seconds from kill -9 to the new process logging "Dossierbot is running";
  all answered s  seconds from the last restart's "Dossierbot is running" until every
              question and press was answered ("-": not within the wait).
A repeated answerCallbackQuery for a press (Telegram refuses it: the student sees nothing) and
presses whose spinner was never stopped are listed in the details, not counted as duplicated
or lost. Webhook rows: WEBHOOK_URL=https://bot.example.nl/telegram, a secret, PORT=<free>;
the fake POSTs each update to 127.0.0.1:<port>/telegram, one at a time, and redelivers until
a 2xx (0.2 s doubling up to 2 s). On PostgreSQL a restarted webhook process sends what a killed
one left in the outbox only after that row's 30 s lease, so those rows take longer.
Each lost or repeated question is listed with its update id, when it was sent relative to the
kills, how the update reached the bot (getUpdates to which start, webhook POST statuses) and
which process sent each copy: a process's calls run from its getMe to the next one's, and a
call the fake finished after the kill was "in flight at the kill" (the request had reached
Telegram; the process died before it learnt the result).

Part 2, SIGTERM (rows: mode x backend, --drain-repeats runs each, and the old code once): the
bot is started; a 20 s flood wait is put on the first student's chat (every send or edit
there gets 429 retry_after) and the second student's sendMessage calls hang (no answer until
the client gives up); the load runs for 2 s; SIGTERM; the seconds until the process exited
and its exit code are measured while the load goes on. Then the load stops, the flood and the
hang end, the bot is started again, and every question and press of the run is counted as in
part 1. Target: exit within 10 s (Docker's grace), exit code 0, nothing lost or repeated.

The old code (commit 908cce6, before this reliability work: PTB's Updater, which confirms
updates before handling them) is extracted with `git archive` into a temporary directory and
run as `python -m bot run` in that directory (PYTHONPATH pointing there too), in polling
mode on SQLite, once per part, with its own calibration. --skip-old leaves it out.

Bot logs (one per start, LOG_LEVEL --log-level: DEBUG logs every update id the pipeline
handles) are written to a temporary directory per run; a run with something lost or
repeated, a violation, a crash, an ERROR in a log or a slow stop keeps it, with calls.jsonl
(every Bot API call: process, method, status, chat, first line), and prints its path.

    .venv/bin/python bench/reliability.py [--students 50] [--kills 10] [--seed 12]
        [--backends sqlite,postgres] [--modes polling,webhook] [--drain-repeats 5]
        [--database-url URL] [--skip-old] [--old-commit 908cce6] [--quick]
        [--only kills|drain] [--keep-logs] [--log-level INFO]

--quick: 12 students, 3 kills, 2 drain runs per row, for a smoke run. PostgreSQL: the script
starts none; a throwaway server with its own directory and port:

    export DOSSIERBOT_PG_DIR=/tmp/dossierbot-bench-pg DOSSIERBOT_PG_PORT=54360
    eval "$(bash .ci/postgres.sh start)"     # exports TEST_DATABASE_URL
    .venv/bin/python bench/reliability.py
    bash .ci/postgres.sh stop
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.fakebot and tests.e2e are not installed packages

from sqlalchemy import text  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine  # noqa: E402

from bot.store import normalise_url  # noqa: E402
from tests.e2e.botprocess import BotProcess  # noqa: E402
from tests.fakebot import FakeBotAPI, FakeUser, StoredMessage  # noqa: E402

OLD_COMMIT = "908cce6"
EVAL_SETS = (ROOT / "tests" / "eval" / "own.jsonl", ROOT / "tests" / "eval" / "chat.jsonl")
FREE_KINDS = frozenset({"freetext", "fact", "situation"})
PHRASINGS = ("{}", "wat is {}", "Leg {} uit.", "Wat houdt {} in?")
CONTEXTS = ("", "B1-K1-W1", "P4-K1-W2")  # a used question's answer depends on none of these
PRESS_LABELS = ("Gedrag", "Competenties", "Lees verder")
PRESS_SHARE = 0.15
THINK = (1.0, 3.0)  # seconds between an answer (or giving up on it) and the next action
PATIENCE = 4.0  # seconds a student waits for an answer before going on
KILL_GAP = (1.5, 4.0)  # seconds the bot runs before the next kill -9
SETTLE_TIMEOUT = 90.0  # after the last restart
QUIET = 8.0  # nothing pending and no Bot API call for this long: what is missing is lost
POLL = 0.2  # seconds between two looks at the fake and the outbox while settling
STRAGGLERS = 1.0  # seconds to wait after everything was answered, for late repeats
FLOOD_SECONDS = 20
DRAIN_LOAD = 2.0  # seconds of load before SIGTERM
TERM_TIMEOUT = 60.0
DRAIN_TARGET = 10.0
WEBHOOK_URL = "https://bot.example.nl/telegram"
WEBHOOK_SECRET = "bench-reliability-webhook-secret"


# -- the code under test ----------------------------------------------------------------------


@dataclass(frozen=True)
class Code:
    """The bot to run: this checkout, or an old commit extracted to a directory."""

    name: str
    pythonpath: str | None = None  # None: the installed (editable) bot of this checkout
    outbox: bool = True  # the new code keeps unsent calls in the outbox table

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("PYTHONPATH", None)
        if self.pythonpath:
            env["PYTHONPATH"] = self.pythonpath
        return env

    def cli(self, *args: str, stdin: str | None = None, module: bool = True) -> str:
        """`python -m bot <args>` of this code (`python <args>` without `module`); stdout.
        It runs in the code's directory: `-m` puts the working directory first on sys.path."""
        done = subprocess.run(
            [sys.executable, *(("-m", "bot") if module else ()), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env(),
            cwd=self.pythonpath or ROOT,
            check=True,
        )
        return done.stdout


NEW = Code("new")


def extract_old(commit: str, into: Path) -> Code:
    """The tree of `commit`, from `git archive` (no worktree, the checkout is untouched)."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", commit],
        capture_output=True,
        check=True,
    )
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    old = Code(f"old {commit}", pythonpath=str(into), outbox=False)
    where = old.cli("-c", "import bot; print(bot.__file__)", module=False).strip()
    if not Path(where).resolve().is_relative_to(into.resolve()):
        raise SystemExit(f"the old code's `bot` is imported from {where}, not from {into}")
    return old


def calibrate(code: Code) -> dict[str, str]:
    """Question -> the first line of its answer, for questions whose answer does not depend on
    what the student asked before (see the module docstring)."""
    codes = []
    for line in code.cli("items").splitlines():
        item_id, kind = line.split("\t")[:2]
        if item_id.startswith("commercie:") and kind in ("werkproces", "kerntaak"):
            codes.append(item_id.split(":", 1)[1])
    candidates = [p.format(c) for c in codes for p in PHRASINGS]
    for path in EVAL_SETS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and (case := json.loads(line)).get("kind") in FREE_KINDS:
                candidates.append(case["q"])
    requests: list[dict[str, object]] = []
    asked: list[str | None] = []  # the candidate each request asks, None for a context
    for question in dict.fromkeys(candidates):
        for context in CONTEXTS:
            user = len(requests) + 1
            if context:
                requests.append({"q": context, "user": user})
                asked.append(None)
            requests.append({"q": question, "user": user})
            asked.append(question)
    stdin = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in requests)
    out = code.cli("ask", "--stdin", "--json", stdin=stdin)
    replies = [json.loads(line) for line in out.splitlines() if line.strip()]
    if len(replies) != len(requests):
        raise SystemExit(f"calibration: {len(replies)} replies to {len(requests)} questions")
    firsts: dict[str, set[str]] = {}
    for of, reply in zip(asked, replies, strict=True):
        if of is None:
            continue
        usable = reply["reply"] == "answer" and not reply["abstained"] and reply["answer"]
        first = reply["answer"].strip().splitlines()[0].strip() if usable else ""
        firsts.setdefault(of, set()).add(first)
    return {q: f.pop() for q, f in firsts.items() if len(f) == 1 and "" not in f}


# -- students ---------------------------------------------------------------------------------


@dataclass
class Asked:
    question: str
    key: str  # the first line of its answer
    update_id: int
    at: float


@dataclass
class Press:
    message_id: int
    label: str
    query_id: str
    update_id: int
    at: float


@dataclass
class Student:
    user: FakeUser
    plan: list[str]  # questions still to ask, last first
    rng: random.Random
    asked: list[Asked] = field(default_factory=list)
    presses: list[Press] = field(default_factory=list)
    pressed: set[int] = field(default_factory=set)

    @property
    def chat_id(self) -> int:
        return self.user.id  # a private chat has the user's id


def make_students(fake: FakeBotAPI, count: int, keys: dict[str, str], seed: int) -> list[Student]:
    """Students with their own order of questions: no question and no answer twice."""
    students = []
    for n in range(count):
        rng = random.Random(f"{seed}:student:{n}")
        order = sorted(keys)
        rng.shuffle(order)
        seen: set[str] = set()
        plan = []
        for question in order:
            if keys[question] not in seen:
                seen.add(keys[question])
                plan.append(question)
        user = fake.new_user(f"Student{n}", username=f"student_{n}", language_code="nl")
        fake.private_chat(user)
        students.append(Student(user, plan, rng))
    return students


def first_line(message: StoredMessage) -> str:
    """The first line of a bot message as first sent (edits keep it, but be sure)."""
    original = message.edits[0].get("text") if message.edits else message.text
    return (original or "").strip().split("\n", 1)[0].strip()


async def until(fake: FakeBotAPI, done: Callable[[], bool], timeout: float) -> bool:
    """Wait until `done()` or the timeout; wakes on every Bot API call the fake records."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not done():
        remaining = deadline - loop.time()
        if remaining <= 0:
            return False
        await fake.world.changed.wait(min(remaining, 0.5))
    return True


def pressable(fake: FakeBotAPI, student: Student) -> tuple[StoredMessage, str] | None:
    """An earlier answer not pressed yet and one of its field buttons, chosen at random."""
    options = []
    for message in fake.messages_in(student.chat_id):
        if message.message_id in student.pressed or message.edits:
            continue
        labels = [b.text for b in message.buttons if b.text in PRESS_LABELS and b.callback_data]
        if labels:
            options.append((message, student.rng.choice(labels)))
    return student.rng.choice(options) if options else None


async def student_loop(
    fake: FakeBotAPI,
    student: Student,
    keys: dict[str, str],
    clock: Callable[[], float],
    stopping: Callable[[], bool],
) -> None:
    """Ask, wait for the answer (or give up), think, again; now and then press a button."""
    stored = fake.world.messages[student.chat_id]
    while student.plan and not stopping():
        target = pressable(fake, student) if student.rng.random() < PRESS_SHARE else None
        if target is not None:
            message, label = target
            edits = len(message.edits)
            student.pressed.add(message.message_id)
            update_id = fake.world.queue.next_id  # emitted before user_presses first waits
            query_id = await fake.user_presses(message, label, user=student.user)
            student.presses.append(Press(message.message_id, label, query_id, update_id, clock()))
            await until(fake, lambda: len(message.edits) > edits, PATIENCE)  # noqa: B023
        else:
            question = student.plan.pop()
            seen = len(stored) + 1  # the student's own message is stored first
            student.asked.append(
                Asked(question, keys[question], fake.world.queue.next_id, clock())
            )
            await fake.user_sends(question, user=student.user)
            await until(fake, lambda: len(stored) > seen, PATIENCE)  # noqa: B023
        await asyncio.sleep(student.rng.uniform(*THINK))


class Load:
    """Every student's loop as a task; stop() ends them (whatever was sent is recorded)."""

    def __init__(
        self,
        fake: FakeBotAPI,
        students: list[Student],
        keys: dict[str, str],
        clock: Callable[[], float],
    ) -> None:
        self.stopping = False
        self.tasks = [
            asyncio.create_task(student_loop(fake, s, keys, clock, lambda: self.stopping))
            for s in students
        ]

    async def stop(self) -> None:
        """No student acts again. Python 3.11's wait_for can swallow a cancellation that
        comes as its inner wait ends (the fake's pulse fires on every call), hence the flag
        and the repeated cancel."""
        self.stopping = True
        while pending := [task for task in self.tasks if not task.done()]:
            for task in pending:
                task.cancel()
            await asyncio.wait(pending, timeout=0.5)
        for task in self.tasks:
            if not task.cancelled() and (error := task.exception()) is not None:
                raise error


# -- counting ---------------------------------------------------------------------------------


@dataclass
class Tally:
    """What the students sent and what they saw, summed over the students."""

    questions: int = 0
    presses: int = 0
    answered: int = 0
    lost: int = 0
    duplicated: int = 0
    violations: int = 0
    unexpected: int = 0  # bot messages that answer none of the chat's questions
    extra_by_count: int = 0  # bot messages minus questions, per chat where positive
    duplicates_in: int = 0  # texts FakeBotAPI.duplicates_in lists, over all chats
    spinners: int = 0  # presses whose answerCallbackQuery never arrived
    callback_repeats: int = 0  # answerCallbackQuery calls beyond the first per press
    problems: list[str] = field(default_factory=list)

    @property
    def sent(self) -> int:
        return self.questions + self.presses

    def add(self, other: Tally) -> None:
        for name in (
            "questions presses answered lost duplicated violations unexpected extra_by_count "
            "duplicates_in spinners callback_repeats"
        ).split():
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.problems.extend(other.problems)

    @property
    def clean(self) -> bool:
        return not (self.lost or self.duplicated or self.violations or self.unexpected)


def answered(fake: FakeBotAPI, students: list[Student]) -> bool:
    """Every question has its answer in the chat and every pressed message was edited."""
    for student in students:
        keys = {first_line(m) for m in fake.messages_in(student.chat_id)}
        if any(a.key not in keys for a in student.asked):
            return False
        for press in student.presses:
            message = fake.world.find(student.chat_id, press.message_id)
            if message is None or not message.edits:
                return False
    return True


class Starts:
    """Which bot process made each Bot API call: a process's first call is getMe, so calls
    between two getMe belong to one process. `marks` (len(fake.calls) at each kill -9 or
    SIGTERM) place the calls around those moments: a call the fake finished after a mark but
    before the next getMe was in flight at the kill (the request had reached Telegram) or
    part of a SIGTERM's shutdown; a call shortly before a mark is named with its distance."""

    def __init__(self, fake: FakeBotAPI, marks: list[int], event: str = "kill") -> None:
        self.event = event
        self.start: list[int] = []
        self.in_flight: set[int] = set()
        self.before: dict[int, tuple[int, int]] = {}  # index -> (event number, calls to it)
        ordered = sorted(marks)
        count, number = 0, 0  # processes so far; marks passed so far
        since_mark = False
        last_start = 0  # index of the latest getMe
        for index, call in enumerate(fake.calls):
            while number < len(ordered) and ordered[number] <= index:
                mark = ordered[number]
                number += 1
                since_mark = True
                for earlier in range(max(last_start, mark - 10), mark):
                    self.before.setdefault(earlier, (number, mark - earlier))
            if call.method == "getMe":
                count, since_mark, last_start = count + 1, False, index
            elif since_mark:
                self.in_flight.add(index)
            self.start.append(count)

    def name(self, index: int) -> str:
        """'start 3 (#331, in flight at the kill)', 'start 1 (#105, 2 calls before kill 1)'."""
        where = f"#{index}"
        if index in self.in_flight:
            where += ", in flight at the kill" if self.event == "kill" else f", after {self.event}"
        elif index in self.before:
            number, calls = self.before[index]
            which = f"kill {number}" if self.event == "kill" else self.event
            where += f", {calls} call{'s' if calls > 1 else ''} before {which}"
        return f"start {self.start[index]} ({where})"


def senders(fake: FakeBotAPI, starts: Starts) -> dict[tuple[int, str], list[str]]:
    """(chat, first line) -> which process sent each copy (see Starts)."""
    sent: dict[tuple[int, str], list[str]] = {}
    for index, call in enumerate(fake.calls):
        if call.method == "sendMessage" and call.ok and isinstance(call.result, dict):
            line = (call.result.get("text") or "").strip().split("\n", 1)[0].strip()
            key = (call.result["chat"]["id"], line)
            sent.setdefault(key, []).append(starts.name(index))
    return sent


def handed_out(fake: FakeBotAPI, starts: Starts) -> dict[int, list[str]]:
    """update_id -> how it reached the bot: "getUpdates to start 2" (polling) and the HTTP
    status of each webhook POST ("webhook 200"; 0: no answer)."""
    out: dict[int, list[str]] = {}
    for index, call in enumerate(fake.calls):
        if call.method == "getUpdates" and call.ok and isinstance(call.result, list):
            for update in call.result:
                where = f"getUpdates to start {starts.start[index]} (#{index})"
                out.setdefault(update["update_id"], []).append(where)
    for status, update in fake.webhook_deliveries:
        out.setdefault(update["update_id"], []).append(f"webhook {status}")
    return out


def tally(
    fake: FakeBotAPI,
    students: list[Student],
    when: Callable[[float], str],
    marks: list[int],
    event: str = "kill",
) -> Tally:
    """Count per student; `when` describes a moment (relative to kills) for problem lines,
    `marks` and `event` attribute calls to processes (see Starts)."""
    result = Tally(violations=len(fake.violations))
    starts = Starts(fake, marks, event)
    sent = senders(fake, starts)
    delivered = handed_out(fake, starts)
    answers = Counter(
        call.params.get("callback_query_id")
        for call in fake.calls_to("answerCallbackQuery")
        if call.status != 0  # 0: the bot gave up on the call before the fake answered
    )

    def seen(count: int, who: str, update_id: int, at: float, times: str, by: str) -> None:
        """One question or press shown `count` times: lost, answered, or repeated."""
        if count == 0:
            result.lost += 1
            how = ", ".join(delivered.get(update_id, ["never handed out"]))
            result.problems.append(f"lost: {who}, sent {when(at)}; {how}")
            return
        result.answered += 1
        if count > 1:
            result.duplicated += count - 1
            result.problems.append(f"{times}: {who}, sent {when(at)}" + (f"; {by}" if by else ""))

    for student in students:
        messages = fake.messages_in(student.chat_id)
        lines = Counter(first_line(m) for m in messages)
        result.questions += len(student.asked)
        for asked in student.asked:
            count = lines.pop(asked.key, 0)
            who = f"student {student.user.id}, update {asked.update_id}, {asked.question!r}"
            by = "; ".join(sent.get((student.chat_id, asked.key), []))
            seen(count, who, asked.update_id, asked.at, f"{count}x", f"answered by {by}")
        for line, count in lines.items():
            result.unexpected += count
            result.problems.append(f"unexpected in chat {student.chat_id} ({count}x): {line!r}")
        result.extra_by_count += max(0, len(messages) - len(student.asked))
        result.duplicates_in += len(fake.duplicates_in(student.chat_id))
        result.presses += len(student.presses)
        for press in student.presses:
            message = fake.world.find(student.chat_id, press.message_id)
            edits = len(message.edits) if message is not None else 0
            who = f"student {student.user.id}, update {press.update_id}, press {press.label!r}"
            seen(edits, who, press.update_id, press.at, f"{edits} edits", "")
            if fake.callback_answer(press.query_id) is None:
                result.spinners += 1
            result.callback_repeats += max(0, answers[press.query_id] - 1)
    for violation in fake.violations[:5]:
        result.problems.append(f"violation: {violation}")
    return result


# -- the store --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Backend:
    name: str
    url: str  # "" for SQLite: a new file per run

    async def fresh(self, workdir: Path) -> str:
        """A DATABASE_URL for an empty database."""
        if not self.url:
            return f"sqlite:///{workdir / 'dossierbot.sqlite3'}"
        engine = create_async_engine(normalise_url(self.url))
        query = text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        try:
            async with engine.begin() as conn:
                quote = conn.dialect.identifier_preparer.quote
                for name in (await conn.execute(query)).scalars().all():
                    await conn.exec_driver_sql(f"DROP TABLE IF EXISTS {quote(name)} CASCADE")
        finally:
            await engine.dispose()
        return self.url


class Outbox:
    """Counts the rows in the bot's outbox table (what it has not sent yet)."""

    def __init__(self, url: str) -> None:
        self.engine: AsyncEngine = create_async_engine(normalise_url(url))

    async def rows(self) -> int:
        try:
            async with self.engine.connect() as conn:
                return int((await conn.execute(text("SELECT count(*) FROM outbox"))).scalar_one())
        except Exception:  # not created yet, or the file is being checkpointed: ask again
            return -1

    async def close(self) -> None:
        await self.engine.dispose()


async def settle(
    fake: FakeBotAPI,
    students: list[Student],
    outbox: Outbox | None,
    clock: Callable[[], float],
    since: float,
) -> float | None:
    """Wait until everything is answered and nothing is left to send (see the docstring);
    seconds from `since` (a `clock` reading) until everything was answered, or None."""
    all_at: float | None = None
    seen, changed = len(fake.calls), clock()
    while True:
        now = clock()
        calls = fake.calls
        if any(call.method != "getUpdates" for call in calls[seen:]):  # long polls return
            changed = now  # every few seconds even when nothing happens: not activity
        seen = len(calls)
        done = answered(fake, students)
        if done and all_at is None:
            all_at = now
        pending = bool(fake.pending_updates())
        rows = await outbox.rows() if outbox is not None else 0
        if done and not pending and rows == 0:
            break
        if not pending and rows <= 0 and now - changed > QUIET:
            break
        if now - since > SETTLE_TIMEOUT:
            break
        await asyncio.sleep(POLL)
    await asyncio.sleep(STRAGGLERS)
    return None if all_at is None else all_at - since


# -- one bot process --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Setup:
    """One run's fake, bot process and students."""

    fake: FakeBotAPI
    bot: BotProcess
    workdir: Path
    url: str
    outbox: Outbox | None
    clock: Callable[[], float]

    @classmethod
    async def create(
        cls, code: Code, mode: str, backend: Backend, label: str, log_level: str
    ) -> Setup:
        fake = await FakeBotAPI().start()
        workdir = Path(tempfile.mkdtemp(prefix=f"reliability-{label}-"))
        url = await backend.fresh(workdir)
        env = {"DATABASE_URL": url, "LOG_LEVEL": log_level}
        if code.pythonpath:
            env["PYTHONPATH"] = code.pythonpath
        if mode == "webhook":
            port = free_port()
            env |= {"WEBHOOK_URL": WEBHOOK_URL, "WEBHOOK_SECRET": WEBHOOK_SECRET}
            env["PORT"] = str(port)
            fake.webhook_target = f"http://127.0.0.1:{port}/telegram"
        bot = BotProcess(fake, workdir, **env)
        if code.pythonpath:
            bot.cwd = Path(code.pythonpath)  # `-m bot` finds the package in its cwd first
        outbox = Outbox(url) if code.outbox else None
        began = time.monotonic()
        return cls(fake, bot, workdir, url, outbox, lambda: time.monotonic() - began)

    async def start(self, crashes: list[str]) -> float:
        """Start the bot (a second try if the first fails); the moment it was running."""
        for attempt in (1, 2):
            try:
                await self.bot.start()
                return self.clock()
            except AssertionError as err:
                crashes.append(f"start {self.bot.starts} failed (try {attempt}): {err}"[:3000])
                await self.bot.close()
        raise RuntimeError(f"the bot does not start; logs in {self.workdir}")

    def exited(self, crashes: list[str]) -> None:
        """Record it when the bot process ended by itself (a crash)."""
        proc = self.bot.proc
        if proc is not None and proc.returncode is not None:
            tail = self.bot.output()[-2000:]
            crashes.append(f"start {self.bot.starts} exited with {proc.returncode}:\n{tail}")

    def log_lines(self, *levels: str) -> list[str]:
        """Lines of every start's log that contain one of the levels."""
        found = []
        for start in range(1, self.bot.starts + 1):
            path = self.workdir / f"bot-{start}.log"
            if path.exists():
                for line in path.read_text(errors="replace").splitlines():
                    if any(level in line for level in levels):
                        found.append(f"[start {start}] {line}")
        return found

    def dump_calls(self, marks: list[int], event: str = "kill") -> None:
        """calls.jsonl in the workdir: every Bot API call (no texts beyond a first line)."""
        starts = Starts(self.fake, marks, event)
        with (self.workdir / "calls.jsonl").open("w", encoding="utf-8") as out:
            for index, call in enumerate(self.fake.calls):
                params = call.params
                result = call.result if isinstance(call.result, dict) else {}
                text = str(params.get("text") or "")
                line = {
                    "i": index,
                    "start": starts.start[index],
                    f"after_{event}": index in starts.in_flight,
                    "method": call.method,
                    "status": call.status,
                    "error": call.error,
                    "chat_id": params.get("chat_id"),
                    "message_id": params.get("message_id") or result.get("message_id"),
                    "callback_query_id": params.get("callback_query_id"),
                    "first_line": text.strip().split("\n", 1)[0][:80],
                    "text_hash": hash(text) if text else None,
                }
                if call.method == "getUpdates" and isinstance(call.result, list):
                    line["updates"] = [u["update_id"] for u in call.result]
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
            for status, update in self.fake.webhook_deliveries:
                record = {"webhook": status, "update_id": update["update_id"]}
                out.write(json.dumps(record) + "\n")

    async def close(self, keep: bool) -> None:
        await self.bot.close()
        if self.outbox is not None:
            await self.outbox.close()
        await self.fake.stop()
        if not keep:
            shutil.rmtree(self.workdir, ignore_errors=True)


def describe_moment(kills: list[float]) -> Callable[[float], str]:
    """'at 12.34 s, 0.05 s before kill 3': a moment relative to the nearest kill after it."""

    def when(at: float) -> str:
        after = [(n, k) for n, k in enumerate(kills, 1) if k >= at]
        if not after:
            return f"at {at:.2f} s, after the last kill"
        n, k = after[0]
        return f"at {at:.2f} s, {k - at:.2f} s before kill {n}"

    return when


# -- part 1: kill -9 --------------------------------------------------------------------------


@dataclass
class KillRow:
    mode: str
    backend: str
    code: str
    tally: Tally
    all_answered: float | None
    kills: int
    restarts: list[float]
    seconds: float
    crashes: list[str]
    log_problems: list[str]
    workdir: Path | None


async def kill_run(
    code: Code, mode: str, backend: Backend, keys: dict[str, str], args: argparse.Namespace
) -> KillRow:
    label = f"kill-{mode}-{backend.name}-{code.name.split()[0]}"
    setup = await Setup.create(code, mode, backend, label, args.log_level)
    began = time.monotonic()
    crashes: list[str] = []
    kills: list[float] = []
    restarts: list[float] = []  # seconds from kill -9 to the new process running
    marks: list[int] = []  # len(fake.calls) at each kill
    fake = setup.fake
    try:
        students = make_students(fake, args.students, keys, args.seed)
        ready = await setup.start(crashes)
        load = Load(fake, students, keys, setup.clock)
        rng = random.Random(f"{args.seed}:kills")
        for _ in range(args.kills):
            await asyncio.sleep(rng.uniform(*KILL_GAP))
            setup.exited(crashes)
            kills.append(setup.clock())
            marks.append(len(fake.calls))
            await setup.bot.kill()
            ready = await setup.start(crashes)
            restarts.append(ready - kills[-1])
        await load.stop()
        all_at = await settle(fake, students, setup.outbox, setup.clock, ready)
        setup.exited(crashes)
    except BaseException:
        print(f"{label} failed; logs in {setup.workdir}", file=sys.stderr)
        await setup.close(keep=True)
        raise
    result = tally(fake, students, describe_moment(kills), marks)
    logged = setup.log_lines("ERROR", "Traceback", "CRITICAL")
    keep = args.keep_logs or not result.clean or bool(crashes) or bool(logged)
    if keep:
        setup.dump_calls(marks)
    await setup.close(keep)
    return KillRow(
        mode,
        backend.name,
        code.name,
        result,
        all_at,
        len(kills),
        restarts,
        time.monotonic() - began,
        crashes,
        logged,
        setup.workdir if keep else None,
    )


# -- part 2: SIGTERM --------------------------------------------------------------------------


@dataclass
class DrainRun:
    seconds: float | None  # None: still running after TERM_TIMEOUT (then killed)
    exit_code: int | None
    tally: Tally
    all_answered: float | None
    crashes: list[str]
    log_problems: list[str]
    workdir: Path | None


@dataclass
class DrainRow:
    mode: str
    backend: str
    code: str
    runs: list[DrainRun]
    seconds: float


async def drain_run(
    code: Code,
    mode: str,
    backend: Backend,
    keys: dict[str, str],
    args: argparse.Namespace,
    number: int,
) -> DrainRun:
    label = f"drain-{mode}-{backend.name}-{code.name.split()[0]}-{number}"
    setup = await Setup.create(code, mode, backend, label, args.log_level)
    crashes: list[str] = []
    fake = setup.fake
    seconds: float | None
    exit_code: int | None
    try:
        students = make_students(fake, args.students, keys, args.seed + number)
        await setup.start(crashes)
        fake.flood(students[0].chat_id, FLOOD_SECONDS)
        fake.hang("sendMessage", chat_id=students[1].chat_id, times=None)
        load = Load(fake, students, keys, setup.clock)
        await asyncio.sleep(DRAIN_LOAD)
        setup.exited(crashes)
        term_at = setup.clock()
        mark = len(fake.calls)
        try:
            seconds, exit_code = await setup.bot.terminate(timeout=TERM_TIMEOUT)
        except TimeoutError:
            seconds, exit_code = None, None
            crashes.append(f"still running {TERM_TIMEOUT:.0f} s after SIGTERM: killed")
            await setup.bot.kill()
        await load.stop()
        fake.end_flood()
        fake.world.faults.clear()
        ready = await setup.start(crashes)
        all_at = await settle(fake, students, setup.outbox, setup.clock, ready)
        setup.exited(crashes)
    except BaseException:
        print(f"{label} failed; logs in {setup.workdir}", file=sys.stderr)
        await setup.close(keep=True)
        raise
    result = tally(
        fake,
        students,
        lambda at: f"at {at:.2f} s ({at - term_at:+.2f} s to SIGTERM)",
        [mark],
        "SIGTERM",
    )
    logged = setup.log_lines("ERROR", "Traceback", "CRITICAL")
    keep = args.keep_logs or not result.clean or bool(crashes) or bool(logged)
    keep = keep or exit_code != 0 or seconds is None or seconds >= DRAIN_TARGET
    if keep:
        setup.dump_calls([mark], "SIGTERM")
    await setup.close(keep)
    return DrainRun(
        seconds, exit_code, result, all_at, crashes, logged, setup.workdir if keep else None
    )


async def drain_row(
    code: Code,
    mode: str,
    backend: Backend,
    keys: dict[str, str],
    args: argparse.Namespace,
    repeats: int,
) -> DrainRow:
    began = time.monotonic()
    runs = [await drain_run(code, mode, backend, keys, args, n) for n in range(repeats)]
    return DrainRow(mode, backend.name, code.name, runs, time.monotonic() - began)


# -- printing ---------------------------------------------------------------------------------


def seconds_cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def print_kill_table(rows: list[KillRow], args: argparse.Namespace) -> None:
    print(
        f"\nkill -9 under load: {args.students} students, {args.kills} kills 1.5-4 s apart "
        f"(seed {args.seed}); counts summed over the students; restart: median seconds from "
        "kill -9 to the new process running; all answered: seconds after the last restart "
        "was running"
    )
    head = (
        f"{'mode':8} {'backend':9} {'code':11} {'sent':>6} {'answered':>9} {'lost':>5} "
        f"{'duplicated':>10} {'violations':>10} {'restart s':>9} {'all answered s':>14}"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        t = r.tally
        restart = statistics.median(r.restarts) if r.restarts else None
        print(
            f"{r.mode:8} {r.backend:9} {r.code:11} {t.sent:>6} {t.answered:>9} {t.lost:>5} "
            f"{t.duplicated:>10} {t.violations:>10} {seconds_cell(restart):>9} "
            f"{seconds_cell(r.all_answered):>14}"
        )
    print("\ndetails (per row):")
    for r in rows:
        t = r.tally
        print(
            f"  {r.mode} {r.backend} {r.code}: {t.questions} questions + {t.presses} presses; "
            f"{r.kills} kills; bot messages beyond questions {t.extra_by_count}, "
            f"duplicates_in {t.duplicates_in}, unexpected messages {t.unexpected}, "
            f"spinners never stopped {t.spinners}, repeated answerCallbackQuery "
            f"{t.callback_repeats}; run {r.seconds:.0f} s"
        )
        print_problems(t.problems, r.crashes, r.log_problems, r.workdir)


def print_drain_table(rows: list[DrainRow], args: argparse.Namespace) -> None:
    print(
        f"\nSIGTERM under load ({args.students} students), a {FLOOD_SECONDS} s flood wait on one "
        f"chat and sendMessage hanging in another: seconds from SIGTERM to exit (target < "
        f"{DRAIN_TARGET:.0f} s), exit codes, and after a restart what the runs' students got; "
        "all answered: the slowest run, seconds after the restart was running"
    )
    head = (
        f"{'mode':8} {'backend':9} {'code':11} {'runs':>4} {'median s':>8} {'max s':>6} "
        f"{'exit codes':>10} {'sent':>6} {'lost':>5} {'duplicated':>10} {'violations':>10} "
        f"{'all answered s':>14}"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        secs = [run.seconds for run in r.runs]
        finite = [s for s in secs if s is not None]
        median = statistics.median(finite) if finite else None
        worst = None if None in secs or not finite else max(finite)
        codes = ",".join("-" if run.exit_code is None else str(run.exit_code) for run in r.runs)
        total = Tally()
        for run in r.runs:
            total.add(run.tally)
        answered_in = [run.all_answered for run in r.runs]
        slowest = None if None in answered_in else max(a for a in answered_in if a is not None)
        print(
            f"{r.mode:8} {r.backend:9} {r.code:11} {len(r.runs):>4} {seconds_cell(median):>8} "
            f"{seconds_cell(worst):>6} {codes:>10} {total.sent:>6} {total.lost:>5} "
            f"{total.duplicated:>10} {total.violations:>10} {seconds_cell(slowest):>14}"
        )
    print("\ndetails (per row):")
    for r in rows:
        each = " ".join(seconds_cell(run.seconds) for run in r.runs)
        print(
            f"  {r.mode} {r.backend} {r.code}: seconds to exit per run: {each}; {r.seconds:.0f} s"
        )
        for n, run in enumerate(r.runs):
            t = run.tally
            if t.spinners or t.callback_repeats or t.unexpected or t.extra_by_count:
                print(
                    f"    run {n}: unexpected {t.unexpected}, beyond questions "
                    f"{t.extra_by_count}, spinners {t.spinners}, repeated answerCallbackQuery "
                    f"{t.callback_repeats}"
                )
            print_problems(t.problems, run.crashes, run.log_problems, run.workdir, indent="    ")


def print_problems(
    problems: list[str],
    crashes: list[str],
    logged: list[str],
    workdir: Path | None,
    indent: str = "    ",
    limit: int = 12,
) -> None:
    for line in problems[:limit]:
        print(f"{indent}{line}")
    if len(problems) > limit:
        print(f"{indent}... and {len(problems) - limit} more")
    for crash in crashes:
        print(f"{indent}crash: {crash}")
    distinct = list(
        dict.fromkeys(re.sub(r"^\[start \d+\] (\d{4}-\d\d-\d\d [\d:,]+ )?", "", x) for x in logged)
    )
    if logged:
        print(f"{indent}{len(logged)} ERROR/Traceback log lines, e.g.:")
        for line in distinct[:5]:
            print(f"{indent}  {line[:200]}")
    if workdir is not None:
        print(f"{indent}logs kept in {workdir}")


# -- main -------------------------------------------------------------------------------------


def choose_backends(args: argparse.Namespace) -> list[Backend]:
    wanted = {b.strip() for b in args.backends.split(",")}
    chosen = [Backend("sqlite", "")] if "sqlite" in wanted else []
    url = args.database_url or os.environ.get("TEST_DATABASE_URL")
    if url and wanted & {"postgres", "postgresql"}:
        chosen.append(Backend("postgres", url))
    return chosen


def combinations(modes: Iterable[str], backends: list[Backend]) -> list[tuple[str, Backend]]:
    return [(mode, backend) for backend in backends for mode in modes]


async def main_async(args: argparse.Namespace) -> None:
    began = time.monotonic()
    backends = choose_backends(args)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    print(
        f"Dossierbot reliability: {args.students} students, {args.kills} kills, "
        f"{args.drain_repeats} SIGTERM runs per row, seed {args.seed}; {os.cpu_count()} CPUs, "
        f"Python {sys.version.split()[0]}"
    )
    if "postgres" in args.backends and all(b.name != "postgres" for b in backends):
        print("PostgreSQL skipped: no --database-url or TEST_DATABASE_URL (see the docstring)")
    keys = calibrate(NEW)
    print(f"calibrated {len(keys)} questions ({len(set(keys.values()))} distinct answers)")
    old: Code | None = None
    old_keys: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="dossierbot-old-") as old_dir:
        if not args.skip_old:
            try:
                old = extract_old(args.old_commit, Path(old_dir))
                old_keys = calibrate(old)
                print(f"old code {args.old_commit}: calibrated {len(old_keys)} questions")
            except (subprocess.CalledProcessError, SystemExit) as err:
                print(f"old code {args.old_commit} skipped: cannot run it ({err})")
                old = None
        kill_rows: list[KillRow] = []
        drain_rows: list[DrainRow] = []
        sqlite = Backend("sqlite", "")
        if args.only in (None, "kills"):
            for mode, backend in combinations(modes, backends):
                kill_rows.append(await kill_run(NEW, mode, backend, keys, args))
                print(f"  done: kill -9, {mode} {backend.name} ({kill_rows[-1].seconds:.0f} s)")
            if old is not None:
                kill_rows.append(await kill_run(old, "polling", sqlite, old_keys, args))
                print(f"  done: kill -9, old code ({kill_rows[-1].seconds:.0f} s)")
        if args.only in (None, "drain"):
            for mode, backend in combinations(modes, backends):
                row = await drain_row(NEW, mode, backend, keys, args, args.drain_repeats)
                drain_rows.append(row)
                print(f"  done: SIGTERM, {mode} {backend.name} ({row.seconds:.0f} s)")
            if old is not None:
                drain_rows.append(await drain_row(old, "polling", sqlite, old_keys, args, 1))
                print(f"  done: SIGTERM, old code ({drain_rows[-1].seconds:.0f} s)")
    if kill_rows:
        print_kill_table(kill_rows, args)
    if drain_rows:
        print_drain_table(drain_rows, args)
    print(f"\ntotal {time.monotonic() - began:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--students", type=int, default=None, help="default 50 (--quick 12)")
    parser.add_argument("--kills", type=int, default=None, help="default 10 (--quick 3)")
    parser.add_argument("--drain-repeats", type=int, default=None, help="default 5 (--quick 2)")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--backends", default="sqlite,postgres", help="comma-separated")
    parser.add_argument("--modes", default="polling,webhook", help="comma-separated")
    parser.add_argument("--database-url", help="PostgreSQL (default: $TEST_DATABASE_URL)")
    parser.add_argument("--skip-old", action="store_true", help="no baseline of the old code")
    parser.add_argument("--old-commit", default=OLD_COMMIT, help="the baseline's commit")
    parser.add_argument("--only", choices=("kills", "drain"), help="run one part only")
    parser.add_argument("--keep-logs", action="store_true", help="keep every run's bot logs")
    parser.add_argument(
        "--log-level", default="INFO", help="the bot's LOG_LEVEL (DEBUG logs every update id)"
    )
    parser.add_argument("--quick", action="store_true", help="a smoke run: fewer of everything")
    args = parser.parse_args()
    quick = args.quick
    if args.students is None:
        args.students = 12 if quick else 50
    if args.kills is None:
        args.kills = 3 if quick else 10
    if args.drain_repeats is None:
        args.drain_repeats = 2 if quick else 5
    if args.students < 2:
        parser.error("--students must be at least 2 (one flooded chat, one hanging chat)")
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
