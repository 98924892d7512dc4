"""Reports: the HTML page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from support.golden import scored_record

from assistant.quality.evaluation import summarise
from assistant.quality.report_html import render_report

# ---------------------------------------------------------------- HTML


def _tiny_report() -> dict[str, Any]:
    evil = "<script>window.__pwned = 1</script> & <b>bold</b>"
    rec = scored_record(
        "x<1>",
        True,
        False,
        evidence_rank=None,
        hit_at_1=False,
        hit_at_5=False,
        reciprocal_rank=0.0,
        citation_accurate=False,
        citation_valid=True,
        answer_support=1.0,
        quote_precision=0.25,
        answer_words=48,
    )
    rec.update(
        question=f"Why {evil}?",
        answer=f"Because {evil} [1].",
        citations=[{"n": 1, "source": "a.md", "title": "A", "section": "§ <i>1</i>", "page": None, "quote": evil}],
        contexts=[{"source": "a.md", "title": "A", "section": "<h1>s</h1>", "page": None, "text": evil, "score": 0.5}],
        failures=[f"evidence ({evil}) not in the top 5 passages"],
        failure_class="evidence_not_retrieved",
        failure_classes=["evidence_not_retrieved", "unsupported_or_invalid"],
        passed=False,
    )
    rec["expected"] = {"answerable": True, "answer": evil, "source": "a.md", "evidence": "Something else entirely."}
    report = {"meta": {"golden": "<g>.jsonl"}, "records": [rec], "warnings": [evil]}
    report["summary"] = summarise(report["records"])
    report["baseline"] = {"name": "tutorial", "summary": summarise(report["records"]), "records": []}
    return report


def test_html_report_escapes_everything_and_is_self_contained() -> None:
    page = render_report(_tiny_report())
    assert "<script" not in page and "<b>bold" not in page and "<h1>s</h1>" not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    assert "<svg" in page and "<style>" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in page
    assert "Quality gate: failed" in page
    # the class table (ours and the baseline) and the class beside the failing question
    table = page[page.index("<h2>Failures by class</h2>") : page.index("<h2>Chart</h2>")]
    assert re.search(
        r"Evidence not retrieved</td><td><code>evidence_not_retrieved</code></td><td class='num'>1</td>"
        r"<td class='num'>1</td>",
        table,
    ), table
    assert re.search(r"Wrong document</td><td><code>wrong_document</code></td><td class='num'>0</td>", table)
    card = page[page.index('<div class="card"') :]
    assert (
        "Failure class:</b> <span class='tag cls' title='evidence_not_retrieved'>Evidence not retrieved</span>" in card
    )
    assert "also Unsupported or invalid answer" in card


def test_html_report_shows_quote_precision_and_answer_length_with_their_gates() -> None:
    page = render_report(_tiny_report())
    summary = page[page.index("<h2>Summary</h2>") : page.index("<h2>Failures by class</h2>")]
    cells = '<td class="num">{}</td><td class="num">1</td>'
    for label, value, gate in (
        ("Quote precision, median", "0.250", '<td class="bad">≥ 0.60</td>'),
        ("Quote precision, mean", "0.250", "<td></td>"),
        ("Answer length, median words", "48", '<td class="bad">≤ 35</td>'),
        ("Answer length, p90 words", "48", "<td></td>"),
    ):
        ours = cells.format(value) + '<td class="num"></td>'  # a median or a length has no interval
        row = f"<tr><td>{label}</td>" + ours + cells.format(value) + gate + "</tr>"
        assert row in summary, label
    # a rate has its 95% interval beside it: one question cited right of one is 0.206-1.000
    assert (
        '<td>Citation validity</td><td class="num">1.000</td><td class="num">1</td><td class="num">0.206-1.000</td>'
        in (summary)
    ), summary
    assert "Answer length, median words 48 &gt; 35 (n=1)" in page  # in the failed-gate line
    chart = page[page.index("<svg") : page.index("</svg>")]
    assert "Quote precision, mean" in chart and "Answer length" not in chart  # words are not a 0-to-1 bar


@pytest.mark.browser
def test_html_report_renders_in_a_browser(tmp_path: Path, test_output: Path) -> None:
    from playwright.sync_api import sync_playwright

    path = tmp_path / "report.html"
    path.write_text(render_report(_tiny_report()), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto(path.as_uri())
            assert page.locator("h1").inner_text() == "Answer-quality report"
            assert page.locator("svg rect").count() >= 9  # a bar per rate metric (ours and baseline)
            assert "<script>window.__pwned = 1</script>" in page.locator(".card").first.inner_text()
            assert page.evaluate("window.__pwned") is None  # shown as text, never run
            page.screenshot(path=str(test_output / "evaluation-report.png"), full_page=True)
        finally:
            browser.close()
