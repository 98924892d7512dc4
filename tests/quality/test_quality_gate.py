"""The quality gates: the issue's targets and today's floors on the sample library and the real regulations.

Sample library (`corpus/golden.jsonl`): hit@5 >= 0.95, citation accuracy >= 0.90, answer support >= 0.95, quote
precision (median) >= 0.60, abstention recall >= 0.80 and answered-when-answerable >= 0.95; median answer length <= 35
words (issue 20). Real regulations (`../shared/realworld/` and `../shared/realworld-2/`, read at run time and skipped
when absent; their texts are never copied into the project): hit@5 >= 0.95, citation accuracy >= 0.85, key-fact
coverage >= 0.70, quote precision >= 0.60, abstention recall >= 0.80 with answered-when-answerable >= 0.95, median
answer length <= 35 words, and no quote that is front matter.

Targets not reached yet are strict xfails, so they show in every run and turn into failures the day the metric
passes (then remove the mark). Independently, FLOORS pin today's levels (and CEILINGS today's answer length) so any
regression fails now. A failure message lists the failing questions with their failure class, so a regression says
where to look.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.library import REALWORLD, REALWORLD_2

from assistant.quality.evaluation import GATE, GATE_MAX, LABELS, evaluate, failing
from assistant.quality.golden import load_golden

GOLDEN = Path(__file__).resolve().parents[2] / "corpus" / "golden.jsonl"

NOT_YET = {
    "hit_at_5": "measured 0.89: paraphrases with no shared vocabulary (e.g. 'cousin' for a family link) miss with MiniLM",
    "citation_accuracy": "measured 0.70 with one or two quotes an answer: the quote chosen first often misses the "
    "evidence, and a second joins only when it scores close; the sample library states most rules twice, in near-identical "
    "words, and its golden set wants the governing text",
    "abstention_recall": "measured 0.63 at 0.94 answered-when-answerable: unanswerable questions phrased in the "
    "library's own words",
    "answered_when_answerable": "measured 0.94: eight answerable questions declined, most of them where the quote "
    "chosen lacks the evidence (a place, a number, a person's name the question asks for)",
}
# Today's levels on the sample library, a little below the measured values: a drop under these is a regression.
# (Citation accuracy was 0.65 while texts were embedded in batches at ingest: with int8 activations quantised per
# batch it moved between 0.63 and 0.65 with how the sample's texts happened to be batched; each text is now embedded
# on its own, and it was 0.63; 0.67 since follow-ups are read as the juror meant them, docs/evaluation.md item 22.)
FLOORS = {
    "hit_at_5": 0.87,
    "hit_at_1": 0.62,
    "citation_accuracy": 0.65,
    "citation_validity": 1.0,
    "answer_support": 0.95,
    "quote_precision": 0.65,  # measured 0.667: the median sits between answers quoted exactly and answers that miss
    "abstention_recall": 0.50,
    "abstention_precision": 0.55,
    "key_fact_coverage": 0.66,
    "answered_when_answerable": 0.92,
}
CEILINGS = {"answer_words_median": 32}

REAL_GATE = {
    "hit_at_5": 0.95,
    "citation_accuracy": 0.85,
    "key_fact_coverage": 0.70,
    "quote_precision": 0.60,
    "abstention_recall": 0.80,
    "answered_when_answerable": 0.95,
}
REAL_GATE_MAX = {"answer_words_median": 35}
# The first real set (2026-12-03, term statistics within the named festival, each text embedded on its own): hit@5
# 1.00, citation accuracy 0.93, key facts 0.80, quote precision (mean) 0.72, abstention recall 1.00 at 1.00
# answered, quote precision (median) 0.86 (1.00 until Tokyo's prize lead-in came with its list), 27 words.
REALWORLD_NOT_YET: dict[str, str] = {}
REALWORLD_FLOORS = {
    "hit_at_5": 0.97,
    "mrr": 0.92,
    "citation_accuracy": 0.90,
    "key_fact_coverage": 0.75,
    "quote_precision": 0.68,
    # 11 of 12 since item 28's refit (as before issue 20): Shanghai's "may I tell journalists how our discussion went?"
    # is answered with how its juries work; every other near miss is declined
    "abstention_recall": 0.90,
    "answered_when_answerable": 0.95,
    "citation_validity": 1.0,
    "answer_support": 0.95,
}
# The second real set (2026-12-03; first sight, before any change for it: citation accuracy 0.75, recall 0.60 at
# 0.95 answered): hit@5 0.98, citation accuracy 0.81, key facts 0.73, quote precision 0.70, recall 0.80 at 0.98
# answered with precision 0.92, 21 words (recall 0.67 until a question on the jury's pay wanted a rule on it and
# "Does Raindance require …?" was read as naming a festival).
REALWORLD2_NOT_YET: dict[str, str] = {}  # citation accuracy met since item 43 (0.86: "welcome to" read as a permission)
REALWORLD2_FLOORS = {
    "hit_at_5": 0.95,
    "citation_accuracy": 0.84,
    "key_fact_coverage": 0.70,
    "quote_precision": 0.60,
    "abstention_recall": 0.60,
    "abstention_precision": 0.80,
    "answered_when_answerable": 0.95,
    "citation_validity": 1.0,
    "answer_support": 0.95,
}


@pytest.fixture(scope="module")
def report(assistant) -> dict[str, Any]:
    return evaluate(assistant, load_golden(GOLDEN), documents=assistant.library.documents(), golden_name=GOLDEN.name)


def _real_report(folder: Path, assistant) -> dict[str, Any]:
    """The eval report of a real set's golden questions over the session's library of that set."""
    if not (folder / "questions.jsonl").is_file():
        pytest.skip(f"the real-regulation set's questions are not here ({folder})")
    return evaluate(
        assistant,
        load_golden(folder / "questions.jsonl"),
        documents=assistant.library.documents(),
        golden_name=folder.name,
    )


@pytest.fixture(scope="module")
def realworld_report(realworld_assistant) -> dict[str, Any]:
    return _real_report(REALWORLD, realworld_assistant)


@pytest.fixture(scope="module")
def realworld2_report(realworld_2_assistant) -> dict[str, Any]:
    return _real_report(REALWORLD_2, realworld_2_assistant)


def _why(report: dict[str, Any]) -> str:
    return "\nfailing questions:\n" + "\n".join(
        f"  {r['id']} [{r.get('failure_class')}]: {'; '.join(r['failures'])}" for r in failing(report)
    )


def _check(report: dict[str, Any], metric: str, minimum: float) -> None:
    value = report["summary"][metric]["value"]
    assert value is not None and value >= minimum, f"{LABELS[metric]} {value} < {minimum}" + _why(report)


def _check_max(report: dict[str, Any], metric: str, maximum: float) -> None:
    value = report["summary"][metric]["value"]
    assert value is not None and value <= maximum, f"{LABELS[metric]} {value} > {maximum}" + _why(report)


def test_gate_thresholds_are_the_ones_the_issue_sets() -> None:
    assert GATE == {
        "hit_at_5": 0.95,
        "citation_accuracy": 0.90,
        "answer_support": 0.95,
        "quote_precision": 0.60,
        "abstention_recall": 0.80,
        "answered_when_answerable": 0.95,
    }
    assert GATE_MAX == {"answer_words_median": 35}


@pytest.mark.parametrize(
    "metric",
    [pytest.param(m, marks=pytest.mark.xfail(strict=True, reason=NOT_YET[m])) if m in NOT_YET else m for m in GATE],
)
def test_quality_gate_metric(report: dict[str, Any], metric: str) -> None:
    _check(report, metric, GATE[metric])


@pytest.mark.parametrize(
    "metric",
    [pytest.param(m, marks=pytest.mark.xfail(strict=True, reason=NOT_YET[m])) if m in NOT_YET else m for m in GATE_MAX],
)
def test_quality_gate_maximum(report: dict[str, Any], metric: str) -> None:
    _check_max(report, metric, GATE_MAX[metric])


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_no_regression_below_todays_level(report: dict[str, Any], metric: str) -> None:
    value = report["summary"][metric]["value"]
    assert value is not None and value >= FLOORS[metric], (
        f"{LABELS[metric]} fell to {value} (floor {FLOORS[metric]})" + _why(report)
    )


@pytest.mark.parametrize("metric", sorted(CEILINGS))
def test_no_regression_above_todays_answer_length(report: dict[str, Any], metric: str) -> None:
    _check_max(report, metric, CEILINGS[metric])


def _gated(not_yet: dict[str, str]) -> list[Any]:
    return [
        pytest.param(m, marks=pytest.mark.xfail(strict=True, reason=not_yet[m])) if m in not_yet else m
        for m in [*REAL_GATE, *REAL_GATE_MAX]
    ]


def _check_gate(report: dict[str, Any], metric: str) -> None:
    if metric in REAL_GATE_MAX:
        _check_max(report, metric, REAL_GATE_MAX[metric])
    else:
        _check(report, metric, REAL_GATE[metric])


@pytest.mark.parametrize("metric", _gated(REALWORLD_NOT_YET))
def test_real_regulations_gate_metric(realworld_report: dict[str, Any], metric: str) -> None:
    _check_gate(realworld_report, metric)


@pytest.mark.parametrize("metric", sorted(REALWORLD_FLOORS))
def test_real_regulations_no_regression_below_todays_level(realworld_report: dict[str, Any], metric: str) -> None:
    _check(realworld_report, metric, REALWORLD_FLOORS[metric])


@pytest.mark.parametrize("metric", _gated(REALWORLD2_NOT_YET))
def test_second_real_set_gate_metric(realworld2_report: dict[str, Any], metric: str) -> None:
    _check_gate(realworld2_report, metric)


@pytest.mark.parametrize("metric", sorted(REALWORLD2_FLOORS))
def test_second_real_set_no_regression_below_todays_level(realworld2_report: dict[str, Any], metric: str) -> None:
    _check(realworld2_report, metric, REALWORLD2_FLOORS[metric])


def test_real_regulations_no_answer_quotes_front_matter(realworld_report: dict[str, Any]) -> None:
    summary = realworld_report["summary"]
    offending = [r["id"] for r in realworld_report["records"] if (r.get("metrics") or {}).get("front_matter_quotes")]
    assert summary["front_matter_quotes"] == 0, f"front-matter quotes in {offending}"
