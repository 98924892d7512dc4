"""Citations: `[n]` markers tied to the exact words an answer sentence rests on, and their verification."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.schema import Citation, Passage
from assistant.text import content_terms, numbers, split_sentences

MARKER = re.compile(r"\[(\d{1,3})\]")


def make_citation(n: int, passage: Passage, quote: str) -> Citation:
    c = passage.chunk
    return Citation(
        n=n,
        source=c.source,
        title=c.title,
        section=c.section,
        page=c.page,
        quote=quote,
        passage_text=c.text,
        chunk_id=c.id,
        effective_date=c.effective_date,
        note=passage.note,
    )


def lexical_support(sentence: str, passage_text: str) -> float:
    """Share of the sentence's content terms (and all of its numbers) found in the passage."""
    terms = set(content_terms(MARKER.sub("", sentence)))
    if not terms:
        return 1.0
    have = set(content_terms(passage_text))
    share = len(terms & have) / len(terms)
    missing_numbers = numbers(MARKER.sub("", sentence)) - numbers(passage_text)
    return share * (0.5 if missing_numbers else 1.0)


def best_quote(sentence: str, passage_text: str) -> str:
    """The passage sentence(s) that best support a claim: the words a juror should read."""
    candidates = split_sentences(passage_text)
    if not candidates:
        return passage_text.strip()
    scored = sorted(((lexical_support(sentence, c) * (1 + 0.1 * min(len(c.split()), 30) / 30), i) for i, c in enumerate(candidates)), reverse=True)
    best = scored[0][1]
    quote = candidates[best]
    if len(quote.split()) < 6 and best + 1 < len(candidates):  # a label like "8.4 Tie-breaks." needs its rule
        quote = f"{quote} {candidates[best + 1]}"
    return quote


@dataclass
class SentenceCheck:
    sentence: str
    markers: list[int]
    valid: bool
    support: float


def split_answer(answer: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'(])|(?<=\])\s+(?=[A-Z\"'(])|\n+", answer.strip())
    return [p.strip() for p in parts if p and p.strip()]
