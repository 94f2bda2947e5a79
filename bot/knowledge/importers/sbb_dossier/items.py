"""Blocks as YAML items, the check that none is missing, and the source's title."""

from __future__ import annotations

import re
from typing import Any

from bot.knowledge.importers.item_data import item, non_empty
from bot.knowledge.importers.sbb_dossier.body import Block
from bot.knowledge.importers.sbb_dossier.codes import parent_of
from bot.knowledge.importers.sbb_dossier.fields import convert
from bot.knowledge.importers.sbb_dossier.overview import Entry
from bot.knowledge.importers.sbb_dossier.source import OVERVIEW_TITLE, Line

_DOCUMENT_TITLE = re.compile(r"^Kwalificatiedossier\s+(\S.*)$")


def block_item(block: Block, source_id: str) -> dict[str, Any]:
    """The YAML item of a block, its fields converted to their shapes."""
    fields = {name: convert(name, lines) for name, lines in block.raw_fields.items()}
    parent = parent_of(block.code) if block.kind != "fact" else None
    return item(
        source_id,
        block.kind,
        block.code,
        block.title,
        block.line,
        parent=parent,
        fields=non_empty(fields),
    )


def check_complete(order: list[Entry], blocks: list[Block]) -> None:
    """Every code of the overview must have become an item (else a heading went unnoticed)."""
    found = {block.code for block in blocks}
    missing = [entry.code for entry in order if entry.code not in found]
    if missing:
        raise ValueError(f"codes of the overview without a block in the text: {missing}")


def source_title(lines: list[Line], source_id: str) -> str:
    """The dossier's title line when the text starts with one, else one made from the id."""
    for line in lines:
        if _DOCUMENT_TITLE.match(line.text):
            return line.text
        if line.text == OVERVIEW_TITLE:
            break
    # The SBB text starts at the Leeswijzer: the dossier's name is only on the cover page.
    return f"Kwalificatiedossier {source_id.replace('-', ' ').capitalize()}"
