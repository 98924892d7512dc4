"""The festival selector the Ask and Study pages share: shown only when the library holds more than one festival.

The choice is kept in the session under one key, so a juror who picks a festival on one page finds it picked on the
other.
"""

from __future__ import annotations

import streamlit as st

from assistant.answers.assistant import Assistant
from assistant.study.festivals import Festival
from assistant.study.study import study_for

CHOSEN_KEY = "chosen_festival"
ALL = "All festivals in the library"


def festival_selector(assistant: Assistant, key: str, allow_all: bool) -> Festival | None:
    """The festival chosen on this page: the only one when there is one (no selector), None for "all" (when
    `allow_all`), else the one picked."""
    festivals = study_for(assistant).festivals()
    if len(festivals) <= 1:
        return festivals[0] if festivals else None
    labels = [f.label for f in festivals]
    options = ([ALL] if allow_all else []) + labels
    remembered = st.session_state.get(CHOSEN_KEY)
    index = options.index(remembered) if remembered in options else 0

    def remember() -> None:
        st.session_state[CHOSEN_KEY] = st.session_state[key]

    picked = st.selectbox(
        "Festival",
        options,
        index=index,
        key=key,
        on_change=remember,
        help="The library holds the rules of several festivals; answers and study material come from the one chosen.",
    )
    if picked == ALL:
        return None
    return festivals[labels.index(picked)]
