"""An amendment that replaces words of a clause, not the clause: "In Art. 13.2, "30 April" is replaced by "16 May"".

Set aside whole, the clause took its other rules with it (the short film jury's tie rule went with the number of
its Special Mentions, both in one sentence), and quoting it as it stands gives the old words. The clause stays
quotable, and a quote that holds replaced words is followed by the amendment's, cited.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answers.citations import make_citation
from assistant.answers.draft import Draft
from assistant.schema import Passage
from assistant.text import split_sentences

_QUOTED = r"[\"“”‘’']([^\"“”‘’']{2,120})[\"“”‘’']"
# '"five years" is replaced by "seven years"', 'for "two" read "three"', '"30 April" shall read "16 May"'
_REPLACED = re.compile(
    rf"{_QUOTED}\s*(?:is|are|shall be)\s+(?:replaced|substituted)\s+(?:by|with)\s*{_QUOTED}"
    rf"|\bfor\s+{_QUOTED}\s*(?:,\s*)?read\s+{_QUOTED}|{_QUOTED}\s*shall (?:now )?read\s+{_QUOTED}",
    re.I,
)


def replaced_words(text: str) -> list[tuple[str, str]]:
    """The (old, new) wordings an amending text replaces inside a clause."""
    pairs = []
    for m in _REPLACED.finditer(text):
        groups = [g for g in m.groups() if g is not None]
        pairs.append((groups[0], groups[1]))
    return pairs


def replaces_words_of(amending: str, clause: str) -> bool:
    """The amendment changes words the clause holds, every one of them: the rest of the clause still stands."""
    pairs = replaced_words(amending)
    return bool(pairs) and all(old.lower() in clause.lower() for old, _ in pairs)


def with_amendments(draft: Draft, passages: Sequence[Passage]) -> Draft:
    """The draft with each quote that holds replaced words followed by the amendment that replaces them."""
    by_id = {p.chunk.id: p for p in passages}
    cited = {c.chunk_id for c in draft.citations}
    for citation in list(draft.citations):
        clause = by_id.get(citation.chunk_id)
        amending = by_id.get(clause.amended_by) if clause is not None and clause.amended_by else None
        if amending is None or amending.chunk.id in cited:
            continue
        pairs = [(o, n) for o, n in replaced_words(amending.chunk.text) if o.lower() in citation.quote.lower()]
        if not pairs:
            continue
        old = pairs[0][0].lower()
        sentence = next((s for s in split_sentences(amending.chunk.text) if old in s.lower()), amending.chunk.text)
        n = len(draft.citations) + 1
        draft.citations.append(make_citation(n, amending, sentence))
        cited.add(amending.chunk.id)
        changes = "; ".join(f"“{o}” now reads “{new}”" for o, new in pairs)
        draft.text = f"{draft.text} As amended by {amending.chunk.title}: {changes} [{n}]."
    return draft
