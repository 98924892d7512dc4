"""Comparing two reports: what got better and worse, question by question, and whether a change may be chance."""

from __future__ import annotations

import re
from typing import Any

from support.golden import scored_record

from assistant.quality.comparison import compare
from assistant.quality.evaluation import summarise
from assistant.quality.report_html import render_report
from assistant.quality.report_text import format_comparison


def test_compare_lists_what_got_better_and_worse_question_by_question() -> None:
    def rec(rid: str, passed: bool, rank: int | None, accurate: bool, abstained: bool = False) -> dict[str, Any]:
        r = scored_record(
            rid, True, abstained, evidence_rank=rank, citation_accurate=accurate, abstention_correct=not abstained
        )
        r["passed"] = passed
        return r

    before = {
        "summary": {"hit_at_5": {"value": 0.5, "n": 2}},
        "records": [
            rec("fixed", False, None, False),
            rec("broken", True, 1, True),
            rec("same", True, 2, True),
            rec("gone", True, 1, True),
        ],
    }
    after = {
        "summary": {"hit_at_5": {"value": 0.75, "n": 4}},
        "records": [
            rec("fixed", True, 1, True),
            rec("broken", False, 1, True, abstained=True),
            rec("same", True, 2, True),
            rec("new", True, 1, True),
        ],
    }
    c = compare(after, before)
    assert c["fixed"] == ["fixed"] and c["broken"] == ["broken"]
    assert c["added"] == ["new"] and c["removed"] == ["gone"]
    changes = {x["id"]: x for x in c["changes"]}
    assert "same" not in changes
    assert "evidence rank not found -> 1" in changes["fixed"]["better"]
    assert "now abstains" in changes["broken"]["worse"]
    hit = next(r for r in c["summary"] if r["metric"] == "hit_at_5")
    assert (hit["delta"], hit["direction"]) == (0.25, "better")
    text = format_comparison(c)
    assert "+ fixed: evidence rank not found -> 1" in text and "- broken: now abstains" in text


def test_compare_counts_the_questions_behind_a_rate_and_says_when_it_may_be_chance() -> None:
    """0.50 -> 0.75 citation accuracy over four questions is one question gained: p=1.00, shown as such; ten gained
    and none lost is not chance (p=0.002)."""

    def report(accurate: list[bool]) -> dict[str, Any]:
        records = [scored_record(f"q{i}", True, False, citation_accurate=a) for i, a in enumerate(accurate)]
        return {"summary": summarise(records), "records": records}

    c = compare(report([True, True, True, False]), report([True, True, False, False]))
    row = next(r for r in c["summary"] if r["metric"] == "citation_accuracy")
    assert (row["gained"], row["lost"], row["p"]) == (1, 0, 1.0)
    text = format_comparison(c)
    assert re.search(r"Citation accuracy\s+0\.500 -> 0\.750\s+\(better; 1 gained, 0 lost, p=1\.00\)", text), text
    assert "McNemar" in text
    assert next(r for r in c["summary"] if r["metric"] == "mrr")["p"] is None  # a mean, not counted per question
    many = compare(report([True] * 10), report([False] * 10))
    row = next(r for r in many["summary"] if r["metric"] == "citation_accuracy")
    assert (row["gained"], row["lost"]) == (10, 0) and row["p"] < 0.01
    html = render_report({**report([True] * 10), "comparison": many, "meta": {}, "warnings": []})
    assert "10 gained, 0 lost, p=0.00" in html and "McNemar" in html


def test_compare_counts_shorter_answers_and_higher_quote_precision_as_better() -> None:
    def report(words: float, p90: float, precision: float, per_question: float) -> dict[str, Any]:
        rec = scored_record("q", True, False, quote_precision=per_question, answer_words=int(words))
        summary = {
            "answer_words_median": {"value": words, "n": 1},
            "answer_words_p90": {"value": p90, "n": 1},
            "quote_precision": {"value": precision, "n": 1},
            "quote_precision_mean": {"value": precision, "n": 1},
        }
        return {"summary": summary, "records": [rec]}

    c = compare(report(30, 90, 0.7, 0.7), report(52, 80, 0.45, 0.45))
    rows = {r["metric"]: r for r in c["summary"]}
    assert (rows["answer_words_median"]["delta"], rows["answer_words_median"]["direction"]) == (-22, "better")
    assert (rows["answer_words_p90"]["delta"], rows["answer_words_p90"]["direction"]) == (10, "worse")
    assert (rows["quote_precision"]["delta"], rows["quote_precision"]["direction"]) == (0.25, "better")
    assert rows["latency_p50_ms"]["direction"] == "same"  # not in either report: no change, no error
    assert c["changes"][0]["better"] == ["quote precision 0.45 -> 0.70"]
    text = format_comparison(c)
    assert re.search(r"Answer length, median words\s+52 -> 30\s+\(better\)", text), text
    assert re.search(r"Answer length, p90 words\s+80 -> 90\s+\(worse\)", text), text
    assert re.search(r"Quote precision, median\s+0\.450 -> 0\.700\s+\(better\)", text), text
    assert "- q: quote precision" not in text
    worse = compare(report(52, 80, 0.45, 0.45), report(30, 90, 0.7, 0.7))
    assert {r["metric"]: r["direction"] for r in worse["summary"]}["answer_words_median"] == "worse"
    assert worse["changes"][0]["worse"] == ["quote precision 0.70 -> 0.45"]
