"""Building a festival's briefing: the juror's rules first, one theme each by meaning, then film eligibility, then
the entrants' appendix; a rule stated twice is shown once, from the governing text.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from assistant.answers.citations import make_citation
from assistant.answers.retrieval import clause_numbers
from assistant.schema import Chunk, Passage, unit_id
from assistant.study.addressee import AddresseeClassifier, RuleText, study_data
from assistant.study.modality import modality
from assistant.study.rules import RuleItem, announces_only, rule_items
from assistant.text import content_terms, numbers

if TYPE_CHECKING:
    from assistant.answers.retrieval import HybridRetriever
    from assistant.library.embedding import TextEmbeddings
    from assistant.library.library import Library
    from assistant.study.festivals import Festival
from assistant.study.briefing import (
    BY_MODALITY,
    JUROR_GROUP,
    KEY_ITEMS,
    MEANING_THEMES,
    THEME_BY_KEY,
    THEMES,
    Briefing,
    BriefingItem,
    BriefingSection,
    Theme,
)
from assistant.study.sentences import EXPLANATORY_KINDS, normalise

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
    joined: list[str] = field(default_factory=list)  # the refs of sentences shown with it (assistant.study.rules)
    label: str = ""  # a list item's lead-in or heading
    own: str = ""  # its own words, without them


def _authority(c: _Candidate) -> tuple[int, int]:
    """Lower is stronger: amending text first, explanatory documents last."""
    kind = c.chunk.kind.lower()
    return (0 if kind == "amendment" else 2 if kind in EXPLANATORY_KINDS else 1, c.chunk.index)


def build_briefing(
    library: Library,
    retriever: HybridRetriever,
    key_items: int = KEY_ITEMS,
    festival: Festival | None = None,
    name: str = "",
) -> Briefing:
    """Build the briefing of one festival (or of the whole library) as it is now; call again after it changes."""
    started = time.perf_counter()
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
    vectors = _unit_vectors(library, items)
    classifier = _classifier(library.embeddings)
    evidence = classifier.classify(
        [RuleText(i.text, i.unit.lead, i.heading, i.source) for i in items], vectors if len(items) else None
    )
    theme_scores = _theme_scores(library.embeddings, items, vectors)

    passages: dict[str, Passage] = {}
    candidates: list[_Candidate] = []
    for row, (item, ev) in enumerate(zip(items, evidence, strict=True)):
        if announces_only(item):
            continue  # classified with its neighbours, never shown: it needs the list it announces
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
                item.shown,
                item.quote,
                chunk,
                passage,
                mode != "statement",
                frozenset(content_terms(item.own)),
                frozenset(numbers(item.own)),
                kind,
                mode,
                key,
                score,
                item.ref,
                passage.note,
                joined=item.refs[1:],
                label=item.label,
                own=item.own,
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
                    cand.joined + [r for d in cand.also for r in (d.ref, *d.joined)] + cand.twins,
                    bool(cand.joined),
                    cand.label,
                    cand.own,
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


def _classifier(embeddings: TextEmbeddings) -> AddresseeClassifier:
    """One classifier per embedding model: the prototypes are encoded once."""
    if id(embeddings) not in _CLASSIFIERS:
        _CLASSIFIERS[id(embeddings)] = AddresseeClassifier(embeddings.encode)
    return _CLASSIFIERS[id(embeddings)]


def _theme_scores(embeddings: TextEmbeddings, items: list[RuleItem], vectors: np.ndarray) -> list[dict[str, float]]:
    """Each rule's score for each juror theme: the best cosine to the theme's prototype sentences, plus a little for
    the theme's own words."""
    w = study_data()["themes"]
    protos = study_data()["juror_themes"]
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


def _unit_vectors(library: Library, items: list[RuleItem]) -> np.ndarray:
    """The vectors ingestion made for these units with this process's backend (no re-embedding); a unit without
    one is encoded now."""
    if not items:
        return np.zeros((0, 1), dtype=np.float32)
    stored = library.unit_vectors([(i.chunk.id, i.unit.position, i.text) for i in items])
    ids = [unit_id(i.chunk.id, i.unit.position) for i in items]
    missing = [n for n, uid in enumerate(ids) if uid not in stored]
    fresh = (
        np.asarray(library.embeddings.encode([items[n].text for n in missing]), dtype=np.float32) if missing else None
    )
    dim = fresh.shape[1] if fresh is not None else len(next(iter(stored.values())))
    out = np.zeros((len(items), dim), dtype=np.float32)
    for n, uid in enumerate(ids):
        if uid in stored:
            out[n] = stored[uid]
    if fresh is not None:
        out[missing] = fresh
    return out


def _similar(a: _Candidate, b: _Candidate) -> bool:
    """The same rule stated twice: the same numbers and mostly the same words of their own (two items of one list
    share their lead-in, not their words)."""
    if a.nums != b.nums or not a.terms or not b.terms:
        return False
    if normalise(a.text).lower() == normalise(b.text).lower():
        return True
    if min(len(a.terms), len(b.terms)) < 10:  # short entries ("Best Actor" / "Best Actress") differ by one word
        return a.terms == b.terms
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
