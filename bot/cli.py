"""`dossierbot` command line: import, check, items, ask, quiz, chat, run."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.knowledge.build import ImportFailed, import_source
from bot.knowledge.importers import FORMATS
from bot.knowledge.load import DEFAULT_DIR, KnowledgeError, load_dossier
from bot.knowledge.model import Dossier

QUIZ_DIR = DEFAULT_DIR.parent / "quizzes"


def _fail(problems: list[str], head: str) -> int:
    print(head, file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    return 1


def _dossier(directory: Path) -> Dossier:
    return load_dossier(directory)


def cmd_import(args: argparse.Namespace) -> int:
    """Import one source text into knowledge/SOURCE_ID.yaml."""
    try:
        path = import_source(Path(args.source_text), args.format, args.id, Path(args.out))
    except ImportFailed as err:
        return _fail(err.problems, f"import of {args.source_text} failed:")
    except OSError as err:
        return _fail([str(err)], "cannot read the source text:")
    print(f"wrote {path}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate knowledge/ and quizzes/; print every problem."""
    from bot.quizcheck import check_quizzes

    problems: list[str] = []
    count = 0
    try:
        count = len(_dossier(Path(args.knowledge)).items)
    except KnowledgeError as err:
        problems += [f"knowledge/{p}" for p in err.problems]
    problems += check_quizzes(Path(args.quizzes))
    if problems:
        return _fail(problems, f"{len(problems)} problem(s):")
    print(f"ok: {count} items in {args.knowledge}, quizzes in {args.quizzes}")
    return 0


def cmd_items(args: argparse.Namespace) -> int:
    """One line per item: id, type, parent, title (the columns of items.tsv)."""
    dossier = _dossier(Path(args.knowledge))
    for item in dossier:
        print(f"{item.id}\t{item.type}\t{item.parent or ''}\t{item.title}")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer questions: one from the command line, or JSON lines from stdin."""
    import asyncio

    from bot.bootstrap import open_services

    async def run() -> int:
        services = await open_services(backend="memory", knowledge=Path(args.knowledge))
        if not args.stdin:
            from bot.terminal import render

            reply = await _ask(
                services.assistant, 1, args.profile, args.lang, " ".join(args.question)
            )
            print(render(reply))
            return 0
        people: dict[str, int] = {}
        for number, line in enumerate(sys.stdin, 2):
            if not line.strip():
                continue
            request = json.loads(line)
            who = str(request["user"]) if request.get("user") is not None else f"#{number}"
            person = people.setdefault(who, len(people) + 1)
            question = str(request.get("q") or "")
            lang = request.get("lang") or "nl"
            reply = await _ask(services.assistant, person, request.get("profile"), lang, question)
            print(
                json.dumps(_as_json(services.answers, question, reply), ensure_ascii=False),
                flush=True,
            )
        return 0

    return asyncio.run(run())


async def _ask(assistant: Any, person_id: int, profile: str | None, lang: str, text: str) -> Any:
    """One message of one person with the given dossier choice, through the whole core."""
    from datetime import UTC, datetime

    from bot.core.events import Command, Person, Text

    person = Person(person_id, "student", None, lang)
    user = await assistant.users.touch(person_id, "student", None, person.lang, datetime.now(UTC))
    if user.dossier != profile:
        await assistant.users.set_dossier(person_id, profile)
    if text.startswith("/"):
        name, _, rest = text[1:].partition(" ")
        return await assistant.handle(Command(person, name, rest))
    return await assistant.handle(Text(person, text))


def _as_json(answers: Any, question: str, reply: Any) -> dict[str, Any]:
    """One output line of `ask --json`: the ranked items, the kind of reply, its text."""
    results = [
        {"id": item_id, "title": answers.dossier.items[item_id].title, "score": score}
        for item_id, score in reply.hits
        if item_id in answers.dossier.items
    ]
    return {
        "q": question,
        "reply": reply.kind,
        "results": results,
        "abstained": reply.abstained,
        "answer": reply.plain,
    }


def cmd_quiz(args: argparse.Namespace) -> int:
    """Quiz questions of a dossier choice: `quiz sample` prints a seeded sample."""
    import random

    from bot.quiz.generate import generate
    from bot.quiz.kinds import KINDS
    from bot.quiz.scope import choices

    dossier = _dossier(Path(args.knowledge))
    if args.profile not in choices(dossier):
        valid = ", ".join(choices(dossier))
        print(
            f"dossierbot: unknown --profile {args.profile!r}; choose one of: {valid}",
            file=sys.stderr,
        )
        return 2
    unknown = [k for k in args.kind or () if k not in KINDS]
    if unknown:
        print(
            f"dossierbot: unknown --kind {unknown}; choose from: {', '.join(KINDS)}",
            file=sys.stderr,
        )
        return 2
    rng = random.Random(args.seed)
    bank = list(generate(dossier, args.profile, kinds=args.kind, rng=rng))
    for question in rng.sample(bank, min(args.n, len(bank))):
        print(
            json.dumps(question.as_json(), ensure_ascii=False)
            if args.json
            else _readable(question)
        )
    return 0


def _readable(question: Any) -> str:
    """A question as text: the options numbered, the correct one marked with *."""
    lines = [f"[{question.kind}] {question.question}"]
    lines += [
        f"  {'*' if i in question.correct else ' '} {i + 1}. {option}"
        for i, option in enumerate(question.options)
    ]
    lines += [f"  = {answer}" for answer in question.answers]
    return "\n".join([*lines, f"  ({question.explanation})", ""])


def cmd_chat(args: argparse.Namespace) -> int:
    """The terminal conversation over the same assistant and store as the Telegram bot."""
    import asyncio

    from bot.bootstrap import open_services
    from bot.config import ConfigError, settings
    from bot.core.events import Command
    from bot.store import StoreUnavailable
    from bot.terminal import LOCAL_USER, chat

    person = replace(LOCAL_USER, language_code=args.lang)
    try:
        config = settings()
    except ConfigError as err:
        print(f"dossierbot: {err}", file=sys.stderr)
        return 1

    async def run() -> int:
        services = await open_services(config, surface="terminal", knowledge=Path(args.knowledge))
        try:
            if args.profile:
                await services.assistant.handle(Command(person, "help"))  # creates the user
                await services.users.set_dossier(person.id, args.profile)
            await chat(services.assistant, person)
        finally:
            await services.close()
        return 0

    if args.profile and (problem := _unknown_profile(args)) is not None:
        print(problem, file=sys.stderr)
        return 2
    try:
        return asyncio.run(run())
    except StoreUnavailable as err:
        print(f"dossierbot: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0


def _unknown_profile(args: argparse.Namespace) -> str | None:
    """A message listing the valid choices when --profile names none of them."""
    from bot.core.dossiers import DossierMenu

    menu = DossierMenu(_dossier(Path(args.knowledge)))
    if args.profile in menu.choices:
        return None
    valid = ", ".join(sorted(menu.choices))
    return f"dossierbot: unknown --profile {args.profile!r}; choose one of: {valid}"


def cmd_run(args: argparse.Namespace) -> int:
    """The main job: the Telegram bot when TELEGRAM_BOT_TOKEN is set, else the terminal chat."""
    from bot.config import settings
    from bot.store import normalise_url

    try:
        config = settings()
        normalise_url(config.database_url)  # refused here, before Telegram is contacted
    except ValueError as err:  # ConfigError, or DATABASE_URL's "unsupported ..."
        print(f"dossierbot: {err}", file=sys.stderr)
        return 1
    if config.telegram.token is None:  # the chat, as `dossierbot chat`: no log lines in it
        print("TELEGRAM_BOT_TOKEN is not set: starting the terminal chat", flush=True)
        return cmd_chat(args)
    configure_logging(config.log_level, (config.telegram.token, config.telegram.webhook_secret))
    from bot.telegram.app import run

    return run(config)


def configure_logging(level: str, secrets: Sequence[str | None] = ()) -> None:
    """Time, level and logger on stderr; secrets (the bot token) masked even at DEBUG."""
    from bot.telegram import redaction

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    noisy = ("httpx", "httpcore", "tornado.access", "apscheduler", "alembic.runtime")
    for name in noisy:  # httpx logs every URL at INFO, Alembic every migration at start-up
        logging.getLogger(name).setLevel(logging.WARNING)
    redaction.install(secrets)  # after the handler exists: the filter goes on it


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dossierbot", description=__doc__)
    parser.add_argument("--knowledge", default=str(DEFAULT_DIR), help="knowledge directory")
    sub = parser.add_subparsers(dest="command", required=True)
    imp = sub.add_parser("import", help="import a source text into YAML")
    imp.add_argument("source_text")
    imp.add_argument("--format", required=True, choices=sorted(FORMATS))
    imp.add_argument("--id", required=True, help="source id, e.g. commercie")
    imp.add_argument("--out", default=str(DEFAULT_DIR), help="output directory")
    imp.set_defaults(func=cmd_import)
    chk = sub.add_parser("check", help="validate knowledge/ and quizzes/")
    chk.add_argument("--quizzes", default=str(QUIZ_DIR))
    chk.set_defaults(func=cmd_check)
    sub.add_parser("items", help="list every item").set_defaults(func=cmd_items)
    ask = sub.add_parser("ask", help="answer a question")
    ask.add_argument("question", nargs="*")
    ask.add_argument("--stdin", action="store_true", help="read JSON lines from stdin")
    ask.add_argument("--json", action="store_true", help="write JSON lines (with --stdin)")
    quiz = sub.add_parser("quiz", help="quiz questions of a dossier choice")
    quiz.add_argument("action", choices=("sample",))
    quiz.add_argument("--profile", required=True, help="dossier choice, e.g. commercie:P4")
    quiz.add_argument("--n", type=int, default=20, help="how many questions (default 20)")
    quiz.add_argument("--kind", action="append", help="only this kind (repeatable)")
    quiz.add_argument("--seed", type=int, default=0)
    quiz.add_argument("--json", action="store_true", help="write JSON lines")
    quiz.set_defaults(func=cmd_quiz)
    for name, func in (("ask", None), ("chat", cmd_chat), ("run", cmd_run)):
        p = ask if name == "ask" else sub.add_parser(name, help=func.__doc__ if func else None)
        p.add_argument("--profile", default=None, help="dossier choice, e.g. commercie:P4")
        p.add_argument("--lang", default="nl", choices=("nl", "en"))
        p.set_defaults(func=func or cmd_ask)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KnowledgeError as err:
        return _fail(err.problems, "the knowledge base has problems (run `dossierbot check`):")
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
