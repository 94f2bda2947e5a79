"""The loader validates YAML and names file and path in every problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.load import KnowledgeError, load_dossier

GOOD = """\
source:
  id: demo
  title: Demo dossier
  format: commercie
  text: sources/demo.txt
items:
- id: demo:K1
  type: kerntaak
  code: K1
  title: Doet iets
  fields:
    complexiteit: Best lastig.
- id: demo:1.1
  type: werkproces
  code: '1.1'
  parent: demo:K1
  title: Doet het eerste
  fields:
    omschrijving: |-
      Eerste alinea.

      Tweede alinea.
    gedrag:
    - werkt netjes;
    competenties:
    - naam: Samenwerken en overleggen
    - naam: Op de behoeften en verwachtingen van de "klant" richten
      bron: Op de behoeften en verwachtingen van de klant richten
"""


def write(tmp_path: Path, text: str, name: str = "demo.yaml") -> Path:
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "sources" / "demo.txt").write_text("bron", encoding="utf-8")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    write(tmp_path, text)
    with pytest.raises(KnowledgeError) as caught:
        load_dossier(tmp_path)
    return caught.value.problems


def test_good_file_loads_with_typed_fields(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    dossier = load_dossier(tmp_path)
    item = dossier.items["demo:1.1"]
    assert item.get("omschrijving") == "Eerste alinea.\n\nTweede alinea."
    assert item.get("gedrag") == ("werkt netjes;",)
    competencies = item.get("competenties")
    assert competencies[1].source_spelling.endswith("klant richten")
    assert [kid.id for kid in dossier.kids("demo:K1")] == ["demo:1.1"]


def test_yaml_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("  title: Doet iets\n", "  title: [Doet iets\n"))
    assert len(found) == 1
    assert found[0].startswith("demo.yaml: line ")
    assert "column" in found[0] and "YAML syntax error" in found[0]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("    complexiteit:", "    moeilijkheid:"),
            "items[0].fields: unknown field 'moeilijkheid'",
        ),
        (("  code: K1\n", ""), "items[0]: missing field 'code'"),
        (("  parent: demo:K1", "  parent: demo:K9"), "items[1].parent: 'demo:K9' is not an item"),
        (
            ("- naam: Samenwerken en overleggen", "- naam: Samenzweren"),
            "items[1].fields.competenties[0].naam: unknown competency 'Samenzweren'",
        ),
        (("    - werkt netjes;", "    - ''"), "items[1].fields.gedrag[0]: empty text"),
        (("  type: kerntaak", "  type: hoofdtaak"), "items[0].type: unknown type 'hoofdtaak'"),
        (("- id: demo:1.1", "- id: other:1.1"), "items[1].id: id 'other:1.1' does not start"),
    ],
)
def test_each_problem_is_reported_with_its_path(tmp_path: Path, change, expected) -> None:
    old, new = change
    assert old in GOOD
    found = problems(tmp_path, GOOD.replace(old, new, 1))
    assert any(p.startswith("demo.yaml: ") and expected in p for p in found), found


def test_duplicate_ids_across_files_are_reported(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    write(tmp_path, GOOD.replace("id: demo\n", "id: demo\n", 1), name="copy.yaml")
    with pytest.raises(KnowledgeError) as caught:
        load_dossier(tmp_path)
    assert any("duplicate id 'demo:K1'" in p for p in caught.value.problems)


def test_all_problems_are_collected_not_just_the_first(tmp_path: Path) -> None:
    broken = GOOD.replace("  code: K1\n", "").replace("    - werkt netjes;", "    - ''")
    assert len(problems(tmp_path, broken)) >= 2


def test_missing_source_text_is_reported(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("sources/demo.txt", "sources/gone.txt"))
    assert found == ["demo.yaml: source.text: file 'sources/gone.txt' not found"]


def test_empty_directory_is_a_problem(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError):
        load_dossier(tmp_path)
