"""Replies about the profiles themselves: which fits a student's interests, two side by side,
their level from the dossier's overview, and the offer to follow the one a student names.

Every line shown is the dossier's own text (a title, the level, a sentence of the typering);
the ranking and the layout are ours.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.answers.compose import Composer
from bot.knowledge.model import Item, Table
from bot.knowledge.texts import sentences
from bot.reply.callbacks import DOSSIER, ITEM
from bot.reply.html import bold, esc
from bot.reply.messages import t
from bot.reply.replies import Choice, Reply
from bot.search.engine import Search
from bot.search.profiles import ProfileQuestion
from bot.search.text import stem, words

MAX_FIT = 3  # profiles listed for "welk profiel past bij mij"
MAX_LINE = 180  # the line quoted per profile: a short sentence or a werkproces title
FIT_SHARE = 0.45  # a profile is listed when it scores at least this share of the best one
# Words of "which profile suits me" questions that say nothing about the interest itself.
FIT_NOISE = frozenset(
    """profiel profielen uitstroom richting specialisatie opleiding past passen kiezen kies
    hou houd leuk vind interesse interesseert wil later worden goed lijkt mij profile profiles
    track suits suit fit fits choose like love enjoy interested want become good should
    pick""".split()
)


class Profiles:
    def __init__(self, search: Search, composer: Composer) -> None:
        self.search = search
        self.dossier = search.dossier
        self.composer = composer
        current = [s.id for s in self.dossier.with_role("current")]
        self.profiles = [i for i in self.dossier if i.type == "profiel" and i.source in current]
        self.overview = self._overview()

    def _overview(self) -> Item | None:
        """The current dossier's fact whose table has a row per profile (its level and kind)."""
        codes = {p.code for p in self.profiles}
        for item in self.dossier:
            for _, value in item.fields:
                if not isinstance(value, Table):
                    continue
                firsts = [row[0].split()[0] for row in value.rows if row and row[0].split()]
                if sum(first in codes for first in firsts) >= 2:
                    return item
        return None

    def _older(self, named: Sequence[Item]) -> bool:
        """True when an older source is about a named profile's occupation (the 2015
        supplement is the Junior accountmanager's): its facts answer too, so search decides."""
        titles = [set(words(s.title)) for s in self.dossier.with_role("older")]
        return any(set(words(p.title)) <= title for p in named for title in titles)

    def by_code(self, code: str) -> Item | None:
        return next((p for p in self.profiles if p.code == code), None)

    def answer(
        self, asked: ProfileQuestion, question: str, choice: str | None, lang: str
    ) -> Reply | None:
        """The reply to a profile question, or None when the dossier has no such profiles."""
        named = [p for code in asked.profiles if (p := self.by_code(code)) is not None]
        if asked.ask == "fit":
            return self.fit(question, lang)
        if asked.ask == "compare" and len(named) >= 2:
            return self.compare(named, lang)
        if asked.ask == "overview" and self.overview is not None:
            return self.facts(named, lang)
        if asked.ask == "facts" and self.overview is not None and not self._older(named):
            return self.facts(named, lang)
        if asked.ask == "statement" and named:
            return self.offer(named[0], choice, lang)
        return None

    @staticmethod
    def _level(profile: Item, lang: str) -> str:
        level = profile.get("niveau")
        return t("level", lang, level=level) if isinstance(level, str) else ""

    def _choose(self, profile: Item, lang: str) -> Choice:
        return Choice(t("choose_profile", lang, code=profile.code), DOSSIER.data(profile.id))

    def fit(self, question: str, lang: str) -> Reply:
        """The profiles whose typering, kerntaken and werkprocessen fit the interest named."""
        topic = " ".join(w for w in words(question) if w not in FIT_NOISE)
        scores = self.search.scores(topic) if topic.strip() else {}
        ranked = self._rank(scores)
        if not ranked:
            lines = [esc(t("fit_ask", lang)), ""]
            lines += [
                f"• {bold(f'{p.code} {p.title}')} · {esc(self._level(p, lang))}"
                for p in self.profiles
            ]
            choices = tuple(Choice(p.code, ITEM.data(p.id), compact=True) for p in self.profiles)
            hits = tuple((p.id, 0.0) for p in self.profiles)
            return Reply("\n".join(lines), choices, "answer", hits=hits)
        weights = self.search.weights(topic)
        lines = [esc(t("fit_intro", lang)), ""]
        for profile, _ in ranked:
            line = self._best_line(profile, weights)
            lines.append(
                f"{bold(f'{profile.code} {profile.title}')} · {esc(self._level(profile, lang))}"
            )
            lines.append(f"{esc(line)}\n")
        choices = tuple(self._choose(p, lang) for p, _ in ranked)
        more = tuple(Choice(p.code, ITEM.data(p.id), compact=True) for p, _ in ranked)
        best = ranked[0][1]
        hits = tuple((p.id, round(s / best, 3)) for p, s in ranked)
        return Reply("\n".join(lines).rstrip(), (*more, *choices), "answer", hits=hits)

    def _rank(self, scores: dict[int, float]) -> list[tuple[Item, float]]:
        """Profiles by the sum of their three best-scoring items (the profile included)."""
        per: dict[str, list[float]] = {p.id: [] for p in self.profiles}
        for index, score in scores.items():
            item = self.search.items[index]
            root = self.dossier.top_ancestor(item)
            if root.id in per:
                per[root.id].append(score)
        totals = [(p, sum(sorted(per[p.id], reverse=True)[:3])) for p in self.profiles]
        totals = [(p, s) for p, s in totals if s > 0]
        totals.sort(key=lambda pair: -pair[1])
        if not totals:
            return []
        best = totals[0][1]
        return [(p, s) for p, s in totals if s >= FIT_SHARE * best][:MAX_FIT]

    def _best_line(self, profile: Item, weights: dict[str, float]) -> str:
        """The typering sentence or werkproces title that says most about the interest."""
        candidates = sentences(str(profile.get("typering") or ""))
        for kerntaak in self.dossier.kids(profile.id):
            candidates += [f"{w.code} {w.title}" for w in self.dossier.kids(kerntaak.id)]

        def score(text: str) -> float:
            return sum(weights.get(s, 0.0) for s in {stem(w) for w in words(text)})

        short = [c for c in candidates if len(c) <= MAX_LINE] or candidates
        best = max(short, key=lambda c: (score(c), -short.index(c)), default="")
        return best or profile.title

    def compare(self, named: Sequence[Item], lang: str) -> Reply:
        """Profiles side by side: name, level, the typering's first sentence, the kerntaken."""
        blocks = [esc(t("compare_intro", lang))]
        for profile in named:
            first = sentences(str(profile.get("typering") or ""))[:1]
            kerntaken = [f"• {esc(k.code)} {esc(k.title)}" for k in self.dossier.kids(profile.id)]
            lines = [
                f"{bold(f'{profile.code} {profile.title}')} · {esc(self._level(profile, lang))}"
            ]
            lines += [esc(s) for s in first] + kerntaken
            blocks.append("\n".join(lines))
        source = self.dossier.source_of(named[0]).label
        blocks.append(f"{esc(t('source', lang))}: <i>{esc(source)}</i>")
        choices = tuple(Choice(p.code, ITEM.data(p.id), compact=True) for p in named)
        choose = tuple(self._choose(p, lang) for p in named[:2])
        hits = tuple((p.id, 1.0) for p in named)
        return Reply("\n\n".join(blocks), (*choices, *choose), "answer", hits=hits)

    def facts(self, named: Sequence[Item], lang: str) -> Reply:
        """The overview table of the current dossier: level and kind of each profile."""
        assert self.overview is not None
        reply = self.composer.first_view(self.overview, None, lang)
        hits = ((self.overview.id, 1.0), *((p.id, 0.9) for p in named))
        choices = tuple(Choice(p.code, ITEM.data(p.id), compact=True) for p in named)
        return Reply(reply.html, (*choices, *reply.choices), "answer", reply.item_id, hits=hits)

    def offer(self, profile: Item, choice: str | None, lang: str) -> Reply:
        """'ik doe P4': offer to make it the student's dossier (one tap, or a typed 'ja')."""
        name = f"{profile.code} {profile.title}"
        hits = ((profile.id, 1.0),)
        if choice == profile.id:
            text = esc(t("profile_already", lang, name=name))
            return Reply(text, (Choice(profile.code, ITEM.data(profile.id)),), "answer", hits=hits)
        action = DOSSIER.data(profile.id)
        text = esc(t("profile_offer", lang, name=name))
        choices = (
            Choice(t("profile_offer_yes", lang, code=profile.code), action),
            Choice(t("profile_offer_no", lang), ITEM.data(profile.id)),
        )
        return Reply(text, choices, "answer", hits=hits, offer=action)
