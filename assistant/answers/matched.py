"""Which of the festivals a name in a question matches it means: the ones whose own names hold most of its words, and
the one whose own short name the question writes whole around it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answers.names import Name, tokens
from assistant.text import STOPWORDS

if TYPE_CHECKING:
    from assistant.answers.scope import ScopeIndex


def most_specific(name: Name, found: set[str], index: ScopeIndex) -> set[str]:
    """Of the festivals whose own names a name matches, those whose names hold most of its words: "Lakeport
    International Film Festival" is not the Lakeport Independent Film Festival, though the generic words that
    tell them apart are dropped in matching."""
    asked = [w for w in dict.fromkeys(name.words) if w not in STOPWORDS]
    own = {source: sum(w in index.profile(source).identity for w in asked) for source in found}
    held = {source: max(own[m] for m in index.group(source) & found) for source in found}
    most = max(held.values(), default=0)
    return {source for source in found if held[source] == most}


def called_whole(question: str, name: Name, found: set[str], index: ScopeIndex) -> set[str]:
    """Of the festivals a name matches, the one whose own short name the question writes whole around it: "the
    LYFF shorts festival" is the one that calls itself "LYFF Shorts", not the other festival of those initials."""
    asked = " ".join(tokens(question))
    called = {
        source
        for source in found
        for alias in index.profile(source).aliases
        if len(alias.split()) > len(name.words)
        and set(name.words) <= set(tokens(alias))
        and re.search(rf"(?<!\S){re.escape(' '.join(tokens(alias)))}(?!\S)", asked)
    }
    return {m for s in called for m in index.group(s)} & found if called else found
