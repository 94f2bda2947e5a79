"""Words a line break split at a hyphen: rejoined or kept, judged by the document's own words.

A PDF line break leaves 'mede-' / 'werker' for 'medewerker', but also breaks real hyphenated
forms ('e-' / 'commerce', 'import-' / 'en/of export', 'mbo-' / 'opleiding'). Which one a break
is follows from how the same document writes its words inside lines (its ``Lexicon``):

1. no letter on one side ('mbo-' / '4', '(e-' / ')logistiek', '2009-'): the hyphen is kept;
2. a conjunction after it ('import-' / 'en/of'): the hyphen stands for a shared word part;
3. the document prints 'x-y' inside a line: the hyphen is real ('communicatie-activiteiten');
4. the document uses 'xy' as a word: the break split a word ('mede-werker' -> 'medewerker');
5. the document writes 'x-' before other words inside lines ('non-food'): a real prefix;
6. neither part is a word of the document and the split could be a syllable break
   ('onafhan-' / 'kelijke'): one word;
7. otherwise two words of their own: a compound with its hyphen ('ECABO-domein').

Each importer's ``parse`` runs under ``with_lexicon``, so the join points deep in its parsers
consult the document being imported without passing it along; outside one, every hyphen that
rules 1-2 do not settle is kept.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from bot.knowledge.importers.lexicon import Lexicon, letters_after, letters_before

_BROKEN = re.compile(r"[\w(]-$")  # a hyphen glued to a word ends the text ('mede-', '(e-')
_HYPHENATED_WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")
_CONJUNCTIONS = frozenset({"en", "of", "en/of", "tot", "t/m", "&"})
_VOWELS = frozenset("aeiouyáéíóúëïöü")

_Data = TypeVar("_Data")
_CURRENT: ContextVar[Lexicon | None] = ContextVar("lexicon", default=None)


def _lexicon() -> Lexicon:
    """The lexicon of the document being imported (none outside ``document``)."""
    current = _CURRENT.get()
    return Lexicon.empty() if current is None else current


def _syllable_break(x: str, y: str) -> bool:
    """Could 'x-' / 'y' be one word split by the typesetter? Not an acronym, a short prefix,
    a capitalised second part or two colliding vowels ('prestatie-indicatoren')."""
    return (
        len(x) >= 3
        and x[1:].islower()
        and y[:1].islower()
        and not (x[-1].lower() in _VOWELS and y[0] in _VOWELS)
    )


def keeps_hyphen(x: str, y: str, lexicon: Lexicon) -> bool:
    """Rules 3-7 for the letters 'x' before and 'y' after a hyphen a line break ended on."""
    if not lexicon.words or lexicon.prints(f"{x}-{y}"):  # no document, no evidence: keep
        return True
    if lexicon.is_word(x + y):
        return False
    if lexicon.is_prefix(x):
        return True
    return lexicon.is_word(x) or lexicon.is_word(y) or not _syllable_break(x, y)


def join_broken_line(left: str, right: str) -> str:
    """Two pieces of one sentence a line break split: a space between them, unless `left`
    ends with a hyphen, which is kept or dropped by the rules above."""
    if not _BROKEN.search(left):
        return f"{left} {right}"
    if right.split(" ", 1)[0] in _CONJUNCTIONS:
        return f"{left} {right}"
    x, y = letters_before(left[:-1]), letters_after(right)
    if not (x and y) or keeps_hyphen(x, y, _lexicon()):
        return left + right
    return left[:-1] + right


def rejoin_words(text: str) -> str:
    """Text whose hyphenated words the document never prints inside a line came from a
    line break (e.g. table cells spelled as printed): each hyphen is judged by the rules."""
    lexicon = _lexicon()

    def judge(match: re.Match[str]) -> str:
        parts = match.group().split("-")
        word = parts[0]
        for part in parts[1:]:
            x, y = letters_before(word), part
            word += ("-" if keeps_hyphen(x, y, lexicon) else "") + part
        return word

    return _HYPHENATED_WORD.sub(judge, text)


def _with_split_words(lexicon: Lexicon) -> Lexicon:
    """The lexicon plus the words rule 6 recovers from line breaks ('onafhankelijke'), so the
    same word broken elsewhere as a compound ('Communicatie-' / 'adviesbureaus') joins too."""
    split = {
        x + y
        for x, y in lexicon.breaks
        if y and not lexicon.is_word(x + y) and not keeps_hyphen(x, y, lexicon)
    }
    return lexicon.with_words(split)


@contextmanager
def document(text: str) -> Iterator[Lexicon]:
    """Judge line-end hyphens by this document's words while the block runs."""
    lexicon = _with_split_words(Lexicon.of(text))
    token = _CURRENT.set(lexicon)
    try:
        yield lexicon
    finally:
        _CURRENT.reset(token)


def with_lexicon(parse: Callable[[str, str], _Data]) -> Callable[[str, str], _Data]:
    """Decorate an importer's ``parse(text, source_id)`` to run under its text's lexicon."""

    @functools.wraps(parse)
    def wrapped(text: str, source_id: str) -> _Data:
        with document(text):
            return parse(text, source_id)

    return wrapped
