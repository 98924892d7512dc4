"""Two evaluation reports of one golden set side by side: what got better and worse, overall and question by
question, and for each rate counted per question the questions gained and lost and McNemar's p (whether the change
may be chance). What `eval --compare` prints and the Quality page shows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.errors import JurorError
from assistant.quality import metrics as m
from assistant.quality.evaluation import FAILURE_CLASSES, METRICS


def load_report(path: Path | str) -> dict[str, Any]:
    """An earlier JSON report, for --compare; a clear error when it is not one."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise JurorError(f"{path}: report not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise JurorError(f"{path}: not a readable JSON report ({exc})") from None
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("records"), list)
        or not isinstance(data.get("summary"), dict)
    ):
        raise JurorError(f"{path}: not an evaluation report (expected 'summary' and 'records')")
    return data


def _record_changes(now: dict[str, Any], before: dict[str, Any]) -> tuple[list[str], list[str]]:
    a, b = now.get("metrics", {}), before.get("metrics", {})
    better: list[str] = []
    worse: list[str] = []

    def note(good: bool, text: str) -> None:
        (better if good else worse).append(text)

    ra, rb = a.get("evidence_rank"), b.get("evidence_rank")
    if "evidence_rank" in a and "evidence_rank" in b and ra != rb:
        note(ra is not None and (rb is None or ra < rb), f"evidence rank {rb or 'not found'} -> {ra or 'not found'}")
    if now.get("abstained") != before.get("abstained"):
        note(bool(a.get("abstention_correct")), "now abstains" if now.get("abstained") else "now answers")
    for key, label in (
        ("citation_accurate", "citations cover the evidence"),
        ("citation_valid", "citation markers valid"),
    ):
        if key in a and key in b and a[key] != b[key]:
            note(bool(a[key]), f"{label}: {b[key]} -> {a[key]}")
    for key, label in (
        ("answer_support", "answer support"),
        ("key_fact_coverage", "key-fact coverage"),
        ("quote_precision", "quote precision"),
    ):
        va, vb = a.get(key), b.get(key)
        if va is not None and vb is not None and abs(va - vb) >= 0.01:
            note(va > vb, f"{label} {vb:.2f} -> {va:.2f}")
    return better, worse


# Rates counted question by question, so that two reports of one golden set can be compared pairwise: a change of
# citation accuracy from 0.75 to 0.80 is three questions gained and none lost, or five gained and two lost.
PAIRED = ("hit_at_1", "hit_at_5", "citation_accuracy", "abstention_recall", "answered_when_answerable")


def paired_value(key: str, record: dict[str, Any]) -> bool | None:
    """A question's yes/no for a `PAIRED` rate; None when the rate does not apply to it."""
    answerable = bool(record["expected"]["answerable"])
    metrics = record.get("metrics", {})
    if key == "abstention_recall":
        return None if answerable else bool(record["abstained"])
    if not answerable:
        return None
    if key == "answered_when_answerable":
        return not record["abstained"]
    value = metrics.get("citation_accurate" if key == "citation_accuracy" else key)
    return None if value is None else bool(value)


def compare(current: dict[str, Any], previous: dict[str, Any]) -> dict[str, Any]:
    """What got better and worse since `previous`, overall and question by question (matched by id). Each rate
    counted per question also gets the questions gained and lost and McNemar's p: how likely such a split is if
    the change made no difference."""
    old = {r["id"]: r for r in previous.get("records", [])}
    new = {r["id"]: r for r in current.get("records", [])}
    summary = []
    for key, label, up in METRICS:
        before = (previous.get("summary", {}).get(key) or {}).get("value")
        after = (current.get("summary", {}).get(key) or {}).get("value")
        delta = None if before is None or after is None else round(after - before, 4)
        direction = "same" if not delta else ("better" if (delta > 0) == up else "worse")
        row: dict[str, Any] = {
            "metric": key,
            "label": label,
            "before": before,
            "after": after,
            "delta": delta,
            "direction": direction,
            "gained": None,
            "lost": None,
            "p": None,
        }
        if key in PAIRED:
            pairs = [(paired_value(key, old[i]), paired_value(key, r)) for i, r in new.items() if i in old]
            row["gained"] = sum(1 for a, b in pairs if a is False and b is True)
            row["lost"] = sum(1 for a, b in pairs if a is True and b is False)
            row["p"] = m.paired_p(row["gained"], row["lost"])
        summary.append(row)
    changes = []
    for rid, record in new.items():
        if rid not in old:
            continue
        better, worse = _record_changes(record, old[rid])
        if better or worse:
            changes.append(
                {
                    "id": rid,
                    "question": record["question"],
                    "better": better,
                    "worse": worse,
                    "passed_before": old[rid].get("passed"),
                    "passed_now": record.get("passed"),
                }
            )
    classes = []
    old_counts = previous.get("summary", {}).get("failure_classes") or {}
    new_counts = current.get("summary", {}).get("failure_classes") or {}
    for key, label in FAILURE_CLASSES:
        before_n, after_n = old_counts.get(key), new_counts.get(key)
        delta = None if before_n is None or after_n is None else after_n - before_n
        classes.append({"class": key, "label": label, "before": before_n, "after": after_n, "delta": delta})
    return {
        "summary": summary,
        "failure_classes": classes,
        "changes": changes,
        "fixed": [c["id"] for c in changes if c["passed_now"] and not c["passed_before"]],
        "broken": [c["id"] for c in changes if c["passed_before"] and not c["passed_now"]],
        "added": sorted(set(new) - set(old)),
        "removed": sorted(set(old) - set(new)),
    }
