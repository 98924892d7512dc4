"""A person the juror would bring along. "Can I bring my husband along, and would the festival pay for his room?" is
not answered by the rule on the jurors' own hotel: only a rule that speaks of partners, companions, guests or
accompanying persons says whether they may come and who pays for them."""

from __future__ import annotations

import re

from assistant.text import stem

_WHO = (
    r"(?:partner|husband|wife|spouse|boyfriend|girlfriend|fianc[eé]e?|companion|plus[- ]one|family|kids|children|child|"
    r"son|daughter|guest)s?"
)
# the companion beside what bringing them takes: "bring my PARTNER along", "can my WIFE come along", "my partner's
# FLIGHT", "pay for my husband's ROOM", "a PASS for my partner"
_BRINGS = (
    r"(?:bring|bringing|take|taking|come|comes|coming|accompany|join|travel|flights?|rooms?|hotel|tickets?|pass|"
    r"passes|badges?|accommodation|expenses?|budget|stay)"
)
_ASKS = re.compile(
    rf"\b{_BRINGS}\b[^?.!,;]{{0,20}}\b(?:my|our|their|his|her|a|one)\s+{_WHO}\b"
    rf"|\b(?:my|our|their|his|her)\s+{_WHO}(?:['’]s?)?\s+(?:[\w'’-]+\s+){{0,3}}?{_BRINGS}\b",  # "would like to come"
    re.I,
)
# (a "partner festival" or "partner events" is no one's partner; the coordinator who "accompanies the jury" no guest)
_SPOKEN_OF = re.compile(
    r"\b(?:partners?(?!\s+(?:festivals?|events?|organi[sz]ations?|institutions?|venues?|cinemas?|compan(?:y|ies)|"
    r"schools?|universit(?:y|ies)|broadcasters?|hotels?)\b)|husbands?|wives|wife|spouses?|companions?|guests?|"
    r"accompanying (?:persons?|people|guests?)|plus[- ]ones?|family|families|person of (?:their|his|her|your) choice)\b",
    re.I,
)


# What rules call the person a juror brings ("accompanying persons", "a guest"): retrieval looks for them too
COMPANION_TERMS = ("accompanying", "companion", "guest", "spouse")


def asks_about_companion(question: str) -> bool:
    """Does the question ask whether someone may come with the juror, or who pays for them?"""
    return bool(_ASKS.search(question))


def companion_asked(question: str, asking: str) -> bool:
    """Does the clause that asks (`asking`) ask about a companion, itself or by a pronoun for the one the question
    brought along before it ("My husband wants to come with me. Will the festival pay for his room too?")?"""
    return asks_about_companion(asking) or (
        asks_about_companion(question) and bool(_REFERS_BACK_TO_PERSON.search(asking))
    )


_REFERS_BACK_TO_PERSON = re.compile(r"\b(?:his|her|hers|him|them|their|theirs|he|she|they)\b", re.I)


def speaks_of_companion(text: str) -> bool:
    return bool(_SPOKEN_OF.search(text))


_WHO_WORD = re.compile(rf"\b{_WHO}\b", re.I)


def companion_words(question: str) -> frozenset[str]:
    """The words a question names its companion by ("partner"), which a quote that speaks of no companion uses in
    another sense ("partner events", "our partner festivals") and should not be credited with."""
    if not asks_about_companion(question):
        return frozenset()
    return frozenset(stem(m.group(0)) for m in _WHO_WORD.finditer(question))
