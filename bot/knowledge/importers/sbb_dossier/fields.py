"""Field shapes: the raw lines of a field as text, a bullet list, vakkennis groups or
competencies."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bot.knowledge.competencies import competency_entry
from bot.knowledge.importers.hyphens import join_broken_line as join
from bot.knowledge.importers.item_data import join_paragraphs
from bot.knowledge.importers.sbb_dossier.paragraphs import paragraphs
from bot.knowledge.importers.sbb_dossier.source import Line

_BULLET = re.compile(r"^[-§•]\s+")
_LEADING_PARENTHETICAL = re.compile(r"^\([^)]*\)\s*")


def _text(lines: list[Line]) -> str:
    """Paragraphs separated by blank lines."""
    return join_paragraphs(paragraphs(lines))


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
            entries[-1] = join(entries[-1], line.text)
        else:
            intro.append(line)
    return entries or paragraphs(intro)


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
            items[-1] = join(items[-1], line.text)
        elif groups:
            groups[-1]["titel"] = join(groups[-1]["titel"], line.text)
        elif not line.text.endswith(":"):  # "De beginnend beroepsbeoefenaar:" introduces
            raise ValueError(f"line {line.no}: unexpected text in vakkennis: {line.text!r}")
    _check_groups(groups)
    return groups


def _check_groups(groups: list[dict[str, Any]]) -> None:
    """Every category needs a bullet: else a wrapped bullet was taken for a title."""
    for group in groups:
        if not group["items"]:
            raise ValueError(f"vakkennis category without items: {group['titel']!r}")


def _competencies(lines: list[Line]) -> list[dict[str, str]]:
    """The comma-separated competency names after 'De onderliggende competenties zijn:'."""
    text = ""
    for line in lines:
        if line.text:
            text = join(text, line.text) if text else line.text
    return [competency_entry(name) for name in text.split(",") if name.strip()]


# Fields with a shape of their own; every other field is text.
_CONVERTERS: dict[str, Callable[[list[Line]], Any]] = {
    "gedrag": _list,
    "vakkennis": _groups,
    "competenties": _competencies,
}


def convert(name: str, lines: list[Line]) -> Any:
    """The value of field `name` from its raw lines."""
    return _CONVERTERS.get(name, _text)(lines)
