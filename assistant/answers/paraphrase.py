"""How close a rule's words come to the question's words it does not use: a juror asks in plain words ("my
husband's hotel", "snap pictures") what the rules say formally ("accompanying persons", "accommodation",
"photography"). Measured with the embedding model's single-word vectors, not a word list, so it holds for any
festival's wording."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.library.embedding import WordSimilarity
from assistant.library.units import Unit
from assistant.text import stem, vocabulary, words
from assistant.weights import weights


def near_cover(
    similarity: WordSimilarity | None,
    question: str,
    term_weights: dict[str, float],
    pool: Sequence[Unit],
    held: Sequence[frozenset[str]],
) -> list[float]:
    """For each unit (`held`: the terms it holds), the weighted share of the question's words it does not hold but
    says in a word close in meaning ("hotel" / "accommodation", "flight" / "travel"): a juror's plain words against
    a rule's formal ones. A word counts when the rule has one at least as close as the synonym check's similarity
    (weights.json `synonyms`); a ramp below it (partial credit from one spread lower) was tried and let near-misses
    such as "recent" / "date" outweigh the rule asked for (docs/evaluation.md, item 28)."""
    if similarity is None or not pool:
        return [0.0] * len(pool)
    asked: dict[str, str] = {}  # surface word -> its term
    for w in words(question):
        base = w[:-2] if w.endswith("'s") else w
        if len(base) > 2 and not base.isdigit() and stem(base) in term_weights:
            asked.setdefault(base, stem(base))
    vocab = [vocabulary(u.context) for u in pool]
    columns = {w: i for i, w in enumerate(dict.fromkeys(w for v in vocab for w in v))}
    if not asked or not columns:
        return [0.0] * len(pool)
    matrix = similarity.matrix(list(asked), list(columns))
    synonym = weights("synonyms")
    nearness = (matrix >= synonym["similarity"]).astype(np.float32)
    total = sum(term_weights.values()) or 1.0
    out = []
    for unit_terms, unit_vocab in zip(held, vocab, strict=True):
        said = set()  # the terms this unit says in other words
        if unit_vocab:
            near = nearness[:, [columns[w] for w in dict.fromkeys(unit_vocab)]].max(axis=1)
            said = {term for term, value in zip(asked.values(), near, strict=True) if value and term not in unit_terms}
        out.append(sum(term_weights[t] for t in said) / total)
    return out
