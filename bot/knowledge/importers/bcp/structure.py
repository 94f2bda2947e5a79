"""The document's outline: front-matter pages, numbered chapters and their sections."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge.importers.bcp.lines import Line
from bot.knowledge.importers.hyphens import join_broken_line

# Front headings are whole lines of a fixed vocabulary.
_FRONT_HEADING = re.compile(r"^(?:Inleiding|Colofon|Brondocumenten|Sectorraad \S+)$")
_CHAPTER = re.compile(r"^(\d+)\s+([A-Z].*)$")


@dataclass
class Block:
    """A heading with the lines below it."""

    title: str
    line: int
    lines: list[Line]
    number: str = ""


def _chapter(match: re.Match[str], lines: list[Line], i: int) -> tuple[Block, bool]:
    """A chapter heading, and whether its title wrapped onto the next line (630–631)."""
    title, line = match[2], lines[i]
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    if nxt is not None and nxt.text[:1].islower():
        return Block(join_broken_line(title, nxt.text), line.no, [], match[1]), True
    return Block(title, line.no, [], match[1]), False


def split_document(lines: list[Line]) -> tuple[list[Block], list[Block]]:
    """Front-matter blocks (before chapter 1) and numbered chapters, each with its lines."""
    front: list[Block] = []
    chapters: list[Block] = []
    current: Block | None = None
    skip = -1
    for i, line in enumerate(lines):
        if i == skip:
            continue
        match = _CHAPTER.match(line.text)
        if match and int(match[1]) == len(chapters) + 1:
            current, wrapped = _chapter(match, lines, i)
            skip = i + 1 if wrapped else skip
            chapters.append(current)
        elif not chapters and _FRONT_HEADING.match(line.text):
            current = Block(line.text, line.no, [])
            front.append(current)
        elif current is not None:
            current.lines.append(line)
        # Lines before the first heading (the preface on 'hij/zij') belong to no item.
    return front, chapters


def split_numbered(block: Block, pattern: str) -> tuple[list[Line], list[Block]]:
    """Lines before the first numbered section, and the sections N.1, N.2, … in order."""
    intro: list[Line] = []
    sections: list[Block] = []
    for line in block.lines:
        expected = f"{block.number}.{len(sections) + 1}"
        match = re.match(pattern, line.text)
        if match and f"{match[1]}.{match[2]}" == expected:
            sections.append(Block(match[3], line.no, [], expected))
        elif sections:
            sections[-1].lines.append(line)
        else:
            intro.append(line)
    return intro, sections


def chapter_kind(chapter: Block) -> str:
    """'kerntaken' (3.1 Kerntaak 1 …), 'overview' (the table of chapter 2) or 'general'."""
    pattern = re.compile(rf"^{chapter.number}\.\d+\s+Kerntaak\s+\d+")
    if any(pattern.match(line.text) for line in chapter.lines):
        return "kerntaken"
    if any(re.fullmatch(r"Kerntaak \d+", line.text) for line in chapter.lines):
        return "overview"
    return "general"
