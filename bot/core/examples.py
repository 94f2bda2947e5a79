"""Example questions the bot suggests, made from the student's own dossier.

A suggested example must be answered at once, never with "which one do you mean?": for a P4
student "K1-W2" is both B1-K1-W2 and P4-K1-W2, so examples use full codes of their profile.
"""

from __future__ import annotations

from bot.knowledge.model import Dossier, Item
from bot.reply.html import esc
from bot.reply.messages import t
from bot.search.scope import Scope

# Parts an example asks for, the first the werkproces has (older dossiers lack gedrag).
EXAMPLE_FIELDS = ("gedrag", "competenties", "resultaat")


def _werkprocessen(dossier: Dossier, scope: Scope | None) -> list[Item]:
    """The werkprocessen of the student's dossier (their profile's first), or of the current."""
    current = [s.id for s in dossier.with_role("current")]
    items = [i for i in dossier if i.type == "werkproces" and not i.not_applicable]
    if scope is not None:
        mine = [i for i in items if scope.contains(i, dossier)]
        profile = [i for i in mine if dossier.top_ancestor(i).type == "profiel"]
        return profile or mine
    return [i for i in items if i.source in current] or items


def examples(dossier: Dossier, scope: Scope | None, lang: str) -> tuple[str, str]:
    """Two example questions: a code, and a part of another werkproces."""
    found = _werkprocessen(dossier, scope)
    if not found:
        return ("", "")
    first = found[min(1, len(found) - 1)]
    second = found[min(2, len(found) - 1)]
    field = next((f for f in EXAMPLE_FIELDS if second.get(f) is not None), "item")
    return first.code, t(f"example_{field}", lang, code=second.code)


def examples_html(dossier: Dossier, scope: Scope | None, lang: str) -> str:
    """'<i>P4-K1-W2</i> of <i>welk gedrag hoort bij P4-K1-W3</i>', ready for a message."""
    code, field = examples(dossier, scope, lang)
    return t("examples", lang, code=f"<i>{esc(code)}</i>", field=f"<i>{esc(field)}</i>")
