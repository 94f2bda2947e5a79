"""`dossierbot` command line: import, check, items, ask, chat, run."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

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
    from bot.answers.service import Answers

    answers = Answers.build(_dossier(Path(args.knowledge)))
    if not args.stdin:
        reply, _ = answers.ask(" ".join(args.question), args.profile, args.lang)
        from bot.terminal import render

        print(render(reply))
        return 0
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        question = str(request.get("q") or "")
        reply, found = answers.ask(question, request.get("profile"), request.get("lang") or "nl")
        results = [
            {
                "id": hit.item_id,
                "title": answers.dossier.items[hit.item_id].title,
                "score": hit.score,
            }
            for hit in found.hits
        ]
        out = {
            "q": question,
            "kind": found.kind,
            "results": results,
            "abstained": reply.abstained,
            "answer": reply.plain,
        }
        print(json.dumps(out, ensure_ascii=False), flush=True)
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    """The terminal question loop over the same assistant as the Telegram bot."""
    import asyncio

    from bot.answers.service import Answers
    from bot.core.assistant import Assistant
    from bot.core.memory import MemoryUsers
    from bot.terminal import TERMINAL_USER, chat

    users = MemoryUsers()
    assistant = Assistant(Answers.build(_dossier(Path(args.knowledge))), users)
    person = replace(TERMINAL_USER, language_code=args.lang)
    print(
        "Dossierbot in de terminal: stel je vraag (een nummer kiest een vervolgkeuze, "
        "/help voor hulp, 'stop' stopt).",
        flush=True,
    )

    async def run() -> None:
        if args.profile:
            await assistant.help(person)  # creates the in-memory session
            await users.set_dossier(person.id, args.profile)
        await chat(assistant, person)

    asyncio.run(run())
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """The main job: the Telegram bot when TELEGRAM_BOT_TOKEN is set, else the terminal chat."""
    from bot.config import ConfigError, settings

    try:
        config = settings()
    except ConfigError as err:
        print(f"dossierbot: {err}", file=sys.stderr)
        return 1
    configure_logging(config.log_level, (config.telegram.token, config.telegram.webhook_secret))
    if config.telegram.token is None:
        print("TELEGRAM_BOT_TOKEN is not set: starting the terminal chat", flush=True)
        return cmd_chat(args)
    from bot.telegram.app import run

    return run(config)


def configure_logging(level: str, secrets: Sequence[str | None] = ()) -> None:
    """Time, level and logger on stderr; secrets (the bot token) masked even at DEBUG."""
    handler = logging.StreamHandler()
    handler.setFormatter(_Masking("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    for noisy in ("httpx", "httpcore", "tornado.access", "apscheduler", "alembic.runtime.plugins"):
        logging.getLogger(noisy).setLevel(logging.WARNING)  # httpx logs every URL at INFO


class _Masking(logging.Formatter):
    """A formatter that replaces secrets in the finished line (PTB logs its URLs at DEBUG)."""

    def __init__(self, fmt: str, secrets: Sequence[str | None]) -> None:
        super().__init__(fmt)
        self.secrets = [secret for secret in secrets if secret]

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        for secret in self.secrets:
            line = line.replace(secret, "***")
        return line


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
