"""Sentence helpers shared by the briefing, the quiz and the glossary: passage sentences, dates, clocks, contacts
and amounts, and where a citation points.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.schema import Citation
from assistant.text import CURRENCY_SYMBOL, MONTHS, split_sentences

_MONTHS = "|".join(m.capitalize() for m in MONTHS)
DATE = re.compile(rf"\b\d{{1,2}}\s+(?:{_MONTHS})(?:\s+\d{{4}})?\b|\b(?:{_MONTHS})\s+\d{{1,2}}(?:,\s*\d{{4}})?\b")
CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b(?!\.\d)")
CONTACT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?\d[\d ()-]{6,}\d")
# The sign or code written before a sum ("EUR 60", "€20", "₹2000").
MONEY_SIGN = r"(?:EUR|USD|GBP|CHF|INR|" + CURRENCY_SYMBOL + r")"
AMOUNT = re.compile(
    MONEY_SIGN + r"\s?\d|\d\s?(?:%|per\s?cent)"
    r"|\b\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\b",
    re.I,
)
# Authority order when one rule is stated twice: explanatory documents yield to the governing text.
EXPLANATORY_KINDS = ("glossary", "faq", "letter", "guide")


def where(c: Citation) -> str:
    page = f", p. {c.page}" if c.page else ""
    section = f" § {c.section}" if c.section else ""
    return f"{c.title} ({c.source}){section}{page}"


def by_place(citations: Sequence[Citation]) -> list[str]:
    """'[1–4] place', one line per place in order of first citation: four rules of one section are listed once, not
    as four identical lines."""
    numbers: dict[str, list[int]] = {}
    for c in citations:
        numbers.setdefault(where(c), []).append(c.n)
    return [f"[{_number_runs(ns)}] {place}" for place, ns in numbers.items()]


def _number_runs(numbers: list[int]) -> str:
    """1, 2, 3, 4, 7 → '1–4, 7'."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


# ---------------------------------------------------------------- sentences


def normalise(text: str) -> str:
    """Whitespace-normalised text: how quotes are compared with passages (PDF line wraps are not words)."""
    return " ".join(text.split())


def passage_sentences(text: str) -> list[str]:
    """Sentences of a passage with wrapped lines (PDF) re-joined; list items stay separate."""
    merged: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if (
            merged
            and len(merged[-1]) >= 40
            and not re.search(r"[.!?:;]$", merged[-1])
            and not re.match(r"^(?:[-•*]|\(?[a-z0-9]{1,3}[.)]\s)", line)
        ):
            merged[-1] = f"{merged[-1]} {line}"
        else:
            merged.append(line)
    return [normalise(s) for s in split_sentences("\n".join(merged))]


# The verbs that make a line a sentence rather than an entry ("Jurors must …", "The jury consists of …").
FINITE = re.compile(
    r"\b(?:must|shall|may|will|can|cannot|should|is|are|was|were|has|have|be|consists?|receives?|awards?|votes?|"
    r"decides?|takes?|gives?|meets?|sits?|appoints?|serves?|counts?|needs?|requires?|forms?)\b",
    re.I,
)
