"""Follow-up questions ("and for short films?") rewritten into standalone queries from the chat history."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.answers.needs import PEOPLE
from assistant.text import STOPWORDS, content_terms, split_sentences, words

History = Sequence[dict[str, Any] | str]

# "OK, and what about …?", "Right, and then …": a word that acknowledges the answer before the follow-up goes on
_ACKNOWLEDGED = r"(?:(?:ok|okay|right|alright|all right|thanks|thank you|great|sure|i see|got it)[,.!]?\s+)?"
_FOLLOW_START = re.compile(
    r"^\s*"
    + _ACKNOWLEDGED
    # (the longer openers first: "And what about the youth jury?" swaps the jury, it asks no "what" of its own)
    + r"(and what about|and how about|and if|and|but|also|so|then|what about|how about|same for|same with|what if|or|"
    r"in that case|for the|for)\b",
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
        "youth",
        "children",
        "international",
        "audience",
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
    {"first", "second", "third", "fourth", "final"},  # "When does the first round close?" "And the second one?"
]


_QUESTION_START = re.compile(
    r"^\s*(how|what|where|when|who|whom|whose|which|why|can|could|may|must|should|do|does|did|is|are|was|will|would|has|have)\b",
    re.I,
)
_BACK_REFERENCE = re.compile(r"\b(then|still|instead|too|as well|either)\b", re.I)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:\s+(?:of\s+)?[A-Z][a-z]+)+)")


# "For the horror festival, what's the minimum running time …?": a question that first names what it is about, then
# asks in full; it stands alone unless that frame points back ("For that award, …").
_FRAMED = re.compile(r"^\s*for\s+(?P<frame>[^,?]{1,80}),\s*(?P<rest>.*)$", re.I)


def is_follow_up(question: str) -> bool:
    terms = content_terms(question)
    framed = _FRAMED.match(question)
    if framed and _QUESTION_START.match(framed["rest"]) and not _PRONOUN.search(framed["frame"]):
        return False
    if _FOLLOW_START.match(question):
        return True
    if len(terms) <= 3 and (_PRONOUN.search(question) or _BACK_REFERENCE.search(question)):
        return True
    return len(words(question)) <= 3


# A body the question names for itself, by a description ("the horror festival", "our critics' jury", "the
# screenwriting competition") or by initials ("at OWF"): a new question about another festival, whatever the library
# makes of the name, not one that goes on about the festival asked about before. ("the festival", "the film festival"
# and "the jury" name nothing new.)
_OWN_BODY = re.compile(
    r"(?i:\b(?!(?:the|a|an|our|my|your|this|that|these|those|their|its|his|her|each|every|same|whole|film|movie|"
    r"other|which|what|any|one)\b)[\w'’-]+\s+(?:film\s+|movie\s+)?(?:festival|fest|competition|awards?|prizes?|"
    r"jury|juries|panel|academy|ballot|challenge|contest|showcase|forum|biennale|biennial|guild|circle|federation|"
    r"union|association|commission)\b)|\b[A-Z]{3,}\b"
)


def borrows_scope(question: str) -> bool:
    """Does a question that names no festival the library knows go on about the one asked about before? A follow-up
    does; a question that names a body of its own does not (asked after a question about the animation festival, "If
    the youth jury vote ends up level, what do we do?" is about the festival that has a youth jury)."""
    return is_follow_up(question) or not _OWN_BODY.search(question)


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


# "So a film with no subtitles is fine?": a follow-up that checks the earlier answer, which may answer it again.
_CONFIRMING = re.compile(r"^\s*so\b(?!\s+(?:what|who|whom|whose|which|when|where|why|how)\b)", re.I)


def said_before(question: str, history: History | None) -> tuple[str, ...]:
    """The sentences of the latest earlier answer, which a follow-up does not want quoted again ("And if someone
    keeps doing it?" after "A first breach gets a written warning." asks past the warning); none for a follow-up
    that checks that answer."""
    pairs = turns_with_answers(history)
    if not pairs or _CONFIRMING.match(question):
        return ()
    answer = re.sub(r"\s*\[\d+\]", "", pairs[-1][1])
    return tuple(s for s in split_sentences(answer) if content_terms(s))


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


# "What about WHERE I STAY?": after "what about" a question word with its subject right after it opens a clause of
# the earlier question's topic, not a question of its own (which puts a verb first: "where do I stay?").
_ABOUT_CLAUSE = re.compile(
    rf"^\s*{_ACKNOWLEDGED}(?:and\s+)?(?:what|how)\s+about\s+(?:where|when|what|who|how|which)\s+"
    r"(?:i|we|you|they|he|she|it|the|a|an|my|our|your|their)\b",
    re.I,
)


def _rewrite(question: str, previous: str, answer: str = "") -> str:
    opener = _FOLLOW_START.match(question)
    core = (question[opener.end() :] if opener else question).strip(" ?.!,")
    # "And if I get the flu and miss one?", "What if two pieces end up level?": what happens then, asked of the earlier
    # topic, not the earlier question again with the case appended ("how many films … i get the flu"); a case that
    # goes on to ask of its own ("And if I can't come, can I still vote?") stays as it was
    asks_after = _QUESTION_START.match(core.split(",", 1)[1]) if "," in core else None
    if opener and re.search(r"(?i)\bif$", opener[0].strip()) and not _QUESTION_START.match(core) and not asks_after:
        return _borrow_topic(f"what happens if {core}", previous, answer)
    if _QUESTION_START.match(core) and not _ABOUT_CLAUSE.match(question):
        return _borrow_topic(core, previous, answer)
    return _swap_slot(question, previous)


def _borrow_topic(core: str, previous: str, answer: str) -> str:
    # An earlier question typed with capitals lends its names; one typed without lends all its words below, as they
    # are all the festival there is to go on.
    if previous != previous.lower():
        resolved = _resolved(core, previous, answer)
        if resolved:  # the pronoun replaced by what it points at
            return f"{resolved[:1].upper()}{resolved[1:]}? {_names_of(previous, resolved)}".strip()
        if not _PRONOUN.search(core) and not _BACK_REFERENCE.search(core):  # a follow-up that asks all it asks
            return f"{core}? {_names_of(previous, core)}".strip()
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


# "there" where it is a place ("How do I get there?"), not "is there" / "there is"
_EXISTENTIAL_BEFORE = r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bwill )(?<!\bbe )(?<!\bwould )"
_THERE = re.compile(
    _EXISTENTIAL_BEFORE + r"\bthere\b(?!\s+(?:is|are|was|were|will|would|be|'s|’s|must|may|should|can|has|have|had)\b)",
    re.I,
)
_MOTION = re.compile(r"\b(get|go|come|travel|walk|drive|reach|return|arrive|head)\s+there\b", re.I)
_PLACE = re.compile(r"\b(?:at|in|to)\s+((?:the\s+)?(?:[A-Z][\w'’-]+\s+){0,4}[A-Z][\w'’-]+)")
_ANTECEDENT = re.compile(r"\b(?:a|an|the|some|any|one|our|my)\s+\w+", re.I)
_AUX = "is|are|was|were|be|been|do|does|did|will|would|can|could|may|might|must|should|shall|has|have|had"
_THEY = re.compile(rf"\b(?:{_AUX})\s+(they)\b(?=\s+\w)|^(they)\b", re.I)
_DEMONSTRATIVE = re.compile(r"\b(that|this)\s+([a-z][\w'’-]*)\b", re.I)
# Capitalised words, not where a sentence opens ("… this year. What happens if …": "What" names nothing).
_CAPITALISED = re.compile(r"(?<!^)(?<![.?!]\s)(?<![.?!]\s\s)\b(?!I\b|I['’])[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


def _named(noun: str, text: str) -> str:
    """The name in `text` that ends with `noun` ("that MENTION" -> "Special Mention")."""
    m = re.search(rf"\b((?:[A-Z][\w'’-]*\s+){{1,4}}(?i:{re.escape(noun)}))\b", text)
    return m.group(1) if m else ""


def _person(previous: str) -> str:
    """The people the earlier question spoke of ("Can A FILMMAKER submit …?"), for a "they" that points back."""
    m = re.search(rf"\b(a|an|the|our|my)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{'|'.join(sorted(PEOPLE))})\b", previous, re.I)
    if not m:
        return ""
    return ("the" + m.group(0)[len(m.group(1)) :]) if m.group(1).lower() in ("our", "my") else m.group(0)


def _resolved(core: str, previous: str, answer: str) -> str:
    """The follow-up with its pronoun replaced by what it points at ("How do I get there?" after an answer "… at the
    Lighthouse Villa" is "How do I get to the Lighthouse Villa"), or "" when nothing it points at is found."""
    answer = re.sub(r"\s*\[\d+\]", "", answer)
    text = ""
    if _THERE.search(core):
        place = _PLACE.search(answer) or _PLACE.search(previous[1:])
        if place:
            prep = "to" if _MOTION.search(core) else "at"
            text = _THERE.sub(f"{prep} {place.group(1)}", core, count=1)
    elif (they := _THEY.search(core)) is not None:
        g = 1 if they.group(1) else 2
        phrase = _person(previous)
        if phrase and not _ANTECEDENT.search(core[: they.start(g)]):  # "If a team disagrees, can they appeal?"
            text = core[: they.start(g)] + phrase + core[they.end(g) :]
    elif (that := _DEMONSTRATIVE.search(core)) is not None:
        named = _named(that.group(2), answer) or _named(that.group(2), previous[1:])
        if named:
            text = core[: that.start()] + "the " + named + core[that.end() :]
    return text


def _names_of(previous: str, text: str) -> str:
    """The capitalised words of the earlier question (not its first, not "I"), those `text` lacks."""
    names = (m.group(0) for m in _CAPITALISED.finditer(previous))
    return " ".join(dict.fromkeys(n for n in names if n not in text))
