"""The Quality page in the real Streamlit app: a golden set run, reports offered."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support.apptest_helpers import quality_app
from support.golden import golden_subset

from assistant.quality.evaluation import CLASS_LABELS, FAILURE_CLASSES, LABELS
from assistant.quality.report_text import fmt

# ---------------------------------------------------------------- the Quality page (real Streamlit)


SMALL = {"faq-shuttle", "na-dog", "amd-gift-limit"}


def sample_quality_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, library_copy: Path) -> tuple[Any, Path]:
    """The Quality page with a three-question subset of the sample golden set offered as the sample set."""
    import assistant.ui.quality as page

    small = golden_subset(tmp_path, SMALL)
    monkeypatch.setattr(page, "SAMPLE_GOLDEN", small)
    return quality_app(monkeypatch, tmp_path, library_copy), small


def test_quality_page_runs_a_golden_set_and_offers_the_reports(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, library_copy: Path
) -> None:
    import assistant.ui.quality as page

    at, small = sample_quality_app(monkeypatch, tmp_path, library_copy)
    assert at.title[0].value == "Quality"
    assert at.button(key="quality_run").disabled  # nothing to run yet
    at.checkbox(key="quality_use_sample").check().run()
    at.button(key="quality_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    report = at.session_state[page.REPORT_KEY]
    assert [r["id"] for r in report["records"]] == [json.loads(ln)["id"] for ln in small.read_text().splitlines()]
    shown = " ".join(str(e.value) for e in [*at.markdown, *at.success, *at.error])
    assert f"**{report['summary']['passed']}** passed" in shown
    assert "Quality gate" in shown
    table = at.dataframe[0].value
    assert list(table["Metric"])[:2] == ["Retrieval hit@1", "Retrieval hit@5"]
    assert list(table["n"])[1] == 2  # two answerable questions
    rows = {label: i for i, label in enumerate(table["Metric"])}
    summary = report["summary"]
    for key in ("quote_precision", "quote_precision_mean", "answer_words_median", "answer_words_p90"):
        i = rows[LABELS[key]]
        assert list(table["Ours"])[i] == fmt(summary[key]["value"], key), key
        assert list(table["n"])[i] == summary[key]["n"], key
    assert list(table["Gate"])[rows["Quote precision, median"]] == "≥ 0.60"
    assert list(table["Gate"])[rows["Answer length, median words"]] == "≤ 35"
    assert list(table["Gate"])[rows["Answer length, p90 words"]] == ""
    low, high = summary["hit_at_5"]["ci"]  # a rate shows its 95% interval; a median none
    assert list(table["95% interval"])[rows["Retrieval hit@5"]] == f"{low:.3f}-{high:.3f}"
    assert list(table["95% interval"])[rows["Answer length, median words"]] == ""
    assert "Answer length, median words" not in page.chart_data(report)["ours"]  # words are not a 0-to-1 bar
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download JSON report", "Download HTML report"]
    assert len(at.expander) == report["summary"]["failed"]  # one expander per failing question
    failing = [r for r in report["records"] if not r["passed"]]
    for expander, r in zip(at.expander, failing, strict=True):  # each names its failure class
        assert expander.label == f"{r['id']} — {r['question']} ({CLASS_LABELS[r['failure_class']]})"
    classes = at.dataframe[1].value
    assert list(classes["Failure class"])[: len(FAILURE_CLASSES)] == [label for _, label in FAILURE_CLASSES]
    assert sum(int(v) for v in list(classes["Ours"])[: len(FAILURE_CLASSES)]) == report["summary"]["failed"]


def test_quality_page_asks_each_question_again_as_jurors_type_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, library_copy: Path
) -> None:
    import assistant.ui.quality as page

    at, _ = sample_quality_app(monkeypatch, tmp_path, library_copy)
    at.checkbox(key="quality_use_sample").check().run()
    at.checkbox(key="quality_variants").check().run()
    at.button(key="quality_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    report = at.session_state[page.REPORT_KEY]
    assert set(report["variants"]) == {"lower", "opener", "preamble", "role", "slip"}
    assert "Typed another way" in [h.value for h in at.subheader]
    table = next(d.value for d in at.dataframe if "written" in d.value.columns)
    assert list(table.columns) == ["Metric", "written", "lower", "opener", "preamble", "role", "slip"]
    assert list(table["Metric"])[0] == "Citation accuracy"
    shown = " ".join(str(m.value) for m in at.markdown)
    for name, variant in report["variants"].items():
        assert f"**{name}** ({variant['label']}): {len(variant['lost'])} passing question(s)" in shown
