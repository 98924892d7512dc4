"""The rule items of a library: its quotable units (`assistant.library.units`) that state a rule, in document order.

A rule item is a sentence or a list item (with its lead-in) that obliges, forbids or permits, gives a number, a date
or an amount, lists an award or a condition, or says what a role does ("The jury consists of ..."). Each has a
position: its place among its document's quotable units, counted across passages in order, which names it in
hand-labelled fixtures without copying its words (`RuleItem.ref`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.library.units import Unit, clean_display, quotable, units
from assistant.schema import SEP, Chunk
from assistant.study.addressee import ROLE_WORDS, subject_of
from assistant.text import stem, words

# Words that make a sentence a rule (obligations, prohibitions, permissions, limits, deadlines).
DEONTIC = re.compile(
    r"\b(must|shall|may|cannot|can\s?not|can't|required?|requires|prohibited|forbidden|not\s+permitted|"
    r"(?:is|are)\s+permitted|not\s+allowed|(?:is|are)\s+allowed|mandatory|compulsory|obliged|entitled|"
    r"expected\s+to|no\s+later\s+than|not\s+later\s+than|at\s+the\s+latest|at\s+least|at\s+most|maximum|minimum|"
    r"only\s+(?:if|when|after)|until\s+after|should|needs?\s+to|has\s+to|have\s+to|will\s+not|eligible|"
    r"not\s+accepted|reserves?\s+the\s+right|agrees?\s+to|responsible)\b",
    re.I,
)
_FIGURE = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|half|majority)\b",
    re.I,
)
_ROLE_STEMS = set().union(*ROLE_WORDS.values()) - {"we"}


@dataclass(frozen=True)
class RuleItem:
    """One rule of one document: the unit as quoted, what it completes, and where it stands."""

    source: str
    position: int  # among the document's quotable units, in passage order
    chunk: Chunk
    unit: Unit

    @property
    def text(self) -> str:
        """The rule as a reader needs it: a list item with its lead-in or heading."""
        return self.unit.context

    @property
    def quote(self) -> str:
        """The words as they stand in the passage: what the citation quotes."""
        return self.unit.text

    @property
    def heading(self) -> str:
        return self.chunk.section.split(SEP)[-1].strip() if self.chunk.section else ""

    @property
    def ref(self) -> str:
        """ "document#position": how fixtures name the item (with `fingerprint` to notice a changed text)."""
        return f"{self.source}#{self.position}"

    @property
    def fingerprint(self) -> str:
        """Eight hex digits of the item's normalised words: tells a fixture the item moved, without its text."""
        return fingerprint(self.unit)


def fingerprint(unit: Unit) -> str:
    """Eight hex digits of a unit's normalised words (how hand labels recognise their sentence)."""
    return hashlib.sha1(" ".join(words(unit.display)).encode()).hexdigest()[:8]


def is_rule(unit: Unit) -> bool:
    """Does this unit state a rule a reader could be asked about (not a question, a slogan or a label)?"""
    text = unit.display.strip()
    if not text or text.endswith("?"):
        return False
    if unit.item:
        return len(text.split()) >= 2
    if len(text.split()) < 5:
        return False
    if DEONTIC.search(text) or _FIGURE.search(text):
        return True
    subject = {stem(w) for w in words(subject_of(text))}
    return bool(subject & _ROLE_STEMS)


def document_units(chunks: Iterable[Chunk]) -> list[tuple[int, Chunk, Unit]]:
    """(position, chunk, unit) for every quotable unit, positions counted per document in passage order."""
    out = []
    seen: dict[str, int] = {}
    for chunk in sorted(chunks, key=lambda c: (c.source.lower(), c.index)):
        heading = chunk.section.split(SEP)[-1].strip() if chunk.section else ""
        for unit in units(chunk.text, heading):
            if not quotable(unit, chunk):
                continue
            n = seen.get(chunk.source, 0)
            seen[chunk.source] = n + 1
            out.append((n, chunk, unit))
    return out


def rule_items(chunks: Iterable[Chunk]) -> list[RuleItem]:
    """The rule items of these passages, in document order."""
    return [RuleItem(chunk.source, n, chunk, unit) for n, chunk, unit in document_units(chunks) if is_rule(unit)]


def display(text: str) -> str:
    return clean_display(text)
