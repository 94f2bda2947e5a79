"""Every plain text inside the knowledge base: for the search index and for checks."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from bot.knowledge.model import (
    Competency,
    CompetencyRow,
    FieldValue,
    Group,
    Source,
    Table,
)


def field_texts(value: FieldValue) -> Iterator[str]:
    """The plain texts inside a field value of any shape."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Table):
        yield " ".join(value.columns)
        for row in value.rows:
            yield " ".join(cell for cell in row if cell)
    else:
        for part in value:
            if isinstance(part, str):
                yield part
            elif isinstance(part, Group):
                if part.title:
                    yield part.title
                yield from part.items
            elif isinstance(part, Competency):
                yield part.name
            elif isinstance(part, CompetencyRow):
                yield part.competency.name
                yield from part.components
                yield part.indicator


# A sentence ends at . ? or ! followed by a space and a capital, digit or opening mark:
# "bijv. een" and "o.a. de" stay inside their sentence.
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9(‘'\"“À-Ý])")


def sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph, as the dossier wrote them."""
    return [part for part in _SENTENCE_END.split(paragraph.strip()) if part]


def passages(value: FieldValue) -> Iterator[str]:
    """The sentences and lines of a field value: the smallest units that say one thing."""
    for text in field_texts(value):
        for paragraph in text.split("\n\n"):
            yield from sentences(paragraph)


def all_texts(sources: Iterable[Source]) -> Iterator[str]:
    """Every title and field text of every item of the sources."""
    for source in sources:
        for item in source.items:
            yield item.title
            for _, value in item.fields:
                yield from field_texts(value)
