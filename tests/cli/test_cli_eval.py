"""`juror-assistant eval` on the sample library: reports in the ask --json shape, baseline, compare, gate."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support.golden import GOLDEN, ROOT, golden_line, golden_subset

from assistant.errors import ConfigError
from assistant.quality import metrics as m
from assistant.quality.evaluation import CLASS_LABELS, FAILURE_CLASSES, parse_minimums
from assistant.quality.golden import load_golden

CLI = Path(sys.executable).with_name("juror-assistant")

RATES_WITH_INTERVAL = {
    "hit_at_1",
    "hit_at_5",
    "citation_accuracy",
    "citation_validity",
    "abstention_precision",
    "abstention_recall",
    "answered_when_answerable",
}


def run_cli(*args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUROR_")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False", NO_COLOR="1")
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)


def test_cli_reports_a_bad_golden_line_in_one_line(tmp_path: Path, library_dir: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(golden_line() + "\n" + golden_line(id="q2", answerable="maybe") + "\n", encoding="utf-8")
    proc = run_cli("eval", "--golden", str(bad), "--data-dir", str(library_dir), "--quiet")
    assert proc.returncode == 1
    assert "line 2: field 'answerable' must be true or false" in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------- CLI on the sample library


def test_cli_eval_on_the_sample_golden_set_writes_reports_in_the_ask_json_shape(
    library_dir: Path, tmp_path: Path
) -> None:
    report_path, html_path = tmp_path / "r.json", tmp_path / "r.html"
    proc = run_cli(
        "eval",
        "--golden",
        str(GOLDEN),
        "--data-dir",
        str(library_dir),
        "--report",
        str(report_path),
        "--html",
        str(html_path),
        "--quiet",
    )
    assert proc.returncode == 0, proc.stderr
    assert "Retrieval hit@5" in proc.stdout and "Abstention recall" in proc.stdout

    def no_nan(token: str) -> None:
        raise AssertionError(f"{token} in the JSON report")

    report = json.loads(report_path.read_text(encoding="utf-8"), parse_constant=no_nan)
    golden = load_golden(GOLDEN)
    assert [r["id"] for r in report["records"]] == [g.id for g in golden]
    for key in (
        "hit_at_1",
        "hit_at_5",
        "mrr",
        "citation_accuracy",
        "citation_validity",
        "answer_support",
        "key_fact_coverage",
        "quote_precision",
        "quote_precision_mean",
        "abstention_precision",
        "abstention_recall",
        "answered_when_answerable",
        "answer_words_median",
        "answer_words_p90",
        "latency_p50_ms",
        "latency_p95_ms",
    ):
        # a rate counted over questions carries its 95% interval; medians, means and times do not
        expected = {"value", "n", "ci"} if key in RATES_WITH_INTERVAL else {"value", "n"}
        assert set(report["summary"][key]) == expected, key
        if key in RATES_WITH_INTERVAL and report["summary"][key]["n"]:
            low, high = report["summary"][key]["ci"]
            assert 0.0 <= low <= report["summary"][key]["value"] <= high <= 1.0, key
    assert report["summary"]["hit_at_5"]["n"] == sum(g.answerable for g in golden)
    # quote precision on every answered, answerable question; answer length on every answered one
    answered_all = [r for r in report["records"] if not r["abstained"]]
    for r in report["records"]:
        exp = r["expected"]
        precision = m.quote_precision(
            r["answer"], exp["evidence"] or "", answerable=exp["answerable"], abstained=r["abstained"]
        )
        assert r["metrics"]["quote_precision"] == (None if precision is None else round(precision, 4)), r["id"]
        assert r["metrics"]["answer_words"] == (None if r["abstained"] else m.answer_words(r["answer"])), r["id"]
    assert report["summary"]["answer_words_median"]["n"] == len(answered_all)
    assert report["summary"]["quote_precision"]["n"] == sum(1 for r in answered_all if r["expected"]["answerable"])
    words = report["summary"]["answer_words_median"]["value"]
    assert re.search(rf"^Answer length, median words\s+{words:.0f}\s+{len(answered_all)}$", proc.stdout, re.M)
    precision = report["summary"]["quote_precision"]["value"]
    assert re.search(rf"^Quote precision, median\s+{precision:.3f}\s+\d+$", proc.stdout, re.M)
    answered = next(r for r in report["records"] if not r["abstained"] and r["citations"])
    assert {
        "id",
        "question",
        "answer",
        "abstained",
        "citations",
        "contexts",
        "latency_ms",
        "metrics",
        "failures",
        "expected",
    } <= set(answered)
    assert set(answered["citations"][0]) == {"n", "source", "title", "section", "page", "quote"}
    assert set(answered["contexts"][0]) == {"source", "title", "section", "page", "text", "score"}
    # the numbers printed are the numbers in the report
    hit5 = report["summary"]["hit_at_5"]["value"]
    assert f"{hit5:.3f}" in proc.stdout
    assert sum(r["metrics"]["hit_at_5"] for r in report["records"] if "hit_at_5" in r["metrics"]) / report["summary"][
        "hit_at_5"
    ]["n"] == pytest.approx(hit5, abs=1e-4)
    page = html_path.read_text(encoding="utf-8")
    assert "Answer-quality report" in page and "<svg" in page
    # every failure is classified, consistently with what the record shows
    counts = report["summary"]["failure_classes"]
    assert set(counts) == set(CLASS_LABELS) and sum(counts.values()) == report["summary"]["failed"]
    for key, label in FAILURE_CLASSES:
        assert re.search(rf"^{re.escape(label)}\s+{counts[key]}$", proc.stdout, re.M), label
    for r in report["records"]:
        assert (r["failure_class"] is None) == r["passed"], r["id"]
        _assert_class_fits(r)
    assert report["summary"]["front_matter_quotes"] == sum(
        r["metrics"].get("front_matter_quotes", 0) for r in report["records"]
    )
    assert "<h2>Failures by class</h2>" in page
    for r in report["records"]:
        if not r["passed"]:
            assert f"title='{r['failure_class']}'>{CLASS_LABELS[r['failure_class']]}</span>" in page


def _assert_class_fits(r: dict[str, Any]) -> None:
    """What each class claims about an answer is true of the record it is given to."""
    key, exp, metrics = r["failure_class"], r["expected"], r["metrics"]
    if key is None:
        return
    assert key == r["failure_classes"][0], r["id"]
    if key == "answered_unanswerable":
        assert not exp["answerable"] and not r["abstained"]
        return
    assert exp["answerable"], r["id"]  # only that class applies to an unanswerable question
    if key == "declined_answerable":
        assert r["abstained"] or r["declined"]
        return
    assert not r["abstained"] and not r["declined"]
    if key == "evidence_not_retrieved":
        assert not metrics["hit_at_5"]
        return
    assert metrics["hit_at_5"], r["id"]
    if key == "front_matter_quoted":
        assert metrics["front_matter_quotes"] >= 1
        return
    assert metrics["front_matter_quotes"] == 0, r["id"]
    if key == "wrong_document":
        first = min(r["citations"], key=lambda c: c["n"])
        assert not m.same_source(exp["source"], first["source"], first["title"]) and not metrics["citation_accurate"]
    elif key == "other_sentence":
        assert metrics["cited_evidence_passage"] and not metrics["citation_accurate"]
    elif key == "other_passage":
        assert not metrics["cited_evidence_passage"] and not metrics["citation_accurate"]
        assert any(m.same_source(exp["source"], c["source"], c["title"]) for c in r["citations"])
    else:
        assert key == "unsupported_or_invalid"
        assert not metrics["citation_valid"] or (metrics["answer_support"] or 0) < 1 or not r["citations"]


def test_cli_baseline_and_compare_on_a_small_set(library_dir: Path, tmp_path: Path) -> None:
    small = golden_subset(tmp_path, {"amd-gift-limit", "faq-shuttle", "na-dog", "fu-per-diem-paid"})
    first = tmp_path / "first.json"
    proc = run_cli(
        "eval", "--golden", str(small), "--data-dir", str(library_dir), "--report", str(first), "--baseline", "--quiet"
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(first.read_text(encoding="utf-8"))
    base = report["baseline"]
    assert "BASELINE" in proc.stdout
    assert len(base["records"]) == 4 and all(r["answerer"] == "baseline" for r in base["records"])
    assert base["summary"]["abstention_recall"]["value"] == 0.0  # the tutorial never abstains
    assert base["summary"]["abstention_recall"]["n"] == 1
    assert all(len(r["contexts"]) == 5 for r in base["records"])
    # a doctored "previous" report: the assistant now does better on one question than it did then
    previous = json.loads(first.read_text(encoding="utf-8"))
    shuttle = next(r for r in previous["records"] if r["id"] == "faq-shuttle")
    shuttle["metrics"]["evidence_rank"] = None
    shuttle["passed"] = False
    # ... and written before failure classes existed: --compare must still read it
    del previous["summary"]["failure_classes"], previous["summary"]["front_matter_quotes"]
    for r in previous["records"]:
        del r["failure_class"], r["failure_classes"], r["declined"]
    before = tmp_path / "before.json"
    before.write_text(json.dumps(previous), encoding="utf-8")
    proc = run_cli(
        "eval",
        "--golden",
        str(small),
        "--data-dir",
        str(library_dir),
        "--report",
        str(tmp_path / "now.json"),
        "--compare",
        str(before),
        "--failures",
        "--quiet",
    )
    assert proc.returncode == 0, proc.stderr
    now = json.loads((tmp_path / "now.json").read_text(encoding="utf-8"))
    for r in now["records"]:  # --failures names each failing question's class
        if not r["passed"]:
            assert f"[{r['id']}]" in proc.stdout and f"class: {r['failure_class']} (" in proc.stdout
    shuttle_now = next(r for r in now["records"] if r["id"] == "faq-shuttle")
    rank = shuttle_now["metrics"]["evidence_rank"]
    assert rank is not None, "the shuttle timetable should be retrieved"
    assert f"+ faq-shuttle: evidence rank not found -> {rank}" in proc.stdout
    assert ("faq-shuttle" in now["comparison"]["fixed"]) == shuttle_now["passed"]
    proc = run_cli(
        "eval",
        "--golden",
        str(small),
        "--data-dir",
        str(library_dir),
        "--compare",
        str(tmp_path / "missing.json"),
        "--quiet",
    )
    assert proc.returncode == 1 and "report not found" in proc.stderr


def test_cli_eval_variants_asks_each_question_again_as_jurors_type_it(library_dir: Path, tmp_path: Path) -> None:
    small = golden_subset(tmp_path, {"amd-gift-limit", "faq-shuttle", "na-dog", "fu-per-diem-paid"})
    report_path, html_path = tmp_path / "r.json", tmp_path / "r.html"
    proc = run_cli(
        "eval",
        "--golden",
        str(small),
        "--data-dir",
        str(library_dir),
        "--report",
        str(report_path),
        "--html",
        str(html_path),
        "--variants",
    )
    assert proc.returncode == 0, proc.stderr
    assert "Typed another way" in proc.stdout and "LOWER" in proc.stdout and "PREAMBLE" in proc.stdout
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert set(report["variants"]) == {"lower", "opener", "preamble", "role", "slip"}
    passed = {r["id"] for r in report["records"] if r["passed"]}
    for name, variant in report["variants"].items():
        assert variant["summary"]["questions"] == 4
        assert variant["summary"]["abstention_recall"]["n"] == 1
        for lost in variant["lost"]:  # only questions that pass as written are listed, each with its class
            assert lost["id"] in passed and lost["failure_class"]
            assert f"  {lost['id']} ({lost['failure_class']})" in proc.stdout
        assert f"{name}: {variant['label']}; {len(variant['lost'])} passing question(s)" in proc.stdout
    assert "variant-lower" in proc.stderr  # progress bars name the variant
    html = html_path.read_text(encoding="utf-8")
    assert "<h2>Typed another way</h2>" in html and "<th>slip</th>" in html


def test_minimums_on_the_command_line_are_rate_metrics_between_0_and_1() -> None:
    assert parse_minimums(["hit_at_5=0.9", " abstention_recall = 0.6"]) == {"hit_at_5": 0.9, "abstention_recall": 0.6}
    for bad, message in (
        ("hit_at_5", "write METRIC=VALUE"),
        ("latency_p95_ms=200", "write METRIC=VALUE"),
        ("hit@5=0.9", "write METRIC=VALUE"),
        ("hit_at_5=90", "between 0 and 1"),
        ("hit_at_5=high", "between 0 and 1"),
    ):
        with pytest.raises(ConfigError, match=message):
            parse_minimums([bad])


def test_cli_gate_exits_3_naming_the_metric_under_its_minimum(library_dir: Path, tmp_path: Path) -> None:
    small = golden_subset(tmp_path, {"coc-recusal-effect", "faq-shuttle", "na-dog"})
    common = ("eval", "--golden", str(small), "--data-dir", str(library_dir), "--quiet")
    passed = run_cli(*common, "--min", "answer_support=0.95", "--min", "abstention_recall=1.0")
    assert passed.returncode == 0, passed.stderr
    assert "Gate: every metric is at or above its minimum." in passed.stdout
    failed = run_cli(
        *common, "--min", "citation_accuracy=1.0", "--min", "abstention_precision=1.0", "--min", "hit_at_5=0.5"
    )
    # the recusal answer quotes the rule that a recused juror abstains, not what the juror then does (the evidence)
    assert re.search(r"^Citation accuracy\s+0\.500\s+2\s+0\.095-0\.905$", failed.stdout, re.M), failed.stdout
    assert failed.returncode == 3, failed.stderr
    assert re.search(r"^gate: Citation accuracy 0\.500 < 1\.00 \(n=2\)$", failed.stderr, re.M), failed.stderr
    assert "hit@5" not in failed.stderr
    bad = run_cli(*common, "--min", "speed=1")
    assert bad.returncode == 1 and "--min 'speed=1': write METRIC=VALUE" in bad.stderr
    assert "Asking" not in bad.stderr and "Retrieval" not in bad.stdout  # refused before any question is asked


def test_cli_max_exits_3_naming_the_metric_over_its_maximum(library_dir: Path, tmp_path: Path) -> None:
    small = golden_subset(tmp_path, {"amd-gift-limit", "faq-shuttle", "na-dog"})
    common = ("eval", "--golden", str(small), "--data-dir", str(library_dir), "--quiet")
    failed = run_cli(*common, "--max", "answer_words_median=1", "--report", str(tmp_path / "r.json"))
    assert failed.returncode == 3, failed.stderr
    summary = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["summary"]
    words, n = summary["answer_words_median"]["value"], summary["answer_words_median"]["n"]
    assert words > 1 and n >= 2  # the two answerable questions are answered
    gate = [line for line in failed.stderr.splitlines() if line.startswith("gate: ")]
    assert gate == [f"gate: Answer length, median words {words:.0f} > 1 (n={n})"], failed.stderr
    # only the limits given are checked: the default minimums (abstention recall 0.80, ...) are not
    passed = run_cli(*common, "--max", "answer_words_median=10000", "--max", "answer_words_p90=10000")
    assert passed.returncode == 0, passed.stderr
    assert "Gate: every metric is at or below its maximum." in passed.stdout
    both = run_cli(*common, "--max", "answer_words_median=10000", "--min", "hit_at_5=0.5")
    assert both.returncode == 0, both.stderr
    assert "Gate: every metric is at or above its minimum and at or below its maximum." in both.stdout
    bad = run_cli(*common, "--max", "hit_at_5=0.5")
    assert bad.returncode == 1 and "--max 'hit_at_5=0.5': write METRIC=VALUE" in bad.stderr
    assert "(hit_at_5 takes --min)" in bad.stderr
    assert "Retrieval" not in bad.stdout  # refused before any question is asked
