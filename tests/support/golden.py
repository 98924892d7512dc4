"""Golden sets and evaluation records for the quality tests: the sample set, a subset of it, one golden line,
one scored record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "corpus" / "golden.jsonl"
# The sample library's documents, as the sample golden set names them.
DOCUMENTS = {
    "jury-regulations.md",
    "amendment-01.md",
    "glossary.md",
    "logistics-faq.md",
    "welcome-letter.txt",
    "code-of-conduct.pdf",
    "screening-attendance.pdf",
    "judging-criteria.docx",
    "deliberation-timeline.html",
}


def golden_subset(folder: Path, ids: set[str]) -> Path:
    """The sample golden set's lines for these ids, as a golden file of its own (a quick CLI or page run)."""
    path = folder / "small.jsonl"
    lines = [ln for ln in GOLDEN.read_text(encoding="utf-8").splitlines() if json.loads(ln)["id"] in ids]
    assert len(lines) == len(ids), "an id is not in the sample golden set"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def golden_line(**fields: Any) -> str:
    """One golden-set line: a valid answerable record, with `fields` changed (`...` drops a field)."""
    base = {
        "id": "q1",
        "question": "How many jurors?",
        "answer": "Seven.",
        "source": "jury-regulations.md",
        "evidence": "The jury consists of seven members.",
        "answerable": True,
    }
    base.update(fields)
    return json.dumps({k: v for k, v in base.items() if v is not ...})


def scored_record(rid: str, answerable: bool, abstained: bool, **metrics: Any) -> dict[str, Any]:
    """One record of an evaluation report with these metric values; it passed when it abstained exactly when
    unanswerable."""
    return {
        "id": rid,
        "question": f"question {rid}?",
        "answer": "x",
        "abstained": abstained,
        "citations": [],
        "contexts": [],
        "latency_ms": 10.0,
        "expected": {"answerable": answerable, "answer": "", "source": "", "evidence": ""},
        "metrics": metrics,
        "failures": [] if (abstained != answerable) else ["wrong"],
        "passed": abstained != answerable,
    }
