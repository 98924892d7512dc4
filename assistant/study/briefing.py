"""The briefing "What you must know before day one": one festival's rules for a juror, each one cited.

Items are the festival's rule items (`assistant.rules`: sentences and list items with their lead-in). Each is sorted
by who it is for (`assistant.addressee`): the juror's rules come first, by theme (a theme is chosen by meaning, one
per rule; a rule close to no theme goes by what it does: must, must not, may); then what makes a film eligible; then,
folded away, the appendix of rules for entrants and the festival office. Passages replaced by an amendment are left
out in favour of the amending text; near-duplicate rules (restated in a glossary or FAQ) are merged into one item.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.schema import Citation

if TYPE_CHECKING:
    pass
from assistant.study.sentences import by_place, where

KEY_ITEMS = 6


@dataclass(frozen=True)
class Theme:
    key: str
    title: str
    group: str
    terms: tuple[str, ...] = ()  # words of the theme, a small addition to its meaning score
    addressee: str = "juror"


JUROR_GROUP = "Your duties and powers as a juror"
FILM_GROUP = "What makes a film eligible"
APPENDIX_GROUP = "Appendix: for entrants and the festival office"
GROUPS = (JUROR_GROUP, FILM_GROUP, APPENDIX_GROUP)

# The juror's themes (general to any festival jury; their prototype sentences are in assistant/data/study.json),
# then what a rule that fits none of them does: oblige, forbid or permit.
THEMES: tuple[Theme, ...] = (
    Theme("attendance", "Attendance and screenings", JUROR_GROUP, ("attend", "screening", "absence", "late", "missed")),
    Theme("conduct", "Press, social media and gifts", JUROR_GROUP, ("press", "interview", "social", "post", "gift")),
    Theme("conflicts", "Conflicts of interest", JUROR_GROUP, ("conflict", "interest", "declare", "recuse", "link")),
    Theme("confidentiality", "Confidentiality", JUROR_GROUP, ("confidential", "disclose", "reveal", "secret")),
    Theme("voting", "How the jury decides", JUROR_GROUP, ("vote", "ballot", "majority", "quorum", "deliberation")),
    Theme("awards", "What the jury awards", JUROR_GROUP, ("award", "prize", "mention", "ex aequo")),
    Theme("composition", "Who sits on the jury", JUROR_GROUP),
    Theme("duties", "Other things you must do", JUROR_GROUP),
    Theme("prohibitions", "Other things you must never do", JUROR_GROUP),
    Theme("powers", "What else you may do", JUROR_GROUP),
    Theme("practical", "Schedule, travel and practical matters", JUROR_GROUP, ("hotel", "travel", "badge", "schedule")),
    Theme("other", "Other rules about the jury", JUROR_GROUP),
    Theme("eligibility", "What makes a film eligible", FILM_GROUP, addressee="film"),
    Theme("administration", "Entry, delivery and the festival office", APPENDIX_GROUP, addressee="entrant"),
)
THEME_BY_KEY = {t.key: t for t in THEMES}
MEANING_THEMES = (
    "attendance",
    "conduct",
    "conflicts",
    "confidentiality",
    "voting",
    "awards",
    "composition",
    "practical",
)
BY_MODALITY = {
    "obligation": "duties",
    "prohibition": "prohibitions",
    "restriction": "prohibitions",
    "permission": "powers",
    "statement": "other",
}
OTHER = THEME_BY_KEY["other"]
MODALITY_LABEL = {"obligation": "Must", "prohibition": "Must not", "permission": "May", "restriction": "Only"}


@dataclass
class BriefingItem:
    """One rule, one sentence or list item, with the citation that proves it and who it is for."""

    text: str
    citation: Citation
    theme: str
    modal: bool
    score: float = 0.0
    key: bool = False
    also: list[Citation] = field(default_factory=list)
    note: str = ""
    addressee: str = "juror"  # juror, film or entrant (see assistant/addressee.py)
    modality: str = "statement"  # obligation, prohibition, permission, restriction or statement
    ref: str = ""  # "document#position" of the rule item (assistant/rules.py)
    also_refs: list[str] = field(default_factory=list)  # the restatements merged into this item
    joined: bool = False  # shown with the sentence it refers back to (assistant.study.rules): never asked alone
    label: str = ""  # a list item's lead-in or heading ("Judging Criteria"); "" for prose
    own: str = ""  # its own words, without the lead-in or heading

    @property
    def quotes(self) -> list[str]:
        return [self.citation.quote] + [c.quote for c in self.also]

    @property
    def badge(self) -> str:
        """ "Must", "Must not" or "May" for a juror's rule; nothing for a statement or another addressee's rule."""
        return MODALITY_LABEL.get(self.modality, "") if self.addressee == "juror" else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.citation.n,
            "text": self.text,
            "theme": self.theme,
            "key": self.key,
            "note": self.note,
            "addressee": self.addressee,
            "modality": self.modality,
            "ref": self.ref,
            "citation": self.citation.to_dict()
            | {"chunk_id": self.citation.chunk_id, "effective_date": self.citation.effective_date},
            "also": [c.to_dict() | {"chunk_id": c.chunk_id} for c in self.also],
        }


@dataclass
class BriefingSection:
    theme: Theme
    items: list[BriefingItem]

    @property
    def key_items(self) -> list[BriefingItem]:
        return [i for i in self.items if i.key]

    @property
    def more_items(self) -> list[BriefingItem]:
        return [i for i in self.items if not i.key]


@dataclass
class Briefing:
    title: str
    subtitle: str
    signature: str
    sections: list[BriefingSection]
    build_ms: float = 0.0
    festival: str = ""  # the festival's key when the briefing is of one festival

    def items(self) -> list[BriefingItem]:
        return [i for s in self.sections for i in s.items]

    def group_sections(self, group: str) -> list[BriefingSection]:
        return [s for s in self.sections if s.theme.group == group]

    def juror_items(self) -> list[BriefingItem]:
        """The items of the juror section (the briefing's first part)."""
        return [i for s in self.group_sections(JUROR_GROUP) for i in s.items]

    def citations(self) -> list[Citation]:
        return [i.citation for i in self.items()]

    def is_empty(self) -> bool:
        return not self.items()

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "festival": self.festival,
            "sections": [
                {
                    "theme": s.theme.key,
                    "title": s.theme.title,
                    "group": s.theme.group,
                    "items": [i.to_dict() for i in s.items],
                }
                for s in self.sections
            ],
        }

    def to_markdown(self, more: bool = True, appendix: bool = True) -> str:
        """The briefing as Markdown: the juror's rules by theme (key rules, then 'More rules like this'), what makes a
        film eligible, the entrants' appendix, then the sources."""
        out = [f"# {self.title}", "", f"_{self.subtitle}_", ""]
        shown: list[BriefingItem] = []
        group = None
        for section in self.sections:
            if section.theme.group == APPENDIX_GROUP and not appendix:
                continue
            if section.theme.group != group:
                group = section.theme.group
                out += [f"## {group}", ""]
                if group == APPENDIX_GROUP:
                    out += [
                        "_Rules for those who enter films and for the festival office; a juror rarely needs them._",
                        "",
                    ]
            if section.theme.title != group:
                out += [f"### {section.theme.title}", ""]
            keys = section.key_items if more or section.key_items else section.items
            out += [_md_item(i) for i in keys]
            shown += keys
            if more and section.more_items and section.key_items:
                out += ["", f"**More rules like this ({len(section.more_items)})**", ""]
                out += [_md_item(i) for i in section.more_items]
                shown += section.more_items
            elif more and section.more_items:
                out += [_md_item(i) for i in section.more_items]
                shown += section.more_items
            out.append("")
        out += ["## Sources", ""]
        out += [f"- {line}" for line in by_place([i.citation for i in shown])]
        return "\n".join(out).rstrip() + "\n"

    def to_html(self, more: bool = True) -> str:
        """A self-contained printable page (print stylesheet, no scripts, no external assets); the appendix folded."""
        parts = [
            "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
            f"<title>{html.escape(self.title)}</title>",
            "<style>body{font:11pt/1.45 Georgia,serif;max-width:46em;margin:2em auto;color:#111}"
            "h1{font-size:20pt;margin-bottom:0}h2{font-size:14pt;border-bottom:1px solid #999;margin-top:1.6em}"
            "h3{font-size:12pt;margin-bottom:.3em}li{margin:.25em 0}.src{color:#555;font-size:9pt}.note{color:#7a3e00;font-size:9pt}"
            ".badge{font:bold 8pt sans-serif;color:#fff;background:#444;border-radius:3px;padding:0 .3em;margin-right:.3em}"
            "details summary{cursor:pointer;color:#333}@media print{details{display:block}details>summary{list-style:none}"
            "a{color:#111;text-decoration:none}h2,h3{page-break-after:avoid}li{page-break-inside:avoid}}</style></head><body>",
            f"<h1>{html.escape(self.title)}</h1><p><em>{html.escape(self.subtitle)}</em></p>",
        ]
        group = None
        for section in self.sections:
            if section.theme.group != group:
                if group == APPENDIX_GROUP:
                    parts.append("</details>")
                group = section.theme.group
                if group == APPENDIX_GROUP:
                    parts.append(f"<details><summary><strong>{html.escape(group)}</strong></summary>")
                else:
                    parts.append(f"<h2>{html.escape(group)}</h2>")
            if section.theme.title != group:
                parts.append(f"<h3>{html.escape(section.theme.title)}</h3>")
            parts.append("<ul>")
            parts += [_html_item(i) for i in (section.key_items or section.items)]
            parts.append("</ul>")
            if more and section.more_items and section.key_items:
                parts.append(f"<details open><summary>More rules like this ({len(section.more_items)})</summary><ul>")
                parts += [_html_item(i) for i in section.more_items]
                parts.append("</ul></details>")
        if group == APPENDIX_GROUP:
            parts.append("</details>")
        parts.append("</body></html>")
        return "".join(parts)


def _md_item(item: BriefingItem) -> str:
    note = f" _({item.note})_" if item.note else ""
    also = f" Also stated in: {'; '.join(where(c) for c in item.also)}." if item.also else ""
    badge = f"**{item.badge}:** " if item.badge else ""
    return f"- {badge}{item.text} [{item.citation.n}]{note}{also}"


def _html_item(item: BriefingItem) -> str:
    note = f" <span class='note'>({html.escape(item.note)})</span>" if item.note else ""
    badge = f"<span class='badge'>{html.escape(item.badge)}</span>" if item.badge else ""
    return (
        f"<li>{badge}{html.escape(item.text)} <strong>[{item.citation.n}]</strong>{note}<br>"
        f"<span class='src'>{html.escape(where(item.citation))}</span></li>"
    )
