"""The one command table: every adapter reads it (Telegram's handlers and command menu, the
terminal's /help and parser), so a command is added in one place.

A handler is the Assistant method ``command_<name>``; a test checks each one exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Audience = Literal["everyone", "teacher"]


@dataclass(frozen=True)
class CommandSpec:
    name: str  # without the slash; Telegram allows a-z, 0-9 and _ (1-32 characters)
    menu: str  # message key of the command menu's description
    aliases: tuple[str, ...] = ()  # other names that run it ("/hulp"), not in the menu
    audience: Audience = "everyone"
    private_only: bool = False  # changes the sender's own data: not from a group


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("start", "command_start"),
    CommandSpec("help", "command_help", aliases=("hulp", "menu")),
    CommandSpec("dossier", "command_dossier", aliases=("profiel", "profile")),
    CommandSpec("privacy", "command_privacy"),
    CommandSpec("vergeet", "command_vergeet", aliases=("forget",)),
)
_BY_NAME = {name: spec for spec in COMMANDS for name in (spec.name, *spec.aliases)}


def command(name: str) -> CommandSpec | None:
    """The command a name (or alias) runs, or None; case and a '@bot' suffix are ignored."""
    return _BY_NAME.get(name.lower().split("@", 1)[0].lstrip("/"))


def menu(audience: Audience = "everyone") -> tuple[CommandSpec, ...]:
    """The commands shown in the menu of this audience, in order."""
    return tuple(spec for spec in COMMANDS if spec.audience == audience)
