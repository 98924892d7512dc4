"""What a juror judges against, drawn from the festival's own rules: the judging criteria, the awards the jury gives
and the scale of a mark, each with the citation of the words that state it; an organiser may correct them.

Rules state criteria in a few shapes, whatever the festival: a list under a heading or lead-in that names them
("Judging Criteria", "Films are judged on the following criteria:"), a table whose first column holds them
("Criterion | Weight | ..."), or a sentence ("Entries are judged on originality, craft and impact."). Awards are the
items of a list announced as awards or prizes, or what the jury "awards", "presents" or "gives" in a sentence. A
scale is a range a score or a mark is given on ("scored on a scale from 1 to 10", "marks out of 20"). Criteria of one
rubric stand under the same heading ("Feature Films"), so a festival with several rubrics gives one group each.
Weights are shown as the rules state them and never computed with: the notebook does not score films.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from assistant.answers.citations import make_citation
from assistant.library.units import Unit, clean_display
from assistant.schema import SEP, Chunk, Citation, Passage
from assistant.study.addressee import ROLE_WORDS, plain, subject_of
from assistant.study.rules import document_units
from assistant.text import stem, words

if TYPE_CHECKING:
    from assistant.notebook.rulebook import Rulebook

# A heading, lead-in or label that announces criteria (the general words of judging, not one festival's).
CRITERIA_CUE = re.compile(
    r"\b(?:criteri(?:a|on|um|ons)|rubrics?|judging|marking\s+scheme|scoring|score\s+sheets?|assessment)\b", re.I
)
_HEADER_WORD = re.compile(
    r"^(?:criteri(?:a|on|um)|categor(?:y|ies)|aspects?|elements?|weight(?:ing)?s?|%|total|points?|scores?|marks?)$",
    re.I,
)
# "judged on A, B and C", "assessed according to ...", "criteria are: ..."
_PROSE = re.compile(
    r"\b(?:judged|assessed|evaluated|scored|judge|judges|assess|assesses|evaluate|evaluates|score|scores)\s+(?:(?:the|all|each|every|their|its|entries|entry|films?|works?|submissions?|projects?)\s+){0,3}"
    r"(?:on|according\s+to|against|in\s+terms\s+of|based\s+on)\s+(?:the\s+following(?:\s+criteria)?\s*[:,]?\s*)?"
    r"(?P<list>[^.;]+)"
    r"|\bcriteria\s+(?:are|include|will\s+be|shall\s+be)\s*:?\s*(?P<list2>[^.;]+)",
    re.I,
)
_AWARD_CUE = re.compile(r"\b(?:awards?|prizes?|prix|trophy|trophies|mentions?|honou?rs?)\b", re.I)
_AWARD_WORD = re.compile(
    r"\b(?:award|prize|prix|trophy|trophies|mention|best|grand|golden|silver|bronze|honou?r|special)s?\b", re.I
)
# The jury's verb of giving, right after its subject or a modal ("It awards", "The jury will award", "and may
# award"); never the noun ("the awards", "the second award of ...").
_GIVE = re.compile(
    r"\b(?:it|they|jury|juries|jurors?|panel|members|president|judges|may|will|shall|can|also|then|and|to)\s+"
    r"(?:also\s+)?(?:awards?|presents?|gives?|confers?|grants?)\b",
    re.I,
)
# A sentence, not a name: a finite verb or a modal.
_VERBISH = re.compile(
    r"\b(?:must|shall|will|should|may|can|cannot|is|are|was|were|be|been|has|have|had|need|needs|does|do|"
    r"receives?|gets?|goes|includes?|consists?)\b",
    re.I,
)
_CUT = re.compile(r"\s+\|\s+|:\s|\s[–—-]\s|\s*\(|,\s|\s*\d{1,3}(?:[.,]\d+)?\s*%")
_PERCENT = re.compile(r"\b\d{1,3}(?:[.,]\d+)?\s*%")
_ROW = re.compile(r"^(?P<key>[^:;|]{1,40}):\s*(?P<value>[^;|]{1,120})(?:;\s*|$)")
_NUMBERING = re.compile(
    r"^(?:(?:section|article|part|chapter|annex|appendix)\s+)?(?:[\dIVXivx]+(?:\.\d+)*\.?)?\s*[—–:.-]?\s*", re.I
)
_LEADING = re.compile(r"^(?:(?:the|a|an|its|their|one|two|three|four|five|up\s+to)\s+)+", re.I)
_AWARD_FOR = re.compile(r"^(?:an?|the)\s+(?:award|prize)\s+for\s+(?:the\s+)?", re.I)
_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|;\s*|\s*&\s*(?=[A-Z][a-z]+\s*$)")
_SCALE_WORD = re.compile(r"\b(?:scales?|scored?|scores|scoring|marks?|marked|points?|rated?|rating|grade[sd]?)\b", re.I)
_RANGES = (
    re.compile(r"\bscale\s+(?:of|from)\s+(\d{1,3})\s*(?:to|-|–)\s*(\d{1,4})\b", re.I),
    re.compile(r"\b(\d{1,3})\s*(?:-|–|to)\s*(\d{1,4})[\s-]+(?:points?\s+)?scale\b", re.I),
    re.compile(r"\bfrom\s+(\d{1,3})\s+to\s+(\d{1,4})\b", re.I),
    re.compile(r"\bbetween\s+(\d{1,3})\s+and\s+(\d{1,4})\b", re.I),
    re.compile(r"\bout\s+of\s+(\d{1,4})\b", re.I),
)
_ROLE_STEMS = ROLE_WORDS["juror"] | {stem(w) for w in ("audience", "public", "committee", "festival", "organiser")}
MAX_NAME_WORDS = 7
MAX_NAME_CHARS = 70


@dataclass(frozen=True)
class Criterion:
    """One judging criterion: its name, the rubric it belongs to, where the rules state it (None: set by an
    organiser and found nowhere in the rules), its weight as stated, and what the rules say it covers."""

    name: str
    group: str = ""
    citation: Citation | None = None
    weight: str = ""
    help: str = ""
    by_organiser: bool = False

    @property
    def key(self) -> str:
        """How notes refer to the criterion: its name, folded (the same in every rubric that names it)."""
        return criterion_key(self.name)


@dataclass(frozen=True)
class Award:
    name: str
    citation: Citation | None = None
    by_organiser: bool = False


@dataclass(frozen=True)
class Scale:
    """The range a juror's own mark takes, as the rules give it ("1 to 10")."""

    low: float
    high: float
    citation: Citation | None = None
    by_organiser: bool = False

    @property
    def label(self) -> str:
        return f"{_num(self.low)}–{_num(self.high)}"

    def holds(self, value: float) -> bool:
        return self.low <= value <= self.high


@dataclass
class FestivalCriteria:
    """A festival's criteria (by rubric), awards and mark scale; `corrected` when an organiser changed them."""

    criteria: list[Criterion] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    scale: Scale | None = None
    corrected: bool = False

    def groups(self) -> list[str]:
        return list(dict.fromkeys(c.group for c in self.criteria))

    def of_group(self, group: str) -> list[Criterion]:
        return [c for c in self.criteria if c.group == group]

    def group_for(self, section: str) -> str:
        """The rubric for a film of this section: the group whose name shares a word with the section ("Short Film
        Competition" -> "Short Films"), the festival's only group, or the first one."""
        groups = self.groups()
        if not groups:
            return ""
        mine = {stem(w) for w in words(section.lower())}
        scored = [(len(mine & {stem(w) for w in words(g.lower())}), -i, g) for i, g in enumerate(groups)]
        best = max(scored)
        return best[2] if best[0] > 0 else groups[0]

    def to_dict(self) -> dict[str, Any]:
        def cite(c: Citation | None) -> dict[str, Any] | None:
            return c.to_dict() if c is not None else None

        return {
            "criteria": [
                {"name": c.name, "group": c.group, "weight": c.weight, "by_organiser": c.by_organiser}
                | {"citation": cite(c.citation)}
                for c in self.criteria
            ],
            "awards": [
                {"name": a.name, "by_organiser": a.by_organiser, "citation": cite(a.citation)} for a in self.awards
            ],
            "scale": None
            if self.scale is None
            else {"low": self.scale.low, "high": self.scale.high, "citation": cite(self.scale.citation)},
            "corrected": self.corrected,
        }


def criterion_key(name: str) -> str:
    return " ".join(words(name.lower())) or name.strip().lower()


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# ---------------------------------------------------------------- names
def _clean_name(text: str) -> str:
    name = _CUT.split(clean_display(text), maxsplit=1)[0]
    name = _AWARD_FOR.sub("", name.strip(" .;:*\"'“”‘’"))
    name = " ".join(name.split())
    if name.isupper() and len(name) > 3:
        name = name.title()
    return name


def is_name(name: str, max_words: int = MAX_NAME_WORDS) -> bool:
    """A short noun phrase ("Creativity & Originality", "Golden Lantern"), not a sentence or a header cell."""
    tokens = name.split()
    if not tokens or len(tokens) > max_words or len(name) > MAX_NAME_CHARS:
        return False
    if not name[0].isalpha() or _HEADER_WORD.match(name.strip()):
        return False
    return not _VERBISH.search(name)


def _headings(chunk: Chunk) -> list[str]:
    return [h.strip() for h in chunk.section.split(SEP) if h.strip()] if chunk.section else []


def group_title(chunk: Chunk) -> str:
    """The rubric a criterion belongs to: the deepest heading of its passage that is a name (not a bare clause
    number, a sentence or the word "criteria" itself), without its numbering ("Section 3 — Feature Films" ->
    "Feature Films")."""
    for heading in reversed(_headings(chunk)):
        title = _NUMBERING.sub("", heading).strip(" .:—–-")
        if not title or CRITERIA_CUE.search(title) or len(title.split()) > 8 or title[0].isdigit():
            continue
        return title
    return ""


def _cites(chunk: Chunk, unit: Unit) -> Citation:
    return make_citation(0, Passage(chunk=chunk, score=1.0), unit.text)


# ---------------------------------------------------------------- criteria
def _row_criterion(unit: Unit) -> tuple[str, str, str] | None:
    """(name, weight, help) of a table row read as "Criterion: Direction; Weight: 30%; What jurors look for: …"."""
    row = _ROW.match(unit.display)
    if not row or not re.match(r"^\s*criteri(?:a|on|um)\s*$", row.group("key"), re.I):
        return None
    rest = unit.display[row.end() :]
    weight = _PERCENT.search(rest)
    help_text = rest
    if weight:
        after = rest[weight.end() :].lstrip("; ")
        help_text = after
    help_text = re.sub(r"^[^:;]{1,40}:\s*", "", help_text).strip()
    return row.group("value").strip(), weight.group(0).replace(" ", "") if weight else "", help_text


def _item_criterion(unit: Unit, heading: str) -> tuple[str, str, str] | None:
    """(name, weight, help) of a list item or table row that stands under a heading or lead-in naming criteria."""
    if not unit.item:
        return None
    context = " ".join((unit.lead, unit.label, heading))
    if not CRITERIA_CUE.search(context):
        return None
    text = clean_display(unit.display)
    name = _clean_name(text)
    weight = _PERCENT.search(text)
    rest = text[len(name) :].lstrip(" |:–—-,(").strip()
    rest = _PERCENT.sub("", rest).strip(" |;,)")
    return name, weight.group(0).replace(" ", "") if weight else "", rest


def _prose_criteria(unit: Unit) -> list[str]:
    found = _PROSE.search(unit.display)
    if not found:
        return []
    listed = found.group("list") or found.group("list2") or ""
    names = []
    for part in _SPLIT.split(listed):
        name = _LEADING.sub("", part.strip(" :,")).strip()
        name = re.split(r"\s*\(", name, maxsplit=1)[0].strip()
        if not is_name(name, max_words=5):
            continue
        if {stem(w) for w in words(name.lower())} & _ROLE_STEMS:
            continue  # "judged by the jury and the audience": who judges, not on what
        names.append(name[:1].upper() + name[1:])
    return names if len(names) >= 2 else []


def derive_criteria(chunks: Iterable[Chunk]) -> list[Criterion]:
    """The judging criteria the rules state, in document order, one per name and rubric."""
    out: list[Criterion] = []
    seen: set[tuple[str, str]] = set()

    def add(name: str, group: str, chunk: Chunk, unit: Unit, weight: str = "", help_text: str = "") -> None:
        name = name.strip()
        if not is_name(name):
            return
        key = (group.lower(), criterion_key(name))
        if key in seen:
            return
        seen.add(key)
        out.append(Criterion(name, group, _cites(chunk, unit), weight, help_text))

    for _, chunk, unit in document_units(chunks):
        heading = _headings(chunk)[-1] if chunk.section else ""
        group = group_title(chunk)
        row = _row_criterion(unit) or _item_criterion(unit, heading)
        if row is not None:
            add(row[0], group, chunk, unit, row[1], row[2])
            continue
        for name in _prose_criteria(unit):
            add(name, group, chunk, unit)
    return out


# ---------------------------------------------------------------- awards
def _jury_speaks(sentence: str) -> bool:
    """Is the jury (or "it", "they") the subject of the sentence: its head noun, not a word inside it?"""
    subject = words(subject_of(plain(sentence)).lower())
    if not subject:
        return False
    return stem(subject[-1]) in ROLE_WORDS["juror"] or subject == ["it"] or subject == ["they"]


def _award_name(text: str) -> str:
    name = _LEADING.sub("", _clean_name(text)).strip()
    name = re.sub(r"\s+(?:as well|also|too)$", "", name, flags=re.I)
    return name[:1].upper() + name[1:] if name else ""


def _announces_awards(text: str) -> bool:
    """A heading, lead-in or label that announces awards (a festival's or academy's name is not an award)."""
    return bool(_AWARD_CUE.search(plain(text)))


def derive_awards(chunks: Iterable[Chunk], skip: frozenset[str] = frozenset()) -> list[Award]:
    """The awards the rules say the jury gives, in document order, each once: the items of a list announced as
    awards (or whose items name awards), the headings that follow a lead-in announcing them, and what the jury
    "awards", "presents" or "gives" in a sentence. `skip`: rule items ("document#position") that speak to entrants
    (the categories one enters a film for, with their fees, are not what the jury gives)."""
    out: list[Award] = []
    seen: set[str] = set()

    def add(name: str, chunk: Chunk, unit: Unit, named: bool = False) -> None:
        if not is_name(name, max_words=9) or not name[0].isupper() or name.split()[0].lower() == "to":
            return
        if named and not _AWARD_WORD.search(name):
            return
        key = criterion_key(name)
        if key not in seen:
            seen.add(key)
            out.append(Award(name, _cites(chunk, unit)))

    listed = list(document_units(chunks))
    # Items of one list that name awards themselves ("Award for Best Director (...)"), when at least two do.
    award_items: dict[tuple[str, int], int] = {}
    for _, chunk, unit in listed:
        if unit.item and _AWARD_WORD.search(_award_name(unit.display)):
            award_items[(chunk.id, unit.group)] = award_items.get((chunk.id, unit.group), 0) + 1
    announced: str | None = None  # the document whose last lead-in announced awards (its next headings name them)
    for n, chunk, unit in listed:
        if f"{chunk.source}#{n}" in skip:
            continue
        heading = _headings(chunk)[-1] if chunk.section else ""
        if announced == chunk.source and unit.position == 0 and heading and not unit.item:
            if _NUMBERING.sub("", heading) != heading:  # "Article 4": the list of awards has ended
                announced = None
            else:
                add(_award_name(heading), chunk, unit)
        elif announced != chunk.source or unit.position == 0 or unit.item:
            announced = None
        if unit.item and _announces_awards(" ".join((unit.lead, unit.label, heading))):
            add(_award_name(unit.display), chunk, unit)
            continue
        if unit.item and award_items.get((chunk.id, unit.group), 0) >= 2:
            add(_award_name(unit.display), chunk, unit, named=True)
            continue
        text = unit.display
        if text.rstrip().endswith(":") and _announces_awards(text) and _GIVE.search(text):
            announced = chunk.source
            continue
        for piece in _GIVE.split(text)[1:] if _GIVE.search(text) and _jury_speaks(text) else []:
            piece = re.split(r"\b(?:if|when|unless|provided|in|at|to|for\s+(?:a|an|the|each|every))\b", piece)[0]
            for part in _SPLIT.split(piece):
                part = re.sub(r"\([^)]*\)", "", part).strip(" .:;,")
                capital = re.search(r"\b[A-Z]", part)
                if capital is not None:
                    add(_award_name(part[capital.start() :]), chunk, unit, named=True)
    return out


# ---------------------------------------------------------------- scale
def derive_scale(chunks: Iterable[Chunk]) -> Scale | None:
    """The range a mark is given on, from the first rule that states one (a rule naming a scale first)."""
    found: list[tuple[int, int, Scale]] = []
    for n, (_, chunk, unit) in enumerate(document_units(chunks)):
        text = unit.display
        if not _SCALE_WORD.search(text):
            continue
        for rank, pattern in enumerate(_RANGES):
            match = pattern.search(text)
            if not match:
                continue
            low, high = (
                (0.0, float(match.group(1)))
                if match.lastindex == 1
                else (
                    float(match.group(1)),
                    float(match.group(2)),
                )
            )
            if low < high <= 1000 and high >= 3:
                preferred = 0 if re.search(r"\bscales?\b", text, re.I) else 1
                found.append((preferred * 10 + rank, n, Scale(low, high, _cites(chunk, unit))))
            break
    return min(found, key=lambda f: (f[0], f[1]))[2] if found else None


def derive(chunks: Sequence[Chunk], entrants: frozenset[str] = frozenset()) -> FestivalCriteria:
    """Criteria, awards and scale as the rules state them (no organiser correction); `entrants`: the rule items
    ("document#position") that speak to those who enter films."""
    return FestivalCriteria(derive_criteria(chunks), derive_awards(chunks, entrants), derive_scale(chunks))


# ---------------------------------------------------------------- organiser corrections
def corrected(derived: FestivalCriteria, corrections: dict[str, Any], rulebook: Rulebook | None) -> FestivalCriteria:
    """The organiser's corrections applied: a criterion or award the rules name keeps its citation; one they do not
    name is cited from the rule closest in meaning, if one is close, else shown as set by the organiser."""
    if not corrections:
        return derived
    out = FestivalCriteria(list(derived.criteria), list(derived.awards), derived.scale, corrected=True)
    if "criteria" in corrections:
        known = {(c.group.lower(), c.key): c for c in derived.criteria}
        by_name = {c.key: c for c in derived.criteria}
        criteria = []
        for entry in corrections["criteria"]:
            name, group = str(entry.get("name", "")).strip(), str(entry.get("group", "")).strip()
            if not name:
                continue
            hit = known.get((group.lower(), criterion_key(name))) or by_name.get(criterion_key(name))
            if hit is not None:
                criteria.append(replace(hit, name=name, group=group))
            else:
                criteria.append(Criterion(name, group, _closest(rulebook, name), by_organiser=True))
        out.criteria = criteria
    if "awards" in corrections:
        known_awards = {criterion_key(a.name): a for a in derived.awards}
        awards = []
        for name in corrections["awards"]:
            name = str(name).strip()
            if not name:
                continue
            hit_award = known_awards.get(criterion_key(name))
            awards.append(
                replace(hit_award, name=name) if hit_award else Award(name, _closest(rulebook, name), by_organiser=True)
            )
        out.awards = awards
    if "scale" in corrections:
        value = corrections["scale"]
        if not value:
            out.scale = None
        else:
            low, high = float(value["low"]), float(value["high"])
            same = derived.scale is not None and (derived.scale.low, derived.scale.high) == (low, high)
            out.scale = derived.scale if same else Scale(low, high, None, by_organiser=True)
    return out


def _closest(rulebook: Rulebook | None, name: str) -> Citation | None:
    if rulebook is None:
        return None
    found = rulebook.similar(name, k=1, min_similarity=0.55)
    return found[0].rule.citation if found else None
