"""Where a juror sleeps. "Will they put me up in a hotel the night of the awards?" is not answered by the rule on
confirming attendance at the ceremony, nor "Which hotel will the jurors be staying in?" by "The Festival books and
pays for travel": only a rule that speaks of accommodation answers the first, and only one that names the hotel the
second. (The questions of five festivals' jurors in the written check sets, each declined where the rules say
nothing of the kind.)"""

from __future__ import annotations

import re

# A night's lodging asked for: "put me up", "pay for my hotel", "a hotel for the night", "where do I stay"; not a
# hotel where something else happens ("watch it in my hotel room") or one already known ("apart from the hotel")
_LODGING = r"(?:hotels?|accommodations?|lodging|a bed)"
_ASKS = re.compile(
    rf"\bput (?:me|us|them|you|him|her) up\b|\bwhere (?:do|will|would|shall|can) (?:i|we) (?:stay|sleep)\b"
    rf"|\bstay(?:ing)? (?:over|the night|overnight)\b|\b{_LODGING} for (?:the|that|a|one|two|\d+) nights?\b"
    rf"|\b(?:pay|pays|paid|cover|covers|covered|book|books|booked|provide|provides|provided|offer|offers|arrange|"
    rf"arranges|get|give|include|includes|included)\b(?:\s+(?:for|me|us|my|our|his|her|their|the|a|an|any|and|"
    rf"train|travel|flights?))*\s+{_LODGING}\b",
    re.I,
)
_KNOWN = re.compile(r"\b(?:apart from|besides|on top of|in addition to|other than|as well as)\b[^?.!]*$", re.I)
# The hotel itself asked for: "Which hotel …?", "What hotel …?", "the name of the hotel"
_ASKS_NAME = re.compile(r"\b(?:which|what)\s+(?:hotel|accommodation|inn)\b|\bname of the hotel\b", re.I)
_SPOKEN_OF = re.compile(
    r"\b(?:h[oô]tels?|accommodations?|accommodated|lodging|rooms?|nights?|overnight|inns?|guest ?houses?|hostels?|"
    r"B&B|bed and breakfast|put up|housed|housing|stay|stays|staying)\b",
    re.I,
)
# "the Harbour Hotel", "Hotel Marina", "the Drover's Rest Inn"
_NAMED = re.compile(
    r"(?:[A-Z][\w'’-]+\s+)+(?:H[oô]tel|Inn|Lodge|Hostel|Guesthouse|Guest House|Suites)\b|\b(?:H[oô]tel|Hostel)\s+[A-Z][\w'’-]+"
)


def lodging_asked(question: str) -> str:
    """'named' for the hotel's name, 'any' for whether or where a juror is put up, '' for neither."""
    if _ASKS_NAME.search(question):
        return "named"
    found = _ASKS.search(question)
    return "any" if found and not _KNOWN.search(question[: found.start()]) else ""


def speaks_of_lodging(text: str, asked: str) -> bool:
    return bool(_NAMED.search(text) if asked == "named" else _SPOKEN_OF.search(text))
