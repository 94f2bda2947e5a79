"""Issue 12: caches keyed by what users type hold words and short strings only, within a fixed
ceiling, and give the same answers as computing afresh."""

from __future__ import annotations

import gc
import random
import tracemalloc
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from bot.core.assistant import Assistant
from bot.core.events import Person, Text
from bot.search import text
from bot.search.text import STOPWORDS, content_words, fold, separable_verbs, stem, words

ACCENTED = "geïnteresseerd coördineert één reëel financiële categorieën ideeën privé café".split()
PLAIN = "klant acquisitie werkproces gedrag resultaat offerte accountplan".split()


def reference_fold(value: str) -> str:
    """fold as it was before issue 12: the whole text at once."""
    if value.isascii():
        return value.casefold()
    value = unicodedata.normalize("NFKD", value.replace("\u00a0", " "))
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    return value.casefold()


def caches() -> list[Any]:
    """Every cache of bot.search.text: ShortCaches (lru_caches before issue 12)."""
    return [
        value
        for value in vars(text).values()
        if hasattr(value, "cache_info") or (isinstance(value, dict) and hasattr(value, "size"))
    ]


def entries() -> int:
    return sum(len(c) if isinstance(c, dict) else c.cache_info().currsize for c in caches())


def clear_caches() -> None:
    for cache in caches():
        cache.clear() if isinstance(cache, dict) else cache.cache_clear()


@contextmanager
def retained() -> Iterator[Callable[[], int]]:
    """Bytes still allocated after the block (garbage collected), as a callable."""
    gc.collect()
    tracemalloc.start()
    start = tracemalloc.get_traced_memory()[0]
    result = {"bytes": 0}
    try:
        yield lambda: result["bytes"]
    finally:
        gc.collect()
        result["bytes"] = tracemalloc.get_traced_memory()[0] - start
        tracemalloc.stop()


def long_text(rng: random.Random, n: int, accented: bool = True) -> str:
    """A distinct ~4,000-character message made of a few known words (and its number)."""
    vocabulary = PLAIN + (ACCENTED if accented else [])
    body = " ".join(rng.choice(vocabulary) for _ in range(600))
    return f"{n} {body}"[:4000]


# -- same answers ---------------------------------------------------------------------------


def test_fold_gives_the_same_text_as_folding_it_whole() -> None:
    rng = random.Random(12)
    pool = [*"abcAZ ,.\t\n", "\u00a0", "\u0301", "\u0308", "\u0327", "é", "Ë", "ï", "ß"]
    pool += ["ﬁ", "Σ", "ς", "İ", "¨", "´", "ǅ", "Å", "①", "\U0001d400", "\U0001f600", "ŉ", "ΐ"]
    samples = ["", " ", "  ", " é ", "a\u00a0é", "e\u0301 \u0301e", "´ ¨ é"]
    samples += ["".join(rng.choice(pool) for _ in range(rng.randint(0, 300))) for _ in range(3000)]
    samples += [long_text(rng, n) for n in range(5)] + ["é" * 5000, "Ë " * 2000]
    for sample in samples:
        assert fold(sample) == reference_fold(sample), repr(sample)
        assert fold(sample) == fold(sample)  # a cached answer is the answer


def test_word_helpers_read_a_long_text_as_before() -> None:
    message = "Stelt offertes op en brengt ze uit, coördineert één categorieën " * 60
    folded = reference_fold(message)
    assert words(message) == text._WORD.findall(folded)
    assert content_words(message) == [
        w for w in text._WORD.findall(folded) if w not in STOPWORDS and len(w) > 1
    ]
    assert separable_verbs(message)[:2] == ["opstelt", "uitbrengt"]


def test_stem_of_a_long_word_is_computed_the_same() -> None:
    for word in ["brengt", "acquireert", "bewaak", "inventariseren", "a" * 64]:
        assert stem(word) == text._stem(word)
    long_word = "acquireert" * 20
    assert stem(long_word) == text._stem(long_word)
    assert stem("brengt") == stem("brengen") and stem("acquireert") == stem("acquireren")


# -- nothing kept of long texts -------------------------------------------------------------


def test_a_long_text_is_not_a_cache_key() -> None:
    clear_caches()
    fold("é" * 5000)  # one long run of accents: folded, not kept
    fold("klant " * 800)  # ASCII: folded in C, not kept
    fold("Ë" + "klant " * 800)
    stem("b" * 5000)
    assert all(len(key) <= text.CACHED_CHARS for key in text._PLAIN)
    assert "é" * 5000 not in text._PLAIN and not text._FOLDED and not text._STEMS
    assert entries() == 1  # "Ë", a run of one accented letter
    fold("coördineert één")  # a short string is kept whole
    assert "coördineert één" in text._FOLDED


def test_folding_distinct_long_texts_keeps_nothing_of_them() -> None:
    rng = random.Random(7)
    clear_caches()
    for n in range(5):  # the words are cached once, before measuring
        for word in words(long_text(rng, n))[1:]:
            stem(word)
    with retained() as kept:
        for n in range(300):
            message = long_text(rng, n, accented=n % 2 == 0)
            words(message)
            content_words(message)
            separable_verbs(message)
            for word in words(message)[1:40]:  # its words, not its number
                stem(word)
        del message
    # Whole-message caching kept ~10 KB a message here (3.1 MB); words once: nothing.
    assert kept() < 50_000


def test_distinct_long_words_are_not_kept() -> None:
    rng = random.Random(3)
    clear_caches()
    with retained() as kept:
        for _ in range(100):
            blob = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(3000))
            stem(blob)
            fold(blob + "é")
        del blob
    assert kept() < 50_000  # kept whole (key, stem, fold), ~15 KB a word: 1.5 MB


async def test_a_flood_of_long_messages_leaves_the_core_no_bigger(assistant: Assistant) -> None:
    rng = random.Random(4)
    people = [Person(n, f"student{n}") for n in range(1, 4)]
    for n in range(6):  # warm up: first replies, the words cached
        await assistant.handle(Text(people[n % 3], long_text(rng, n)))
    with retained() as kept:
        for n in range(20):
            await assistant.handle(Text(people[n % 3], long_text(rng, 1000 + n)))
    # The whole-message caches kept ~30 KB per distinct long message (630 KB here).
    assert kept() < 200_000


# -- bounded by what they hold --------------------------------------------------------------


def test_every_cache_is_bounded_and_keeps_only_short_strings() -> None:
    found = caches()
    assert {id(c) for c in found} == {id(text._FOLDED), id(text._PLAIN), id(text._STEMS)}
    for cache in found:
        assert isinstance(cache, text.ShortCache) and cache.size <= 16384
    assert text.CACHED_CHARS <= 64
    assert getattr(text._STEMMER, "maxCacheSize", 0) == 0  # PyStemmer keeps nothing itself


def test_a_full_cache_is_emptied_not_grown() -> None:
    cache = text.ShortCache(str.upper, 3)
    assert [cache[w] for w in ["a", "b", "c", "d"]] == ["A", "B", "C", "D"]
    assert len(cache) == 1 and cache["x" * 65] == "X" * 65 and "x" * 65 not in cache


def words_of_64(rng: random.Random) -> str:
    return "".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=64))


def accented_64(rng: random.Random) -> str:
    return "".join(rng.choices(["\U0001d400", "é", "a"], k=64))


def accents_64(rng: random.Random) -> str:
    return "".join(rng.choices(["\U0001d400", "é", "\u4e00"], k=64))


@pytest.mark.parametrize(
    ("name", "function", "make", "budget"),
    [
        ("_STEMS", stem, words_of_64, 6),
        ("_FOLDED", fold, accented_64, 3),
        ("_PLAIN", lambda run: fold(f"a{run}a"), accents_64, 1),
    ],
)
def test_a_full_cache_of_the_longest_keys_stays_within_its_budget(
    name: str, function: Callable[[str], str], make: Callable[[random.Random], str], budget: int
) -> None:
    """Filled up with the longest keys it takes, a cache stays within a few MB."""
    rng = random.Random(9)
    cache = getattr(text, name)
    clear_caches()
    with retained() as kept:
        for _ in range(cache.size - 1):
            function(make(rng))
    assert len(cache) == cache.size - 1
    assert kept() < budget * 2**20
