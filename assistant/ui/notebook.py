"""The Notebook page: a juror's private notes on the competition's films, against the festival's own criteria, and
the check before deliberation; never a verdict.

A juror opens their notebook with their code and secret (`assistant.notebook`); the signed-in session lives in this
browser tab only, and signing out clears every widget that held a note. Each field is saved as soon as the juror
leaves it (one journal row per change), so a second tab or a crash loses at most the field being typed. Document
and juror text is escaped before it reaches Markdown.
"""

from __future__ import annotations

import logging
import re
import time
from datetime import date
from typing import Any

import streamlit as st

from assistant.answers.assistant import Assistant
from assistant.config import Settings
from assistant.errors import JurorError
from assistant.notebook.criteria import Criterion, FestivalCriteria
from assistant.notebook.entries import (
    conflict_change,
    mark_change,
    note_change,
    rubric_change,
    section_change,
    seen_change,
)
from assistant.notebook.films import Film
from assistant.notebook.notebook import JurorSession, Notebook, notebook_for
from assistant.notebook.refusal import with_jury_rule
from assistant.notebook.store import Change
from assistant.organiser.throttle import wait_text
from assistant.schema import Answer
from assistant.study.festivals import Festival
from assistant.study.sentences import where
from assistant.ui import notebook_views as views
from assistant.ui.festivals import festival_selector
from assistant.ui.format import escape_md

log = logging.getLogger(__name__)

SESSION_KEY = "notebook_session"  # the JurorSession of this browser tab, once the secret was checked
PREFIX = "nb_"  # every widget and message of the page: cleared on sign-out
SAVED_KEY = "nb_saved"
ERROR_KEY = "nb_error"
VIEWS = ("Films", "Check", "Criteria", "Ask", "Export")
ALL_SECTIONS = "All films"
EMPTY = "The library is empty, so there is no festival to keep notes on yet."


def render(assistant: Assistant, settings: Settings) -> None:
    st.title("Notebook")
    st.caption(
        "Your private notes on the competition's films, against the festival's own criteria. Only you can read "
        "them. The notebook never ranks films, compares marks or suggests a winner: judging is the jury's."
    )
    if assistant.library.is_empty():
        st.info(EMPTY, icon=":material/folder_open:")
        return
    festival = festival_selector(assistant, "notebook_festival", allow_all=False)
    notebook = notebook_for(assistant)
    session: JurorSession | None = st.session_state.get(SESSION_KEY)
    if session is None:
        forgotten = st.session_state.pop(views.FORGOTTEN_KEY, None)
        if forgotten:
            st.success(forgotten)
        _sign_in(notebook)
        return
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.caption(f":material/lock: Signed in as **{escape_md(session.juror)}** in this browser tab.")
    right.button("Sign out", key="notebook_sign_out", on_click=sign_out, icon=":material/logout:")
    view = st.radio("Show", VIEWS, horizontal=True, key="nb_view", label_visibility="collapsed")
    error = st.session_state.pop(ERROR_KEY, None)
    if error:
        st.error(error)
    if view == "Films":
        _films(notebook, session, festival)
    elif view == "Check":
        views.check(notebook.checks(session, festival))
    elif view == "Criteria":
        views.criteria_view(notebook.criteria(festival))
    elif view == "Ask":
        views.ask(notebook, festival)
    else:
        views.export(notebook, session, festival, sign_out)


def sign_out() -> None:
    """Forget the juror and every widget value of the page in this tab (a shared computer keeps nothing)."""
    for key in list(st.session_state):
        if key == SESSION_KEY or str(key).startswith(PREFIX):
            del st.session_state[key]


# ------------------------------------------------------------ signing in
def _sign_in(notebook: Notebook) -> None:
    st.info("Open your notebook with your juror code and your secret.", icon=":material/lock:")
    open_tab, start_tab = st.tabs(["Open my notebook", "Start a notebook"])
    with open_tab, st.form("nb_open_form", clear_on_submit=True):
        code = st.text_input("Juror code", key="nb_open_code", placeholder="e.g. anna-k")
        secret = st.text_input("Secret", type="password", key="nb_open_secret")
        if st.form_submit_button("Open my notebook", type="primary"):
            _open(notebook, code, secret)
    with start_tab, st.form("nb_start_form", clear_on_submit=True):
        st.caption(
            "Choose a code you will remember (your name or initials) and a secret of at least 8 characters. The "
            "secret is stored only as a salted hash: it cannot be recovered, and nobody else (organisers included) "
            "can read your notes."
        )
        code = st.text_input("Juror code", key="nb_new_code", placeholder="e.g. anna-k")
        secret = st.text_input("Secret", type="password", key="nb_new_secret")
        again = st.text_input("Secret, again", type="password", key="nb_new_secret_again")
        if st.form_submit_button("Start my notebook"):
            if secret != again:
                st.error("The two secrets differ; type the same secret twice.")
            else:
                try:
                    st.session_state[SESSION_KEY] = notebook.create(code, secret)
                except JurorError as exc:
                    st.error(str(exc))
                else:
                    st.rerun()


def _open(notebook: Notebook, code: str, secret: str) -> None:
    try:
        result, session = notebook.sign_in(code, secret)
    except JurorError as exc:
        st.error(str(exc))
        return
    if session is not None:
        sign_out()  # nothing of an earlier juror stays in this tab
        st.session_state[SESSION_KEY] = session
        st.rerun()
    if result.wait_s:
        who = "for everyone" if result.paused_for_everyone else "for this juror code"
        st.error(f"Too many wrong secrets: notebook sign-in is paused {who}; try again in {wait_text(result.wait_s)}.")
    else:
        st.error("Wrong juror code or secret.")


# ------------------------------------------------------------ saving
def _save(notebook: Notebook, session: JurorSession, festival: Festival | None, make: Any, *args: Any) -> None:
    """on_change: build the change from the widget values and append it to the journal (one row)."""
    try:
        change: Change = make(*args)
        notebook.write(session, festival, [change])
    except JurorError as exc:
        st.session_state[ERROR_KEY] = str(exc)
        return
    except Exception as exc:  # never lose the page over one field
        log.exception("note not saved")
        st.session_state[ERROR_KEY] = f"Not saved ({type(exc).__name__}); please type it again."
        return
    st.session_state[SAVED_KEY] = f"Saved at {time.strftime('%H:%M:%S')}."


def _value(key: str) -> Any:
    return st.session_state.get(key)


# ------------------------------------------------------------ films
def _films(notebook: Notebook, session: JurorSession, festival: Festival | None) -> None:
    films = notebook.films(festival)
    if not films:
        st.info("No film list has been loaded for this festival yet: the organisers load it on the Library page.")
        return
    entries = notebook.entries(session, festival)
    criteria = notebook.criteria(festival)
    sections = list(dict.fromkeys(f.section for f in films if f.section))
    tag = f"{PREFIX}{session.juror}_"
    if len(sections) > 1:
        options = [ALL_SECTIONS, *sections]
        current = entries.section if entries.section in sections else ALL_SECTIONS
        key = f"{tag}section"
        st.selectbox(
            "The films you judge",
            options,
            index=options.index(current),
            key=key,
            on_change=lambda: _save(
                notebook, session, festival, section_change, "" if _value(key) == ALL_SECTIONS else _value(key)
            ),
        )
        entries.section = "" if _value(key) == ALL_SECTIONS else str(_value(key))
    mine = [f for f in films if not entries.section or f.section == entries.section] or films
    rows = []
    for i, f in enumerate(mine, 1):
        n = entries.of(f.key)
        rows.append(
            {
                "#": i,
                "Film": f.title,
                "Director": f.director,
                "Section": f.section,
                "Seen": "yes" if n.seen else "",
                "Notes": "yes" if n.written else "",
                "Conflict": "declared" if n.conflict else "",
            }
        )
    st.dataframe(rows, hide_index=True, width="stretch", key=f"{tag}overview")
    labels = [f"{i}. {f.title}" for i, f in enumerate(mine, 1)]
    picked = st.selectbox("Film", labels, key=f"{tag}film")
    film = mine[labels.index(picked)] if picked in labels else mine[0]
    _film(notebook, session, festival, film, criteria, tag)


def _film(
    notebook: Notebook,
    session: JurorSession,
    festival: Festival | None,
    film: Film,
    criteria: FestivalCriteria,
    tag: str,
) -> None:
    notes = notebook.entries(session, festival).of(film.key)
    k = f"{tag}{film.key}_"
    st.subheader(escape_md(film.title))
    facts = [film.director, film.section, f"{film.minutes} min" if film.minutes else ""]
    st.caption(escape_md(" · ".join(x for x in facts if x)))
    if film.screenings:
        st.caption("Screenings: " + escape_md("; ".join(s.label for s in film.screenings)))
    with st.container(border=True):
        a, b, c = st.columns([1.2, 1, 1], vertical_alignment="bottom")

        def seen() -> None:
            day = _value(f"{k}seen_on")
            _save(
                notebook,
                session,
                festival,
                seen_change,
                film.key,
                bool(_value(f"{k}seen")),
                day.isoformat() if isinstance(day, date) else "",
                _value(f"{k}how") or "screening",
            )

        a.checkbox("I have seen this film", value=notes.seen, key=f"{k}seen", on_change=seen)
        b.date_input(
            "On",
            value=date.fromisoformat(notes.seen_on) if notes.seen_on else date.today(),
            key=f"{k}seen_on",
            on_change=seen,
            format="YYYY-MM-DD",
        )
        c.selectbox(
            "How", ("screening", "screener"), index=1 if notes.how == "screener" else 0, key=f"{k}how", on_change=seen
        )
    groups = criteria.groups()
    group = notes.rubric if notes.rubric in groups else criteria.group_for(film.section)
    if len(groups) > 1:
        st.selectbox(
            "Criteria for this film (the rubric)",
            groups,
            index=groups.index(group),
            key=f"{k}rubric",
            on_change=lambda: _save(notebook, session, festival, rubric_change, film.key, _value(f"{k}rubric")),
        )
        group = _value(f"{k}rubric") or group
    shown = criteria.of_group(group)
    if not shown:
        st.caption("The rules state no judging criteria: keep free notes below.")
    for criterion in shown:
        _criterion_note(notebook, session, festival, film, criterion, notes.criteria.get(criterion.key, ""), k)
    st.text_area(
        "Other notes",
        value=notes.free,
        key=f"{k}free",
        height=90,
        on_change=lambda: _save(notebook, session, festival, note_change, film.key, "", _value(f"{k}free")),
    )
    if criteria.scale is not None:
        st.text_input(
            f"My own mark ({criteria.scale.label}), for me alone",
            value=notes.mark,
            key=f"{k}mark",
            help="Never shown to anyone, never compared or averaged.",
            on_change=lambda: _save(
                notebook, session, festival, mark_change, film.key, _value(f"{k}mark") or "", criteria.scale
            ),
        )
    with st.container(border=True):

        def conflict() -> None:
            _save(
                notebook,
                session,
                festival,
                conflict_change,
                film.key,
                bool(_value(f"{k}conflict")),
                _value(f"{k}conflict_note") or "",
            )

        st.checkbox(
            "I declare a conflict of interest with this film",
            value=notes.conflict,
            key=f"{k}conflict",
            on_change=conflict,
        )
        st.text_input(
            "What is it? (in your words; the check quotes the rule that applies)",
            value=notes.conflict_note,
            key=f"{k}conflict_note",
            on_change=conflict,
        )
    saved = st.session_state.get(SAVED_KEY)
    st.caption(saved or "Each field is saved as soon as you leave it.")
    _earlier(notebook, session, festival, film, criteria)


def _earlier(
    notebook: Notebook, session: JurorSession, festival: Festival | None, film: Film, criteria: FestivalCriteria
) -> None:
    """Earlier versions of the film's notes: nothing typed is lost."""
    names = {f"note:{c.key}": c.name for c in criteria.criteria} | {"note": "Other notes"}
    rows = [(f, at, v) for f, at, v in notebook.earlier(session, festival, film.key) if f in names and v.strip()]
    if rows:
        with st.expander(f"Earlier versions of your notes ({len(rows)})", icon=":material/history:"):
            for field, at, value in rows[:50]:
                st.markdown(
                    f"**{escape_md(names[field])}**, {escape_md(at.replace('T', ' ')[:16])}: {escape_md(value)}"
                )


def label_md(text: str) -> str:
    """A widget label as typed: only the Markdown a label renders (emphasis, code, links) is escaped, so the label's
    accessible name stays the criterion's own name ("Direction (30%)")."""
    return re.sub(r"([*_~`\[\]<>])", r"\\\1", text)


def _criterion_note(
    notebook: Notebook,
    session: JurorSession,
    festival: Festival | None,
    film: Film,
    criterion: Criterion,
    value: str,
    k: str,
) -> None:
    key = f"{k}note_{criterion.key}"
    label = criterion.name + (f" ({criterion.weight})" if criterion.weight else "")
    rule = (
        f"“{criterion.citation.quote}” — {where(criterion.citation)}"
        if criterion.citation
        else "Set by the organisers."
    )
    help_text = (criterion.help + "\n\n" if criterion.help else "") + rule
    st.text_area(
        label_md(label),
        value=value,
        key=key,
        height=80,
        help=escape_md(help_text),
        on_change=lambda: _save(notebook, session, festival, note_change, film.key, criterion.name, _value(key) or ""),
    )


def jury_rule_for_chat(assistant: Assistant, answer: Answer, festival: Festival | None) -> Answer:
    """The chat's refusal with the festival's rule on how the jury decides (the answer as it was if that fails)."""
    if not answer.declined:
        return answer
    try:
        return with_jury_rule(answer, notebook_for(assistant).rulebook(festival))
    except Exception:
        log.exception("the jury's rule could not be added to a refusal")
        return answer
