"""The dossier choice: which dossiers a student can pick, as menus and deep links.

A source with profiles (the current SBB dossier) offers each profile; another source with
werkprocessen (an older dossier) is offered whole, behind 'oudere dossiers'. Sources without
werkprocessen (the research report) are knowledge, not a dossier to follow.
"""

from __future__ import annotations

import re

from bot.answers.html import bold, esc, italic
from bot.core.messages import t
from bot.core.replies import Choice, Reply
from bot.knowledge.model import Dossier

_DEEP_LINK = re.compile(r"^dossier_([A-Za-z0-9-]{1,40}?)(?:_([Pp]\d{1,2}))?$")


class DossierMenu:
    PREFIX = "d|"
    OLDER = "older"

    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self.profiles: list[tuple[str, str]] = []  # (choice, label)
        self.older_sources: list[tuple[str, str]] = []
        for source in dossier.sources.values():
            types = {item.type for item in source.items}
            if "profiel" in types:
                self.profiles += [
                    (f"{source.id}:{item.code}", f"{item.code} {item.title}")
                    for item in source.items
                    if item.type == "profiel"
                ]
            elif "werkproces" in types:
                self.older_sources.append((source.id, source.title))
        self.choices = {choice for choice, _ in self.profiles + self.older_sources}

    def _buttons(self, options: list[tuple[str, str]], current: str | None) -> list[Choice]:
        return [
            Choice(("✓ " if key == current else "") + label, f"{self.PREFIX}{key}")
            for key, label in options
        ]

    def main(self, intro: str, lang: str, current: str | None) -> Reply:
        """Intro text with the profiles of the current dossier and 'oudere dossiers'."""
        buttons = self._buttons(self.profiles, current)
        if self.older_sources:
            buttons.append(Choice(t("older_dossiers", lang), f"{self.PREFIX}{self.OLDER}"))
        return Reply(intro, tuple(buttons))

    def older(self, lang: str, current: str | None) -> Reply:
        """The older dossiers to choose from."""
        return Reply(
            esc(t("older_intro", lang)), tuple(self._buttons(self.older_sources, current))
        )

    def parse(self, data: str) -> str | None:
        """The choice in callback data ('d|commercie:P4'), OLDER, or None when unknown."""
        key = data.removeprefix(self.PREFIX)
        if key == self.OLDER or key in self.choices:
            return key
        return None

    def from_deep_link(self, payload: str | None) -> str | None:
        """'dossier_P4' -> 'commercie:P4' (the first source with that profile),
        'dossier_bcp-2010' -> 'bcp-2010'; None for anything else."""
        match = _DEEP_LINK.match(payload or "")
        if match is None:
            return None
        head, profile = match[1], match[2]
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
        """'Je dossier: P4 Junior accountmanager (Kwalificatiedossier Commercie)'."""
        label = self.label(choice)
        if label is None:
            return esc(t("no_dossier", lang))
        head = f"{esc(t('your_dossier', lang))} {bold(label)}"
        if ":" not in (choice or ""):
            return head  # an older dossier's label is its title already
        source = self.dossier.sources[(choice or "").split(":")[0]].title
        return f"{head} ({italic(source)})"
