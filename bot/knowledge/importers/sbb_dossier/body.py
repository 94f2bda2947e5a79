"""The chapters after the overview (and the Leeswijzer before it), read into blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.knowledge.importers.sbb_dossier.codes import CODE, kind_of
from bot.knowledge.importers.sbb_dossier.overview import Entry
from bot.knowledge.importers.sbb_dossier.source import BASISDEEL, PROFIELDEEL, Line, clean, label

# Body headings: the code is followed by a colon (basisdeel) or a NBSP (profielen).
_BODY_HEADING = re.compile(rf"^({CODE})(?::\s*|\u00a0\s*)(\S.*)$")
_PLAIN_HEADING = re.compile(rf"^({CODE})\s+(\S.*)$")
_PAGE_NUMBER = re.compile(r"^\d+ van \d+$")
_COMPETENCIES = re.compile(r"^De onderliggende competenties zijn:\s*(.*)$")

# Chapters that become a fact of their own (label without its numbering -> fact code).
_FACTS = {"Leeswijzer": "leeswijzer", "Generieke onderdelen": "generiek"}
# Headings that only group other blocks and carry no text of their own.
_STRUCTURAL = frozenset(
    {"Beroepsspecifieke onderdelen", "Typering van de beroepengroep", PROFIELDEEL}
)
# Field labels: label -> (item type the field belongs to, field name).
_FIELD_LABELS = {
    "Context": ("basisdeel", "context"),
    "Typerende beroepshouding": ("basisdeel", "beroepshouding"),
    "Resultaat van de beroepengroep": ("basisdeel", "resultaat"),
    "Mbo-niveau": ("profiel", "niveau"),
    "Typering van het beroep": ("profiel", "typering"),
    "Beroepsvereisten": ("profiel", "beroepsvereisten"),
    "Complexiteit": ("kerntaak", "complexiteit"),
    "Verantwoordelijkheid en zelfstandigheid": ("kerntaak", "verantwoordelijkheid"),
    "Vakkennis en vaardigheden": ("kerntaak", "vakkennis"),
    "Omschrijving": ("werkproces", "omschrijving"),
    "Resultaat": ("werkproces", "resultaat"),
    "Gedrag": ("werkproces", "gedrag"),
}
_COMPETENCY_FIELD = ("werkproces", "competenties")
_FACT_FIELD = "tekst"


@dataclass
class Block:
    """An item being built: its heading and the raw lines of each field."""

    kind: str
    code: str
    title: str
    line: int
    raw_fields: dict[str, list[Line]] = field(default_factory=dict)


@dataclass
class BodyParser:
    """Reads the chapters line by line into blocks, guided by the overview's order."""

    order: list[Entry]
    blocks: list[Block] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    current: Block | None = None
    field_name: str | None = None
    index: dict[str, int] = field(init=False)
    titles: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.index = {entry.code: i for i, entry in enumerate(self.order)}

    def feed(self, lines: list[Line]) -> None:
        """Read a run of lines."""
        for line in lines:
            self._line(line)

    def _line(self, line: Line) -> None:
        """Dispatch one line: page furniture, a chapter, a label, a heading or field text."""
        text = line.text
        if _PAGE_NUMBER.match(text):
            return
        competencies = _COMPETENCIES.match(text)
        if competencies:
            self._competencies(competencies.group(1), line)
            return
        name = label(text)
        if name in _FACTS:
            self._chapter(_FACTS[name], "fact", name, line)
        elif text == BASISDEEL:
            self._chapter(self._basisdeel_code(line), "basisdeel", text, line)
        elif name in _STRUCTURAL:
            self._structural(name)
        elif name in _FIELD_LABELS:
            self._field(_FIELD_LABELS[name], line)
        elif not self._heading(line):
            self._append(line)

    def _competencies(self, rest: str, line: Line) -> None:
        """The competencies label: its names start on the label's own line."""
        self._field(_COMPETENCY_FIELD, line)
        self._append(Line(line.no, rest, rest))

    def _structural(self, name: str) -> None:
        """A grouping heading ends the open field; seen before, it is a running header."""
        if name not in self.seen:
            self.seen.add(name)
            self.field_name = None

    def _append(self, line: Line) -> None:
        """Add a line to the open field; text outside any field is an error."""
        if self.current is None or self.field_name is None:
            if line.text:
                raise ValueError(f"line {line.no}: text outside any known section: {line.text!r}")
            return
        self.current.raw_fields[self.field_name].append(line)

    def _chapter(self, code: str, kind: str, title: str, line: Line) -> None:
        """A chapter heading that is an item of its own (a fact, the basisdeel)."""
        if code in self.seen:  # a running header
            return
        block = Block(kind, code, title, line.no)
        self._open(block)
        self.field_name = None
        if kind == "fact":  # a fact's text needs no label
            block.raw_fields[_FACT_FIELD] = []
            self.field_name = _FACT_FIELD

    def _basisdeel_code(self, line: Line) -> str:
        """The basisdeel's code, which only the overview knows (the prefix of B1-K1)."""
        for entry in self.order:
            if kind_of(entry.code) == "basisdeel":
                return entry.code
        raise ValueError(f"line {line.no}: the overview lists no basisdeel kerntaken")

    def _heading(self, line: Line) -> bool:
        """Open the block of a code heading; True when the line was a heading."""
        match = _BODY_HEADING.match(line.raw.strip(" "))
        if not match:
            plain = _PLAIN_HEADING.match(line.text)
            if not plain or plain.group(1) not in self.index:
                return False
            match = plain
        code, title = match.group(1), clean(match.group(2))
        if code not in self.seen:
            self._open(Block(kind_of(code), code, title, line.no))
            self.field_name = None
            return True
        # A running header repeats a heading; other text that starts with a code is text.
        return title == self.titles[code]

    def _field(self, spec: tuple[str, str], line: Line) -> None:
        """Start a field; a label of another item type means its heading was lost."""
        kind, name = spec
        block = self.current
        if block is None or block.kind != kind or name in block.raw_fields:
            block = self._infer(kind, line)
        block.raw_fields[name] = []
        self.field_name = name

    def _infer(self, kind: str, line: Line) -> Block:
        """The block whose heading was lost at a page break: the overview's next item."""
        position = self.index.get(self.current.code, -1) if self.current else -1
        following = self.order[position + 1] if 0 <= position < len(self.order) - 1 else None
        if following is None or kind_of(following.code) != kind or following.code in self.seen:
            raise ValueError(
                f"line {line.no}: {line.text!r} starts a {kind} without a heading and the "
                "overview has no matching next item"
            )
        block = Block(kind, following.code, following.title, line.no)
        self._open(block)
        return block

    def _open(self, block: Block) -> None:
        """Make a block the current one; its code is seen from now on."""
        self.seen.add(block.code)
        self.titles[block.code] = block.title
        self.blocks.append(block)
        self.current = block
