"""Blocks assigned to kerntaken, werkprocessen and facts, in document order."""

from __future__ import annotations

import re
from typing import Any

from bot.knowledge.importers.europass.facts import Fact
from bot.knowledge.importers.europass.headings import Heading, fact_key, without_language
from bot.knowledge.importers.europass.tokens import Block
from bot.knowledge.importers.item_data import item

_KERNTAAK = re.compile(r"^Kerntaak\s+(\d+)\s*[:.]\s*(.+)$")
_WERKPROCES = re.compile(r"^(\d+)\.(\d+)\s+(.+)$")


def is_lead_in(events: list[Heading | Block], i: int) -> bool:
    """A paragraph ending in ':' right before the kerntaak list ("De … taken … zijn:")."""
    block = events[i]
    following = events[i + 1] if i + 1 < len(events) else None
    return (
        isinstance(block, Block)
        and block.text.endswith(":")
        and isinstance(following, Block)
        and following.kind == "para"
        and _KERNTAAK.match(following.text) is not None
    )


class Builder:
    """Assign blocks to kerntaken, werkprocessen and facts, in document order."""

    def __init__(self, source_id: str) -> None:
        self.source_id = source_id
        self.entries: list[dict[str, Any] | Fact] = []
        self.facts: dict[str, Fact] = {}
        self.heading: Heading | None = None  # heading whose content is not placed yet
        self.fact: Fact | None = None
        self.kerntaak: tuple[str, str] | None = None  # (number, code)

    def start_heading(self, heading: Heading) -> None:
        """A new heading: the content after it belongs to no item yet."""
        self.heading, self.fact, self.kerntaak = heading, None, None

    def target(self) -> Fact:
        """The fact that receives content: created (or merged into) at its first content."""
        if self.fact is not None:
            return self.fact
        heading = self.heading
        if heading is None:
            raise ValueError("content before the first heading")
        key = fact_key(heading.text)
        fact = self.facts.get(key)
        if fact is None:
            title = without_language(heading.text)  # the fact holds every language version
            fact = Fact(key, title, heading.text, heading.line)
            self.facts[key] = fact
            self.entries.append(fact)
        else:  # a second heading with the same key: keep its heading inside the text
            fact.add_paragraph(heading.text)
        self.fact = fact
        return fact

    def block(self, block: Block) -> None:
        """Place a block: a kerntaak, a werkproces of it, or content of the current fact."""
        if block.kind == "para" and self.task(block):
            return
        if block.kind == "bullet" and self.werkproces(block):
            return
        fact = self.target()
        if block.kind == "row":
            fact.add_row(block.cells)
        elif block.kind == "bullet":
            fact.add_bullet(block.text)
        else:
            fact.add_paragraph(block.text)

    def task(self, block: Block) -> bool:
        """A 'Kerntaak N: title' paragraph as a kerntaak; True when it was one."""
        match = _KERNTAAK.match(block.text)
        if not match:
            return False
        number, title = match.groups()
        code = f"K{number}"
        self.kerntaak = (number, code)
        self.entries.append(item(self.source_id, "kerntaak", code, title, block.line))
        return True

    def werkproces(self, block: Block) -> bool:
        """A '- N.M title' bullet under kerntaak N as a werkproces; True when it was one."""
        match = _WERKPROCES.match(block.text)
        if not match or self.kerntaak is None or match.group(1) != self.kerntaak[0]:
            return False
        code = f"{match.group(1)}.{match.group(2)}"
        self.entries.append(
            item(
                self.source_id,
                "werkproces",
                code,
                match.group(3),
                block.line,
                parent=self.kerntaak[1],
            )
        )
        return True
