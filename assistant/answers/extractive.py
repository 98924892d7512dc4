"""The default answerer: quotes units of the retrieved passages and cites each one; it cannot invent a rule. Units
(sentences, and list items with their lead-in; `assistant.library.units`) are scored by a linear combination of
features whose weights live in `assistant/data/weights.json`."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.answers.asks import split_asks
from assistant.answers.citations import make_citation, without_markers
from assistant.answers.companions import companion_words, speaks_of_companion
from assistant.answers.draft import Draft
from assistant.answers.juries import other_jurys_rules
from assistant.answers.leaning import excepts, referred, refers_back
from assistant.answers.lists import asks_for_list, listed_noun
from assistant.answers.needs import Need, answer_need, follow_up_need, kind_score, meets, needs_marked_answer
from assistant.answers.paraphrase import near_cover
from assistant.answers.retrieval import clause_numbers
from assistant.answers.speakers import asks_as_juror, speaks_of_jurors
from assistant.answers.tables import heaviest_row
from assistant.answers.timeframe import same_side, side
from assistant.answers.top_prize import PRIZE_LIST, asks_top_listed
from assistant.library.embedding import RememberedVectors, TextEmbeddings, WordSimilarity
from assistant.library.loading.language import english_half
from assistant.library.units import ANNOUNCES, Unit, clean_display, column_names, ends_on_pointer, quotable, units
from assistant.schema import Citation, Passage
from assistant.text import content_terms, opens_list
from assistant.weights import linear, weights

# ---------------------------------------------------------------- candidates


@dataclass
class _Candidate:
    passage_rank: int
    unit: Unit
    terms: frozenset[str]
    features: dict[str, float]
    score: float = 0.0
    clauses: frozenset[str] = frozenset()  # its passage's clause numbers, its document's title and file
    title: str = ""
    source: str = ""

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


@dataclass
class Ask:
    """One part of a question and the candidate quotes scored for it."""

    text: str
    candidates: list[_Candidate]


UnitVectors = Callable[[list[tuple[str, Unit]]], dict[str, np.ndarray]]


class ExtractiveAnswerer:
    """Picks the passage units that best answer the question and cites each one. Deterministic."""

    name = "extractive"

    def __init__(
        self,
        embeddings: TextEmbeddings | None = None,
        max_passages: int = 4,
        unit_vectors: UnitVectors | None = None,
        query_vector: Callable[[str], np.ndarray] | None = None,
        word_similarity: WordSimilarity | None = None,
    ) -> None:
        self.embeddings = embeddings
        self.word_similarity = word_similarity  # for the question's words a rule says otherwise
        self.w = weights("quote")
        self.set_margins(weights("quote_choice"))
        self.max_passages = max_passages
        self.max_items = 12
        self.unit_vectors = unit_vectors  # {unit context: vector} made at ingest, for (chunk id, unit) pairs
        self.query_vector = query_vector  # the question's vector, shared with retrieval
        self._encoded = RememberedVectors(self._encode)

    def _encode(self, texts: list[str]) -> np.ndarray:
        if self.embeddings is None:  # similarities() answers without vectors then, and never asks
            raise RuntimeError("no embedding model to encode with")
        return self.embeddings.encode(texts)

    def set_margins(self, choice: Mapping[str, float]) -> None:
        """Margins below the best quote's score within which another quote joins: a close second (often the exception
        beside the rule), the next sentence of its passage, a list naming what "which X?" asks for, and a rule on sharing
        a prize under one silent on it ("The Grand Lantern must be awarded." above "No award may be given ex aequo.")."""
        self.follow, self.follow_adjacent, self.listing = choice["follow"], choice["follow_adjacent"], choice["listing"]
        self.shared_reach = max(self.follow, choice.get("shared_reach", 0.0))

    def similarities(self, question: str, texts: list[str], known: dict[str, np.ndarray] | None = None) -> list[float]:
        """Cosine similarity of each text to the question, with the vectors made at ingest (`known`) and retrieval's
        (`query_vector`) when given; the rest encoded one text at a time (a quantised model's vector of a text depends
        on its batch, and an answer must not depend on the questions asked before it)."""
        if self.embeddings is None or not texts:
            return [0.0] * len(texts)
        have = dict(known or {})
        q = self.query_vector(question) if self.query_vector is not None else self.embeddings.encode([question])[0]
        rest = [s for s in texts if s not in have]
        if rest:
            have.update(zip(rest, self._encoded.vectors(rest), strict=True))
        return [float(have[s] @ q) for s in texts]

    def candidates(
        self,
        question: str,
        passages: Sequence[Passage],
        idf: dict[str, float],
        own: str | None = None,
        said: Sequence[str] = (),
    ) -> list[_Candidate]:
        """Every quotable unit of the top passages with its features. `own`: a follow-up's own words, when the
        question was rewritten with the earlier topic; `said`: the earlier answer's sentences, never quoted again."""
        q_terms = set(content_terms(question))
        own_terms = set(content_terms(own)) if own else q_terms
        own_weights = {t: idf.get(t, 1.0) for t in own_terms}
        own_total = sum(own_weights.values()) or 1.0
        weights_ = {t: idf.get(t, 1.0) for t in q_terms}
        total = sum(weights_.values()) or 1.0
        usable = [p for p in passages if not p.superseded_by][: self.max_passages]
        top = max((p.score for p in usable), default=1.0) or 1.0
        need = follow_up_need(question, own)
        as_juror = asks_as_juror(question)
        wanted_side = side(question)
        headings = [p.chunk.heading for p in usable]
        pool: list[tuple[int, Unit]] = []
        for rank, p in enumerate(usable):
            for unit in units(p.chunk.text, heading=headings[rank]):
                if (
                    quotable(unit, p.chunk)
                    and not column_names(unit.display)
                    and not any(_near_duplicate(unit.display, sentence) for sentence in said)
                ):
                    pool.append((rank, unit))
        keep = english_half([u.context for _, u in pool], [usable[r].chunk.source for r, _ in pool])  # bilingual
        pool = [entry for entry, k in zip(pool, keep, strict=True) if k]
        known = self.unit_vectors([(usable[r].chunk.id, u) for r, u in pool]) if self.unit_vectors else {}
        sims = self.similarities(question, [u.context for _, u in pool], known)
        unit_terms = [frozenset(content_terms(u.context)) for _, u in pool]
        near = near_cover(self.word_similarity, question, weights_, [u for _, u in pool], unit_terms)
        named, others = [h for h in dict.fromkeys(headings) if h], companion_words(question)  # "partner events"
        heading_sims = dict(zip(named, self.similarities(question, named), strict=True))
        out: list[_Candidate] = []
        # the Shorts Jury's for the feature jury, in its words or its heading's ("Art. 15 – Feature Jury: travel")
        elsewhere = other_jurys_rules(question, [f"{usable[r].chunk.section}: {u.context}" for r, u in pool])
        for (rank, unit), sim, near_words, terms, other in zip(pool, sims, near, unit_terms, elsewhere, strict=True):
            p = usable[rank]
            context = set(content_terms(p.chunk.section))
            terms = terms - others if others and not speaks_of_companion(unit.context) else terms
            features = {
                "sim": sim if self.embeddings is not None else 0.0,
                "cover": sum(w for t, w in weights_.items() if t in terms) / total,
                "context_cover": sum(w for t, w in weights_.items() if t in context and t not in terms) / total,
                "passage": p.score / top,
                "own_cover": sum(w for t, w in own_weights.items() if t in terms) / own_total,
                "near_cover": near_words,
                "answer_kind": 0.0 if other else kind_score(kind_text(unit, headings[rank], need, p.chunk.title), need),
                "position": min(unit.position, 10) / 10,
                "rank": float(rank),
                "item": float(unit.item),
                "heading_sim": heading_sims.get(headings[rank], 0.0),
                "juror_subject": float(as_juror and speaks_of_jurors(unit.display)),
                "time_side": same_side(wanted_side, unit.display),
                "other_jury": float(other),  # (no weight: kept out of the quotes that go with the best)
            }
            clauses = frozenset(clause_numbers(p.chunk.section))
            score = linear(features, self.w)
            out.append(_Candidate(rank, unit, terms, features, score, clauses, p.chunk.title, p.chunk.source))
        return out

    # ------------------------------------------------------------ composing the answer
    def answer(
        self,
        question: str,
        passages: Sequence[Passage],
        idf: dict[str, float],
        own: str | None = None,
        said: Sequence[str] = (),
    ) -> Draft:
        asks = split_asks(question) if own is None else [question]
        return self.answer_asks(question, asks, passages, idf, own, said)

    def answer_asks(
        self,
        question: str,
        asks: list[str],
        passages: Sequence[Passage],
        idf: dict[str, float],
        own: str | None = None,
        said: Sequence[str] = (),
    ) -> Draft:
        """The answer to these asks of the question (all of them, or the ones the library covers)."""
        usable = [p for p in passages if not p.superseded_by][: self.max_passages]
        if len(asks) == 1:
            return self.compose(question, [Ask(asks[0], self.candidates(asks[0], passages, idf, own, said))], usable)
        return self.compose(question, [Ask(a, self.candidates(a, passages, idf)) for a in asks], usable)

    def compose(self, question: str, asks: list[Ask], usable: list[Passage]) -> Draft:
        """The answer from scored candidates: each ask's best quote (and those that belong with it), cited once."""
        chosen: list[_Candidate] = []
        first: _Candidate | None = None
        kind_found = not needs_marked_answer(answer_need(question))
        previous = ""
        for ask in asks:
            # "Can the jury add mentions? How many?": a bare "How many?" borrowing the ask before it is answered when
            # that one's quotes hold the count ("a maximum of two special mentions"), as is a part whose every word
            # they hold ("…, and where was the very first one held?"); an ask with words of its own ("and is there a
            # minimum length?") or of another kind ("and who gets it?") gets a quote of its own.
            own = ask.text[len(previous) :] if previous and ask.text.startswith(previous) else ""
            leans = bool(own) and not content_terms(own)
            part, previous, said = own or ask.text, ask.text, " ".join(c.display for c in chosen)
            need, terms = answer_need(part), set(content_terms(part))  # what the ask itself asks for
            if leans and chosen and need is not None and need.kind == "amount" and meets(said, need):
                continue
            covered = chosen and not leans and terms and terms <= set(content_terms(said))
            if covered and (not needs_marked_answer(need) or meets(said, need)):
                continue
            cands = sorted(ask.candidates, key=lambda c: -c.score)
            taken = {(c.passage_rank, c.position) for c in chosen}
            cands = [c for c in cands if (c.passage_rank, c.position) not in taken]
            if not cands:
                continue
            picked = self._choose(ask.text, cands, parts=len(asks))
            elsewhere = referred(picked[0], cands)  # "… using rule 7.5 of the Rules": with rule 7.5
            if elsewhere is not None and elsewhere not in picked:
                picked += [elsewhere, *self._items_of(elsewhere, cands)]
            first = first or picked[0]
            chosen.extend(picked)
            asked = answer_need(ask.text)
            kind_found = (
                kind_found
                or not needs_marked_answer(asked)
                # (or in the lead-in an item is quoted with: "one panel of five people: …" over "Student judges: …")
                or any(c.features["answer_kind"] or c.unit.item and kind_score(c.unit.lead, asked) for c in picked)
            )
        if not chosen or first is None:
            return Draft("")
        chosen = _in_reading_order(chosen, first)
        draft = self._compose(chosen, usable)
        draft.kind_found = kind_found
        return draft

    def _choose(self, question: str, cands: list[_Candidate], parts: int = 1) -> list[_Candidate]:
        """The quotes that answer one ask: the best unit; the list it opens or belongs to when a list is asked for;
        the sentence before it when it refers back; the next sentence when it scores close (or refers back); else a
        close second (the exception beside the general rule; one that holds what the question asks for when the
        best does not), unless the question has several parts."""
        heaviest = heaviest_row(question, [(c.passage_rank, c.display) for c in cands])  # "which counts the most?"
        top = self._top_award(cands) if asks_top_listed(question) else None if heaviest is None else cands[heaviest]
        if top is not None:
            return [top]
        best = cands[0]
        listed = self._list_answer(question, cands)
        if listed:
            return listed
        chosen = [best]
        # shown with the sentence it refers to ("This rule applies …", "Judges don't choose it.")
        before = _beside(best, cands, -1) if refers_back(best.display) or ends_on_pointer(best.display) else None
        nxt = _beside(best, cands, +1)
        if before is not None:
            chosen = [before, best]
            if nxt is not None and nxt.score >= best.score - self.follow_adjacent:
                chosen.append(nxt)  # "Before that announcement, ... After it, ...": the rule goes on
            return chosen
        nxt = None if nxt is None or nxt.features["other_jury"] else nxt  # not the Shorts Jury's for the feature jury
        if (
            nxt is not None
            and (nxt.score >= best.score - self.follow_adjacent or refers_back(nxt.display))
            and not _near_duplicate(nxt.display, best.display)
        ):
            chosen.append(nxt)  # the sentence that goes on from the best one
        elif nxt is not None and excepts(nxt.display, (set(content_terms(question)) & nxt.terms) - best.terms):
            chosen.append(nxt)  # "… does the president decide?": "The casting vote does not apply to … Best Feature"
        need = answer_need(question)
        lacking = bool(need) and not any(c.features["answer_kind"] for c in chosen)
        # (a sentence that goes on from the best one and still lacks what is asked, a quorum: a second may hold it)
        if parts == 1 and (len(chosen) == 1 or lacking):
            reach = self.shared_reach if lacking and need and need.kind == "shared" else self.follow
            for cand in cands[1:]:
                if cand.score < best.score - reach:
                    break
                skip = cand in chosen or _fragment(cand) or _near_duplicate(cand.display, best.display)
                if skip or cand.features["other_jury"] or not _fits(chosen, cand):
                    continue
                if lacking and not cand.features["answer_kind"]:
                    continue  # the best quote lacks what is asked for (a number, a date): a second must hold it
                chosen.append(cand)
                break
        if len(chosen) > 1:  # a lead-in that joins the answer never comes without the list it opens
            whole = chosen[:1] + [c for cand in chosen[1:] for c in [cand, *self._items_of(cand, cands)]]
            chosen = list({(c.passage_rank, c.position): c for c in whole}.values())
        return chosen

    def _top_award(self, cands: list[_Candidate]) -> _Candidate | None:
        """The first item of a list of prizes, for "the top prize" (rules list their awards from the highest), when it
        scores as close to the best as a list must."""
        for cand in cands:
            if cand.score < cands[0].score - self.listing:
                return None
            if (
                cand.unit.item
                and PRIZE_LIST.search(cand.unit.lead)
                and not any(
                    c.passage_rank == cand.passage_rank
                    and c.unit.group == cand.unit.group
                    and c.position < cand.position
                    for c in cands
                    if c.unit.item
                )
            ):
                return cand
        return None

    def _list_answer(self, question: str, cands: list[_Candidate]) -> list[_Candidate]:
        """A whole list when the question asks for one ("Which awards ...?", "What criteria ...?") or when the best
        quote is a lead-in that opens a list or an item too short to stand alone; [] otherwise."""
        best = cands[0]

        def group_of(cand: _Candidate) -> list[_Candidate]:
            members = [c for c in cands if c.passage_rank == cand.passage_rank and c.unit.group == cand.unit.group]
            return sorted(members, key=lambda c: c.position)[: self.max_items]

        items = self._items_of(best, cands)  # "...the following prizes:" opens its list
        if items:
            return items
        noun = listed_noun(question)
        if noun:
            # A list whose lead-in, heading or items name what is asked for answers it better than a sentence that
            # merely mentions it, when it scores close enough.
            for cand in cands:
                if cand.score < best.score - self.listing:
                    break
                if cand.unit.item and noun in content_terms(f"{cand.unit.lead} {cand.unit.label} {cand.display}"):
                    return group_of(cand)
        if best.unit.item and (asks_for_list(question) or len(best.display.split()) < 4):
            return group_of(best)
        return []

    def _items_of(self, lead: _Candidate, cands: list[_Candidate]) -> list[_Candidate]:
        """The items a lead-in opens (it ends with a colon or announces them), in order; [] for any other unit."""
        if not (opens_list(lead.display) or _announces(lead)):
            return []
        items = [
            c for c in cands if c.passage_rank == lead.passage_rank and c.unit.item and c.unit.lead == lead.sentence
        ]
        return sorted(items, key=lambda c: c.position)[: self.max_items]

    def _compose(self, chosen: list[_Candidate], usable: list[Passage]) -> Draft:
        numbering: dict[int, int] = {}
        citations: list[Citation] = []
        parts: list[str] = []
        notes: list[str] = []
        # Items of one list (same passage, same group) become one sentence: "Lead-in: item; item; item [1]."
        # A lead-in chosen beside items it opens is said once, with them.
        leads = {(c.passage_rank, " ".join(c.unit.lead.split())) for c in chosen if c.unit.item and c.unit.lead}
        chosen = [c for c in chosen if c.unit.item or (c.passage_rank, " ".join(c.unit.text.split())) not in leads]
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
                for piece in pieces:
                    citations[numbering[first.passage_rank] - 1].add_quote(piece)
            n = numbering[first.passage_rank]
            text = without_markers(_group_text(group, passage))
            if passage.note.startswith("in force"):
                lead = f"{passage.chunk.title}"
                if passage.chunk.effective_date:
                    lead += f" (in force from {passage.chunk.effective_date})"
                notes.append(f"Rule in force: {passage.chunk.title}; {passage.note}.")
                if not parts:
                    text = f"Under {lead}: {text[0].lower() + text[1:] if text[:2].istitle() else text}"
            end = text[-1] if text[-1] in ".!?" else ""
            body = text[:-1] if end else text.rstrip(" ;,")  # a list item's own ";" ends no answer sentence
            parts.append(f"{body} [{n}]{end or '.'}")
        return Draft(" ".join(parts), citations, notes)


def kind_text(unit: Unit, heading: str, need: Need | None, title: str = "") -> str:
    """The words a unit is read in for what the question asks: an actor or a cell with the words around it, an award's
    sum with its heading ("The Youth Jury Prize"), a named jury's rule with its title too ("Youth Jury Handbook")."""
    if need is not None and (need.award or need.prize or need.jury):
        return f"{title}: {heading}: {unit.context}" if need.jury else f"{heading}: {unit.context}"
    return unit.context if (need and need.kind == "actor") or unit.columns else unit.display


def _group_text(group: list[_Candidate], passage: Passage) -> str:
    """The answer sentence for one unit, or for items of one list with the lead-in they complete. Headings and
    section labels ("Official RULES:", "Judging Criteria") stay in the citation, never in the answer."""
    first = group[0]
    if not first.unit.item:
        return first.display.rstrip()
    lead = clean_display(first.unit.lead).rstrip() if first.unit.lead and reads_as_sentence(first.unit.lead) else ""
    whole = [c.display.rstrip() for c in group]
    if len(whole) > 1 and all(w.endswith((".", "!", "?")) for w in whole):
        joined = " ".join(whole)  # items that are sentences stay sentences: "... verbatim. It may be spoken ..."
    else:
        # (without the "and" or "or" a statute's last but one item ends on: "(c) the Prize for Screenplay; and")
        joined = "; ".join(re.sub(r"[;,]\s*(?:and|or)$", "", c.display.rstrip(" .;,")) for c in group)
    if not lead:
        return joined
    return f"{lead} {joined}" if lead.endswith(":") else f"{lead.rstrip(' .;-–—')}: {joined}"


def reads_as_sentence(text: str) -> bool:
    """A lead-in that says something ("Each judge scores each entry on 3 criteria:", "Awards presented:") rather than
    a label standing for a heading ("Official RULES:", "GUIDELINES:", "Judging Criteria:")."""
    label = clean_display(text).rstrip(" :")
    if _SECTION_LABEL.match(label) or "://" in label or "www." in label:
        return False  # "Part 3 - http://...", "Article 4 Jury"
    words = label.split()
    long_words = [w for w in words if len(w) > 3]
    return len(words) >= 2 and not all(w[:1].isupper() for w in long_words)


_SECTION_LABEL = re.compile(r"(?i)^(?:article|art\.|part|section|chapter|annex|appendix|rule|clause)\s+[\w.]+\b")


def _announces(cand: _Candidate) -> bool:
    """A sentence that announces the list after it without a colon ("... one or more of these categories."); a list
    item may announce a list inside it (the caller takes only items whose lead-in it is)."""
    return bool(ANNOUNCES.search(cand.display))


def _in_reading_order(chosen: list[_Candidate], first: _Candidate) -> list[_Candidate]:
    """The best quote's passage first, then the others; within a passage, in the order of its text."""
    unique = list({(c.passage_rank, c.position): c for c in chosen}.values())
    return sorted(unique, key=lambda c: (c.passage_rank != first.passage_rank, c.passage_rank, c.position))


MAX_ANSWER_WORDS = 120  # a short answer: further quotes join only while the answer stays under this


def _beside(cand: _Candidate, cands: list[_Candidate], step: int) -> _Candidate | None:
    """The unit just before (-1) or after (+1) this one in its passage, when it is a candidate."""
    return next((c for c in cands if c.passage_rank == cand.passage_rank and c.position == cand.position + step), None)


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
