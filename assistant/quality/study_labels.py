"""The labelled check of study mode: hand labels of rule items (addressee and theme) against what the briefing does.

Labels name each item by document and position (`RuleItem.ref`, "file#12") with a fingerprint of its words, never
by its text, so a fixture of a third party's regulations holds none of their words. When the splitting of passages
changes, a sentence keeps its words but may change its position: a label whose fingerprint is found once elsewhere in
its document follows its sentence there (reported as relocated, `scripts/study_labels.py --repair` rewrites it); a
label whose words are nowhere in the document is reported as moved, never compared with another sentence.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import GoldenSetError
from assistant.study.rules import document_units, fingerprint

if TYPE_CHECKING:
    from assistant.answers.retrieval import HybridRetriever
    from assistant.library.library import Library
    from assistant.study.briefing import Briefing

ADDRESSEES = ("juror", "film", "entrant")


@dataclass(frozen=True)
class Label:
    library: str
    item: str  # "document#position"
    fingerprint: str
    addressee: str
    theme: str


def load_labels(path: Path) -> list[Label]:
    """Labels from a JSON Lines file ({"library", "item", "fingerprint", "addressee", "theme"} a line)."""
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            label = Label(
                str(data["library"]),
                str(data["item"]),
                str(data["fingerprint"]),
                str(data["addressee"]),
                str(data["theme"]),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise GoldenSetError(str(path), n, f"not a label line ({exc})") from exc
        if label.addressee not in ADDRESSEES:
            raise GoldenSetError(str(path), n, f"addressee {label.addressee!r} is not one of {', '.join(ADDRESSEES)}")
        out.append(label)
    return out


@dataclass
class LabelCheck:
    """How the briefing's sorting agrees with the hand labels of one library."""

    labelled: int = 0
    agreed: int = 0
    juror_section: int = 0  # labelled items the briefing puts in the juror section
    juror_section_juror: int = 0  # ... of which labelled juror-addressed
    theme_labelled: int = 0  # items labelled juror and sorted juror
    theme_agreed: int = 0
    moved: list[str] = field(default_factory=list)  # labels whose sentence is no longer in its document
    relocated: dict[str, str] = field(default_factory=dict)  # label's item -> where its sentence is now
    not_shown: list[str] = field(default_factory=list)  # labelled sentences the briefing does not show as rules
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (label, sorted as) -> count

    @property
    def agreement(self) -> float:
        return self.agreed / self.labelled if self.labelled else 0.0

    @property
    def juror_share(self) -> float:
        return self.juror_section_juror / self.juror_section if self.juror_section else 0.0

    @property
    def theme_agreement(self) -> float:
        return self.theme_agreed / self.theme_labelled if self.theme_labelled else 0.0

    def add(self, other: LabelCheck) -> LabelCheck:
        return LabelCheck(
            self.labelled + other.labelled,
            self.agreed + other.agreed,
            self.juror_section + other.juror_section,
            self.juror_section_juror + other.juror_section_juror,
            self.theme_labelled + other.theme_labelled,
            self.theme_agreed + other.theme_agreed,
            self.moved + other.moved,
            self.relocated | other.relocated,
            self.not_shown + other.not_shown,
            self.confusion + other.confusion,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "labelled": self.labelled,
            "addressee_agreement": round(self.agreement, 4),
            "juror_section_items": self.juror_section,
            "juror_section_juror_share": round(self.juror_share, 4),
            "theme_agreement": round(self.theme_agreement, 4),
            "theme_labelled": self.theme_labelled,
            "moved": self.moved,
            "relocated": self.relocated,
            "not_shown": self.not_shown,
            "confusion": {f"{a}->{b}": n for (a, b), n in sorted(self.confusion.items())},
        }


def sorted_items(briefing: Briefing) -> dict[str, tuple[str, str]]:
    """{item ref: (addressee, theme)} for every rule of a briefing, merged restatements included."""
    out: dict[str, tuple[str, str]] = {}
    for item in briefing.items():
        for ref in [item.ref, *item.also_refs]:  # a restatement (or a sentence shown with it) is placed with the rule
            if ref:
                out.setdefault(ref, (item.addressee, item.theme))
    return out


def locate(labels: list[Label], chunks: Any) -> tuple[dict[str, str], list[str]]:
    """({label's item: where its sentence is now}, [labels whose sentence is gone]) over a library's passages: the
    labelled position when its fingerprint matches, else the unit of the same document with that fingerprint (the
    nearest one when the document writes the sentence twice)."""
    by_doc: dict[str, dict[str, list[int]]] = {}
    at: dict[str, str] = {}
    for position, chunk, unit in document_units(chunks):
        mark = fingerprint(unit)
        by_doc.setdefault(chunk.source, {}).setdefault(mark, []).append(position)
        at[f"{chunk.source}#{position}"] = mark
    found: dict[str, str] = {}
    gone: list[str] = []
    for label in labels:
        if at.get(label.item) == label.fingerprint:
            found[label.item] = label.item
            continue
        document = label.item.rsplit("#", 1)[0]
        places = by_doc.get(document, {}).get(label.fingerprint, [])
        if places:  # a sentence written twice ("When: ...") is the occurrence nearest to where it was labelled
            was = int(label.item.rsplit("#", 1)[1])
            found[label.item] = f"{document}#{min(places, key=lambda p: (abs(p - was), p))}"
        else:
            gone.append(label.item)
    return found, gone


def check_labels(
    library: Library, retriever: HybridRetriever, labels: list[Label], briefing: Briefing | None = None
) -> LabelCheck:
    """Compare the library's briefing (of the whole library unless one is given) with the labels."""
    from assistant.study.build import build_briefing

    built = briefing if briefing is not None else build_briefing(library, retriever)
    placed = sorted_items(built)
    found, gone = locate(labels, retriever.lexical().chunks)
    check = LabelCheck(moved=gone)
    for label in labels:
        ref = found.get(label.item)
        if ref is None:
            continue
        if ref != label.item:
            check.relocated[label.item] = ref
        got = placed.get(ref)
        if got is None:  # not shown as a rule (a fragment, or replaced by an amendment)
            check.not_shown.append(ref)
            continue
        addressee, theme = got
        check.labelled += 1
        check.agreed += addressee == label.addressee
        check.confusion[(label.addressee, addressee)] += 1
        if addressee == "juror":
            check.juror_section += 1
            check.juror_section_juror += label.addressee == "juror"
            if label.addressee == "juror":
                check.theme_labelled += 1
                check.theme_agreed += theme == label.theme
    return check
