"""Hybrid retrieval: dense (Chroma) + lexical (BM25), fused, then reranked; a LangChain `BaseRetriever` on demand.

The rerank favours passages that contain the question's key terms, numbers and named categories; where
an amendment replaces a clause, the amending passage is pulled in and ranked above the clause it replaces.

`HybridRetriever` is a plain class and `as_langchain()` wraps it in a LangChain `BaseRetriever` when a chain
needs one: importing `langchain_core.retrievers` pulls in LangChain's tracers and langsmith (~0.4 s), which a
command-line question must not pay for.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.answers.amended import replaces_words_of
from assistant.answers.festival_groups import identity_text
from assistant.answers.lexical import LexicalIndex, allowed_positions, build_lexical, chunk_terms
from assistant.answers.scope import ScopeIndex
from assistant.library.chunking import clause_refs
from assistant.library.embedding import TextEmbeddings
from assistant.library.store import LibraryStore
from assistant.schema import SEP, Chunk, Passage
from assistant.text import content_terms, numbers, split_sentences, strip_clause_number
from assistant.weights import weights as weights_section

if TYPE_CHECKING:
    from langchain_core.retrievers import BaseRetriever

RRF_K = 60


def title_words(text: str) -> set[str]:
    return {t for t in content_terms(re.sub(r"\b(19|20)\d{2}\b", "", text)) if len(t) > 2}


def names_document(target: set[str], title: set[str]) -> bool:
    """Do a reference's document words (`title_words` of "the Jury Regulations") name a document of these title
    words: most of them there."""
    return bool(target) and len(target & title) / len(target) >= 0.6


def clause_numbers(section: str) -> set[str]:
    """Clause and article numbers named in a section path ('Article 8 — Voting › 8.4 Tie-breaks' -> {'8', '8.4'})."""
    found = set()
    for part in section.split(SEP):
        m = re.match(
            r"^(?:(?:article|art\.|section|clause|rule|chapter)\s+)?(\d{1,3}(?:\.\d{1,3})*)\b", part.strip(), re.I
        )
        if m:
            found.add(m.group(1))
    return found


def _rerank(name: str) -> float:
    return weights_section("retrieval")[name]


@dataclass(eq=False)
class HybridRetriever:
    """Dense + BM25 with reciprocal rank fusion and a key-term rerank; returns scored `Passage`s."""

    store: LibraryStore
    embeddings: TextEmbeddings
    k: int = 6
    candidates: int = 40
    # Rerank weights: semantic similarity, IDF-weighted key-term coverage, fused rank, and the demotion of a passage
    # that only repeats terms matched above; from weights.json's "retrieval" section unless given
    # (scripts/fit_retrieval.py fits them).
    w_dense: float = field(default_factory=lambda: _rerank("dense"))
    w_cover: float = field(default_factory=lambda: _rerank("cover"))
    w_rrf: float = field(default_factory=lambda: _rerank("rrf"))
    w_diversify: float = field(default_factory=lambda: _rerank("diversify"))
    # How many top passages may pull in the clauses they refer to (0 turns it off).
    follow_refs: int = 2

    _lexical: LexicalIndex | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _vectors: dict[str, np.ndarray] = field(default_factory=dict, init=False, repr=False)

    # ------------------------------------------------------------ index upkeep
    def lexical(self) -> LexicalIndex:
        signature = self.store.signature()
        with self._lock:
            if self._lexical is None or self._lexical.signature != signature:
                self._lexical = build_lexical(signature, self.store.all_chunks())
            return self._lexical

    def statistics(self, filters: dict[str, Any] | None = None) -> LexicalIndex:
        """The term statistics questions under these filters are weighed with: the library's, or those of the
        festival or documents the filters confine them to (`LexicalIndex.within`)."""
        lex = self.lexical()
        return lex.within(allowed_positions(lex, filters))

    def scope_index(self) -> ScopeIndex:
        """Which festival or document each name in a question points to (built once per library state)."""
        lex = self.lexical()
        with self._lock:
            if lex.scope is None:
                texts: dict[str, list[str]] = {}
                for chunk in lex.chunks:
                    texts.setdefault(chunk.source, []).append(f"{chunk.section}\n{chunk.text}")
                records = [r for r in self.store.documents() if r.source in texts]
                lex.scope = ScopeIndex.build(
                    [
                        (
                            r.source,
                            r.title,
                            r.festival,
                            identity_text(r.title, r.festival, r.edition, r.header, r.url),
                            r.url,
                        )
                        for r in records
                    ],
                    texts,
                )
            return lex.scope

    def query_vector(self, text: str) -> np.ndarray:
        """The vector of a question (cached: the answerer asks for the same one after retrieval)."""
        cache = self._vectors
        if text not in cache:
            if len(cache) > 512:
                cache.clear()
            cache[text] = self.embeddings.encode([text])[0]
        return cache[text]

    # ------------------------------------------------------------ LangChain interface
    def as_langchain(self) -> BaseRetriever:
        """This retriever as a LangChain `BaseRetriever` (`invoke(question)` gives `Document`s with scores)."""
        return _langchain_retriever_class()(hybrid=self)

    # ------------------------------------------------------------ search
    def search(
        self, query: str, k: int | None = None, filters: dict[str, Any] | None = None, boost_terms: Sequence[str] = ()
    ) -> list[Passage]:
        k = k or self.k
        lex = self.lexical()
        if not lex.chunks:
            return []
        q_terms = content_terms(query)
        allowed = allowed_positions(lex, filters)
        stats = lex.within(allowed)
        cosines = self._cosines(lex, query)
        dense_hits = _nearest(lex, cosines, allowed, self.candidates)
        bm25 = stats.library_scores(q_terms + [t for t in content_terms(" ".join(boost_terms))], lex.size)
        order = [
            int(i)
            for i in np.argsort(-bm25)[: self.candidates]
            if bm25[int(i)] > 0 and (allowed is None or int(i) in allowed)
        ]

        fused: dict[str, float] = {}
        dense_sim: dict[str, float] = {}
        chunk_of: dict[str, Chunk] = {}
        for rank, (chunk, sim) in enumerate(dense_hits):
            fused[chunk.id] = fused.get(chunk.id, 0.0) + 1.0 / (RRF_K + rank + 1)
            dense_sim[chunk.id] = sim
            chunk_of[chunk.id] = chunk
        for rank, i in enumerate(order):
            chunk = lex.chunks[i]
            fused[chunk.id] = fused.get(chunk.id, 0.0) + 1.0 / (RRF_K + rank + 1)
            chunk_of.setdefault(chunk.id, chunk)
        # BM25-only hits: their similarity, from the same comparison
        dense_sim |= {cid: _cosine_of(lex, cosines, cid) for cid in chunk_of if cid not in dense_sim}

        q_set = set(q_terms) | set(content_terms(" ".join(boost_terms)))
        q_numbers = numbers(query)
        weights = {t: stats.idf(t) for t in q_set}
        total_w = sum(weights.values()) or 1.0
        max_rrf = max(fused.values()) if fused else 1.0
        passages = []
        for cid, rrf in fused.items():
            chunk = chunk_of[cid]
            idx = lex.by_id.get(cid)
            terms = lex.terms[idx] if idx is not None else frozenset(chunk_terms(chunk))
            coverage = sum(w for t, w in weights.items() if t in terms) / total_w
            # Numbers in the rule text (amounts, days, times), not the clause's own number ("7.5 Eligible films").
            num_bonus = (
                0.1
                if q_numbers and q_numbers & numbers(strip_clause_number(chunk.text)) - clause_numbers(chunk.section)
                else 0.0
            )
            score = (
                self.w_dense * dense_sim.get(cid, 0.0)
                + self.w_cover * coverage
                + self.w_rrf * (rrf / max_rrf)
                + num_bonus
            )
            passages.append(Passage(chunk=chunk, score=score, dense=dense_sim.get(cid, 0.0), lexical=coverage))
        passages.sort(key=lambda p: -p.score)
        passages = _diversify(passages[: max(3 * k, 20)], weights, lex, self.w_diversify) + passages[max(3 * k, 20) :]
        passages = self._follow_references(cosines, passages, q_set, lex, k, dense_sim)
        passages = self._apply_amendments(passages, lex)
        passages = _prefer_newest_editions(passages, lex, self.scope_index(), allowed)
        return passages[: max(k, 1)]

    def dense(self, query: str, k: int, filters: dict[str, Any] | None = None) -> list[tuple[Chunk, float]]:
        """(chunk, cosine similarity) of the k chunks of active documents nearest the query, by meaning alone."""
        lex = self.lexical()
        return _nearest(lex, self._cosines(lex, query), allowed_positions(lex, filters), k)

    def _cosines(self, lex: LexicalIndex, query: str) -> np.ndarray:
        """The query's exact cosine to every chunk, from their stored vectors (read once per library state): Chroma's
        approximate index left out the nearest chunk now and then, differently in each process (docs/architecture.md)."""
        if lex.vectors is None or len(lex.vectors) != len(lex.chunks):
            lex.vectors = self.store.chunk_vectors([c.id for c in lex.chunks])
        if not lex.vectors.shape[1]:
            return np.zeros(0, dtype=np.float32)
        return lex.vectors @ self.query_vector(query)

    # ------------------------------------------------------------ cross-references
    def _follow_references(
        self,
        cosines: np.ndarray,
        passages: list[Passage],
        q_terms: set[str],
        lex: LexicalIndex,
        k: int,
        dense_sim: dict[str, float],
    ) -> list[Passage]:
        """Pull in the clause a top passage defers to on the question's point.

        Glossaries, FAQs and letters defer to the rules ("a tie is resolved as provided in Article 8.4 of the Jury
        Regulations"): when the sentence that matches the question points to a clause of another document, that
        clause holds the answer although it may share no words with the question, so it is placed right below
        the passage that cites it (and, if an amendment replaces it, the amendment goes above it next).
        """
        if self.follow_refs <= 0 or not q_terms:
            return passages
        shown = {p.chunk.id for p in passages[:k]}
        additions: dict[int, list[Passage]] = {}
        for position, p in enumerate(passages[: self.follow_refs]):
            for sentence in split_sentences(p.chunk.text):
                if not q_terms & set(content_terms(sentence)):
                    continue
                for number, target in clause_refs(strip_clause_number(sentence)):
                    # ("rule 7.5 of the Rules" in a judges' notes: a document its title does not name, of no words
                    # of its own; its festival's other documents hold that clause)
                    other = bool(target) and target.lower().removeprefix("the ") not in p.chunk.title.lower()
                    if not target or title_words(target) <= title_words(p.chunk.title) and not other:
                        continue  # references within a document are mostly procedural ("as required by 2.2")
                    for chunk in self._resolve_reference(number, target, lex, p.chunk.source):
                        if chunk.id in shown:
                            continue
                        shown.add(chunk.id)
                        if chunk.id not in dense_sim:
                            dense_sim[chunk.id] = _cosine_of(lex, cosines, chunk.id)
                        referred = next((x for x in passages if x.chunk.id == chunk.id), None) or Passage(
                            chunk=chunk, score=0.0, dense=dense_sim[chunk.id], lexical=0.0
                        )
                        referred.score = p.score - 1e-3
                        referred.note = referred.note or f"referred to by {p.chunk.title} {p.chunk.section}"
                        additions.setdefault(position, []).append(referred)
        if not additions:
            return passages
        added = {x.chunk.id for extra in additions.values() for x in extra}
        result: list[Passage] = []
        for position, p in enumerate(passages):
            if p.chunk.id in added:
                continue
            result.append(p)
            result.extend(additions.get(position, []))
        return result

    def _resolve_reference(self, number: str, target: str, lex: LexicalIndex, source: str = "") -> list[Chunk]:
        """The chunks of clause `number` in the document a reference names ("Article 8.4 of the Jury Regulations"),
        or, named by no words of its own ("the Rules"), in another document of the citing `source`'s festival."""
        target_terms = title_words(target)
        kin = self.scope_index().group(source) - {source} if source and not target_terms else set()
        found = []
        for chunk in _clause_index(lex).get(number, []):
            if names_document(target_terms, title_words(chunk.title)) or chunk.source in kin:
                found.append(chunk)
        return found if len(found) <= 2 else []  # a clause split in two at most; more means an ambiguous number

    # ------------------------------------------------------------ rules in force
    def amendments_for(self, chunk: Chunk, lex: LexicalIndex) -> list[Chunk]:
        """Amending passages in the library that replace or change this chunk's clause."""
        mine = clause_numbers(chunk.section)
        if not mine or chunk.kind == "amendment":
            return []
        title_terms = title_words(chunk.title)
        out: list[tuple[Chunk, str]] = []
        for other in _amending_chunks(lex):
            if other.effective_date and chunk.effective_date and other.effective_date < chunk.effective_date:
                continue
            for number, target in (ref.split("|", 1) for ref in other.amends.split(";") if "|" in ref):
                if number not in mine:
                    continue
                if names_document(title_words(target), title_terms):
                    out.append((other, number))
                    break
        # Of "Article 9" replaced whole and its new "9.4", clause 9.4 is replaced by the new 9.4.
        closest = max((n.count(".") for _, n in out), default=0)
        return [other for other, n in out if n.count(".") == closest]

    def _apply_amendments(self, passages: list[Passage], lex: LexicalIndex) -> list[Passage]:
        present = {p.chunk.id: p for p in passages}
        result: list[Passage] = []
        for p in passages:
            amending = self.amendments_for(p.chunk, lex)
            if not amending:
                if p.chunk.id not in {r.chunk.id for r in result}:
                    result.append(p)
                continue
            # (of two of one date, the one that changes fewer clauses: a provision, not the list of all it changes)
            newest = max(amending, key=lambda c: (c.effective_date or "", -c.amends.count(";")))
            when = f" (effective {newest.effective_date})" if newest.effective_date else ""
            if replaces_words_of(newest.text, p.chunk.text):
                p.amended_by, p.note = newest.id, f"words replaced by {newest.title}{when}"  # (answers/amended.py)
            else:
                p.superseded_by, p.note = newest.id, f"replaced by {newest.title}{when}"
            if newest.id not in {r.chunk.id for r in result}:
                amended = present.get(newest.id) or Passage(
                    chunk=newest, score=p.score, dense=p.dense, lexical=p.lexical
                )
                amended.score = max(amended.score, p.score + 1e-3)
                amended.note = (
                    f"in force{when}; replaces {p.chunk.title} {sorted(clause_numbers(p.chunk.section), key=len)[-1]}"
                )
                result.append(amended)
            if p.chunk.id not in {r.chunk.id for r in result}:
                result.append(p)
        return result


def _amending_chunks(lex: LexicalIndex) -> list[Chunk]:
    """Passages of amendments that name clauses they change (computed once per index)."""
    if lex.amending is None:
        lex.amending = [c for c in lex.chunks if c.kind == "amendment" and c.amends]
    return lex.amending


def _clause_index(lex: LexicalIndex) -> dict[str, list[Chunk]]:
    """Chunks by their own clause number (computed once per index; amendments excluded).

    A chunk is indexed under its most specific number only: "Article 10" names a chunk when the article has no
    sub-clauses, not every chunk under Article 10.
    """
    if lex.clauses is None:
        lex.clauses = {}
        for chunk in lex.chunks:
            mine = clause_numbers(chunk.section)
            if mine and chunk.kind != "amendment":
                lex.clauses.setdefault(max(mine, key=lambda n: n.count(".")), []).append(chunk)
    return lex.clauses


def _diversify(passages: list[Passage], weights: dict[str, float], lex: LexicalIndex, penalty: float) -> list[Passage]:
    """Greedy re-ordering that demotes passages matching only query terms already matched above.

    Ten passages from one section that all match "Best Actress" should not crowd out the one passage
    that matches "tie": each pick is scored by how much *new* query vocabulary it brings.
    """

    def matched(p: Passage) -> set[str]:
        idx = lex.by_id.get(p.chunk.id)
        terms = lex.terms[idx] if idx is not None else frozenset(chunk_terms(p.chunk))
        return {t for t in weights if t in terms}

    matches = {p.chunk.id: matched(p) for p in passages}
    remaining = list(passages)
    covered: set[str] = set()
    ordered: list[Passage] = []
    while remaining:
        seen = frozenset(covered)

        def adjusted(p: Passage, seen: frozenset[str] = seen) -> float:
            mine = matches[p.chunk.id]
            total = sum(weights[t] for t in mine)
            if not total:
                return p.score - penalty
            return p.score - penalty * sum(weights[t] for t in mine & seen) / total

        best = max(remaining, key=adjusted)
        remaining.remove(best)
        ordered.append(best)
        covered |= matches[best.chunk.id]
    return ordered


_TITLE_YEAR = r"\b(?:19|20)\d{2}\b"  # a year a title names ("Jury Rules 2026")


def _edition_key(chunk: Chunk, scope: ScopeIndex) -> tuple[str, str, str]:
    """Documents that are editions of one another share festival, kind and title once years, edition words and the
    festival's own name are removed ("LCDF Jury Rules 2025" and "Jury Rules 2026" of one festival)."""
    title = re.sub(rf"{_TITLE_YEAR}|\b\d+(st|nd|rd|th)\b|\bedition\b|\(.*?\)", " ", chunk.title.lower())
    name, initials = scope.named(chunk.source)
    own = set(f"{name} {initials}".lower().split())
    festival = chunk.festival.lower() or "|".join(sorted(scope.group(chunk.source)))
    return festival, chunk.kind, " ".join(w for w in title.split() if w not in own)


def _edition_rank(chunk: Chunk) -> tuple[str, str, str]:
    """Which of two editions is the newer: its date in force, else the year its title names, else its edition."""
    years = re.findall(_TITLE_YEAR, chunk.title)
    return chunk.effective_date or "", max(years, default=""), chunk.edition or ""


def _newest_editions(lex: LexicalIndex, scope: ScopeIndex) -> dict[tuple[str, str, str], tuple[str, str, str, str]]:
    if lex.newest is None:
        newest: dict[tuple[str, str, str], tuple[str, str, str, str]] = {}
        for c in lex.chunks:
            if c.kind == "amendment":
                continue
            key = _edition_key(c, scope)
            rank = (*_edition_rank(c), c.source)
            if key not in newest or rank > newest[key]:
                newest[key] = rank
        lex.newest = newest
    return lex.newest


def _prefer_newest_editions(
    passages: list[Passage], lex: LexicalIndex, scope: ScopeIndex, allowed: frozenset[int] | None = None
) -> list[Passage]:
    """An older edition of a document yields to the newest one: it is marked and moved below current rules. Not when
    the search leaves the newest out: a question that names the older edition ("the 2025 jury") asks for its rules."""
    newest = _newest_editions(lex, scope)
    current, older = [], []
    for p in passages:
        top = newest.get(_edition_key(p.chunk, scope))
        if (
            top
            and p.chunk.kind != "amendment"
            and top[3] != p.chunk.source
            and top[:3] > _edition_rank(p.chunk)  # (two documents of one date are not editions of each other)
            and (allowed is None or not allowed.isdisjoint(allowed_positions(lex, {"source": top[3]}) or ()))
        ):
            p.note = p.note or f"older edition; the current one is {top[3]}" + (
                f" (effective {top[0]})" if top[0] else ""
            )
            p.superseded_by = p.superseded_by or top[3]
            older.append(p)
        else:
            current.append(p)
    return current + older


def _nearest(
    lex: LexicalIndex, cosines: np.ndarray, allowed: frozenset[int] | None, k: int
) -> list[tuple[Chunk, float]]:
    """The k allowed chunks of highest cosine, ties in document order."""
    pool = np.arange(len(lex.chunks)) if allowed is None else np.array(sorted(allowed), dtype=np.int64)
    if not len(cosines) or not len(pool):
        return []
    nearest = pool[np.argsort(-cosines[pool], kind="stable")][:k]
    return [(lex.chunks[int(i)], float(cosines[int(i)])) for i in nearest]


def _cosine_of(lex: LexicalIndex, cosines: np.ndarray, chunk_id: str) -> float:
    idx = lex.by_id.get(chunk_id)
    return float(cosines[idx]) if idx is not None and len(cosines) else 0.0


@functools.cache
def _langchain_retriever_class() -> Callable[..., BaseRetriever]:
    """The LangChain adapter class, defined on first use (see the module docstring)."""
    from langchain_core.callbacks import CallbackManagerForRetrieverRun
    from langchain_core.documents import Document
    from langchain_core.retrievers import BaseRetriever
    from pydantic import ConfigDict

    class LangChainHybridRetriever(BaseRetriever):
        model_config = ConfigDict(arbitrary_types_allowed=True)

        hybrid: Any  # a HybridRetriever (typed Any: pydantic would otherwise try to build a schema of it)

        def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
            return [
                Document(
                    page_content=p.chunk.text,
                    metadata=p.chunk.metadata() | {"id": p.chunk.id, "score": p.score, "note": p.note},
                )
                for p in self.hybrid.search(query)
            ]

    return LangChainHybridRetriever


def by_score(*rankings: list[Passage]) -> list[Passage]:
    """The passages of several retrievals in one ranking, each at its best score."""
    best: dict[str, Passage] = {}
    for ranking in rankings:
        for p in ranking:
            if p.chunk.id not in best or p.score > best[p.chunk.id].score:
                best[p.chunk.id] = p
    return sorted(best.values(), key=lambda p: -p.score)
