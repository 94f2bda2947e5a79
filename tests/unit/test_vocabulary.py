"""The curated vocabulary: every problem names file, line and entry; the shipped file is sound."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.knowledge.load import KnowledgeError, load_dossier
from bot.knowledge.texts import field_texts
from bot.knowledge.vocabulary import (
    DEFAULT_PATH,
    Vocabulary,
    load_vocabulary,
    unknown_targets,
    words_in,
)

GOOD = """\
# a comment
english:
  customer: [klant]
  account plan: [accountplan]
  e-mail: e-mail
  webshop: [webshop]
student:
  bellen: [telefonisch, contact]
  Carrière: [loopbaan]
  klanten zoeken:
    - acquisitie
    - potentiële klanten
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "vocabulary.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_vocabulary(write(tmp_path, text))
    return caught.value.problems


def one_problem(tmp_path: Path, text: str) -> str:
    found = problems(tmp_path, text)
    assert len(found) == 1, found
    return found[0]


# --- loading ---------------------------------------------------------------------------------


def test_good_file_loads_folded_and_read_only(tmp_path: Path) -> None:
    """Carrière is a key error (upper case); without it everything loads, folded."""
    vocabulary = load_vocabulary(write(tmp_path, GOOD.replace("Carrière", "carrière")))
    assert vocabulary.translate("Customer") == ("klant",)
    assert vocabulary.translate("e-mail") == ("e-mail",)  # a plain string is one target
    assert vocabulary.synonyms("carriere") == ("loopbaan",)
    assert vocabulary.synonyms("CARRIÈRE") == ("loopbaan",)
    assert vocabulary.synonyms("klanten zoeken") == ("acquisitie", "potentiele klanten")
    assert vocabulary.translate("unknown") == ()
    assert vocabulary.source == "vocabulary.yaml"
    assert vocabulary.lines[("english", "account plan")] == 4
    assert vocabulary.lines[("student", "klanten zoeken")] == 10
    with pytest.raises(TypeError):
        vocabulary.english["new"] = ("nieuw",)  # type: ignore[index]


def test_phrases_are_multi_word_keys_longest_first() -> None:
    vocabulary = Vocabulary(
        english={"webshop employee": ("a",), "webshop employees": ("b",), "e-mail": ("c",)},
        student={"bellen": ("d",), "klanten zoeken": ("e",)},
    )
    # "e-mail" is two words to the search, so it is matched as a phrase too.
    assert vocabulary.english_phrases() == ("webshop employees", "webshop employee", "e-mail")
    assert vocabulary.student_phrases() == ("klanten zoeken",)


def test_equality_ignores_where_entries_were_written() -> None:
    entries = {"customer": ("klant",)}
    a = Vocabulary(entries, {}, "a.yaml", {("english", "customer"): 3})
    b = Vocabulary(entries, {}, "b.yaml", {("english", "customer"): 9})
    assert a == b


def test_a_callers_dict_cannot_change_the_vocabulary() -> None:
    entries = {"customer": ("klant",)}
    vocabulary = Vocabulary(english=entries)
    entries["client"] = ("klant",)
    assert vocabulary.translate("client") == ()


def test_english_loanword_may_map_to_itself(tmp_path: Path) -> None:
    vocabulary = load_vocabulary(write(tmp_path, GOOD.replace("Carrière", "carriere")))
    assert vocabulary.translate("webshop") == ("webshop",)


# --- problems, each with file and line -------------------------------------------------------


def test_yaml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    found = one_problem(tmp_path, "english:\n  customer: [klant\nstudent: {}\n")
    assert re.fullmatch(r"vocabulary\.yaml: line \d+, column \d+: YAML syntax error: .+", found)


def test_empty_file(tmp_path: Path) -> None:
    assert one_problem(tmp_path, "# nothing yet\n") == (
        "vocabulary.yaml: line 1: the file has no content"
    )


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    assert one_problem(tmp_path, "- customer\n- klant\n") == (
        "vocabulary.yaml: line 1: top level: expected a mapping with the sections "
        "english and student, not a list"
    )


def test_unknown_duplicate_and_missing_sections(tmp_path: Path) -> None:
    text = "english: {}\nenglsh: {}\nenglish: {}\n"
    assert problems(tmp_path, text) == [
        "vocabulary.yaml: line 2: englsh: unknown section (expected english, student, generic)",
        "vocabulary.yaml: line 3: english: duplicate section",
        "vocabulary.yaml: line 1: student: missing section",
    ]


def test_section_must_be_a_mapping(tmp_path: Path) -> None:
    assert one_problem(tmp_path, "english: {}\nstudent:\n  - bellen\n") == (
        "vocabulary.yaml: line 3: student: expected a mapping of word -> list of dossier words, "
        "not a list"
    )


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    text = "english: {}\nstudent:\n  boos: [klacht]\n  bellen: [contact]\n  boos: [klachten]\n"
    assert one_problem(tmp_path, text) == (
        "vocabulary.yaml: line 5: student.boos: duplicate key (first on line 3)"
    )


def test_keys_differing_only_in_accents_are_duplicates(tmp_path: Path) -> None:
    text = "english: {}\nstudent:\n  carriere: [loopbaan]\n  carrière: [loopbaan]\n"
    assert one_problem(tmp_path, text) == (
        "vocabulary.yaml: line 4: student.carrière: duplicate key (first on line 3)"
    )


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("no", "student.no: key is not a string but true/false (put it in quotes)"),
        ("12", "student.12: key is not a string but a number (put it in quotes)"),
        ("[a, b]", "student.<a list>: key is not a string but a list (put it in quotes)"),
        ('""', "student.: empty key"),
        ("Bellen", "student.Bellen: key is not lower case"),
        ('"klanten  zoeken"', "student.klanten  zoeken: key has extra spaces"),
        ('" bellen"', "student. bellen: key has extra spaces"),
    ],
)
def test_bad_keys(tmp_path: Path, key: str, message: str) -> None:
    text = f"english: {{}}\nstudent:\n  ok: [contact]\n  {key}: [telefonisch]\n"
    assert one_problem(tmp_path, text) == f"vocabulary.yaml: line 4: {message}"


def test_quoted_yaml_word_is_a_fine_key(tmp_path: Path) -> None:
    vocabulary = load_vocabulary(write(tmp_path, 'english:\n  "no": [nee]\nstudent: {}\n'))
    assert vocabulary.translate("no") == ("nee",)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("[]", "student.bellen: empty list"),
        ("", "student.bellen: expected a list of dossier words, not empty"),
        ("3", "student.bellen: expected a list of dossier words, not a number"),
        ("{a: b}", "student.bellen: expected a list of dossier words, not a mapping"),
        ("[contact, 3]", "student.bellen: expected a word, not a number"),
        ("[contact, [telefonisch]]", "student.bellen: expected a word, not a list"),
        ("[contact, '']", "student.bellen: empty word"),
        ("[contact, '  ']", "student.bellen: empty word"),
        ("[contact, Contact]", "student.bellen: 'Contact' is listed twice"),
        ("[bellen]", "student.bellen: mapped to itself"),
        ("bellen", "student.bellen: mapped to itself"),
    ],
)
def test_bad_values(tmp_path: Path, value: str, message: str) -> None:
    text = f"english: {{}}\nstudent:\n  boos: [klacht]\n  bellen: {value}\n"
    assert one_problem(tmp_path, text) == f"vocabulary.yaml: line 4: {message}"


def test_problem_in_a_block_list_names_the_items_line(tmp_path: Path) -> None:
    text = "english: {}\nstudent:\n  bellen:\n    - telefonisch\n    - ''\n"
    assert one_problem(tmp_path, text) == "vocabulary.yaml: line 5: student.bellen: empty word"


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = "english:\n  Customer: [klant]\n  client: []\nstudent:\n  boos: [boos]\nextra: {}\n"
    assert problems(tmp_path, text) == [
        "vocabulary.yaml: line 2: english.Customer: key is not lower case",
        "vocabulary.yaml: line 3: english.client: empty list",
        "vocabulary.yaml: line 5: student.boos: mapped to itself",
        "vocabulary.yaml: line 6: extra: unknown section (expected english, student, generic)",
    ]


def test_unknown_targets_name_the_word_and_line(tmp_path: Path) -> None:
    vocabulary = load_vocabulary(write(tmp_path, GOOD.replace("Carrière", "carriere")))
    known = words_in(["de klant, de klanten", "het accountplan", "e-mail", "telefonisch contact"])
    known |= words_in(["loopbaan", "acquisitie", "potentiële", "webshop"])
    assert unknown_targets(vocabulary, known) == []
    known -= {"potentiele", "loopbaan"}
    assert unknown_targets(vocabulary, known) == [
        "vocabulary.yaml: line 9: student.carriere: 'loopbaan' occurs in no knowledge text",
        "vocabulary.yaml: line 10: student.klanten zoeken: 'potentiele' "
        "(in 'potentiele klanten') occurs in no knowledge text",
    ]


# --- the shipped file ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> Vocabulary:
    return load_vocabulary(DEFAULT_PATH)


@pytest.fixture(scope="module")
def knowledge_words() -> set[str]:
    texts: list[str] = []
    for item in load_dossier():
        texts.append(item.title)
        if item.source_title:
            texts.append(item.source_title)
        for _, value in item.fields:
            texts.extend(field_texts(value))
    return words_in(texts)


def test_shipped_file_translates(shipped: Vocabulary) -> None:
    assert DEFAULT_PATH.parts[-3:] == ("knowledge", "curated", "vocabulary.yaml")
    assert shipped.translate("customer") == ("klant",)
    assert shipped.translate("account plan") == ("accountplan",)
    assert shipped.translate("customer journey") == ("customer journey",)
    assert shipped.synonyms("bellen") == ("telefonisch", "contact")
    assert "klacht" in shipped.synonyms("boos")
    assert "leidinggevende" in shipped.synonyms("stagebegeleider")
    assert "account plan" in shipped.english_phrases()
    assert "prijs uitrekenen" in shipped.student_phrases()
    assert len(shipped.english) >= 500
    assert len(shipped.student) >= 300


def test_every_shipped_target_occurs_in_the_knowledge_base(
    shipped: Vocabulary, knowledge_words: set[str]
) -> None:
    assert unknown_targets(shipped, knowledge_words) == []
