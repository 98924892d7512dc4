"""Golden sets: parsing, line-precise errors, and the sample set's brief."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.golden import DOCUMENTS, GOLDEN, ROOT, golden_line

from assistant.errors import GoldenSetError, JurorError
from assistant.quality import metrics as m
from assistant.quality.golden import load_golden, parse_golden

# ---------------------------------------------------------------- golden-set validation


def test_a_valid_golden_set_parses_with_history_and_unanswerable_records() -> None:
    text = "\n".join(
        [
            golden_line(),
            "",
            golden_line(
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
        (golden_line(id="q2", evidence=...), 2, "missing field 'evidence'"),
        (golden_line(id="q2", answerable="yes"), 2, "field 'answerable' must be true or false"),
        (golden_line(id="q2", question=""), 2, "field 'question' is empty"),
        (golden_line(id="q2", source=7), 2, "field 'source' must be a string"),
        (golden_line(id="q2", anwser="typo"), 2, "unknown field 'anwser'"),
        (golden_line(), 2, "duplicate id 'q1' (first used on line 1)"),
        (
            golden_line(id="q2", history=[{"role": "judge", "content": "hi"}]),
            2,
            "field 'history', turn 1: role must be",
        ),
        (golden_line(id="q2", history="earlier"), 2, "field 'history' must be a list"),
    ],
)
def test_bad_golden_lines_name_the_line_and_the_field(bad: str, line: int, words: str) -> None:
    with pytest.raises(GoldenSetError) as err:
        parse_golden(golden_line() + "\n" + bad + "\n", "set.jsonl")
    assert err.value.line == line
    assert words in str(err.value)
    assert str(err.value).startswith(f"set.jsonl, line {line}: ")


def test_empty_missing_and_non_utf8_golden_sets(tmp_path: Path) -> None:
    with pytest.raises(GoldenSetError, match="no questions found"):
        parse_golden("\n\n", "empty.jsonl")
    with pytest.raises(JurorError, match="golden set not found"):
        load_golden(tmp_path / "nope.jsonl")
    with pytest.raises(GoldenSetError, match="line 2: not UTF-8"):
        parse_golden(golden_line().encode() + b"\n\xff\xfe{}\n", "latin.jsonl")


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
