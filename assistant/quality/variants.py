"""The golden questions asked again as jurors type them: in lower case, after a polite opener, after a sentence
about the asker, after the asker's role, with a letter left out. A golden set is written with care; a juror in a hurry is not. The answer should not depend on
the capitals or on the words around the question, and a question that passes as written but fails typed another
way is a weakness the golden set alone does not show (docs/evaluation.md, Robustness).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from typing import Any

from assistant.quality.evaluation import Askable, ProgressFn, run_system
from assistant.quality.golden import GoldenRecord


def _lower(question: str) -> str:
    return question.lower().rstrip(" ?")


def _opener(question: str) -> str:
    return "Please tell me: " + question[:1].lower() + question[1:]


def _preamble(question: str) -> str:
    return "I'm new to this and want to get it right. " + question


def _role(question: str) -> str:
    return "As a member of the jury, " + question[:1].lower() + question[1:]


def _slip(question: str) -> str:
    """One letter left out of the question's longest word (its fourth): the commonest slip of a juror typing fast."""
    longest = max(re.findall(r"[A-Za-z]{6,}", question), key=len, default="")
    return question.replace(longest, longest[:3] + longest[4:], 1) if longest else question


# name -> (what a reader of the report is told, how the question is rewritten)
VARIANTS: dict[str, tuple[str, Callable[[str], str]]] = {
    "lower": ("typed in lower case, without a question mark", _lower),
    "opener": ('after a polite opener ("Please tell me: …")', _opener),
    "preamble": ("after a sentence about the asker", _preamble),
    "role": ('after the asker\'s role ("As a member of the jury, …")', _role),
    "slip": ("with a letter left out of its longest word", _slip),
}
# The rates a variant is read by, beside the same rates of the questions as written.
VARIANT_METRICS = ("citation_accuracy", "abstention_recall", "abstention_precision", "answered_when_answerable")


def rewritten(golden: Sequence[GoldenRecord], rewrite: Callable[[str], str]) -> list[GoldenRecord]:
    """The golden set with each question rewritten; a follow-up keeps its words, its history gives it its sense."""
    return [g if g.history else dataclasses.replace(g, question=rewrite(g.question)) for g in golden]


def run_variants(
    system: Askable,
    golden: Sequence[GoldenRecord],
    as_written: Sequence[dict[str, Any]],
    progress: ProgressFn | None = None,
) -> dict[str, Any]:
    """Each variant's summary, and the questions that pass as written (`as_written`: their scored records) but
    fail rewritten: {name: {"label", "summary", "lost": [{"id", "question", "failure_class"}]}}."""
    passed = {r["id"] for r in as_written if r["passed"]}
    out: dict[str, Any] = {}
    for name, (label, rewrite) in VARIANTS.items():
        result = run_system(system, rewritten(golden, rewrite), f"variant-{name}", progress)
        lost = [
            {"id": r["id"], "question": r["question"], "failure_class": r.get("failure_class")}
            for r in result["records"]
            if r["id"] in passed and not r["passed"]
        ]
        out[name] = {"label": label, "summary": result["summary"], "lost": lost}
    return out
