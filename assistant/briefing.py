"""The briefing "What you must know before day one": the library's rules, grouped by theme, each one cited.

Items are rule sentences (must, shall, may not, deadlines, amounts...) found two ways: retrieval with
generic theme queries, and a scan of every passage for modal sentences, so that no rule is lost because
no query happened to match it. Passages replaced by an amendment are left out in favour of the amending
text; near-duplicate sentences (a rule restated in a glossary or FAQ) are merged into one item.
"""

from __future__ import annotations

import html
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from assistant.citations import make_citation
from assistant.retrieval import clause_numbers
from assistant.schema import Chunk, Citation, Passage
from assistant.text import content_terms, numbers, split_sentences, strip_clause_number

if TYPE_CHECKING:
    from assistant.assistant import Assistant

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
    queries: tuple[str, ...]
    terms: tuple[str, ...]


# Generic themes of any festival jury's rules (not the wording of one corpus).
THEMES: tuple[Theme, ...] = (
    Theme(
        "attendance",
        "Attendance and screenings",
        "Your obligations",
        (
            "attend every competition screening on time",
            "missed screening, absence, arriving late and catching up",
            "behaviour in the theatre during screenings",
        ),
        (
            "attend",
            "attendance",
            "screening",
            "screenings",
            "absence",
            "absent",
            "late",
            "arrive",
            "missed",
            "seat",
            "punctuality",
            "phone",
        ),
    ),
    Theme(
        "press",
        "Press and media",
        "What you must never do",
        (
            "interviews with journalists and the press about competition films",
            "public statements and speaking for the jury",
        ),
        ("press", "interview", "interviews", "journalist", "journalists", "media", "statement", "spokesperson"),
    ),
    Theme(
        "social",
        "Social media",
        "What you must never do",
        ("posting opinions, reviews or ratings of films on social media", "photos, recordings and posts online"),
        ("social", "post", "posts", "publish", "online", "platform", "review", "reviews", "rating", "photograph"),
    ),
    Theme(
        "gifts",
        "Gifts and hospitality",
        "What you must never do",
        ("accepting gifts, hospitality or benefits from filmmakers", "value limit for gifts and declaring gifts"),
        ("gift", "gifts", "hospitality", "benefit", "meal", "meals", "invitation", "cash", "voucher"),
    ),
    Theme(
        "conflicts",
        "Conflicts of interest",
        "What you must never do",
        ("declare a conflict of interest with a competition film", "recusal from the discussion and vote on a film"),
        ("conflict", "interest", "link", "declare", "declaration", "recuse", "recusal", "impartial", "impartiality"),
    ),
    Theme(
        "confidentiality",
        "Confidentiality",
        "What you must never do",
        (
            "confidentiality of deliberations, votes and positions",
            "disclosing results before the announcement, embargo",
        ),
        ("confidential", "confidentiality", "disclose", "reveal", "embargo", "embargoed", "secret"),
    ),
    Theme(
        "voting",
        "Deliberation and voting",
        "How the jury decides",
        (
            "how the jury deliberates and votes on the awards",
            "ballot, majority, quorum, rounds and ties",
            "minutes of the deliberation",
        ),
        (
            "deliberation",
            "deliberations",
            "vote",
            "votes",
            "voting",
            "ballot",
            "ballots",
            "majority",
            "quorum",
            "round",
            "tie",
            "minutes",
            "abstain",
        ),
    ),
    Theme(
        "awards",
        "Awards and criteria",
        "How the jury decides",
        ("the awards the jury gives and the prize money", "judging criteria, weights and scores of films"),
        ("award", "awards", "prize", "criteria", "criterion", "score", "scores", "weight", "rubric", "mention"),
    ),
    Theme(
        "dates",
        "Key dates and contacts",
        "Dates and people",
        (
            "key dates, times and deadlines for jurors",
            "schedule of the briefing, deliberations and awards ceremony",
            "contact the jury coordinator by phone or e-mail",
        ),
        (
            "date",
            "deadline",
            "schedule",
            "contact",
            "phone",
            "e-mail",
            "email",
            "coordinator",
            "office",
            "ceremony",
            "briefing",
        ),
    ),
)
OTHER = Theme("other", "Other rules and practical matters", "Everything else", (), ())


@dataclass
class BriefingItem:
    """One rule, one or two sentences, with the citation that proves it."""

    text: str
    citation: Citation
    theme: str
    modal: bool
    score: float = 0.0
    key: bool = False
    also: list[Citation] = field(default_factory=list)
    note: str = ""

    @property
    def quotes(self) -> list[str]:
        return [self.citation.quote] + [c.quote for c in self.also]

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.citation.n,
            "text": self.text,
            "theme": self.theme,
            "key": self.key,
            "note": self.note,
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

    def items(self) -> list[BriefingItem]:
        return [i for s in self.sections for i in s.items]

    def citations(self) -> list[Citation]:
        return [i.citation for i in self.items()]

    def is_empty(self) -> bool:
        return not self.items()

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "subtitle": self.subtitle,
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

    def to_markdown(self, more: bool = True) -> str:
        """The briefing as Markdown: key rules per theme, then 'More rules like this', then the sources."""
        out = [f"# {self.title}", "", f"_{self.subtitle}_", ""]
        group = None
        for section in self.sections:
            if section.theme.group != group:
                group = section.theme.group
                out += [f"## {group}", ""]
            out += [f"### {section.theme.title}", ""]
            out += [_md_item(i) for i in section.key_items]
            if more and section.more_items and section.key_items:
                out += ["", f"**More rules like this ({len(section.more_items)})**", ""]
                out += [_md_item(i) for i in section.more_items]
            elif more and section.more_items:
                out += [_md_item(i) for i in section.more_items]
            out.append("")
        out += ["## Sources", ""]
        for item in self.items() if more else [i for s in self.sections for i in s.key_items]:
            out.append(f"{item.citation.n}. {where(item.citation)}")
        return "\n".join(out).rstrip() + "\n"

    def to_html(self, more: bool = True) -> str:
        """A self-contained printable page (print stylesheet, no scripts, no external assets)."""
        parts = [
            "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
            f"<title>{html.escape(self.title)}</title>",
            "<style>body{font:11pt/1.45 Georgia,serif;max-width:46em;margin:2em auto;color:#111}"
            "h1{font-size:20pt;margin-bottom:0}h2{font-size:14pt;border-bottom:1px solid #999;margin-top:1.6em}"
            "h3{font-size:12pt;margin-bottom:.3em}li{margin:.25em 0}.src{color:#555;font-size:9pt}.note{color:#7a3e00;font-size:9pt}"
            "details summary{cursor:pointer;color:#333}@media print{details{display:block}details>summary{list-style:none}"
            "a{color:#111;text-decoration:none}h2,h3{page-break-after:avoid}li{page-break-inside:avoid}}</style></head><body>",
            f"<h1>{html.escape(self.title)}</h1><p><em>{html.escape(self.subtitle)}</em></p>",
        ]
        group = None
        for section in self.sections:
            if section.theme.group != group:
                group = section.theme.group
                parts.append(f"<h2>{html.escape(group)}</h2>")
            parts.append(f"<h3>{html.escape(section.theme.title)}</h3><ul>")
            parts += [_html_item(i) for i in section.key_items]
            parts.append("</ul>")
            if more and section.more_items:
                label = "More rules like this" if section.key_items else "Rules"
                parts.append(f"<details open><summary>{label} ({len(section.more_items)})</summary><ul>")
                parts += [_html_item(i) for i in section.more_items]
                parts.append("</ul></details>")
        parts.append("</body></html>")
        return "".join(parts)


def where(c: Citation) -> str:
    page = f", p. {c.page}" if c.page else ""
    section = f" § {c.section}" if c.section else ""
    return f"{c.title} ({c.source}){section}{page}"


def _md_item(item: BriefingItem) -> str:
    note = f" _({item.note})_" if item.note else ""
    also = f" Also stated in: {'; '.join(where(c) for c in item.also)}." if item.also else ""
    return f"- {item.text} [{item.citation.n}]{note}{also}"


def _html_item(item: BriefingItem) -> str:
    note = f" <span class='note'>({html.escape(item.note)})</span>" if item.note else ""
    return f"<li>{html.escape(item.text)} <strong>[{item.citation.n}]</strong>{note}<br><span class='src'>{html.escape(where(item.citation))}</span></li>"


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
    chunk: Chunk
    passage: Passage
    modal: bool
    scores: dict[str, float]
    terms: frozenset[str]
    nums: frozenset[str]
    note: str = ""
    also: list[_Candidate] = field(default_factory=list)


def _authority(c: _Candidate) -> tuple[int, int]:
    """Lower is stronger: amending text first, explanatory documents last."""
    kind = c.chunk.kind.lower()
    return (0 if kind == "amendment" else 2 if kind in EXPLANATORY_KINDS else 1, c.chunk.index)


def build_briefing(assistant: Assistant, key_items: int = KEY_ITEMS, k: int = 8) -> Briefing:
    """Build the briefing from the library as it is now (call again after the library changes)."""
    started = time.perf_counter()
    retriever = assistant.retriever
    lex = retriever.lexical()
    signature = lex.signature
    chunks = lex.chunks
    if not chunks:
        return Briefing(
            "What you must know before day one",
            "The library is empty: an organiser needs to load the festival's rules first.",
            signature,
            [],
        )

    # Rules in force: a passage an amendment replaces gives way to the amending passage.
    replaced: dict[str, Chunk] = {}
    replaces: dict[str, list[str]] = {}
    for chunk in chunks:
        amending = retriever.amendments_for(chunk, lex)
        if amending:
            newest = max(amending, key=lambda c: c.effective_date or "")
            replaced[chunk.id] = newest
            label = sorted(clause_numbers(chunk.section), key=len)[-1]
            replaces.setdefault(newest.id, []).append(f"{chunk.title} {label}")

    themes = list(THEMES)
    theme_vectors = _theme_vectors(assistant, tuple(q for t in themes for q in t.queries))
    chunk_vectors = _chunk_vectors(assistant, [c.id for c in chunks])
    sims = chunk_vectors @ theme_vectors.T if len(chunk_vectors) else np.zeros((0, len(theme_vectors)))
    dense: dict[str, dict[str, float]] = {}
    for row, chunk in enumerate(chunks):
        col = 0
        per: dict[str, float] = {}
        for t in themes:
            per[t.key] = float(sims[row, col : col + len(t.queries)].max()) if len(chunk_vectors) else 0.0
            col += len(t.queries)
        dense[chunk.id] = per

    # Retrieval with the theme queries over the same index (stored vectors + BM25, rank-fused): which
    # passages each theme is about, and so which of their sentences with dates or amounts to keep.
    retrieved: dict[str, dict[str, float]] = {}
    col = 0
    for t in themes:
        for q in t.queries:
            for rank, row in enumerate(
                _hybrid_top(
                    sims[:, col] if len(chunk_vectors) else np.zeros(len(chunks)), lex.scores(content_terms(q)), k
                )
            ):
                chunk = chunks[row]
                if chunk.id in replaced:
                    continue
                slot = retrieved.setdefault(chunk.id, {})
                slot[t.key] = max(slot.get(t.key, 0.0), 1.0 - rank / (2 * k))
            col += 1

    theme_terms = {t.key: {w for term in t.terms for w in content_terms(term)} for t in themes}
    candidates: list[_Candidate] = []
    for chunk in chunks:
        if chunk.id in replaced:
            continue
        passage = Passage(chunk=chunk, score=1.0)
        if chunk.id in replaces:
            when = f"in force from {chunk.effective_date}; " if chunk.effective_date else ""
            passage.note = f"{when}replaces {', '.join(replaces[chunk.id])}"
        units = rule_units(chunk.text, facts=chunk.id in retrieved)
        for text, modal in units:
            terms = frozenset(content_terms(text))
            scores = {}
            for t in themes:
                lexical = min(1.0, len(terms & theme_terms[t.key]) / 2)
                scores[t.key] = (
                    dense[chunk.id][t.key] + 0.3 * lexical + 0.25 * retrieved.get(chunk.id, {}).get(t.key, 0.0)
                )
            candidates.append(
                _Candidate(text, chunk, passage, modal, scores, terms, frozenset(numbers(text)), note=passage.note)
            )

    items = _merge_duplicates(candidates)
    sections = _group(items, themes, key_items)
    n = 0
    out_sections = []
    for theme, members in sections:
        built = []
        ordered = [m for m in members if m[1]] + [m for m in members if not m[1]]
        for cand, is_key in ordered:
            n += 1
            citation = make_citation(n, cand.passage, cand.text)
            also = [make_citation(n, d.passage, d.text) for d in cand.also]
            built.append(
                BriefingItem(
                    cand.text,
                    citation,
                    theme.key,
                    cand.modal,
                    round(max(cand.scores.values()), 4),
                    is_key,
                    also,
                    cand.note,
                )
            )
        out_sections.append(BriefingSection(theme, built))

    festival = Counter(c.festival for c in chunks if c.festival).most_common(1)
    edition = Counter(c.edition for c in chunks if c.edition).most_common(1)
    name = " ".join(x for x in (festival[0][0] if festival else "", edition[0][0] if edition else "") if x)
    subtitle = (
        f"{name}: the rules a new juror needs, each quoted from the festival's documents."
        if name
        else "The rules a new juror needs, each quoted from the festival's documents."
    )
    return Briefing(
        "What you must know before day one", subtitle, signature, out_sections, (time.perf_counter() - started) * 1000
    )


def _hybrid_top(dense: np.ndarray, lexical: np.ndarray, k: int, rrf_k: int = 60) -> list[int]:
    """Reciprocal rank fusion of a dense and a BM25 ranking: the k best rows."""
    fused = np.zeros(len(dense), dtype=np.float64)
    for scores in (dense, lexical):
        if len(scores) and float(np.max(scores)) > 0:
            order = np.argsort(-scores)
            fused[order] += 1.0 / (rrf_k + 1 + np.arange(len(order)))
    return [int(i) for i in np.argsort(-fused)[:k] if fused[int(i)] > 0]


_THEME_VECTORS: dict[tuple[int, tuple[str, ...]], np.ndarray] = {}


def _theme_vectors(assistant: Assistant, queries: tuple[str, ...]) -> np.ndarray:
    """The theme queries are fixed text: embed them once per model, not once per build."""
    embeddings = assistant.library.embeddings
    key = (id(embeddings), queries)
    if key not in _THEME_VECTORS:
        _THEME_VECTORS[key] = np.asarray(embeddings.encode(list(queries)), dtype=np.float32)
    return _THEME_VECTORS[key]


def _chunk_vectors(assistant: Assistant, ids: list[str]) -> np.ndarray:
    """Stored passage vectors (no re-embedding): the briefing reuses what ingestion computed."""
    store = assistant.library.store
    vectors: dict[str, np.ndarray] = {}
    for start in range(0, len(ids), 500):
        got = store.chunks.get(ids=ids[start : start + 500], include=["embeddings"])
        for cid, vec in zip(got["ids"], got["embeddings"], strict=True):
            vectors[cid] = np.asarray(vec, dtype=np.float32)
    dim = len(next(iter(vectors.values()))) if vectors else 0
    return (
        np.stack([vectors.get(i, np.zeros(dim, dtype=np.float32)) for i in ids])
        if vectors
        else np.zeros((0, 0), dtype=np.float32)
    )


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
            continue
        kept.append(cand)
        for t in cand.terms:
            by_term.setdefault(t, []).append(len(kept) - 1)
    return kept


OTHER_BELOW = 0.35


def _dated(text: str) -> bool:
    return bool(DATE.search(text) or CLOCK.search(text) or CONTACT.search(text))


def _group(
    items: list[_Candidate], themes: list[Theme], key_items: int
) -> list[tuple[Theme, list[tuple[_Candidate, bool]]]]:
    """Each item goes to its best theme; the strongest rules of each theme are its key items."""
    buckets: dict[str, list[_Candidate]] = {t.key: [] for t in themes}
    other: list[_Candidate] = []
    for item in items:
        # 'Key dates and contacts' takes only sentences that hold a date, a time or a contact
        allowed = [t for t in themes if t.key != "dates" or _dated(item.text)]
        best = max(allowed, key=lambda t: item.scores[t.key])
        if item.scores[best.key] < OTHER_BELOW:
            other.append(item)
        else:
            buckets[best.key].append(item)
    out = []
    for t in themes:
        members = sorted(
            buckets[t.key],
            key=lambda c: (-(c.scores[t.key] + (0.1 if c.modal else 0.0) + (0.05 if c.nums else 0.0)), _authority(c)),
        )
        if not members:
            continue
        keys = {id(c) for c in members[:key_items]}
        # Within a theme, keep the order of the documents so related rules read together.
        in_doc_order = sorted(members, key=lambda c: (c.chunk.source.lower(), c.chunk.index))
        out.append(
            (
                t,
                [(c, id(c) in keys) for c in sorted(members[:key_items], key=lambda c: -c.scores[t.key])]
                + [(c, False) for c in in_doc_order if id(c) not in keys],
            )
        )
    if other:
        out.append((OTHER, [(c, False) for c in sorted(other, key=lambda c: (c.chunk.source.lower(), c.chunk.index))]))
    return out
