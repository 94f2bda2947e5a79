"""Render one field value of any shape as Telegram HTML (escaped) or as paragraphs."""

from __future__ import annotations

from bot.answers.html import bold, bullets, esc, italic
from bot.core.messages import t
from bot.knowledge.model import (
    Competency,
    CompetencyRow,
    FieldValue,
    Group,
    Table,
)


def _competency(entry: Competency, lang: str) -> str:
    if entry.source_spelling:
        note = t("source_spelling", lang, spelling=entry.source_spelling)
        return f"{esc(entry.name)} ({italic(note)})"
    return esc(entry.name)


def _row(row: CompetencyRow, lang: str) -> str:
    parts = [f"{bold(row.competency.name)}"]
    if row.components:
        parts.append(f"{esc(t('competency_components', lang))}: {esc('; '.join(row.components))}")
    parts.append(f"{esc(t('competency_indicator', lang))}: {esc(row.indicator)}")
    return "\n".join(parts)


def _table(table: Table) -> str:
    lines = [" | ".join(esc(c) for c in table.columns)]
    lines += [" | ".join(esc(c) for c in row) for row in table.rows]
    return "\n".join(lines)


def render_blocks(value: FieldValue, lang: str) -> list[str]:
    """The field as a list of HTML blocks (paragraphs, list chunks), in order."""
    if isinstance(value, str):
        return [esc(p) for p in value.split("\n\n") if p.strip()]
    if isinstance(value, Table):
        return [_table(value)]
    blocks: list[str] = []
    for part in value:
        if isinstance(part, str):
            blocks.append(bullets([part]))
        elif isinstance(part, Group):
            head = f"{bold(part.title)}\n" if part.title else ""
            blocks.append(head + bullets(part.items))
        elif isinstance(part, Competency):
            blocks.append(f"• {_competency(part, lang)}")
        elif isinstance(part, CompetencyRow):
            blocks.append(_row(part, lang))
    return _merge_bullets(blocks)


def _merge_bullets(blocks: list[str]) -> list[str]:
    """Consecutive one-line bullets form one block, so lists stay tight."""
    merged: list[str] = []
    for block in blocks:
        if merged and block.startswith("• ") and merged[-1].startswith("• "):
            merged[-1] += "\n" + block
        else:
            merged.append(block)
    return merged
