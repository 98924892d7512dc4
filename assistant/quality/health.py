"""Library health: can the assistant find every section of every loaded document?

For each section we ask a probe built from its heading, then (if that misses) one built from its most
distinctive words, and check whether retrieval returns a passage of that section in the top k. Headings
with no text under them and PDF pages without extractable text are reported from the documents
themselves, because nothing of them reached the index at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.answers.lexical import source_text
from assistant.library.loading.language import language_warning
from assistant.schema import SEP, ProgressFn
from assistant.text import STOPWORDS, content_terms, stem, words

if TYPE_CHECKING:
    from assistant.answers.retrieval import HybridRetriever
    from assistant.library.library import Library
    from assistant.schema import Chunk

PROBE_K = 5
KEYWORDS = 6

HEADING_ONLY = "heading only: there is no text under this heading, so nothing of it can be found"
TABLE = "table not parsed: the text is mostly short fragments and numbers, so questions do not match it"
SCANNED = "scanned page: no extractable text on this page; run OCR on the file and load it again"
OUTRANKED = "other passages rank above it for its own heading and key words (very short, generic or repeated elsewhere)"


@dataclass
class SectionHealth:
    source: str
    title: str
    section: str
    page: int | None
    chunks: int
    probes: list[str] = field(default_factory=list)
    ranks: list[int | None] = field(default_factory=list)
    reachable: bool = True
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class HealthReport:
    sections: list[SectionHealth]
    documents: int
    notes: list[str] = field(default_factory=list)

    @property
    def unreachable(self) -> list[SectionHealth]:
        return [s for s in self.sections if not s.reachable]

    def summary(self) -> str:
        bad = len(self.unreachable)
        docs = f"{self.documents} document{'s' if self.documents != 1 else ''}"
        return f"{len(self.sections)} sections in {docs} checked; {bad} may be unreachable."

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "sections": len(self.sections),
            "unreachable": [s.to_dict() for s in self.unreachable],
            "checked": [s.to_dict() for s in self.sections],
            "notes": list(self.notes),
        }


# ---------------------------------------------------------------- probes


def heading_label(section: str) -> str:
    """The last heading of a section path without its number: 'Article 8 › 8.4 Tie-breaks' -> 'Tie-breaks'."""
    last = section.split(SEP)[-1].strip() if section else ""
    label = re.sub(
        r"^(?:(?:article|art\.|section|clause|rule|chapter|part|annex)\s+)?[\dIVXLC]+(?:\.\d+)*[.)]?\s*(?:[—–-]\s*)?",
        "",
        last,
        flags=re.I,
    )
    return label.strip(" .:—–-")


def heading_probe(section: str, title: str) -> str | None:
    """A question a juror might ask about the section, from its heading; None when the heading says nothing."""
    label = heading_label(section) or (title if not section else "")
    if len(content_terms(label)) < 1:
        return None
    if label.endswith("?"):
        return label
    return f"What do the rules say about {label.lower()}?"


def keyword_probe(text: str, idf: Callable[[str], float], n: int = KEYWORDS) -> str | None:
    """The section's most distinctive words (highest idf), in reading order: a terse query like a juror's."""
    first: dict[str, tuple[int, str]] = {}
    for i, word in enumerate(words(text)):
        if word in STOPWORDS or len(word) < 3 or word[0].isdigit():
            continue
        first.setdefault(stem(word), (i, word))
    if not first:
        return None
    best = sorted(first, key=lambda s: (-idf(s), first[s][0]))[:n]
    return " ".join(first[s][1] for s in sorted(best, key=lambda s: first[s][0]))


def looks_like_table(text: str) -> bool:
    """Mostly short fragments and numbers: how an unparsed table usually comes out of a PDF."""
    tokens = text.split()
    if len(tokens) < 6:
        return False
    numeric = sum(1 for t in tokens if re.fullmatch(r"[\d.,:%€$£/-]+", t))
    lines = [ln for ln in text.splitlines() if ln.strip()]
    short_lines = sum(1 for ln in lines if len(ln.split()) <= 3)
    return numeric / len(tokens) > 0.35 or (len(lines) >= 5 and short_lines / len(lines) > 0.6) or text.count("|") >= 4


# ---------------------------------------------------------------- the check


def _sections(chunks: list[Chunk]) -> dict[tuple[str, str], list[Chunk]]:
    grouped: dict[tuple[str, str], list[Chunk]] = {}
    for chunk in chunks:
        grouped.setdefault((chunk.source, chunk.section), []).append(chunk)
    return grouped


def check_library(
    library: Library,
    retriever: HybridRetriever,
    k: int = PROBE_K,
    progress: ProgressFn | None = None,
    sources: Collection[str] | None = None,
) -> HealthReport:
    """Probe every section of the library (or of the documents named in `sources`, e.g. those just loaded);
    also report empty headings and text-less PDF pages. Probes always search the whole library."""
    documents = [d for d in library.documents() if sources is None or d.source in sources]
    lex = retriever.lexical()
    grouped = _sections([c for c in lex.chunks if sources is None or c.source in sources])
    results: list[SectionHealth] = []
    for i, ((source, section), chunks) in enumerate(
        sorted(grouped.items(), key=lambda kv: (kv[0][0].lower(), kv[1][0].index))
    ):
        first = chunks[0]
        text = "\n".join(c.text for c in chunks)
        item = SectionHealth(source, first.title, section, first.page, len(chunks))
        for probe in (heading_probe(section, first.title), keyword_probe(text, lex.idf)):
            if not probe or probe in item.probes:
                continue
            passages = retriever.search(probe, k=k)
            rank = next(
                (r for r, p in enumerate(passages[:k], 1) if p.chunk.source == source and p.chunk.section == section),
                None,
            )
            item.probes.append(probe)
            item.ranks.append(rank)
            if rank is not None:
                break
        item.reachable = any(r is not None for r in item.ranks)
        if not item.reachable:
            body = " ".join(words(text))
            item.reason = HEADING_ONLY if len(body.split()) < 8 else TABLE if looks_like_table(text) else OUTRANKED
        results.append(item)
        if progress:
            progress("health", i + 1, len(grouped))
    notes: list[str] = []
    for record in documents:
        if record.source not in {s for s, _ in grouped}:
            notes.append(f"{record.source}: no searchable passages at all")
        # The load said so for the documents just loaded; the whole library's check says it of one loaded long ago.
        foreign = None if sources is not None else language_warning(record.source, source_text(lex, record.source))
        if foreign:
            notes.append(foreign)
        path = library.original_file(record)
        if path is None:
            continue
        results.extend(_empty_headings(path, record.source, record.title))
        notes.extend(_textless_pages(path, record.source))
    return HealthReport(results, len(documents), notes)


def _empty_headings(path: Any, source: str, title: str) -> list[SectionHealth]:
    """Headings followed by no text before the next heading of the same or a higher level."""
    from assistant.errors import LoadError
    from assistant.library.loading.files import load_file

    try:
        blocks = load_file(path).blocks
    except LoadError:
        return []
    found = []
    for i, block in enumerate(blocks):
        # the opening heading is the document's title, which every passage carries anyway
        if not block.level or (i == 0 and block.level == 1) or block.text.strip().lower() == title.strip().lower():
            continue
        has_text = False
        for later in blocks[i + 1 :]:
            if later.level and later.level <= block.level:
                break
            if not later.level:
                has_text = True
                break
        if not has_text:
            found.append(
                SectionHealth(source, title, block.text.strip(), block.page, 0, reachable=False, reason=HEADING_ONLY)
            )
    return found


def _textless_pages(path: Any, source: str) -> list[str]:
    if path.suffix.lower() != ".pdf":
        return []
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        empty = [n for n, page in enumerate(reader.pages, 1) if len((page.extract_text() or "").strip()) < 20]
    except Exception:  # unreadable here means it was reported at ingest time
        return []
    return [f"{source}, page {n}: {SCANNED}" for n in empty]
