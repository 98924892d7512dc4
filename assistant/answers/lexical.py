"""Term statistics of the library's passages: BM25 and document frequencies, for the whole library or for the passages
a filter lets through (one festival's documents), so that a question confined to a festival weighs its words by how
rare they are there.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.schema import Chunk
from assistant.text import content_terms

if TYPE_CHECKING:
    from assistant.answers.scope import ScopeIndex


@dataclass
class LexicalIndex:
    """BM25 over the active chunks plus term statistics; rebuilt when the library signature changes."""

    signature: str
    chunks: list[Chunk]
    bm25: Any
    df: Counter[str]
    by_id: dict[str, int] = field(default_factory=dict)
    terms: list[frozenset[str]] = field(default_factory=list)
    newest: dict[tuple[str, str, str], tuple[str, str, str, str]] | None = None
    amending: list[Chunk] | None = None
    clauses: dict[str, list[Chunk]] | None = None
    scope: ScopeIndex | None = None
    vectors: np.ndarray | None = None  # the chunks' stored vectors, one row each (read on the first dense search)
    positions: np.ndarray | None = None  # in a festival's statistics (`within`), its chunks' places in the library's
    _idf_table: dict[str, float] | None = None
    _within: dict[frozenset[int], LexicalIndex] = field(default_factory=dict)
    _allowed: dict[tuple[Any, ...], frozenset[int]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.chunks)

    def idf(self, term: str) -> float:
        n = max(1, self.size)
        return math.log(1 + (n - self.df.get(term, 0) + 0.5) / (self.df.get(term, 0) + 0.5))

    def idf_table(self) -> dict[str, float]:
        """IDF of every library term, computed once per index (the answerers and abstention read it per question)."""
        if self._idf_table is None:
            self._idf_table = {t: self.idf(t) for t in self.df}
        return self._idf_table

    def within(self, allowed: frozenset[int] | None) -> LexicalIndex:
        """The term statistics (BM25, document frequencies) of these chunks alone: a question confined to one festival
        weighs its words by how rare they are in that festival's documents, so that loading another festival's
        documents does not change its answer (built once per set of chunks and library state)."""
        if not allowed or len(allowed) == self.size:
            return self
        sub = self._within.get(allowed)
        if sub is None:  # built at most twice when two threads race, never read half-made
            order = sorted(allowed)
            sub = build_lexical(self.signature, [self.chunks[i] for i in order])
            sub.positions = np.asarray(order, dtype=np.int64)
            if len(self._within) >= 32:
                self._within.clear()
            self._within[allowed] = sub
        return sub

    def library_scores(self, query_terms: list[str], size: int) -> np.ndarray:
        """BM25 scores placed at the chunks' positions in the whole library (`size` chunks)."""
        raw = self.scores(query_terms)
        if self.positions is None:
            return raw
        out = np.zeros(size, dtype=np.float32)
        out[self.positions] = raw
        return out

    def scores(self, query_terms: list[str]) -> np.ndarray:
        vocab = self.bm25.vocab_dict
        known = [t for t in query_terms if t in vocab]
        if not known or not self.chunks:
            return np.zeros(len(self.chunks), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(known), dtype=np.float32)


def chunk_terms(chunk: Chunk) -> list[str]:
    return content_terms(f"{chunk.title} {chunk.section} {chunk.text}")


def build_lexical(signature: str, chunks: list[Chunk]) -> LexicalIndex:
    import bm25s

    token_lists = [chunk_terms(c) or ["_empty_"] for c in chunks]
    bm25 = bm25s.BM25()
    if chunks:
        bm25.index(token_lists, show_progress=False)
    df: Counter[str] = Counter()
    term_sets = [frozenset(t) for t in token_lists]
    for ts in term_sets:
        df.update(ts)
    return LexicalIndex(signature, chunks, bm25, df, {c.id: i for i, c in enumerate(chunks)}, term_sets)


def allowed_positions(lex: LexicalIndex, filters: dict[str, Any] | None) -> frozenset[int] | None:
    """The index positions of the chunks these filters let through (None: every chunk); remembered per index, since
    one question asks for them at every stage (a pass over 10,000 passages takes ~6 ms)."""
    if not filters:
        return None
    key = tuple(
        sorted((k, tuple(sorted(map(str, v))) if isinstance(v, (list, tuple, set)) else v) for k, v in filters.items())
    )
    found = lex._allowed.get(key)
    if found is None:
        found = frozenset(i for i, c in enumerate(lex.chunks) if matches(c, filters))
        if len(lex._allowed) >= 64:
            lex._allowed.clear()
        lex._allowed[key] = found
    return found


def source_text(lex: LexicalIndex, source: str) -> str:
    """The text of one document's passages, in order (its passages found once per index, as any filter's are)."""
    return "\n".join(lex.chunks[i].text for i in sorted(allowed_positions(lex, {"source": source}) or ()))


def matches(chunk: Chunk, filters: dict[str, Any]) -> bool:
    def ok(key: str, value: Any) -> bool:
        if not value:
            return True
        have = str(getattr(chunk, key, ""))
        return have in value if isinstance(value, (list, tuple, set)) else have == value

    return all(ok(k, v) for k, v in filters.items())
