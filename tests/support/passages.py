"""Hand-made passages for unit tests of one function (answerers, citation checks); real ones come from ingestion."""

from __future__ import annotations

from assistant.schema import Chunk, Passage


def make_passage(
    text: str,
    section: str = "1 Rules",
    *,
    source: str = "rules.md",
    page: int | None = None,
    index: int = 0,
    score: float = 1.0,
    superseded_by: str = "",
) -> Passage:
    chunk = Chunk(
        id=f"{source}#{section}",
        text=text,
        source=source,
        title="Jury Rules",
        section=section,
        page=page,
        kind="regulations",
        doc_version="v1",
        index=index,
    )
    return Passage(chunk, score=score, dense=score, superseded_by=superseded_by)
