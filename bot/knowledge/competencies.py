"""The 25 standard SBB competencies (the 'competentiekaart') and spelling normalisation.

Sources spell them differently (quotes around "klant", a typo, a wrapped line); every
competency in the knowledge base is stored under its canonical name below, with the source's
spelling kept beside it where it differs.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz, process

STANDARD_COMPETENCIES: tuple[str, ...] = (
    "Beslissen en activiteiten initiëren",
    "Aansturen",
    "Begeleiden",
    "Aandacht en begrip tonen",
    "Samenwerken en overleggen",
    "Ethisch en integer handelen",
    "Relaties bouwen en netwerken",
    "Overtuigen en beïnvloeden",
    "Presenteren",
    "Formuleren en rapporteren",
    "Vakdeskundigheid toepassen",
    "Materialen en middelen inzetten",
    "Analyseren",
    "Onderzoeken",
    "Creëren en innoveren",
    "Leren",
    "Plannen en organiseren",
    'Op de behoeften en verwachtingen van de "klant" richten',
    "Kwaliteit leveren",
    "Instructies en procedures opvolgen",
    "Omgaan met verandering en aanpassen",
    "Met druk en tegenslag omgaan",
    "Gedrevenheid en ambitie tonen",
    "Ondernemend en commercieel handelen",
    "Bedrijfsmatig handelen",
)


def _key(name: str) -> str:
    """Comparison key: no accents, quotes, case or extra spaces."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[\"'“”‘’]", "", text).casefold()
    return " ".join(text.split())


_BY_KEY = {_key(name): name for name in STANDARD_COMPETENCIES}
_KEY_LIST = list(_BY_KEY)


def canonical_competency(spelling: str, min_score: float = 88.0) -> str | None:
    """The standard name a source spelling stands for, or None when it is not a competency."""
    key = _key(spelling)
    if key in _BY_KEY:
        return _BY_KEY[key]
    match = process.extractOne(key, _KEY_LIST, scorer=fuzz.ratio, score_cutoff=min_score)
    return _BY_KEY[match[0]] if match else None


def competency_entry(spelling: str) -> dict[str, str]:
    """The YAML entry for a source spelling: {naam} or {naam, bron}; raises on unknown names."""
    spelling = " ".join(spelling.split())
    name = canonical_competency(spelling)
    if name is None:
        raise ValueError(f"unknown competency: {spelling!r}")
    return {"naam": name} if name == spelling else {"naam": name, "bron": spelling}
