"""Which edition a question asks about: one it names by its year ("the 2028 edition", "BIEVO 2028") or one before or
after the library's ("last year's jury", "next year's GV Shorts competition"). A date's year ("finished in March
2023") or the speaker's own past ("I did some sales work on a film last year") names no edition."""

from __future__ import annotations

import re

from assistant.answers.names import YEAR
from assistant.answers.needs import OPENER

# "last year's jury", "next year's GV Shorts competition", "the winners of the previous edition", "who sat on the jury
# last year": another edition.
_RELATIVE_EDITION = re.compile(
    r"(?i)\b(last|previous|past|next|coming|upcoming) (year|edition)(?:(?:'s|’s) (?:[\w'’&-]+\s+){0,4}?"
    r"| (?:(?-i:[A-Z0-9][\w'’&-]*)\s+){0,4}?)"  # "next year's ocean film festival", "last year Harbour Lights' jury"
    r"(festival|edition|jury|juries|winners?|"
    r"competition|rules|regulations|awards?|ceremony|programme|program|line-?up|films?)\b"
    r"|\b(?:the|our|this|your)\s+(?:[\w'’-]+\s+){0,2}?(jury|juries|festival|winners?|competition|edition|ceremony|"
    r"line-?up|juror|jurors)\b[^?.!]{0,40}\b(last|previous|past|next|coming|upcoming) (year|edition)\b"
    r"|\b(won|sat|served|judged|were selected|was selected|were chosen|competed)\b[^?.!]{0,40}\b"
    r"(last|previous|past|next|coming|upcoming) (year|edition)\b"
    # "was it the same window last year?": what a rule said then (not "last year I was paid …": the speaker's own)
    r"|\b(?:was|were) (?:it|they|that|this|there|the)\b[^?.!]{0,40}\b(last|previous|past) (year|edition)\b"
    r"|\b(the )?(last|previous|next|coming|upcoming) edition\b"
    # "next year's Nightjar", "next year's dates": whatever next year's is, it is of an edition to come
    r"|\b(next|coming|upcoming) year(?:'s|’s)\s+\w"
)


# A year that names an edition: before an edition's noun ("the 2028 edition", "2028's jury") or a capitalised name
# ("2028 Oltrevia Biennial"), or after a name ("BIEVO 2028"), not a date's year ("on 3 May 2028", "since 2023").
_EDITION_AFTER = re.compile(
    r"(?:'s|’s)|\s+(?:edition|festival|awards?|competition|jury|juries|ceremony|programme|program|selection)\b"
    r"|\s+(?-i:[A-Z])(?!\b)"
)
_NAME_BEFORE = re.compile(r"[^.!?\s]\s+(?-i:[A-Z][\w'’&-]+)\s+$")  # not the word that opens the sentence
_MONTH_BEFORE = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?$"
)


# "What was the honorarium … in 2024?", "Was the limit also 7 minutes back in 2024?", "Which film won … last year?",
# "Will it be the same size in 2027?": a question put in another time, which ends on when: that time's edition. Not a
# date of the asker's film ("Was a film finished in 2023 eligible?") nor a statement ("Our film was shown last year.").
_OTHER_TIME = re.compile(
    r"(?i)(?:^|[.!?]\s+)(?:(?:what|which|who|whom|how much|how many|how|where|when)\b(?:\s+[\w'’-]+){0,3}?\s+)?"
    r"(?P<tense>was|were|did|won|got|received|sat|served|will)\b[^.!?]*?\s(?P<before>[\w'’-]+)\s+(?:back\s+)?"
    r"(?:in\s+(?P<year>(?:19|20)\d\d)|(?P<last>last year|the year before))\s*\?\s*$"
)
_PARTICIPLE = re.compile(r"(?i)\w+ed|made|shot|shown|done|written|run|begun")


def _other_time(question: str) -> re.Match[str] | None:
    found = _OTHER_TIME.search(question)
    return None if found is None or _PARTICIPLE.fullmatch(found.group("before")) else found


def _names_edition(question: str, year: re.Match[str]) -> bool:
    before = question[: year.start()]
    if _MONTH_BEFORE.search(before):
        return False
    if (other := _other_time(question)) and other.start("year") == year.start():
        return True
    return bool(_NAME_BEFORE.search(before) or _EDITION_AFTER.match(question, year.end()))


# "I did sales work on one of the competition films last year": the speaker's own past, not another edition's rules.
_SPEAKERS_PAST = re.compile(r"(?i)\b(?:I|we)\b(?:(?!\b(?:who|whom|what|which|how)\b)[^?.!;])*$")


def edition_years(question: str) -> set[str]:
    """The years the question names editions by."""
    return {m.group(1) for m in YEAR.finditer(question) if _names_edition(question, m)}


def relative_edition(question: str) -> int:
    """+1 for an edition after the library's ("next year's festival"), -1 for one before it, 0 for neither."""
    if (other := _other_time(question)) and other.group("last") and other.group("tense").lower() != "will":
        return -1
    relative = _RELATIVE_EDITION.search(question)
    if not relative:
        return 0
    if any(w in relative.group(0).lower() for w in ("next", "coming", "upcoming")):
        return 1  # ("Do we know the dates of next year's festival?": the speaker's own words, an edition to come)
    return 0 if _SPEAKERS_PAST.search(question[: relative.end()]) else -1


def in_other_edition(question: str, earlier: str) -> str | None:
    """The earlier question put in the edition a follow-up names ("Is it the same in 2026?", "And what did they pay
    the year before?" after a question on the 2026 jury), None when the follow-up names no other edition."""
    question = OPENER.sub("", question)  # "And what did they pay the year before?"
    years = YEAR.findall(question)
    step = 0 if years else relative_edition(question)
    if not years and step and (before := YEAR.findall(earlier)):
        years = [str(int(max(before)) + step)]
    if not years and step:  # "and was it the same last year?" after a question that named no year
        return f"{earlier.rstrip()} ({'the previous' if step < 0 else 'the next'} edition)"
    return f"{YEAR.sub(' ', earlier).strip()} {' '.join(years)}" if years else None
