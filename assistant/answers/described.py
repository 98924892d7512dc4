"""A festival asked about by what it is rather than by its name: "the dance-on-screen festival", "the poetry film
prize", "the heritage restoration prize". Jurors often write it so; the words are the festival's own name's words
in lower case, which the name finder (capitalised words) does not see. When they belong to one festival's names and
to no other's, the question is about that festival."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.answers.names import GENERIC, tokens
from assistant.text import STOPWORDS, stem

if TYPE_CHECKING:
    from assistant.answers.scope import ScopeIndex

# "the <words> festival", "next year's <words> festival", "the critics' circle": up to four words before a word for a
# festival, an award or a body
_DESCRIPTION = re.compile(
    r"\b(?:the|this|that|our|my|year['’]s)\s+((?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+(?:festival|awards?|prize|competition|academy|"
    r"guild|biennial|biennale|showcase|tour|week|challenge|contest|circle|union|society|association|federation|council|"
    r"foundation|institute)\b",
    re.I,
)


def own_words(name: str) -> frozenset[str]:
    """The words that tell a festival's name from others' ("Tessaline", "dance", "screen"), as stems: not those of
    the trade ("International Festival of ... Film")."""
    parts = (p for t in tokens(name) for p in t.split("-"))
    return frozenset(stem(p) for p in parts if p and p not in STOPWORDS and stem(p) not in GENERIC)


# The kinds of film a festival is for, words of the trade that still tell one festival from another: "the documentary
# festival" of a library that holds a documentary and an animation festival.
_GENRES = frozenset(
    stem(w) for w in "documentary documentaries animation animated short shorts music screenplay script".split()
)


def genre_words(name: str) -> frozenset[str]:
    return frozenset(stem(t) for t in tokens(name)) & _GENRES


def festival_words(index: ScopeIndex) -> dict[str, tuple[list[str], frozenset[str]]]:
    """Each festival's documents and the words of its names (its own, its documents' titles, the names its short
    names stand for); not a festival that holds every document, which a description would not narrow."""
    groups = {index.festival(p.source): sorted(index.group(p.source)) for p in index.profiles}
    names = {
        festival: " ".join(
            [
                festival,
                *index.titles(group),
                *(n for p in index.profiles if p.source in group for n in p.aliases.values()),
            ]
        )
        for festival, group in groups.items()
    }
    return {
        festival: (group, own_words(names[festival]) | genre_words(names[festival]))
        for festival, group in groups.items()
        if len(group) < len(index.profiles)
    }


def described_festival(question: str, festivals: dict[str, tuple[list[str], frozenset[str]]]) -> tuple[list[str], str]:
    """(the festival's documents, the words that described it) when a description's words are all in one
    festival's names and in no other's (its words of the trade only when it has no others); ([], "") otherwise
    ("the regional TV awards" of a "Television News and Documentary Awards": "regional" is none of its words, so
    nothing is assumed)."""
    for m in _DESCRIPTION.finditer(question):
        # (by its own words, else by the kind of film it is for)
        asked = own_words(m.group(1)) or genre_words(m.group(1))
        holders = [group for group, own in festivals.values() if asked and asked <= own]
        if len(holders) == 1:
            return holders[0], m.group(1)
    return [], ""
