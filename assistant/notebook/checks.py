"""Before deliberation: what the rules require of a juror and where this juror stands, each item quoting its rule.

Items: the films the rules require a juror to see and not yet marked seen; the conflicts of interest the rules
define, and for each conflict the juror declared the rule closest to what they wrote; confidentiality; contact with
the press, filmmakers and social media; how the jury votes and breaks ties. A topic the loaded rules do not address is
said to be missing, never filled in from elsewhere. Nothing here compares, ranks or sums up the juror's notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from assistant.notebook.entries import JurorEntries
from assistant.notebook.films import Film
from assistant.notebook.rulebook import Found, Rule, Rulebook
from assistant.schema import Citation

# What an item asks of the juror: something to do, done, worth knowing, or not addressed by the rules.
TODO, DONE, ATTENTION, INFO, MISSING = "todo", "done", "attention", "info", "missing"
SHOW_FILMS = 12


class Numbering:
    """Numbers the citations of one output [1], [2], ...; the same rule quoted twice keeps its number."""

    def __init__(self) -> None:
        self.citations: list[Citation] = []
        self._index: dict[tuple[str, str], int] = {}

    def cite(self, citation: Citation) -> int:
        key = (citation.chunk_id or citation.source, citation.quote)
        if key not in self._index:
            self.citations.append(replace(citation, n=len(self.citations) + 1))
            self._index[key] = len(self.citations)
        return self._index[key]


@dataclass
class Quoted:
    """A rule as an item quotes it: its words, their citation number."""

    n: int
    quote: str


@dataclass
class CheckItem:
    key: str
    title: str
    status: str
    summary: str
    lines: list[str] = field(default_factory=list)  # per film or per rule, each ending with its [n]
    rules: list[Quoted] = field(default_factory=list)


@dataclass
class Checklist:
    items: list[CheckItem]
    citations: list[Citation]

    def item(self, key: str) -> CheckItem:
        return next(i for i in self.items if i.key == key)

    def to_markdown(self) -> str:
        out = []
        for item in self.items:
            out.append(f"### {item.title} ({STATUS_LABEL[item.status]})")
            out.append("")
            out.append(item.summary)
            out += [f"- {line}" for line in item.lines]
            out += [f"> “{r.quote}” [{r.n}]" for r in item.rules]
            out.append("")
        return "\n".join(out)


STATUS_LABEL = {
    TODO: "to do",
    DONE: "done",
    ATTENTION: "declared",
    INFO: "keep in mind",
    MISSING: "not in the rules",
}


def _names(films: Sequence[Film]) -> str:
    shown = [f.title for f in films[:SHOW_FILMS]]
    more = len(films) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _quote(numbering: Numbering, found: Sequence[Found]) -> list[Quoted]:
    return [Quoted(numbering.cite(f.rule.citation), f.rule.text) for f in found]


def my_films(films: Sequence[Film], entries: JurorEntries) -> list[Film]:
    """The films of the section the juror judges (all films when they chose none, or the section is gone)."""
    if entries.section and any(f.section == entries.section for f in films):
        return [f for f in films if f.section == entries.section]
    return list(films)


def build_checks(
    films: Sequence[Film], entries: JurorEntries, rulebook: Rulebook, numbering: Numbering | None = None
) -> Checklist:
    """The checklist for one juror and festival, its rules numbered in order of appearance (continuing
    `numbering` when the checklist is part of a longer document)."""
    numbering = numbering or Numbering()
    mine = my_films(films, entries)
    items = [
        _attendance(mine, entries, rulebook, numbering),
        _conflicts(mine, entries, rulebook, numbering),
        _plain("confidentiality", "Confidentiality", rulebook, numbering, "confidentiality"),
        _plain("contact", "Press, filmmakers and social media", rulebook, numbering, "contact with the press"),
        _voting(rulebook, numbering),
    ]
    return Checklist(items, numbering.citations)


def _attendance(films: list[Film], entries: JurorEntries, rulebook: Rulebook, numbering: Numbering) -> CheckItem:
    title = "Films you must see"
    rules = rulebook.find("attendance", 2)
    unseen = [f for f in films if not entries.of(f.key).seen]
    quoted = _quote(numbering, rules)
    if not films:
        return CheckItem(
            "attendance",
            title,
            INFO if rules else MISSING,
            "No film list has been loaded for this festival yet: the organisers load it on the Library page.",
            rules=quoted,
        )
    refs = "".join(f" [{q.n}]" for q in quoted)
    if not rules:
        summary = "The loaded rules do not say that a juror must see every film. " + (
            f"Not marked seen: {_names(unseen)}." if unseen else "You have marked every film seen."
        )
        return CheckItem("attendance", title, MISSING, summary)
    if unseen:
        summary = f"The rules require you to see the films{refs}. Not marked seen yet ({len(unseen)} of {len(films)}):"
        return CheckItem("attendance", title, TODO, summary, [f.label for f in unseen], quoted)
    return CheckItem("attendance", title, DONE, f"You have marked all {len(films)} films seen{refs}.", rules=quoted)


def _conflicts(films: list[Film], entries: JurorEntries, rulebook: Rulebook, numbering: Numbering) -> CheckItem:
    title = "Conflicts of interest"
    rules = rulebook.find("conflicts", 3)
    declared = [f for f in films if entries.of(f.key).conflict]
    if not rules:
        summary = "The loaded rules do not define a conflict of interest; ask the jury coordinator if in doubt."
        lines = [f"You declared a conflict for {f.title}." for f in declared]
        return CheckItem("conflicts", title, MISSING, summary, lines)
    among: list[Rule] = [f.rule for f in rules]
    quoted = _quote(numbering, rules)
    lines = []
    for film in declared:
        note = entries.of(film.key).conflict_note
        closest = rulebook.closest(note or film.title, among) or rules[0]
        n = numbering.cite(closest.rule.citation)
        said = f"you noted “{note}”" if note else "you declared a conflict"
        lines.append(f"{film.title}: {said}; the rule says “{closest.rule.text}” [{n}]")
    refs = "".join(f" [{q.n}]" for q in quoted)
    others = len(films) - len(declared)
    if declared:
        summary = f"You declared a conflict for {len(declared)} film(s). What the rules say of it{refs}:"
        if others:
            lines.append(f"No conflict declared for the other {others} film(s): declare one if a rule above applies.")
        return CheckItem("conflicts", title, ATTENTION, summary, lines, quoted)
    summary = (
        f"No conflict declared for any of the {len(films)} films. Check each against the rules{refs} and declare one "
        "if it applies."
        if films
        else f"The rules on conflicts of interest{refs}:"
    )
    return CheckItem("conflicts", title, DONE if films else INFO, summary, rules=quoted)


def _plain(key: str, title: str, rulebook: Rulebook, numbering: Numbering, what: str) -> CheckItem:
    rules = rulebook.find(key, 2)
    if not rules:
        return CheckItem(key, title, MISSING, f"The loaded rules say nothing on {what}; ask the jury coordinator.")
    return CheckItem(key, title, INFO, "Keep in mind:", rules=_quote(numbering, rules))


def _voting(rulebook: Rulebook, numbering: Numbering) -> CheckItem:
    rules = jury_decision_rules(rulebook)
    if not rules:
        return CheckItem(
            "voting",
            "How the jury votes and breaks ties",
            MISSING,
            "The loaded rules do not say how the jury votes or breaks a tie; the President or the festival will.",
        )
    return CheckItem(
        "voting", "How the jury votes and breaks ties", INFO, "How the jury decides:", rules=_quote(numbering, rules)
    )


def jury_decision_rules(rulebook: Rulebook) -> list[Found]:
    """How the jury decides: the best voting rules and the tie-break rule, each once."""
    found: list[Found] = []
    for f in rulebook.find("voting", 2) + rulebook.find("ties", 1):
        if all(f.rule.key != g.rule.key for g in found):
            found.append(f)
    return found
