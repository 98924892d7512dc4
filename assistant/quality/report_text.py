"""The evaluation report as text for a terminal: summary table, failure classes, failing questions, comparison."""

from __future__ import annotations

from typing import Any

from assistant.quality.evaluation import CLASS_LABELS, FAILURE_CLASSES, GATE, GATE_MAX, LABELS, METRICS, UNITS, failing
from assistant.quality.variants import VARIANT_METRICS

# The metric column of the tables: wide enough for the longest label.
LABEL_WIDTH = max(len(label) for _, label, _ in METRICS)

# ---------------------------------------------------------------- plain-text views


def fmt(value: Any, key: str = "") -> str:
    """A metric's value as shown: rates with three decimals, words and milliseconds whole, "-" for none."""
    if value is None:
        return "-"
    if key in UNITS:
        return f"{value:.0f}"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def fmt_ci(metric: dict[str, Any] | None) -> str:
    """A rate's 95% interval as shown ("0.670-0.888"); "" for a metric that has none."""
    ci = (metric or {}).get("ci")
    return f"{ci[0]:.3f}-{ci[1]:.3f}" if ci else ""


def fmt_paired(row: dict[str, Any]) -> str:
    """The questions behind a change of a rate and how likely it is by chance ("3 gained, 0 lost, p=0.25")."""
    if row.get("p") is None:
        return ""
    return f"{row['gained']} gained, {row['lost']} lost, p={row['p']:.2f}"


# How a comparison says that a rate's change may be chance (see `compare`).
NOISE_NOTE = (
    "p: McNemar's exact test over the questions whose result changed; above 0.05 the change may be chance "
    "(docs/evaluation.md, Comparing two runs)."
)


def gate_limit(key: str) -> str:
    """The default gate's limit on a metric as shown beside it ("≥ 0.95", "≤ 35"); "" when it has none."""
    if key in GATE:
        return f"≥ {GATE[key]:.2f}"
    if key in GATE_MAX:
        return f"≤ {GATE_MAX[key]:g}"
    return ""


def within_gate(key: str, value: Any) -> bool:
    """Does a value meet the default gate's limit on its metric (a metric with no value never does)?"""
    if key in GATE:
        return value is not None and value >= GATE[key]
    if key in GATE_MAX:
        return value is not None and value <= GATE_MAX[key]
    return True


def follow_up_phrase(summary: dict[str, Any]) -> str:
    """ "; follow-ups: 16 of 21 passed" when the set has follow-ups (reports before they were counted have none)."""
    follow = summary.get("follow_ups") or {}
    return f"; follow-ups: {follow['passed']} of {follow['questions']} passed" if follow.get("questions") else ""


def format_summary(report: dict[str, Any]) -> str:
    base = report.get("baseline", {}).get("summary")
    s = report["summary"]
    lines = [
        f"{s['questions']} questions ({s['answerable']} answerable, {s['unanswerable']} unanswerable); {s['passed']} passed, {s['failed']} failed{follow_up_phrase(s)}."
    ]
    head = f"{'METRIC':<{LABEL_WIDTH}} {'OURS':>8} {'N':>4} {'95% CI':>11}" + (f" {'BASELINE':>9}" if base else "")
    lines.append(head)
    for key, label, _ in METRICS:
        row = f"{label:<{LABEL_WIDTH}} {fmt(s[key]['value'], key):>8} {s[key]['n']:>4} {fmt_ci(s[key]):>11}"
        if base:
            row += f" {fmt(base[key]['value'], key):>9}"
        lines.append(row.rstrip())
    lines.append("")
    lines.append(f"{'FAILURE CLASS':<34} {'OURS':>5}" + (f" {'BASELINE':>9}" if base else ""))
    for _key, label, value, base_value in class_rows(report):
        lines.append(f"{label:<34} {fmt(value):>5}" + (f" {fmt(base_value):>9}" if base else ""))
    return "\n".join(lines)


def variant_rows(report: dict[str, Any]) -> list[dict[str, str]]:
    """The rates of the questions as written beside each variant's ({"Metric", "written", name...})."""
    variants = report.get("variants") or {}
    labels = {key: label for key, label, _ in METRICS}
    return [
        {"Metric": labels[key], "written": fmt(report["summary"][key]["value"], key)}
        | {name: fmt(v["summary"][key]["value"], key) for name, v in variants.items()}
        for key in VARIANT_METRICS
    ]


def format_variants(report: dict[str, Any]) -> str:
    """The questions as written beside each variant (lower case, an opener, a preamble), and the questions that
    pass as written but fail typed that way."""
    variants = report.get("variants") or {}
    lines = ["Typed another way (--variants):"]
    lines.append(f"{'METRIC':<{LABEL_WIDTH}} {'WRITTEN':>8}" + "".join(f" {n.upper():>9}" for n in variants))
    for row in variant_rows(report):
        lines.append(f"{row['Metric']:<{LABEL_WIDTH}} {row['written']:>8}" + "".join(f" {row[n]:>9}" for n in variants))
    for name, variant in variants.items():
        lost = variant["lost"]
        lines.append(f"{name}: {variant['label']}; {len(lost)} passing question(s) fail typed this way")
        lines.extend(f"  {item['id']} ({item['failure_class']}): {item['question']}" for item in lost)
    return "\n".join(lines)


def class_rows(report: dict[str, Any]) -> list[tuple[str, str, Any, Any]]:
    """(key, label, ours, baseline) per failure class, then the front-matter quotes over all answers."""
    s = report["summary"]
    b = report.get("baseline", {}).get("summary") or {}
    rows = [
        (key, label, (s.get("failure_classes") or {}).get(key), (b.get("failure_classes") or {}).get(key))
        for key, label in FAILURE_CLASSES
    ]
    rows.append(
        (
            "front_matter_quotes",
            "Front-matter quotes (all answers)",
            s.get("front_matter_quotes"),
            b.get("front_matter_quotes"),
        )
    )
    return rows


def format_failures(report: dict[str, Any], limit: int | None = None) -> str:
    """One block per failing question: the reasons, the answer and the top passages (compact)."""
    out = []
    for r in failing(report)[:limit]:
        exp = r["expected"]
        out.append(
            f"[{r['id']}] {r['question']}"
            + (f"  (follow-up after {len(r['history'])} turns)" if r.get("history") else "")
        )
        out.append("  fails: " + "; ".join(r["failures"]))
        if r.get("failure_class"):
            also = [c for c in r.get("failure_classes", []) if c != r["failure_class"]]
            out.append(
                f"  class: {r['failure_class']} ({CLASS_LABELS.get(r['failure_class'], '?')})"
                + (f"; also {', '.join(also)}" if also else "")
            )
        if exp["answerable"]:
            out.append(f"  expected ({exp['source']}): {exp['evidence'][:160]}")
        out.append(f"  answer: {r['answer'][:220]}")
        for i, c in enumerate(r["contexts"][:5], 1):
            out.append(f"    {i}. {c['source']} § {c['section'][:60]}: {c['text'][:90]!r}")
    return "\n".join(out)


def format_comparison(comparison: dict[str, Any]) -> str:
    lines = ["Compared with the previous report:"]
    paired = False
    for row in comparison["summary"]:
        if row["delta"]:
            why = fmt_paired(row)
            paired = paired or bool(why)
            lines.append(
                f"  {row['label']:<{LABEL_WIDTH}} {fmt(row['before'], row['metric']):>8} -> {fmt(row['after'], row['metric']):<8} ({row['direction']}{'; ' + why if why else ''})"
            )
    for row in comparison.get("failure_classes", []):
        if row["delta"]:
            lines.append(
                f"  {row['label']:<31} {row['before']:>3} -> {row['after']:<3} (failing questions of this class)"
            )
    for c in comparison["changes"]:
        for text in c["better"]:
            lines.append(f"  + {c['id']}: {text}")
        for text in c["worse"]:
            lines.append(f"  - {c['id']}: {text}")
    if comparison["added"]:
        lines.append(f"  new questions: {', '.join(comparison['added'])}")
    if comparison["removed"]:
        lines.append(f"  questions no longer in the set: {', '.join(comparison['removed'])}")
    if len(lines) == 1:
        lines.append("  no change.")
    elif paired:
        lines.append(f"  {NOISE_NOTE}")
    return "\n".join(lines)


def gate_failures(
    summary: dict[str, Any], minimums: dict[str, float] | None = None, maximums: dict[str, float] | None = None
) -> list[str]:
    """One line per gated metric below its minimum or above its maximum (a metric with no applicable question fails
    too). With neither given, the default gate (`GATE` and `GATE_MAX`); with either, exactly the limits given."""
    if minimums is None and maximums is None:
        minimums, maximums = GATE, GATE_MAX
    out = []
    for key, minimum in (minimums or {}).items():
        value = summary[key]["value"]
        if value is None or value < minimum:
            out.append(f"{LABELS[key]} {fmt(value, key)} < {minimum:.2f} (n={summary[key]['n']})")
    for key, maximum in (maximums or {}).items():
        value = summary[key]["value"]
        if value is None or value > maximum:
            out.append(f"{LABELS[key]} {fmt(value, key)} > {maximum:g} (n={summary[key]['n']})")
    return out
