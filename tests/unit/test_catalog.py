"""knowledge/curated/sources.yaml: validated with file and line, applied to the sources, and
optional per source (a source without an entry still loads, its role derived)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.answers.service import Answers
from bot.knowledge.catalog import derived_role
from bot.knowledge.load import DEFAULT_DIR, KnowledgeError, load_dossier
from bot.knowledge.model import Dossier

CATALOG = "curated/sources.yaml"


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    """A copy of the knowledge base (YAML, source texts, curated files) to break."""
    copy = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIR, copy)
    return copy


def write_catalog(knowledge: Path, text: str) -> None:
    (knowledge / CATALOG).write_text(text, encoding="utf-8")


def problems_of(knowledge: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as failed:
        load_dossier(knowledge)
    return failed.value.problems


BROKEN = """\
sources:
  commercie:
    name: kwalificatiedossier Commercie
    article: het
    role: current
  bcp-2010:
    name: beroepscompetentieprofiel 2010
    article: het
    role: obsolete
  commercie-cgo:
    article: het
    role: older
  commercie-2015:
    name: Europass 2015
    article: de
    role: older
  commercie-2015:
    name: Europass
    article: de
    role: older
  commercie-2030:
    name: toekomstig dossier
    article: het
    role: current
"""


def test_every_problem_is_reported_with_file_and_line(knowledge: Path) -> None:
    write_catalog(knowledge, BROKEN)
    problems = problems_of(knowledge)
    assert (
        f"{CATALOG}: line 9: sources.bcp-2010.role: expected one of current, older, research"
        in (problems)
    )
    assert f"{CATALOG}: line 10: sources.commercie-cgo.name: missing text" in problems
    assert f"{CATALOG}: line 17: sources.commercie-2015: duplicate (first on line 13)" in problems
    assert (
        f"{CATALOG}: line 21: sources.commercie-2030: no knowledge file has this source id"
        in problems
    )
    assert len(problems) == 4, problems


def test_a_syntax_error_names_line_and_column(knowledge: Path) -> None:
    write_catalog(knowledge, "sources:\n  commercie: [name: x\n")
    [problem] = problems_of(knowledge)
    assert problem.startswith(f"{CATALOG}: line 3, column 1: YAML syntax error")


def test_unknown_keys_and_articles_are_reported(knowledge: Path) -> None:
    text = (DEFAULT_DIR / CATALOG).read_text(encoding="utf-8")
    text = text.replace("    article: de\n", "    article: der\n    naam: x\n", 1)
    write_catalog(knowledge, text)
    problems = problems_of(knowledge)
    assert any("sources.commercie-2015.article: expected 'het' or 'de'" in p for p in problems)
    assert any("sources.commercie-2015.naam: unknown key" in p for p in problems)
    assert all(p.startswith(f"{CATALOG}: line ") for p in problems)


def test_answers_name_sources_by_their_catalog_names(knowledge: Path) -> None:
    text = (DEFAULT_DIR / CATALOG).read_text(encoding="utf-8")
    write_catalog(knowledge, text.replace("name: beroepscompetentieprofiel 2010", "name: BCP-X"))
    answers = Answers.build(load_dossier(knowledge))
    reply = answers.ask("wp 3.5 van het bcp")
    assert reply.item_id == "bcp-2010:3.5"
    assert "Bron: BCP-X" in reply.plain
    listing = answers.ask("werkproces 2.4")
    assert "— BCP-X" in listing.plain
    assert "2.4 · BCP-X" in [c.label for c in listing.choices]


def test_a_source_without_an_entry_loads_with_a_derived_role(knowledge: Path) -> None:
    write_catalog(
        knowledge, "sources:\n  commercie:\n    name: KD\n    article: het\n    role: current\n"
    )
    dossier = load_dossier(knowledge)
    assert next(iter(dossier.sources)) == "commercie"  # catalog order first
    assert [s.id for s in dossier.with_role("current")] == ["commercie"]
    older = {s.id for s in dossier.with_role("older")}
    assert older == {"bcp-2010", "commercie-2015", "commercie-cgo"}
    research = dossier.sources["beroepenonderzoek"]
    assert research.role == "research" and research.label == research.title


def test_without_a_catalog_every_role_is_derived(knowledge: Path) -> None:
    (knowledge / CATALOG).unlink()
    dossier = load_dossier(knowledge)
    for source in dossier.sources.values():
        assert source.role == derived_role(source) and source.label == source.title


def test_the_committed_catalog_is_applied(dossier: Dossier) -> None:
    assert [s.id for s in dossier.sources.values()] == [
        "commercie",
        "commercie-2015",
        "commercie-cgo",
        "bcp-2010",
        "beroepenonderzoek",
    ]
    bcp = dossier.sources["bcp-2010"]
    assert (bcp.label, bcp.article, bcp.role) == ("beroepscompetentieprofiel 2010", "het", "older")
    assert "bcp" in bcp.aliases
