"""The assistant's fixed replies: when the library does not answer, when a question names a festival or an
edition it does not hold, and when a question cannot be read at all."""

from __future__ import annotations

ABSTAIN_TEXT = (
    "The library does not answer this. I found no rule on it in the loaded documents, so I won't guess; "
    "the passages below are the closest I found and may help. Your jury coordinator can confirm."
)
SCOPED_TEXT = (
    "The rules you asked about ({titles}) do not answer this: I found no rule on it there, so I won't guess or quote "
    "another festival's rules. The passages below are the closest I found; your jury coordinator can confirm."
)
OUTSIDE_TEXT = (
    "The library holds the rules of {holdings}; none of them covers {names}, so I can't answer from the library. "
    "The passages below are the closest I found, from other festivals' rules."
)
EDITION_TEXT = (
    "The library holds the rules of the {held} edition, not of {wanted}, so I can't answer that from it. The "
    "passages below are the closest I found; your jury coordinator can confirm."
)
TOO_LONG_TEXT = (
    "Your question is {length:,} characters long; please ask it in at most {limit:,} (one or two questions at a time, "
    "without pasting documents: the rules are already loaded)."
)
UNREADABLE_TEXT = (
    "I could not read this question: most of its words are neither English nor words of the loaded rules. "
    "Questions are read in the language of the festival's documents (the search model knows English); please ask "
    "again in English."
)
EMPTY_TEXT = "The library is empty: an organiser needs to load the festival's rules first (Library page, or `juror-assistant ingest PATH`)."
