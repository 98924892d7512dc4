"""The Study page through AppTest on the real app (app.py), real model and a copy of the sample library."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assistant.quiz import QuizSession

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
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
    for key in list(os.environ):
        if key.startswith("JUROR_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("JUROR_DATA_DIR", str(library_copy))
    monkeypatch.chdir(tmp_path)
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception, [e.value for e in at.exception]
    at.switch_page(STUDY_PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def answer_radio(at: AppTest):
    return next(r for r in at.radio if r.label == "Your answer")


def test_briefing_is_shown_by_theme_with_citations_and_exports(study_page: AppTest) -> None:
    at = study_page
    text = shown(at)
    assert "What you must know before day one" in text
    for heading in ("Your obligations", "What you must never do", "How the jury decides", "Key dates and contacts"):
        assert heading in text
    assert "[1]" in text and "Juror Code of Conduct" in text
    assert any(str(getattr(e, "label", "")).startswith("More rules like this") for e in at.expander)
    labels = [str(getattr(b, "label", "")) for b in at.get("download_button")]
    assert "Download briefing (Markdown)" in labels and "Printable briefing (HTML)" in labels


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
