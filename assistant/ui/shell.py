"""The app frame: page setup, the shared resources, navigation, and a safety net around each page."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from assistant.answers.assistant import Assistant
from assistant.config import Settings
from assistant.errors import JurorError
from assistant.ui import auth, quality
from assistant.ui.resources import (
    ensure_sample_library,
    load_assistant,
    load_settings,
    startup_repair,
    warm_up,
)

log = logging.getLogger(__name__)

Render = Callable[[Assistant, Settings], None]


def safe_render(render: Render, assistant: Assistant, settings: Settings) -> None:
    """A page failure becomes one short message; the traceback goes to the server log only."""
    try:
        render(assistant, settings)
    except JurorError as exc:
        st.error(str(exc))
    except Exception as exc:
        log.exception("page failed")
        st.error(f"Sorry, something went wrong on this page ({type(exc).__name__}). Reload the page to try again.")


def run_page(render: Render) -> None:
    """Body of each file in app_pages/: the shared resources (already built by app.py) and the page."""
    settings = load_settings()
    assistant = load_assistant(settings)
    safe_render(render, assistant, settings)


def quality_for_organisers(assistant: Assistant, settings: Settings) -> None:
    if not auth.is_organiser():
        st.title("Quality")
    if auth.organiser_gate(settings):
        quality.render(assistant, settings)


def main(corpus: Path) -> None:
    st.set_page_config(page_title="Juror Assistant", page_icon=":material/gavel:", layout="centered")
    try:
        settings = load_settings()
        assistant = load_assistant(settings)
        startup_repair(assistant)  # what a killed load or removal left, before anyone reads
        warm_up(assistant)  # model and indexes load in the background; the chat is usable meanwhile
        ensure_sample_library(assistant, corpus)
    except JurorError as exc:
        st.error(str(exc))
        st.stop()
    except Exception as exc:
        log.exception("start-up failed")
        reason = " ".join(str(exc).split())[:200]
        st.error(
            f"The assistant could not start ({type(exc).__name__}: {reason}). Check the settings and the server log."
        )
        st.stop()

    nav = st.navigation(
        {
            "Jurors": [
                st.Page("app_pages/ask.py", title="Ask", icon=":material/chat:", url_path="ask", default=True),
                st.Page("app_pages/study.py", title="Study", icon=":material/school:", url_path="study"),
                st.Page("app_pages/notebook.py", title="Notebook", icon=":material/edit_note:", url_path="notebook"),
            ],
            "Organisers": [
                st.Page("app_pages/library.py", title="Library", icon=":material/library_books:", url_path="library"),
                st.Page("app_pages/quality.py", title="Quality", icon=":material/analytics:", url_path="quality"),
            ],
        }
    )
    with st.sidebar:
        _sidebar_status(assistant)
    nav.run()


def _sidebar_status(assistant: Assistant) -> None:
    try:
        records = assistant.library.documents()
    except JurorError as exc:
        st.caption(f"Library unavailable: {exc}")
        return
    if records:
        st.caption(f"Library: {len(records)} documents, {sum(r.chunks for r in records)} passages.")
    else:
        st.caption("Library: empty.")
    if auth.is_organiser():
        st.caption("Logged in as organiser.")
        st.button("Log out", on_click=auth.log_out, args=(assistant.settings,), key="sidebar_logout")
