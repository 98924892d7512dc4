"""The top prize a question asks of ("Can we split the top prize?"): the prize a festival's rules list first, which
they seldom call "the top prize". Named, its own rule ("The Golden Carabiner may not be awarded ex aequo") answers, not
the rule on "any other award" beside it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.answers.named import AWARD_GENERIC, TOP_AWARD, asks_top_award
from assistant.answers.needs import answer_need
from assistant.library.units import units
from assistant.schema import Chunk
from assistant.text import words

# A list of the prizes a jury gives ("The International Jury awards the following prizes:", "The Final Jury awards:"),
# not a scale it "awards each film up to 20 points" on.
PRIZE_LIST = re.compile(r"(?i)\bprizes\b|\b(?:following|these|its)\s+(?:[\w-]+\s+)?awards\b|\bawards\s*:?\s*$")
# The name an item of such a list opens with: "Golden Lantern for Best Film, with EUR 20,000", "The Lanterne d'Or".
_LEADING_NAME = re.compile(
    r"^(?:(?i:the)\s+)?[\"“]?((?:[A-Z][\w'’-]*|d['’][A-Z][\w-]*)(?:\s+(?:(?:of|de|du|des|del|la|le)\s+)?"
    r"(?:[A-Z][\w'’-]*|d['’][A-Z][\w-]*))*)"
)
_GIVERS = frozenset("jury juries panel committee competition section winner winners member members".split())


def top_award(chunks: Sequence[Chunk]) -> str:
    """The name of a festival's first prize, for "the top prize" in a question: the first item of the first list of
    prizes in its documents (rules list their awards from the highest), "" when none is listed by name."""
    for chunk in sorted(chunks, key=lambda c: (c.source, c.index)):
        firsts: set[int] = set()
        for unit in units(chunk.text, chunk.heading):
            if not unit.item or unit.group in firsts:
                continue
            firsts.add(unit.group)
            found = _LEADING_NAME.match(unit.display) if PRIZE_LIST.search(unit.lead) else None
            name = found.group(1).split() if found else []
            # a name of two words or more ("Golden Lantern", "Grand Prix"), not who gives it ("The Professional Jury")
            if (
                len(name) >= 2
                and name[-1].lower() not in _GIVERS
                and any(w not in AWARD_GENERIC for w in words(" ".join(name)))
            ):
                return " ".join(name)
    return ""


def asks_top_listed(question: str) -> bool:
    """Is the question answered by the first prize a list of prizes names? "What is the top prize (worth)?" is; "May
    we share the top prize?" asks a rule on it, which the list does not give."""
    need = answer_need(question)
    return asks_top_award(question) and (need is None or need.kind == "amount")


def with_top_prize(question: str, chunks: Callable[[], Sequence[Chunk]]) -> str:
    """The question with "the top prize" called by the name the festival's rules (`chunks`, read only when asked)
    list it under: "May we split the Golden Carabiner?". A question answered by the list itself ("What is the top
    prize worth?") stays as it is."""
    if not asks_top_award(question) or asks_top_listed(question):
        return question
    top = top_award(chunks())
    return TOP_AWARD.sub(top, question, count=1) if top and top.lower() not in question.lower() else question
