"""Rows of the template's two-column pages: a label in the left column, text in the right."""

from __future__ import annotations

import re

from bot.knowledge.importers.bcp.lines import Line, with_text
from bot.knowledge.importers.bcp.prose import paragraphs

Row = tuple[str, list[Line]]


def _match_label(lines: list[Line], i: int, labels: tuple[str, ...]) -> tuple[str, int, Line]:
    """A row label starting at line i (possibly wrapped onto the next line), or ('', 0, …)."""
    text = lines[i].text
    for label in labels:
        match = re.match(re.escape(label) + r"\d{0,2}(?:\s+(.*))?$", text)
        if match and (not match[1] or match[1][:1].isupper()):
            return label, 1, with_text(lines[i], match[1] or "")
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if text and nxt and label.startswith(text + " "):
            rest = label[len(text) + 1 :]
            match = re.match(re.escape(rest) + r"(?:\s+(.*))?$", nxt.text)
            if match:
                return label, 2, with_text(nxt, match[1] or "")
    return "", 0, lines[i]


def label_rows(lines: list[Line], labels: tuple[str, ...]) -> list[Row]:
    """Split lines at row labels of the left column; the first row may have no label."""
    rows: list[Row] = [("", [])]
    i = 0
    while i < len(lines):
        label, used, rest = _match_label(lines, i, labels)
        if used:
            rows.append((label, [rest]))
            i += used
        else:
            rows[-1][1].append(lines[i])
            i += 1
    return [row for row in rows if row[0] or any(line.text for line in row[1])]


def render_rows(rows: list[Row]) -> str:
    """Labelled rows as paragraphs: 'Label: first paragraph', then the row's other paragraphs."""
    out: list[str] = []
    for label, lines in rows:
        found = paragraphs(lines)
        if label and found:
            sep = "\n" if "\n" in found[0] else " "
            found[0] = f"{label}:{sep}{found[0]}"
        elif label:
            found = [label]
        out.extend(found)
    return "\n\n".join(out)
