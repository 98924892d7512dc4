"""Deterministic answer-quality metrics: pure functions over plain dicts, no model and no randomness.

Each per-question function returns a value or None when it does not apply; `aggregate` turns a column of
per-question values into {"value", "n"} where n counts the questions that applied (never NaN: no
applicable question gives value None and n 0).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePath
from typing import Any

from assistant.citations import MARKER, lexical_support, split_answer
from assistant.text import content_terms, numbers, quote_parts, split_sentences, strip_clause_number, words

# A context "holds" the evidence when it has this share of the evidence's content terms (and all its numbers).
EVIDENCE_TERM_RECALL = 0.8
# The cited quotes "cover" the evidence when they hold this share of its content terms.
CITATION_COVERAGE = 0.6
# An answer sentence is "supported" when its citation holds this share of its content terms.
SUPPORT_THRESHOLD = 0.7

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‑": "-", "\u00a0": " ", "…": " "})


def normalise(text: str) -> str:
    """Lower case, plain quotes and dashes, no Markdown emphasis, single spaces: for containment tests."""
    text = text.translate(_QUOTES).replace("**", "").replace("__", "")
    text = re.sub(r"(?m)^\s*>\s?", "", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def same_source(expected: str, source: str, title: str = "") -> bool:
    """A golden `source` names a file (or a document title); compare case-insensitively, extension optional."""
    if not expected or not source:
        return False
    e = expected.strip().lower()
    s = source.strip().lower()
    return e in (s, title.strip().lower()) or PurePath(e).stem == PurePath(s).stem and "." not in e


def term_recall(reference: str, text: str) -> float:
    """Share of the reference's distinct content terms found in the text (1.0 when it has none)."""
    ref = set(content_terms(reference))
    if not ref:
        return 1.0
    return len(ref & set(content_terms(text))) / len(ref)


def holds_evidence(evidence: str, text: str) -> bool:
    """Does a passage contain the evidence? Verbatim (normalised), or most of it when chunking split it.

    Chunks may cut a two-sentence evidence in half, and loaders change dashes and line breaks; so a passage
    also counts when it holds a substantial evidence sentence verbatim, or 80% of the evidence's terms and
    all of its numbers.
    """
    ev, tx = normalise(evidence), normalise(text)
    if not ev or not tx:
        return False
    if ev in tx:
        return True
    if term_recall(evidence, text) >= EVIDENCE_TERM_RECALL and numbers(evidence) <= numbers(text):
        return True
    total = set(content_terms(evidence))
    for sentence in split_sentences(evidence):
        part = normalise(strip_clause_number(sentence))
        mine = set(content_terms(sentence))
        if len(words(sentence)) >= 6 and total and len(mine & total) >= 0.5 * len(total) and part in tx:
            return True
    return False


def evidence_rank(evidence: str, source: str, contexts: Sequence[Mapping[str, Any]]) -> int | None:
    """1-based rank of the first retrieved passage that holds the evidence (None when none does).

    Any document counts, so a glossary that restates a rule is not punished; what changed in an amendment
    (a number, a new sentence) must be in the evidence, or the superseded clause would count too.
    """
    for rank, context in enumerate(contexts, 1):
        if holds_evidence(evidence, str(context.get("text", ""))):
            return rank
    return None


def hit_at(rank: int | None, k: int) -> bool:
    return rank is not None and rank <= k


def reciprocal_rank(rank: int | None) -> float:
    return 1.0 / rank if rank else 0.0


def citation_coverage(evidence: str, source: str, citations: Sequence[Mapping[str, Any]]) -> float:
    """Share of the evidence's content terms found in the quotes cited from the expected source."""
    quotes = [
        str(c.get("quote", ""))
        for c in citations
        if same_source(source, str(c.get("source", "")), str(c.get("title", "")))
    ]
    return term_recall(evidence, " ".join(quotes)) if quotes else 0.0


def citation_accurate(evidence: str, source: str, citations: Sequence[Mapping[str, Any]]) -> tuple[float, bool]:
    """(coverage, accurate): the quotes from the expected source hold 60% of the evidence's terms, or the
    quotes from any document hold the evidence itself (80% of its terms and all its numbers, or verbatim)."""
    coverage = citation_coverage(evidence, source, citations)
    if coverage >= CITATION_COVERAGE:
        return coverage, True
    quotes = " ".join(str(c.get("quote", "")) for c in citations)
    if quotes and holds_evidence(evidence, quotes):
        return max(coverage, term_recall(evidence, quotes)), True
    return coverage, False


def quote_in_passage(quote: str, passage_text: str) -> bool:
    """Every part of a quote (parts joined by an ellipsis) appears in the passage, after normalisation."""
    passage = normalise(passage_text)
    parts = [normalise(p) for p in quote_parts(quote)]
    parts = [p.strip(" .") for p in parts if p.strip(" .")]
    return bool(parts) and all(p in passage for p in parts)


def citation_validity(answer: str, citations: Sequence[Mapping[str, Any]]) -> bool:
    """Every [n] in the answer names a citation, there is at least one, and each quote is in its passage."""
    markers = {int(m) for m in MARKER.findall(answer)}
    if not markers:
        return False
    by_n = {int(c.get("n", 0)): c for c in citations}
    if not markers <= set(by_n):
        return False
    for n in markers:
        cited = by_n[n]
        if not str(cited.get("quote", "")).strip():
            return False
        passage = str(cited.get("passage_text", ""))
        if passage and not quote_in_passage(str(cited["quote"]), passage):
            return False
    return True


def sentence_support(sentence: str, citations: Sequence[Mapping[str, Any]]) -> float:
    """How well a sentence is supported by the citations its markers name (all citations if it has none).

    The citation's document title, section and effective date count as support too, so "Under Amendment
    No. 1 (in force from 2027-05-01): ..." is supported by a quote from that amendment.
    """
    markers = {int(m) for m in MARKER.findall(sentence)}
    cited = [c for c in citations if int(c.get("n", 0)) in markers] if markers else list(citations)
    best = 0.0
    for c in cited:
        where = " ".join(str(c.get(k) or "") for k in ("title", "section", "effective_date"))
        for text in (str(c.get("quote", "")), str(c.get("passage_text", ""))):
            if text:
                best = max(best, lexical_support(sentence, f"{where} {text}"))
    return best


def answer_support(answer: str, citations: Sequence[Mapping[str, Any]]) -> float | None:
    """Share of the answer's sentences (those with content words) that their citation supports."""
    sentences = [s for s in split_answer(answer) if content_terms(MARKER.sub("", s))]
    if not sentences:
        return None
    supported = sum(1 for s in sentences if sentence_support(s, citations) >= SUPPORT_THRESHOLD)
    return supported / len(sentences)


def key_facts(reference: str) -> set[str]:
    """The numbers and content-term stems of a reference answer."""
    return {t for t in content_terms(reference) if not t[0].isdigit()} | numbers(reference)


def key_fact_coverage(reference: str, answer: str) -> float | None:
    """Share of the reference answer's key facts (numbers and content terms) present in the answer."""
    facts = key_facts(reference)
    if not facts:
        return None
    have = set(content_terms(MARKER.sub("", answer))) | numbers(MARKER.sub("", answer))
    return len(facts & have) / len(facts)


def percentile(values: Iterable[float], q: float) -> float | None:
    """Nearest-rank percentile (deterministic, no interpolation); None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    index = max(0, math.ceil(q / 100 * len(ordered)) - 1)
    return ordered[min(index, len(ordered) - 1)]


def aggregate(values: Iterable[float | bool | None]) -> dict[str, Any]:
    """Mean of the applicable values: {"value": mean or None, "n": how many applied}."""
    present = [float(v) for v in values if v is not None]
    if not present:
        return {"value": None, "n": 0}
    return {"value": round(sum(present) / len(present), 4), "n": len(present)}


def ratio(numerator: int, denominator: int) -> dict[str, Any]:
    return {"value": round(numerator / denominator, 4) if denominator else None, "n": denominator}
