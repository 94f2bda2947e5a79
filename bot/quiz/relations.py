"""The relations questions are made from: (stem, answer) pairs read from one item."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from bot.knowledge.model import Competency, CompetencyRow, Dossier, Group, Item
from bot.knowledge.texts import sentences
from bot.quiz.text import content_words, gap

Pair = tuple[str, str]  # (stem, answer)
Pairs = Callable[[Dossier, Item], Iterator[Pair]]
KT, WP = "kerntaak", "werkproces"


def _parts(item: Item, name: str) -> tuple[object, ...]:
    """The parts of a list-like field (empty when the item lacks it or it is text)."""
    value = item.get(name)
    return value if isinstance(value, tuple) else ()


def code_title(d: Dossier, item: Item) -> Iterator[Pair]:
    yield item.code, item.title


def title_code(d: Dossier, item: Item) -> Iterator[Pair]:
    yield item.title, item.code


def title_parent(d: Dossier, item: Item) -> Iterator[Pair]:
    parent = d.parent_of(item)
    if parent is not None and parent.type == KT:
        yield item.title, parent.title


def title_children(d: Dossier, item: Item) -> Iterator[Pair]:
    for kid in d.kids(item.id):
        if kid.type == WP:
            yield item.title, kid.title


def _competencies(item: Item) -> Iterator[Competency]:
    for name in ("competenties", "competentierijen"):
        for part in _parts(item, name):
            if isinstance(part, Competency):
                yield part
            elif isinstance(part, CompetencyRow):
                yield part.competency


def _rows(item: Item) -> Iterator[CompetencyRow]:
    yield from (row for row in _parts(item, "competentierijen") if isinstance(row, CompetencyRow))


def title_competency(d: Dossier, item: Item) -> Iterator[Pair]:
    for competency in _competencies(item):
        yield item.title, competency.name


def indicator_competency(d: Dossier, item: Item) -> Iterator[Pair]:
    for row in _rows(item):
        yield row.indicator, row.competency.name


def component_competency(d: Dossier, item: Item) -> Iterator[Pair]:
    for row in _rows(item):
        for component in row.components:
            yield component, row.competency.name


def field_sentences(name: str) -> Pairs:
    def pairs(d: Dossier, item: Item) -> Iterator[Pair]:
        value = item.get(name)
        for sentence in sentences(value) if isinstance(value, str) else ():
            yield sentence, item.title

    return pairs


def gedrag_title(d: Dossier, item: Item) -> Iterator[Pair]:
    for line in _parts(item, "gedrag"):
        if isinstance(line, str):
            yield line, item.title


def vakkennis_group(d: Dossier, item: Item) -> Iterator[Pair]:
    for group in _parts(item, "vakkennis"):
        if isinstance(group, Group) and group.title:
            for bullet in group.items:
                yield bullet, group.title


def gaps(d: Dossier, item: Item) -> Iterator[Pair]:
    """Every gedrag line with each of its content words left out (what a gap could hide)."""
    for line, _ in gedrag_title(d, item):
        for word in content_words(line):
            yield gap(line, word), word.group()


def one_gap(d: Dossier, item: Item) -> Iterator[Pair]:
    """Each gedrag line with its longest content word left out."""
    for line, _ in gedrag_title(d, item):
        found = content_words(line, min_length=6)
        if found:
            word = max(found, key=lambda m: len(m.group()))
            yield gap(line, word), word.group()
