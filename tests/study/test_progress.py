"""Progress that lasts: answers and the review schedule in SQLite in the library folder, read back by a new process's
store, planned into the next session, and shown to organisers only in aggregate."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.answers.assistant import Assistant
from assistant.cli import main
from assistant.errors import JurorCodeError, StoreError
from assistant.study.progress import FILE, INTERVAL_DAYS, Progress, aggregate_rows, juror_key
from assistant.study.study import Study

DAY0 = datetime(2027, 6, 9, 18, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def questions(assistant: Assistant):
    return Study.of(assistant).quiz(count=None, seed=5)


def test_a_juror_code_is_checked_and_folded(tmp_path: Path) -> None:
    assert juror_key("  Anna   K ") == "anna k"
    for bad in ("", " ", "x", "a" * 41, "anna; drop table", "<script>"):
        with pytest.raises(JurorCodeError) as caught:
            juror_key(bad)
        assert "code" in str(caught.value)


def test_answers_and_schedule_persist_and_the_next_session_starts_with_what_is_due(tmp_path: Path, questions) -> None:
    store = Progress.in_folder(tmp_path)
    first, second, third = questions[0], questions[1], questions[2]
    store.record("Anna-K", "lumen", first, correct=False, at=DAY0)
    store.record("anna-k", "lumen", second, correct=True, at=DAY0)
    assert (tmp_path / FILE).is_file()

    again = Progress.in_folder(tmp_path)  # another process, another day: a new connection to the same file
    mine = again.progress("ANNA-K", "lumen", at=DAY0 + timedelta(days=1))
    assert (mine.answered, mine.correct, mine.rules_seen, mine.due) == (2, 1, 2, 2)
    plan = again.plan("anna-k", "lumen", questions, 5, at=DAY0 + timedelta(hours=1))
    assert plan[0].rule == first.rule, "the missed rule comes first"
    assert second.rule not in {q.rule for q in plan}, "a rule answered right waits for its day"
    assert third.rule in {q.rule for q in plan}, "then rules not seen yet"
    later = again.plan("anna-k", "lumen", questions, 5, at=DAY0 + timedelta(days=INTERVAL_DAYS[1], minutes=1))
    assert [q.rule for q in later[:2]] == [first.rule, second.rule]

    again.record("anna-k", "lumen", second, correct=True, at=DAY0 + timedelta(days=1))
    box, due = again.schedule("anna-k", "lumen")[second.rule]
    assert box == 2 and due == (DAY0 + timedelta(days=1 + INTERVAL_DAYS[2])).isoformat()
    assert again.progress("someone-else", "lumen").answered == 0, "progress is per juror"
    assert again.progress("anna-k", "other-festival").answered == 0, "and per festival"


def test_organisers_see_totals_and_the_most_missed_rules_but_no_names(tmp_path: Path, questions) -> None:
    store = Progress.in_folder(tmp_path)
    hard, easy = questions[3], questions[4]
    for juror in ("j1", "j2", "j3"):
        store.record(juror, "lumen", hard, correct=False, at=DAY0)
        store.record(juror, "lumen", easy, correct=True, at=DAY0)
    store.record("j1", "lumen", hard, correct=True, at=DAY0 + timedelta(minutes=5))
    total = store.aggregate("lumen")
    assert (total.jurors, total.answers, total.correct) == (3, 7, 4)
    assert [m.rule for m in total.most_missed] == [hard.rule]
    assert total.most_missed[0].misses == 3 and total.most_missed[0].attempts == 4
    rows = aggregate_rows(total)
    assert rows[0]["Rule"] == hard.citation.quote and rows[0]["Missed share"] == "75%"
    assert not any(code in str(rows) for code in ("j1", "j2", "j3"))
    assert store.aggregate("nothing-here").jurors == 0


def test_a_corrupt_progress_file_is_reported_not_hidden(tmp_path: Path, questions) -> None:
    (tmp_path / FILE).write_bytes(b"this is not a database")
    with pytest.raises(StoreError, match="cannot be read.*move it aside"):
        Progress.in_folder(tmp_path).record("anna", "lumen", questions[0], True)
    assert (tmp_path / FILE).read_bytes() == b"this is not a database", "nothing is overwritten"


def test_cli_quiz_with_a_juror_code_resumes_another_day(library_copy: Path) -> None:
    runner = CliRunner()
    args = ["quiz", "--data-dir", str(library_copy), "--count", "2", "--seed", "4", "--juror", "Anna K"]
    first = runner.invoke(main, args, input="1\n1\n1\n1\n1\n1\n")
    assert first.exit_code == 0, first.output
    assert "Saved for Anna K:" in first.output
    store = Progress.in_folder(library_copy)
    mine = store.progress("anna k", "lumen-bay-international-film-festival")
    assert mine.answered >= 2 and mine.rules_seen == 2
    second = runner.invoke(main, args, input="1\n1\n1\n1\n1\n1\n")
    assert second.exit_code == 0, second.output
    assert store.progress("anna k", "lumen-bay-international-film-festival").answered > mine.answered
    bad = runner.invoke(main, [*args[:-1], "x"])
    assert bad.exit_code == 1 and "cannot be a juror code" in bad.output and "Traceback" not in bad.output
