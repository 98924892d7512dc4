"""A jury of its own named in a question ("the Student Jury's deliberation", "our youth jury", "the critics' jury"):
its rules answer it, not the main jury's ("The final deliberation of the International Jury starts at 10:00" says
nothing of when the Student Jury meets)."""

from __future__ import annotations

import re

from assistant.answers.names import normalise
from assistant.text import words

_NAMED_JURY = re.compile(
    r"\b(youth|students?['’]?|children['’]?s|kids['’]?|young|junior|critics['’]?|community|press|ecumenical)\s+"
    r"(?:jury|juries|jurors?|panel)\b",
    re.I,
)


def named_jury(question: str) -> str:
    """The stem of the word that names the jury ("student"), or ""."""
    m = _NAMED_JURY.search(question)
    return normalise(m.group(1)) if m else ""


def speaks_of_jury(text: str, jury: str) -> bool:
    """The text (a rule with its heading and its document's title) names that jury's word, or a word for the same
    jurors (a kids' jury is the Children's Jury, a young jury the Youth Jury)."""
    said = {normalise(w) for w in words(text)}
    return bool(_ALIKE.get(jury, {jury}) & said)


_ALIKE_WORDS = (frozenset({"children", "child", "kid"}), frozenset({"youth", "young"}))
_ALIKE = {w: set(group) for group in _ALIKE_WORDS for w in group}
