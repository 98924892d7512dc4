"""A jury of its own named in a question ("the Student Jury's deliberation", "our youth jury", "the critics' jury"):
its rules answer it, not the main jury's ("The final deliberation of the International Jury starts at 10:00" says
nothing of when the Student Jury meets)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.answers.names import normalise
from assistant.schema import Passage
from assistant.text import STOPWORDS, split_sentences, words

_NAMED_JURY = re.compile(
    r"\b(youth|students?['’]?|children['’]?s|kids['’]?|young|junior|critics['’]?|community|press|ecumenical)\s+"
    r"(?:jury|juries|jurors?|panel)\b",
    re.I,
)


def named_jury(question: str) -> str:
    """The stem of the word that names the jury ("student"), or ""."""
    m = _NAMED_JURY.search(question)
    return normalise(m.group(1)) if m else ""


def speaks_of_jury(text: str, jury: str) -> bool:
    """The text (a rule with its heading and its document's title) names that jury's word, or a word for the same
    jurors (a kids' jury is the Children's Jury, a young jury the Youth Jury)."""
    said = {normalise(w) for w in words(text)}
    return bool(_ALIKE.get(jury, {jury}) & said)


_JURY_WORDS = frozenset({"jury", "juror", "panel"})  # as `normalise` reads "juries", "jurors", "panels"


# A jury named by the films it judges ("the documentary jury", "the short film jury"): it exists where a festival has
# that competition, so only the library's own words tell whether it does.
_KIND_JURY = re.compile(
    r"\b(documentary|docs?|animation|animated|shorts?|experimental)\s+(?:films?\s+)?"
    r"(?:jury|juries|jurors?|panel)\b",
    re.I,
)


def unheld_jury(question: str, passages: Sequence[Passage]) -> str:
    """The jury the question names when no passage names it with a word for a jury, in one sentence or in its
    heading or title, or in its heading or title over a rule on a jury ("What are the rules for the student jury?"
    over a library whose only jury is the International Jury), else "". A jury the library has is among the retrieved
    passages when the question names it."""
    kind = _KIND_JURY.search(question)
    jury = named_jury(question) or (normalise(kind.group(1)) if kind else "")
    if not jury:
        return ""
    wanted = _ALIKE.get(jury, {jury})
    for p in passages:
        # (the heading or title may name the jury whole: "The Youth Jury Prize" over "The winner receives …")
        label = f"{p.chunk.title}. {p.chunk.heading}"
        sentences = [{normalise(w) for w in words(s)} for s in (label, *split_sentences(p.chunk.text))]
        if any(wanted & s and s & _JURY_WORDS for s in sentences) or (
            wanted & sentences[0] and any(s & _JURY_WORDS for s in sentences[1:])
        ):
            return ""
    return jury


_ALIKE_WORDS = (
    frozenset({"children", "child", "kid"}),
    frozenset({"youth", "young", "junior"}),
    frozenset({"documentary", "doc"}),
    frozenset({"anim", "animat"}),
)
_ALIKE = {w: set(group) for group in _ALIKE_WORDS for w in group}


# "the FEATURE jury", "the shorts panel", "our documentary jurors": a jury asked about by the word that names it
_ASKED_JURY = re.compile(r"\b([a-z][\w'’-]+)\s+(?:films?\s+)?(?:jury|juries|jurors?|panel)\b", re.I)
# A jury a rule names with capitals: "In the Shorts Jury, …", "the President of the Feature Jury", "Members of the
# Tideline and Short Documentary Juries"
_NAMED_IN_TEXT = re.compile(
    r"\b((?:[A-Z][\w'’-]+(?:,\s+|\s+and\s+|\s+))*?[A-Z][\w'’-]+)\s+(?:Films?\s+)?(?:Jury|Juries|Jurors?|Panel)\b"
)


def _jury_words(pattern: re.Pattern[str], text: str) -> set[str]:
    return {normalise(w) for m in pattern.finditer(text) for w in words(m.group(1)) if w.lower() not in STOPWORDS}


def other_jurys_rules(question: str, texts: Sequence[str]) -> list[bool]:
    """For each text, whether it is a rule of another jury than the one the question names ("… split down the
    middle?" after "who sits on the feature jury?": "In the Shorts Jury, … the Chair has a casting vote" is not the
    Feature Jury's rule). Only where some text names the asked jury as the rules do; a rule that names no jury stays
    an answer."""
    asked = _jury_words(_ASKED_JURY, question)
    alike = set().union(*(_ALIKE.get(w, {w}) for w in asked))
    named = [_jury_words(_NAMED_IN_TEXT, t) for t in texts]
    if not alike or not any(alike & n for n in named):
        return [False] * len(texts)
    return [bool(n) and not alike & n for n in named]
