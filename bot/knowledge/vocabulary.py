"""The search's curated vocabulary: English and student words -> the dossier's own words.

knowledge/curated/vocabulary.yaml is edited by hand (a school may extend it), so it is read
through PyYAML's node API: every problem names its file and line, and duplicate keys, which
PyYAML would silently merge, are reported instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import yaml

from bot.knowledge.curated import kind_of, line_of
from bot.knowledge.errors import KnowledgeError
from bot.knowledge.lexicon import Vocabulary, fold
from bot.knowledge.locations import CURATED_DIR
from bot.knowledge.yamlio import compose_text, read_guarded

FILE_NAME = "vocabulary.yaml"
DEFAULT_PATH = CURATED_DIR / FILE_NAME
SECTIONS = ("english", "student")
GENERIC = "generic"  # optional: a list of words too common in the dossier to tell items apart

_STR = "tag:yaml.org,2002:str"
_WORD = re.compile(r"[a-z0-9]+")  # the search's notion of a word, on folded text


def words_in(texts: Iterable[str]) -> set[str]:
    """The folded words of texts: the known_words that unknown_targets expects."""
    return {word for text in texts for word in _WORD.findall(fold(text))}


def load_vocabulary(path: Path = DEFAULT_PATH) -> Vocabulary:
    """The vocabulary in path; raises KnowledgeError listing every problem with its line."""
    problems: list[str] = []
    root = read_guarded(path, problems, compose_text)
    if root is None and not problems:
        problems.append(f"{path.name}: line 1: the file has no content")
    vocabulary = _vocabulary(root, path.name, problems) if root is not None else None
    if problems or vocabulary is None:
        raise KnowledgeError(problems)
    return vocabulary


def unknown_targets(vocabulary: Vocabulary, known_words: set[str]) -> list[str]:
    """Problems for targets with a word that occurs in no knowledge text (see words_in).

    Such a target can never match anything: it is a typo, or a word of the question's
    language rather than the dossier's.
    """
    problems = []
    for section, key, targets in vocabulary.entries():
        where = f"{vocabulary.source}: line {vocabulary.lines.get((section, key), 0)}"
        for target in targets:
            for word in _WORD.findall(target):
                if word not in known_words:
                    inside = "" if word == target else f" (in {target!r})"
                    problems.append(
                        f"{where}: {section}.{key}: {word!r}{inside} occurs in no knowledge text"
                    )
    return problems


def _at(name: str, node: yaml.Node, label: str) -> str:
    """'file: line N: label', the start of every message."""
    return f"{name}: line {line_of(node)}: {label}"


def _label(node: yaml.Node) -> str:
    return node.value if isinstance(node, yaml.ScalarNode) else f"<{kind_of(node)}>"


def _vocabulary(root: yaml.Node, name: str, problems: list[str]) -> Vocabulary | None:
    if not isinstance(root, yaml.MappingNode):
        expected = f"expected a mapping with the sections {' and '.join(SECTIONS)}"
        problems.append(f"{_at(name, root, 'top level')}: {expected}, not {kind_of(root)}")
        return None
    sections: dict[str, dict[str, tuple[str, ...]]] = {}
    lines: dict[tuple[str, str], int] = {}
    generic: list[str] | None = None
    for key_node, value_node in root.value:
        section = _label(key_node)
        where = _at(name, key_node, section)
        if key_node.tag == _STR and section == GENERIC:
            if generic is not None:
                problems.append(f"{where}: duplicate section")
            generic = _generic(value_node, name, lines, problems)
        elif key_node.tag != _STR or section not in SECTIONS:
            expected = ", ".join((*SECTIONS, GENERIC))
            problems.append(f"{where}: unknown section (expected {expected})")
        elif section in sections:
            problems.append(f"{where}: duplicate section")
        else:
            sections[section] = _section(value_node, section, name, lines, problems)
    for section in SECTIONS:
        if section not in sections:
            problems.append(f"{_at(name, root, section)}: missing section")
    english, student = sections.get("english", {}), sections.get("student", {})
    return Vocabulary(english, student, name, lines, frozenset(generic or ()))


def _generic(
    node: yaml.Node, name: str, lines: dict[tuple[str, str], int], problems: list[str]
) -> list[str]:
    """The generic section: a list of single words, each once."""
    if not isinstance(node, yaml.SequenceNode):
        problems.append(
            f"{_at(name, node, GENERIC)}: expected a list of words, not {kind_of(node)}"
        )
        return []
    found: list[str] = []
    for item in node.value:
        word = fold(item.value).strip() if _is_text(item) else ""
        where = _at(name, item, f"{GENERIC}.{word or _label(item)}")
        if not word or len(_WORD.findall(word)) != 1:
            problems.append(f"{where}: expected one word")
        elif word in found:
            problems.append(f"{where}: listed twice")
        else:
            found.append(word)
            lines[(GENERIC, word)] = line_of(item)
    return found


def _section(
    node: yaml.Node,
    section: str,
    name: str,
    lines: dict[tuple[str, str], int],
    problems: list[str],
) -> dict[str, tuple[str, ...]]:
    if not isinstance(node, yaml.MappingNode):
        expected = "expected a mapping of word -> list of dossier words"
        problems.append(f"{_at(name, node, section)}: {expected}, not {kind_of(node)}")
        return {}
    entries: dict[str, tuple[str, ...]] = {}
    for key_node, value_node in node.value:
        label = f"{section}.{_label(key_node)}"
        where = _at(name, key_node, label)
        wrong_key = _key_problem(key_node)
        if wrong_key:
            problems.append(f"{where}: {wrong_key}")
            continue
        key = fold(key_node.value)
        if (section, key) in lines:
            problems.append(f"{where}: duplicate key (first on line {lines[(section, key)]})")
            continue
        lines[(section, key)] = line_of(key_node)
        entries[key] = _targets(value_node, label, name, problems)
        if section == "student" and entries[key] == (key,):
            # In english a loanword may map to itself: the dossier writes "webshop" too, and
            # the entry tells the search the word is English. A student word gains nothing.
            problems.append(f"{where}: mapped to itself")
    return entries


def _key_problem(node: yaml.Node) -> str | None:
    if not isinstance(node, yaml.ScalarNode) or node.tag != _STR:
        return f"key is not a string but {kind_of(node)} (put it in quotes)"
    key: str = node.value
    if not key.strip():
        return "empty key"
    if key != key.lower():
        return "key is not lower case"
    if key != " ".join(key.split()):
        return "key has extra spaces"
    return None


def _targets(node: yaml.Node, label: str, name: str, problems: list[str]) -> tuple[str, ...]:
    """The dossier words of one entry: one string, or a list of non-empty strings."""
    if isinstance(node, yaml.SequenceNode):
        items = list(node.value)
        if not items:
            problems.append(f"{_at(name, node, label)}: empty list")
    elif isinstance(node, yaml.ScalarNode) and node.tag == _STR:
        items = [node]
    else:
        expected = "expected a list of dossier words"
        problems.append(f"{_at(name, node, label)}: {expected}, not {kind_of(node)}")
        return ()
    targets: list[str] = []
    for item in items:
        where = _at(name, item, label)
        target = " ".join(fold(item.value).split()) if _is_text(item) else ""
        if not _is_text(item):
            problems.append(f"{where}: expected a word, not {kind_of(item)}")
        elif not target:
            problems.append(f"{where}: empty word")
        elif target in targets:
            problems.append(f"{where}: {item.value!r} is listed twice")
        else:
            targets.append(target)
    return tuple(targets)


def _is_text(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _STR
