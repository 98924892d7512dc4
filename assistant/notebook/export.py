"""A juror's notebook to keep: Markdown and a printable PDF (fpdf2, the briefing's fonts).

The export holds the juror's own words, the festival's criteria with their citations, the checklist before
deliberation and the sources. It follows the film list's order and never sorts by mark. Every value a juror or an
organiser typed is made safe: a cell that would start a spreadsheet formula gets an apostrophe (`safe_cell`), and
markup characters are escaped in Markdown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from assistant.notebook.checks import STATUS_LABEL, Checklist, Numbering, build_checks
from assistant.notebook.criteria import Criterion, FestivalCriteria
from assistant.notebook.entries import FilmNotes, JurorEntries
from assistant.notebook.films import Film, safe_cell
from assistant.notebook.rulebook import Rulebook
from assistant.schema import Citation
from assistant.study.printable import start_pdf
from assistant.study.sentences import where

NO_VERDICT_NOTE = "Your own notes; the notebook never ranks films, compares marks or sums up merits."


@dataclass
class ExportModel:
    """Everything an export shows, built once for both formats."""

    title: str
    subtitle: str
    films: list[tuple[Film | None, FilmNotes, list[Criterion]]]
    criteria: FestivalCriteria
    criteria_refs: dict[int, int]  # id(criterion or award or scale) -> citation number
    checklist: Checklist
    citations: list[Citation]


def _text(value: str) -> str:
    """A typed value as Markdown shows it: formula-safe, with markup characters escaped."""
    safe = safe_cell(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in ("\\", "*", "_", "`", "#", "|"):
        safe = safe.replace(ch, "\\" + ch)
    return safe.replace("](", "]\\(")  # a typed [text](address) is shown, never made a link


def build_model(
    juror: str,
    festival_name: str,
    films: Sequence[Film],
    entries: JurorEntries,
    criteria: FestivalCriteria,
    rulebook: Rulebook,
    when: datetime | None = None,
) -> ExportModel:
    numbering = Numbering()
    refs: dict[int, int] = {}
    for thing in [*criteria.criteria, *criteria.awards, criteria.scale]:
        citation = getattr(thing, "citation", None)
        if citation is not None:
            refs[id(thing)] = numbering.cite(citation)
    checklist = build_checks(films, entries, rulebook, numbering)
    listed = {f.key for f in films}
    rows: list[tuple[Film | None, FilmNotes, list[Criterion]]] = []
    for film in films:
        notes = entries.of(film.key)
        group = notes.rubric if notes.rubric in criteria.groups() else criteria.group_for(film.section)
        rows.append((film, notes, criteria.of_group(group)))
    for key, notes in entries.films.items():  # films an organiser has since taken off the list
        if key not in listed and not notes.empty:
            rows.append((None, notes, [c for c in criteria.criteria if c.key in notes.criteria]))
    stamp = (when or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    return ExportModel(
        f"My notebook — {festival_name}" if festival_name else "My notebook",
        f"Private notes of {juror}, exported {stamp}. {NO_VERDICT_NOTE}",
        rows,
        criteria,
        refs,
        checklist,
        numbering.citations,
    )


def _seen(notes: FilmNotes) -> str:
    if not notes.seen:
        return "not yet"
    how = {"screening": "at a screening", "screener": "on a screener"}.get(notes.how, "")
    return ", ".join(x for x in ("yes", notes.seen_on, how) if x)


def _conflict(notes: FilmNotes) -> str:
    if not notes.conflict:
        return "none declared"
    return f"declared: {notes.conflict_note}" if notes.conflict_note else "declared"


def _film_title(film: Film | None, notes: FilmNotes) -> str:
    return film.label if film is not None else f"{notes.film} (no longer on the film list)"


def _criteria_lines(model: ExportModel, markdown: bool) -> list[str]:
    c = model.criteria
    out = []
    if not c.criteria:
        out.append("The loaded rules state no judging criteria: your notes are free notes.")
    for group in c.groups():
        names = ", ".join(
            f"{_text(x.name) if markdown else x.name}{f' ({x.weight})' if x.weight else ''}"
            + (f" [{model.criteria_refs[id(x)]}]" if id(x) in model.criteria_refs else " (set by the organisers)")
            for x in c.of_group(group)
        )
        out.append(f"{(_text(group) if markdown else group) + ': ' if group else ''}{names}")
    if c.awards:
        awards = ", ".join(
            (_text(a.name) if markdown else a.name)
            + (f" [{model.criteria_refs[id(a)]}]" if id(a) in model.criteria_refs else "")
            for a in c.awards
        )
        out.append(f"Awards the jury gives: {awards}")
    if c.scale is not None:
        ref = f" [{model.criteria_refs[id(c.scale)]}]" if id(c.scale) in model.criteria_refs else ""
        out.append(f"Your own mark, if any, on the rules' scale {c.scale.label}{ref}")
    return out


def to_markdown(model: ExportModel) -> str:
    out = [f"# {_text(model.title)}", "", f"_{_text(model.subtitle)}_", "", "## Criteria", ""]
    out += [f"- {line}" for line in _criteria_lines(model, markdown=True)]
    out += ["", "## Films", ""]
    for film, notes, criteria in model.films:
        out += [f"### {_text(_film_title(film, notes))}", ""]
        out.append(f"- Seen: {_text(_seen(notes))}")
        out.append(f"- Conflict of interest: {_text(_conflict(notes))}")
        if notes.mark:
            out.append(f"- My mark (mine alone): {_text(notes.mark)}")
        for criterion in criteria:
            text = notes.criteria.get(criterion.key, "").strip()
            if text:
                out.append(f"- **{_text(criterion.name)}**: {_text(text)}")
        for key, text in notes.criteria.items():
            if text.strip() and all(c.key != key for c in criteria):
                out.append(f"- **{_text(key)}**: {_text(text)}")
        if notes.free.strip():
            out.append(f"- **Notes**: {_text(notes.free)}")
        out.append("")
    out += ["## Before deliberation", ""]
    for item in model.checklist.items:
        out += [f"### {_text(item.title)} ({STATUS_LABEL[item.status]})", "", _text(item.summary)]
        out += [f"- {_text(line)}" for line in item.lines]
        out += [f"> “{_text(r.quote)}” [{r.n}]" for r in item.rules]
        out.append("")
    out += ["## Sources", ""]
    out += [f"{c.n}. {_text(where(c))}: “{_text(c.quote)}”" for c in model.citations]
    return "\n".join(out).rstrip() + "\n"


def to_pdf(model: ExportModel, font: Path | None = None) -> bytes:
    from fpdf.enums import XPos, YPos

    pdf, family, clean = start_pdf(model.title, font)

    def line(text: str, size: float = 10, style: str = "", gap: float = 1.0, colour: int = 20) -> None:
        pdf.set_font(family, style, size)
        pdf.set_text_color(colour)
        pdf.multi_cell(pdf.epw, size * 0.5, clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(gap)

    line(model.title, 18, "B")
    line(model.subtitle, 9, gap=4, colour=70)
    line("Criteria", 14, "B")
    for text in _criteria_lines(model, markdown=False):
        line(text, 10, gap=1.2)
    pdf.ln(2)
    line("Films", 14, "B")
    v = safe_cell  # every value typed by a juror or an organiser
    for film, notes, criteria in model.films:
        line(v(_film_title(film, notes)), 12, "B", gap=0.5)
        line(f"Seen: {_seen(notes)}.  Conflict of interest: {v(_conflict(notes))}.", 9, gap=0.5, colour=60)
        if notes.mark:
            line(f"My mark (mine alone): {notes.mark}", 9, gap=0.5, colour=60)
        for criterion in criteria:
            text = notes.criteria.get(criterion.key, "").strip()
            if text:
                line(f"{v(criterion.name)}: {v(text)}", 10, gap=0.5)
        for key, text in notes.criteria.items():
            if text.strip() and all(c.key != key for c in criteria):
                line(f"{v(key)}: {v(text)}", 10, gap=0.5)
        if notes.free.strip():
            line(f"Notes: {v(notes.free)}", 10, gap=0.5)
        pdf.ln(2)
    line("Before deliberation", 14, "B")
    for item in model.checklist.items:
        line(f"{item.title} ({STATUS_LABEL[item.status]})", 11, "B", gap=0.3)
        line(item.summary, 10, gap=0.3)
        for text in item.lines:
            line(f"- {v(text)}", 9, gap=0.3)
        for r in item.rules:
            line(f"“{r.quote}” [{r.n}]", 9, gap=0.3, colour=60)
        pdf.ln(1.5)
    line("Sources", 14, "B")
    for c in model.citations:
        line(f"[{c.n}] {where(c)}", 8, gap=0.6, colour=90)
    return bytes(pdf.output())
