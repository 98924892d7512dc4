"""Failure classes: every failing question gets the class that explains it, counted once."""

from __future__ import annotations

import json
import re

import pytest

from assistant.quality.comparison import compare
from assistant.quality.evaluation import FAILURE_CLASSES, record_dict, summarise
from assistant.quality.golden import GoldenRecord
from assistant.quality.report_html import render_report
from assistant.quality.report_text import format_comparison, format_failures, format_summary
from assistant.schema import Answer, Chunk, Citation, Passage

# ---------------------------------------------------------------- failure classes
#
# Two festivals' rules and a glossary, as retrieved passages; each case is one answer built by hand.

OURS = "lumen-rules.md"
EVIDENCE = "Films running under 60 minutes are not accepted in the feature competition."


def _passage(source: str, title: str, text: str) -> Passage:
    chunk = Chunk(
        id=f"{source}#{abs(hash(text))}",
        text=text,
        source=source,
        title=title,
        section="",
        page=None,
        kind="rules",
        doc_version="1",
        index=0,
    )
    return Passage(chunk, 0.5)


RUNNING_TIME = _passage(
    OURS,
    "Lumen Bay Festival Regulations 2026",
    "Source: https://lumen.example.org/rules\nTitle: Lumen Bay Festival Regulations 2026\n\n"
    f"Article 4 — Films. {EVIDENCE} Each film may be screened twice.",
)
JURY = _passage(
    OURS,
    "Lumen Bay Festival Regulations 2026",
    "Article 5 — Jury. The jury has five members. A juror may not have a financial interest in a competing film.",
)
OTHER_FESTIVAL = _passage(
    "harbour-rules.md",
    "Harbour Film Days Rules 2025",
    "Short films must not run longer than 30 minutes, credits included.",
)
GLOSSARY = _passage("glossary.md", "Glossary", f"Feature film: any work of fiction or documentary. {EVIDENCE}")


def _golden(answerable: bool = True) -> GoldenRecord:
    if not answerable:
        return GoldenRecord("u1", "Is there a dress code?", "", "", "", False)
    return GoldenRecord("q1", "How short may a Lumen Bay feature be?", "At least 60 minutes.", OURS, EVIDENCE, True)


def _answered(contexts: list[Passage], *quoted: tuple[Passage, str], text: str | None = None) -> Answer:
    citations = [
        Citation(
            n=i,
            source=p.chunk.source,
            title=p.chunk.title,
            section="",
            page=None,
            quote=quote,
            passage_text=p.chunk.text,
        )
        for i, (p, quote) in enumerate(quoted, 1)
    ]
    body = text if text is not None else " ".join(f"{q} [{i}]." for i, (_, q) in enumerate(quoted, 1))
    return Answer("q", body, abstained=False, citations=citations, contexts=contexts)


CLASS_CASES = {
    "passes": (_golden(), _answered([RUNNING_TIME, JURY], (RUNNING_TIME, EVIDENCE)), []),
    "the other sentence of the passage that holds the evidence": (
        _golden(),
        _answered([RUNNING_TIME, JURY], (RUNNING_TIME, "Each film may be screened twice.")),
        ["other_sentence"],
    ),
    "the source line of the right passage": (
        _golden(),
        _answered([RUNNING_TIME, JURY], (RUNNING_TIME, "Source: https://lumen.example.org/rules")),
        ["front_matter_quoted", "other_sentence"],
    ),
    "another festival's running-time rule": (
        _golden(),
        _answered([RUNNING_TIME, OTHER_FESTIVAL], (OTHER_FESTIVAL, OTHER_FESTIVAL.chunk.text)),
        ["wrong_document"],
    ),
    "leads with another festival's rule, then the right passage's other sentence": (
        _golden(),
        _answered(
            [RUNNING_TIME, OTHER_FESTIVAL],
            (OTHER_FESTIVAL, OTHER_FESTIVAL.chunk.text),
            (RUNNING_TIME, "Each film may be screened twice."),
        ),
        ["wrong_document", "other_sentence"],
    ),
    "a restatement in another document, other sentence (not a wrong document)": (
        _golden(),
        _answered([GLOSSARY, RUNNING_TIME], (GLOSSARY, "Feature film: any work of fiction or documentary.")),
        ["other_sentence"],
    ),
    "another passage of the right document": (
        _golden(),
        _answered([RUNNING_TIME, JURY], (JURY, "The jury has five members.")),
        ["other_passage"],
    ),
    "the evidence was not retrieved": (
        _golden(),
        _answered([JURY, OTHER_FESTIVAL], (JURY, "The jury has five members.")),
        ["evidence_not_retrieved"],
    ),
    "abstained on an answerable question": (
        _golden(),
        Answer("q", "The library does not answer this.", abstained=True, contexts=[RUNNING_TIME]),
        ["declined_answerable"],
    ),
    "the decline-to-judge guardrail fired on a fact": (
        _golden(),
        Answer(
            "q",
            "I can't tell you which film should win. The jury has five members [1].",
            abstained=False,
            citations=_answered([JURY], (JURY, "The jury has five members.")).citations,
            contexts=[RUNNING_TIME, JURY],
            declined=True,
        ),
        ["declined_answerable", "other_passage", "unsupported_or_invalid"],
    ),
    "answered an unanswerable question with the document's title": (
        _golden(answerable=False),
        _answered([RUNNING_TIME], (RUNNING_TIME, "Lumen Bay Festival Regulations 2026")),
        ["answered_unanswerable", "front_matter_quoted"],
    ),
    "the right quote behind a marker that resolves to nothing": (
        _golden(),
        _answered([RUNNING_TIME], (RUNNING_TIME, EVIDENCE), text=f"{EVIDENCE} [2]."),
        ["unsupported_or_invalid"],
    ),
    "no citation at all": (
        _golden(),
        _answered([RUNNING_TIME], text="Films must run at least an hour."),
        ["unsupported_or_invalid"],
    ),
}


@pytest.mark.parametrize("case", list(CLASS_CASES))
def test_every_failure_gets_the_class_that_explains_it(case: str) -> None:
    golden, answer, expected = CLASS_CASES[case]
    record = record_dict(golden, answer)
    assert record["failure_classes"] == expected
    assert record["failure_class"] == (expected[0] if expected else None)
    assert record["passed"] is (not expected)  # a failing record always has a class, a passing one none
    assert json.loads(json.dumps(record)) == record


def test_a_guardrail_decline_on_a_fact_is_a_failure_of_its_own() -> None:
    golden, answer, _ = CLASS_CASES["the decline-to-judge guardrail fired on a fact"]
    record = record_dict(golden, answer)
    assert record["declined"] is True and record["abstained"] is False
    assert any("decline-to-judge guardrail" in f for f in record["failures"])


def test_summary_counts_each_failure_once_under_its_class_and_every_front_matter_quote() -> None:
    records = [record_dict(golden, answer) for golden, answer, _ in CLASS_CASES.values()]
    s = summarise(records)
    counts = s["failure_classes"]
    assert list(counts) == [key for key, _ in FAILURE_CLASSES]  # every class, in precedence order
    assert sum(counts.values()) == s["failed"] == len(CLASS_CASES) - 1
    assert counts == {
        "answered_unanswerable": 1,
        "declined_answerable": 2,
        "evidence_not_retrieved": 1,
        "front_matter_quoted": 1,
        "wrong_document": 2,
        "other_sentence": 2,
        "other_passage": 1,
        "unsupported_or_invalid": 2,
    }
    # the source line and the title, counted over every answer whatever its class
    assert (s["front_matter_quotes"], s["front_matter_answers"]) == (2, 2)
    report = {"summary": s, "records": records}
    text = format_summary(report)
    assert re.search(r"^Wrong document\s+2$", text, re.M), text
    assert re.search(r"^Front-matter quotes \(all answers\)\s+2$", text, re.M), text
    failures = format_failures(report)
    assert "class: wrong_document (Wrong document); also other_sentence" in failures
    assert "class: front_matter_quoted (Front matter quoted); also other_sentence" in failures


def test_compare_shows_class_counts_and_accepts_a_report_without_classes() -> None:
    records = [record_dict(golden, answer) for golden, answer, _ in CLASS_CASES.values()]
    now = {"summary": summarise(records), "records": records}
    before = json.loads(json.dumps(now))
    before["summary"]["failure_classes"]["wrong_document"] = 5
    c = compare(now, before)
    row = next(r for r in c["failure_classes"] if r["class"] == "wrong_document")
    assert (row["before"], row["after"], row["delta"]) == (5, 2, -3)
    assert "Wrong document" in format_comparison(c) and "5 -> 2" in format_comparison(c)
    # a report written before failure classes existed
    for r in before["records"]:
        del r["failure_class"], r["failure_classes"]
    del before["summary"]["failure_classes"]
    old = compare(now, before)
    assert all(r["before"] is None and r["delta"] is None for r in old["failure_classes"])
    assert "Wrong document" not in format_comparison(old)
    assert "Failure classes that changed" not in render_report(now | {"comparison": old})
    assert "Failure classes that changed" in render_report(now | {"comparison": c})
