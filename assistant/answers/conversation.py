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


_QUESTION_START = re.compile(
    r"^\s*(how|what|where|when|who|whom|whose|which|why|can|could|may|must|should|do|does|did|is|are|was|will|would|has|have)\b",
    re.I,
)
_BACK_REFERENCE = re.compile(r"\b(then|still|instead|too|as well|either)\b", re.I)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:\s+(?:of\s+)?[A-Z][a-z]+)+)")


def is_follow_up(question: str) -> bool:
    terms = content_terms(question)
    if _FOLLOW_START.match(question):
        return True
    if len(terms) <= 3 and (_PRONOUN.search(question) or _BACK_REFERENCE.search(question)):
        return True
    return len(words(question)) <= 3


def turns_with_answers(history: History | None) -> list[tuple[str, str]]:
    """(user question, assistant answer) pairs in order; plain strings are questions without answers."""
    pairs: list[tuple[str, str]] = []
    for turn in history or []:
        if isinstance(turn, str):
            pairs.append((turn, ""))
        elif turn.get("role", "user") == "user" and turn.get("content"):
            pairs.append((str(turn.get("standalone") or turn["content"]), ""))
        elif turn.get("role") == "assistant" and pairs and not pairs[-1][1]:
            pairs[-1] = (pairs[-1][0], str(turn.get("content") or ""))
    return pairs


def standalone_question(question: str, history: History | None) -> str:
    """Heuristic rewrite of a follow-up into a question that stands alone.

    "and for short films?" keeps the earlier question and swaps the category it names; "How do I get there?"
    keeps its own wording and borrows the earlier question's topic words and the names its answer gave
    ("Lighthouse Villa"), so the new question, not the old one, decides what is retrieved.
    """
    pairs = turns_with_answers(history)
    if not pairs or not is_follow_up(question):
        return question.strip()
    previous, answer = pairs[0]
    for turn, turn_answer in pairs[1:]:  # earlier follow-ups are resolved in order, so a chain keeps its topic
        previous = _rewrite(turn, previous, answer) if is_follow_up(turn) else turn
        answer = turn_answer
    return _rewrite(question, previous, answer)


def _rewrite(question: str, previous: str, answer: str = "") -> str:
    core = re.sub(_FOLLOW_START, "", question).strip(" ?.!,")
    if _QUESTION_START.match(core):
        return _borrow_topic(core, previous, answer)
    return _swap_slot(question, previous)


def _borrow_topic(core: str, previous: str, answer: str) -> str:
    own = set(content_terms(core))
    topic = [w for w in words(previous) if w not in STOPWORDS and content_terms(w) and content_terms(w)[0] not in own]
    names = [m.group(1) for m in _NAME.finditer(re.sub(r"\[\d+\]", "", answer))][:2]
    extra = " ".join(dict.fromkeys(topic + names))
    return f"{core}? {extra}".strip() if extra else f"{core}?"


def _swap_slot(question: str, previous: str) -> str:
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
