"""Answerers: the default extractive one (cannot invent a rule) and generative ones behind one interface.

The extractive answerer quotes units of the retrieved passages (sentences, and list items with their lead-in; see
`assistant.library.units`), scored by a linear combination of features whose weights live in `assistant/data/weights.json`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from assistant.answers.citations import make_citation
from assistant.library.chunking import SEP
from assistant.library.embedding import TextEmbeddings
from assistant.library.units import Unit, clean_display, quotable, units
from assistant.schema import Citation, Passage
from assistant.text import content_terms, numbers, stem
from assistant.weights import linear, weights

MODAL = re.compile(
    r"\b(must|shall|may not|may|cannot|can't|is required|are required|is not permitted|are not permitted|prohibited|"
    r"forbidden|entitled|no later than|within|at least|at most|not eligible|not accepted|obliged)\b|n['’]t\b",
    re.I,
)


@dataclass
class Draft:
    """An answer before the Assistant wraps it: text with [n] markers and the citations they resolve to."""

    text: str
    citations: list[Citation] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    answerer: str = "extractive"
    best_score: float = 0.0  # the best quote's score
    kind_found: bool = True  # the quotes hold what the question asks for (a number for "how many"...)
    sim_gap: float = 0.0  # how far the best quote's similarity stands above the candidates' mean


class Answerer(Protocol):
    """One required method: compose an answer to `question` from ranked `passages`."""

    name: str

    def answer(self, question: str, passages: Sequence[Passage], idf: dict[str, float]) -> Draft: ...


# ---------------------------------------------------------------- what the question asks for

_NUMBER_WORDS = (
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|half|all|both|"
    r"majority|none|single|double|maximum|minimum)\b"
)
_COUNT_WORDS = (
    r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|hundred"
)
_COUNT = rf"\b({_COUNT_WORDS})\b"
_MONTHS = r"january|february|march|april|may|june|july|august|september|october|november|december"
# (kind, how a question asks for it, what an answer of that kind contains)
ANSWER_KINDS: list[tuple[str, re.Pattern[str], re.Pattern[str]]] = [
    (
        "amount",
        re.compile(
            r"^\s*(how (much|long|often|early|late|far|old|big|large)|what (percentage|share|amount|weight|time|age|"
            r"size)|by how|what'?s the (longest|shortest|maximum|minimum|most|least|deadline)|what is the (longest|"
            r"shortest|maximum|minimum|most|least))|\bhow (many|much)\b|\b(longest|shortest|maximum|minimum|how old)\b",
            re.I,
        ),
        re.compile(_NUMBER_WORDS, re.I),
    ),
    (
        "time",
        re.compile(r"^\s*(when|by when|until when|what date|what day|which day|from when)\b|\bdeadline\b", re.I),
        re.compile(
            rf"\b(\d{{1,2}}:\d{{2}}|{_MONTHS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|before|after|"
            r"until|within|during|daily|each day|morning|evening|immediately|once|\d{4})\b",
            re.I,
        ),
    ),
    (
        "place",
        re.compile(r"^\s*(where|in which (room|place|venue|building)|at which (venue|place))\b", re.I),
        re.compile(
            r"\b(at|in|on) (the )?[A-Z][\w'’-]+|\b(room|hall|desk|office|theatre|theater|hotel|venue|cinema|street|"
            r"villa|centre|center|floor|entrance|lobby|screen|address)\b"
        ),
    ),
    (
        "actor",
        re.compile(
            r"^\s*(who|whom|whose|which (person|body|member|official|committee))\b|\bwho (decides|chooses|picks|"
            r"appoints|selects|sits|chairs|is on|are on|can be|may be)\b",
            re.I,
        ),
        re.compile(
            r"\b(president|coordinator|director|secretary|jury|juries|juror|jurors|committee|board|foundation|"
            r"organi[sz]er|chair|host|members?|participants?|filmmakers?|programmers?|delegates?|academy|"
            r"[A-Z][a-z]+ [A-Z][a-z]+)\b",
            re.I,
        ),
    ),
    (
        "consequence",
        re.compile(r"\b(what happens|what if|what would happen|consequence|penalt(y|ies)|sanction)\b", re.I),
        re.compile(
            r"\b(if|unless|in case|in the event|where|when|otherwise)\b.{0,120}\b(is|are|will|shall|must|may|loses?|"
            r"becomes?|goes|go)\b|\b(loses?|lost|excluded|disqualified|withdrawn|again|replaced|refused|removed|"
            r"forfeits?|cancelled|sanction)\b",
            re.I,
        ),
    ),
    (
        "permission",
        re.compile(
            r"^\s*(can|could|may|might|must|should|shall|is it|are we|am i|is there|are there|do we|do i|does|do|did|"
            r"is|are|will|would|has|have)\b|\b(allowed|permitted|eligible|possible|able to)\b",
            re.I,
        ),
        re.compile(
            r"\b(may|may not|must|must not|shall|shall not|cannot|can't|can|not allowed|not permitted|allowed|"
            r"permitted|prohibited|forbidden|eligible|not eligible|not accepted|will not|won't|only|no|not|required|"
            r"obliged|entitled|cover|covers|covered)\b|n['’]t\b",
            re.I,
        ),
    ),
]
_LIST_QUESTION = re.compile(
    r"\b(which|what)\b(\s+\S+){0,5}?\s+(awards|prizes|categories|conditions|documents|materials|sections|"
    r"competitions|requirements|criteria|programmes|programs|juries|items|formats)\b|\bwhat are the\b|\blist\b",
    re.I,
)


_CLAUSE = re.compile(
    r"[?.!;]\s+|,\s*(?=(?:can|could|may|might|must|should|shall|will|would|do|does|did|is|are|am|was|were|how|"
    r"what|when|where|who|which)\b)",
    re.I,
)
_HOW_MANY = re.compile(
    r"\bhow many\s+((?:[a-z'’-]+\s+){0,2}?)([a-z'’-]+?)s?\b(?=\s+(?:are|is|do|does|can|may|must|sit|sits|will|would|have|has|of|on|in|per|for|get|vote|votes)\b|[?,]|$)",
    re.I,
)
_MONEY_QUESTION = re.compile(
    r"\b(money|cash|pay|paid|pays|fee|fees|cost|costs|price|worth|grant|salary|allowance|prize money)\b", re.I
)
_MONEY = re.compile(
    r"[$€£¥]|\b(eur|euros?|usd|dollars?|chf|francs?|gbp|pounds?|rub|roubles?|rubles?|yen|yuan|rmb|sek|nok|dkk|pln|inr)\b",
    re.I,
)
_DURATION_QUESTION = re.compile(r"\bhow (long|old)\b|\b(longest|shortest|oldest|youngest)\b", re.I)
_DURATION = re.compile(
    _COUNT + r"(?:\W+\w+){0,2}?\W+(minutes?|mins?|hours?|days?|weeks?|months?|years?|seconds?)\b"
    r"|\b(\d{1,2}:\d{2}|full age|adults?|of age|age of)\b",
    re.I,
)
_PEOPLE = frozenset(
    "people persons person members member jurors juror judges judge voters voter participants participant "
    "representatives representative delegates delegate specialists specialist filmmakers filmmaker".split()
)


@dataclass(frozen=True)
class Need:
    """What an answer must contain: a kind (amount, time, place, actor, consequence, permission), and for "how many
    X" the noun counted, for "how much does it pay" a sum of money."""

    kind: str
    counted: str = ""
    money: bool = False
    duration: bool = False  # "how long", "how old": a number with its unit (minutes, days, years)


def answer_need(question: str) -> Need | None:
    """The most specific kind of answer any clause of the question asks for (a number before a permission:
    "Is there an international jury too? How big is it?" wants a size)."""
    q = re.sub(r"^\s*(and|but|so|also|ok|okay|then)[, ]+", "", question.strip(), flags=re.I)
    clauses = [c.strip() for c in _CLAUSE.split(q) if c and c.strip()]
    for kind, asks, _ in ANSWER_KINDS:
        asking = next((c for c in clauses if asks.search(c)), None)
        if asking is not None:
            # What is counted, or whether it is money or a duration, is read in the clause that asks: a follow-up's
            # words borrowed from an earlier question ("... worth") do not make "the most prizes" a sum of money.
            counted = ""
            if kind == "amount":
                m = _HOW_MANY.search(asking)
                counted = m.group(2).lower() if m else ""
            money = kind == "amount" and bool(_MONEY_QUESTION.search(asking)) and not counted
            duration = kind == "amount" and bool(_DURATION_QUESTION.search(asking)) and not money
            return Need(kind, counted, money, duration)
    return None


def meets(text: str, need: Need | None) -> bool:
    """Does the text hold what the question asks for?"""
    if need is None:
        return False
    pattern = next(p for k, _, p in ANSWER_KINDS if k == need.kind)
    if not pattern.search(text):
        return False
    if need.money:
        return bool(_MONEY.search(text))
    if need.duration:
        return bool(_DURATION.search(text))
    if need.counted:
        counted = need.counted.rstrip("s")
        nouns = _PEOPLE if f"{counted}s" in _PEOPLE or counted in _PEOPLE else {counted, f"{counted}s"}
        window = re.compile(  # a count of them: "five members", "up to 15 further EFA members" (not "a majority")
            _COUNT + r"(?:\W+\w+){0,3}?\W+(" + "|".join(re.escape(n) for n in sorted(nouns)) + r")\b", re.I
        )
        return bool(window.search(text))
    return True


_CONCRETE_TIME = re.compile(
    rf"\b(\d{{1,2}}:\d{{2}}|\d{{1,2}}(st|nd|rd|th)?|{_MONTHS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    rf"noon|midday|midnight|{_COUNT_WORDS})\b",
    re.I,
)


def kind_score(text: str, need: Need | None) -> float:
    """1 when the text holds what the question asks for, 0 when not; a time given only as "before", "after" or
    "immediately" counts half beside one that names a date, a day, an hour or a number of days."""
    if not meets(text, need):
        return 0.0
    if need is not None and need.kind == "time" and not _CONCRETE_TIME.search(text):
        return 0.5
    return 1.0


def asks_for_list(question: str) -> bool:
    return bool(_LIST_QUESTION.search(question))


def listed_noun(question: str) -> str:
    """The stem of what a list question asks for ("Which AWARDS do we hand out?" -> "award"), or ""."""
    m = _LIST_QUESTION.search(question)
    return stem(m.group(3)) if m and m.group(3) else ""


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


def stream_words(text: str) -> Iterator[str]:
    """Text in small pieces for a streamed display (extractive answers are ready at once)."""
    yield from re.findall(r"\S+\s*", text)
