"""Answerers: the default extractive one (cannot invent a rule) and generative ones behind one interface."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from assistant.citations import make_citation
from assistant.embedding import SentenceEmbeddings
from assistant.schema import Citation, Passage
from assistant.text import content_terms, numbers, split_sentences, strip_clause_number

MODAL = re.compile(
    r"\b(must|shall|may not|may|cannot|is required|are required|is not permitted|are not permitted|prohibited|forbidden|entitled|no later than|within|at least|at most)\b",
    re.I,
)


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


_NUMBER_WORDS = r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|half|all|both|majority|none)\b"
_MONTHS = r"january|february|march|april|may|june|july|august|september|october|november|december"
_ANSWER_TYPES: list[tuple[re.Pattern[str], re.Pattern[str]]] = [
    (
        re.compile(
            r"^\s*(how (many|much|long|often|early|late|far)|what (percentage|share|amount|weight|time)|by how)", re.I
        ),
        re.compile(_NUMBER_WORDS, re.I),
    ),
    (
        re.compile(r"^\s*(when|by when|until when|what date|what day|which day|from when)\b", re.I),
        re.compile(
            rf"\b(\d{{1,2}}:\d{{2}}|{_MONTHS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|before|after|until|within|during|daily|each day|morning|evening)\b",
            re.I,
        ),
    ),
    (
        re.compile(r"^\s*(where|in which (room|place|venue|building)|at which (venue|place))\b", re.I),
        re.compile(
            r"\b(at|in|on) (the )?[A-Z][\w'’-]+|\b(room|hall|desk|office|theatre|theater|hotel|venue|cinema|street|villa|centre|center|floor|entrance|lobby|screen)\b"
        ),
    ),
    (
        re.compile(r"^\s*(who|whom|whose|which (person|body|member|official))\b", re.I),
        re.compile(
            r"\b(president|coordinator|director|secretary|jury|juror|jurors|committee|board|foundation|organi[sz]er|chair|host|[A-Z][a-z]+ [A-Z][a-z]+)\b",
            re.I,
        ),
    ),
]


def expected_answer_type(question: str) -> re.Pattern[str] | None:
    """What an answer to this kind of question contains: a number, a time, a place, a person or role."""
    q = re.sub(r"^\s*(and|but|so|also|ok|okay|then)[, ]+", "", question.strip(), flags=re.I)
    for asks, contains in _ANSWER_TYPES:
        if asks.search(q):
            return contains
    return None


@dataclass
class _Candidate:
    passage_rank: int
    position: int
    sentence: str
    display: str
    terms: frozenset[str]
    score: float
    sim: float = 0.0


class ExtractiveAnswerer:
    """Picks the 1-4 passage sentences that best answer the question and cites each one. Deterministic."""

    name = "extractive"

    def __init__(
        self, embeddings: SentenceEmbeddings | None = None, max_sentences: int = 3, max_passages: int = 4
    ) -> None:
        self.embeddings = embeddings
        # Sentence score weights: meaning (cosine to the question), key-term coverage, rank of the passage.
        self.w_sim, self.w_cover, self.w_passage, self.rank_penalty = 0.4, 0.25, 0.35, 0.05
        self.max_sentences = max_sentences
        self.max_passages = max_passages
        # A second passage's best sentence joins the answer when it scores this close to the best one: the
        # top passage is often the general rule and the next one the exception the juror asked about.
        self.second_opinion = 0.8
        self._cache: dict[str, np.ndarray] = {}

    def similarities(self, question: str, sentences: list[str]) -> list[float]:
        """Cosine similarity of each sentence to the question (sentence vectors cached across questions)."""
        if self.embeddings is None or not sentences:
            return [0.0] * len(sentences)
        todo = [s for s in dict.fromkeys(sentences) if s not in self._cache]
        texts = [question] + todo
        vectors = self.embeddings.encode(texts)
        if len(self._cache) > 20_000:
            self._cache.clear()
        self._cache.update(zip(todo, vectors[1:], strict=True))
        q = vectors[0]
        return [float(self._cache[s] @ q) for s in sentences]

    def candidates(self, question: str, passages: Sequence[Passage], idf: dict[str, float]) -> list[_Candidate]:
        q_terms = set(content_terms(question))
        q_nums = numbers(question)
        weights = {t: idf.get(t, 1.0) for t in q_terms}
        total = sum(weights.values()) or 1.0
        usable = [p for p in passages if not p.superseded_by][: self.max_passages]
        top = max((p.score for p in usable), default=1.0) or 1.0
        pool: list[tuple[int, int, str, str]] = []
        for rank, p in enumerate(usable):
            for pos, sentence in enumerate(split_sentences(p.chunk.text)):
                display = strip_clause_number(sentence).lstrip("-•* ").strip()
                label = display.rstrip(" .").lower()
                if p.chunk.section and label in p.chunk.section.lower():
                    continue  # a clause title repeated as a sentence ("Lifelong confidentiality.") is not an answer
                if len(display.split()) >= 4 and not display.rstrip().endswith(":"):
                    pool.append((rank, pos, sentence, display))
        sims = self.similarities(question, [d for *_, d in pool])
        wanted = expected_answer_type(question)
        out: list[_Candidate] = []
        for (rank, pos, sentence, display), sim in zip(pool, sims, strict=True):
            p = usable[rank]
            context = set(content_terms(p.chunk.section))
            if True:
                terms = frozenset(content_terms(display))
                cover = sum(w for t, w in weights.items() if t in terms) / total
                ctx_cover = sum(w for t, w in weights.items() if t in context and t not in terms) / total
                if self.embeddings is not None:
                    score = self.w_sim * sim + self.w_cover * cover + 0.1 * ctx_cover + self.w_passage * (p.score / top)
                else:
                    score = 0.55 * cover + 0.15 * ctx_cover + 0.3 * (p.score / top)
                if q_nums and q_nums & numbers(display):
                    score += 0.1
                if MODAL.search(display):
                    score += 0.04
                if wanted is not None and wanted.search(display):
                    score += 0.08  # a "when" question wants a time, a "how many" question a number...
                score -= 0.02 * pos  # rules tend to be stated first
                score -= self.rank_penalty * rank
                if len(display) > 400:
                    score -= 0.05
                out.append(_Candidate(rank, pos, sentence, display, terms, score, sim))
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
            new_weight = sum(idf.get(t, 1.0) for t in (cand.terms & q_terms) - covered)
            q_weight = sum(idf.get(t, 1.0) for t in q_terms) or 1.0
            same_passage_follow = cand.passage_rank == best.passage_rank and cand.position == best.position + 1
            adds_facts = new_weight / q_weight >= 0.25 and cand.passage_rank <= 1 and cand.sim >= best.sim - 0.1
            if (
                cand.score >= 0.85 * best.score
                and (adds_facts or same_passage_follow)
                or same_passage_follow
                and cand.score >= 0.7 * best.score
            ):
                if any(_near_duplicate(cand.display, c.display) for c in chosen):
                    continue
                chosen.append(cand)
                covered |= cand.terms & q_terms
        if self.second_opinion < 1.0 and all(c.passage_rank == best.passage_rank for c in chosen):
            for cand in cands[1:]:
                if cand.passage_rank == best.passage_rank:
                    continue
                if cand.score >= self.second_opinion * best.score and not any(
                    _near_duplicate(cand.display, c.display) for c in chosen
                ):
                    chosen = chosen[: self.max_sentences - 1] + [cand]
                break
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
    yield from re.findall(r"\S+\s*", text)
