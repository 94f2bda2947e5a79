"""Replies to everyday chat: short, friendly, in the student's language, never a dossier item.

Each reply says what Dossierbot can do next and offers a way on (examples from the
student's own dossier, the menu buttons).
"""

from __future__ import annotations

from bot.core.commands import menu
from bot.core.examples import examples_html
from bot.core.smalltalk import Talk
from bot.knowledge.model import Dossier
from bot.reply.callbacks import COMMAND, ITEM
from bot.reply.html import bold, esc
from bot.reply.messages import t
from bot.reply.replies import Choice, Reply
from bot.search.scope import Scope

# Small talk answered by one catalogue text with the examples filled in.
_SIMPLE: dict[Talk, str] = {
    "greeting": "chat_greeting",
    "how_are_you": "chat_how_are_you",
    "thanks": "chat_thanks",
    "ok": "chat_ok",
    "yes": "chat_yes",
    "no": "chat_no",
    "not_meant": "chat_not_meant",
    "who": "chat_who",
    "bye": "chat_bye",
    "laugh": "chat_laugh",
    "back": "chat_back_nothing",
}


class ChatReplies:
    def __init__(self, dossier: Dossier, surface: str) -> None:
        self.dossier = dossier
        self.surface = surface  # "telegram" or "terminal": what the student can press or type

    def talk(self, talk: Talk, lang: str, choice: str | None, name: str = "") -> Reply:
        """The reply to a whole message of small talk."""
        if talk in ("help", "what_can"):
            return self.help(lang, choice)
        if talk == "menu":
            return self.menu(lang, choice)
        key = _SIMPLE.get(talk, "chat_ok")
        examples = examples_html(self.dossier, Scope.parse(choice, self.dossier), lang)
        greeting = f" {esc(name)}" if name and talk == "greeting" else ""
        text = t(key, lang, examples=examples, name=greeting)
        choices = self._menu_buttons(lang, choice) if talk in ("greeting", "back") else ()
        return Reply(text, choices, "chat")

    def help(self, lang: str, choice: str | None) -> Reply:
        """How Dossierbot works, with the commands of the one command table."""
        examples = examples_html(self.dossier, Scope.parse(choice, self.dossier), lang)
        lines = [t(f"help_{self.surface}", lang, examples=examples), ""]
        lines += [f"/{spec.name} {esc(t(spec.menu, lang))}" for spec in menu()]
        if self.surface == "terminal":
            lines.append(esc(t("help_terminal_stop", lang)))
        else:
            lines += ["", esc(t("help_groups", lang))]
        return Reply("\n".join(lines), self._menu_buttons(lang, choice), "chat")

    def menu(self, lang: str, choice: str | None) -> Reply:
        return Reply(esc(t("chat_menu", lang)), self._menu_buttons(lang, choice), "chat")

    def _menu_buttons(self, lang: str, choice: str | None) -> tuple[Choice, ...]:
        buttons = [Choice(t("menu_dossier", lang), COMMAND.data("dossier"))]
        if choice and choice in self.dossier.items:
            buttons.insert(0, Choice(t("menu_profile", lang), ITEM.data(choice)))
        buttons.append(Choice(t("menu_help", lang), COMMAND.data("help")))
        return tuple(buttons)

    def number(self, number: str, lang: str) -> Reply:
        return Reply(esc(t("chat_number", lang, number=number[:12])), kind="chat")

    def unknown_command(self, name: str, lang: str) -> Reply:
        return Reply(esc(t("chat_unknown_command", lang, command=f"/{name[:32]}")), kind="chat")

    def declined(self, lang: str) -> Reply:
        return Reply(esc(t("chat_offer_declined", lang)), kind="chat")

    def others(self, item_ids: tuple[str, ...], lang: str) -> Reply:
        """'nee, dat bedoel ik niet': the other candidates of the last question."""
        items = [self.dossier.items[i] for i in item_ids if i in self.dossier.items]
        lines = [esc(t("chat_not_meant_others", lang)), ""]
        for item in items:
            code = item.code if any(ch.isdigit() for ch in item.code) else ""
            source = self.dossier.source_of(item).label
            lines.append(f"• {bold(f'{code} {item.title}'.strip())} — <i>{esc(source)}</i>")
        choices = tuple(
            Choice((i.code if any(c.isdigit() for c in i.code) else i.title)[:30], ITEM.data(i.id))
            for i in items
        )
        return Reply("\n".join(lines), choices, "chat")

    def which_item(self, lang: str) -> Reply:
        """A follow-up ("w2", "en het gedrag?") when no item is on screen to follow up on."""
        return Reply(esc(t("chat_which_item", lang)), kind="chat")

    def nothing_there(self, lang: str) -> Reply:
        return Reply(esc(t("nav_none", lang)), kind="chat")
