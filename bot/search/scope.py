"""The student's chosen dossier: a profile of the current dossier, or a whole older source."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.model import Dossier, Item


@dataclass(frozen=True)
class Scope:
    source: str  # "commercie", "bcp-2010", ...
    profile: str | None = None  # "P4" within a source that has profiles

    @classmethod
    def parse(cls, value: str | None, dossier: Dossier) -> Scope | None:
        """'commercie:P4' or 'bcp-2010' -> Scope; None for no choice or an unknown value."""
        if not value:
            return None
        source, _, profile = value.strip().partition(":")
        if source not in dossier.sources:
            return None
        if profile and f"{source}:{profile.upper()}" not in dossier.items:
            return None
        return cls(source, profile.upper() or None)

    @property
    def key(self) -> str:
        return f"{self.source}:{self.profile}" if self.profile else self.source

    def contains(self, item: Item, dossier: Dossier) -> bool:
        """True for items of the chosen source that apply to the chosen profile."""
        if item.source != self.source:
            return False
        if self.profile is None:
            return True
        root = dossier.top_ancestor(item)
        return root.type != "profiel" or root.code == self.profile
