"""The organisers' Quality page: run a golden set with a progress bar, read the scores and the failures,
download the reports, and check that every section of the library can be found.

The work is done by `assistant.quality.evaluation` and `assistant.quality.health`; this page only collects input and draws.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st

from assistant.answers.assistant import Assistant
from assistant.config import Settings
from assistant.errors import JurorError
from assistant.quality.comparison import compare
from assistant.quality.evaluation import CLASS_LABELS, LABELS, METRICS, RATES, evaluate_assistant
from assistant.quality.golden import GoldenRecord, load_golden, parse_golden
from assistant.quality.report_text import (
    NOISE_NOTE,
    class_rows,
    fmt,
    fmt_ci,
    fmt_paired,
    follow_up_phrase,
    gate_failures,
    gate_limit,
    variant_rows,
)
from assistant.quality.variants import VARIANTS, run_variants
from assistant.ui.auth import organiser_gate
from assistant.ui.format import unreachable_rows

REPORT_KEY = "quality_report"
HEALTH_KEY = "quality_health"
SAMPLE_GOLDEN = Path(__file__).resolve().parents[2] / "corpus" / "golden.jsonl"
STAGES = {
    "assistant": "Asking the assistant",
    "baseline-index": "Indexing the baseline",
    "baseline": "Asking the baseline",
    "health": "Probing sections",
} | {f"variant-{name}": f"Asking again, {label}" for name, (label, _) in VARIANTS.items()}


def summary_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The summary table as rows (ours, n, baseline, gate) for st.dataframe."""
    base = report.get("baseline", {}).get("summary")
    rows = []
    for key, label, _ in METRICS:
        row: dict[str, Any] = {
            "Metric": label,
            "Ours": fmt(report["summary"][key]["value"], key),
            "n": report["summary"][key]["n"],
            "95% interval": fmt_ci(report["summary"][key]),
        }
        if base:
            row["Baseline"] = fmt(base[key]["value"], key)
        row["Gate"] = gate_limit(key)
        rows.append(row)
    return rows


def chart_data(report: dict[str, Any]) -> dict[str, dict[str, float]]:
    """{series: {metric label: value}} for the rate metrics (answer length and latency have their own units and are
    left out)."""
    series = {"ours": report["summary"]}
    if report.get("baseline"):
        series["baseline"] = report["baseline"]["summary"]
    return {name: {LABELS[k]: float(s[k]["value"] or 0.0) for k in RATES} for name, s in series.items()}


def _golden_input() -> tuple[list[GoldenRecord] | None, str]:
    upload = st.file_uploader(
        "Golden set (JSON Lines, one question per line)", type=["jsonl", "json", "txt"], key="quality_golden"
    )
    use_sample = False
    if upload is None and SAMPLE_GOLDEN.is_file():
        use_sample = st.checkbox(
            f"Use the sample golden set ({SAMPLE_GOLDEN.name}, for the sample library)", key="quality_use_sample"
        )
    try:
        if upload is not None:
            return parse_golden(upload.getvalue(), upload.name), upload.name
        if use_sample:
            return load_golden(SAMPLE_GOLDEN), SAMPLE_GOLDEN.name
    except JurorError as exc:
        st.error(str(exc))
    return None, ""


def _previous_report() -> dict[str, Any] | None:
    import json

    upload = st.file_uploader(
        "Optional: an earlier JSON report, to see what got better and worse", type=["json"], key="quality_previous"
    )
    if upload is None:
        return None
    try:
        data = json.loads(upload.getvalue().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        st.error(f"{upload.name}: not a JSON report ({exc})")
        return None
    if not isinstance(data, dict) or "records" not in data or "summary" not in data:
        st.error(f"{upload.name}: not an evaluation report (expected 'summary' and 'records')")
        return None
    return data


def _run(
    assistant: Assistant,
    golden: list[GoldenRecord],
    name: str,
    baseline: bool,
    previous: dict[str, Any] | None,
    variants: bool = False,
) -> None:
    bar = st.progress(0.0, text="Starting…")

    def progress(stage: str, done: int, total: int) -> None:
        bar.progress(min(1.0, done / max(total, 1)), text=f"{STAGES.get(stage, stage)}: {done} of {total}")

    report = evaluate_assistant(assistant, golden, name, baseline=baseline, progress=progress)
    if variants:
        report["variants"] = run_variants(assistant, golden, report["records"], progress)
    if previous is not None:
        report["comparison"] = compare(report, previous)
    bar.progress(1.0, text="Done.")
    st.session_state[REPORT_KEY] = report


def _show_report(report: dict[str, Any]) -> None:
    import json

    from assistant.quality.report_html import render_report

    s = report["summary"]
    problems = gate_failures(s)
    if problems:
        st.error("Quality gate failed: " + "; ".join(problems))
    else:
        st.success("Quality gate passed.")
    st.markdown(
        f"**{s['questions']}** questions ({s['answerable']} answerable, {s['unanswerable']} unanswerable): **{s['passed']}** passed, **{s['failed']}** failed{follow_up_phrase(s)}."
    )
    for warning in report.get("warnings", []):
        st.warning(warning)
    st.dataframe(summary_rows(report), hide_index=True, use_container_width=True)
    data = chart_data(report)
    st.bar_chart(
        {name: list(values.values()) for name, values in data.items()}
        | {"metric": list(next(iter(data.values())).keys())},
        x="metric",
        horizontal=True,
        stack=False,
    )
    c1, c2 = st.columns(2)
    c1.download_button(
        "Download JSON report",
        json.dumps(report, indent=2, ensure_ascii=False),
        file_name="evaluation.json",
        mime="application/json",
    )
    c2.download_button("Download HTML report", render_report(report), file_name="evaluation.html", mime="text/html")
    comparison = report.get("comparison")
    if comparison:
        st.subheader("Compared with the previous report")
        changed = [r for r in comparison["summary"] if r["delta"]]
        if changed:
            st.dataframe(
                [
                    {
                        "Metric": r["label"],
                        "Before": fmt(r["before"], r["metric"]),
                        "Now": fmt(r["after"], r["metric"]),
                        "": r["direction"],
                        "Questions": fmt_paired(r),
                    }
                    for r in changed
                ],
                hide_index=True,
            )
            if any(r["p"] is not None for r in changed):
                st.caption(NOISE_NOTE)
        for c in comparison["changes"]:
            lines = [f":green[+ {t}]" for t in c["better"]] + [f":red[− {t}]" for t in c["worse"]]
            st.markdown(f"**{c['id']}** {c['question']}  \n" + "  \n".join(lines))
        if not comparison["changes"]:
            st.caption("No question changed.")
    if report.get("variants"):
        st.subheader("Typed another way")
        st.caption(
            "Every question asked again as jurors type it. A question that passes as written but fails typed another "
            "way is a weakness the golden set alone does not show."
        )
        st.dataframe(variant_rows(report), hide_index=True)
        for variant_name, variant in report["variants"].items():
            lost = variant["lost"]
            st.markdown(f"**{variant_name}** ({variant['label']}): {len(lost)} passing question(s) fail typed this way")
            for item in lost:
                st.caption(f"{item['id']} ({CLASS_LABELS.get(item['failure_class'] or '', '')}): {item['question']}")
    failing = [r for r in report["records"] if not r["passed"]]
    st.subheader(f"Failing questions ({len(failing)})")
    base = bool(report.get("baseline"))
    st.dataframe(
        [
            {"Failure class": label, "Ours": fmt(ours)} | ({"Baseline": fmt(theirs)} if base else {})
            for _, label, ours, theirs in class_rows(report)
        ],
        hide_index=True,
    )
    for r in failing:
        label = CLASS_LABELS.get(r.get("failure_class") or "", "")
        with st.expander(f"{r['id']} — {r['question']}" + (f" ({label})" if label else "")):
            for f in r["failures"]:
                st.markdown(f":red[{f}]")
            exp = r["expected"]
            if exp["answerable"]:
                st.markdown(f"**Expected** ({exp['source']}): {exp['answer']}")
                st.caption(exp["evidence"])
            else:
                st.markdown("**Expected:** the assistant should say the library does not cover this.")
            st.markdown(f"**Answer**{' (abstained)' if r['abstained'] else ''}: {r['answer']}")
            st.markdown("**Retrieved passages**")
            for i, ctx in enumerate(r["contexts"][:5], 1):
                st.caption(f"{i}. {ctx['source']} § {ctx.get('section') or ''} — {ctx['text'][:240]}")


def _health(assistant: Assistant) -> None:
    from assistant.quality.health import check_library

    st.write(
        "Ask a probe question for every section of every loaded document and list the sections the assistant cannot find."
    )
    if st.button("Check the library", key="quality_health_run"):
        bar = st.progress(0.0, text="Probing sections…")

        def progress(stage: str, done: int, total: int) -> None:
            bar.progress(min(1.0, done / max(total, 1)), text=f"{STAGES.get(stage, stage)}: {done} of {total}")

        st.session_state[HEALTH_KEY] = check_library(assistant.library, assistant.retriever, progress=progress)
        bar.progress(1.0, text="Done.")
    report = st.session_state.get(HEALTH_KEY)
    if report is None:
        return
    st.markdown(report.summary())
    for note in report.notes:
        st.warning(note)
    if report.unreachable:
        st.dataframe(
            unreachable_rows(report),
            hide_index=True,
            use_container_width=True,
        )
    else:
        st.success("Every section was found by its own probe questions.")


def render(assistant: Assistant, settings: Settings) -> None:
    if not organiser_gate(settings):
        return
    st.title("Quality")
    evaluate_tab, health_tab, study_tab = st.tabs(["Evaluate answers", "Library health", "Jurors' study"])
    with evaluate_tab:
        golden, name = _golden_input()
        baseline = st.checkbox("Also score the LangChain-tutorial baseline (slower)", key="quality_baseline")
        variants = st.checkbox(
            "Also ask each question as jurors type it (lower case, a polite opener, a sentence about the asker, the "
            "asker's role)",
            key="quality_variants",
        )
        previous = _previous_report()
        if (
            st.button("Run evaluation", type="primary", disabled=golden is None, key="quality_run")
            and golden is not None
        ):
            _run(assistant, golden, name, baseline, previous, variants)
        report = st.session_state.get(REPORT_KEY)
        if report is not None:
            _show_report(report)
    with health_tab:
        _health(assistant)
    with study_tab:
        _study_progress(assistant)


def _study_progress(assistant: Assistant) -> None:
    """How the jurors are doing with the quiz, in aggregate only: how many studied, and the rules missed most (a rule
    many miss may be unclear)."""
    from assistant.study.progress import Progress, aggregate_rows
    from assistant.study.study import study_for

    progress = Progress.in_folder(assistant.settings.data_dir)
    names = {f.key: f.label for f in study_for(assistant).festivals()} if not assistant.library.is_empty() else {}
    keys = progress.festivals()
    options = ["all", *keys] if len(keys) > 1 else ["all"]
    chosen = st.selectbox(
        "Festival",
        options,
        format_func=lambda k: "All festivals" if k == "all" else names.get(k, k or "(whole library)"),
        key="study_progress_festival",
        disabled=len(options) == 1,
    )
    total = progress.aggregate(None if chosen == "all" else chosen)
    st.caption("Only totals are shown here: no juror's own answers or code.")
    a, b, c = st.columns(3)
    a.metric("Jurors who studied", total.jurors)
    b.metric("Quiz answers", total.answers)
    c.metric("Answered right", f"{total.share:.0%}" if total.answers else "–")
    if not total.answers:
        st.info("No juror has saved quiz progress yet (jurors give a name or code on the Study page's quiz).")
        return
    rows = aggregate_rows(total)
    if rows:
        st.markdown("**Rules missed most often.** A rule many jurors miss may be worded unclearly.")
        st.dataframe(rows, hide_index=True, width="stretch", key="study_missed_table")
    else:
        st.success("No rule has been missed so far.")
