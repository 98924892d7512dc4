"""The rule items of a library: its quotable units (`assistant.library.units`) that state a rule, in document order.

A rule item is a sentence or a list item (with its lead-in) that obliges, forbids or permits, gives a number, a date
or an amount, lists an award or a condition, or says what a role does ("The jury consists of ..."). Each has a
position: its place among its document's quotable units, counted across passages in order, which names it in
hand-labelled fixtures without copying its words (`RuleItem.ref`).

A rule is taught only whole. A sentence that opens by referring back ("For that reason, ...", "In this case, ...",
"Such films ...", "This ...", "These panels ...", "It may be ...") is shown together with the sentence it refers
to, and the citation quotes both; one with nothing before it in its passage is left out. A sentence that runs on
from the one before (cut after an abbreviation, or opening in lower case) is joined to it. A fragment, cut by an
excerpt or a page ("... or no award gi [excerpt ends]", a sentence ending on "the" or inside a word at the end of a
passage), is never an item; nor is a list's lead-in alone ("The jury awards the following prizes:"), which is
taught with each of its items.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.answers.extractive import reads_as_sentence
from assistant.library.loading.language import english_half
from assistant.library.records import reported
from assistant.library.units import (
    CASE_REFERENCE,
    POINTS_AT_DOCUMENT,
    Unit,
    clean_display,
    column_names,
    quotable,
    units,
)
from assistant.schema import Chunk
from assistant.study.addressee import ROLE_WORDS, subject_of
from assistant.study.sentences import FINITE, normalise
from assistant.text import AUXILIARY, opens_list, stem, words

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
    """One rule of one document: the unit as quoted, what it completes, and where it stands; `before` holds the
    sentences it refers back to (or runs on from), which it is shown and quoted with."""

    source: str
    position: int  # among the document's quotable units, in passage order
    chunk: Chunk
    unit: Unit
    before: tuple[tuple[int, Unit], ...] = ()  # (position, unit) of the sentences shown before it
    after: tuple[tuple[int, Unit], ...] = ()  # (position, unit) of sentences that refer back to it, shown after it

    @property
    def joined(self) -> bool:
        return bool(self.before or self.after)

    @property
    def text(self) -> str:
        """The rule as a reader needs it: a list item with its lead-in or heading, a sentence with the one it
        refers back to."""
        if not self.joined:
            return self.unit.context
        first = (self.before[0][1] if self.before else self.unit).context
        rest = [u.display for _, u in self.before[1:]] + ([self.unit.display] if self.before else [])
        rest += [u.display for _, u in self.after]
        return " ".join([first, *rest])

    @property
    def own(self) -> str:
        """The item's own words, without its lead-in or heading (what tells two items of one list apart)."""
        return " ".join([u.display for _, u in self.before] + [self.unit.display] + [u.display for _, u in self.after])

    @property
    def label(self) -> str:
        """What a list item completes: its lead-in (without the colon) or the heading it stands under; for a
        "name: value" line under a heading ("Pardo for Best Direction" / "City and Region of Locarno: CHF 20,000 to
        the director."), that heading; "" for other prose."""
        if self.unit.lead:
            return clean_display(self.unit.lead).rstrip(" :")
        if self.unit.label:
            return self.unit.label.rstrip(" :")
        return self.heading if self.under_heading else ""

    @property
    def under_heading(self) -> bool:
        """A "name: value" line that says nothing without the heading above it, which it does not repeat."""
        if self.joined or self.unit.item or not self.heading:
            return False
        name, colon, _ = self.unit.display.partition(":")
        if not colon or len(name.split()) > 10 or AUXILIARY.search(name):
            return False
        return normalise(self.heading).lower() not in normalise(self.unit.display).lower()

    @property
    def shown(self) -> str:
        """The rule as the briefing shows it: `text`, after its heading when it needs it; an item that is a whole
        sentence under a label that only names its section ("Festival Rules:", "GUIDELINES:") without the label,
        which the citation carries, as an answer does."""
        if self.under_heading:
            return f"{self.heading} — {self.text}"
        label = self.unit.lead or self.unit.label
        # A heading that asks ("What are the prizes?") names its section too; a sentence that points at it ("It is
        # led by our film mentor" under "How the Youth Jury chooses its winner") keeps it.
        # A heading that has no verb names its section however it is cased ("5. Confidentiality, press and media").
        heading = not reads_as_sentence(label) or (
            not self.unit.lead and (label.rstrip(" :").endswith("?") or not _has_verb(label))
        )
        states = _states(self.unit.display)
        if not self.joined and label and heading and states and not _LEANS.match(self.unit.display):
            return self.unit.display
        return self.text

    @property
    def quote(self) -> str:
        """The words as they stand in the passage: what the citation quotes (all of them, for a joined rule)."""
        if not self.joined:
            return self.unit.text
        return _span(
            self.chunk.text, [u.text for _, u in self.before] + [self.unit.text] + [u.text for _, u in self.after]
        )

    @property
    def heading(self) -> str:
        return self.chunk.heading

    @property
    def ref(self) -> str:
        """ "document#position": how fixtures name the item (with `fingerprint` to notice a changed text)."""
        return f"{self.source}#{self.position}"

    @property
    def refs(self) -> list[str]:
        """Every unit the item shows: its own and those joined to it."""
        return [self.ref] + [f"{self.source}#{n}" for n, _ in (*self.before, *self.after)]

    @property
    def fingerprint(self) -> str:
        """Eight hex digits of the item's normalised words: tells a fixture the item moved, without its text."""
        return fingerprint(self.unit)


def fingerprint(unit: Unit) -> str:
    """Eight hex digits of a unit's normalised words (how hand labels recognise their sentence)."""
    return hashlib.sha1(" ".join(words(unit.display)).encode()).hexdigest()[:8]


def _span(text: str, parts: list[str]) -> str:
    """The stretch of `text` from the first part to the end of the last, in order; "" when they are not there."""
    start = text.find(parts[0])
    if start < 0:
        return ""
    end = start + len(parts[0])
    for part in parts[1:]:
        at = text.find(part, end)
        if at < 0:
            return ""
        end = at + len(part)
    return text[start:end]


_LEANS = re.compile(r"^(?:\S+\s+){0,2}(?:it|its|they|them|their|this|that|these|those|he|she|such)\b", re.I)
_QUESTION_LABEL = re.compile(r"^(?:who|what|when|where|which|why|how)\b", re.I)


def _states(text: str) -> bool:
    """Does it say something on its own? A verb ("awards" after "an" or "and" is a noun: "An award for Live Action
    Short Film"), or a whole sentence whatever its verb ("The Academy reimburses reasonable travel expenses ..."),
    unlike a "name: value" line ("Mileage: 30p a mile ...")."""
    if _has_verb(text):
        return True
    return ":" not in text and text[:1].isupper() and text.endswith((".", "!")) and len(text.split()) >= 8


def _has_verb(text: str) -> bool:
    """An auxiliary, or a finite verb not read as a noun after an article or "and" ("Prizes and awards")."""
    return bool(AUXILIARY.search(text)) or any(not _NOUN_AFTER.search(text[: m.start()]) for m in FINITE.finditer(text))


_NOUN_AFTER = re.compile(r"(?:^|\b(?:a|an|the|and|or|of|for|its|their|our|each|every|no|this|that)\s+)$", re.I)


def is_rule(unit: Unit) -> bool:
    """Does this unit state a rule a reader could be asked about (not a question, a slogan or a label)?"""
    text = unit.display.strip()
    if not text or text.endswith("?"):
        return False
    if column_names(text):
        return False  # what the rows below it fill in
    if _QUESTION_LABEL.match(text) and len(text.split()) <= 6:
        return False  # "1. Who may vote.": the heading of the rules below it
    if unit.item:
        return len(text.split()) >= 2
    if len(text.split()) < 5:
        return False
    if DEONTIC.search(text) or _FIGURE.search(text):
        return True
    subject = {stem(w) for w in words(subject_of(text))}
    return bool(subject & _ROLE_STEMS)


# ---------------------------------------------------------------- whole rules: back-references and fragments

# A sentence that opens by pointing back at the one before it.
BACK_REFERENCE = re.compile(
    rf"^(?:(?:for|because of) (?:that|this|these|those|the above) reasons?|{CASE_REFERENCE}|"
    r"as a result|consequently|therefore|thus|hence|"
    r"accordingly|otherwise|in addition|also|furthermore|moreover|however|nevertheless|likewise|similarly|"
    r"such|this|these|those|that|it|they|them|its|their|he|she|both|either|neither)\b",
    re.I,
)
# "This Code", "It is forbidden to ...", "However, the jury ...": the opening words point at the document or at
# nothing before (and "This year", "These rules": `units.POINTS_AT_DOCUMENT`).
_SELF_CONTAINED = re.compile(
    r"^(?:this|these|that|those)\s+(?-i:[A-Z])\w*\b"
    r"|^it\s+(?:is|was|will be|shall be|would be|remains|may be)\s+(?:[\w'’-]+\s+){0,6}?(?:to|that|for)\b"
    r"|^(?:however|otherwise|also|in addition|furthermore|moreover|nevertheless|likewise|similarly|thus|therefore|"
    r"hence|accordingly|consequently|as a result),?\s+(?:the|a|an|all|each|every|any|no|jur\w+|judges?|films?|"
    r"entries|entrants?|applicants?|participants?|teams?|members?|(?-i:[A-Z])\w*)\b",
    re.I,
)
# Markers of a cut text: "[excerpt ends]", "[...]", "(truncated)".
_CUT_MARKER = re.compile(
    r"\[(?:[^\]]*\b(?:excerpt|extract|text|page|quote|cut|truncated|omitted|ends?|continues?)\b[^\]]*|\s*(?:\.\.\.|…)\s*)\]"
    r"|\((?:[^)]*\b(?:excerpt|truncated|cut off|continues)\b[^)]*)\)",
    re.I,
)
_ENDS = re.compile(r"[.!?:;)\]\"'’”»…]\s*$")
_LAST_WORD = re.compile(r"([A-Za-z][\w'’-]*)\W*$")
_DANGLING = frozenset(
    "the a an of to and or but nor for with by from in on at as into onto than that which who whose whom if when "
    "be is are was were been being has have had will shall may must can could should would not no its their his her "
    "our your this these those such any each every per via".split()
)
_ABBREVIATION_END = re.compile(r"\b[A-Z][a-z]{0,3}\.$")


_SUCH = re.compile(r"\bsuch\s+(?!as\b)(?:an?\s+)?[a-z]+", re.I)
_THAT_NOUN = re.compile(
    r"(?<!^)\b(?:that|this|these|those)\s+(film|work|entry|team|juror|judge|member|category|section|rule|certificate|"
    r"requirement|condition)s?\b",
    re.I,
)
# "You must do this by Friday", "If no work achieves this, …": a verb that says nothing of its own, done to what the
# sentence before says
_DOES_THIS = re.compile(
    r"\b(?:do|does|did|doing|done|achieve|achieves|achieved|achieving)\s+(?:so\b|(?:this|that)(?=\s*(?:[,.;:!?)]|$|"
    r"(?:by|before|after|until|within|at|on|in|if|when|and|or|again|first|now|too)\b)))",
    re.I,
)
_THEN = re.compile(r"\b(?:may|will|shall|must|can|should|would|is|are)\s+then\b", re.I)
_POINTER = re.compile(r"^(?:this|these|that|those|such)\s+([A-Za-z][\w'’-]*)", re.I)


def refers_back(unit: Unit, title: str = "") -> bool:
    """Does the unit open by pointing at the sentence before it? Not a list item (items stand on their own), and
    not "These criteria ..." in a document whose title or heading names its criteria: that points at the
    document."""
    if unit.item:
        return False
    text = clean_display(unit.text)
    if _SUCH.search(text):
        return True  # "A juror who has such a relationship ...": such a one as the sentence before describes
    if _THEN.search(text) or _DOES_THIS.search(text):
        return True  # "The Festival may then replace you": after what the sentence before says happened
    for m in _THAT_NOUN.finditer(text):  # "You will not score that film": a film the sentence has not named
        if not re.search(rf"\b{re.escape(m.group(1))}", text[: m.start()], re.I):
            return True
    if not BACK_REFERENCE.match(text) or POINTS_AT_DOCUMENT.match(text) or _SELF_CONTAINED.match(text):
        return False
    pointer = _POINTER.match(text)
    return not (pointer and stem(pointer.group(1).lower()) in {stem(w) for w in words(title)})


def runs_on(unit: Unit, previous: Unit | None) -> bool:
    """Is the unit the rest of the sentence before it: opening in lower case, or split after an abbreviation
    ("... at the CICT Bldg." / "Rm." / "103/ ...")? Prose runs on from prose, an item's sentence from the same
    item's."""
    if previous is None or unit.item != previous.item or (unit.item and unit.group != previous.group):
        return False
    raw = unit.text.strip()
    if raw[:1].islower() and not unit.item:
        return True
    after_abbreviation = bool(_ABBREVIATION_END.search(previous.text.strip()))
    return after_abbreviation and (bool(re.match(r"[\d(/]", raw)) or bool(_ABBREVIATION_END.fullmatch(raw)))


def is_fragment(unit: Unit, last: bool, vocabulary: set[str]) -> bool:
    """Is the unit a piece of a sentence cut by an excerpt or a page? A cut marker anywhere; at the end of its
    passage, prose that stops without punctuation on a word that cannot end a sentence ("the", "of") or inside a
    word ("gi" where the document writes "given")."""
    text = unit.text.strip()
    if _CUT_MARKER.search(text):
        return True
    if unit.item or not last or _ENDS.search(text):
        return False
    m = _LAST_WORD.search(text)
    if not m or not m.group(1)[:1].islower():
        return False
    word = m.group(1).lower()
    if word in _DANGLING:
        return True
    return word not in vocabulary and any(w.startswith(word) and w != word for w in vocabulary)


def document_units(chunks: Iterable[Chunk]) -> list[tuple[int, Chunk, Unit]]:
    """(position, chunk, unit) for every quotable unit, positions counted per document in passage order."""
    out = []
    seen: dict[str, int] = {}
    for chunk in sorted(chunks, key=lambda c: (c.source.lower(), c.index)):
        heading = chunk.heading
        for unit in units(chunk.text, heading):
            if not quotable(unit, chunk):
                continue
            n = seen.get(chunk.source, 0)
            seen[chunk.source] = n + 1
            out.append((n, chunk, unit))
    return out


def rule_items(chunks: Iterable[Chunk]) -> list[RuleItem]:
    """The rule items of these passages, in document order: whole rules only (see the module's docstring)."""
    listed = document_units(chunks)
    told = reported((chunk.source, unit.display) for _, chunk, unit in listed)  # a press release, minutes
    listed = [entry for entry in listed if entry[1].source not in told]
    vocabulary: dict[str, set[str]] = {}
    for _, chunk, unit in listed:
        vocabulary.setdefault(chunk.source, set()).update(w.lower() for w in re.findall(r"[A-Za-z][\w'’-]*", unit.text))
    keep = english_half([u.context for _, _, u in listed], [c.source for _, c, _ in listed])  # (a bilingual text)
    by_chunk: dict[str, list[tuple[int, Chunk, Unit]]] = {}
    for entry, kept in zip(listed, keep, strict=True):
        if kept:
            by_chunk.setdefault(entry[1].id, []).append(entry)
    out: list[RuleItem] = []
    for entries in by_chunk.values():
        groups: list[list[tuple[int, Unit]]] = []
        for k, (n, chunk, unit) in enumerate(entries):
            last = k == len(entries) - 1
            if is_fragment(unit, last, vocabulary[chunk.source]):
                continue
            following = entries[k + 1][2] if not last else None
            if following is not None and following.item and following.lead.strip() == unit.text.strip():
                continue  # a lead-in is taught with each item of its list, never alone
            previous = entries[k - 1][2] if k else None
            back = n > 0 and refers_back(unit, f"{chunk.title} {chunk.section}")  # a document's first words point at it
            joins = bool(groups) and groups[-1][-1][0] == n - 1 and (back or runs_on(unit, previous))
            if joins:
                groups[-1].append((n, unit))
            elif back or runs_on(unit, previous):
                continue  # it points at a sentence that is not here: never shown alone
            else:
                groups.append([(n, unit)])
        chunk = entries[0][1]
        for group in groups:
            item = _item(chunk, group)
            if item is not None:
                out.append(item)
    return out


def _item(chunk: Chunk, group: list[tuple[int, Unit]]) -> RuleItem | None:
    """One rule item of a run of sentences that belong together, or None when none of them states a rule: the
    first rule among them is the item, the others are shown before or after it."""
    rules = [i for i, (_, unit) in enumerate(group) if is_rule(unit)]
    if (
        not rules
        and len(group) > 1
        and is_rule(Unit(0, " ".join(u.text for _, u in group), " ".join(u.display for _, u in group)))
    ):
        rules = [len(group) - 1]
    if not rules:
        return None
    at = rules[0]
    n, unit = group[at]
    item = RuleItem(chunk.source, n, chunk, unit, tuple(group[:at]), tuple(group[at + 1 :]))
    return item if not item.joined or item.quote else None


def announces_only(item: RuleItem) -> bool:
    """A lead-in whose list did not follow as items ("The jury will award the following prizes:" over headings): it
    says nothing a juror can use alone."""
    return not item.joined and opens_list(item.unit.display)


def display(text: str) -> str:
    return clean_display(text)
