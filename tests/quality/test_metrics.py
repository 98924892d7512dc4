"""The evaluation metrics, each on hand-made answers: evidence matching, ranks, citations, support, key facts,
abstention, front matter.
"""

from __future__ import annotations

import json

import pytest
from support.golden import scored_record

from assistant.errors import ConfigError
from assistant.quality import metrics as m
from assistant.quality.evaluation import GATE, GATE_MAX, parse_maximums, score_record, summarise
from assistant.quality.golden import GoldenRecord
from assistant.quality.report_text import format_summary, gate_failures
from assistant.schema import Answer

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


PER_DIEM = "The per diem is EUR 60 per day, paid in cash when you collect your accreditation."


def test_quote_precision_is_the_share_of_the_answers_content_words_in_the_evidence() -> None:
    # answer terms {per, diem, eur, 60, day}: all the evidence's; the marker's "1" is not a word of the answer
    assert m.quote_precision("The per diem is EUR 60 per day [1].", PER_DIEM) == 1.0
    # a second quote adds {juror, fre(e), bicycl(e)}: 5 of 8 distinct content words are the evidence's
    added = "The per diem is EUR 60 per day [1]. Jurors also get a free bicycle [2]."
    assert m.quote_precision(added, PER_DIEM) == pytest.approx(5 / 8)
    # the set of words, not the count: "bicycles" three times is one word ({bicycl, per, diem} -> 2 of 3)
    assert m.quote_precision("Bicycles, bicycles and more bicycles: the per diem [1].", PER_DIEM) == pytest.approx(
        2 / 3
    )
    assert m.quote_precision("Jurors get a free bicycle [1].", PER_DIEM) == 0.0


def test_quote_precision_is_none_where_it_does_not_apply() -> None:
    answer = "The per diem is EUR 60 per day [1]."
    assert m.quote_precision(answer, PER_DIEM, abstained=True) is None
    assert m.quote_precision(answer, "", answerable=False) is None  # an unanswerable question has no evidence
    for empty in ("", "[1]", "[1] [2].", "It is what it is [1]."):  # no content word: None, never NaN or 0/0
        assert m.quote_precision(empty, PER_DIEM) is None, empty


def test_answer_words_counts_what_the_juror_reads_without_markers() -> None:
    assert m.answer_words("The per diem is EUR 60 per day [1].") == 8  # 9 with the marker
    assert m.answer_words("EUR 30,000 [1][2].") == 2  # a number with its separator is one word
    assert m.answer_words("I can't tell you which film should win.") == 8
    assert m.answer_words("") == 0
    assert m.answer_words("The library does not say.", abstained=True) is None


def _golden(answerable: bool = True) -> GoldenRecord:
    if not answerable:
        return GoldenRecord("na-dog", "Can I bring my dog?", "", "", "", False)
    return GoldenRecord("per-diem", "How much is the per diem?", "EUR 60 a day.", "faq.md", PER_DIEM, True)


@pytest.mark.parametrize(
    ("answerable", "answer", "precision", "length"),
    [
        (
            True,
            Answer("q", "The per diem is EUR 60 per day [1]. Jurors also get a free bicycle [2].", False),
            0.625,
            14,
        ),
        (True, Answer("q", "The library does not say [1].", True), None, None),  # abstained: neither applies
        (False, Answer("q", "Dogs are welcome at the Festival Centre [1].", False), None, 7),  # answered, no evidence
        (True, Answer("q", "I can't tell you which film should win.", False, declined=True), 0.0, 8),  # a decline
        (True, Answer("q", "", False), None, 0),  # empty: no precision (not NaN), no words
    ],
)
def test_each_record_carries_its_quote_precision_and_answer_length(
    answerable: bool, answer: Answer, precision: float | None, length: int | None
) -> None:
    metrics = score_record(_golden(answerable), answer)["metrics"]
    assert metrics["quote_precision"] == precision
    assert metrics["answer_words"] == length


def test_summary_quote_precision_median_and_mean_answer_length_median_and_p90() -> None:
    precisions = [1.0, 0.2, 0.5, 0.3, None]  # median of four: (0.3 + 0.5) / 2; mean 0.5
    lengths = [12, 3, 40, 7, 25, 9, 18, 30, 5, 100]  # median (12 + 18) / 2; nearest-rank p90 the 9th (40)
    records = [
        scored_record(f"q{i}", True, False, quote_precision=precisions[i] if i < 5 else None, answer_words=n)
        for i, n in enumerate(lengths)
    ]
    records.append(scored_record("abstained", True, True, quote_precision=None, answer_words=None))
    s = summarise(records)
    assert s["quote_precision"] == {"value": 0.4, "n": 4}
    assert s["quote_precision_mean"] == {"value": 0.5, "n": 4}
    assert s["answer_words_median"] == {"value": 15, "n": 10}
    assert s["answer_words_p90"] == {"value": 40, "n": 10}
    odd = summarise([scored_record(f"q{i}", True, False, quote_precision=v) for i, v in enumerate([0.9, 0.1, 0.4])])
    assert odd["quote_precision"] == {"value": 0.4, "n": 3}  # the middle one
    none = summarise([scored_record("a", True, True), scored_record("u", False, True)])
    for key in ("quote_precision", "quote_precision_mean", "answer_words_median", "answer_words_p90"):
        assert none[key] == {"value": None, "n": 0}, key
    json.dumps(none, allow_nan=False)


def test_summary_counts_the_follow_ups_apart_and_the_report_says_how_they_did() -> None:
    """Follow-ups are the weakest kind of question; a tester sees them apart in every report."""
    turn = [{"role": "user", "content": "Who sits on the jury?"}]
    records = [
        scored_record("plain", True, False),
        scored_record("follow-passed", True, False) | {"history": turn},
        scored_record("follow-failed", True, True) | {"history": turn},
    ]
    s = summarise(records)
    assert s["follow_ups"] == {"questions": 2, "passed": 1}
    assert "2 passed, 1 failed; follow-ups: 1 of 2 passed." in format_summary({"summary": s})
    alone = summarise(records[:1])
    assert alone["follow_ups"] == {"questions": 0, "passed": 0}
    assert "follow-ups" not in format_summary({"summary": alone})


def test_gate_failures_checks_maximums_as_well_as_minimums() -> None:
    s = {
        "quote_precision": {"value": 0.45, "n": 120},
        "answer_words_median": {"value": 52, "n": 120},
        "answer_words_p90": {"value": None, "n": 0},
        "latency_p95_ms": {"value": 180.4, "n": 143},
    }
    assert gate_failures(s, {}, {"answer_words_median": 35}) == ["Answer length, median words 52 > 35 (n=120)"]
    assert gate_failures(s, {}, {"answer_words_median": 52, "latency_p95_ms": 200}) == []  # at the maximum passes
    assert gate_failures(s, {}, {"answer_words_p90": 80}) == ["Answer length, p90 words - > 80 (n=0)"]
    assert gate_failures(s, {"quote_precision": 0.6}, {"latency_p95_ms": 150}) == [
        "Quote precision, median 0.450 < 0.60 (n=120)",
        "Latency p95 (ms) 180 > 150 (n=143)",
    ]
    # minimums alone check no maximum (as --min always did); with neither, the default gate in both directions
    assert gate_failures(s, {"quote_precision": 0.4}) == []
    assert GATE["quote_precision"] == 0.60 and GATE_MAX == {"answer_words_median": 35}
    full = {key: {"value": 1.0, "n": 1} for key in GATE} | s
    assert gate_failures(full) == [
        "Quote precision, median 0.450 < 0.60 (n=120)",
        "Answer length, median words 52 > 35 (n=120)",
    ]


def test_maximums_on_the_command_line_are_for_metrics_where_lower_is_better() -> None:
    assert parse_maximums(["answer_words_median=35", " latency_p95_ms = 250.5", "answer_words_p90=0"]) == {
        "answer_words_median": 35.0,
        "latency_p95_ms": 250.5,
        "answer_words_p90": 0.0,
    }
    for bad, message in (
        ("answer_words_median", "write METRIC=VALUE"),
        ("quote_precision=0.6", r"write METRIC=VALUE .*\(quote_precision takes --min\)"),
        ("words=35", "write METRIC=VALUE"),
        ("answer_words_median=-1", "a number of 0 or more"),
        ("answer_words_median=many", "a number of 0 or more"),
        ("answer_words_median=inf", "a number of 0 or more"),
        ("answer_words_median=nan", "a number of 0 or more"),
    ):
        with pytest.raises(ConfigError, match=message):
            parse_maximums([bad])


def test_percentiles_and_aggregates_never_produce_nan() -> None:
    assert m.percentile([40, 10, 30, 20], 50) == 20
    assert m.percentile([40, 10, 30, 20], 95) == 40
    assert m.percentile([], 50) is None
    assert m.aggregate([]) == {"value": None, "n": 0}
    assert m.aggregate([True, False, None]) == {"value": 0.5, "n": 2}
    assert m.ratio(0, 0) == {"value": None, "n": 0, "ci": None}
    assert m.rate([True, False, None]) == {"value": 0.5, "n": 2, "ci": m.wilson(1, 2)}


def test_a_rate_comes_with_its_95_percent_interval() -> None:
    """The interval a tester reads beside a rate: 40 of 50 is 0.80 give or take about 0.11 (Wilson's score interval,
    checked against the published formula), and it never leaves 0 to 1 at the edges."""
    low, high = m.wilson(40, 50)
    assert low == pytest.approx(0.6696, abs=1e-3) and high == pytest.approx(0.8876, abs=1e-3)
    assert m.wilson(0, 12)[0] == 0.0 and 0.2 < m.wilson(0, 12)[1] < 0.3
    assert m.wilson(12, 12)[1] == 1.0 and m.wilson(12, 12)[0] > 0.7
    assert m.wilson(3, 0) is None
    assert m.ratio(40, 50)["ci"] == [low, high]


def test_the_paired_p_value_says_whether_a_change_of_a_few_questions_is_noise() -> None:
    """McNemar's exact test: 3 questions gained and none lost happens one time in four by chance; 10 to 0 does not."""
    assert m.paired_p(3, 0) == 0.25
    assert m.paired_p(0, 3) == 0.25
    assert m.paired_p(10, 0) == pytest.approx(0.002, abs=1e-3)
    assert m.paired_p(5, 5) == 1.0
    assert m.paired_p(0, 0) is None


def test_summary_abstention_precision_recall_and_empty_metrics() -> None:
    records = [
        scored_record("a1", True, False, hit_at_1=True, hit_at_5=True, reciprocal_rank=1.0, citation_accurate=True),
        scored_record("a2", True, True, hit_at_1=False, hit_at_5=False, reciprocal_rank=0.0),  # abstained wrongly
        scored_record("u1", False, True),  # right abstention
        scored_record("u2", False, False),  # answered an unanswerable question
    ]
    s = summarise(records)
    half = {"value": 0.5, "n": 2, "ci": m.wilson(1, 2)}
    assert s["abstention_precision"] == half  # 1 of the 2 abstentions was right
    assert s["abstention_recall"] == half  # 1 of the 2 unanswerable questions declined
    assert s["answered_when_answerable"] == half
    assert s["hit_at_5"] == half
    assert s["citation_accuracy"] == {"value": 1.0, "n": 1, "ci": m.wilson(1, 1)}
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
