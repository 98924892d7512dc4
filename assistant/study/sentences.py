"""Sentence helpers shared by the briefing, the quiz and the glossary: passage sentences, dates, clocks, contacts
and amounts, and where a citation points.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.schema import Citation
from assistant.text import MONTHS, split_sentences

if TYPE_CHECKING:
    pass

_MONTHS = "|".join(m.capitalize() for m in MONTHS)
DATE = re.compile(rf"\b\d{{1,2}}\s+(?:{_MONTHS})(?:\s+\d{{4}})?\b|\b(?:{_MONTHS})\s+\d{{1,2}}(?:,\s*\d{{4}})?\b")
CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b(?!\.\d)")
CONTACT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?\d[\d ()-]{6,}\d")
AMOUNT = re.compile(
    r"(?:EUR|USD|GBP|CHF|€|\$|£)\s?\d|\d\s?(?:%|per\s?cent)|\b\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\b",
    re.I,
)
# Authority order when one rule is stated twice: explanatory documents yield to the governing text.
EXPLANATORY_KINDS = ("glossary", "faq", "letter", "guide")


def where(c: Citation) -> str:
    page = f", p. {c.page}" if c.page else ""
    section = f" § {c.section}" if c.section else ""
    return f"{c.title} ({c.source}){section}{page}"


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
