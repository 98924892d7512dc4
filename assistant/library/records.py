"""Documents that report rather than rule: a press release on last year's winners, a jury's minutes. They are told
in the past tense ("The jury awarded the Golden Anchor to …", "The President exercised her casting vote"), and what
one jury once did is no rule for the next: study mode never teaches them."""

from __future__ import annotations

import re
from collections.abc import Iterable

_PAST = re.compile(r"\b(?:was|were|had|wasn't|weren't|[a-z]{3,}ed)\b")
_NOW = re.compile(
    r"\b(?:is|are|isn't|aren't|must|shall|may|will|can|cannot|can't|should|has|have|do|does|don't|needs?|please)\b",
    re.I,
)
RECORD_SHARE = 0.5  # of a document's sentences told in the past tense only (regulations stay below a third)
RECORD_MIN = 10  # sentences, so that a short notice is never judged on a handful


def reported(told: Iterable[tuple[str, str]]) -> set[str]:
    """The documents, of (document, sentence) pairs, whose sentences of six words or more are mostly in the past
    tense with none of its present."""
    past: dict[str, list[bool]] = {}
    for source, sentence in told:
        if len(sentence.split()) >= 6:
            past.setdefault(source, []).append(bool(_PAST.search(sentence) and not _NOW.search(sentence)))
    return {s for s, flags in past.items() if len(flags) >= RECORD_MIN and sum(flags) >= RECORD_SHARE * len(flags)}
