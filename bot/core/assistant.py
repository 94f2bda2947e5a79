"""The assistant: events from a person (text, command, button) -> Replies, with the store.

Adapters (Telegram, terminal) call these methods with a Person and render the Replies; the
assistant loads the student's session from the users repository, runs the pure
conversation core and saves what changed. It imports neither telegram nor a database driver.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from bot.answers.html import esc
from bot.answers.service import Answers
from bot.core.conversation import Conversation, Session
from bot.core.dossiers import DossierMenu
from bot.core.messages import language, t
from bot.core.replies import Choice, Reply

FORGET_YES = "v|ja"
FORGET_NO = "v|nee"


class StoredUser(Protocol):
    """What the assistant reads of a stored user (read-only, as frozen dataclasses are)."""

    @property
    def language(self) -> str: ...

    @property
    def dossier(self) -> str | None: ...

    @property
    def last_item(self) -> str | None: ...

    @property
    def last_field(self) -> str | None: ...


class Users(Protocol):
    """What the assistant needs of the users repository (bot.store.UserRepository)."""

    async def get(self, user_id: int) -> StoredUser | None: ...

    async def touch(
        self, user_id: int, first_name: str, username: str | None, language: str, now: datetime
    ) -> StoredUser: ...

    async def set_dossier(self, user_id: int, dossier: str | None) -> bool: ...

    async def set_last(self, user_id: int, item_id: str | None, field: str | None) -> bool: ...

    async def forget(self, user_id: int) -> int: ...


@dataclass(frozen=True)
class Person:
    """Who sent an event, as any adapter knows them."""

    id: int
    first_name: str
    username: str | None = None
    language_code: str | None = None

    @property
    def lang(self) -> str:
        return language(self.language_code)


class Assistant:
    """One instance per process; safe to share between concurrent updates."""

    def __init__(
        self, answers: Answers, users: Users, clock: Callable[[], datetime] | None = None
    ) -> None:
        self.answers = answers
        self.users = users
        self.conversation = Conversation(answers)
        self.menu = DossierMenu(answers.dossier)
        self.clock = clock or (lambda: datetime.now(UTC))

    async def _session(self, person: Person) -> Session:
        user = await self.users.touch(
            person.id, person.first_name, person.username, person.lang, self.clock()
        )
        return Session(user.language, user.dossier, user.last_item, user.last_field)

    async def _save(self, person: Person, before: Session, after: Session) -> None:
        if (before.last_item, before.last_field) != (after.last_item, after.last_field):
            await self.users.set_last(person.id, after.last_item, after.last_field)

    async def text(self, person: Person, text: str) -> Reply:
        """A question or a typed follow-up."""
        session = await self._session(person)
        before = Session(**vars(session))
        reply = self.conversation.on_text(session, text)
        await self._save(person, before, session)
        return reply

    async def choice(self, person: Person, data: str | None) -> Reply:
        """A pressed button: dossier menu, forget confirmation or an answer follow-up."""
        if data in (FORGET_YES, FORGET_NO):
            return await self._forget_answer(person, data == FORGET_YES)
        session = await self._session(person)
        if data and data.startswith(DossierMenu.PREFIX):
            return await self._choose_dossier(person, session, data)
        before = Session(**vars(session))
        reply = self.conversation.on_choice(session, data)
        await self._save(person, before, session)
        return reply

    async def start(self, person: Person, payload: str | None = None) -> Reply:
        """Welcome; a deep link 'dossier_P4' or 'dossier_bcp-2010' preselects the dossier."""
        session = await self._session(person)
        chosen = self.menu.from_deep_link(payload)
        if chosen:
            await self.users.set_dossier(person.id, chosen)
            return Reply(
                f"{t('welcome', session.lang)}\n\n{self.menu.chosen_text(chosen, session.lang)}"
                f"\n\n{t('can_do', session.lang)}"
            )
        return self.menu.main(
            f"{t('welcome', session.lang)}\n\n{t('choose_dossier', session.lang)}",
            session.lang,
            session.dossier,
        )

    async def help(self, person: Person) -> Reply:
        session = await self._session(person)
        current = self.menu.chosen_text(session.dossier, session.lang)
        return Reply(f"{t('help', session.lang)}\n\n{current}")

    async def choose(self, person: Person) -> Reply:
        """/dossier: the dossier menu, with the current choice marked."""
        session = await self._session(person)
        return self.menu.main(t("choose_dossier", session.lang), session.lang, session.dossier)

    async def privacy(self, person: Person) -> Reply:
        session = await self._session(person)
        return Reply(t("privacy", session.lang))

    async def forget(self, person: Person) -> Reply:
        """/vergeet: ask for confirmation first; nothing is deleted yet."""
        lang = person.lang
        choices = (
            Choice(t("forget_yes", lang), FORGET_YES),
            Choice(t("forget_no", lang), FORGET_NO),
        )
        return Reply(t("forget_confirm", lang), choices)

    async def _forget_answer(self, person: Person, confirmed: bool) -> Reply:
        if not confirmed:
            return Reply(t("forget_cancelled", person.lang))
        await self.users.forget(person.id)  # nothing is written about them after this
        return Reply(t("forget_done", person.lang))

    async def _choose_dossier(self, person: Person, session: Session, data: str) -> Reply:
        step = self.menu.parse(data)
        if step is None:
            return Reply(t("stale_choice", session.lang), notice=True)
        if step == DossierMenu.OLDER:
            return self.menu.older(session.lang, session.dossier)
        await self.users.set_dossier(person.id, step)
        return Reply(
            f"{self.menu.chosen_text(step, session.lang)}\n\n{esc(t('ask_away', session.lang))}"
        )
