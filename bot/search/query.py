"""From a question to weighted index terms, and the words that carry its content.

Each content word is expanded through the lexical index (exact, English, synonym, compound,
typo, derived readings); separable verbs and compounds typed as two words are joined first.
Generic domain words still search but weigh little, and do not count as content.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from bot.search.intent import Intent
from bot.search.lexical import LexicalIndex, QueryTerm
from bot.search.text import STOPWORDS, fold, separable_verbs, stem, words

GENERIC_WEIGHT = 0.3
PHRASE_WEIGHT = 0.8  # as a single word's synonym: the dossier's word for what the phrase says


def query_terms(
    question: str, intent: Intent, index: LexicalIndex
) -> tuple[list[QueryTerm], list[str]]:
    """Query terms and the informative words they come from."""
    text = index.lexicon.rewrite(fold(question))
    lexicon = index.lexicon
    found = [w for w in words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
    # A lone digit can be what a fact is about ("een 7", "niveau 4"); a source's name says
    # where to look, unless it is all the question asks about ("wat is een bcp").
    content = [w for w in found if w not in lexicon.source_words] or found
    # "wat houdt X in" asks what X is; it is not the verb "inhouden".
    joined = separable_verbs(text, skip=frozenset({"in"}), question=True)
    content += [v for v in joined if v not in content]
    content += _joined_compounds(words(text), content, index)
    english = index.lexicon.is_english(content)
    terms: list[QueryTerm] = []
    for word in content:
        expanded = index.expand(word, english)
        if stem(word) in lexicon.generic_stems:
            expanded = [replace(t, weight=t.weight * GENERIC_WEIGHT) for t in expanded]
        terms += expanded
    terms += _phrase_terms(text, index)
    informative = [w for w in content if stem(w) not in lexicon.generic_stems and not w.isdigit()]
    return terms, informative


def _joined_compounds(written: list[str], content: list[str], index: LexicalIndex) -> list[str]:
    """Compounds written as two words ('toelatings eisen', 'account plan', 'door groeien') as
    one: any two neighbours of the question, stopwords too ('door' is one)."""
    joined = []
    for left, right in pairwise(written):
        for word in (left + right, left.removesuffix("s") + "s" + right):
            if word in index.vocabulary and word not in content and len(word) >= 8:
                joined.append(word)
                break
    return joined


def _phrase_terms(text: str, index: LexicalIndex) -> list[QueryTerm]:
    """Readings of a student's phrases ("koud bellen" -> acquisitie): weaker than the words
    themselves, one term per phrase (the phrase counts once, like a word)."""
    terms = []
    for phrase, meanings in index.lexicon.phrase_meanings(text):
        for word in {w for meaning in meanings for w in words(meaning) if w not in STOPWORDS}:
            found = stem(word)
            if found in index.idf:
                terms.append(QueryTerm(phrase, found, PHRASE_WEIGHT, "phrase"))
    return terms
