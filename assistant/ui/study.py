"""The Study page: the briefing, a quiz with the cited rule after each answer, and the glossary.

Everything is built from the loaded library (and rebuilt when it changes); document text is escaped
before it reaches Markdown. `glossary_expander(assistant, text)` is the one-liner the Ask page can use.
"""

from __future__ import annotations

import random

import streamlit as st

from assistant.assistant import Assistant
from assistant.briefing import Briefing, BriefingItem, where
from assistant.config import Settings
from assistant.glossary import GlossaryEntry
from assistant.quiz import Grade, Question, QuizSession
from assistant.study import glossary_terms, study_for
from assistant.ui.format import escape_md

SECTIONS = ("Briefing", "Quiz", "Glossary")
QUIZ_KEY = "study_quiz"
GRADE_KEY = "study_quiz_grade"
SIGNATURE_KEY = "study_quiz_signature"
EMPTY = "The library is empty, so there is nothing to study yet. An organiser can load the festival's rules on the **Library** page."


def render(assistant: Assistant, settings: Settings) -> None:
    st.title("Study")
    if assistant.library.is_empty():
        st.info(EMPTY, icon=":material/folder_open:")
        return
    section = st.radio("Show", SECTIONS, horizontal=True, key="study_section", label_visibility="collapsed")
    if section == "Briefing":
        _briefing(assistant)
    elif section == "Quiz":
        _quiz(assistant)
    else:
        _glossary(assistant)


# ------------------------------------------------------------ briefing
def _item_md(item: BriefingItem) -> str:
    note = f" _({escape_md(item.note)})_" if item.note else ""
    return f"- {escape_md(item.text)} **[{item.citation.n}]**{note}"


def _briefing(assistant: Assistant) -> None:
    with st.spinner("Reading the rules…"):
        briefing: Briefing = study_for(assistant).briefing()
    st.header(briefing.title)
    st.caption(briefing.subtitle)
    left, right = st.columns(2)
    left.download_button(
        "Download briefing (Markdown)",
        briefing.to_markdown(),
        file_name="briefing.md",
        mime="text/markdown",
        icon=":material/download:",
        on_click="ignore",
        key="briefing_md",
    )
    right.download_button(
        "Printable briefing (HTML)",
        briefing.to_html(),
        file_name="briefing.html",
        mime="text/html",
        icon=":material/print:",
        on_click="ignore",
        key="briefing_html",
    )
    group = None
    for section in briefing.sections:
        if section.theme.group != group:
            group = section.theme.group
            st.subheader(group, divider="gray")
        st.markdown(f"#### {escape_md(section.theme.title)}")
        if section.key_items:
            st.markdown("\n".join(_item_md(i) for i in section.key_items))
            st.caption(" · ".join(f"[{i.citation.n}] {where(i.citation)}" for i in section.key_items))
        if section.more_items:
            label = "More rules like this" if section.key_items else "Rules"
            with st.expander(f"{label} ({len(section.more_items)})"):
                for item in section.more_items:
                    st.markdown(_item_md(item))
                    st.caption(f"[{item.citation.n}] {where(item.citation)}")


# ------------------------------------------------------------ quiz
def _new_quiz(assistant: Assistant, count: int) -> None:
    study = study_for(assistant)
    seed = random.SystemRandom().randrange(1_000_000)
    st.session_state[QUIZ_KEY] = QuizSession(study.quiz(count=count, seed=seed))
    st.session_state[GRADE_KEY] = None
    st.session_state[SIGNATURE_KEY] = assistant.library.signature()


def _quiz(assistant: Assistant) -> None:
    st.header("Quiz")
    st.caption("Questions come from the rules in the library. A missed question comes back later in the quiz.")
    left, right = st.columns([1, 1], vertical_alignment="bottom")
    count = left.number_input("Questions", min_value=3, max_value=40, value=10, step=1, key="quiz_count")
    session: QuizSession | None = st.session_state.get(QUIZ_KEY)
    stale = session is not None and st.session_state.get(SIGNATURE_KEY) != assistant.library.signature()
    right.button(
        "New quiz", icon=":material/refresh:", key="quiz_new", on_click=_new_quiz, args=(assistant, int(count))
    )
    if session is None or stale:
        if stale:
            st.info("The rules changed since this quiz was made, so here is a new one.")
        _new_quiz(assistant, int(count))
        session = st.session_state[QUIZ_KEY]
    assert session is not None
    if not session.questions:
        st.warning("No question could be made from this library: no rule holds a fact that can be checked.")
        return
    grade: Grade | None = st.session_state.get(GRADE_KEY)
    if grade is not None:
        _show_grade(session, grade)
        return
    question = session.current()
    if question is None:
        _show_score(session)
        return
    _ask(session, question)


def _progress(session: QuizSession) -> str:
    right, answered = session.score()
    return f"Answered {answered} of {len(session.questions)} · {right} correct"


def _ask(session: QuizSession, question: Question) -> None:
    review = " · review" if session.is_review(question) else ""
    st.caption(_progress(session))
    st.markdown(f"**{escape_md(question.theme_title)}{review}**")
    st.markdown(escape_md(question.prompt))
    attempt = len(session.grades)
    choice = st.radio("Your answer", question.choices, index=None, key=f"quiz_choice_{question.id}_{attempt}")
    if st.button("Check answer", type="primary", key="quiz_check"):
        if choice is None:
            st.warning("Pick an answer first.")
            return
        st.session_state[GRADE_KEY] = session.answer(question.choices.index(choice))
        st.rerun()


def _show_grade(session: QuizSession, grade: Grade) -> None:
    q = grade.question
    st.caption(_progress(session))
    st.markdown(f"**{escape_md(q.theme_title)}**")
    st.markdown(escape_md(q.prompt))
    st.markdown(f"Your answer: **{escape_md(grade.response)}**")
    if grade.correct:
        st.success("Correct", icon=":material/check_circle:")
    else:
        st.error(f"Not quite. The answer is: {escape_md(q.answer)}", icon=":material/cancel:")
    c = q.citation
    st.markdown(f"**The rule [{c.n}]:** “{escape_md(c.quote)}”")
    st.caption(where(c) + (f" · {c.note}" if c.note else ""))
    if q.why.startswith("The rule says"):
        st.markdown(f"_Why:_ {escape_md(q.why.split('. ', 1)[0])}.")
    label = "Next question" if not session.done else "See my score"
    if st.button(label, key="quiz_next", type="primary"):
        st.session_state[GRADE_KEY] = None
        st.rerun()


def _show_score(session: QuizSession) -> None:
    right, total = session.score()
    st.subheader(f"Your score: {right} / {total}")
    rows = [{"Theme": s.title, "Correct": s.correct, "Answered": s.answered} for s in session.score_by_theme().values()]
    st.dataframe(rows, hide_index=True, width="stretch")
    reread = session.reread()
    if reread:
        st.warning("Reread in the briefing: " + ", ".join(reread) + ".")
    else:
        st.success("Well done: no theme needs rereading.")


# ------------------------------------------------------------ glossary
def _entry_md(entry: GlossaryEntry) -> str:
    return f"**{escape_md(entry.term)}**: {escape_md(entry.definition)} **[{entry.citation.n}]**"


def _glossary(assistant: Assistant) -> None:
    glossary = study_for(assistant).glossary()
    st.header("Glossary")
    if not glossary.entries:
        st.info("The library defines no terms.")
        return
    typed = st.text_input("Look up a term", key="glossary_lookup", placeholder="e.g. quorum")
    entries = (
        ([hit] if (hit := glossary.lookup(typed)) else glossary.search(typed)) if typed.strip() else glossary.entries
    )
    if not entries:
        st.warning(f"“{typed}” is not defined in the library.")
        return
    st.download_button(
        "Download glossary (Markdown)",
        glossary.to_markdown(),
        file_name="glossary.md",
        mime="text/markdown",
        on_click="ignore",
        key="glossary_md",
    )
    for entry in entries:
        st.markdown(_entry_md(entry))
        st.caption(f"[{entry.citation.n}] {where(entry.citation)}")


def glossary_expander(assistant: Assistant, text: str) -> None:
    """Under a chat answer: the defined terms it uses, each with its cited definition (nothing if none)."""
    entries = glossary_terms(assistant, text)
    if not entries:
        return
    with st.expander(f"Terms in this answer ({len(entries)})", icon=":material/menu_book:"):
        for entry in entries:
            st.markdown(_entry_md(entry))
            st.caption(where(entry.citation))
