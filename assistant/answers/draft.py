"""What every answerer hands back (a `Draft`: text with [n] markers and the citations they resolve to), and the
one-method `Answerer` protocol that extractive and generative answerers share, and the stream an answer is read from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from assistant.schema import Answer, Citation, Passage
from assistant.text import quote_parts


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


def join_drafts(drafts: Sequence[Draft]) -> Draft:
    """One answer from the answers to a question's parts, in order: each passage cited once under one number, a
    sentence two parts both quote said once."""
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    said: set[str] = set()
    pieces: list[str] = []
    for draft in drafts:
        renumber: dict[str, str] = {}
        for cit in draft.citations:
            key = cit.chunk_id or f"{cit.source}#{cit.section}"
            if key not in numbers:
                numbers[key] = len(numbers) + 1
                citations.append(replace(cit, n=numbers[key]))
            else:
                for piece in quote_parts(cit.quote):
                    citations[numbers[key] - 1].add_quote(piece)
            renumber[str(cit.n)] = str(numbers[key])
        for sentence in _SENTENCE.findall(draft.text):
            # A quote of two sentences ("X. Y [1].") says each: another part's "Y [1]. X [1]." adds nothing.
            inner = {s.strip().rstrip(".!?"): _said(s) for s in _WITHIN.split(_bare(sentence))}
            fresh = [s for s, key in inner.items() if key not in said]
            if not fresh:
                continue
            if len(fresh) < len(inner):
                marks = _MARKS.search(sentence)
                sentence = ". ".join(fresh) + (marks.group(0) if marks else "")
            said.update(inner.values())
            pieces.append(_renumbered(sentence, renumber))
    notes = list(dict.fromkeys(n for d in drafts for n in d.notes))
    return Draft(" ".join(pieces), citations, notes, kind_found=all(d.kind_found for d in drafts))


def says_first(draft: Draft, other: Draft) -> bool:
    """Does the other answer say this one's first sentence (its best quote)?"""
    mine = _SENTENCE.findall(draft.text)[:1]
    return bool(mine) and _bare(mine[0]) in {_bare(s) for s in _SENTENCE.findall(other.text)}


def _bare(sentence: str) -> str:
    return _MARKER.sub("", sentence).strip()


def _renumbered(sentence: str, renumber: dict[str, str]) -> str:
    return _MARKER.sub(lambda m: f" [{renumber.get(m.group(1), m.group(1))}]", sentence).strip()


_SENTENCE = re.compile(r".+?\[\d+\][.!?]?(?=\s|$)")
_WITHIN = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_MARKS = re.compile(r"(?:\s*\[\d+\])+[.!?]?$")


def _said(sentence: str) -> str:
    """What a sentence says, whatever leads or wraps it: the rule in force quoted "Under the Regulations: …" by one
    part and as it stands by another is said once."""
    said = _IN_FORCE.sub("", sentence.strip())
    return said.strip(' "“”').rstrip(".!?").strip(' "“”').casefold()


_IN_FORCE = re.compile(r"^Under [^:]{1,200}: ")


_MARKER = re.compile(r"\s*\[(\d+)\]")


class Answerer(Protocol):
    """One required method: compose an answer to `question` from ranked `passages`."""

    name: str

    def answer(self, question: str, passages: Sequence[Passage], idf: dict[str, float]) -> Draft: ...


def stream_words(text: str) -> Iterator[str]:
    """Text in small pieces for a streamed display (extractive answers are ready at once)."""
    yield from re.findall(r"\S+\s*", text)


class AnswerStream:
    """Iterate for text pieces as they are produced; `.answer` holds the full Answer afterwards."""

    def __init__(self, pieces: Iterator[str], finish: Any) -> None:
        self._pieces = pieces
        self._finish = finish
        self.answer: Answer | None = None

    def __iter__(self) -> Iterator[str]:
        yield from self._pieces
        self.answer = self._finish()
