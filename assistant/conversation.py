"""Follow-up questions ("and for short films?") rewritten into standalone queries from the chat history."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.text import STOPWORDS, content_terms, words

History = Sequence[dict[str, Any] | str]

_FOLLOW_START = re.compile(
    r"^\s*(and|but|also|so|then|what about|how about|and what about|same for|same with|what if|and if|or|in that case|for the|for)\b",
    re.I,
)
_PRONOUN = re.compile(r"\b(it|its|that|this|they|them|their|those|these|he|she|him|her|there|one|ones|same)\b", re.I)
# Words naming "which one" of a family; a follow-up that names one replaces the earlier one.
SLOT_FAMILIES = [
    {
        "feature",
        "features",
        "documentary",
        "documentaries",
        "doc",
        "docs",
        "short",
        "shorts",
        "student",
        "animation",
        "animated",
        "series",
    },
    {
        "actress",
        "actor",
        "actors",
        "director",
        "screenplay",
        "cinematography",
        "performance",
        "editing",
        "music",
        "score",
    },
    {"president", "juror", "jurors", "secretary", "coordinator", "member", "members", "chair", "observer"},
    {
        "press",
        "journalist",
        "journalists",
        "media",
        "social",
        "instagram",
        "twitter",
        "tiktok",
        "facebook",
        "interview",
        "interviews",
        "podcast",
        "friends",
        "family",
    },
    {"gift", "gifts", "meal", "meals", "dinner", "hotel", "travel", "flight", "train", "taxi", "per", "diem"},
]


def user_turns(history: History | None) -> list[str]:
    turns: list[str] = []
    for turn in history or []:
        if isinstance(turn, str):
            turns.append(turn)
        elif turn.get("role", "user") == "user" and turn.get("content"):
            turns.append(str(turn.get("standalone") or turn["content"]))
    return turns


def is_follow_up(question: str) -> bool:
    terms = content_terms(question)
    if _FOLLOW_START.match(question):
        return True
    if len(terms) <= 3 and _PRONOUN.search(question):
        return True
    return len(words(question)) <= 3


def standalone_question(question: str, history: History | None) -> str:
    """Heuristic rewrite: keep the earlier question's topic, swap in what the follow-up changes."""
    turns = user_turns(history)
    if not turns or not is_follow_up(question):
        return question.strip()
    previous = turns[0]
    for turn in turns[1:]:  # earlier follow-ups are resolved in order, so a chain keeps its topic
        previous = _rewrite(turn, previous) if is_follow_up(turn) else turn
    return _rewrite(question, previous)


def _rewrite(question: str, previous: str) -> str:
    asked = {w for w in words(question)}
    prev_words = words(previous)
    drop: set[str] = set()
    for family in SLOT_FAMILIES:
        if asked & family:
            drop |= family - asked
    kept = [w for w in prev_words if w not in drop]
    core = re.sub(_FOLLOW_START, "", question).strip(" ?.!,")
    extra = " ".join(w for w in words(core) if w not in STOPWORDS or w in asked)
    base = " ".join(kept)
    return f"{base} {extra}".strip() + "?"
