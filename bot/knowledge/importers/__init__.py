"""Importers: one per source document format, each turning a source text into YAML data.

Every importer module exposes ``parse(text: str, source_id: str) -> dict`` returning
``{"source": {...}, "items": [...]}`` in the shape the loader validates (see
``bot.knowledge.fields``). Importers are pure: text in, data out; fixes for errors in a
source live in the importer, never in the generated YAML.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

FORMATS: dict[str, str] = {
    "commercie": "bot.knowledge.importers.sbb_dossier",
    "commercie-2015": "bot.knowledge.importers.europass",
    "commercie-cgo": "bot.knowledge.importers.cgo_dossier",
    "bcp-2010": "bot.knowledge.importers.bcp",
    "beroepenonderzoek": "bot.knowledge.importers.beroepenonderzoek",
}

Parser = Callable[[str, str], dict[str, Any]]


def parser_for(format_name: str) -> Parser:
    """The parse function of a format; raises KeyError for an unknown format."""
    module = importlib.import_module(FORMATS[format_name])
    return module.parse
