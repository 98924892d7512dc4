"""A film's measure in the question ("My film runs 45 minutes. Can I enter it?", "My script is 142 pages"): answered by
a rule that gives a limit in the same measure ("no more than 20 minutes", "between 80 and 130 pages"), not by one on
who may enter or who decides on categories. Measured on the written check sets, such questions were answered with
rules that hold no number at all."""

from __future__ import annotations

import re

# (an event's length is its name, not a film's measure: "the 72-hour challenge", "the 48-hour project")
_UNIT = r"(minutes?|mins?|pages?|seconds?|secs?|words?)"
_ASKED = re.compile(rf"(?i)\b\d+(?:[.,]\d+)?[\s-]*{_UNIT}\b")
_GIVEN = re.compile(rf"(?i)\b\d+(?:[.,]\d+)?\s*(?:[-–]\s*\d+\s*)?{_UNIT}\b")
_CLOCK = re.compile(r"\b\d{1,3}:\d{2}\b")  # "runs over 15:00"


def _unit(word: str) -> str:
    return word.lower()[:3]  # min, pag, sec, wor


def measures_asked(question: str) -> frozenset[str]:
    """The units of the measures the question gives ("45 minutes" -> {"min"})."""
    return frozenset(_unit(m.group(1)) for m in _ASKED.finditer(question))


def gives_measure(text: str, units: frozenset[str]) -> bool:
    """Does the text give a number in one of these units (or a running time as a clock, "15:00")?"""
    if units & {"min", "sec"} and _CLOCK.search(text):
        return True
    return any(_unit(m.group(1)) in units for m in _GIVEN.finditer(text))
