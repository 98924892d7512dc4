"""Run a golden set through the assistant (and optionally the tutorial baseline) and score every answer.

The report is a plain dict, written as JSON: `summary` (each metric as {"value", "n"}, plus failing questions
per failure class), `records` (each the `ask --json` shape plus `id`, `expected`, `metrics`, `failures` and
`failure_class`), optionally `baseline` (the same for the tutorial pipeline) and `comparison`
(question-by-question change against an earlier report). Everything but latency is deterministic for a given
library and golden set.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from assistant.errors import ConfigError, JurorError
from assistant.quality import metrics as m
from assistant.quality.golden import GoldenRecord
from assistant.schema import Answer, ProgressFn

if TYPE_CHECKING:
    from assistant.answers.assistant import Assistant
    from assistant.config import Settings
    from assistant.library.store import DocumentRecord

REPORT_VERSION = 1

# (key, label, higher is better) in display order.
METRICS: tuple[tuple[str, str, bool], ...] = (
    ("hit_at_1", "Retrieval hit@1", True),
    ("hit_at_5", "Retrieval hit@5", True),
    ("mrr", "Retrieval MRR", True),
    ("citation_accuracy", "Citation accuracy", True),
    ("citation_validity", "Citation validity", True),
    ("answer_support", "Answer support", True),
    ("key_fact_coverage", "Key-fact coverage", True),
    ("quote_precision", "Quote precision, median", True),
    ("quote_precision_mean", "Quote precision, mean", True),
    ("abstention_precision", "Abstention precision", True),
    ("abstention_recall", "Abstention recall", True),
    ("answered_when_answerable", "Answered when answerable", True),
    ("answer_words_median", "Answer length, median words", False),
    ("answer_words_p90", "Answer length, p90 words", False),
    ("latency_p50_ms", "Latency p50 (ms)", False),
    ("latency_p95_ms", "Latency p95 (ms)", False),
)
LABELS = {key: label for key, label, _ in METRICS}
HIGHER_IS_BETTER = {key: up for key, _, up in METRICS}
# Metrics counted in a unit (words, milliseconds): shown as whole numbers, left out of the 0-to-1 chart, and
# lower is better for each, so a gate sets them a maximum. Every other metric is a rate between 0 and 1.
UNITS = {
    "answer_words_median": "words",
    "answer_words_p90": "words",
    "latency_p50_ms": "ms",
    "latency_p95_ms": "ms",
}
RATES = tuple(key for key, _, _ in METRICS if key not in UNITS)
# Why a question failed, in precedence order: a failing record's `failure_class` is the first that applies
# (`failure_classes` lists all that apply). The stage a juror notices first comes first: whether it answered
# at all, then whether the rule was found, then what was quoted. Defined in docs/evaluation.md.
FAILURE_CLASSES: tuple[tuple[str, str], ...] = (
    ("answered_unanswerable", "Answered an unanswerable one"),
    ("declined_answerable", "Declined an answerable one"),
    ("evidence_not_retrieved", "Evidence not retrieved"),
    ("front_matter_quoted", "Front matter quoted"),
    ("wrong_document", "Wrong document"),
    ("other_sentence", "Right passage, other sentence"),
    ("other_passage", "Right document, other passage"),
    ("unsupported_or_invalid", "Unsupported or invalid answer"),
)
CLASS_LABELS = dict(FAILURE_CLASSES)
# The quality gate (`eval --gate`, and the test suite's on the sample library): minimum values of rate metrics ...
GATE: dict[str, float] = {
    "hit_at_5": 0.95,
    "citation_accuracy": 0.90,
    "answer_support": 0.95,
    "quote_precision": 0.60,
    "abstention_recall": 0.80,
    "answered_when_answerable": 0.95,
}
# ... and maximum values of the metrics where lower is better.
GATE_MAX: dict[str, float] = {
    "answer_words_median": 35,
}


def _parse_limits(items: Sequence[str], option: str, keys: Sequence[str], other: str) -> dict[str, float]:
    """`["METRIC=VALUE", ...]` -> {METRIC: VALUE} for `keys`; `other` names the option the remaining metrics take."""
    out: dict[str, float] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        key = key.strip()
        if not sep or key not in keys:
            hint = f" ({key} takes {other})" if key in HIGHER_IS_BETTER else ""
            raise ConfigError(f"{option} {item!r}: write METRIC=VALUE with METRIC one of {', '.join(keys)}{hint}")
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if option == "--min" and not 0.0 <= value <= 1.0:
            raise ConfigError(f"--min {item!r}: the minimum must be a number between 0 and 1, e.g. {key}=0.9")
        if option == "--max" and not 0.0 <= value < math.inf:
            example = f"{key}={GATE_MAX.get(key, 35):g}"
            raise ConfigError(f"--max {item!r}: the maximum must be a number of 0 or more, e.g. {example}")
        out[key] = value
    return out


def parse_minimums(items: Sequence[str]) -> dict[str, float]:
    """`["hit_at_5=0.9", ...]` -> {"hit_at_5": 0.9}; only rate metrics (higher is better) between 0 and 1."""
    return _parse_limits(items, "--min", [k for k in RATES if HIGHER_IS_BETTER[k]], "--max")


def parse_maximums(items: Sequence[str]) -> dict[str, float]:
    """`["answer_words_median=35", ...]` -> {"answer_words_median": 35.0}; only metrics where lower is better
    (answer length in words, latency in ms), any number of 0 or more."""
    return _parse_limits(items, "--max", [k for k, up in HIGHER_IS_BETTER.items() if not up], "--min")


class Askable(Protocol):
    def ask(self, question: str, history: Any = None, *, log: bool = True) -> Answer: ...


class Baseline(Askable, Protocol):
    name: str


# ---------------------------------------------------------------- one question


def _citation_dicts(answer: Answer) -> list[dict[str, Any]]:
    return [
        c.to_dict() | {"passage_text": c.passage_text, "effective_date": c.effective_date} for c in answer.citations
    ]


def score_record(golden: GoldenRecord, answer: Answer) -> dict[str, Any]:
    """The per-question metrics, the reasons it fails (empty when it passes) and the failure's class."""
    contexts = [p.to_context() for p in answer.contexts]
    citations = _citation_dicts(answer)
    answered = not answer.abstained
    out: dict[str, Any] = {"abstained": answer.abstained}
    failures: list[str] = []
    applies: dict[str, bool] = {}
    if golden.answerable:
        rank = m.evidence_rank(golden.evidence, golden.source, contexts)
        out |= {
            "evidence_rank": rank,
            "hit_at_1": m.hit_at(rank, 1),
            "hit_at_5": m.hit_at(rank, 5),
            "reciprocal_rank": round(m.reciprocal_rank(rank), 4),
        }
        applies["evidence_not_retrieved"] = not out["hit_at_5"]
        applies["declined_answerable"] = answer.abstained or answer.declined
        if not m.hit_at(rank, 5):
            failures.append(
                f"evidence ({golden.source}) not in the top 5 passages" + (f" (rank {rank})" if rank else "")
            )
        if answer.declined:
            failures.append("declined to judge a factual question (the decline-to-judge guardrail fired)")
        if answered:
            coverage, accurate = m.citation_accurate(golden.evidence, golden.source, citations)
            out["citation_coverage"] = round(coverage, 4)
            out["citation_accurate"] = accurate
            fact = m.key_fact_coverage(golden.answer, answer.answer)
            out["key_fact_coverage"] = None if fact is None else round(fact, 4)
            # Did it cite the passage that holds the evidence (if with another sentence)?
            out["cited_evidence_passage"] = any(
                m.holds_evidence(golden.evidence, c["passage_text"]) for c in citations if c["passage_text"]
            )
            missed = not accurate and bool(citations)
            lead = min(citations, key=lambda c: int(c["n"])) if citations else {}
            # The quote the answer leads with ([1]) is another document's rule, not a restatement of the evidence.
            elsewhere = bool(lead) and not m.same_source(golden.source, lead["source"], lead["title"])
            elsewhere = elsewhere and not m.holds_evidence(golden.evidence, lead.get("passage_text") or "")
            applies["wrong_document"] = missed and out["hit_at_5"] and elsewhere
            applies["other_sentence"] = missed and out["cited_evidence_passage"]
            applies["other_passage"] = (
                missed and out["hit_at_5"] and not out["cited_evidence_passage"] and not elsewhere
            )
            if not out["citation_accurate"]:
                cited = sorted({c["source"] for c in citations}) or ["nothing"]
                hint = "; right passage, other sentence" if out["cited_evidence_passage"] else ""
                failures.append(
                    f"citations do not cover the evidence (coverage {coverage:.2f}; cited {', '.join(cited)}{hint})"
                )
        else:
            failures.append("abstained on an answerable question")
    elif answered:
        failures.append("answered a question the library does not cover")
        applies["answered_unanswerable"] = True
    if answered:
        out["citation_valid"] = m.citation_validity(answer.answer, citations)
        support = m.answer_support(answer.answer, citations)
        out["answer_support"] = None if support is None else round(support, 4)
        out["front_matter_quotes"] = m.front_matter_quotes(citations)
        applies["front_matter_quoted"] = out["front_matter_quotes"] > 0
        applies["unsupported_or_invalid"] = not out["citation_valid"] or (support is not None and support < 1.0)
        if not out["citation_valid"]:
            failures.append("a [n] marker is missing, does not resolve, or quotes words not in its passage")
        if support is not None and support < 1.0:
            failures.append(f"unsupported answer sentences (support {support:.2f})")
    precision = m.quote_precision(
        answer.answer, golden.evidence, answerable=golden.answerable, abstained=answer.abstained
    )
    out["quote_precision"] = None if precision is None else round(precision, 4)
    out["answer_words"] = m.answer_words(answer.answer, abstained=answer.abstained)
    out["abstention_correct"] = answer.abstained != golden.answerable
    classes = [key for key, _ in FAILURE_CLASSES if applies.get(key)] if failures else []
    if failures and not classes:
        classes = ["unsupported_or_invalid"]  # the catch-all: every failing record has a class
    return {
        "metrics": out,
        "failures": failures,
        "failure_class": classes[0] if classes else None,
        "failure_classes": classes,
    }


def record_dict(golden: GoldenRecord, answer: Answer) -> dict[str, Any]:
    scored = score_record(golden, answer)
    body = answer.to_dict()
    return {
        "id": golden.id,
        **body,
        "question": golden.question,
        "history": golden.history_list(),
        "expected": {
            "answer": golden.answer,
            "source": golden.source,
            "evidence": golden.evidence,
            "answerable": golden.answerable,
        },
        "declined": answer.declined,
        "metrics": scored["metrics"],
        "failures": scored["failures"],
        "failure_class": scored["failure_class"],
        "failure_classes": scored["failure_classes"],
        "passed": not scored["failures"],
    }


# ---------------------------------------------------------------- a whole set


def summarise(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Overall metrics from scored records; each is {"value", "n"} and None (never NaN) when n is 0."""

    def col(name: str, where: Callable[[dict[str, Any]], bool] = lambda r: True) -> list[Any]:
        return [r["metrics"].get(name) for r in records if where(r)]

    answerable = [r for r in records if r["expected"]["answerable"]]
    unanswerable = [r for r in records if not r["expected"]["answerable"]]
    abstained = [r for r in records if r["abstained"]]
    true_abstentions = sum(1 for r in unanswerable if r["abstained"])
    latencies = [float(r["latency_ms"]) for r in records]
    precisions = col("quote_precision")
    lengths = col("answer_words")
    is_answerable: Callable[[dict[str, Any]], bool] = lambda r: bool(r["expected"]["answerable"])  # noqa: E731
    return {
        "questions": len(records),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "passed": sum(1 for r in records if r["passed"]),
        "failed": sum(1 for r in records if not r["passed"]),
        "hit_at_1": m.rate(col("hit_at_1", is_answerable)),
        "hit_at_5": m.rate(col("hit_at_5", is_answerable)),
        "mrr": m.aggregate(col("reciprocal_rank", is_answerable)),
        "citation_accuracy": m.rate(col("citation_accurate", is_answerable)),
        "citation_validity": m.rate(col("citation_valid")),
        "answer_support": m.aggregate(col("answer_support")),
        "key_fact_coverage": m.aggregate(col("key_fact_coverage", is_answerable)),
        "quote_precision": m.aggregate_median(precisions),
        "quote_precision_mean": m.aggregate(precisions),
        "abstention_precision": m.ratio(true_abstentions, len(abstained)),
        "abstention_recall": m.ratio(true_abstentions, len(unanswerable)),
        "answered_when_answerable": m.ratio(sum(1 for r in answerable if not r["abstained"]), len(answerable)),
        "answer_words_median": m.aggregate_median(lengths),
        "answer_words_p90": m.spread(lengths, 90),
        "latency_p50_ms": m.spread(latencies, 50, 1),
        "latency_p95_ms": m.spread(latencies, 95, 1),
        # Follow-ups are the weakest kind of question (docs/evaluation.md, Results item 22): shown on their own.
        "follow_ups": {
            "questions": sum(1 for r in records if r.get("history")),
            "passed": sum(1 for r in records if r.get("history") and r["passed"]),
        },
        "failure_classes": class_counts(records),
        "front_matter_quotes": sum(int(r["metrics"].get("front_matter_quotes") or 0) for r in records),
        "front_matter_answers": sum(1 for r in records if r["metrics"].get("front_matter_quotes")),
    }


def class_counts(records: Sequence[dict[str, Any]]) -> dict[str, int]:
    """{class: failing records whose primary class it is}, every class present, in precedence order."""
    counts = dict.fromkeys(CLASS_LABELS, 0)
    for r in records:
        key = r.get("failure_class")
        if key in counts:
            counts[key] += 1
    return counts


def run_system(
    system: Askable, golden: Sequence[GoldenRecord], stage: str = "assistant", progress: ProgressFn | None = None
) -> dict[str, Any]:
    """Ask every question (with its history) and score the answers: {"summary", "records"}."""
    records = []
    for i, item in enumerate(golden):
        answer = system.ask(item.question, history=item.history_list() or None, log=False)
        records.append(record_dict(item, answer))
        if progress:
            progress(stage, i + 1, len(golden))
    return {"summary": summarise(records), "records": records}


def evaluate(
    system: Askable,
    golden: Sequence[GoldenRecord],
    *,
    documents: Sequence[DocumentRecord],
    settings: Settings | None = None,
    baseline: Baseline | None = None,
    golden_name: str = "",
    progress: ProgressFn | None = None,
) -> dict[str, Any]:
    """The full report for one golden set asked of `system` over a library holding `documents` (and of the tutorial
    `baseline` over the same library, when one is given: `assistant.quality.baseline.baseline_pipeline`)."""
    if not documents:
        raise JurorError("the library is empty: load the festival's documents first (juror-assistant ingest PATH)")
    known = {d.source.lower() for d in documents} | {d.title.lower() for d in documents}
    warnings = sorted(
        {
            f"{g.id}: source {g.source!r} is not in the library"
            for g in golden
            if g.answerable and g.source.lower() not in known and not any(m.same_source(g.source, k) for k in known)
        }
    )
    ours = run_system(system, golden, "assistant", progress)
    report: dict[str, Any] = {
        "meta": {
            "version": REPORT_VERSION,
            "golden": golden_name,
            "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "documents": len(documents),
            "answerer": settings.answerer if settings else "",
            "top_k": settings.top_k if settings else None,
        },
        "summary": ours["summary"],
        "records": ours["records"],
        "warnings": warnings,
    }
    if baseline is not None:
        report["baseline"] = run_system(baseline, golden, "baseline", progress) | {"name": baseline.name}
    return report


def failing(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in report["records"] if not r["passed"]]


def write_json(report: dict[str, Any], path: Path | str) -> None:
    Path(path).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def evaluate_assistant(
    assistant: Assistant,
    golden: Sequence[GoldenRecord],
    golden_name: str = "",
    *,
    baseline: bool = False,
    progress: ProgressFn | None = None,
) -> dict[str, Any]:
    """`evaluate` over the assistant's own library, with the tutorial baseline over the same files when asked: what
    the eval command, the Quality page and the benchmark all run."""
    from assistant.quality.baseline import baseline_pipeline

    with baseline_pipeline(assistant.library, baseline, progress) as pipeline:
        return evaluate(
            assistant,
            golden,
            documents=assistant.library.documents(),
            settings=assistant.settings,
            baseline=pipeline,
            golden_name=golden_name,
            progress=progress,
        )
