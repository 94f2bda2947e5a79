"""Phone-sized answers for every item of the knowledge base: a first message that fits one
screen and quotes only whole units of the dossier's own text, 'Lees verder' pages that hold
the whole field, and 'Meer' pages that reach every follow-up."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from bot.answers.service import Answers
from bot.answers.shorten import GAP
from bot.answers.views import CHILDREN, DEFAULT
from bot.knowledge.fields import FIELDS
from bot.knowledge.model import Competency, CompetencyRow, Dossier, FieldValue, Group, Item, Table
from bot.reply import callbacks
from bot.reply.limits import BUTTONS_IN_VIEW, MESSAGE_TEXT
from bot.reply.messages import keys, t
from bot.reply.replies import Reply
from tests.fakebot.html import parse_html
from tests.unit.answer_support import follow_ups, press

FIRST_MESSAGE = 1200  # characters a first message may take, notes and all
LANGS = ("nl", "en")


def views(dossier: Dossier) -> Iterator[tuple[Item, str | None]]:
    """Every item with its default view and each of its fields."""
    for item in dossier:
        for asked in (None, *item.field_names):
            yield item, asked


def _value_texts(value: FieldValue) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Table):
        yield from value.columns
        for row in value.rows:
            yield from row
    else:
        for part in value:
            if isinstance(part, str):
                yield part
            elif isinstance(part, Group):
                yield from filter(None, (part.title, *part.items))
            elif isinstance(part, Competency):
                yield from filter(None, (part.name, part.source_spelling))
            elif isinstance(part, CompetencyRow):
                yield from filter(
                    None, (part.competency.name, part.competency.source_spelling, part.indicator)
                )
                yield from part.components


def squash(text: str) -> str:
    return " ".join(text.split())


def item_text(answers: Answers, item: Item) -> str:
    """What an answer about item may quote: its own titles and fields, the fields its
    kerntaak keeps for it, and the code and title of each part it lists."""
    texts = [item.code, item.title]
    parent = answers.dossier.parent_of(item)
    for holder in (item, parent) if parent else (item,):
        for _, value in holder.fields:
            texts += list(_value_texts(value))
    for kid in answers.composer.views.children(item):
        texts += [kid.title, f"{kid.code} {kid.title}"]
    return "\n".join(squash(text) for text in texts)


@pytest.fixture(scope="module")
def labels() -> set[str]:
    """Interface texts that may stand on a line of their own in an answer's body."""
    found = {label for spec in FIELDS.values() for label in (spec.label_nl, spec.label_en)}
    for lang in LANGS:
        found |= {t(key, lang) for key in ("gedrag_heading", "werkprocessen", "kerntaken")}
        found |= {t(key, lang) for key in ("onderdelen", "not_applicable")}
    return {squash(re.sub(r"<[^>]+>", "", label)) for label in found}


_NOTES = re.compile(
    r"^(?:Dit staat in het dossier bij de kerntaak \S+:|The dossier gives this for core task \S+:"
    r"|Dit onderdeel heeft geen .+ in het dossier\. Dit staat er wel:"
    r"|The dossier gives no .+ for this item\. This is what it says:"
    r"|Van dit onderdeel staat in de .+ alleen de titel\.|The .+ gives only the title of this "
    r"item\.)$"
)
_LABELLED = re.compile(r"^(?:Componenten|Components|Prestatie-indicator|Performance indicator): ")
_SPELLING = re.compile(r" \((?:in de bron|in the source): (.+)\)$")


def fragments(line: str) -> Iterator[str]:
    """The pieces of dossier text on one line of an answer: marks, bullets and labels off."""
    line = re.sub(r"^[•☐] ", "", line.strip())
    line = _LABELLED.sub("", line)
    if spelling := _SPELLING.search(line):
        yield spelling[1]
        line = line[: spelling.start()]
    for piece in line.split(GAP):
        for cell in re.split(r"\s*\|\s*", piece):
            for part in cell.split("; "):  # CGO components are listed with '; '
                if part.strip():
                    yield squash(part)


def body_lines(reply: Reply) -> list[str]:
    """The lines under the header (title, source)."""
    return [line for line in reply.plain.split("\n")[2:] if line.strip()]


@pytest.mark.parametrize("lang", LANGS)
def test_first_view_fits_a_phone_and_telegram(answers: Answers, lang: str) -> None:
    for item, asked in views(answers.dossier):
        reply = answers.composer.first_view(item, asked, lang)
        assert len(reply.plain) <= FIRST_MESSAGE, (item.id, asked, len(reply.plain))
        assert parse_html(reply.html).strip(), (item.id, asked)
        assert len(reply.html) <= MESSAGE_TEXT
        buttons = [c for c in reply.choices if not c.compact]
        assert len(buttons) <= BUTTONS_IN_VIEW, (item.id, asked, buttons)
        assert all(c.compact for c in reply.choices[: len(reply.choices) - len(buttons)])


def test_shortened_text_is_the_items_own(answers: Answers, labels: set[str]) -> None:
    checked = 0
    for item, asked in views(answers.dossier):
        reply = answers.composer.first_view(item, asked, "nl")
        own = item_text(answers, item)
        for line in body_lines(reply):
            if squash(line) in labels or _NOTES.match(line):
                continue
            for piece in fragments(line):
                assert piece in own, (item.id, asked, line, piece)
                checked += 1
    assert checked > 2000


def test_the_gap_mark_stands_between_whole_sentences(answers: Answers) -> None:
    """Cut text is marked, and never in the middle of a sentence: a mark follows a sentence
    end (or starts a line) and is followed by a new sentence or line."""
    for item, asked in views(answers.dossier):
        plain = answers.composer.first_view(item, asked, "nl").plain
        for match in re.finditer(re.escape(GAP), plain):
            before = plain[: match.start()].rstrip(" ")
            assert not before or before[-1] in ".?!:;)\n" or before.endswith(GAP), (
                item.id,
                asked,
                before[-60:],
            )


def pages(answers: Answers, first: Reply, lang: str) -> list[Reply]:
    """The 'Lees verder' pages from a first view, as pressed one after the other."""
    found: list[Reply] = []
    reply = first
    while True:
        read_on = [
            c
            for c in reply.choices
            if (parsed := callbacks.parse(c.action))
            and parsed[0] is callbacks.FIELD
            and len(parsed[1]) == 3
        ]
        if not read_on:
            return found
        assert len(found) < 20, first.item_id
        reply = press(answers, read_on[0].action, lang)
        found.append(reply)


@pytest.mark.parametrize("lang", LANGS)
def test_read_on_pages_hold_every_unit_of_the_field(answers: Answers, lang: str) -> None:
    shortened = 0
    for item, asked in views(answers.dossier):
        first = answers.composer.first_view(item, asked, lang)
        units = answers.composer.views.view(item, asked, lang).units
        read = pages(answers, first, lang)
        if not read:
            assert GAP not in first.plain, (item.id, asked)  # nothing left out
            continue
        shortened += 1
        assert first.choices[len([c for c in first.choices if c.compact])].label == t(
            "read_on", lang
        )
        for page in read:
            assert len(page.html) <= MESSAGE_TEXT and parse_html(page.html)
            assert GAP not in page.plain
        text = squash("\n".join(page.plain for page in read))
        missing = [u.text for u in units if squash(u.text) not in text]
        assert not missing, (item.id, asked, missing[:2])
    assert shortened > 50


@pytest.mark.parametrize("lang", LANGS)
def test_more_pages_reach_every_follow_up(answers: Answers, lang: str) -> None:
    for item, asked in views(answers.dossier):
        first = answers.composer.first_view(item, asked, lang)
        view = answers.composer.views.view(item, asked, lang)
        expected = [c.action for c in answers.composer.followups.all(item, view, lang)]
        reached = [
            c.action
            for c in follow_ups(answers, first, lang)
            if (parsed := callbacks.parse(c.action))
            and not (parsed[0] is callbacks.FIELD and len(parsed[1]) == 3)  # 'Lees verder'
        ]
        assert reached == expected, (item.id, asked)


def test_a_more_page_keeps_the_text_and_shows_at_most_four(answers: Answers) -> None:
    item = answers.dossier.items["commercie:P4-K1"]
    first = answers.composer.first_view(item, None, "nl")
    more = [c for c in first.choices if c.label == t("more", "nl")]
    assert more and more[0].action == callbacks.MORE.data(item.id, DEFAULT, "3")
    page = press(answers, more[0].action)
    assert page.keep_text and page.html == ""
    assert [c.label for c in page.choices if c.compact] == ["W1", "W2", "W3", "W4", "W5"]
    assert len([c for c in page.choices if not c.compact]) <= BUTTONS_IN_VIEW
    assert page.choices[-1].label in (t("more", "nl"), t("back_to_start", "nl"))


def test_children_are_compact_buttons_before_the_follow_ups(answers: Answers) -> None:
    reply = answers.composer.first_view(answers.dossier.items["commercie:P4-K2"], None, "nl")
    compact = [c for c in reply.choices if c.compact]
    assert [c.label for c in compact] == ["W1", "W2", "W3", "W4", "W5", "W6"]
    assert reply.choices[: len(compact)] == tuple(compact)
    assert all(c.action.startswith("i|commercie:P4-K2-W") for c in compact)
    assert CHILDREN not in [c.action.split("|")[-1] for c in reply.choices]


def test_catalogue_has_both_languages_for_every_key() -> None:
    for key in keys():
        assert t(key, "nl") and t(key, "en"), key
