"""The check before deliberation: each item quotes its rule, and says where the juror stands; on the sample festival
with a juror's notes, and on real regulations nobody tuned on (../shared/realworld, read at run time)."""

from __future__ import annotations

import re

import pytest
from support.notebook import CONFLICT_NOTE, SECRET

from assistant.answers.assistant import Assistant
from assistant.notebook.checks import ATTENTION, DONE, INFO, MISSING, TODO, Checklist, build_checks
from assistant.notebook.entries import JurorEntries, conflict_change, mark_change, note_change, seen_change
from assistant.notebook.notebook import JurorSession, Notebook
from assistant.notebook.rulebook import Rulebook
from assistant.study.sentences import normalise
from assistant.study.study import study_for


@pytest.fixture(scope="module")
def juror(notebook: Notebook) -> JurorSession:
    festival = notebook.festival()
    session = notebook.create("checker-1", SECRET)
    scale = notebook.criteria(festival).scale
    notebook.write(
        session,
        festival,
        [
            seen_change("sunfall", True, "2027-06-11", "screening"),
            note_change("sunfall", "Direction", "Long takes that never show off."),
            mark_change("sunfall", "7.5", scale),
            seen_change("tide pools", True, "2027-06-12", "screener"),
            conflict_change("the salt road", True, CONFLICT_NOTE),
        ],
    )
    return session


def assert_cited(checklist: Checklist, assistant: Assistant, sources: tuple[str, ...]) -> None:
    """Every [n] of the checklist is one of its citations; each citation quotes its passage, of this festival."""
    passages = {c.id: c.text for c in assistant.retriever.lexical().chunks}
    numbers = {c.n for c in checklist.citations}
    assert sorted(numbers) == list(range(1, len(numbers) + 1))
    for item in checklist.items:
        text = " ".join([item.summary, *item.lines, *(f"[{r.n}]" for r in item.rules)])
        assert {int(n) for n in re.findall(r"\[(\d+)\]", text)} <= numbers, item
        if item.status != MISSING:
            assert item.rules, f"{item.key} quotes no rule"
    for c in checklist.citations:
        assert c.source in sources
        assert normalise(c.quote) in normalise(passages[c.chunk_id])


def test_the_check_lists_unseen_films_and_quotes_the_attendance_rule(
    notebook: Notebook, juror: JurorSession, nb_assistant: Assistant
) -> None:
    festival = notebook.festival()
    checklist = notebook.checks(juror, festival)
    assert_cited(checklist, nb_assistant, festival.sources)
    attendance = checklist.item("attendance")
    assert attendance.status == TODO
    assert [line.split(" — ")[0] for line in attendance.lines] == [
        "The Salt Road",
        "Quiet Harbour",
        '=HYPERLINK("http://evil.example","click")',
    ]
    assert "Not marked seen yet (3 of 5)" in attendance.summary
    assert all(re.search(r"\battend", r.quote, re.I) for r in attendance.rules)


def test_a_declared_conflict_is_shown_with_the_rule_closest_to_what_the_juror_wrote(
    notebook: Notebook, juror: JurorSession
) -> None:
    conflicts = notebook.checks(juror, notebook.festival()).item("conflicts")
    assert conflicts.status == ATTENTION
    line = conflicts.lines[0]
    assert line.startswith(f"The Salt Road: you noted “{CONFLICT_NOTE}”; the rule says “")
    assert "conflict of interest" in line.lower() and re.search(r"\[\d+\]$", line)
    assert "No conflict declared for the other 4 film(s)" in conflicts.lines[-1]


def test_confidentiality_contact_and_voting_rules_are_quoted(notebook: Notebook, juror: JurorSession) -> None:
    checklist = notebook.checks(juror, notebook.festival())
    assert re.search(r"disclose", checklist.item("confidentiality").rules[0].quote, re.I)
    assert re.search(r"interview|press|discuss|gift|social", checklist.item("contact").rules[0].quote, re.I)
    voting = " ".join(r.quote for r in checklist.item("voting").rules)
    assert re.search(r"ballot|vote", voting, re.I) and re.search(r"tie", voting, re.I)
    assert {i.status for i in checklist.items} <= {TODO, ATTENTION, INFO, DONE}


def test_a_juror_who_saw_every_film_and_declared_nothing_is_told_so(notebook: Notebook) -> None:
    festival = notebook.festival()
    session = notebook.create("all-seen", SECRET)
    notebook.write(session, festival, [seen_change(f.key, True, "2027-06-14") for f in notebook.films(festival)])
    checklist = notebook.checks(session, festival)
    assert checklist.item("attendance").status == DONE
    assert "You have marked all 5 films seen" in checklist.item("attendance").summary
    assert checklist.item("conflicts").status == DONE


def test_the_check_never_ranks_or_sums_up_marks(notebook: Notebook, juror: JurorSession) -> None:
    text = notebook.checks(juror, notebook.festival()).to_markdown()
    assert "7.5" not in text, "a juror's mark is theirs alone: the check never shows, compares or sums it"
    # The rules it quotes may forbid a ranking ("no juror may publish a score, ranking or average"); its own words never
    # rank, average or name a winner.
    own = re.sub(r"“[^”]*”", "", text)
    assert "“" in text and not re.search(r"\b(?:rank|ranking|average|best film|winner)\b", own, re.I)


def rulebook_of(assistant: Assistant, words: str) -> tuple[Rulebook, tuple[str, ...]]:
    study = study_for(assistant)
    festival = next(f for f in study.festivals() if words in f.key)
    return Rulebook.of(study, festival), festival.sources


def test_real_regulations_checks_quote_their_own_rules_and_say_what_they_lack(realworld_assistant: Assistant) -> None:
    black_nights, sources = rulebook_of(realworld_assistant, "black-nights")
    checklist = build_checks([], JurorEntries(), black_nights)
    assert_cited(checklist, realworld_assistant, sources)
    assert "jury member" in checklist.item("conflicts").rules[0].quote  # the festival's own conflict rule
    assert (
        checklist.item("voting").status == MISSING
        and "do not say how the jury votes" in checklist.item("voting").summary
    )

    minsk, sources = rulebook_of(realworld_assistant, "minsk")
    checklist = build_checks([], JurorEntries(), minsk)
    assert_cited(checklist, realworld_assistant, sources)
    voting = [r.quote for r in checklist.item("voting").rules]
    assert any("majority" in q for q in voting), "how the winner is decided"
    assert any("equal" in q for q in voting), "the tie-break"

    sydney, _ = rulebook_of(realworld_assistant, "sydney")  # a submissions FAQ: nothing for a juror
    checklist = build_checks([], JurorEntries(), sydney)
    assert {i.key: i.status for i in checklist.items} == {
        "attendance": MISSING,
        "conflicts": MISSING,
        "confidentiality": MISSING,
        "contact": MISSING,
        "voting": MISSING,
    }
    assert checklist.citations == []
