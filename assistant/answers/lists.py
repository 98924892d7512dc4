"""A question that asks for a list ("Which awards does the jury give?"), answered by a lead-in with all its items
rather than by one of them."""

from __future__ import annotations

import re

from assistant.text import stem

# ("What about the other prizes?" asks the question before again, of them: no list)
_LIST_QUESTION = re.compile(
    r"\b(which|what)\b(?!\s+about\b)(\s+\S+){0,5}?\s+(awards|prizes|categories|conditions|documents|materials|sections|"
    r"competitions|requirements|criteria|programmes|programs|juries|items|formats)\b|\bwhat are the\b|\blist\b",
    re.I,
)


def asks_for_list(question: str) -> bool:
    return bool(_LIST_QUESTION.search(question))


def listed_noun(question: str) -> str:
    """The stem of what a list question asks for ("Which AWARDS do we hand out?" -> "award"), or ""."""
    m = _LIST_QUESTION.search(question)
    return stem(m.group(3)) if m and m.group(3) else ""
