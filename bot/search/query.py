"""From a question to weighted index terms, and the words that carry its content.

Each content word is expanded through the lexical index (exact, English, synonym, compound,
typo, derived readings); separable verbs and compounds typed as two words are joined first.
Generic domain words still search but weigh little, and do not count as content.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from bot.search.intent import Intent
from bot.search.lexical import LexicalIndex, QueryTerm
from bot.search.lexicon import PHRASES, is_english
from bot.search.text import STOPWORDS, fold, separable_verbs, stem, words

# Words so common in this domain that matching them alone says nothing about the dossier.
GENERIC = frozenset(
    """
    accountmanager accountmanagers junior commercie commercieel commerciele medewerker
    opleiding dossier bot mbo student stage stagebegeleider school docent werk werken
    bedrijf bedrijven beroep vak moet kunnen doen weten leren goed belangrijk precies soort
    welke welk wat hoe wie waar werkproces werkprocessen kerntaak kerntaken profiel
    """.split()
)
# Words that name a source: once read as a source hint they are not content to match.
SOURCE_WORDS = frozenset(
    "bcp sbb onderzoek beroepenonderzoek research cgo europass kwalificatiedossier".split()
)
GENERIC_STEMS = frozenset(stem(w) for w in GENERIC)
GENERIC_WEIGHT = 0.3


def query_terms(
    question: str, intent: Intent, index: LexicalIndex
) -> tuple[list[QueryTerm], list[str]]:
    """Query terms and the informative words they come from."""
    text = fold(question)
    for phrase, dutch in PHRASES.items():
        text = re.sub(rf"\b{re.escape(phrase)}\b", dutch, text)
    content = [
        w
        for w in words(text)
        if w not in STOPWORDS and w not in SOURCE_WORDS and (len(w) > 1 or w.isdigit())
    ]  # a lone digit can be what a fact is about ("een 7", "niveau 4")
    # "wat houdt X in" asks what X is; it is not the verb "inhouden".
    joined = separable_verbs(text, skip=frozenset({"in"}), question=True)
    content += [v for v in joined if v not in content]
    content += _joined_compounds(content, index)
    english = is_english(content)
    terms: list[QueryTerm] = []
    for word in content:
        expanded = index.expand(word, english)
        if stem(word) in GENERIC_STEMS:
            expanded = [replace(t, weight=t.weight * GENERIC_WEIGHT) for t in expanded]
        terms += expanded
    informative = [
        w
        for w in content
        if stem(w) not in GENERIC_STEMS and w not in SOURCE_WORDS and not w.isdigit()
    ]
    return terms, informative


def _joined_compounds(content: list[str], index: LexicalIndex) -> list[str]:
    """Compounds written as two words ('toelatings eisen', 'account plan') as one."""
    joined = []
    for left, right in pairwise(content):
        for word in (left + right, left.removesuffix("s") + "s" + right):
            if word in index.vocabulary and word not in content and len(word) >= 8:
                joined.append(word)
                break
    return joined
