"""A BM25 index over Dutch stems, with compound splitting and typo-tolerant query terms.

Documents are bags of weighted stems (a title word counts more than a body word). Queries
are expanded word by word: English words through the bilingual vocabulary, compounds into
their parts ("klantdossier" -> klant + dossier), unknown words to the nearest known word
("vacaturs" -> vacatures) with rapidfuzz. Each query term remembers the word it came from,
so the caller can tell how much of the question the best items explain.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

import numpy as np
from rapidfuzz import fuzz, process

from bot.search.lexicon import Lexicon
from bot.search.text import STOPWORDS, stem, words

K1 = 0.9
B = 0.75
MIN_PART = 3
COMPOUND_WEIGHT = 0.5
SYNONYM_WEIGHT = 0.8
DERIVED_WEIGHT = 0.6
MIN_DERIVED = 5  # shorter stems extend into too many unrelated words
MIN_HEAD = 6  # a compound's known head, when its tail is no word: long enough to mean much
MIN_HEAD_REST = 3


@dataclass(frozen=True)
class QueryTerm:
    word: str  # the question's word this term stands for
    stem: str
    weight: float
    how: str  # exact, english, compound, typo, synonym, derived, phrase (a student phrase)


class Vocabulary:
    """Every folded word of the corpus, for compound splitting and typo correction."""

    def __init__(self, counts: Counter[str]) -> None:
        self.counts = counts
        # Candidates by first letter: a typo rarely changes the first letter, and this keeps
        # corrections both faster and less far-fetched ("recept" does not become "concept").
        self._choices: dict[str, list[str]] = defaultdict(list)
        for word in counts:
            if len(word) >= 4:
                self._choices[word[0]].append(word)

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def split(self, word: str) -> tuple[str, str] | None:
        """The best two-part split of a compound into known words, or None."""
        best: tuple[int, str, str] | None = None
        for i in range(MIN_PART, len(word) - MIN_PART + 1):
            head, tail = word[:i], word[i:]
            if head.endswith("s") and head[:-1] in self.counts and tail in self.counts:
                head = head[:-1]  # the linking -s of Dutch compounds (verkoopsgesprek)
            elif head not in self.counts or tail not in self.counts:
                continue
            if len(tail) < 4 or head in STOPWORDS or tail in STOPWORDS:
                continue
            balance = min(len(head), len(tail))
            if best is None or balance > best[0]:
                best = (balance, head, tail)
        return (best[1], best[2]) if best else None

    def head(self, word: str) -> tuple[str] | None:
        """The known word a compound starts with when its tail is no word of the corpus
        ('beoordeling|score'): the head carries the meaning, so it is indexed too."""
        for i in range(len(word) - MIN_HEAD_REST, MIN_HEAD - 1, -1):
            head = word[:i]
            if head in self.counts and head not in STOPWORDS:
                return (head,)
        return None

    def split_fuzzy(self, word: str) -> tuple[tuple[str, str], float] | None:
        """A compound whose head is known and whose misspelt tail is near a known word."""
        best: tuple[float, str, str] | None = None
        for i in range(4, len(word) - 3):
            head = word[:i]
            if head not in self.counts or head in STOPWORDS:
                continue
            fixed = self.correct(word[i:])
            if fixed and (best is None or fixed[1] > best[0]):
                best = (fixed[1], head, fixed[0])
        return ((best[1], best[2]), best[0]) if best else None

    def known_part(self, word: str) -> str | None:
        """The longest known word that a compound starts or ends with ('crebo|nummer')."""
        best = ""
        for i in range(4, len(word) - 3):
            head, tail = word[:i], word[i:]
            for part in (head, tail):
                if part in self.counts and part not in STOPWORDS and len(part) > len(best):
                    best = part
        # A short known piece of a long unknown word is as likely chance ('foto|synthese').
        return best if len(best) >= 5 and len(best) * 5 >= len(word) * 2 else None

    def correct(self, word: str) -> tuple[str, float] | None:
        """The nearest known word to a misspelt one, with its similarity (0-100)."""
        if len(word) < 4:
            return None
        cutoff = 90.0 if len(word) <= 5 else 84.0
        found = process.extract(
            word, self._choices.get(word[0], []), scorer=fuzz.ratio, score_cutoff=cutoff, limit=5
        )
        if not found:
            return None
        # Among near-equal candidates the commoner word is the likelier intended one.
        top = found[0][1]
        best = max((m for m in found if m[1] >= top - 3), key=lambda m: (self.counts[m[0]], m[1]))
        return best[0], best[1]


class LexicalIndex:
    """BM25 over weighted stems of a fixed list of documents."""

    def __init__(self, documents: list[list[tuple[str, float]]], lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        counts: Counter[str] = Counter()
        for document in documents:
            for text, _ in document:
                counts.update(words(text))
        self.vocabulary = Vocabulary(counts)
        self._splits: dict[str, tuple[str, ...] | None] = {
            w: self.vocabulary.split(w) or (self.vocabulary.head(w) if len(w) >= 9 else None)
            for w in counts
            if len(w) >= 7
        }
        self.bags = [self._bag(document) for document in documents]
        self.lengths = [sum(bag.values()) for bag in self.bags]
        self.avg_length = sum(self.lengths) / max(len(self.lengths), 1)
        self.size = len(documents)
        self.postings = self._postings()
        n = self.size
        self.idf = {
            term: math.log(1 + (n - len(docs) + 0.5) / (len(docs) + 0.5))
            for term, (docs, _) in self.postings.items()
        }
        self.max_idf = math.log(1 + (n + 0.5) / 0.5)
        self._by_prefix: dict[str, list[str]] = defaultdict(list)
        for term in self.idf:
            for cut in (1, 2):
                if len(term) - cut >= MIN_DERIVED:
                    self._by_prefix[term[: len(term) - cut]].append(term)

    def _postings(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Per stem: the documents containing it and their BM25 term weight (without idf).

        The length-normalised part of BM25 is fixed per (term, document), so it is computed
        once here; a query then only adds up arrays.
        """
        lists: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for index, bag in enumerate(self.bags):
            norm = K1 * (1 - B + B * self.lengths[index] / (self.avg_length or 1.0))
            for term, tf in bag.items():
                docs, weights = lists[term]
                docs.append(index)
                weights.append(tf * (K1 + 1) / (tf + norm))
        return {
            term: (np.array(docs, dtype=np.int32), np.array(weights, dtype=np.float64))
            for term, (docs, weights) in lists.items()
        }

    def _bag(self, document: list[tuple[str, float]]) -> dict[str, float]:
        bag: defaultdict[str, float] = defaultdict(float)
        for text, weight in document:
            for word in words(text):
                if word in STOPWORDS:
                    continue
                bag[stem(word)] += weight
                parts = self._splits.get(word)
                if parts:
                    for part in parts:
                        bag[stem(part)] += weight * COMPOUND_WEIGHT
        return bag

    def parts(self, word: str) -> tuple[str, ...]:
        """The known parts of a corpus compound, or () for a simple word."""
        return self._splits.get(word) or ()

    def expand(self, word: str, english: bool = False) -> list[QueryTerm]:
        """Index terms for one question word (empty when nothing in the corpus fits)."""
        meant = [w for found in self.lexicon.synonyms(word) for w in words(found) if len(w) > 1]
        extra = [QueryTerm(word, stem(w), SYNONYM_WEIGHT, "synonym") for w in meant]
        extra = [t for t in extra if t.stem in self.idf]
        if extra and word not in self.vocabulary:
            # The synonym is the meaning: full weight, and no guessing at a misspelling.
            return [replace(t, weight=1.0) for t in extra]
        terms = self._expand(word, english) + extra
        return terms + self._derived(terms)

    def _derived(self, terms: list[QueryTerm]) -> list[QueryTerm]:
        """Index stems that extend a term's stem by a letter or two ('advie' -> 'adviser'):
        Dutch derivations the stemmer leaves apart, as weaker readings of the same word."""
        out = []
        for term in terms:
            if term.how == "compound" or len(term.stem) < MIN_DERIVED:
                continue
            for other in self._by_prefix.get(term.stem, ()):
                if other != term.stem and len(other) - len(term.stem) <= 2:
                    out.append(
                        replace(
                            term, stem=other, weight=term.weight * DERIVED_WEIGHT, how="derived"
                        )
                    )
        return out

    def _expand(self, word: str, english: bool = False) -> list[QueryTerm]:
        dutch = [w for found in self.lexicon.translate(word) for w in words(found) if len(w) > 1]
        known = word in self.vocabulary
        if dutch and (english or not known):
            terms = [QueryTerm(word, stem(w), 1.0, "english") for w in dutch]
            if known:
                # In an English question a Dutch loanword match ("big data") is weaker evidence.
                terms.append(QueryTerm(word, stem(word), 0.5, "exact"))
            return terms
        if word in self.vocabulary or stem(word) in self.idf:
            return [QueryTerm(word, stem(word), 1.0, "exact")]  # known, or a known inflection
        parts = self.vocabulary.split(word)
        if parts:
            return [QueryTerm(word, stem(p), 0.7, "compound") for p in parts]
        corrected = self.vocabulary.correct(word)
        if corrected:
            fixed, similarity = corrected
            return [QueryTerm(word, stem(fixed), similarity / 100, "typo")]
        fuzzy = self.vocabulary.split_fuzzy(word)
        if fuzzy:
            (head, tail), similarity = fuzzy
            return [
                QueryTerm(word, stem(head), 0.7, "compound"),
                QueryTerm(word, stem(tail), 0.7 * similarity / 100, "typo"),
            ]
        part = self.vocabulary.known_part(word)
        return [QueryTerm(word, stem(part), 0.6, "compound")] if part else []

    def score(self, terms: list[QueryTerm], limit: int | None = None) -> dict[int, float]:
        """BM25 score per document index for the query terms; the best `limit` when given."""
        scores = np.zeros(self.size)
        by_word: dict[tuple[str, str], list[QueryTerm]] = defaultdict(list)
        for term in terms:
            # Parts of a compound each carry meaning; other readings are alternatives.
            by_word[(term.word, term.stem if term.how == "compound" else "")].append(term)
        for alternatives in by_word.values():
            # A question word counts once: its best reading (exact, translation, synonym,
            # correction) per document, not the sum of all its readings.
            best = np.zeros(self.size)
            for term in alternatives:
                found = self.postings.get(term.stem)
                if found is not None:
                    docs, weights = found
                    np.maximum.at(best, docs, term.weight * self.idf[term.stem] * weights)
            scores += best
        hits = np.flatnonzero(scores)
        if limit is not None and len(hits) > limit:
            hits = hits[np.argpartition(-scores[hits], limit)[:limit]]
        return {int(i): float(scores[i]) for i in hits}
