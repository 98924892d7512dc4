"""What a juror writes about a film, as fields of the notes journal (`assistant.notebook.store`).

Fields of a film: `seen` (whether, when, and how: at a screening or on a screener), `note:<criterion>` (the juror's
own words on one criterion), `note` (free notes), `mark` (an optional mark on the scale the rules give, for the
juror alone), `conflict` (declared or not, and what it is), `rubric` (which of the festival's rubrics the juror uses
for the film). The juror's own settings for a festival (`section`: the competition they judge) sit on film "".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from assistant.errors import NotebookError
from assistant.notebook.criteria import Scale, criterion_key
from assistant.notebook.store import Change

SEEN = "seen"
NOTE = "note"
NOTE_PREFIX = "note:"
MARK = "mark"
CONFLICT = "conflict"
RUBRIC = "rubric"
SECTION = "section"  # on film "": the section (competition) the juror judges; "" for all films
HOW = ("screening", "screener")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class FilmNotes:
    """The latest value of each of a film's fields."""

    film: str
    seen: bool = False
    seen_on: str = ""
    how: str = ""
    criteria: dict[str, str] = field(default_factory=dict)  # criterion key -> the juror's words
    free: str = ""
    mark: str = ""
    conflict: bool = False
    conflict_note: str = ""
    rubric: str = ""
    updated: str = ""

    @property
    def written(self) -> bool:
        return bool(self.free.strip() or any(v.strip() for v in self.criteria.values()))

    @property
    def empty(self) -> bool:
        return not (self.seen or self.written or self.mark or self.conflict or self.conflict_note)


@dataclass
class JurorEntries:
    """One juror's notebook for one festival: notes by film key, and their settings."""

    films: dict[str, FilmNotes] = field(default_factory=dict)
    section: str = ""

    def of(self, film: str) -> FilmNotes:
        return self.films.get(film) or FilmNotes(film)


def _json(value: str) -> dict[str, object]:
    try:
        data = json.loads(value)
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def read_entries(latest: dict[str, dict[str, tuple[str, str]]]) -> JurorEntries:
    """The juror's notebook from the journal's latest rows (`NoteStore.latest`)."""
    out = JurorEntries()
    for film, fields in latest.items():
        if film == "":
            out.section = fields.get(SECTION, ("", ""))[0]
            continue
        notes = FilmNotes(film)
        for name, (value, at) in fields.items():
            notes.updated = max(notes.updated, at)
            if name == SEEN:
                data = _json(value)
                notes.seen = bool(data.get("seen"))
                notes.seen_on = str(data.get("date") or "")
                notes.how = str(data.get("how") or "")
            elif name == CONFLICT:
                data = _json(value)
                notes.conflict = bool(data.get("declared"))
                notes.conflict_note = str(data.get("note") or "")
            elif name.startswith(NOTE_PREFIX):
                notes.criteria[name[len(NOTE_PREFIX) :]] = value
            elif name == NOTE:
                notes.free = value
            elif name == MARK:
                notes.mark = value
            elif name == RUBRIC:
                notes.rubric = value
        out.films[film] = notes
    return out


# ---------------------------------------------------------------- changes
def seen_change(film: str, seen: bool, date: str = "", how: str = "") -> Change:
    date = date.strip()
    if date and not _DATE.match(date):
        raise NotebookError(f"the date {date!r} is not a date like 2027-06-11")
    if how and how not in HOW:
        raise NotebookError(f"seen {how!r}? say 'screening' or 'screener'")
    value = {"seen": bool(seen), "date": date if seen else "", "how": how if seen else ""}
    return Change(film, SEEN, json.dumps(value))


def note_change(film: str, criterion: str, text: str) -> Change:
    """The juror's words on one criterion (criterion "" : free notes)."""
    name = NOTE_PREFIX + criterion_key(criterion) if criterion.strip() else NOTE
    return Change(film, name, text.rstrip())


def mark_change(film: str, mark: str, scale: Scale | None) -> Change:
    """A mark for the juror alone, on the rules' scale ("" clears it)."""
    text = mark.strip()
    if text:
        if scale is None:
            raise NotebookError("the rules give no scale for marks, so the notebook keeps notes only (no mark)")
        try:
            value = float(text.replace(",", "."))
        except ValueError:
            raise NotebookError(f"the mark {text!r} is not a number on the scale {scale.label}") from None
        if not scale.holds(value):
            raise NotebookError(f"the mark {text} is outside the rules' scale {scale.label}")
        text = str(int(value)) if value.is_integer() else f"{value:g}"
    return Change(film, MARK, text)


def conflict_change(film: str, declared: bool, note: str = "") -> Change:
    return Change(film, CONFLICT, json.dumps({"declared": bool(declared), "note": note.strip()}))


def rubric_change(film: str, rubric: str) -> Change:
    return Change(film, RUBRIC, rubric)


def section_change(section: str) -> Change:
    return Change("", SECTION, section)
