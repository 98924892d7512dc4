"""Deciding whether the library answers a question at all.

A single similarity threshold fails with this model (an off-topic question can score above a real match),
so the signal combines dense similarity with how much of the question's *rare* vocabulary the best
passages actually contain (IDF-weighted coverage) and whether the question names terms the library never uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.schema import Passage
from assistant.text import content_terms

# Calibrated on the sample golden set (see docs/evaluation.md); the features are library-independent.
W_DENSE = 3.0
W_COVER = 3.0
W_UNKNOWN = 2.5
BIAS = -1.9


@dataclass
class Confidence:
    dense: float
    coverage: float
    unknown: float
    score: float

    @property
    def answerable(self) -> bool:
        return self.score >= 0.0


def confidence(question: str, passages: Sequence[Passage], idf: dict[str, float], known: set[str]) -> Confidence:
    terms = set(content_terms(question))
    top = list(passages[:3])
    if not top or not terms:
        return Confidence(0.0, 0.0, 1.0, -10.0)
    dense = max(p.dense for p in top)
    max_idf = max(idf.values(), default=1.0) or 1.0
    weights = {t: idf.get(t, max_idf) for t in terms}
    total = sum(weights.values()) or 1.0
    coverage = 0.0
    for p in top:
        # Text and section only: a title word ("Code of Conduct") says nothing about this passage's rule.
        have = set(content_terms(f"{p.chunk.section} {p.chunk.text}"))
        coverage = max(coverage, sum(w for t, w in weights.items() if t in have) / total)
    unknown = sum(w for t, w in weights.items() if t not in known) / total
    score = W_DENSE * dense + W_COVER * coverage - W_UNKNOWN * unknown + BIAS
    return Confidence(dense, coverage, unknown, score)
