"""The Notebook page's read-only views and its export: the check before deliberation, the criteria, the notebook's
questions (a verdict is refused with the jury's rule) and the downloads; drawn by `assistant.ui.notebook`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from assistant.notebook.checks import ATTENTION, DONE, INFO, MISSING, STATUS_LABEL, TODO, Checklist, Numbering
from assistant.notebook.criteria import FestivalCriteria
from assistant.notebook.notebook import JurorSession, Notebook
from assistant.notebook.refusal import asks_for_verdict
from assistant.schema import Citation
from assistant.study.festivals import Festival
from assistant.study.sentences import where
from assistant.ui.format import escape_md

ICONS = {
    TODO: ":material/pending:",
    DONE: ":material/check_circle:",
    ATTENTION: ":material/flag:",
    INFO: ":material/info:",
    MISSING: ":material/help:",
}


# ------------------------------------------------------------ check, criteria
def sources(citations: list[Citation]) -> None:
    if citations:
        with st.expander(f"Sources ({len(citations)})", icon=":material/menu_book:"):
            for c in citations:
                st.markdown(f"**[{c.n}]** {escape_md(where(c))}  \n“{escape_md(c.quote)}”")


def check(checklist: Checklist) -> None:
    st.subheader("Before deliberation")
    st.caption("What the festival's rules require of you, and where you stand. Each rule is quoted from the rules.")
    for item in checklist.items:
        with st.container(border=True):
            st.markdown(f"{ICONS[item.status]} **{escape_md(item.title)}** · _{STATUS_LABEL[item.status]}_")
            st.markdown(escape_md(item.summary))
            if item.lines:
                st.markdown("\n".join(f"- {escape_md(line)}" for line in item.lines))
            for rule in item.rules:
                st.markdown(f"> “{escape_md(rule.quote)}” **[{rule.n}]**")
    sources(checklist.citations)


def criteria_view(criteria: FestivalCriteria) -> None:
    numbering = Numbering()

    def ref(thing: Any) -> str:
        if thing.citation is None:
            return " _(set by the organisers)_"
        return f" **[{numbering.cite(thing.citation)}]**"

    st.subheader("What you judge against")
    if criteria.corrected:
        st.caption("The organisers corrected what the rules state; the citations show where each comes from.")
    if not criteria.criteria:
        st.info("The loaded rules state no judging criteria: your notes are free notes.", icon=":material/info:")
    for group in criteria.groups():
        st.markdown(f"**{escape_md(group) or 'Judging criteria'}**")
        st.markdown(
            "\n".join(
                f"- {escape_md(c.name)}{f' ({c.weight})' if c.weight else ''}{ref(c)}" for c in criteria.of_group(group)
            )
        )
    if criteria.awards:
        st.markdown("**Awards the jury gives**")
        st.markdown("\n".join(f"- {escape_md(a.name)}{ref(a)}" for a in criteria.awards))
    else:
        st.caption("The loaded rules name no award.")
    if criteria.scale is not None:
        st.markdown(
            f"**Your own mark**, if you want one: on the rules' scale {criteria.scale.label}{ref(criteria.scale)}"
        )
    else:
        st.caption("The rules give no scale for marks: the notebook keeps notes only.")
    sources(numbering.citations)


# ------------------------------------------------------------ ask
def ask(notebook: Notebook, festival: Festival | None) -> None:
    st.subheader("Ask the notebook")
    st.caption("Questions about the rules are answered from the rules. Your notes are never sent anywhere.")
    with st.form("nb_ask_form"):
        question = st.text_input(
            "Your question", key="nb_question", placeholder="e.g. What must I do if I know a director?"
        )
        asked = st.form_submit_button("Ask")
    if not asked or not question.strip():
        return
    if asks_for_verdict(question):
        refused = notebook.refusal(festival)
        st.warning(escape_md(refused.text), icon=":material/gavel:")
        sources(refused.citations)
        return
    answer = notebook.assistant.ask(question, filters=festival.filters() if festival is not None else None)
    (st.warning if answer.abstained else st.markdown)(escape_md(answer.answer))
    sources(answer.citations)


# ------------------------------------------------------------ export, forget
FORGOTTEN_KEY = "notebook_forgotten"  # the message after "Delete everything", shown once on the sign-in page


def export(notebook: Notebook, session: JurorSession, festival: Festival | None, sign_out: Callable[[], None]) -> None:
    st.subheader("Keep your notebook")
    name = f"notebook-{session.juror}" + (f"-{festival.key}" if festival else "")
    left, right = st.columns(2)
    left.download_button(
        "Download my notebook (Markdown)",
        notebook.export_markdown(session, festival),
        file_name=f"{name}.md",
        mime="text/markdown",
        icon=":material/download:",
        on_click="ignore",
        key="nb_export_md",
    )
    right.download_button(
        "Printable notebook (PDF)",
        lambda: notebook.export_pdf(session, festival),
        file_name=f"{name}.pdf",
        mime="application/pdf",
        icon=":material/print:",
        on_click="ignore",
        key="nb_export_pdf",
    )
    st.divider()
    st.markdown("**Delete my notebook**")
    st.caption("Deletes every note you wrote (in every festival), your code and your secret. This cannot be undone.")
    typed = st.text_input("Type your juror code to confirm", key="nb_forget_code")
    if st.button(
        "Delete everything",
        type="primary",
        icon=":material/delete_forever:",
        key="nb_forget",
        disabled=typed.strip().casefold() != session.juror,
    ):
        gone = notebook.forget(session)
        sign_out()
        st.session_state[FORGOTTEN_KEY] = f"Deleted your notebook ({gone} saved changes)."
        st.rerun()
