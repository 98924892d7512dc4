"""The Study page: one festival's briefing, a quiz with the cited rule after each answer, and the glossary.

Everything is built from the loaded library (and rebuilt when it changes); document text is escaped before it
reaches Markdown. A juror who gives a name or code keeps quiz progress in the library folder (`assistant.study.progress`):
another day, or another browser, starts with the rules due for review. `glossary_expander(assistant, text)` is the
one-liner the Ask page uses.
"""

from __future__ import annotations

import random

import streamlit as st

from assistant.answers.assistant import Assistant
from assistant.config import Settings
from assistant.errors import JurorCodeError
from assistant.study.briefing import APPENDIX_GROUP, Briefing, BriefingItem
from assistant.study.festivals import Festival
from assistant.study.glossary import GlossaryEntry
from assistant.study.printable import briefing_pdf
from assistant.study.progress import Progress, juror_key
from assistant.study.quiz.questions import Question
from assistant.study.quiz.session import Grade, QuizSession
from assistant.study.sentences import by_place, where
from assistant.study.study import glossary_terms, study_for
from assistant.ui.festivals import festival_selector
from assistant.ui.format import escape_md

SECTIONS = ("Briefing", "Quiz", "Glossary")
QUIZ_KEY = "study_quiz"
GRADE_KEY = "study_quiz_grade"
SIGNATURE_KEY = "study_quiz_signature"
JUROR_KEY = "study_juror"  # the juror's code, once accepted (also kept in the page's address as ?juror=...)
EMPTY = "The library is empty, so there is nothing to study yet. An organiser can load the festival's rules on the **Library** page."


def render(assistant: Assistant, settings: Settings) -> None:
    st.title("Study")
    if assistant.library.is_empty():
        st.info(EMPTY, icon=":material/folder_open:")
        return
    festival = festival_selector(assistant, "study_festival", allow_all=False)
    section = st.radio("Show", SECTIONS, horizontal=True, key="study_section", label_visibility="collapsed")
    if section == "Briefing":
        _briefing(assistant, festival)
    elif section == "Quiz":
        _quiz(assistant, festival)
    else:
        _glossary(assistant, festival)


# ------------------------------------------------------------ briefing
def _item_md(item: BriefingItem) -> str:
    note = f" _({escape_md(item.note)})_" if item.note else ""
    badge = f"**{item.badge}:** " if item.badge else ""
    return f"- {badge}{escape_md(item.text)} **[{item.citation.n}]**{note}"


def _briefing(assistant: Assistant, festival: Festival | None) -> None:
    with st.spinner("Reading the rules…"):
        briefing: Briefing = study_for(assistant).briefing(festival)
    st.header(briefing.title)
    st.caption(briefing.subtitle)
    name = f"briefing-{festival.key}" if festival else "briefing"
    left, right = st.columns(2)
    left.download_button(
        "Download briefing (Markdown)",
        briefing.to_markdown(),
        file_name=f"{name}.md",
        mime="text/markdown",
        icon=":material/download:",
        on_click="ignore",
        key="briefing_md",
    )
    right.download_button(
        "Printable briefing (PDF)",
        lambda: briefing_pdf(briefing, assistant.settings.pdf_font),
        file_name=f"{name}.pdf",
        mime="application/pdf",
        icon=":material/print:",
        on_click="ignore",
        key="briefing_pdf",
    )
    group = None
    for section in briefing.sections:
        if section.theme.group == APPENDIX_GROUP:
            continue
        if section.theme.group != group:
            group = section.theme.group
            st.subheader(group, divider="gray")
        if section.theme.title != group:
            st.markdown(f"#### {escape_md(section.theme.title)}")
        shown = section.key_items or section.items
        st.markdown("\n".join(_item_md(i) for i in shown))
        st.caption(" · ".join(by_place([i.citation for i in shown])))
        if section.key_items and section.more_items:
            with st.expander(f"More rules like this ({len(section.more_items)})"):
                for item in section.more_items:
                    st.markdown(_item_md(item))
                    st.caption(f"[{item.citation.n}] {where(item.citation)}")
    appendix = [i for s in briefing.group_sections(APPENDIX_GROUP) for i in s.items]
    if appendix:
        with st.expander(f"{APPENDIX_GROUP} ({len(appendix)})", icon=":material/inventory_2:"):
            st.caption("Rules for those who enter films and for the festival office; a juror rarely needs them.")
            for item in appendix:
                st.markdown(_item_md(item))
                st.caption(f"[{item.citation.n}] {where(item.citation)}")
    if briefing.is_empty():
        st.info("No rule found in these documents.")


# ------------------------------------------------------------ quiz
def _juror() -> str | None:
    """The juror's accepted code: typed on this page, or given in the address (?juror=...) to come back to."""
    code = st.session_state.get(JUROR_KEY)
    if code is None and st.query_params.get("juror"):
        try:
            code = juror_key(st.query_params["juror"])
            st.session_state[JUROR_KEY] = code
        except JurorCodeError:
            code = None
    return code


def _accept_code() -> None:
    typed = st.session_state.get("juror_code_input", "")
    if not typed.strip():
        st.session_state.pop(JUROR_KEY, None)
        st.query_params.pop("juror", None)
        st.session_state["juror_code_error"] = ""
        return
    try:
        code = juror_key(typed)
    except JurorCodeError as exc:
        st.session_state["juror_code_error"] = str(exc)
        return
    st.session_state[JUROR_KEY] = code
    st.session_state["juror_code_error"] = ""
    st.query_params["juror"] = code


def _context(assistant: Assistant, festival: Festival | None, juror: str | None) -> str:
    return f"{assistant.library.signature()}|{festival.key if festival else ''}|{juror or ''}"


def _new_quiz(assistant: Assistant, count: int, festival: Festival | None, juror: str | None) -> None:
    study = study_for(assistant)
    seed = random.SystemRandom().randrange(1_000_000)
    if juror:
        pool = study.quiz(count=None, seed=seed, festival=festival)
        questions = _progress_store(assistant).plan(juror, festival.key if festival else "", pool, count)
    else:
        questions = study.quiz(count=count, seed=seed, festival=festival)
    st.session_state[QUIZ_KEY] = QuizSession(questions)
    st.session_state[GRADE_KEY] = None
    st.session_state[SIGNATURE_KEY] = _context(assistant, festival, juror)


def _progress_store(assistant: Assistant) -> Progress:
    return Progress.in_folder(assistant.settings.data_dir)


def _quiz(assistant: Assistant, festival: Festival | None) -> None:
    st.header("Quiz")
    st.caption(
        "Questions come from your duties as a juror in these rules. A missed question comes back later in the quiz."
    )
    juror = _juror()
    st.text_input(
        "Your name or code (optional: keeps your progress for another day)",
        value=juror or "",
        key="juror_code_input",
        on_change=_accept_code,
        placeholder="e.g. anna-k",
    )
    error = st.session_state.get("juror_code_error")
    if error:
        st.error(error)
    juror = _juror()
    if juror:
        mine = _progress_store(assistant).progress(juror, festival.key if festival else "")
        if mine.answered:
            st.info(
                f"Welcome back, {juror}: {mine.answered} answers saved ({mine.correct} right), {mine.mastered} of "
                f"{mine.rules_seen} rules mastered, {mine.due} due for review now.",
                icon=":material/history:",
            )
        else:
            st.caption(f"Your answers are saved as “{juror}”; use the same name tomorrow to pick up where you stop.")
    left, right = st.columns([1, 1], vertical_alignment="bottom")
    count = left.number_input("Questions", min_value=3, max_value=40, value=10, step=1, key="quiz_count")
    session: QuizSession | None = st.session_state.get(QUIZ_KEY)
    context = _context(assistant, festival, juror)
    stale = session is not None and st.session_state.get(SIGNATURE_KEY) != context
    right.button(
        "New quiz",
        icon=":material/refresh:",
        key="quiz_new",
        on_click=_new_quiz,
        args=(assistant, int(count), festival, juror),
    )
    if session is None or stale:
        if stale and st.session_state.get(SIGNATURE_KEY, "").split("|")[0] != context.split("|")[0]:
            st.info("The rules changed since this quiz was made, so here is a new one.")
        _new_quiz(assistant, int(count), festival, juror)
        session = st.session_state[QUIZ_KEY]
    assert session is not None
    note = "" if juror else study_for(assistant).quiz_note(session.questions, festival)
    if not session.questions:
        if juror:
            st.success("Nothing is due for review now: every rule you studied is scheduled for a later day.")
        else:
            st.warning(note or "No question could be made from these rules: no juror's rule holds a checkable fact.")
        return
    if note:
        st.info(note, icon=":material/info:")
    grade: Grade | None = st.session_state.get(GRADE_KEY)
    if grade is not None:
        _show_grade(session, grade)
        return
    question = session.current()
    if question is None:
        _show_score(session)
        return
    _ask(session, question, assistant, festival, juror)


def _progress(session: QuizSession) -> str:
    right, answered = session.score()
    return f"Answered {answered} of {len(session.questions)} · {right} correct"


def _ask(
    session: QuizSession, question: Question, assistant: Assistant, festival: Festival | None, juror: str | None
) -> None:
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
        grade = session.answer(question.choices.index(choice))
        if juror:
            _progress_store(assistant).record(juror, festival.key if festival else "", question, grade.correct)
        st.session_state[GRADE_KEY] = grade
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


def _glossary(assistant: Assistant, festival: Festival | None) -> None:
    glossary = study_for(assistant).glossary(festival)
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
