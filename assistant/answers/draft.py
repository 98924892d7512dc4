"""What every answerer hands back (a `Draft`: text with [n] markers and the citations they resolve to), and the
one-method `Answerer` protocol that extractive and generative answerers share.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from assistant.schema import Citation, Passage


@dataclass
class Draft:
    """An answer before the Assistant wraps it: text with [n] markers and the citations they resolve to."""

    text: str
    citations: list[Citation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    answerer: str = "extractive"
    # The quotes hold what the question asks for (a number for "how many"...), where their words can tell: a yes/no
    # question counts as met by any quote (assistant.answers.needs.UNMARKED_KINDS).
    kind_found: bool = True


class Answerer(Protocol):
    """One required method: compose an answer to `question` from ranked `passages`."""

    name: str

    def answer(self, question: str, passages: Sequence[Passage], idf: dict[str, float]) -> Draft: ...


def stream_words(text: str) -> Iterator[str]:
    """Text in small pieces for a streamed display (extractive answers are ready at once)."""
    yield from re.findall(r"\S+\s*", text)
