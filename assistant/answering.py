"""Answerers: the default extractive one (cannot invent a rule) and generative ones behind one interface."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from assistant.citations import make_citation
from assistant.schema import Citation, Passage
from assistant.text import content_terms, numbers, split_sentences, strip_clause_number

MODAL = re.compile(r"\b(must|shall|may not|may|cannot|is required|are required|is not permitted|are not permitted|prohibited|forbidden|entitled|no later than|within|at least|at most)\b", re.I)


@dataclass
class Draft:
    """An answer before the Assistant wraps it: text with [n] markers and the citations they resolve to."""

    text: str
    citations: list[Citation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    answerer: str = "extractive"


class Answerer(Protocol):
    """One required method: compose an answer to `question` from ranked `passages`."""

    name: str

    def answer(self, question: str, passages: Sequence[Passage], idf: dict[str, float]) -> Draft: ...


@dataclass
class _Candidate:
    passage_rank: int
    position: int
    sentence: str
    display: str
    terms: frozenset[str]
    score: float


class ExtractiveAnswerer:
    """Picks the 1-4 passage sentences that best answer the question and cites each one. Deterministic."""

    name = "extractive"

    def __init__(self, max_sentences: int = 3, max_passages: int = 4) -> None:
        self.max_sentences = max_sentences
        self.max_passages = max_passages

    def candidates(self, question: str, passages: Sequence[Passage], idf: dict[str, float]) -> list[_Candidate]:
        q_terms = set(content_terms(question))
        q_nums = numbers(question)
        weights = {t: idf.get(t, 1.0) for t in q_terms}
        total = sum(weights.values()) or 1.0
        usable = [p for p in passages if not p.superseded_by][: self.max_passages]
        top = max((p.score for p in usable), default=1.0) or 1.0
        out: list[_Candidate] = []
        for rank, p in enumerate(usable):
            context = set(content_terms(f"{p.chunk.section}"))
            sentences = split_sentences(p.chunk.text)
            for pos, sentence in enumerate(sentences):
                display = strip_clause_number(sentence).lstrip("-•* ").strip()
                if len(display.split()) < 4:
                    continue
                terms = frozenset(content_terms(display))
                cover = sum(w for t, w in weights.items() if t in terms) / total
                ctx_cover = sum(w for t, w in weights.items() if t in context and t not in terms) / total
                score = 0.55 * cover + 0.15 * ctx_cover + 0.3 * (p.score / top)
                if q_nums and q_nums & numbers(display):
                    score += 0.1
                if MODAL.search(display):
                    score += 0.04
                score -= 0.02 * pos  # rules tend to be stated first
                score -= 0.03 * rank
                if len(display) > 400:
                    score -= 0.05
                out.append(_Candidate(rank, pos, sentence, display, terms, score))
        return out

    def answer(self, question: str, passages: Sequence[Passage], idf: dict[str, float]) -> Draft:
        cands = sorted(self.candidates(question, passages, idf), key=lambda c: -c.score)
        if not cands:
            return Draft("")
        q_terms = set(content_terms(question))
        best = cands[0]
        chosen = [best]
        covered = set(best.terms & q_terms)
        for cand in cands[1:]:
            if len(chosen) >= self.max_sentences:
                break
            new_terms = (cand.terms & q_terms) - covered
            same_passage_follow = cand.passage_rank == best.passage_rank and cand.position == best.position + 1
            if cand.score >= 0.8 * best.score and (new_terms or same_passage_follow) or same_passage_follow and cand.score >= 0.6 * best.score:
                if any(_near_duplicate(cand.display, c.display) for c in chosen):
                    continue
                chosen.append(cand)
                covered |= cand.terms & q_terms
        chosen.sort(key=lambda c: (c.passage_rank != best.passage_rank, c.passage_rank, c.position))
        usable = [p for p in passages if not p.superseded_by][: self.max_passages]
        numbering: dict[int, int] = {}
        citations: list[Citation] = []
        parts: list[str] = []
        notes: list[str] = []
        for cand in chosen:
            passage = usable[cand.passage_rank]
            if cand.passage_rank not in numbering:
                numbering[cand.passage_rank] = len(numbering) + 1
                citations.append(make_citation(numbering[cand.passage_rank], passage, cand.sentence))
            else:
                cit = citations[numbering[cand.passage_rank] - 1]
                if cand.sentence not in cit.quote:
                    cit.quote = f"{cit.quote} … {cand.sentence}"
            n = numbering[cand.passage_rank]
            text = cand.display.rstrip()
            if passage.note.startswith("in force"):
                lead = f"{passage.chunk.title}"
                if passage.chunk.effective_date:
                    lead += f" (in force from {passage.chunk.effective_date})"
                notes.append(f"Rule in force: {passage.chunk.title}; {passage.note}.")
                if not parts:
                    text = f"Under {lead}: {text[0].lower() + text[1:] if text[:2].istitle() else text}"
            end = text[-1] if text[-1] in ".!?" else ""
            body = text[:-1] if end else text
            parts.append(f"{body} [{n}]{end or '.'}")
        return Draft(" ".join(parts), citations, notes)


def _near_duplicate(a: str, b: str) -> bool:
    ta, tb = set(content_terms(a)), set(content_terms(b))
    if not ta or not tb:
        return False
    return len(ta & tb) / math.sqrt(len(ta) * len(tb)) > 0.8


def stream_words(text: str) -> Iterator[str]:
    """Text in small pieces for a streamed display (extractive answers are ready at once)."""
    for piece in re.findall(r"\S+\s*", text):
        yield piece
