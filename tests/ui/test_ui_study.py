"""The Study page through AppTest on the real app (app.py), real model and a copy of the sample library."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support.apptest_helpers import open_app

from assistant.study.quiz.session import QuizSession

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 240
STUDY_PAGE = next((p for p in ("app_pages/study.py", "pages/study.py") if (ROOT / p).is_file()), "app_pages/study.py")


def plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", str(markdown)).replace("**", "")


def shown(at: AppTest) -> str:
    parts = [
        e.value
        for kind in (
            at.title,
            at.header,
            at.subheader,
            at.markdown,
            at.caption,
            at.warning,
            at.info,
            at.error,
            at.success,
        )
        for e in kind
    ]
    return plain("\n".join(str(p) for p in parts))


@pytest.fixture
def study_page(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, library_copy: Path) -> AppTest:
    return open_page(monkeypatch, tmp_path, library_copy, STUDY_PAGE)


# The sample library is a jury handbook: nearly every rule in it is the jury's. A festival's call for entries beside it
# gives the briefing what a juror judges films against and the entrants' appendix.
CALL_FOR_ENTRIES = """---
title: Call for Entries
kind: rules
festival: Lumen Bay International Film Festival
edition: "2027"
---

# Call for Entries

## Eligibility of films

Films submitted to the International Feature Competition must have been completed after 1 January 2026.
A feature film must run at least 70 minutes; a short film must not run longer than 30 minutes.
Films must not have been screened publicly in the country before the Festival.

## How to enter

Producers submit their films through the online entry form by 1 March 2027.
The entry fee is EUR 60 per film and is not refunded.
Selected films must send a DCP and an English subtitle file to the Festival office by 15 May 2027.
"""


@pytest.fixture
def study_page_with_entries(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, library_copy: Path, embeddings) -> AppTest:
    from support.library import make_settings

    from assistant.library.library import Library

    folder = tmp_path / "entries"
    folder.mkdir()
    (folder / "call-for-entries.md").write_text(CALL_FOR_ENTRIES, encoding="utf-8")
    assert Library(make_settings(library_copy), embeddings).ingest([folder]).ok
    return open_page(monkeypatch, tmp_path, library_copy, STUDY_PAGE)


def answer_radio(at: AppTest):
    return next(r for r in at.radio if r.label == "Your answer")


def test_briefing_is_shown_by_theme_with_citations_and_exports(study_page_with_entries: AppTest) -> None:
    at = study_page_with_entries
    text = shown(at)
    assert "What you must know before day one" in text
    for heading in (
        "Your duties and powers as a juror",
        "How the jury decides",
        "Conflicts of interest",
        "Confidentiality",
    ):
        assert heading in text
    assert text.index("Your duties and powers as a juror") < text.index("What makes a film eligible")
    assert "Must not:" in text and "[1]" in text and "Juror Code of Conduct" in text
    assert any(str(getattr(e, "label", "")).startswith("More rules like this") for e in at.expander)
    assert any(str(getattr(e, "label", "")).startswith("Appendix: for entrants") for e in at.expander)
    assert not at.selectbox, "one festival: nothing to choose"
    labels = [str(getattr(b, "label", "")) for b in at.get("download_button")]
    assert "Download briefing (Markdown)" in labels and "Printable briefing (PDF)" in labels


def test_a_quiz_question_is_graded_with_the_cited_rule_and_a_miss_comes_back(study_page: AppTest) -> None:
    at = study_page
    at.radio(key="study_section").set_value("Quiz").run()
    assert not at.exception
    session: QuizSession = at.session_state["study_quiz"]
    first = session.current()
    assert first is not None and len(session.questions) == 10
    assert plain(first.prompt) in shown(at)

    # checking without choosing asks for a choice
    at.button(key="quiz_check").click().run()
    assert "Pick an answer first." in shown(at)

    # a right answer
    answer_radio(at).set_value(first.answer).run()
    at.button(key="quiz_check").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Correct"]
    assert f"The rule [{first.citation.n}]" in shown(at) and plain(first.citation.quote) in shown(at)
    at.button(key="quiz_next").click().run()

    # a wrong answer: "Not quite", the right answer, and the question returns later
    second = at.session_state["study_quiz"].current()
    assert second is not None and second.id != first.id
    wrong = next(c for c in second.choices if c != second.answer)
    answer_radio(at).set_value(wrong).run()
    at.button(key="quiz_check").click().run()
    errors = [plain(e.value) for e in at.error]
    assert errors and errors[0].startswith("Not quite") and second.answer in errors[0]
    assert plain(second.citation.quote) in shown(at)
    seen = []
    for _ in range(6):
        at.button(key="quiz_next").click().run()
        q = at.session_state["study_quiz"].current()
        seen.append(q.id)
        if q.id == second.id:
            assert "review" in shown(at)
            break
        answer_radio(at).set_value(q.answer).run()
        at.button(key="quiz_check").click().run()
    assert seen[-1] == second.id, "the missed question came back"


def test_finished_quiz_shows_the_score_by_theme(study_page: AppTest) -> None:
    at = study_page
    at.radio(key="study_section").set_value("Quiz").run()
    at.number_input(key="quiz_count").set_value(3).run()
    at.button(key="quiz_new").click().run()
    session: QuizSession = at.session_state["study_quiz"]
    assert len(session.questions) == 3
    for _ in range(3):
        q = at.session_state["study_quiz"].current()
        answer_radio(at).set_value(q.answer).run()
        at.button(key="quiz_check").click().run()
        at.button(key="quiz_next").click().run()
    assert not at.exception
    assert "Your score: 3 / 3" in shown(at)
    assert len(at.dataframe) == 1


def test_glossary_lookup_shows_the_cited_definition(study_page: AppTest) -> None:
    at = study_page
    at.radio(key="study_section").set_value("Glossary").run()
    assert "Absolute majority" in shown(at)
    at.text_input(key="glossary_lookup").input("quorums").run()
    text = shown(at)
    assert "Quorum: the minimum number of members" in text and "Glossary of Jury Terms" in text
    assert "Absolute majority" not in text
    at.text_input(key="glossary_lookup").input("falconry").run()
    assert "not defined in the library" in shown(at)


@pytest.fixture
def real_shaped_copy(real_shaped_assistant, tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "real-shaped"
    shutil.copytree(real_shaped_assistant.settings.data_dir, target)
    return target


def open_page(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data: Path, page: str, passphrase: str = "") -> AppTest:
    at = open_app(monkeypatch, tmp_path, data, passphrase or None, timeout=TIMEOUT).run()
    assert not at.exception, [e.value for e in at.exception]
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_study_page_of_a_library_of_several_festivals_studies_one_at_a_time(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, real_shaped_copy: Path
) -> None:
    at = open_page(monkeypatch, tmp_path, real_shaped_copy, STUDY_PAGE)
    chooser = at.selectbox(key="study_festival")
    assert set(chooser.options) == {
        "Harbour Lights Film Festival (2024)",
        "Northern Dunes Short Film Festival (2023)",
        "Meridian Critics Circle",
    }
    chooser.set_value("Northern Dunes Short Film Festival (2023)").run()
    assert not at.exception
    text = shown(at)
    assert "Northern Dunes Short Film Festival (2023): the rules a new juror needs" in text
    assert "Harbour Lights" not in text.split("What you must know before day one", 1)[1]
    # the choice carries over to the quiz, whose questions are that festival's
    at.radio(key="study_section").set_value("Quiz").run()
    session: QuizSession = at.session_state["study_quiz"]
    assert session.questions and {q.citation.source for q in session.questions} == {
        "northern-dunes-festival-rules-2023.txt"
    }


def test_quiz_progress_is_saved_under_a_juror_code_and_shown_to_organisers_in_aggregate(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, library_copy: Path
) -> None:
    at = open_page(monkeypatch, tmp_path, library_copy, STUDY_PAGE)
    at.radio(key="study_section").set_value("Quiz").run()
    at.text_input(key="juror_code_input").input("x").run()
    assert "cannot be a juror code" in shown(at)
    at.text_input(key="juror_code_input").input("Juror Seven").run()
    assert not at.exception
    assert at.session_state["study_juror"] == "juror seven"
    session: QuizSession = at.session_state["study_quiz"]
    first = session.current()
    assert first is not None
    wrong = next(c for c in first.choices if c != first.answer)
    answer_radio(at).set_value(wrong).run()
    at.button(key="quiz_check").click().run()
    at.button(key="quiz_next").click().run()
    second = at.session_state["study_quiz"].current()
    answer_radio(at).set_value(second.answer).run()
    at.button(key="quiz_check").click().run()
    assert not at.exception

    # another session (another browser, another day): the same code finds the saved progress, the missed rule first
    again = open_page(monkeypatch, tmp_path, library_copy, STUDY_PAGE)
    again.radio(key="study_section").set_value("Quiz").run()
    again.text_input(key="juror_code_input").input("juror seven").run()
    assert "Welcome back, juror seven: 2 answers saved (1 right)" in shown(again)
    resumed: QuizSession = again.session_state["study_quiz"]
    assert resumed.questions[0].rule == first.rule

    quality = open_page(monkeypatch, tmp_path, library_copy, "app_pages/quality.py", passphrase="quality check 2027")
    quality.text_input(key="organiser_passphrase_input").input("quality check 2027")
    quality.button[0].click().run()
    assert not quality.exception, [e.value for e in quality.exception]
    metrics = {m.label: m.value for m in quality.metric}
    assert metrics["Jurors who studied"] == "1" and metrics["Quiz answers"] == "2"
    missed = [d for d in quality.dataframe if "Missed share" in list(d.value.columns)]
    assert missed and first.citation.quote in list(missed[0].value["Rule"])
    assert "juror seven" not in shown(quality).lower()


def test_ask_page_offers_the_festivals_of_the_library_and_answers_from_the_one_chosen(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, real_shaped_copy: Path
) -> None:
    at = open_page(monkeypatch, tmp_path, real_shaped_copy, "app_pages/ask.py")
    chooser = at.selectbox(key="ask_festival")
    assert chooser.options[0] == "All festivals in the library" and len(chooser.options) == 4
    chooser.set_value("Meridian Critics Circle").run()
    at.chat_input[0].set_value("Can a jury member accept a gift?").run()
    assert not at.exception, [e.value for e in at.exception]
    record = at.session_state["chat"][-1]["record"]
    sources = {c["source"] for c in record["citations"]} | {p["source"] for p in record["related"]}
    assert sources and sources <= {"critics-circle-code-of-conduct.md"}, record
