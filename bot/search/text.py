"""Text normalisation, tokenising and Dutch stemming shared by the index and the queries."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from itertools import filterfalse

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("dutch")
_WORD = re.compile(r"[a-z0-9]+")
_DOUBLE_VOWEL_END = re.compile(r"(aa|ee|oo|uu)([^aeiou])$")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")

# Function words of Dutch and English questions: they say nothing about which item is meant.
STOPWORDS = frozenset(
    """
    de het een en of van in op aan te tot met voor bij als dat die dit deze er is zijn was
    wat welke welk wie waar wanneer hoe waarom wel niet geen ook nog al dan maar om uit over
    door naar zo je jij jou jouw u uw ik mij me mijn we wij ons onze hij zij ze hem haar hun
    mn m'n zn kan kun kunt moet moeten mag mogen wil willen zal zou heb hebt heeft hebben word
    wordt worden ben bent doe doet doen ga gaat gaan staat staan zit zitten er hier daar
    alles allemaal eigenlijk nou nu even ff effe pls plz aub graag dus want toch echt heel
    veel iets wat's uitleg uitleggen leg uit zeg vertel betekent betekenis houd houdt inhoud
    in nodig hoort horen hoor bedoeld bedoelt ding dingen volgens staan stond zeggen zegt
    hoeveel iemand elkaar waarin onder boven tussen zonder tijdens na sinds via vd vh
    waarbij waarvoor ervoor zich zelf mezelf jezelf ons onszelf hen wie wiens elk elke
    iedereen niemand niks niets ooit altijd soms vaak nooit gewoon misschien best beetje
    meer minder meeste meestal minst minste zodat omdat terwijl ofzo enzo enz etc steeds eerst
    daarna toen elke heet heten genoemd meest erin erop eraan ermee erna hierna hierin
    hiermee daarin daarmee daarop eens werd waren tegen reeds kon geweest andere ander
    daarvoor hierover daarover noemt noemen noem beschrijft beschrijven
    the a an and or of in on at to for with by as that this these those is are was were be
    been what which who where when how why do does did can could should would will shall
    i me my we our you your he she it its they them their there here about from into than
    then so not no yes also just please pls explain tell mean means whats what's need
    according besides actually really even say says said they does doing get got have has had
    any some all much many more describe describes mention mentions list most very there's
    it's i'm dont don't after before if because but while theyre they're smth something
    someone anything everything im ive i've youre you're isnt isn't cant can't wont won't
    doesnt doesn't didnt didn't thats that's whats gonna wanna kinda really always often
    """.split()
)


# The caches hold words and short strings only (issue 12): keyed by whole messages, they grew
# by tens of KB per distinct long text, up to GBs for someone sending many different ones.
# At most `size` strings of at most CACHED_CHARS characters each is a fixed ceiling; longer
# strings are computed each time (ASCII text folds in C, at the speed of a cache lookup).
CACHED_CHARS = 64  # longest key a cache keeps: a word, a short question
FOLD_CACHE = 4096  # non-ASCII strings only; measured <= ~500 bytes an entry: <= ~2 MB
RUN_CACHE = 1024  # runs of non-ASCII characters; <= ~560 bytes an entry: <= ~0.6 MB
STEM_CACHE = 16384  # the corpus has ~4,400 distinct words; <= ~260 bytes an entry: <= ~4 MB
if hasattr(_STEMMER, "maxCacheSize"):
    _STEMMER.maxCacheSize = 0  # PyStemmer's own cache keeps any word, of any length


class ShortCache(dict[str, str]):
    """compute(text), kept for texts of at most CACHED_CHARS characters, at most `size` of
    them: bounded by what it holds. Emptied when full, which costs nothing on a hit (unlike
    LRU bookkeeping); the corpus's words are back within a few questions."""

    def __init__(self, compute: Callable[[str], str], size: int) -> None:
        super().__init__()
        self.compute = compute
        self.size = size

    def __missing__(self, text: str) -> str:
        value = self.compute(text)
        if len(text) <= CACHED_CHARS:
            if len(self) >= self.size:
                self.clear()
            self[text] = value
        return value


def _fold(text: str) -> str:
    # Run by run of non-ASCII characters: decomposing and dropping the accents maps each
    # character on its own (the accents are dropped, so how they are ordered does not
    # matter), and ASCII stays as it is.
    return _NON_ASCII.sub(lambda run: _PLAIN[run[0]], text).casefold()


def _without_accents(run: str) -> str:
    decomposed = unicodedata.normalize("NFKD", run.replace("\u00a0", " "))
    return "".join(filterfalse(unicodedata.combining, decomposed))


_PLAIN = ShortCache(_without_accents, RUN_CACHE)  # "ë" -> "e": a few dozen in Dutch text
_FOLDED = ShortCache(_fold, FOLD_CACHE)


def fold(text: str) -> str:
    """Lower-case, accents removed, NBSP and typographic quotes made plain."""
    if text.isascii():
        return text.casefold()
    return _FOLDED[text]


def words(text: str) -> list[str]:
    """The folded alphanumeric words of a text, in order."""
    return _WORD.findall(fold(text))


def _stem(word: str) -> str:
    """Snowball Dutch stem, with verb forms and doubled vowels aligned.

    Snowball keeps 'brengt', 'acquireert' apart from 'brengen', 'acquireren', and undoubles
    vowels in some stems but not others ('bewaak', 'inventariser'). Dropping a -t after a
    consonant and undoubling a final double vowel, on index and query alike, joins them.
    """
    base = _STEMMER.stemWord(word)
    if len(base) > 4 and base[-1] == "t" and base[-2] not in "aeioust":
        base = base[:-1]
    return _DOUBLE_VOWEL_END.sub(lambda m: m.group(1)[0] + m.group(2), base)


_STEMS = ShortCache(_stem, STEM_CACHE)
stem: Callable[[str], str] = _STEMS.__getitem__  # a word's _stem; a cache hit runs no Python


def content_words(text: str) -> list[str]:
    """Words that carry meaning: no stopwords, no single letters."""
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 1]


# Separable-verb particles: "Stelt een accountplan op" is the verb "opstellen".
PARTICLES = frozenset("op uit aan af in mee door bij over terug toe voor na om".split())
_CLAUSE = re.compile(r"[,.;:?!()]|\ben\b|\bof\b")


def separable_verbs(
    text: str, skip: frozenset[str] = frozenset(), question: bool = False
) -> list[str]:
    """Joined forms of separable verbs in a text: 'Stelt offertes op en brengt ze uit' ->
    ['opstelt', 'uitbrengt'] (a particle ending a clause + the clause's verb, or the text's
    first word when the clause starts otherwise: 'Voert marketing- en ...-activiteiten uit')."""
    found_all = words(text)
    joined = []
    for clause in _CLAUSE.split(fold(text)):
        found = words(clause)
        if len(found) < 2 or found[-1] not in PARTICLES or found[-1] in skip:
            continue
        if question:  # "hoe stel ik een accountplan op": the first word that is not a stopword
            verb = next((w for w in found[:-1] if w not in STOPWORDS), "")
        else:  # a title starts with its verb
            verb = found[0] if found[0].endswith("t") else (found_all[0] if found_all else "")
        if verb and verb not in STOPWORDS and verb not in PARTICLES:
            joined.append(found[-1] + verb)
    return joined
