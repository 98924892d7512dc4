"""Citations: `[n]` markers tied to the exact words an answer sentence rests on, and their verification."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from assistant.schema import Citation, Passage
from assistant.text import content_terms, numbers, split_sentences, stem

MARKER = re.compile(r"\[(\d{1,3})\]")


def without_markers(quoted: str) -> str:
    """A document's own bracketed footnote references ("[6] Exceptionally, …", "a fee of EUR 800[7].") left out of
    an answer's words, where they would read as its citation markers; the citation quotes them as written."""
    return MARKER.sub("", re.sub(r"^\[\d{1,3}\]\s+|\s+\[\d{1,3}\](?=[\s.,;:)]|$)", "", quoted))


def make_citation(n: int, passage: Passage, quote: str) -> Citation:
    c = passage.chunk
    return Citation(
        n=n,
        source=c.source,
        title=c.title,
        section=c.section,
        page=c.page,
        quote=quote,
        passage_text=c.text,
        chunk_id=c.id,
        effective_date=c.effective_date,
        note=passage.note,
    )


def lexical_support(sentence: str, passage_text: str) -> float:
    """Share of the sentence's content terms (and all of its numbers) found in the passage."""
    terms = set(content_terms(MARKER.sub("", sentence)))
    if not terms:
        return 1.0
    have = set(content_terms(passage_text))
    share = len(terms & have) / len(terms)
    missing_numbers = numbers(MARKER.sub("", sentence)) - numbers(passage_text)
    return share * (0.5 if missing_numbers else 1.0)


def best_quote(sentence: str, passage_text: str) -> str:
    """The passage sentence(s) that best support a claim: the words a juror should read."""
    candidates = split_sentences(passage_text)
    if not candidates:
        return passage_text.strip()
    scored = sorted(
        (
            (lexical_support(sentence, c) * (1 + 0.1 * min(len(c.split()), 30) / 30), i)
            for i, c in enumerate(candidates)
        ),
        reverse=True,
    )
    best = scored[0][1]
    quote = candidates[best]
    if len(quote.split()) < 6 and best + 1 < len(candidates):  # a label like "8.4 Tie-breaks." needs its rule
        quote = f"{quote} {candidates[best + 1]}"
    return quote


def split_answer(answer: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'(])|(?<=\])\s+(?=[A-Z\"'(])|\n+", answer.strip())
    return [p.strip() for p in parts if p and p.strip()]


# ---------------------------------------------------------------- the check run after every generated answer
#
# Support score of one answer sentence against one cited passage, in [0, 1]:
#     support = W_LEXICAL * lexical_support(sentence, passage)      (share of its content terms in the passage)
#             + W_DENSE   * max cosine(sentence, passage sentence)  (all-MiniLM-L6-v2, normalised vectors)
#             - POLARITY_PENALTY  when the sentence and its best passage sentence disagree on negation
# and a sentence whose numbers are not all in the cited passage has support 0: a juror acts on numbers.
# SUPPORT_THRESHOLD, from hand-made sentences against regulation passages (tests/test_citations.py has them):
# faithful paraphrases scored 0.66-0.96 ("Jurors cannot vote by video link [1]" 0.70, "Jurors should sit in row F"
# 0.66); same-topic claims the passage does not make scored 0.19-0.49 ("Jurors may vote by video link" 0.48 against
# "remote participation is not permitted", "The press may attend" 0.49 against "only jurors and the secretary may
# attend", "the President has a casting vote" 0.35 against a quorum passage). 0.55 sits in the gap.
W_LEXICAL = 0.5
W_DENSE = 0.5
POLARITY_PENALTY = 0.15
SUPPORT_THRESHOLD = 0.55

_MARKER_GROUP = re.compile(r"\[\s*(?:passages?\s*|n\s*=\s*)?(\d{1,3}(?:\s*(?:,|and|&|-)\s*\d{1,3})*)\s*\]", re.I)
_NEGATION = re.compile(r"\b(not|no|never|cannot|nor|none|neither|without|prohibited|forbidden|banned)\b|n't\b", re.I)
# Words that carry no claim: a sentence made only of these (and stopwords) may go without a marker.
_CONNECTIVE_WORDS = """answer answers question questions passage passages document documents library summary short here
following follows note however therefore additionally furthermore moreover overall brief briefly sum conclusion based
provided quoted above below detail details festival regulation regulations"""
_CONNECTIVE = frozenset(stem(w) for w in _CONNECTIVE_WORDS.split())


class Encoder(Protocol):
    def encode(self, texts: list[str]) -> np.ndarray: ...


@dataclass
class CheckedSentence:
    """One sentence of a generated answer and what the check decided about it."""

    text: str
    cited: list[int]
    support: dict[int, float] = field(default_factory=dict)
    kept_markers: list[int] = field(default_factory=list)
    invalid_markers: list[int] = field(default_factory=list)
    connective: bool = False
    reason: str = ""

    @property
    def kept(self) -> bool:
        return bool(self.kept_markers) or self.connective

    @property
    def body(self) -> str:
        return _clean_body(self.text)


@dataclass
class CitationCheck:
    """The checked answer: supported sentences only, citations renumbered 1..k in order of appearance."""

    text: str
    citations: list[Citation]
    sentences: list[CheckedSentence]
    notes: list[str]

    @property
    def supported(self) -> bool:
        """True when at least one sentence carrying a citation survived."""
        return bool(self.citations)


def normalise_markers(text: str) -> str:
    """'[1, 2]', '[passage 3]', '[n=2]', '[1-2]' -> '[1][2]'-style markers the check understands."""

    def expand(m: re.Match[str]) -> str:
        body = m.group(1)
        if "-" in body and "," not in body:
            lo, hi = (int(x) for x in body.split("-")[:2])
            nums = list(range(lo, hi + 1)) if 0 < hi - lo < 10 else [lo, hi]
        else:
            nums = [int(x) for x in re.findall(r"\d+", body)]
        return "".join(f"[{n}]" for n in nums)

    return _MARKER_GROUP.sub(expand, text)


def is_connective(sentence: str) -> bool:
    """'Here is what the rules say:' carries no claim; 'No.' or anything with a content word or number does."""
    body = _clean_body(sentence)
    if not body or numbers(body):
        return False
    if re.search(r"\b(yes|no|not|never|only)\b", body, re.I):
        return False
    return all(t in _CONNECTIVE for t in content_terms(body))


def check_citations(
    answer: str,
    shown: Sequence[Passage],
    encoder: Encoder | None = None,
    threshold: float = SUPPORT_THRESHOLD,
) -> CitationCheck:
    """Keep only sentences supported by a passage they cite; drop invented [n]; renumber; quote the exact words.

    `shown` are the passages the model saw, `[1]` being `shown[0]`. Without an encoder the score is lexical only.
    """
    text = normalise_markers(answer.strip())
    text = re.sub(r"^\s*(answer|response)\s*:\s*", "", text, flags=re.I)
    text = re.sub(r"\s*\n+\s*((?:\[\d{1,3}\])+)", r" \1", text)  # a marker on its own line belongs to the line above
    pieces = [p for p in split_answer(text) if not re.fullmatch(r"\(?\d{1,2}[.)]|[-*•]", p)]  # bare list numbering
    sentences = [CheckedSentence(s, [int(n) for n in MARKER.findall(s)]) for s in pieces]
    notes: list[str] = []
    for s in sentences:
        s.invalid_markers = [n for n in dict.fromkeys(s.cited) if not 1 <= n <= len(shown)]
        for n in s.invalid_markers:
            notes.append(f"Removed citation [{n}]: only {len(shown)} passages were shown to the chat model.")

    scores = _support_scores(sentences, shown, encoder)
    for s in sentences:
        valid = [n for n in dict.fromkeys(s.cited) if 1 <= n <= len(shown)]
        if not valid:
            s.connective = is_connective(s.text)
            if not s.connective:
                s.reason = "no valid citation"
                notes.append(f"Removed a sentence without a valid citation: “{_short(s.body)}”")
            continue
        s.support = {n: scores[(id(s), n)] for n in valid}
        s.kept_markers = [n for n in valid if s.support[n] >= threshold]
        dropped = [n for n in valid if s.support[n] < threshold]
        if not s.kept_markers:
            best = max(s.support.values())
            s.reason = f"not supported by the cited passage (support {best:.2f} < {threshold:.2f})"
            notes.append(
                f"Removed an unsupported sentence citing {_marks(valid)} (support {best:.2f}): “{_short(s.body)}”"
            )
        elif dropped:
            notes.append(
                f"Removed citation {_marks(dropped)} from “{_short(s.body)}”: that passage does not support it."
            )

    # Renumber 1..k in order of appearance; quote the passage sentence each claim rests on.
    numbering: dict[int, int] = {}
    citations: list[Citation] = []
    parts: list[str] = []
    for s in sentences:
        if not s.kept:
            continue
        for old in s.kept_markers:
            passage = shown[old - 1]
            quote = best_quote(s.body, passage.chunk.text)
            if old not in numbering:
                numbering[old] = len(numbering) + 1
                citations.append(make_citation(numbering[old], passage, quote))
            else:
                citations[numbering[old] - 1].add_quote(quote)
        parts.append(_with_markers(s, numbering))
    # An answer made only of connective sentences says nothing.
    final = " ".join(parts) if citations else ""
    return CitationCheck(final, citations, sentences, notes)


def _support_scores(
    sentences: list[CheckedSentence], shown: Sequence[Passage], encoder: Encoder | None
) -> dict[tuple[int, int], float]:
    pairs = [(s, n) for s in sentences for n in dict.fromkeys(s.cited) if 1 <= n <= len(shown)]
    if not pairs:
        return {}
    passage_sents = {n: split_sentences(shown[n - 1].chunk.text) or [shown[n - 1].chunk.text] for _, n in pairs}
    dense: dict[tuple[int, int], float] = {}
    best_sent: dict[tuple[int, int], str] = {}
    if encoder is not None:
        bodies = list(dict.fromkeys(s.body for s, _ in pairs))
        order = list(passage_sents)
        flat = [t for n in order for t in passage_sents[n]]
        vecs = encoder.encode(bodies + flat)
        body_vec = {b: vecs[i] for i, b in enumerate(bodies)}
        offset = len(bodies)
        spans: dict[int, np.ndarray] = {}
        for n in order:
            k = len(passage_sents[n])
            spans[n] = vecs[offset : offset + k]
            offset += k
        for s, n in pairs:
            sims = spans[n] @ body_vec[s.body]
            i = int(np.argmax(sims))
            dense[(id(s), n)] = max(0.0, float(sims[i]))
            best_sent[(id(s), n)] = passage_sents[n][i]
    out: dict[tuple[int, int], float] = {}
    for s, n in pairs:
        chunk = shown[n - 1].chunk
        context = f"{chunk.title}\n{chunk.section}\n{chunk.text}"
        if numbers(s.body) - numbers(context):
            out[(id(s), n)] = 0.0
            continue
        lex = lexical_support(s.body, context)
        if encoder is None:
            out[(id(s), n)] = lex
            continue
        score = W_LEXICAL * lex + W_DENSE * dense[(id(s), n)]
        if bool(_NEGATION.search(s.body)) != bool(_NEGATION.search(best_sent[(id(s), n)])):
            score -= POLARITY_PENALTY
        out[(id(s), n)] = max(0.0, min(1.0, score))
    return out


def _clean_body(sentence: str) -> str:
    body = MARKER.sub("", sentence)
    body = re.sub(r"\s+([.,;:!?])", r"\1", body)
    return re.sub(r"\s{2,}", " ", body).strip()


def _with_markers(s: CheckedSentence, numbering: dict[int, int]) -> str:
    """The sentence with its kept markers renumbered, placed before the final punctuation."""
    body = _clean_body(s.text)
    if not s.kept_markers:
        return body
    marks = "".join(f"[{numbering[n]}]" for n in s.kept_markers)
    end = body[-1] if body and body[-1] in ".!?" else ""
    core = body[:-1].rstrip() if end else body
    return f"{core} {marks}{end or '.'}"


def _marks(ns: Sequence[int]) -> str:
    return "".join(f"[{n}]" for n in ns)


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
