"""Importer for the current SBB kwalificatiedossier format (text extracted from the SBB PDF).

Every current MBO dossier has the same layout: a Leeswijzer, an overview (a profile table and
the list of all kerntaken and werkprocessen per part), the Basisdeel (typering of the
beroepengroep, then kerntaken with their werkprocessen), the generieke onderdelen and the
Profieldeel (per profile: niveau, typering, beroepsvereisten, kerntaken, werkprocessen).
Blocks are recognised by their labels (Omschrijving, Resultaat, Gedrag, Complexiteit, ...)
and by code headings (``B1-K1-W1:`` with a colon, ``P1-K1-W1`` without; NBSP after the code).

The PDF text carries page furniture: each page starts with a line with one leading space,
often a running header that repeats the current heading, and some pages end with ``16 van 87``.
A heading whose code was already seen is such a running header and is dropped. Some headings
are lost at page breaks (the block starts with a bare ``Omschrijving`` or ``Complexiteit``); the
code and title then come from the overview: the block is the next item of that type in the
overview's order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.knowledge.competencies import competency_entry

_CODE = r"[BP]\d+(?:-K\d+(?:-W\d+)?)?"
# Body headings: the code is followed by a colon (basisdeel) or a NBSP (profielen).
_BODY_HEADING = re.compile(rf"^({_CODE})(?::\s*|\u00a0\s*)(\S.*)$")
_PLAIN_HEADING = re.compile(rf"^({_CODE})\s+(\S.*)$")
_PART_CODE_LINE = re.compile(r"^([BP]\d+)\s+(\S.*)$")
_INLINE_CODE = re.compile(r"(?:^|(?<=\s))([BP]\d+-K\d+(?:-W\d+)?)\s+")
_PAGE_NUMBER = re.compile(r"^\d+ van \d+$")
_BULLET = re.compile(r"^[-§•]\s+")
_NUMBERING = re.compile(r"^\d+\.\s+")
_COMPETENCIES = re.compile(r"^De onderliggende competenties zijn:\s*(.*)$")
_SENTENCE_END = re.compile(r"[.:;!?][\"'”’)]*$")
_LEADING_PARENTHETICAL = re.compile(r"^\([^)]*\)\s*")
_PROFILE_ROW = re.compile(r"^(P\d+)\s+(.+?)\s+(\d)\s+(Ja|Nee)\s+(.+)$")
_DOCUMENT_TITLE = re.compile(r"^Kwalificatiedossier\s+(\S.*)$")

# A line this long (plus the next word) was wrapped by the PDF layout, not ended on purpose.
_WRAP_WIDTH = 80
# A word split at a hyphen joins without a space ("E-" + "commerce"), unless the hyphen
# stands for a shared word part ("import-" + "en/of exportprocessen").
_CONJUNCTIONS = frozenset({"en", "of", "en/of", "tot", "t/m", "&"})

_OVERVIEW_TITLE = "Overzicht van het kwalificatiedossier"
_BASISDEEL = "Basisdeel"
_PROFIELDEEL = "Profieldeel"
# The columns of the overview's profile table; the PDF header wraps them into one another.
_PROFILE_COLUMNS = [
    "Profiel",
    "Naam profiel",
    "Mbo-niveau",
    "Beroepsvereisten",
    "Typering van de kwalificatie",
]
# Chapters that become a fact of their own (label without its numbering -> fact code).
_FACTS = {"Leeswijzer": "leeswijzer", "Generieke onderdelen": "generiek"}
_OVERVIEW_CODE = "overzicht"
# Headings that only group other blocks and carry no text of their own.
_STRUCTURAL = frozenset(
    {"Beroepsspecifieke onderdelen", "Typering van de beroepengroep", _PROFIELDEEL}
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


@dataclass(frozen=True)
class Line:
    """One source line: its 1-based number, the raw text and the cleaned text."""

    no: int
    raw: str
    text: str


@dataclass(frozen=True)
class Entry:
    """A code with its title, as listed in the overview."""

    code: str
    title: str
    line: int


@dataclass
class Block:
    """An item being built: its heading and the raw lines of each field."""

    kind: str
    code: str
    title: str
    line: int
    raw_fields: dict[str, list[Line]] = field(default_factory=dict)


def _clean(raw: str) -> str:
    """NBSP to space, runs of spaces collapsed, page-start indent removed."""
    return " ".join(raw.replace("\u00a0", " ").split())


def _lines(text: str) -> list[Line]:
    """The source as numbered lines."""
    return [Line(no, raw, _clean(raw)) for no, raw in enumerate(text.split("\n"), start=1)]


def _label(text: str) -> str:
    """A line as a label: without a chapter number ('2. Generieke onderdelen')."""
    return _NUMBERING.sub("", text)


def kind_of(code: str) -> str:
    """The item type a code stands for."""
    if "-W" in code:
        return "werkproces"
    if "-K" in code:
        return "kerntaak"
    return "basisdeel" if code.startswith("B") else "profiel"


def parent_of(code: str) -> str | None:
    """The code of the item a kerntaak or werkproces belongs to."""
    return code.rsplit("-", 1)[0] if "-" in code else None


# --- joining wrapped lines -------------------------------------------------------------------


def _first_word(text: str) -> str:
    return text.split(" ", 1)[0]


def _join(left: str, right: str) -> str:
    """Two pieces of one sentence, split by a line break."""
    if re.search(r"[\w(]-$", left) and _first_word(right) not in _CONJUNCTIONS:
        return left + right
    return f"{left} {right}"


def _starts_lower(text: str) -> bool:
    """True when the first letter or digit is a lower-case letter."""
    for char in text:
        if char.isalnum():
            return char.islower()
    return False


def _is_full(left: str, right: str) -> bool:
    """True when the next word would not have fitted on the line: a layout wrap."""
    return len(left) + 1 + len(_first_word(right)) > _WRAP_WIDTH


def _continues(left: str, right: str, after_blank: bool) -> bool:
    """Whether line `right` continues the paragraph that ends with line `left`."""
    if not after_blank:
        return _is_full(left, right)
    # A blank line ends a paragraph, unless it sits inside a sentence (page break, layout).
    return not _SENTENCE_END.search(left) and (_starts_lower(right) or _is_full(left, right))


def _paragraphs(lines: list[Line]) -> list[str]:
    """Lines as paragraphs: wrapped lines joined, blank-separated blocks and headings apart."""
    paragraphs: list[str] = []
    previous = ""
    after_blank = False
    for line in lines:
        if not line.text:
            after_blank = True
            continue
        if paragraphs and _continues(previous, line.text, after_blank):
            paragraphs[-1] = _join(paragraphs[-1], line.text)
        else:
            paragraphs.append(line.text)
        previous = line.text
        after_blank = False
    return paragraphs


# --- field shapes ----------------------------------------------------------------------------


def _text(lines: list[Line]) -> str:
    return "\n\n".join(_paragraphs(lines))


def _list(lines: list[Line]) -> list[str]:
    """Bullets ('- ...') with their wrapped lines; the introducing sentence is dropped."""
    entries: list[str] = []
    intro: list[Line] = []
    for line in lines:
        if not line.text:
            continue
        bullet = _BULLET.match(line.text)
        if bullet:
            entries.append(line.text[bullet.end() :])
        elif entries:
            entries[-1] = _join(entries[-1], line.text)
        else:
            intro.append(line)
    return entries or _paragraphs(intro)


def _is_category(text: str, following: str | None, last_item: str | None) -> bool:
    """A vakkennis category title: capitalised, not a wrapped bullet, followed by a bullet.

    Wrapped bullets can start with a parenthesis too ('(sales) en service' continues
    '... marketing, verkoop'), so the letter after a leading '(...)' decides: '(e-)Logistiek'
    is a category.
    """
    if following is None or not _BULLET.match(following) or text.endswith(":"):
        return False
    if last_item is not None and last_item.endswith(","):
        return False
    rest = _LEADING_PARENTHETICAL.sub("", text)
    return bool(rest) and rest[0].isupper()


def _groups(lines: list[Line]) -> list[dict[str, Any]]:
    """Vakkennis: category titles with their bullets ('§ ...')."""
    texts = [line for line in lines if line.text]
    groups: list[dict[str, Any]] = []
    for index, line in enumerate(texts):
        following = texts[index + 1].text if index + 1 < len(texts) else None
        items = groups[-1]["items"] if groups else []
        bullet = _BULLET.match(line.text)
        if bullet:
            if not groups:
                groups.append({"titel": None, "items": []})
            groups[-1]["items"].append(line.text[bullet.end() :])
        elif _is_category(line.text, following, items[-1] if items else None):
            groups.append({"titel": line.text, "items": []})
        elif items:
            items[-1] = _join(items[-1], line.text)
        elif groups:
            groups[-1]["titel"] = _join(groups[-1]["titel"], line.text)
        elif not line.text.endswith(":"):  # "De beginnend beroepsbeoefenaar:" introduces
            raise ValueError(f"line {line.no}: unexpected text in vakkennis: {line.text!r}")
    for group in groups:
        if not group["items"]:
            raise ValueError(f"vakkennis category without items: {group['titel']!r}")
    return groups


def _competencies(lines: list[Line]) -> list[dict[str, str]]:
    """The comma-separated competency names after 'De onderliggende competenties zijn:'."""
    text = ""
    for line in lines:
        if line.text:
            text = _join(text, line.text) if text else line.text
    return [competency_entry(name) for name in text.split(",") if name.strip()]


_CONVERTERS = {
    "gedrag": _list,
    "vakkennis": _groups,
    "competenties": _competencies,
}


# --- the overview ----------------------------------------------------------------------------


def _overview_bounds(lines: list[Line]) -> tuple[int, int]:
    """Indexes of the overview's title line and of the first line after the overview."""
    texts = [line.text for line in lines]
    if _OVERVIEW_TITLE not in texts:
        raise ValueError(f"no {_OVERVIEW_TITLE!r} in the text")
    start = texts.index(_OVERVIEW_TITLE)
    in_profieldeel = False
    for index in range(start + 1, len(texts)):
        if texts[index] == _PROFIELDEEL:
            in_profieldeel = True
        elif texts[index] == _BASISDEEL and in_profieldeel:
            return start, index  # the Basisdeel chapter after the overview's profile lists
    raise ValueError("the overview has no Profieldeel list followed by the Basisdeel chapter")


def _profile_table(lines: list[Line]) -> dict[str, Any]:
    """The overview's profile table: one row per profile, wrapped cells joined."""
    pieces: list[list[str]] = []
    for line in lines:
        if _PART_CODE_LINE.match(line.text):
            pieces.append([line.text])
        elif pieces and line.text:
            pieces[-1].append(line.text)
    rows = []
    for row in pieces:
        match = _PROFILE_ROW.match(" ".join(row))
        if not match:
            raise ValueError(f"unreadable profile row in the overview: {' '.join(row)!r}")
        rows.append(list(match.groups()))
    if not rows:
        raise ValueError("the overview has no profile table")
    return {"kolommen": list(_PROFILE_COLUMNS), "rijen": rows}


@dataclass
class _OverviewReader:
    """Collects the overview's code entries; a wrapped title continues on the next line."""

    entries: list[Entry] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    open_entry: Entry | None = None

    def close(self) -> None:
        if self.open_entry is not None:
            self.entries.append(self.open_entry)
            self.open_entry = None

    def start(self, code: str, title: str, line: int) -> None:
        self.close()
        self.seen.add(code)
        self.open_entry = Entry(code, title, line)

    def extend(self, text: str) -> None:
        if self.open_entry is not None:
            entry = self.open_entry
            self.open_entry = Entry(entry.code, _join(entry.title, text), entry.line)


def _overview_entries(lines: list[Line]) -> list[Entry]:
    """Every code in the overview's lists, in order, with its (unwrapped) title.

    The layout has two columns: a kerntaak and its first werkproces share a line. A page
    header repeating a profile line can sit inside a list; a code seen before is skipped.
    The basisdeel has no code line of its own: its code is the prefix of its kerntaken.
    Lines before the first code of a part (its heading and introducing sentence) are skipped.
    """
    reader = _OverviewReader()
    basisdeel_line: int | None = None
    for line in lines:
        text = line.text
        if text in (_BASISDEEL, _PROFIELDEEL):
            reader.close()
            basisdeel_line = line.no if text == _BASISDEEL else None
            continue
        part = _PART_CODE_LINE.match(text)
        if part:
            reader.close()
            if part.group(1) not in reader.seen:
                reader.start(part.group(1), part.group(2), line.no)
            continue
        matches = list(_INLINE_CODE.finditer(text))
        head = text[: matches[0].start()] if matches else text
        if head.strip():
            reader.extend(head.strip())
        for index, match in enumerate(matches):
            code = match.group(1)
            basis = parent_of(code) or ""
            in_basisdeel = basisdeel_line is not None and kind_of(basis) == "basisdeel"
            if in_basisdeel and basis not in reader.seen:
                reader.start(basis, _BASISDEEL, basisdeel_line)
            end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
            reader.start(code, text[match.end() : end].strip(), line.no)
    reader.close()
    return reader.entries


def overview_entries(text: str) -> list[Entry]:
    """The codes and titles the overview of a dossier text lists, in order."""
    lines = _lines(text)
    start, end = _overview_bounds(lines)
    overview = lines[start:end]
    return _overview_entries(overview[_first_part(overview) :])


def _first_part(lines: list[Line]) -> int:
    """Index of the overview's first part list (Basisdeel/Profieldeel), after the table."""
    return next(
        (i for i, line in enumerate(lines) if line.text in (_BASISDEEL, _PROFIELDEEL)),
        len(lines),
    )


def _overview_item(lines: list[Line], source_id: str) -> dict[str, Any]:
    """The overview as a fact with the profile table."""
    title_line = lines[0]
    return {
        "id": f"{source_id}:{_OVERVIEW_CODE}",
        "type": "fact",
        "code": _OVERVIEW_CODE,
        "title": title_line.text,
        "line": title_line.no,
        "fields": {"tabel": _profile_table(lines[1 : _first_part(lines)])},
    }


# --- the body --------------------------------------------------------------------------------


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
        text = line.text
        if _PAGE_NUMBER.match(text):
            return
        competencies = _COMPETENCIES.match(text)
        if competencies:
            self._field(_COMPETENCY_FIELD, line)
            rest = competencies.group(1)
            self._append(Line(line.no, rest, rest))
            return
        label = _label(text)
        if label in _FACTS:
            self._chapter(_FACTS[label], "fact", label, line)
        elif text == _BASISDEEL:
            self._chapter(self._basisdeel_code(line), "basisdeel", text, line)
        elif label in _STRUCTURAL:
            if label not in self.seen:  # else a running header
                self.seen.add(label)
                self.field_name = None
        elif label in _FIELD_LABELS:
            self._field(_FIELD_LABELS[label], line)
        elif self._heading(line):
            return
        else:
            self._append(line)

    def _append(self, line: Line) -> None:
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
        if kind == "fact":
            block.raw_fields["tekst"] = []
            self.field_name = "tekst"

    def _basisdeel_code(self, line: Line) -> str:
        for entry in self.order:
            if kind_of(entry.code) == "basisdeel":
                return entry.code
        raise ValueError(f"line {line.no}: the overview lists no basisdeel kerntaken")

    def _heading(self, line: Line) -> bool:
        """Open the block of a code heading; True when the line was a heading."""
        raw = line.raw.strip(" ")
        match = _BODY_HEADING.match(raw)
        if not match:
            plain = _PLAIN_HEADING.match(line.text)
            if not plain or plain.group(1) not in self.index:
                return False
            match = plain
        code, title = match.group(1), _clean(match.group(2))
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
        self.seen.add(block.code)
        self.titles[block.code] = block.title
        self.blocks.append(block)
        self.current = block


def _item(block: Block, source_id: str) -> dict[str, Any]:
    """The YAML item of a block, its fields converted to their shapes."""
    fields: dict[str, Any] = {}
    for name, lines in block.raw_fields.items():
        value = _CONVERTERS.get(name, _text)(lines)
        if value:
            fields[name] = value
    item: dict[str, Any] = {
        "id": f"{source_id}:{block.code}",
        "type": block.kind,
        "code": block.code,
    }
    parent = parent_of(block.code) if block.kind != "fact" else None
    if parent:
        item["parent"] = f"{source_id}:{parent}"
    item["title"] = block.title
    item["line"] = block.line
    if fields:
        item["fields"] = fields
    return item


def _source_title(lines: list[Line], source_id: str) -> str:
    """The dossier's title line when the text starts with one, else one made from the id."""
    for line in lines:
        if _DOCUMENT_TITLE.match(line.text):
            return line.text
        if line.text == _OVERVIEW_TITLE:
            break
    # The SBB text starts at the Leeswijzer: the dossier's name is only on the cover page.
    return f"Kwalificatiedossier {source_id.replace('-', ' ').capitalize()}"


def _check_complete(order: list[Entry], blocks: list[Block]) -> None:
    """Every code of the overview must have become an item (else a heading went unnoticed)."""
    found = {block.code for block in blocks}
    missing = [entry.code for entry in order if entry.code not in found]
    if missing:
        raise ValueError(f"codes of the overview without a block in the text: {missing}")


def parse(text: str, source_id: str) -> dict[str, Any]:
    """The items of a current SBB kwalificatiedossier, in document order."""
    lines = _lines(text)
    start, end = _overview_bounds(lines)
    overview = lines[start:end]
    parser = BodyParser(_overview_entries(overview[_first_part(overview) :]))
    parser.feed(lines[:start])  # the Leeswijzer
    blocks_before = len(parser.blocks)
    parser.feed(lines[end:])
    _check_complete(parser.order, parser.blocks)
    items = [_item(block, source_id) for block in parser.blocks]
    items.insert(blocks_before, _overview_item(overview, source_id))
    return {
        "source": {"id": source_id, "title": _source_title(lines, source_id)},
        "items": items,
    }
