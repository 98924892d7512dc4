"""Deterministic answer-quality metrics: pure functions over plain dicts, no model and no randomness.

Each per-question function returns a value or None when it does not apply; `aggregate` turns a column of
per-question values into {"value", "n"} where n counts the questions that applied (never NaN: no
applicable question gives value None and n 0).
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePath
from typing import Any

from assistant.answers.citations import MARKER, lexical_support, split_answer
from assistant.text import content_terms, numbers, quote_parts, split_sentences, strip_clause_number, words

# A context "holds" the evidence when it has this share of the evidence's content terms (and all its numbers).
EVIDENCE_TERM_RECALL = 0.8
# The cited quotes "cover" the evidence when they hold this share of its content terms.
CITATION_COVERAGE = 0.6
# An answer sentence is "supported" when its citation holds this share of its content terms.
SUPPORT_THRESHOLD = 0.7
# Front matter (see `front_matter_kind`): a line is "about the document" rather than a rule when ...
FRONT_MATTER_TITLE_SHARE = 0.75  # ... this share of its content words are the document title's words,
FRONT_MATTER_HEADING_WORDS = 16  # ... or it is a heading: at most this many words, none in lower case,
FRONT_MATTER_ADDRESS_WORDS = 2  # ... or it is an address with at most this many other words beside it,
FRONT_MATTER_NAV_WORDS = 8  # ... or a breadcrumb item / web boilerplate line of at most this many words.

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
        text = str(context.get("text", ""))
        # Evidence copied with its heading ("Young Talent - Best Film - Best Director") is held by the passage
        # under that heading: loaders keep headings in the section path, not in the text.
        heading = str(context.get("section") or "").split("›")[-1].strip()
        if holds_evidence(evidence, text) or (heading and holds_evidence(evidence, f"{heading}\n{text}")):
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


def quote_precision(answer: str, evidence: str, *, answerable: bool = True, abstained: bool = False) -> float | None:
    """Share of the answer's distinct content words ([n] markers removed) that are content words of the evidence.

    None when it does not apply: the question is unanswerable, the assistant abstained, or the answer has no
    content word. It is the precision side of citation accuracy: how much of what the juror reads is the rule.
    """
    if not answerable or abstained:
        return None
    said = set(content_terms(MARKER.sub("", answer)))
    if not said:
        return None
    return len(said & set(content_terms(evidence))) / len(said)


def answer_words(answer: str, *, abstained: bool = False) -> int | None:
    """How many words the juror reads: `words` of the answer with its [n] markers removed (None when it abstained).

    Any question counts, answerable or not; a guardrail's decline is an answer the juror reads.
    """
    if abstained:
        return None
    return len(words(MARKER.sub("", answer)))


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


def aggregate_median(values: Iterable[float | bool | None]) -> dict[str, Any]:
    """Median of the applicable values (the mean of the two middle ones when their number is even):
    {"value": median or None, "n": how many applied}."""
    present = [float(v) for v in values if v is not None]
    if not present:
        return {"value": None, "n": 0}
    return {"value": round(statistics.median(present), 4), "n": len(present)}


def spread(values: Iterable[float | None], q: float, digits: int = 4) -> dict[str, Any]:
    """Nearest-rank percentile `q` of the applicable values: {"value": it or None, "n": how many applied}."""
    present = [float(v) for v in values if v is not None]
    value = percentile(present, q)
    return {"value": None if value is None else round(value, digits), "n": len(present)}


def ratio(numerator: int, denominator: int) -> dict[str, Any]:
    """A rate of `numerator` in `denominator` with its 95% interval: {"value", "n", "ci": [low, high] or None}."""
    return {
        "value": round(numerator / denominator, 4) if denominator else None,
        "n": denominator,
        "ci": wilson(numerator, denominator),
    }


def rate(values: Iterable[bool | None]) -> dict[str, Any]:
    """The share of the applicable yes/no values that are yes, with its 95% interval (see `ratio`)."""
    present = [bool(v) for v in values if v is not None]
    return ratio(sum(present), len(present))


def wilson(successes: int, n: int, z: float = 1.96) -> list[float] | None:
    """The 95% Wilson score interval of a rate: a golden set of 40 questions measures 0.80 give or take 0.12, so a
    change of one question is noise (the interval stays inside 0 to 1, unlike the normal approximation)."""
    if n <= 0:
        return None
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return [round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4)]


def paired_p(gained: int, lost: int) -> float | None:
    """Exact two-sided p-value of McNemar's test: how likely this many questions flip one way rather than the
    other if the change made no difference (a sign test over the questions that changed); None when none did."""
    n = gained + lost
    if n == 0:
        return None
    tail = sum(math.comb(n, i) for i in range(min(gained, lost) + 1)) / 2**n
    return round(min(1.0, 2 * tail), 4)


# ---------------------------------------------------------------- front matter
#
# Written independently of the answerer on purpose: it checks the answerer's quotes, so it must not share its
# idea of what a rule is. Pure text rules, no corpus-specific words; each returns the kind it recognised.

_ADDRESS = re.compile(
    r"\b(?:https?://|ftp://|www\.)\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|\b(?:[a-z0-9-]+\.)+[a-z]{2,6}/\S*", re.I
)
_METADATA_KEY = re.compile(
    r"^\W{0,3}(?:source|title|url|link|web ?page|retrieved|accessed|downloaded|published|posted|printed"
    r"|last (?:updated|modified|revised|edited)|updated|copyright|file ?name)(?: (?:on|from|at))?\s*[:：]",
    re.I,
)
_PAGE_MARK = re.compile(r"^\W*(?:(?:page|p\.|pg\.?)\s*\d+(?:\s*(?:of|/)\s*\d+)?|\d{1,3}(?:\s*/\s*\d{1,3})?)\W*$", re.I)
_CONTENTS = re.compile(
    r"^\W*(?:table of contents|contents|index|in this (?:document|section|page))\W*$"
    r"|(?:\.{4,}|…{2,}|(?:\s\.){3,})\s*\d{1,4}\s*$",
    re.I,
)
_CRUMB_SEP = re.compile(r"\s+(?:>|»|›|→|\||/|::)\s+")
_BOILERPLATE = re.compile(
    r"\b(?:follow us|share (?:this|on)|subscribe(?: to)?|newsletter|sign (?:up|in)|log ?in|cookies?|privacy policy"
    r"|terms of use|skip to(?: main)? content|back to top|read more|click here|print (?:this )?page|all rights reserved"
    r"|download (?:the )?pdf)\b|©",
    re.I,
)
_ALWAYS_BOILERPLATE = re.compile(r"\ball rights reserved\b|©", re.I)
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?"
    r"|sun(?:day)?"
)
_DATE_TOKEN = re.compile(
    rf"\b(?:{_MONTH})\b\.?|\d{{1,4}}(?:st|nd|rd|th)?|\b(?:am|pm|utc|gmt|cet|at|on|of|the)\b"
    r"|\b(?:date[ds]?|updated|posted|published|modified|revised|last)\b|[-–—/.,:;()\s]",
    re.I,
)
# Short words a heading may keep in lower case ("Rules of the Jury", "Prix de la critique").
_HEADING_CONNECTORS = frozenset(
    "a an and as at by de del der des di du e et for from in la le les of on or the to und van von y".split()
)
_MONEY = re.compile(
    r"[€$£¥₽]|\b(?:eur|usd|gbp|chf|jpy|cny|rub|aud|cad)\b|\b\d{1,3}(?:[ ,.\u00a0]\d{3})+\b|\b\d{4,}\b", re.I
)
_CLOCK = re.compile(r"\b\d{1,2}[:h]\d{2}\b")
_LABEL = re.compile(r"(?:^|[;,|]\s*)[A-Z][\w ]{0,20}:\s")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_SEGMENT = re.compile(r"(?<=[^.][.!?])\s+(?=[\"'(\[]?[A-Z0-9])")


def _segments(quote: str) -> list[str]:
    """A quote's lines, ellipsis-joined parts and sentences: the units judged one by one."""
    out: list[str] = []
    for line in re.split(r"\n+|\s…\s|…|\s\.\.\.\s", quote):
        here: list[str] = []
        pending = ""
        for piece in (s.strip(" \t*_#>-•") for s in _SEGMENT.split(line.strip())):
            if not any(ch.isalpha() for ch in piece):  # "4." of a numbered item belongs to the item
                pending = f"{pending} {piece}".strip()
            else:
                here.append(f"{pending} {piece}".strip())
                pending = ""
        if pending and here:
            here[-1] = f"{here[-1]} {pending}"
        elif pending:
            here.append(pending)
        out.extend(here)
    return [s for s in out if re.search(r"\w", s)]


def _is_date_stamp(segment: str) -> bool:
    return bool(re.search(r"\d", segment)) and not _DATE_TOKEN.sub("", segment).strip()


def _is_breadcrumb(segment: str) -> bool:
    if segment.lstrip().startswith("|"):  # a Markdown table row is content
        return False
    items = [i.strip() for i in _CRUMB_SEP.split(segment)]
    return (
        len(items) >= 3
        and all(0 < len(words(i)) <= FRONT_MATTER_NAV_WORDS // 2 + 1 for i in items)
        and not any(i.endswith((".", "!", "?")) for i in items)
    )


def _is_heading(segment: str) -> bool:
    """A title line: no lower-case word (ALL CAPS or Title Case), short, and no amount of money in it."""
    tokens = [t.strip("\"'“”‘’()[]{}.,:;!?—–-") for t in segment.split()]
    tokens = [t for t in tokens if t and not t[0].isdigit() and any(ch.isalpha() for ch in t)]
    if not tokens or len(segment.split()) > FRONT_MATTER_HEADING_WORDS:
        return False
    if _MONEY.search(_YEAR.sub("", segment)):
        return False
    if _CLOCK.search(segment) or len(_LABEL.findall(segment)) >= 2:  # a timetable or record row: data
        return False
    return all(not t[0].islower() or t.lower() in _HEADING_CONNECTORS for t in tokens)


def _title_share(segment: str, title: str) -> float:
    mine, theirs = set(content_terms(segment)), set(content_terms(title))
    if len(mine) < 2 or not theirs:
        return 0.0
    return len(mine & theirs) / len(mine)


def _segment_kind(segment: str, title: str) -> tuple[str, bool] | None:
    """(kind, strong) when the segment is front matter; strong kinds mark a whole quote, weak ones only alone."""
    bare = _ADDRESS.sub(" ", segment)
    if _METADATA_KEY.match(segment):
        return "metadata", True
    if bare != segment and len(words(bare)) <= FRONT_MATTER_ADDRESS_WORDS:
        return "address", True
    if _PAGE_MARK.match(segment):
        return "page marker", True
    if _CONTENTS.search(segment):
        return "table of contents", True
    if _is_breadcrumb(segment):
        return "breadcrumb", True
    if _ALWAYS_BOILERPLATE.search(segment) or (
        _BOILERPLATE.search(segment) and len(words(segment)) <= FRONT_MATTER_NAV_WORDS
    ):
        return "web boilerplate", True
    if _title_share(segment, title) >= FRONT_MATTER_TITLE_SHARE and len(segment.split()) <= FRONT_MATTER_HEADING_WORDS:
        return "title line", False
    if _is_heading(segment):
        return "heading", False
    if _is_date_stamp(segment):  # weak: "Date: 20 June" in a timetable is a fact, a bare date is not a rule
        return "date stamp", False
    return None


def front_matter_kind(quote: str, title: str = "") -> str | None:
    """What kind of front matter a cited quote is (None when it is a rule, or holds one).

    Front matter is what a document says about itself: its title line and headings, its address, "Source:" and
    "Title:" lines, running headers and page numbers, date stamps, breadcrumbs, contents lines and web
    boilerplate. A quote counts when any of its parts is unambiguous metadata (an address, a metadata key, a
    date stamp, ...), or when it is made only of headings and title lines ("8.4 Tie-breaks." alone, but not
    "8.4 Tie-breaks. If two films tie, the President decides.").
    """
    kinds = [(s, _segment_kind(s, title)) for s in _segments(quote)]
    if not kinds:
        return None
    for _, kind in kinds:
        if kind is not None and kind[1]:
            return kind[0]
    if all(kind is not None for _, kind in kinds):
        if len(kinds) >= 3 and all(kind is not None and kind[0] == "heading" for _, kind in kinds):
            return None  # three or more capitalised names quoted together are a list ("Best Film … Best Actor")
        return kinds[0][1][0]  # type: ignore[index]
    return None


def is_front_matter(quote: str, title: str = "") -> bool:
    """Is this quote front matter of its document (title, address, header, date...) rather than a rule?"""
    return front_matter_kind(quote, title) is not None


def front_matter_quotes(citations: Sequence[Mapping[str, Any]]) -> int:
    """How many of an answer's cited quotes are front matter of their document."""
    return sum(1 for c in citations if is_front_matter(str(c.get("quote", "")), str(c.get("title", ""))))
