"""The side of an event a question asks about, and whether a rule speaks of the same side: "AFTER the winners are
announced, can I publish how I voted?" is answered by "After the announcement, members may share their own ballot",
not by "BEFORE that announcement, members may not reveal … their own ballot choices", which holds every word asked
about and says nothing of the time asked about. Read from the words of time themselves, so it holds for any
festival's rules."""

from __future__ import annotations

import re

# "once" as a time ("once the festival is over"), not a count ("only once", "once per year"); "following" as a time
# ("following the ceremony"), not a list ("the following persons"); "look after" is care.
_THEN = r"(?=\s+(?:the|a|an|all|every|each|you|they|it|we|i|its|their|your|our|he|she|his|her|this|that)\b)"
_AFTER = re.compile(
    rf"(?<!\blook )(?<!\blooks )(?<!\blooking )(?<!\blooked )\b(?:after|afterwards|thereafter|once{_THEN}|"
    rf"(?<!\bthe )following{_THEN})\b|\bfrom (?:that|this) (?:point|moment|time)\b|\b(?:is|are) over\b",
    re.I,
)
# A tie that outlasts the first way of breaking it is the later step of a vote ("and if it's STILL LEVEL after that?",
# "tied TWICE": "If the second vote is ALSO TIED, the President decides"), not the rule on a first tie.
_TIED = r"(?:tied|level|equal|even|a tie|deadlocked)"
_OUTLASTS = re.compile(
    rf"\b(?:still|also|again|remains?|remained)\s+{_TIED}\b|\b{_TIED}\s+(?:twice|again|a second time)\b|"
    r"\b(?:second|another|a further)\s+tie\b",
    re.I,
)
# "until" marks where a rule changes, so it speaks of both sides ("must not … until the prizes are announced").
_BEFORE = re.compile(r"\b(?:before|beforehand|prior to|in advance|ahead of)\b", re.I)


def side(text: str) -> str:
    """ "after", "before", or "" when the text names neither side of an event, or both ("before or after the
    announcement", "during or after the final deliberation")."""
    after, before = bool(_AFTER.search(text) or _OUTLASTS.search(text)), bool(_BEFORE.search(text))
    return "after" if after and not before else "before" if before and not after else ""


def same_side(wanted: str, text: str) -> float:
    """1 when the text speaks of the side of the event asked about (`wanted`: the question's `side`), -1 when only of
    the other, else 0."""
    if not wanted:
        return 0.0
    said = side(text)
    return 1.0 if said == wanted else -1.0 if said else 0.0
