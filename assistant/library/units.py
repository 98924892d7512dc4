"""The quotable units of a passage: sentences, and the items of lists with the lead-in they complete.

Real rules are lists as often as sentences ("The Jury will award the following prizes:" and one prize a line;
"(1) Must be ... (2) Must not ..." run together on one line after a copy). An answer quotes the item that holds
the rule, never a whole run of items as one "sentence"; the lead-in travels with it, because "Best Director
(Grant of 5000 Euros)" means little without "Awards presented:".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.text import (
    AUXILIARY,
    ITEM_MARKER,
    LIST_BULLET,
    STOPWORDS,
    is_title_line,
    opens_list,
    split_sentences,
    strip_clause_number,
)

if TYPE_CHECKING:
    from assistant.schema import Chunk

# Inline enumerations: "(1)X ... (2)Y", "a) X b) Y", "No 1: X No 2: Y", "i) X ii) Y" inside one line.
_INLINE = re.compile(
    r"(?:(?<=\s)|^)(?:\((?P<paren>\d{1,2}|[a-z]|[ivx]{1,4})\)|(?P<close>\d{1,2}|[a-z]|[ivx]{1,4})\)|No\.?\s?(?P<no>\d{1,3})\s*[:.)])"
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
MAX_ITEM_CHARS = 400
# Bump when `units` splits passages differently: libraries re-embed their units on the next load.
UNITS_VERSION = "10"  # 10: a paragraph mark ("§ 4.") opens the sentence after it; 9: no sentence ends inside brackets; 8: a table's row whose cells hold sentences is one unit


@dataclass(frozen=True)
class Unit:
    """One quotable unit of a passage, in passage order."""

    position: int
    text: str  # the words as they stand in the passage: what the citation quotes
    display: str  # the same for an answer sentence: no clause number, list marker or "A:" label
    lead: str = ""  # for a list item: the lead-in it completes ("The jury will award the following prizes:")
    group: int = -1  # items of one list share a number; -1 for prose
    label: str = ""  # for an item without a lead-in: the heading it stands under ("Young Talent Award")
    columns: str = ""  # for a table's row: the row of column names above it ("Criterion | Max points")

    @property
    def item(self) -> bool:
        return self.group >= 0

    @property
    def context(self) -> str:
        """What the unit means on its own: an item with its lead-in, or with its heading when it has none."""
        if self.lead:
            return f"{clean_display(self.lead)} {self.display}".strip()
        # "Originality | 15" under "Criterion | Max points": "Originality (Criterion) | 15 (Max points)"
        if self.columns:
            cells, names = table_cells(self.display), table_cells(self.columns)
            if len(cells) == len(names):
                return " | ".join(f"{cell} ({name})" if cell else "" for cell, name in zip(cells, names, strict=True))
        return f"{self.label}: {self.display}" if self.label else self.display


_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+(?=\S)")
# A note's mark ("[3] The jury may …", "† The Grand Award must …"), which a quote would show as a citation's
_NOTE_MARK = re.compile(r"^(?:[†‡]+|[§¶](?!\s*\d)|\[\d{1,2}\])\s*(?=\S)")


def clean_display(text: str) -> str:
    """'(4)Films running under …' -> 'Films running under …'; '8.4 Tie-breaks. If …' -> 'If …'; '- Best Film' -> 'Best Film'."""
    text = LIST_BULLET.sub("", text.strip())
    text = ITEM_MARKER.sub("", text).strip()
    text = _NOTE_MARK.sub("", _NUMBERED.sub("", text))
    text = strip_clause_number(text).strip()
    return text[:1].upper() + text[1:] if text[:1].islower() and not text[:2].isupper() else text


def _label_value(label: str) -> tuple[str, int]:
    """('num'|'alpha'|'roman', ordinal) of an enumeration label."""
    if label.isdigit():
        return "num", int(label)
    if label in _ROMAN and label not in ("v", "x"):  # "i", "ii" count as roman; lone "v"/"x" as letters
        return "roman", _ROMAN[label]
    return "alpha", ord(label) - ord("a") + 1


def split_inline_list(sentence: str) -> tuple[str, list[str]]:
    """(lead, items) when a line runs a numbered or lettered list together ("conditions: (1)X. (2)Y."), where the
    labels count up from 1 or a; otherwise (sentence, [])."""
    marks = []
    for m in _INLINE.finditer(sentence):
        label = m.group("paren") or m.group("close") or m.group("no")
        if label:
            marks.append((m.start(), label))
    if len(marks) < 2:
        return sentence, []
    # Keep the longest run of labels that count up from 1 or a: "(1) … (2) … (3)".
    best: list[int] = []
    run: list[tuple[int, str, int]] = []
    for start, label in marks:
        kind, value = _label_value(label)
        if run and kind == run[-1][1] and value == run[-1][2] + 1:
            run.append((start, kind, value))
        elif value == 1:
            run = [(start, kind, value)]
        else:
            continue
        if len(run) > len(best):
            best = [s for s, _, _ in run]
    run_starts = best
    if len(run_starts) < 2:
        return sentence, []
    lead = sentence[: run_starts[0]].strip()
    items = [sentence[a:b].strip() for a, b in zip(run_starts, run_starts[1:] + [len(sentence)], strict=True)]
    return lead, [i for i in items if i]


def _marker_kind(line: str) -> str:
    """Bullets, numbers ("(2)", "3)") or letters ("(a)", "b."), told apart so a list of one ends at the other."""
    if LIST_BULLET.match(line):
        return "bullet"
    marker = ITEM_MARKER.match(line) or _NUMBERED.match(line)
    return "number" if marker and any(c.isdigit() for c in marker.group(0)) else "letter"


def _is_item_line(line: str) -> bool:
    return bool(LIST_BULLET.match(line) or ITEM_MARKER.match(line) or _NUMBERED.match(line))


def _item_sentences(body: str) -> list[str]:
    """An item's sentences, its marker kept on the first: "1. Red Scarf" is one sentence, never "1." and "Red Scarf"."""
    marker = ITEM_MARKER.match(body) or _NUMBERED.match(body)
    head = body[: marker.end()] if marker else ""
    sentences = split_sentences(body[len(head) :])
    if head and sentences:
        sentences[0] = head + sentences[0]
    return sentences or [body]


# A sentence that announces the list after it without a colon: "... one or more of these categories.", "... is
# scored on 3 criteria.", "The following films are not eligible."
ANNOUNCES = re.compile(
    r"\b(?:these|the following|as follows|below|listed|include|includes|including)\b"
    r"|\b(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[a-z-]+\s+)?[a-z-]+s[.!]?$",
    re.I,
)

# "This year", "These rules", "This Code": the opening word points at the document or the edition, not at the
# sentence before (what answers and study mode read as a reference back).
_DOCUMENT_NOUNS = (
    r"(?:year|edition|festival|competition|contest|challenge|event|programme|program|website|page|document|code|"
    r"policy|agreement|form|season|time|week|month|day|regulations|rules|guidelines|terms|conditions)\b"
)
POINTS_AT_DOCUMENT = re.compile(rf"^(?:this|these|that|those)\s+{_DOCUMENT_NOUNS}", re.I)
# The words that open the consequence of the case the sentence before describes: "In such a case, the juror does
# not score that film" (answer quotes and study items both read them).
CASE_REFERENCE = (
    r"in (?:this|that|either|both|each|such) (?:a )?cases?|in such (?:a )?cases?|in (?:this|that) event|if so"
)

# "Judges don't choose it.", "You won't score that film, and ...": a clause that ends on a pronoun or a pointed-at
# noun whose antecedent is not in the sentence (nothing before it introduces one: "a film", "if", "who").
_ENDS_ON_POINTER = re.compile(
    rf"\b(?:it|them|(?:that|this|these|those)\s+(?!{_DOCUMENT_NOUNS})[a-z][\w'’-]*)(?=\s*(?:[,.;!?]|$)|\s+(?:and|or|but)\b)",
    re.I,
)
_INTRODUCES = re.compile(
    r"\b(?:a|an|any|each|every|if|when|whenever|where|unless|once|who|which|whose|what|my|your|his|her|its|our|their)\b",
    re.I,
)


def ends_on_pointer(text: str) -> bool:
    """Does a clause of the sentence end on "it", "them" or "that film" with nothing before to point at ("Members
    cannot change their ballot after submitting it" has)?"""
    found = _ENDS_ON_POINTER.search(text)
    return found is not None and not _INTRODUCES.search(text[: found.start()])


# An item's title sentence: a few words that name what the item is about ("Seeing the films.", "Ballots."), or a
# question that heads it ("Who may vote."); a short sentence with a rule word or a figure is a rule ("No proxies.").
_ITEM_TITLE = re.compile(r"^[A-Z][^.!?:\d]{0,40}[.:]$")
_SAYS = re.compile(r"\b(?:must|shall|may|should|will|can|cannot|not|no|never|only|is|are|has|have)\b", re.I)
_ASKS_WHO = re.compile(r"^(?:who|what|when|where|which|how)\b[^.!?\d]{0,40}[.:]$", re.I)


def _lead_in(previous: str) -> str:
    """The sentence of the line before a list that the list completes, or ""."""
    if not previous:
        return ""
    last = split_sentences(previous)[-1] if split_sentences(previous) else previous
    if opens_list(previous):
        return last
    if len(last.split()) <= 30 and ANNOUNCES.search(last):
        return last
    return ""


def units(text: str, heading: str = "") -> list[Unit]:
    """The quotable units of a passage text (lines as stored by the loader: one paragraph or list item a line).

    `heading`: the passage's own heading, the context of list items that have no lead-in."""
    out: list[Unit] = []
    group = made = -1  # the current list's number; the last number given
    previous = ""
    in_list = False
    bullet = ""  # the kind of marker the current list uses
    outer: tuple[int, str, str] | None = None  # the list a list inside it interrupts: (group, lead-in, marker kind)
    nested: tuple[int, str] | None = None  # the same for sub-items set with the same marker: (group, lead-in)
    lead = columns = ""
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if _is_item_line(line):
            # A new list, or a list inside a list: numbered items under a bullet that announces them ("- Your film
            # must include one of these:" then "1. …") complete that bullet.
            kind = _marker_kind(line)
            body = LIST_BULLET.sub("", line).strip()
            if not in_list:
                made += 1
                group, lead, outer, nested = made, _lead_in(LIST_BULLET.sub("", previous).strip()), None, None
            elif kind == bullet and nested is None and previous.endswith(":") and body[:1].islower():
                # "- If two films have the same points:" then "- a second ballot is held …;": sub-items whose
                # nesting the loader could not keep (Word's list levels, an indented Markdown list) complete the item
                nested = (group, lead)
                made += 1
                group, lead = made, _lead_in(LIST_BULLET.sub("", previous).strip())
            elif kind == bullet and nested is not None and not body[:1].islower():
                (group, lead), nested = nested, None  # back to the items the sub-items interrupted
            elif kind != bullet and outer is not None and outer[2] == kind:
                group, lead, outer = outer[0], outer[1], None  # back to the list the inner one was part of
            elif kind != bullet and outer is None and _lead_in(LIST_BULLET.sub("", previous).strip()):
                outer = (group, lead, bullet)
                made += 1
                group, lead = made, _lead_in(LIST_BULLET.sub("", previous).strip())
            elif kind == "number" and bullet in ("letter", "bullet"):
                # "(2) No prize may be shared" after "(a)"-"(d)", "13. A gift that cannot be refused …" after the
                # bullets under "Jurors must not:": the next rule, not one more prize or prohibition
                made += 1
                group, lead, outer = made, "", None
            in_list, bullet = True, kind
            before, inline = split_inline_list(body)  # "No 1: ... No 2: ..." run together after the first marker
            title = ""
            if inline and not before:
                pieces = inline
            else:
                # An item of several sentences is quoted a sentence at a time, each with the item's lead-in.
                sentences = _item_sentences(body)
                # "2. Seeing the films. Members should rank only films …": the item's title, not a sentence of it
                title = clean_display(sentences[0]) if len(sentences) > 1 and not lead else ""
                if title and (_ITEM_TITLE.match(title) and not _SAYS.search(title) or _ASKS_WHO.match(title)):
                    sentences = sentences[1:]
                else:
                    title = ""
                pieces = sentences if len(sentences) > 1 or len(body) > MAX_ITEM_CHARS or title else [body]
            for piece in pieces:
                label = "" if lead else (title.rstrip(".:") if title else heading)
                out.append(Unit(len(out), piece, clean_display(piece), lead, group, label))
        else:
            in_list, nested = False, None
            # A table's row is read under its row of column names: "15" is the points that "Max points" names.
            cells = len(table_cells(line))
            if " | " not in line:
                columns = ""
            elif column_names(line):
                columns = line
            elif columns and cells != len(table_cells(columns)):
                columns = ""
            before, items = split_inline_list(line)
            run_in, line_rule = _run_in(line) if not items and " | " not in line else ("", line)
            # a table's row read as "When: Wed 7 Oct; What: Press call. No interviews.; Where: roof terrace." is one
            # fact, not sentences cut across its cells
            row = not items and bool(_FLAT_ROW.fullmatch(line))
            sentences = [line] if row else split_sentences(before) if items else split_sentences(line_rule)
            for sentence in sentences:
                whole_row = columns and columns != line and sentence == line
                columns_of = columns if whole_row else ""
                out.append(Unit(len(out), sentence, clean_display(sentence), columns=columns_of, label=run_in))
            if items:
                made += 1
                group, lead = made, sentences[-1] if sentences else ""
                for item in items:
                    out.append(Unit(len(out), item, clean_display(item), lead, group))
        previous = line
    return out


_METADATA = re.compile(r"(?i)^(source|title|url|link|page \d+ of \d+)\b\s*:?")
# What a document says of its own making: "Adopted by the Board of Directors, revised September 2024", "Approved by
# the Board of Governors on 12 September 2024", "Issued by the Festival office": no rule for a juror.
_MADE = re.compile(
    r"(?i)^\W*(?:adopted|approved|issued|published|revised|amended|(?:last )?updated)\s+(?:by|on|in|at|as of|:)\s"
)
_URL_ONLY = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")


# "Social media: Jurors must not post ratings … online.", a table's topic before its rule: the topic is the rule's
# label, not words of it, when a whole sentence follows ("Deliberation: Saturday 17 October, 10:00" stays whole).
_RUN_IN = re.compile(r"^([A-Z][^:;.!?\d]{1,40}):\s+([A-Z].*[.!?])$")


def _run_in(line: str) -> tuple[str, str]:
    """(label, rule) of a line that opens with a short label before a whole sentence; ("", line) otherwise."""
    m = _RUN_IN.match(line)
    first = split_sentences(m.group(2))[0] if m else ""
    # (its first sentence a rule of six words or more, no label of its own: not "Friday 13 March from 10:00 at …")
    if not m or len(m.group(1).split()) > 4 or len(first.split()) < 6 or not AUXILIARY.search(first) or ":" in first:
        return "", line
    return m.group(1), m.group(2)


# A table's row as the loaders write it (loading/tables.table_rows): "Header: value" cells joined by "; ".
_FLAT_ROW = re.compile(r"(?:[A-Z][^:;.]{0,30}: [^;]+?; )+[A-Z][^:;.]{0,30}: [^;]+")


def table_cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.split("|")]


def column_names(text: str) -> bool:
    """A table's row of column names ("Criteria | %", "Category | Points"): no figure in any cell, nothing a reader
    can use without the rows below it."""
    return " | " in text and not re.search(r"\d", text) and all(len(c.split()) <= 4 for c in text.split(" | "))


def _name_only(tokens: list[str]) -> bool:
    """A name standing alone ("Corvale Society of Cinematographers (CSC)."): capitalised words and connectors."""
    bare = [t.strip("()[].,:;") for t in tokens]
    return all(t[:1].isupper() or t.lower() in STOPWORDS or t == "&" for t in bare if t)


def quotable(unit: Unit, chunk: Chunk) -> bool:
    """Can this unit be an answer? Front matter never is: the title printed again, a running title in capitals,
    a source line or a bare address, what the document says of its own making ("Adopted by the Board on …") or a
    body's name standing alone above the text; nor is a label ("Jury.") or a clause title repeated as a sentence."""
    text = unit.display.strip()
    words = text.split()
    if not words or _URL_ONLY.match(text) or _METADATA.match(text):
        return False
    if text.endswith("?"):
        return False  # a question (an FAQ's own, a rhetorical one) is context, never an answer
    if not unit.item and len(words) < 4:
        return False
    if not unit.item and len(words) <= TITLE_WORDS and not re.search(r"[.!;]$|\d", text) and not states_rule(text):
        return False  # a heading left in the text ("For jurors: practical information"): no rule to quote
    if not re.search(r"[a-z]", text) and len(words) <= 12:
        return False  # "31ST INTERNATIONAL STUDENT FESTIVAL": a running title, not a rule
    if _MADE.match(text) and not _SAYS.search(text):
        return False
    if not chunk.section and not unit.item and len(words) <= 12 and _name_only(words):
        return False  # above the first heading: not an award listed under one
    if is_title_line(text, chunk.title) and not unit.lead:
        return False  # an item its lead-in announces is content even when it repeats a word of the title
    label = text.rstrip(" .").lower()
    return unit.item or not (chunk.section and label in chunk.section.lower() and not states_rule(label))


TITLE_WORDS = 6  # clause titles run to six words ("Lifelong confidentiality of votes and positions"); rules run longer


def states_rule(words: str) -> bool:
    """Do a clause's opening words, taken for its title by the chunker ("6.6 Each jury may award a maximum of two
    special mentions."), state its rule? Then they are quoted like any sentence: read as a title, the only rule on
    special mentions was never quoted and the question it answers was declined."""
    return len(words.split()) > TITLE_WORDS or bool(_SAYS.search(words))
