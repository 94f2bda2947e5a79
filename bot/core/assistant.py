"""The assistant: every event from a person -> a Reply, with the store around the pure core.

One event router: texts go to the conversation, commands through the one command table,
buttons through the one table of callback namespaces, deep links through one router. The
assistant loads the person's session, runs the core, and saves what changed. It imports
neither telegram nor a database driver.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime

from bot.answers.service import Answers
from bot.core.chat import ChatReplies
from bot.core.commands import COMMANDS, command
from bot.core.conversation import Conversation, Press
from bot.core.deeplinks import read_deep_link
from bot.core.dossiers import OLDER, DossierMenu
from bot.core.events import Button, Command, Event, Person, Text
from bot.core.inline import inline_answer
from bot.core.language import detect_language
from bot.core.ports import Users
from bot.core.session import Session, State
from bot.reply import callbacks
from bot.reply.callbacks import COMMAND, DOSSIER, FIELD, FORGET, ITEM, MORE, RELATED, Namespace
from bot.reply.html import esc
from bot.reply.messages import t
from bot.reply.replies import Choice, InlineAnswer, Reply

FORGET_YES = FORGET.data("ja")
FORGET_NO = FORGET.data("nee")
MAX_TEXT = 4000  # characters of a message read; a longer one is answered from its beginning

Handler = Callable[[Person, Session, Namespace, tuple[str, ...], str], Awaitable[Reply]]


class Assistant:
    """One instance per process; safe to share between concurrent updates."""

    def __init__(
        self,
        answers: Answers,
        users: Users,
        clock: Callable[[], datetime] | None = None,
        surface: str = "telegram",
    ) -> None:
        self.answers = answers
        self.users = users
        self.clock = clock or (lambda: datetime.now(UTC))
        self.menu = DossierMenu(answers.dossier)
        self.chat = ChatReplies(answers.dossier, surface)
        self.conversation = Conversation(answers, self.chat)
        self.commands: dict[str, Callable[[Person, Session, str, str], Awaitable[Reply]]] = {
            spec.name: getattr(self, f"command_{spec.name}") for spec in COMMANDS
        }
        self.buttons: dict[Namespace, Handler] = {
            ITEM: self._answer_button,
            FIELD: self._answer_button,
            RELATED: self._answer_button,
            MORE: self._answer_button,
            COMMAND: self._command_button,
            DOSSIER: self._dossier_button,
            FORGET: self._forget_button,
        }

    async def handle(self, event: Event) -> Reply | InlineAnswer:
        """The one entry point: any event in, its reply out."""
        if isinstance(event, Text):
            return await self.text(event.person, event.text)
        if isinstance(event, Command):
            return await self.command(event.person, event.name, event.args)
        if isinstance(event, Button):
            return await self.button(event.person, event.data)
        return await self.inline(event.person, event.query)

    # -- session ------------------------------------------------------------------------------

    async def _open(self, person: Person) -> Session:
        user = await self.users.touch(
            person.id, person.first_name, person.username, person.lang, self.clock()
        )
        return Session(user.language, user.dossier, State.from_json(user.conversation))

    async def _save(self, person: Person, before: Session, state: State) -> None:
        if state != before.state:
            await self.users.set_conversation(person.id, state.to_json())

    def _lang(self, session: Session) -> str:
        """For a button: the language the student last wrote in, else their setting."""
        return session.state.lang or session.lang

    # -- events -------------------------------------------------------------------------------

    async def text(self, person: Person, text: str) -> Reply:
        """A typed message: a question, a follow-up, a number, small talk."""
        session = await self._open(person)
        text = text[:MAX_TEXT]
        result, state = self.conversation.on_text(session, text, person.first_name)
        if isinstance(result, Press):
            pressed = Session(session.lang, session.dossier, state)
            reply = await self._press(person, pressed, result.action, result.lang)
        else:
            reply = result
        state = state.after(reply)
        if detected := detect_language(text):
            state = replace(state, lang=detected)
        await self._save(person, session, state)
        return reply

    async def command(self, person: Person, name: str, args: str = "") -> Reply:
        """A /command from the one table; an unknown one gets a pointer to /help."""
        session = await self._open(person)
        spec = command(name)
        lang = self._lang(session)
        if spec is None:
            return self.chat.unknown_command(name, lang)
        reply = await self.commands[spec.name](person, session, args.strip(), lang)
        await self._save(person, session, session.state.after(reply))
        return reply

    async def button(self, person: Person, data: str | None) -> Reply:
        """A pressed button; forged or stale data gets a polite notice, never an exception."""
        session = await self._open(person)
        reply = await self._press(person, session, data, self._lang(session))
        if not reply.notice and data != FORGET_YES:
            await self._save(person, session, session.state.after(reply))
        return reply

    async def inline(self, person: Person, query: str) -> InlineAnswer:
        """'@bot wp 3.5': read-only (an inline query creates no user)."""
        stored = await self.users.get(person.id)
        choice = stored.dossier if stored else None
        return inline_answer(self.answers, query[:MAX_TEXT], choice, person.lang)

    async def _press(self, person: Person, session: Session, data: str | None, lang: str) -> Reply:
        parsed = callbacks.parse(data)
        if parsed is None:
            return Reply(t("stale_choice", lang), notice=True)
        namespace, parts = parsed
        handler = self.buttons.get(namespace)
        if handler is None:
            return Reply(t("stale_choice", lang), notice=True)
        return await handler(person, session, namespace, parts, lang)

    # -- buttons ------------------------------------------------------------------------------

    async def _answer_button(
        self, person: Person, session: Session, ns: Namespace, parts: tuple[str, ...], lang: str
    ) -> Reply:
        reply = self.answers.show(ns, parts, lang, session.dossier)
        return reply if reply is not None else Reply(t("stale_choice", lang), notice=True)

    async def _command_button(
        self, person: Person, session: Session, ns: Namespace, parts: tuple[str, ...], lang: str
    ) -> Reply:
        spec = command(parts[0]) if len(parts) == 1 else None
        if spec is None:
            return Reply(t("stale_choice", lang), notice=True)
        return await self.commands[spec.name](person, session, "", lang)

    async def _dossier_button(
        self, person: Person, session: Session, ns: Namespace, parts: tuple[str, ...], lang: str
    ) -> Reply:
        step = self.menu.parse(parts)
        if step is None:
            return Reply(t("stale_choice", lang), notice=True)
        if step == OLDER:
            return self.menu.older(lang, session.dossier)
        await self.users.set_dossier(person.id, step)
        session.dossier = step
        text = f"{self.menu.chosen_text(step, lang)}\n\n{esc(t('ask_away', lang))}"
        return Reply(text, self.chat.menu(lang, step).choices[:1], "chat")

    async def _forget_button(
        self, person: Person, session: Session, ns: Namespace, parts: tuple[str, ...], lang: str
    ) -> Reply:
        if parts == ("nee",):
            return Reply(esc(t("forget_cancelled", lang)), kind="chat")
        if parts != ("ja",):
            return Reply(t("stale_choice", lang), notice=True)
        await self.users.forget(person.id)  # nothing is written about them after this
        return Reply(esc(t("forget_done", lang)), kind="chat")

    # -- commands (the handlers of bot.core.commands.COMMANDS) --------------------------------

    async def command_start(self, person: Person, session: Session, args: str, lang: str) -> Reply:
        """Welcome; a deep link 'dossier_P4' or 'dossier_bcp-2010' preselects the dossier."""
        chosen = self.menu.from_deep_link(read_deep_link(args or None))
        if chosen:
            await self.users.set_dossier(person.id, chosen)
            session.dossier = chosen
            can_do = self.chat.help(lang, chosen)
            text = f"{t('welcome', lang)}\n\n{self.menu.chosen_text(chosen, lang)}"
            return Reply(text, can_do.choices[:1], "chat")
        intro = f"{t('welcome', lang)}\n\n{esc(t('choose_dossier', lang))}"
        return self.menu.main(intro, lang, session.dossier)

    async def command_help(self, person: Person, session: Session, args: str, lang: str) -> Reply:
        """How Dossierbot works, and the student's current dossier."""
        reply = self.chat.help(lang, session.dossier)
        current = self.menu.chosen_text(session.dossier, lang)
        return Reply(f"{reply.html}\n\n{current}", reply.choices, "chat")

    async def command_dossier(
        self, person: Person, session: Session, args: str, lang: str
    ) -> Reply:
        """/dossier: the dossier menu, with the current choice marked."""
        return self.menu.main(esc(t("choose_dossier", lang)), lang, session.dossier)

    async def command_privacy(
        self, person: Person, session: Session, args: str, lang: str
    ) -> Reply:
        """/privacy: what is stored."""
        return Reply(t("privacy", lang), kind="chat")

    async def command_vergeet(
        self, person: Person, session: Session, args: str, lang: str
    ) -> Reply:
        """/vergeet: ask for confirmation first; nothing is deleted yet."""
        choices = (
            Choice(t("forget_yes", lang), FORGET_YES),
            Choice(t("forget_no", lang), FORGET_NO),
        )
        return Reply(esc(t("forget_confirm", lang)), choices, "chat")
