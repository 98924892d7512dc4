"""The glossary: terms the library itself defines ("X means ...", "X refers to ...", definition sections).

Each entry carries the citation of its defining sentence. `Glossary.lookup(term)` answers one term;
`Glossary.terms_in(text)` finds the defined terms used in a chat answer so the Ask page can explain them.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.answers.citations import make_citation
from assistant.schema import Chunk, Citation, Passage
from assistant.study.sentences import EXPLANATORY_KINDS, normalise, passage_sentences, where
from assistant.text import stem, strip_clause_number

if TYPE_CHECKING:
    from assistant.answers.retrieval import HybridRetriever

_VERB = r"(?:means|refers\s+to|is\s+defined\s+as|are\s+defined\s+as|denotes|is\s+the\s+term\s+for)"
# '"competition film" means a film ...' anywhere in a sentence; definitions in a list are separated by ';'.
QUOTED = re.compile(rf"[\"“‘']([^\"”’']{{2,60}})[\"”’']\s+{_VERB}\s+(.+?)(?=;\s*(?:and\s+)?[\"“‘']|$)", re.I)
# 'Absolute majority means more than half ...' at the start of a sentence.
LEADING = re.compile(rf"^(?:An?\s+|The\s+)?([A-Z][\w'’()-]*(?:\s+[\w'’()-]+){{0,5}}?)\s+{_VERB}\s+(.+)$")
_DEFINITION_HEADINGS = re.compile(r"\b(definitions?|glossary|terminology|interpretation)\b", re.I)


@dataclass
class GlossaryEntry:
    term: str
    definition: str
    citation: Citation
    also: list[Citation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "definition": self.definition,
            "citation": self.citation.to_dict() | {"chunk_id": self.citation.chunk_id},
            "also": [c.to_dict() for c in self.also],
        }


def _key(term: str) -> str:
    return " ".join(stem(w) for w in re.findall(r"[a-z0-9]+", term.lower()))


@dataclass
class Glossary:
    entries: list[GlossaryEntry]
    signature: str = ""

    def __post_init__(self) -> None:
        self._by_key = {_key(e.term): e for e in self.entries}

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, term: str) -> GlossaryEntry | None:
        """The entry for a term, tolerant of case, plurals and surrounding quotes."""
        key = _key(term.strip().strip("\"'“”‘’"))
        return self._by_key.get(key) if key else None

    def search(self, text: str) -> list[GlossaryEntry]:
        """Entries whose term or definition contains the typed text (for the Study page's filter box)."""
        needle = text.strip().lower()
        if not needle:
            return list(self.entries)
        return [e for e in self.entries if needle in e.term.lower()] + [
            e for e in self.entries if needle not in e.term.lower() and needle in e.definition.lower()
        ]

    def terms_in(self, text: str) -> list[GlossaryEntry]:
        """Defined terms that occur in a text (longest match first, each once, in order of appearance)."""
        found: list[tuple[int, GlossaryEntry]] = []
        taken: list[tuple[int, int]] = []
        for entry in sorted(self.entries, key=lambda e: -len(e.term)):
            words = [re.escape(w) for w in entry.term.split()]
            if not words:
                continue
            # last word may be plural; a bare word after a number ('15 minutes') is a unit, not the term
            pattern = r"(?<![\w-])(?<!\d\s)" + r"\s+".join(words[:-1] + [words[-1] + r"(?:s|es)?"]) + r"(?![\w-])"
            for m in re.finditer(pattern, text, re.I):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                if (
                    len(words) == 1
                    and entry.term[0].isupper()
                    and entry.term[1:].islower()
                    and not m.group(0)[0].isupper()
                    and _is_capitalised_name(entry)
                ):
                    continue
                taken.append((m.start(), m.end()))
                found.append((m.start(), entry))
                break
        return [e for _, e in sorted(found, key=lambda x: x[0])]

    def to_markdown(self) -> str:
        lines = ["# Glossary", ""]
        for e in self.entries:
            lines.append(f"- **{e.term}**: {e.definition} [{e.citation.n}] ({where(e.citation)})")
        return "\n".join(lines) + "\n"


def _is_capitalised_name(entry: GlossaryEntry) -> bool:
    """A one-word term the library writes with a capital ('President') is a title, not the common word."""
    return bool(re.search(rf"(?<![.!?]\s)(?<!^)\b{re.escape(entry.term)}\b", entry.citation.passage_text))


def _clean_term(term: str) -> str:
    term = normalise(term).strip(" ,.:;\"'“”")
    return term[:1].upper() + term[1:] if term else term


def _definitions(chunk: Chunk) -> list[tuple[str, str, str]]:
    """(term, definition, quote) triples found in one passage."""
    out = []
    heading = chunk.heading
    sentences = [strip_clause_number(s) for s in passage_sentences(chunk.text)]
    for i, sentence in enumerate(sentences):
        quoted = list(QUOTED.finditer(sentence))
        for m in quoted:
            definition = m.group(2).strip().rstrip(";.")
            out.append((_clean_term(m.group(1)), f"{definition}.", normalise(m.group(0)).rstrip(";")))
        if quoted:
            continue
        lead = LEADING.match(sentence)
        if (
            lead
            and len(lead.group(1).split()) <= 5
            and not re.match(r"(?i)^(this|that|it|these|those|which|what|each|every|a\s)$", lead.group(1))
        ):
            term = lead.group(1)
            # A heading that names the term ('## Quorum') confirms a leading definition; otherwise accept
            # it only in a definitions part of a document.
            if (
                heading.lower().strip(" .") == term.lower()
                or _DEFINITION_HEADINGS.search(chunk.section)
                or chunk.kind.lower() == "glossary"
            ):
                quote = sentence
                if i + 1 < len(sentences) and len(sentence.split()) < 12:
                    quote = f"{sentence} {sentences[i + 1]}"
                out.append((_clean_term(term), lead.group(2).strip(), quote))
    return out


def build_glossary(retriever: HybridRetriever, sources: Collection[str] | None = None) -> Glossary:
    """All terms the library (or these documents of it: one festival's) defines, alphabetical; a term defined twice
    keeps the governing definition."""
    lex = retriever.lexical()
    found: dict[str, tuple[tuple[int, int], GlossaryEntry]] = {}
    for chunk in lex.chunks:
        if sources is not None and chunk.source not in sources:
            continue
        for term, definition, quote in _definitions(chunk):
            key = _key(term)
            if not key or len(term) < 3:
                continue
            passage = Passage(chunk=chunk, score=1.0)
            citation = make_citation(0, passage, quote)
            # governing documents first, then the glossary; within a rank, the earlier passage
            rank = (1 if chunk.kind.lower() in EXPLANATORY_KINDS else 0, chunk.index)
            if key not in found:
                found[key] = (rank, GlossaryEntry(term, definition, citation))
                continue
            old_rank, old = found[key]
            if rank < old_rank:
                entry = GlossaryEntry(term, definition, citation, [old.citation, *old.also])
                found[key] = (rank, entry)
            else:
                old.also.append(citation)
    entries = sorted((e for _, e in found.values()), key=lambda e: e.term.lower())
    for n, entry in enumerate(entries, start=1):
        entry.citation.n = n
        for c in entry.also:
            c.n = n
    return Glossary(entries, lex.signature)
