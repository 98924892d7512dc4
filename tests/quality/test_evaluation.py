"""Evaluation: metric functions on hand-made cases, golden-set validation, the regression view, the
sample golden set itself, the CLI on the sample library (JSON/HTML reports, baseline, --compare) and the
HTML report in a real browser."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from apptest_helpers import quality_app

from assistant.errors import ConfigError, GoldenSetError, JurorError
from assistant.quality import metrics as m
from assistant.quality.evaluation import (
    CLASS_LABELS,
    FAILURE_CLASSES,
    compare,
    gate_failures,
    parse_minimums,
    record_dict,
    summarise,
)
from assistant.quality.golden import GoldenRecord, load_golden, parse_golden
from assistant.quality.report_html import render_report
from assistant.quality.report_text import format_comparison, format_failures, format_summary
from assistant.schema import Answer, Chunk, Citation, Passage

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "corpus" / "golden.jsonl"
CLI = Path(sys.executable).with_name("juror-assistant")
DOCUMENTS = {
    "jury-regulations.md",
    "amendment-01.md",
    "glossary.md",
    "logistics-faq.md",
    "welcome-letter.txt",
    "code-of-conduct.pdf",
    "screening-attendance.pdf",
    "judging-criteria.docx",
    "deliberation-timeline.html",
}


def run_cli(*args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUROR_")}
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False", NO_COLOR="1")
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)


def golden_subset(folder: Path, ids: set[str]) -> Path:
    """The sample golden set's lines for these ids, as a golden file of its own (a quick CLI or page run)."""
    path = folder / "small.jsonl"
    lines = [ln for ln in GOLDEN.read_text(encoding="utf-8").splitlines() if json.loads(ln)["id"] in ids]
    assert len(lines) == len(ids), "an id is not in the sample golden set"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- metric functions


def test_evidence_is_found_despite_markdown_dashes_and_a_split_chunk() -> None:
    evidence = "The jury secretary keeps the minutes. The President signs them — always."
    assert m.holds_evidence(
        evidence, "**7.1 Minutes.** The jury secretary keeps the minutes.\nThe President signs them - always."
    )
    # a chunk that got only the first (substantial) sentence still holds it; an unrelated one does not
    assert m.holds_evidence(
        "The jury secretary keeps the minutes of every session. It is short.",
        "... The jury secretary keeps the minutes of every session.",
    )
    assert not m.holds_evidence(evidence, "Jurors must wear their badge at all venues.")


def test_a_superseded_number_does_not_count_as_the_evidence() -> None:
    new = "Jurors may not accept gifts worth more than EUR 25, whatever their source."
    old = "5.2 Gift limit. Jurors may not accept gifts worth more than EUR 50, whatever their source."
    assert not m.holds_evidence(new, old)
    assert m.holds_evidence(new, old.replace("50", "25"))


def test_rank_hits_and_reciprocal_rank() -> None:
    contexts = [
        {"source": "a.md", "text": "Nothing here."},
        {"source": "b.md", "text": "Still nothing."},
        {"source": "c.md", "text": "Screenings start at 10:00 sharp."},
    ]
    rank = m.evidence_rank("Screenings start at 10:00 sharp.", "c.md", contexts)
    assert rank == 3
    assert (m.hit_at(rank, 1), m.hit_at(rank, 5)) == (False, True)
    assert m.reciprocal_rank(rank) == pytest.approx(1 / 3)
    assert m.evidence_rank("Screenings start at 10:00 sharp.", "c.md", contexts[:2]) is None
    assert m.reciprocal_rank(None) == 0.0 and not m.hit_at(None, 5)


def test_citation_accuracy_from_the_expected_source_and_from_a_restatement() -> None:
    evidence = "Jurors may not accept gifts worth more than EUR 25."  # terms: juror accept gift worth eur 25
    half = [{"n": 1, "source": "amendment-01.md", "quote": "Jurors may not accept gifts."}]
    assert m.citation_accurate(evidence, "amendment-01.md", half) == (0.5, False)
    full = [
        {
            "n": 1,
            "source": "amendment-01.md",
            "quote": "Jurors may not accept gifts worth more than EUR 25, whatever their source.",
        }
    ]
    assert m.citation_accurate(evidence, "amendment-01.md", full) == (1.0, True)
    # another document restating the rule counts; the superseded clause with the old number does not
    restated = [{"n": 1, "source": "glossary.md", "quote": "A juror may not accept a gift worth more than EUR 25."}]
    assert m.citation_accurate(evidence, "amendment-01.md", restated)[1] is True
    superseded = [
        {"n": 1, "source": "code-of-conduct.pdf", "quote": "Jurors may not accept gifts worth more than EUR 50."}
    ]
    assert m.citation_accurate(evidence, "amendment-01.md", superseded) == (0.0, False)


def test_citation_validity() -> None:
    passage = "8.4 Tie-breaks. A new ballot is held. The President has a casting vote."
    cites = [
        {"n": 1, "quote": "A new ballot is held. … The President has a casting vote.", "passage_text": passage},
        {"n": 2, "quote": "Other.", "passage_text": ""},
    ]
    assert m.citation_validity("A new ballot is held [1]. Then the President decides [1].", cites)
    assert not m.citation_validity("A new ballot is held [3].", cites)  # [3] resolves to nothing
    assert not m.citation_validity("A new ballot is held.", cites)  # no marker at all
    made_up = [{"n": 1, "quote": "The President tosses a coin.", "passage_text": passage}]
    assert not m.citation_validity("The President tosses a coin [1].", made_up)  # quote not in its passage


def test_answer_support_is_the_share_of_supported_sentences() -> None:
    cites = [{"n": 1, "quote": "The per diem is EUR 60 per day.", "title": "Logistics FAQ"}]
    assert m.answer_support("The per diem is EUR 60 per day [1].", cites) == 1.0
    assert m.answer_support("The per diem is EUR 60 per day [1]. Jurors also receive a free bicycle [1].", cites) == 0.5
    assert m.answer_support("The per diem is EUR 90 per day [1].", cites) == 0.0  # wrong number halves the support
    assert m.answer_support("[1]", cites) is None  # nothing to support


def test_key_fact_coverage_counts_numbers_and_content_terms() -> None:
    # facts: eur, 30000, paid, direct(or) -> the answer has three of the four
    assert m.key_fact_coverage(
        "EUR 30,000, paid to the director.", "EUR 30,000 goes to the director [1]."
    ) == pytest.approx(0.75)
    assert m.key_fact_coverage("EUR 30,000, paid to the director.", "It is EUR 30000 paid to the director.") == 1.0
    assert m.key_fact_coverage("No.", "Anything") is None  # nothing to check


def test_percentiles_and_aggregates_never_produce_nan() -> None:
    assert m.percentile([40, 10, 30, 20], 50) == 20
    assert m.percentile([40, 10, 30, 20], 95) == 40
    assert m.percentile([], 50) is None
    assert m.aggregate([]) == {"value": None, "n": 0}
    assert m.aggregate([True, False, None]) == {"value": 0.5, "n": 2}
    assert m.ratio(0, 0) == {"value": None, "n": 0}


def _record(rid: str, answerable: bool, abstained: bool, **metrics: Any) -> dict[str, Any]:
    return {
        "id": rid,
        "question": f"question {rid}?",
        "answer": "x",
        "abstained": abstained,
        "citations": [],
        "contexts": [],
        "latency_ms": 10.0,
        "expected": {"answerable": answerable, "answer": "", "source": "", "evidence": ""},
        "metrics": metrics,
        "failures": [] if (abstained != answerable) else ["wrong"],
        "passed": abstained != answerable,
    }


def test_summary_abstention_precision_recall_and_empty_metrics() -> None:
    records = [
        _record("a1", True, False, hit_at_1=True, hit_at_5=True, reciprocal_rank=1.0, citation_accurate=True),
        _record("a2", True, True, hit_at_1=False, hit_at_5=False, reciprocal_rank=0.0),  # abstained wrongly
        _record("u1", False, True),  # right abstention
        _record("u2", False, False),  # answered an unanswerable question
    ]
    s = summarise(records)
    assert s["abstention_precision"] == {"value": 0.5, "n": 2}  # 1 of the 2 abstentions was right
    assert s["abstention_recall"] == {"value": 0.5, "n": 2}  # 1 of the 2 unanswerable questions declined
    assert s["answered_when_answerable"] == {"value": 0.5, "n": 2}
    assert s["hit_at_5"] == {"value": 0.5, "n": 2}
    assert s["citation_accuracy"] == {"value": 1.0, "n": 1}
    assert s["answer_support"] == {"value": None, "n": 0}  # no record had it: null, never NaN
    json.dumps(s, allow_nan=False)
    assert any("Answer support" in line for line in gate_failures(s))


# ---------------------------------------------------------------- front matter

FRONT_MATTER = [
    ("Source: https://festival.example.org/jury/rules-2026.html", "Jury Rules 2026", "metadata"),
    ("Title: Jury Rules — Lumen Bay Film Festival (2026 edition)", "Jury Rules 2026", "metadata"),
    (
        "Source: https://festival.example.org/rules Title: Regulations — Harbour Film Days, 3–9 May 2025 (excerpt)",
        "Harbour Film Days Regulations 2025",
        "metadata",
    ),
    ("Last updated: 14 March 2025, 09:12", "", "metadata"),
    ("https://festival.example.org/en/competition/", "", "address"),
    ("Contact: jury@festival.example.org", "", "address"),
    ("Home > Festival > Awards > Jury regulations", "", "breadcrumb"),
    ("Home » Competition » Prizes", "", "breadcrumb"),
    ("FOLLOW US", "", "web boilerplate"),
    ("© 2025 Harbour Film Days. All rights reserved.", "", "web boilerplate"),
    ("Subscribe to our newsletter", "", "web boilerplate"),
    ("Article 5 — The Jury .......... 12", "", "table of contents"),
    ("Table of contents", "", "table of contents"),
    ("Page 3 of 12", "", "page marker"),
    ("2025-03-14 13:59:33", "", "date stamp"),
    ("REGULATIONS OF THE 31ST INTERNATIONAL STUDENT FILM FESTIVAL", "", "heading"),
    ("1.2 First Feature Competition (18th – 26th of November 2025)", "", "heading"),
    ("8.4 Tie-breaks.", "", "heading"),
    ("Lumen Bay Film Festival — Jury Regulations 2026", "Jury Regulations 2026", "heading"),
    (
        "Harbour film days regulations for the competition",
        "Harbour Film Days Regulations for the Competition",
        "title line",
    ),
    # a quote that runs a metadata line into a rule still quotes the metadata
    (
        "Source: https://festival.example.org/rules … The jury consists of five members.",
        "Jury Rules",
        "metadata",
    ),
    ("The jury has five members. FOLLOW US", "", "web boilerplate"),
]
RULES = [
    ("The jury consists of seven members, one of whom is the President.", "Jury Regulations"),
    ("8.4 Tie-breaks. If two films tie, the President has a casting vote.", ""),
    ("Entries must be uploaded at https://festival.example.org/submit no later than 1 May.", ""),
    ("Films running under 60 minutes will not be accepted.", "Competition Regulations"),
    ("The Festival Director appoints all members of the juries.", "Festival Jury Regulations"),
    ("Grand Prix – EUR 20,000", ""),
    ("Best Director Award: 10 000 €", ""),
    ("No 1: The jury has five members. No 2: The jury elects its president.", ""),
    ("a) feature films; b) documentaries; c) short films", ""),
    ("Prize for the best first feature … Prize for the best documentary", ""),
    # award names quoted as a list are the answer to "which awards?", not a heading
    ("Best Film … Best Director … Best Actress … Best Actor", "Golden Awards"),
    ("Date: Sunday 20 June 2027; Time: 17:00; Place: Lantern Theatre.", ""),
    ("4. Save the coordinator's number (+00 555 0142) in your phone.", ""),
    ("FOREWORD The festival's regulations follow the rules of the international federation.", ""),
    ("Jurors must not share their votes with the press.", ""),
    ("Home > Festival > Jury > The jury consists of seven members.", ""),
]


@pytest.mark.parametrize(("quote", "title", "kind"), FRONT_MATTER)
def test_front_matter_is_recognised_with_its_kind(quote: str, title: str, kind: str) -> None:
    assert m.front_matter_kind(quote, title) == kind
    assert m.is_front_matter(quote, title)


@pytest.mark.parametrize(("quote", "title"), RULES)
def test_a_rule_is_not_front_matter(quote: str, title: str) -> None:
    assert m.front_matter_kind(quote, title) is None


def test_front_matter_quotes_counts_quotes_with_their_own_document_title() -> None:
    cites = [
        {"quote": "Jury Regulations 2026", "title": "Jury Regulations 2026"},
        {"quote": "The jury has five members.", "title": "Jury Regulations 2026"},
        {"quote": "Source: https://festival.example.org/rules", "title": "Other Rules"},
    ]
    assert m.front_matter_quotes(cites) == 2
    assert m.front_matter_quotes([]) == 0


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


# ---------------------------------------------------------------- golden-set validation


def _line(**fields: Any) -> str:
    base = {
        "id": "q1",
        "question": "How many jurors?",
        "answer": "Seven.",
        "source": "jury-regulations.md",
        "evidence": "The jury consists of seven members.",
        "answerable": True,
    }
    base.update(fields)
    return json.dumps({k: v for k, v in base.items() if v is not ...})


def test_a_valid_golden_set_parses_with_history_and_unanswerable_records() -> None:
    text = "\n".join(
        [
            _line(),
            "",
            _line(
                id="q2",
                question="And the quorum?",
                history=[{"role": "user", "content": "How many jurors?"}, {"role": "assistant", "content": "Seven."}],
            ),
            json.dumps({"id": "q3", "question": "Is there wifi?", "answerable": False}),
        ]
    )
    records = parse_golden(text, "g.jsonl")
    assert [r.id for r in records] == ["q1", "q2", "q3"]
    assert records[1].history_list()[1] == {"role": "assistant", "content": "Seven."}
    assert records[2].answerable is False and records[2].evidence == ""


@pytest.mark.parametrize(
    ("bad", "line", "words"),
    [
        ("{not json", 2, "not valid JSON"),
        ("[1, 2]", 2, "expected a JSON object"),
        (_line(id="q2", evidence=...), 2, "missing field 'evidence'"),
        (_line(id="q2", answerable="yes"), 2, "field 'answerable' must be true or false"),
        (_line(id="q2", question=""), 2, "field 'question' is empty"),
        (_line(id="q2", source=7), 2, "field 'source' must be a string"),
        (_line(id="q2", anwser="typo"), 2, "unknown field 'anwser'"),
        (_line(), 2, "duplicate id 'q1' (first used on line 1)"),
        (_line(id="q2", history=[{"role": "judge", "content": "hi"}]), 2, "field 'history', turn 1: role must be"),
        (_line(id="q2", history="earlier"), 2, "field 'history' must be a list"),
    ],
)
def test_bad_golden_lines_name_the_line_and_the_field(bad: str, line: int, words: str) -> None:
    with pytest.raises(GoldenSetError) as err:
        parse_golden(_line() + "\n" + bad + "\n", "set.jsonl")
    assert err.value.line == line
    assert words in str(err.value)
    assert str(err.value).startswith(f"set.jsonl, line {line}: ")


def test_empty_missing_and_non_utf8_golden_sets(tmp_path: Path) -> None:
    with pytest.raises(GoldenSetError, match="no questions found"):
        parse_golden("\n\n", "empty.jsonl")
    with pytest.raises(JurorError, match="golden set not found"):
        load_golden(tmp_path / "nope.jsonl")
    with pytest.raises(GoldenSetError, match="line 2: not UTF-8"):
        parse_golden(_line().encode() + b"\n\xff\xfe{}\n", "latin.jsonl")


def test_cli_reports_a_bad_golden_line_in_one_line(tmp_path: Path, library_dir: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(_line() + "\n" + _line(id="q2", answerable="maybe") + "\n", encoding="utf-8")
    proc = run_cli("eval", "--golden", str(bad), "--data-dir", str(library_dir), "--quiet")
    assert proc.returncode == 1
    assert "line 2: field 'answerable' must be true or false" in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------- the sample golden set


def test_sample_golden_set_meets_the_brief_and_its_evidence_is_verbatim() -> None:
    from assistant.library.loading.files import load_file

    records = load_golden(GOLDEN)
    answerable = [r for r in records if r.answerable]
    assert len(records) >= 80
    assert sum(1 for r in records if not r.answerable) >= 15
    assert sum(1 for r in records if r.history) >= 8
    assert {r.source for r in answerable} == DOCUMENTS
    amended = {r.id for r in answerable if r.source == "amendment-01.md"}
    assert {"amd-tie-break", "amd-gift-limit", "amd-short-quorum"} <= amended
    texts = {name: m.normalise(load_file(ROOT / "corpus" / name).text) for name in DOCUMENTS}
    for r in answerable:
        assert m.normalise(r.evidence) in texts[r.source], f"{r.id}: evidence is not verbatim in {r.source}"
        assert m.normalise(r.question) not in texts[r.source], f"{r.id}: question copied from the text"


# ---------------------------------------------------------------- regression view


def test_compare_lists_what_got_better_and_worse_question_by_question() -> None:
    def rec(rid: str, passed: bool, rank: int | None, accurate: bool, abstained: bool = False) -> dict[str, Any]:
        r = _record(
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


# ---------------------------------------------------------------- HTML


def _tiny_report() -> dict[str, Any]:
    evil = "<script>window.__pwned = 1</script> & <b>bold</b>"
    rec = _record(
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
        "abstention_precision",
        "abstention_recall",
        "answered_when_answerable",
        "latency_p50_ms",
        "latency_p95_ms",
    ):
        assert set(report["summary"][key]) == {"value", "n"}, key
    assert report["summary"]["hit_at_5"]["n"] == sum(g.answerable for g in golden)
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
    assert base["summary"]["abstention_recall"] == {"value": 0.0, "n": 1}  # the tutorial never abstains
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
    small = golden_subset(tmp_path, {"amd-gift-limit", "faq-shuttle", "na-dog"})
    common = ("eval", "--golden", str(small), "--data-dir", str(library_dir), "--quiet")
    passed = run_cli(*common, "--min", "answer_support=0.95", "--min", "abstention_recall=1.0")
    assert passed.returncode == 0, passed.stderr
    assert "Gate: every metric is at or above its minimum." in passed.stdout
    failed = run_cli(
        *common, "--min", "citation_accuracy=1.0", "--min", "abstention_precision=1.0", "--min", "hit_at_5=0.5"
    )
    # the gift-limit answer quotes the amendment's transitional sentence, not the new limit, on every backend
    assert re.search(r"^Citation accuracy\s+0\.500\s+2$", failed.stdout, re.M), failed.stdout
    assert failed.returncode == 3, failed.stderr
    assert re.search(r"^gate: Citation accuracy 0\.500 < 1\.00 \(n=2\)$", failed.stderr, re.M), failed.stderr
    assert "hit@5" not in failed.stderr
    bad = run_cli(*common, "--min", "speed=1")
    assert bad.returncode == 1 and "--min 'speed=1': write METRIC=VALUE" in bad.stderr
    assert "Asking" not in bad.stderr and "Retrieval" not in bad.stdout  # refused before any question is asked


# ---------------------------------------------------------------- the Quality page (real Streamlit)


def test_quality_page_runs_a_golden_set_and_offers_the_reports(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, library_copy: Path
) -> None:
    import assistant.ui.quality as page

    small = golden_subset(tmp_path, {"faq-shuttle", "na-dog", "amd-gift-limit"})
    monkeypatch.setattr(page, "SAMPLE_GOLDEN", small)
    at = quality_app(monkeypatch, tmp_path, library_copy)
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
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download JSON report", "Download HTML report"]
    assert len(at.expander) == report["summary"]["failed"]  # one expander per failing question
    failing = [r for r in report["records"] if not r["passed"]]
    for expander, r in zip(at.expander, failing, strict=True):  # each names its failure class
        assert expander.label == f"{r['id']} — {r['question']} ({CLASS_LABELS[r['failure_class']]})"
    classes = at.dataframe[1].value
    assert list(classes["Failure class"])[: len(FAILURE_CLASSES)] == [label for _, label in FAILURE_CLASSES]
    assert sum(int(v) for v in list(classes["Ours"])[: len(FAILURE_CLASSES)]) == report["summary"]["failed"]
