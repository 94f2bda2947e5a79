"""What reaches the core from any adapter: frozen events from a person in a chat.

Telegram updates and terminal lines are translated into these; the core answers each with a
Reply (or, for an inline query, an InlineAnswer) and knows nothing of where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.reply.messages import language


@dataclass(frozen=True)
class Person:
    """Who sent an event, as any adapter knows them."""

    id: int
    first_name: str
    username: str | None = None
    language_code: str | None = None

    @property
    def lang(self) -> str:
        """Their interface language: English for an English client, else Dutch."""
        return language(self.language_code)


@dataclass(frozen=True)
class Chat:
    id: int
    private: bool = True


@dataclass(frozen=True)
class Text:
    """A typed message: a question, a follow-up, a number, small talk."""

    person: Person
    text: str
    chat: Chat | None = None


@dataclass(frozen=True)
class Command:
    """'/name args': name without the slash (and without '@bot'), args as typed."""

    person: Person
    name: str
    args: str = ""
    chat: Chat | None = None


@dataclass(frozen=True)
class Button:
    """A pressed button; data is untrusted (bot.reply.callbacks.parse checks it)."""

    person: Person
    data: str | None
    chat: Chat | None = None


@dataclass(frozen=True)
class InlineQuery:
    """'@bot wp 3.5' typed in any chat."""

    person: Person
    query: str


Event = Text | Command | Button | InlineQuery
