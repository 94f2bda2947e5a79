"""grade(): a typed answer graded leniently, the Dutch way (pure, no I/O).

Forgiven: case, diacritics, punctuation and spacing, a missing or extra article (de, het,
een, the, a, an), filler ("het is ...", "it is ..."), word order, another form of a word
(plural, verb form: the same Snowball stem) and a typo or two. Never forgiven: a different
code (B1-K1-W3 for B1-K1-W2), a different number, a different word, or an answer closer to
one of the wrong candidates (`others`) than to the accepted one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from bot.quiz.text import normalise
from bot.search.text import fold, stem

ARTICLES = frozenset("de het een the a an".split())
TYPOS = 2  # edits (a swap of two letters is one) forgiven over the whole answer
# Said instead of an answer: refused without comparing.
DONT_KNOW = frozenset(
    "weet niet|weet ik niet|ik weet het niet|geen idee|idk|i dont know|dont know|no idea|"
    "pass|skip|geen|niks|niets|nothing|none".split("|")
)
# Said before or after an answer: dropped, unless the accepted answer says it too.
FILLERS = tuple(
    tuple(f.split())
    for f in (
        "i think it is|i think its|i think|it is|its|the answer is|answer|my answer is|"
        "ik denk dat het|ik denk|het antwoord is|antwoord|dat is|dit is|het is|denk ik"
    ).split("|")
)
_SEP = r"\s?[-./]?\s?"
_FULL_CODE = re.compile(  # B1-K1-W2, P4-K2, b1k1w2, p5.k3.w2, P1 kt1 wp7
    rf"\b([bp])\s?(\d{{1,2}}){_SEP}(?:kerntaak|kt|k)\s?(\d{{1,2}})"
    rf"(?:{_SEP}(?:werkproces|wp|w)\s?(\d{{1,2}}))?\b"
)
_PART_CODE = re.compile(  # wp 3.5, werkproces 2,4, kt 2, kerntaak 1
    r"\b(werkproces|work\s?process|wp|kerntaak|core\s?task|kt)\s?(\d{1,2}(?:[.,]\d{1,2}){0,2})\b"
)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[a-z0-9]+")
_APOSTROPHE = re.compile(r"['’‘`]")
_RAW_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Verdict:
    """The grade of one answer; `forgiven` names what was overlooked, for feedback."""

    correct: bool
    exact: bool  # nothing forgiven (case, punctuation, code separators aside)
    matched: str | None  # the accepted answer it matched
    forgiven: tuple[str, ...] = ()  # "accents", "article", "filler", "form", "typo", ...


REFUSED = Verdict(False, False, None)


@dataclass(frozen=True)
class _Form:
    """An answer taken apart: codes and numbers (exact only) and the remaining words."""

    codes: frozenset[str]
    numbers: frozenset[str]
    words: tuple[str, ...]  # no articles, no filler
    articles: tuple[str, ...]
    said: tuple[str, ...]  # every token, articles and filler included
    filler: bool = False  # filler was dropped

    def key(self) -> str:
        """Codes, numbers and word stems, for measuring how close two answers are."""
        return " ".join([*sorted(self.codes), *sorted(self.numbers), *map(stem, self.words)])


def _code(match: re.Match[str]) -> str:
    """One spelling per code: "b1-k1-w2", "p4-k2", "wp3.5", "kt2"."""
    if match.re is _FULL_CODE:
        parts = [f"{match[1]}{int(match[2])}", f"k{int(match[3])}"]
        return "-".join(parts + ([f"w{int(match[4])}"] if match[4] else []))
    kind = "kt" if match[1].startswith(("k", "c")) else "wp"
    return kind + ".".join(str(int(n)) for n in re.split(r"[.,]", match[2]))


def _form(text: str, strip: Sequence[str] = ()) -> _Form:
    """Codes, numbers and words of a folded text; filler dropped unless `strip` starts so."""
    rest = _APOSTROPHE.sub("", fold(text))
    codes = set()
    for pattern in (_FULL_CODE, _PART_CODE):
        codes |= {_code(m) for m in pattern.finditer(rest)}
        rest = pattern.sub(" ", rest)
    tokens = _TOKEN.findall(rest)
    said = tuple(tokens)
    numbers = frozenset(t.replace(",", ".") for t in tokens if t[0].isdigit())
    said_words = [t for t in tokens if not t[0].isdigit()]
    tokens = _unfilled(said_words, list(strip))
    words = tuple(t for t in tokens if t not in ARTICLES)
    articles = tuple(t for t in tokens if t in ARTICLES)
    filler = len(tokens) < len(said_words)
    return _Form(frozenset(codes), numbers, words, articles, said, filler)


def _unfilled(tokens: list[str], accepted: list[str]) -> list[str]:
    """Tokens without leading or trailing filler the accepted answer does not have."""
    changed = True
    while changed:
        changed = False
        for f in FILLERS:
            n = len(f)
            if len(tokens) >= n and tuple(tokens[:n]) == f and tuple(accepted[:n]) != f:
                tokens, changed = tokens[n:], True
            elif len(tokens) >= n and tuple(tokens[-n:]) == f and tuple(accepted[-n:]) != f:
                tokens, changed = tokens[:-n], True
    return tokens


def allowed(word: str) -> int:
    """Typos forgiven in one word: none up to 3 letters or with a digit, 1 up to 7, else 2."""
    if any(c.isdigit() for c in word) or len(word) <= 3:
        return 0
    return 1 if len(word) <= 7 else 2


def _pair(given: str, right: str) -> tuple[int, str] | None:
    """(edits, what was forgiven) for one word against one accepted word; None: different."""
    if given == right:
        return 0, ""
    if allowed(right) == 0:
        return None
    if stem(given) == stem(right):
        return 0, "form"
    edits = min(OSA.distance(given, right), OSA.distance(stem(given), stem(right)))
    return (edits, "typo") if edits <= allowed(right) else None


def _ordered(given: Sequence[str], right: Sequence[str]) -> tuple[int, set[str]] | None:
    pairs = [_pair(g, r) for g, r in zip(given, right, strict=True)]
    if any(p is None for p in pairs):
        return None
    return sum(p[0] for p in pairs if p), {p[1] for p in pairs if p and p[1]}


def _unordered(given: Sequence[str], right: Sequence[str]) -> tuple[int, set[str]] | None:
    """Each given word paired with an accepted word, the closest pairs first."""
    costs = sorted(
        (p[0], i, j, p[1])
        for i, g in enumerate(given)
        for j, r in enumerate(right)
        if (p := _pair(g, r)) is not None
    )
    used_g: set[int] = set()
    used_r: set[int] = set()
    edits, labels = 0, {"word order"}
    for cost, i, j, label in costs:
        if i not in used_g and j not in used_r:
            used_g.add(i)
            used_r.add(j)
            edits += cost
            labels |= {label} - {""}
    return (edits, labels) if len(used_g) == len(right) else None


def _words(given: Sequence[str], right: Sequence[str]) -> tuple[int, set[str]] | None:
    """(edits, what was forgiven) for the words of an answer; None when they differ."""
    found = None
    if len(given) == len(right):
        found = _ordered(given, right) or _unordered(given, right)
    elif given and "".join(given) == "".join(right):  # "after-sales", "aftersales"
        found = (0, {"spacing"})
    return found if found and found[0] <= TYPOS else None


def _accents(given: str, accepted: str) -> bool:
    """True when the answer leaves out accents the accepted answer has ("commerciele")."""
    mine = set(_RAW_WORD.findall(given.casefold()))
    folded = {fold(w) for w in mine}
    right = [w for w in _RAW_WORD.findall(accepted.casefold()) if not w.isascii()]
    return any(w not in mine and fold(w) in folded for w in right)


def _match(given: str, accepted: str) -> tuple[int, Verdict] | None:
    """(edits, verdict) for an answer against one accepted answer; None when refused."""
    if normalise(given) == normalise(accepted):
        return 0, Verdict(True, True, accepted)
    right = _form(accepted)
    mine = _form(given, right.said)
    if mine.codes != right.codes or mine.numbers != right.numbers:
        return None
    found = _words(mine.words, right.words)
    if found is None:
        return None
    edits, labels = found
    labels |= {"article"} if mine.articles != right.articles else set()
    labels |= {"filler"} if mine.filler else set()
    labels |= {"accents"} if _accents(given, accepted) else set()
    order = ("accents", "article", "filler", "form", "spacing", "typo", "word order")
    forgiven = tuple(x for x in order if x in labels)
    return edits, Verdict(True, not forgiven, accepted, forgiven)


def _closeness(given: _Form, other: _Form) -> float:
    return fuzz.token_sort_ratio(given.key(), other.key())


def grade(given: str, accepted: Sequence[str], *, others: Sequence[str] = ()) -> Verdict:
    """The grade of a typed answer against the accepted answers. An answer closer to one
    of `others` (the wrong candidates of the same kind) than to the accepted answer it
    matched is refused, however near it is."""
    mine = _form(given)
    if not mine.words and not mine.codes and not mine.numbers:
        return REFUSED
    if " ".join(mine.said) in DONT_KNOW and normalise(given) not in map(normalise, accepted):
        return REFUSED
    found = [m for a in accepted if (m := _match(given, a)) is not None]
    if not found:
        return REFUSED
    best = min(found, key=lambda m: (not m[1].exact, m[0], len(m[1].forgiven)))[1]
    if best.exact:
        return best
    rights = {normalise(a) for a in accepted}
    near = _closeness(mine, _form(best.matched or ""))
    if any(_closeness(mine, _form(o)) > near for o in others if normalise(o) not in rights):
        return REFUSED
    return best
