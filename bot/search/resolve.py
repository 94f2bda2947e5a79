"""Map the codes a student wrote onto items, narrowed by what the question and dossier say."""

from __future__ import annotations

import re
from collections import defaultdict

from bot.knowledge.model import Dossier, Item
from bot.search.codes import LAST, CodeRef
from bot.search.intent import Intent
from bot.search.scope import Scope

_PROFILE_CODE = re.compile(r"^([BP]\d+)-K(\d+)(?:-W(\d+))?$")


class CodeIndex:
    """Items by code, and current-dossier items by (kerntaak, werkproces) number."""

    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self.by_code: dict[str, list[Item]] = defaultdict(list)
        self.by_numbers: dict[tuple[int, int | None], list[Item]] = defaultdict(list)
        for item in dossier:
            self.by_code[item.code.upper()].append(item)
            match = _PROFILE_CODE.match(item.code.upper())
            if match:
                werkproces = int(match[3]) if match[3] else None
                self.by_numbers[(int(match[2]), werkproces)].append(item)

    def _dotted(self, dotted: str, kind: str | None) -> list[Item]:
        if kind == "hoofdstuk":
            found = self.by_code.get(f"H{dotted}".upper(), []) + self.by_code.get(
                dotted.upper(), []
            )
            return [i for i in found if i.type == "sectie"]
        found = self.by_code.get(dotted.upper(), [])
        if kind == "werkproces":
            return [i for i in found if i.type == "werkproces"]
        return [i for i in found if i.type in ("werkproces", "sectie", "kerntaak")]

    def _last_kerntaken(self, profile: str | None) -> list[Item]:
        """The last kerntaak of each profile and older source (of one profile when given)."""
        last: dict[str, Item] = {}
        for item in self.dossier:
            if item.type == "kerntaak" and (profile is None or item.code.startswith(profile)):
                last[item.parent or item.source] = item
        return list(last.values())

    def _numbered(self, ref: CodeRef, scope: Scope | None) -> list[Item]:
        """K/W numbers without a profile: every profile's, plus older sources' 'K.W' codes."""
        if ref.kerntaak == LAST:
            return self._last_kerntaken(None)
        found = list(self.by_numbers.get((ref.kerntaak or 0, ref.werkproces), []))
        if ref.werkproces is not None:
            found += self._dotted(f"{ref.kerntaak}.{ref.werkproces}", "werkproces")
        else:
            found += [i for i in self.by_code.get(f"K{ref.kerntaak}", []) if i.type == "kerntaak"]
        return found

    def lookup(self, ref: CodeRef, scope: Scope | None) -> list[Item]:
        """Candidate items for one code reference, before narrowing."""
        if ref.dotted:
            found = self._dotted(ref.dotted, ref.kind)
            if ref.kind == "werkproces" and scope and scope.profile:
                kerntaak, _, werkproces = ref.dotted.partition(".")
                if werkproces.isdigit() and "." not in werkproces:
                    found += self.by_numbers.get((int(kerntaak), int(werkproces)), [])
            return found
        if ref.profile and ref.kerntaak == LAST:
            return self._last_kerntaken(ref.profile)
        if ref.profile and ref.kerntaak:
            suffix = f"-W{ref.werkproces}" if ref.werkproces else ""
            return self.by_code.get(f"{ref.profile}-K{ref.kerntaak}{suffix}", [])
        if ref.kerntaak:
            return self._numbered(ref, scope)
        if ref.profile:
            return [
                i for i in self.by_code.get(ref.profile, []) if i.type in ("profiel", "basisdeel")
            ]
        return []


def _narrow(items: list[Item], keep) -> list[Item]:
    """Items that pass keep, or all of them when none does."""
    kept = [item for item in items if keep(item)]
    return kept or items


def narrow(
    items: list[Item],
    intent: Intent,
    scope: Scope | None,
    dossier: Dossier,
    context: str | None = None,
) -> list[Item]:
    """Use the question's named source/profile, the chosen dossier, then the source the
    conversation is about (context: "and 2.1?" after a bcp answer), to cut candidates."""
    unique = list(dict.fromkeys(items))
    if intent.sources:
        unique = _narrow(unique, lambda i: i.source in intent.sources)
    if intent.profile:
        unique = _narrow(unique, lambda i: i.code.startswith(intent.profile))
    if scope is not None:
        unique = _narrow(unique, lambda i: scope.contains(i, dossier))
    if context is not None and len(unique) > 1:
        unique = _narrow(unique, lambda i: i.source == context)
    order = {source: n for n, source in enumerate(dossier.sources)}  # the catalog's order
    return sorted(unique, key=lambda i: order[i.source])


def resolve_codes(
    refs: list[CodeRef],
    intent: Intent,
    scope: Scope | None,
    index: CodeIndex,
    context: str | None = None,
) -> list[Item]:
    """Candidate items for the codes of a question, narrowed; [] when no code matches."""
    for ref in refs:
        if ref.profile is None and ref.kerntaak and intent.profile and not ref.dotted:
            ref = CodeRef(intent.profile, ref.kerntaak, ref.werkproces, kind=ref.kind)
        found = index.lookup(ref, scope)
        if found:
            return narrow(found, intent, scope, index.dossier, context)
    return []
