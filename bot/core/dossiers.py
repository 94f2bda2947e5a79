"""The dossier choice: the profiles of the current dossier, and older dossiers behind a button.

Roles come from the source catalogue (knowledge/curated/sources.yaml): a current source offers
each of its profiles, an older one is offered whole; research reports are knowledge, not a
dossier to follow.
"""

from __future__ import annotations

import re

from bot.core.deeplinks import DeepLink
from bot.knowledge.model import Dossier
from bot.reply.callbacks import DOSSIER
from bot.reply.html import bold, esc, italic
from bot.reply.messages import t
from bot.reply.replies import Choice, Reply

OLDER = "older"


class DossierMenu:
    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self.profiles: list[tuple[str, str]] = [  # (choice, label)
            (item.id, f"{item.code} {item.title}")
            for source in dossier.with_role("current")
            for item in source.items
            if item.type == "profiel"
        ]
        self.older_sources = [(s.id, s.label) for s in dossier.with_role("older")]
        self.choices = {choice for choice, _ in self.profiles + self.older_sources}

    def _buttons(self, options: list[tuple[str, str]], current: str | None) -> list[Choice]:
        return [
            Choice(("✓ " if key == current else "") + label, DOSSIER.data(key))
            for key, label in options
        ]

    def main(self, intro: str, lang: str, current: str | None) -> Reply:
        """Intro text with the profiles of the current dossier and 'oudere dossiers'."""
        buttons = self._buttons(self.profiles, current)
        if self.older_sources:
            buttons.append(Choice(t("older_dossiers", lang), DOSSIER.data(OLDER)))
        return Reply(intro, tuple(buttons))

    def older(self, lang: str, current: str | None) -> Reply:
        """The older dossiers to choose from."""
        return Reply(
            esc(t("older_intro", lang)), tuple(self._buttons(self.older_sources, current))
        )

    def parse(self, parts: tuple[str, ...]) -> str | None:
        """The choice in button data ('commercie:P4'), OLDER, or None when unknown."""
        key = parts[0] if len(parts) == 1 else ""
        return key if key == OLDER or key in self.choices else None

    def from_deep_link(self, link: DeepLink | None) -> str | None:
        """'dossier_P4' -> the current dossier's P4, 'dossier_bcp-2010' -> 'bcp-2010'."""
        if link is None or link.kind != "dossier":
            return None
        head, profile = link.parts[0] or "", link.parts[1]
        if profile is None and re.fullmatch(r"[Pp]\d{1,2}", head):
            head, profile = "", head
        if profile:
            wanted = [
                c
                for c, _ in self.profiles
                if c.endswith(f":{profile.upper()}") and (not head or c.startswith(f"{head}:"))
            ]
            return wanted[0] if wanted else None
        return head if head in self.choices else None

    def label(self, choice: str | None) -> str | None:
        return dict(self.profiles + self.older_sources).get(choice or "")

    def chosen_text(self, choice: str | None, lang: str) -> str:
        """'Je dossier: P4 Junior accountmanager (kwalificatiedossier Commercie)'."""
        label = self.label(choice)
        if label is None:
            return esc(t("no_dossier", lang))
        head = f"{esc(t('your_dossier', lang))} {bold(label)}"
        if ":" not in (choice or ""):
            return head  # an older dossier's label is its name already
        source = self.dossier.sources[(choice or "").split(":")[0]].label
        return f"{head} ({italic(source)})"
