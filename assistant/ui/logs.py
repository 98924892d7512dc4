"""The Library page's log tabs for organisers: unanswered questions, juror feedback and the organiser log, each
a table with a CSV download."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

import streamlit as st

from assistant.answers.assistant import Assistant


def unanswered_rows(entries: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "Asked at": e["asked_at"],
            "Question": e["question"],
            "Understood as": e["standalone"],
            "Closest passages": "; ".join(e["closest"]),
        }
        for e in entries
    ]


def feedback_rows(entries: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "Given at": e["given_at"],
            "Rating": "helpful" if e["score"] else "not helpful",
            "Question": e["question"],
            "Comment": e["comment"],
            "Answer": e["answer"],
            "Sources": "; ".join(
                f"[{c.get('n')}] {c.get('source')} {c.get('section', '')}".strip() for c in e["citations"]
            ),
        }
        for e in entries
    ]


def to_csv(rows: Sequence[dict[str, Any]]) -> str:
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def unanswered_tab(assistant: Assistant) -> None:
    st.caption("Questions the library could not answer: candidates for an FAQ entry or a clearer rule.")
    rows = unanswered_rows(assistant.logbook.unanswered())
    if not rows:
        st.info("No unanswered questions yet.")
        return
    table_with_csv(rows, "unanswered-questions.csv", "unanswered_csv")


def feedback_tab(assistant: Assistant) -> None:
    entries = assistant.logbook.feedback()
    if not entries:
        st.info("No feedback yet.")
        return
    up = sum(1 for e in entries if e["score"])
    st.caption(f"{len(entries)} ratings: {up} helpful, {len(entries) - up} not helpful.")
    table_with_csv(feedback_rows(entries), "juror-feedback.csv", "feedback_csv")


def organiser_log_tab(assistant: Assistant) -> None:
    st.caption(
        "Who logged in, loaded, replaced or removed documents, and from where: each browser session (with its "
        "address) and each `juror-assistant` command run. Newest first."
    )
    entries = assistant.logbook.organiser_log()
    if not entries:
        st.info("Nothing logged yet.")
        return
    rows = [
        {
            "Time": e["at"].replace("T", " ").replace("+00:00", " UTC"),
            "Session": e["session"],
            "Action": e["action"],
            "Details": e["detail"],
        }
        for e in entries
    ]
    table_with_csv(rows, "organiser-log.csv", "organiser_log_csv")


def table_with_csv(rows: list[dict[str, Any]], file_name: str, key: str) -> None:
    """The newest 1,000 rows on screen; all of them in the CSV."""
    st.dataframe(rows[:1000], hide_index=True, width="stretch")
    st.download_button(
        "Download as CSV",
        data=to_csv(rows),
        file_name=file_name,
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key=key,
    )
