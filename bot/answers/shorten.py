"""Pick whole units of dossier text for a budget, and page the rest.

The first message of an answer must fit a phone screen: it shows the opening unit, then the
units most relevant to the question, then more in document order while they fit; skipped
text is marked [...] so nobody mistakes a shortened quote for the whole. Pages give the full
text in order, each within Telegram's message limit.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.answers.units import NEW_BLOCK, NEXT_LINE, SAME_PARAGRAPH, Unit

GAP = "[…]"


def _with_headings(units: Sequence[Unit], index: int) -> list[int]:
    """The unit and the headings it sits under, outermost first."""
    chain = [index]
    while (above := units[chain[0]].heading) is not None:
        chain.insert(0, above)
    return chain


def pick(units: Sequence[Unit], budget: int, relevance: Sequence[float] = ()) -> set[int]:
    """Indexes of the units to show within budget characters (at least the opening one)."""
    if sum(unit.size for unit in units) <= budget:
        return set(range(len(units)))
    chosen: set[int] = set()
    used = 0

    def take(index: int, force: bool = False) -> bool:
        nonlocal used
        need = [i for i in _with_headings(units, index) if i not in chosen]
        cost = sum(units[i].size for i in need)
        if used + cost > budget and not force:
            return False
        chosen.update(need)
        used += cost
        return True

    content = [i for i, unit in enumerate(units) if not unit.is_heading]
    if not content:
        return chosen
    take(content[0], force=True)  # one sentence, however long: never cut mid-sentence
    scores = list(relevance) or [0.0] * len(units)
    for index in sorted((i for i in content if scores[i] > 0), key=lambda i: (-scores[i], i)):
        take(index)
    for index in content:  # then the opening text, in order, while it fits
        if index not in chosen and not take(index):
            break
    return chosen


def _gap_join(unit: Unit) -> str:
    """How a [...] mark follows text: inside a paragraph, or on a line of its own."""
    return SAME_PARAGRAPH if unit.join == SAME_PARAGRAPH else NEXT_LINE


def render(units: Sequence[Unit], chosen: set[int], marks: bool = True) -> str:
    """The chosen units as HTML, with [...] where text was left out (when marks)."""
    out: list[str] = []
    last = -1
    for index, unit in enumerate(units):
        if index not in chosen:
            continue
        gap = marks and any(not units[i].is_heading for i in range(last + 1, index))
        if out:
            if gap:
                out += [_gap_join(units[last + 1]), GAP]
            out.append(unit.join or NEW_BLOCK)
        elif gap:
            out += [GAP, _gap_join(unit)]
        out.append(unit.html)
        last = index
    if marks and any(not unit.is_heading for unit in units[last + 1 :]):
        out += [_gap_join(units[last + 1]), GAP]
    return "".join(out)


def pages(units: Sequence[Unit], budget: int) -> list[list[int]]:
    """The units split in order into pages of at most budget characters each."""
    result: list[list[int]] = [[]]
    used = 0
    for index, unit in enumerate(units):
        size = unit.size
        if result[-1] and used + size > budget:
            result.append([])
            used = 0
        result[-1].append(index)
        used += size
    return result


def render_page(units: Sequence[Unit], page: list[int]) -> str:
    """One page of units in order; a page that starts under a heading repeats it."""
    shown = set(page)
    if page:
        shown.update(_with_headings(units, page[0]))
    return render(units, shown, marks=False)
