"""The default answerer: quotes units of the retrieved passages and cites each one; it cannot invent a rule.

Units (sentences, and list items with their lead-in; see `assistant.library.units`) are scored by a linear
combination of features whose weights live in `assistant/data/weights.json`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.answers.citations import make_citation
from assistant.answers.draft import Draft
from assistant.answers.needs import answer_need, asks_for_list, kind_score, listed_noun
from assistant.library.embedding import TextEmbeddings
from assistant.library.units import Unit, clean_display, quotable, units
from assistant.schema import SEP, Citation, Passage
from assistant.text import content_terms, numbers
from assistant.weights import linear, weights

MODAL = re.compile(
    r"\b(must|shall|may not|may|cannot|can't|is required|are required|is not permitted|are not permitted|prohibited|"
    r"forbidden|entitled|no later than|within|at least|at most|not eligible|not accepted|obliged)\b|n['’]t\b",
    re.I,
)


# ---------------------------------------------------------------- candidates


@dataclass
class _Candidate:
    passage_rank: int
    unit: Unit
    terms: frozenset[str]
    features: dict[str, float]
    score: float = 0.0

    @property
    def position(self) -> int:
        return self.unit.position

    @property
    def sentence(self) -> str:
        return self.unit.text

    @property
    def display(self) -> str:
        return self.unit.display

    @property
    def sim(self) -> float:
        return self.features.get("sim", 0.0)


UnitVectors = Callable[[list[tuple[str, Unit]]], dict[str, np.ndarray]]


class ExtractiveAnswerer:
    """Picks the passage units that best answer the question and cites each one. Deterministic."""

    name = "extractive"

    def __init__(
        self,
        embeddings: TextEmbeddings | None = None,
        max_sentences: int = 3,
        max_passages: int = 4,
        unit_vectors: UnitVectors | None = None,
        query_vector: Callable[[str], np.ndarray] | None = None,
    ) -> None:
        self.embeddings = embeddings
        self.w = weights("quote")
        choice = weights("quote_choice")
        self.follow = choice["follow"]
        self.follow_adjacent = choice["follow_adjacent"]
        # Margins below the best quote's score within which another quote joins the answer. A second passage's
        # best unit joins within `second_opinion`: the top passage is often the general rule and the next one the
        # exception the juror asked about. `second_opinion` < 0 turns that off.
        self.second_opinion = choice["second_opinion"]
        self.listing = choice.get("listing", 0.0)  # how far below the best a list may be to answer "which awards?"
        self.max_sentences = max_sentences
        self.max_passages = max_passages
        self.max_items = 12
        self.unit_vectors = unit_vectors  # {unit context: vector} made at ingest, for (chunk id, unit) pairs
        self.query_vector = query_vector  # the question's vector, shared with retrieval
        self._cache: dict[str, np.ndarray] = {}

    def similarities(self, question: str, texts: list[str], known: dict[str, np.ndarray] | None = None) -> list[float]:
        """Cosine similarity of each text to the question. Vectors made at ingest (`known`) and the question's
        vector from retrieval (`query_vector`) are used when given; anything else is encoded here."""
        if self.embeddings is None or not texts:
            return [0.0] * len(texts)
        have = dict(known or {})
        todo = [s for s in dict.fromkeys(texts) if s not in have and s not in self._cache]
        q = self.query_vector(question) if self.query_vector is not None else None
        if todo or q is None:
            vectors = self.embeddings.encode(([question] if q is None else []) + todo)
            if q is None:
                q, vectors = vectors[0], vectors[1:]
            if len(self._cache) > 20_000:
                self._cache.clear()
            self._cache.update(zip(todo, vectors, strict=True))
        return [float((have[s] if s in have else self._cache[s]) @ q) for s in texts]

    def candidates(
        self, question: str, passages: Sequence[Passage], idf: dict[str, float], own: str | None = None
    ) -> list[_Candidate]:
        """Every quotable unit of the top passages with its features. `own`: a follow-up's own words, when the
        question was rewritten with the earlier topic."""
        q_terms = set(content_terms(question))
        own_terms = set(content_terms(own)) if own else q_terms
        own_weights = {t: idf.get(t, 1.0) for t in own_terms}
        own_total = sum(own_weights.values()) or 1.0
        q_nums = numbers(question)
        weights_ = {t: idf.get(t, 1.0) for t in q_terms}
        total = sum(weights_.values()) or 1.0
        usable = [p for p in passages if not p.superseded_by][: self.max_passages]
        top = max((p.score for p in usable), default=1.0) or 1.0
        need = answer_need(question)
        listing = asks_for_list(question)
        pool: list[tuple[int, Unit]] = []
        for rank, p in enumerate(usable):
            for unit in units(p.chunk.text, heading=p.chunk.section.split(SEP)[-1].strip()):
                if quotable(unit, p.chunk):
                    pool.append((rank, unit))
        known = self.unit_vectors([(usable[r].chunk.id, u) for r, u in pool]) if self.unit_vectors else {}
        sims = self.similarities(question, [u.context for _, u in pool], known)
        out: list[_Candidate] = []
        for (rank, unit), sim in zip(pool, sims, strict=True):
            p = usable[rank]
            terms = frozenset(content_terms(unit.context))
            context = set(content_terms(p.chunk.section))
            features = {
                "sim": sim if self.embeddings is not None else 0.0,
                "cover": sum(w for t, w in weights_.items() if t in terms) / total,
                "context_cover": sum(w for t, w in weights_.items() if t in context and t not in terms) / total,
                "passage": p.score / top,
                "numbers": float(bool(q_nums and q_nums & numbers(unit.display))),
                "modal": float(bool(MODAL.search(unit.display))),
                "own_cover": sum(w for t, w in own_weights.items() if t in terms) / own_total,
                "answer_kind": kind_score(unit.context if need and need.kind == "actor" else unit.display, need),
                "position": min(unit.position, 10) / 10,
                "rank": float(rank),
                "long": float(len(unit.display) > 400),
                "item": float(unit.item),
                "lead_only": float(unit.display.rstrip().endswith(":")),
                "list_item": float(unit.item and listing),
            }
            out.append(_Candidate(rank, unit, terms, features, linear(features, self.w)))
        return out

    # ------------------------------------------------------------ composing the answer
    def answer(
        self, question: str, passages: Sequence[Passage], idf: dict[str, float], own: str | None = None
    ) -> Draft:
        usable = [p for p in passages if not p.superseded_by][: self.max_passages]
        return self.compose(question, self.candidates(question, passages, idf, own), usable, idf)

    def compose(self, question: str, cands: list[_Candidate], usable: list[Passage], idf: dict[str, float]) -> Draft:
        """The answer from scored candidates: the best one, the quotes that join it, each cited."""
        cands = sorted(cands, key=lambda c: -c.score)
        if not cands:
            return Draft("")
        chosen = self._choose(question, cands, idf)
        best = chosen[0]
        chosen.sort(key=lambda c: (c.passage_rank != best.passage_rank, c.passage_rank, c.position))
        need = answer_need(question)
        draft = self._compose(chosen, usable)
        draft.best_score = best.score
        draft.kind_found = need is None or any(c.features["answer_kind"] for c in chosen)
        draft.sim_gap = best.sim - float(np.mean([c.sim for c in cands]))
        return draft

    def _choose(self, question: str, cands: list[_Candidate], idf: dict[str, float]) -> list[_Candidate]:
        q_terms = set(content_terms(question))
        best = cands[0]
        if best.features["lead_only"]:  # "...the following prizes:" answers with the list it opens
            items = [
                c for c in cands if c.passage_rank == best.passage_rank and c.unit.item and c.unit.lead == best.sentence
            ]
            if items:
                return sorted(items, key=lambda c: c.position)[: self.max_items]
        if best.unit.item and (asks_for_list(question) or len(best.display.split()) < 4):
            # "Which awards do we hand out?", or an item too short to stand alone ("Best Actor"): the whole list.
            siblings = [
                c
                for c in cands
                if c.passage_rank == best.passage_rank and c.unit.group == best.unit.group and c is not best
            ]
            return sorted([best, *siblings], key=lambda c: c.position)[: self.max_items]
        noun = listed_noun(question)
        if noun and not best.unit.item:
            # "Which awards does the competition hand out?": a list whose lead-in, heading or items name awards
            # answers it better than a sentence that merely mentions awards, when it scores close enough.
            for cand in cands:
                if cand.score < best.score - self.listing:
                    break
                if cand.unit.item and noun in content_terms(f"{cand.unit.lead} {cand.unit.label} {cand.display}"):
                    siblings = [
                        c for c in cands if c.passage_rank == cand.passage_rank and c.unit.group == cand.unit.group
                    ]
                    return sorted(siblings, key=lambda c: c.position)[: self.max_items]
        chosen = [best]
        covered = set(best.terms & q_terms)
        q_weight = sum(idf.get(t, 1.0) for t in q_terms) or 1.0
        for cand in cands[1:]:
            if len(chosen) >= self.max_sentences:
                break
            new_weight = sum(idf.get(t, 1.0) for t in (cand.terms & q_terms) - covered)
            adjacent = cand.passage_rank == best.passage_rank and cand.position == best.position + 1
            adds_facts = new_weight / q_weight >= 0.25 and cand.passage_rank <= 1 and cand.sim >= best.sim - 0.1
            if _fragment(cand):
                continue
            if (cand.score >= best.score - self.follow and (adds_facts or adjacent)) or (
                adjacent and cand.score >= best.score - self.follow_adjacent
            ):
                if any(_near_duplicate(cand.display, c.display) for c in chosen) or not _fits(chosen, cand):
                    continue
                chosen.append(cand)
                covered |= cand.terms & q_terms
        if self.second_opinion >= 0 and all(c.passage_rank == best.passage_rank for c in chosen):
            for cand in cands[1:]:
                if cand.passage_rank == best.passage_rank or _fragment(cand):
                    continue
                kept = chosen[: self.max_sentences - 1]
                if (
                    cand.score >= best.score - self.second_opinion
                    and not any(_near_duplicate(cand.display, c.display) for c in chosen)
                    and _fits(kept, cand)
                ):
                    chosen = kept + [cand]
                break
        return chosen

    def _compose(self, chosen: list[_Candidate], usable: list[Passage]) -> Draft:
        numbering: dict[int, int] = {}
        citations: list[Citation] = []
        parts: list[str] = []
        notes: list[str] = []
        # Items of one list (same passage, same group) become one sentence: "Lead-in: item; item; item [1]."
        groups: list[list[_Candidate]] = []
        for cand in chosen:
            same = next(
                (
                    g
                    for g in groups
                    if cand.unit.item
                    and g[0].unit.item
                    and g[0].passage_rank == cand.passage_rank
                    and g[0].unit.group == cand.unit.group
                ),
                None,
            )
            if same is not None:
                same.append(cand)
            else:
                groups.append([cand])
        for group in groups:
            first = group[0]
            passage = usable[first.passage_rank]
            pieces = ([first.unit.lead] if first.unit.lead else []) + [c.sentence for c in group]
            if first.passage_rank not in numbering:
                numbering[first.passage_rank] = len(numbering) + 1
                citations.append(make_citation(numbering[first.passage_rank], passage, " … ".join(pieces)))
            else:
                cit = citations[numbering[first.passage_rank] - 1]
                for piece in pieces:
                    if piece not in cit.quote:
                        cit.quote = f"{cit.quote} … {piece}"
            n = numbering[first.passage_rank]
            text = _group_text(group, passage)
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


def _group_text(group: list[_Candidate], passage: Passage) -> str:
    """The answer sentence for one unit, or for items of one list with the lead-in (or heading) they complete."""
    first = group[0]
    if not first.unit.item:
        return first.display.rstrip()
    items = [c.display.rstrip(" .;,") for c in group]
    lead = clean_display(first.unit.lead).rstrip() if first.unit.lead else ""
    if not lead and len(group) > 1:
        heading = passage.chunk.section.split("›")[-1].strip()
        lead = f"{heading}:" if heading else ""
    joined = "; ".join(items)
    if not lead:
        return joined
    return f"{lead} {joined}" if lead.endswith(":") else f"{lead}: {joined}"


MAX_ANSWER_WORDS = 120  # a short answer: further quotes join only while the answer stays under this


def _fragment(cand: _Candidate) -> bool:
    """A list item too short to stand alone in an answer beside other quotes ("Best Actor")."""
    return cand.unit.item and not cand.unit.lead and len(cand.display.split()) < 4


def _fits(chosen: list[_Candidate], cand: _Candidate) -> bool:
    return sum(len(c.display.split()) for c in chosen) + len(cand.display.split()) <= MAX_ANSWER_WORDS


def _near_duplicate(a: str, b: str) -> bool:
    ta, tb = set(content_terms(a)), set(content_terms(b))
    if not ta or not tb:
        return False
    return len(ta & tb) / math.sqrt(len(ta) * len(tb)) > 0.8
