"""A section's fields: tekst, lijst and tabel, after lists have moved to where they belong.

The "Competenties bcp" list of a role often lands elsewhere in the role (after the next
table, or inside it); it is moved back to the role's ``Competenties …`` subsection.
"""

from __future__ import annotations

from typing import Any

from bot.knowledge.importers.beroepenonderzoek.blocks import Block, ListBlock, TableBlock
from bot.knowledge.importers.beroepenonderzoek.sections import Section
from bot.knowledge.importers.common import table
from bot.knowledge.importers.item_data import join_paragraphs


def _first_word(text: str) -> str:
    return text.split()[0].casefold()


def _sibling(sections: list[Section], section: Section, word: str) -> Section | None:
    """Another section under the same parent whose title starts with ``word``."""
    return next(
        (
            s
            for s in sections
            if s.parent == section.parent
            and s is not section
            and s.parent is not None
            and _first_word(s.title) == word
        ),
        None,
    )


def relocate_lists(sections: list[Section]) -> None:
    """Move a headed list to the sibling section its header names ('Competenties bcp')."""
    for section in sections:
        for block in list(section.blocks):
            if not isinstance(block, ListBlock) or block.header is None:
                continue
            word = _first_word(block.header)
            if _first_word(section.title) == word:
                continue
            target = _sibling(sections, section, word)
            if target is not None:
                section.blocks.remove(block)
                target.moved_in.append(block)


def _field_name(block: Block, inline: bool) -> str:
    """The field a block fills; with several lists under sub-headings (ch. 6) they stay text."""
    if isinstance(block, TableBlock):
        return "tabel"
    if isinstance(block, ListBlock) and not inline:
        return "lijst"
    return "tekst"


def section_fields(section: Section) -> dict[str, Any]:
    """tekst, lijst and tabel of a section, in the order they first appear."""
    blocks: list[Block] = [*section.blocks, *section.moved_in]
    inline = sum(isinstance(b, ListBlock) for b in blocks) > 1
    order: list[str] = []
    texts: dict[str, list[str]] = {"tekst": [], "lijst": []}
    last_table: TableBlock | None = None
    for block in blocks:
        name = _field_name(block, inline)
        if isinstance(block, TableBlock):
            last_table = block
        else:
            texts[name].extend(block.texts())
        if name not in order:
            order.append(name)
    texts["tekst"].extend(section.footnotes)
    if section.footnotes and "tekst" not in order:
        order.insert(0, "tekst")
    values: dict[str, Any] = {
        "tekst": join_paragraphs(texts["tekst"]),
        "lijst": texts["lijst"],
        "tabel": table(last_table.columns, last_table.rows) if last_table else None,
    }
    return {name: values[name] for name in order if values[name]}
