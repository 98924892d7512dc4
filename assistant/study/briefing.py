"""The briefing "What you must know before day one": one festival's rules for a juror, each one cited.

Items are the festival's rule items (`assistant.study.rules`: sentences and list items with their lead-in). Each is sorted
by who it is for (`assistant.study.addressee`): the juror's rules come first, by theme (a theme is chosen by meaning, one
per rule; a rule close to no theme goes by what it does: must, must not, may); then what makes a film eligible; then,
folded away, the appendix of rules for entrants and the festival office. Passages replaced by an amendment are left
out in favour of the amending text; near-duplicate rules (restated in a glossary or FAQ) are merged into one item.
"""

from __future__ import annotations

import html
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.answers.citations import make_citation
from assistant.answers.retrieval import clause_numbers
from assistant.library.ingestion import unit_id
from assistant.schema import Chunk, Citation, Passage
from assistant.study.addressee import AddresseeClassifier, RuleText, modality, study_data
from assistant.study.rules import RuleItem, rule_items
from assistant.text import content_terms, numbers, split_sentences, strip_clause_number

if TYPE_CHECKING:
    from assistant.answers.assistant import Assistant
    from assistant.study.festivals import Festival

# Words that make a sentence a rule: obligations, prohibitions, permissions, deadlines and limits.
MODAL = re.compile(
    r"\b(must|shall|may|cannot|can\s?not|required?|requires|prohibited|forbidden|not\s+permitted|(?:is|are)\s+permitted|"
    r"not\s+allowed|(?:is|are)\s+allowed|mandatory|compulsory|obliged|entitled|expected\s+to|no\s+later\s+than|"
    r"at\s+the\s+latest|at\s+least|at\s+most|only\s+(?:if|when|after)|until\s+after|should|needs?\s+to|has\s+to|have\s+to)\b",
    re.I,
)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"\b\d{{1,2}}\s+(?:{_MONTHS})(?:\s+\d{{4}})?\b|\b(?:{_MONTHS})\s+\d{{1,2}}(?:,\s*\d{{4}})?\b")
CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b(?!\.\d)")
CONTACT = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?\d[\d ()-]{6,}\d")
AMOUNT = re.compile(
    r"(?:EUR|USD|GBP|CHF|€|\$|£)\s?\d|\d\s?(?:%|per\s?cent)|\b\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\b",
    re.I,
)
# Authority order when one rule is stated twice: explanatory documents yield to the governing text.
EXPLANATORY_KINDS = ("glossary", "faq", "letter", "guide")
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
BY_MODALITY = {"obligation": "duties", "prohibition": "prohibitions", "permission": "powers", "statement": "other"}
OTHER = THEME_BY_KEY["other"]
MODALITY_LABEL = {"obligation": "Must", "prohibition": "Must not", "permission": "May"}


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
    modality: str = "statement"  # obligation, prohibition, permission or statement
    ref: str = ""  # "document#position" of the rule item (assistant/rules.py)
    also_refs: list[str] = field(default_factory=list)  # the restatements merged into this item

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
        for item in shown:
            out.append(f"{item.citation.n}. {where(item.citation)}")
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


def where(c: Citation) -> str:
    page = f", p. {c.page}" if c.page else ""
    section = f" § {c.section}" if c.section else ""
    return f"{c.title} ({c.source}){section}{page}"


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


def is_rule(sentence: str) -> bool:
    return len(sentence.split()) >= 5 and not sentence.endswith("?") and bool(MODAL.search(sentence))


def is_fact(sentence: str) -> bool:
    """A sentence a juror would want in a briefing for its date, time, amount or contact."""
    if len(sentence.split()) < 5 or sentence.endswith("?"):
        return False
    return bool(DATE.search(sentence) or CLOCK.search(sentence) or CONTACT.search(sentence) or AMOUNT.search(sentence))


_CONTINUATION = re.compile(r"^(?:This|These|That|Those|Such|It|The same)\b")


_NUMBER_ONLY = re.compile(r"^(?:(?:article|clause|art\.|section|rule)\s+)?\d{1,3}(?:\.\d{1,3})*[.)]?\s+(?=\S)", re.I)


def without_number(sentence: str) -> str:
    """The sentence without its clause number and heading label, unless the 'label' is itself a rule."""
    stripped = strip_clause_number(sentence)
    if stripped != sentence and MODAL.search(sentence[: len(sentence) - len(stripped)]):
        return _NUMBER_ONLY.sub("", sentence, count=1)
    return stripped


def rule_units(text: str, facts: bool = False) -> list[tuple[str, bool]]:
    """(item text, is-modal) pairs: a rule sentence plus a following 'This ...' sentence that explains it."""
    sentences = [without_number(s) for s in passage_sentences(text)]
    if sentences and not re.search(r"[.!?;:)\"”’]$", sentences[-1]):
        sentences.pop()  # a sentence cut off at the end of a passage is not a rule anyone can quote whole
    out: list[tuple[str, bool]] = []
    i = 0
    while i < len(sentences):
        s = sentences[i]
        modal = is_rule(s)
        if modal or (facts and is_fact(s)):
            if (
                i + 1 < len(sentences)
                and _CONTINUATION.match(sentences[i + 1])
                and len(s.split()) + len(sentences[i + 1].split()) <= 60
            ):
                s = f"{s} {sentences[i + 1]}"
                modal = modal or is_rule(sentences[i + 1])
                i += 1
            out.append((s, modal))
        i += 1
    return out


# ---------------------------------------------------------------- building


@dataclass
class _Candidate:
    text: str
    quote: str
    chunk: Chunk
    passage: Passage
    modal: bool
    terms: frozenset[str]
    nums: frozenset[str]
    addressee: str = "juror"
    modality: str = "statement"
    theme: str = "other"
    score: float = 0.0
    ref: str = ""
    note: str = ""
    also: list[_Candidate] = field(default_factory=list)
    twins: list[str] = field(default_factory=list)


def _authority(c: _Candidate) -> tuple[int, int]:
    """Lower is stronger: amending text first, explanatory documents last."""
    kind = c.chunk.kind.lower()
    return (0 if kind == "amendment" else 2 if kind in EXPLANATORY_KINDS else 1, c.chunk.index)


def build_briefing(
    assistant: Assistant, key_items: int = KEY_ITEMS, festival: Festival | None = None, name: str = ""
) -> Briefing:
    """Build the briefing of one festival (or of the whole library) as it is now; call again after it changes."""
    started = time.perf_counter()
    retriever = assistant.retriever
    lex = retriever.lexical()
    signature = lex.signature
    wanted = set(festival.sources) if festival is not None else None
    chunks = [c for c in lex.chunks if wanted is None or c.source in wanted]
    title = "What you must know before day one"
    if not chunks:
        return Briefing(
            title, "The library is empty: an organiser needs to load the festival's rules first.", signature, []
        )

    # Rules in force: a passage an amendment replaces gives way to the amending passage.
    replaced: dict[str, Chunk] = {}
    replaces: dict[str, list[str]] = {}
    for chunk in chunks:
        amending = [c for c in retriever.amendments_for(chunk, lex) if wanted is None or c.source in wanted]
        if amending:
            newest = max(amending, key=lambda c: c.effective_date or "")
            replaced[chunk.id] = newest
            label = sorted(clause_numbers(chunk.section), key=len)[-1]
            replaces.setdefault(newest.id, []).append(f"{chunk.title} {label}")

    items = [i for i in rule_items(chunks) if i.chunk.id not in replaced]
    vectors = _unit_vectors(assistant, items)
    classifier = _classifier(assistant)
    evidence = classifier.classify(
        [RuleText(i.text, i.unit.lead, i.heading, i.source) for i in items], vectors if len(items) else None
    )
    theme_scores = _theme_scores(assistant, items, vectors)

    passages: dict[str, Passage] = {}
    candidates: list[_Candidate] = []
    for row, (item, ev) in enumerate(zip(items, evidence, strict=True)):
        chunk = item.chunk
        passage = passages.get(chunk.id)
        if passage is None:
            passage = Passage(chunk=chunk, score=1.0)
            if chunk.id in replaces:
                when = f"in force from {chunk.effective_date}; " if chunk.effective_date else ""
                passage.note = f"{when}replaces {', '.join(replaces[chunk.id])}"
            passages[chunk.id] = passage
        kind = ev.kind
        mode = modality(item.unit.display)
        if kind == "juror":
            key, score = _juror_theme(theme_scores[row], mode)
        else:
            key, score = ("eligibility" if kind == "film" else "administration"), 0.0
        candidates.append(
            _Candidate(
                item.text,
                item.quote,
                chunk,
                passage,
                mode != "statement",
                frozenset(content_terms(item.text)),
                frozenset(numbers(item.text)),
                kind,
                mode,
                key,
                score,
                item.ref,
                passage.note,
            )
        )

    merged = _merge_duplicates(candidates)
    sections = _group(merged, key_items)
    n = 0
    out_sections = []
    for theme, members in sections:
        built = []
        for cand, is_key in members:
            n += 1
            citation = make_citation(n, cand.passage, cand.quote)
            also = [make_citation(n, d.passage, d.quote) for d in cand.also]
            built.append(
                BriefingItem(
                    cand.text,
                    citation,
                    theme.key,
                    cand.modal,
                    round(cand.score, 4),
                    is_key,
                    also,
                    cand.note,
                    cand.addressee,
                    cand.modality,
                    cand.ref,
                    [d.ref for d in cand.also] + cand.twins,
                )
            )
        out_sections.append(BriefingSection(theme, built))

    if not name:
        if festival is not None:
            name = festival.label
        else:
            top = Counter(c.festival for c in chunks if c.festival).most_common(1)
            edition = Counter(c.edition for c in chunks if c.edition).most_common(1)
            name = " ".join(x for x in (top[0][0] if top else "", edition[0][0] if edition else "") if x)
    subtitle = (
        f"{name}: the rules a new juror needs, each quoted from the festival's documents."
        if name
        else "The rules a new juror needs, each quoted from the festival's documents."
    )
    return Briefing(
        title,
        subtitle,
        signature,
        out_sections,
        (time.perf_counter() - started) * 1000,
        festival.key if festival is not None else "",
    )


def _juror_theme(scores: dict[str, float], mode: str) -> tuple[str, float]:
    """The juror theme a rule's meaning is closest to; a rule close to none goes by what it does (must, must not,
    may). One theme per rule."""
    w = study_data()["themes"]
    best = max(scores, key=lambda k: scores[k])
    if scores[best] >= w["min_similarity"]:
        return best, scores[best]
    return BY_MODALITY[mode], scores[best]


_PROTOTYPES: dict[int, tuple[tuple[str, ...], np.ndarray]] = {}
_CLASSIFIERS: dict[int, AddresseeClassifier] = {}


def _classifier(assistant: Assistant) -> AddresseeClassifier:
    """One classifier per embedding model: the prototypes are encoded once."""
    embeddings = assistant.library.embeddings
    if id(embeddings) not in _CLASSIFIERS:
        _CLASSIFIERS[id(embeddings)] = AddresseeClassifier(embeddings.encode)
    return _CLASSIFIERS[id(embeddings)]


def _theme_scores(assistant: Assistant, items: list[RuleItem], vectors: np.ndarray) -> list[dict[str, float]]:
    """Each rule's score for each juror theme: the best cosine to the theme's prototype sentences, plus a little for
    the theme's own words."""
    w = study_data()["themes"]
    protos = study_data()["juror_themes"]
    embeddings = assistant.library.embeddings
    cached = _PROTOTYPES.get(id(embeddings))
    texts = tuple(t for key in MEANING_THEMES for t in protos[key])
    if cached is None or cached[0] != texts:
        cached = (texts, np.asarray(embeddings.encode(list(texts)), dtype=np.float32))
        _PROTOTYPES[id(embeddings)] = cached
    matrix = cached[1]
    sims = vectors @ matrix.T if len(items) else np.zeros((0, len(texts)))
    out = []
    for row, item in enumerate(items):
        terms = set(content_terms(item.text))
        col = 0
        per: dict[str, float] = {}
        for key in MEANING_THEMES:
            width = len(protos[key])
            vocabulary = {t for term in THEME_BY_KEY[key].terms for t in content_terms(term)}
            overlap = min(1.0, len(terms & vocabulary) / 2)
            per[key] = w["meaning"] * float(sims[row, col : col + width].max()) + w["words"] * overlap
            col += width
        out.append(per)
    return out


def _unit_vectors(assistant: Assistant, items: list[RuleItem]) -> np.ndarray:
    """The vectors ingestion made for these units with this process's backend (no re-embedding); a unit without
    one is encoded now."""
    store = assistant.library.store
    embedder = assistant.library.embeddings.identity
    ids = [unit_id(i.chunk.id, i.unit.position) for i in items]
    stored: dict[str, tuple[str, np.ndarray]] = {}
    for start in range(0, len(ids), 500):
        stored.update(store.unit_vectors(ids[start : start + 500], embedder))
    missing = [
        n for n, (uid, item) in enumerate(zip(ids, items, strict=True)) if stored.get(uid, ("",))[0] != item.text
    ]
    fresh = (
        np.asarray(assistant.library.embeddings.encode([items[n].text for n in missing]), dtype=np.float32)
        if missing
        else None
    )
    if not items:
        return np.zeros((0, 1), dtype=np.float32)
    dim = fresh.shape[1] if fresh is not None else len(next(iter(stored.values()))[1])
    out = np.zeros((len(items), dim), dtype=np.float32)
    for n, uid in enumerate(ids):
        if uid in stored and stored[uid][0] == items[n].text:
            out[n] = stored[uid][1]
    if fresh is not None:
        out[missing] = fresh
    return out


def _similar(a: _Candidate, b: _Candidate) -> bool:
    if a.nums != b.nums or not a.terms or not b.terms:
        return False
    if normalise(a.text).lower() == normalise(b.text).lower():
        return True
    return len(a.terms & b.terms) / len(a.terms | b.terms) >= 0.7


def _merge_duplicates(candidates: list[_Candidate]) -> list[_Candidate]:
    """One item per rule: the most authoritative statement keeps the others as 'also stated in'."""
    ordered = sorted(candidates, key=_authority)
    kept: list[_Candidate] = []
    by_term: dict[str, list[int]] = {}
    for cand in ordered:
        pool = {i for t in cand.terms for i in by_term.get(t, [])}
        match = next((kept[i] for i in sorted(pool) if _similar(kept[i], cand)), None)
        if match is not None:
            if cand.chunk.id != match.chunk.id or cand.text != match.text:
                match.also.append(cand)
            else:
                match.twins.append(cand.ref)  # the same line printed twice in one passage: shown once
            continue
        kept.append(cand)
        for t in cand.terms:
            by_term.setdefault(t, []).append(len(kept) - 1)
    return kept


def _group(items: list[_Candidate], key_items: int) -> list[tuple[Theme, list[tuple[_Candidate, bool]]]]:
    """Sections in the order of THEMES; the strongest rules of each juror theme are its key items (the others keep
    the documents' order, so related rules read together)."""
    buckets: dict[str, list[_Candidate]] = {t.key: [] for t in THEMES}
    for item in items:
        buckets[item.theme].append(item)
    out = []
    for t in THEMES:
        members = buckets[t.key]
        if not members:
            continue
        in_doc_order = sorted(members, key=lambda c: (c.chunk.source.lower(), c.chunk.index, c.ref))
        if t.group != JUROR_GROUP:
            out.append((t, [(c, False) for c in in_doc_order]))
            continue
        ranked = sorted(
            members,
            key=lambda c: (-(c.score + (0.1 if c.modal else 0.0) + (0.05 if c.nums else 0.0)), _authority(c)),
        )
        keys = {id(c) for c in ranked[:key_items]}
        out.append(
            (
                t,
                [(c, True) for c in ranked[:key_items]] + [(c, False) for c in in_doc_order if id(c) not in keys],
            )
        )
    return out
