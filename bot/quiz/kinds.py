"""The kinds of question: each a relation (stem -> answer) read from the dossier's items.

A kind pairs a stem (what the question shows) with answers (what is right) for every item
it applies to. Whether an option is right is decided by that relation over the whole
knowledge base (or the item's source or profile, where codes are asked), never by the one
item a question was made from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from bot.knowledge.model import Dossier, Item
from bot.quiz import relations as r
from bot.quiz.relations import KT, WP, Pair, Pairs
from bot.quiz.text import hide, words

_WORDS = re.compile(r"\w+")


def _as_is(dossier: Dossier, item: Item, stem: str) -> str | None:
    return stem


# Words that point back to an earlier sentence: a sentence with one means little alone.
_BACK = frozenset("deze dit hiervan hierbij hiervoor hierna daarbij daarvan daarna ervan".split())


def _alone(stem: str) -> bool:
    """True when a sentence says something without the sentences before it."""
    return not _BACK & {w.casefold() for w in _WORDS.findall(stem)}


def _sentence(dossier: Dossier, item: Item, stem: str) -> str | None:
    return stem if words(stem) >= 6 and _alone(stem) else None


def _situation(dossier: Dossier, item: Item, stem: str) -> str | None:
    """An omschrijving sentence with the werkproces's own title words hidden."""
    shown, hidden = hide(stem, item.title)
    usable = words(stem) >= 10 and hidden * 3 <= words(stem) and _alone(stem)
    return shown if usable else None


@dataclass(frozen=True)
class Kind:
    name: str
    types: tuple[str, ...]  # the item types a question can be made from
    pairs: Pairs  # every (stem, answer) of an item: the relation checked
    prompt: str  # formatted with stem (as shown), type (of the item) and where
    universe: str = "all"  # where the relation holds: "all", "source" or "branch"
    odd: bool = False  # the one option outside the relation is correct
    typed: bool = False  # typed answers, no options
    show: Callable[[Dossier, Item, str], str | None] = _as_is  # None: stem not usable
    stems: Pairs | None = None  # the pairs to ask about (default: all pairs)
    where: str = "source"  # how {where} names the item: "source" or "branch"
    unlike: bool = False  # a wrong option may share no word root with the shown stem

    def asked(self, dossier: Dossier, item: Item) -> Iterator[Pair]:
        """The pairs of an item that questions are made from."""
        return (self.stems or self.pairs)(dossier, item)


_ASK_WP = "Bij welk werkproces hoort dit {what}: “{stem}”"
KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "code_to_title",
            (KT, WP),
            r.code_title,
            "Welke titel heeft {type} {stem} in {where}?",
            universe="source",
        ),
        Kind(
            "title_to_code",
            (KT, WP),
            r.title_code,
            "Welke code heeft {type} “{stem}” in {where}?",
            universe="source",
            where="branch",
        ),
        Kind(
            "werkproces_to_kerntaak",
            (WP,),
            r.title_parent,
            "Bij welke kerntaak hoort het werkproces “{stem}”?",
        ),
        Kind(
            "werkproces_not_in_kerntaak",
            (KT,),
            r.title_children,
            "Welk werkproces hoort níet bij de kerntaak “{stem}”?",
            odd=True,
        ),
        Kind(
            "competentie_belongs",
            (WP,),
            r.title_competency,
            "Welke competentie hoort bij het werkproces “{stem}”?",
        ),
        Kind(
            "competentie_not",
            (WP,),
            r.title_competency,
            "Welke competentie hoort níet bij het werkproces “{stem}”?",
            odd=True,
        ),
        Kind(
            "resultaat_to_werkproces",
            (WP,),
            r.field_sentences("resultaat"),
            _ASK_WP.replace("{what}", "resultaat") + "?",
            show=_sentence,
            unlike=True,
        ),
        Kind(
            "gedrag_to_werkproces",
            (WP,),
            r.gedrag_title,
            _ASK_WP.replace("{what}", "gedrag") + "?",
            unlike=True,
        ),
        Kind(
            "situation_to_werkproces",
            (WP,),
            r.field_sentences("omschrijving"),
            "Over welk werkproces gaat deze situatie? “{stem}”",
            show=_situation,
            unlike=True,
        ),
        Kind(
            "vakkennis_to_category",
            (KT, WP),
            r.vakkennis_group,
            "In welke categorie vakkennis staat “{stem}”?",
        ),
        Kind(
            "indicator_to_competentie",
            (WP,),
            r.indicator_competency,
            "Bij welke competentie hoort deze prestatie-indicator? “{stem}”",
        ),
        Kind(
            "component_to_competentie",
            (WP,),
            r.component_competency,
            "Bij welke competentie hoort het onderdeel “{stem}”?",
        ),
        Kind(
            "typed_title",
            (KT, WP),
            r.code_title,
            "Typ de titel van {type} {stem} ({where}).",
            universe="source",
            typed=True,
        ),
        Kind(
            "typed_code",
            (KT, WP),
            r.title_code,
            "Typ de code van {type} “{stem}” in {where}.",
            universe="branch",
            typed=True,
            where="branch",
        ),
        Kind(
            "fill_gap",
            (WP,),
            r.gaps,
            "Welk woord ontbreekt in dit gedrag? “{stem}”",
            typed=True,
            stems=r.one_gap,
        ),
    )
}
