"""The shapes that cross module boundaries: chunks, passages, citations, answers.

`Answer.to_dict()` is the JSON contract of `juror-assistant ask --json` and of evaluation records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

SEP = " › "  # between the levels of a section path: "Jury Regulations › 8 Voting › 8.4 Tie-breaks"
# Progress of a long job: (stage, done, total), e.g. ("assistant", 12, 143) while a golden set is asked.
ProgressFn = Callable[[str, int, int], None]


def unit_id(chunk_id: str, position: int) -> str:
    """The id of a passage's quotable unit (its vector is stored at ingest under this id)."""
    return f"{chunk_id}:{position}"


@dataclass(frozen=True)
class Chunk:
    """One citable piece of one document, as stored."""

    id: str
    text: str
    source: str
    title: str
    section: str
    page: int | None
    kind: str
    doc_version: str
    index: int
    festival: str = ""
    edition: str = ""
    effective_date: str = ""
    amends: str = ""

    @property
    def heading(self) -> str:
        """The heading the chunk stands right under (the last part of its section path), or ""."""
        return self.section.split(SEP)[-1].strip()

    def metadata(self) -> dict[str, Any]:
        meta = {k: v for k, v in asdict(self).items() if k not in ("id", "text")}
        meta["page"] = self.page if self.page is not None else 0
        return meta

    @classmethod
    def from_store(cls, chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
        page = int(meta.get("page") or 0)
        return cls(
            id=chunk_id,
            text=text,
            source=str(meta.get("source", "")),
            title=str(meta.get("title", "")),
            section=str(meta.get("section", "")),
            page=page or None,
            kind=str(meta.get("kind", "")),
            doc_version=str(meta.get("doc_version", "")),
            index=int(meta.get("index", 0)),
            festival=str(meta.get("festival", "")),
            edition=str(meta.get("edition", "")),
            effective_date=str(meta.get("effective_date", "")),
            amends=str(meta.get("amends", "")),
        )


@dataclass
class Passage:
    """A retrieved chunk with its rank score and notes from retrieval (e.g. superseded)."""

    chunk: Chunk
    score: float
    dense: float = 0.0
    lexical: float = 0.0
    note: str = ""
    superseded_by: str = ""
    amended_by: str = ""  # an amendment replaced words of it ("five years" by "seven years"), not the whole clause

    def to_context(self) -> dict[str, Any]:
        return {
            "source": self.chunk.source,
            "title": self.chunk.title,
            "section": self.chunk.section,
            "page": self.chunk.page,
            "text": self.chunk.text,
            "score": round(float(self.score), 4),
        }


@dataclass
class Citation:
    """`[n]` in an answer: the passage and the exact words the sentence rests on."""

    n: int
    source: str
    title: str
    section: str
    page: int | None
    quote: str
    passage_text: str = ""
    chunk_id: str = ""
    effective_date: str = ""
    note: str = ""

    def add_quote(self, quote: str) -> None:
        """Another piece of the same passage that an answer rests on, said once ("… " between pieces)."""
        if quote not in self.quote:
            self.quote = f"{self.quote} … {quote}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "source": self.source,
            "title": self.title,
            "section": self.section,
            "page": self.page,
            "quote": self.quote,
        }


@dataclass
class Answer:
    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    contexts: list[Passage] = field(default_factory=list)
    related: list[Passage] = field(default_factory=list)
    latency_ms: float = 0.0
    standalone_question: str = ""
    answerer: str = "extractive"
    notes: list[str] = field(default_factory=list)
    declined: bool = False
    scope: list[str] = field(default_factory=list)  # the documents the answer is drawn from (or was confined to)

    def noted(self, notes: list[str]) -> Answer:
        """The answer with these notes added (how the question was read), for chaining."""
        self.notes.extend(notes)
        return self

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [c.to_dict() for c in self.citations],
            "contexts": [p.to_context() for p in self.contexts],
            "latency_ms": round(self.latency_ms, 1),
            "standalone_question": self.standalone_question or self.question,
            "answerer": self.answerer,
            "notes": list(self.notes),
            "scope": list(self.scope),
        }
