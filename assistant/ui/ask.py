"""The juror's page: ask in a chat, read short answers whose `[n]` markers open the cited passage.

The conversation lives in `st.session_state` as plain records (see `format.answer_record`), so citations,
feedback and export survive reruns. Nothing on this page can change the library.
"""

from __future__ import annotations

import itertools
import logging
import mimetypes
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import streamlit as st

from assistant.answers.assistant import Assistant
from assistant.config import Settings
from assistant.errors import JurorError
from assistant.study.festivals import Festival
from assistant.ui.festivals import festival_selector
from assistant.ui.format import (
    answer_record,
    conversation_markdown,
    escape_md,
    highlight_md,
    render_answer_md,
    where,
)
from assistant.ui.notebook import jury_rule_for_chat
from assistant.ui.pdf_page import pdf_page_png
from assistant.ui.resources import warm_up
from assistant.ui.study import glossary_expander

log = logging.getLogger(__name__)

CHAT_KEY = "chat"
PENDING_KEY = "pending_question"
SENT_KEY = "feedback_sent"
FILTER_KEY = "ask_filters"  # the chosen festival's documents, passed to Assistant.ask as a filter

# Questions any first-time juror has, whatever the festival; answered (or not) from the loaded rules.
STARTERS = (
    "What are my duties as a juror?",
    "How does the jury vote, and what happens in a tie?",
    "What must I keep confidential?",
    "Can I accept gifts or invitations?",
    "What happens if I miss a screening?",
    "When and where does the jury deliberate?",
)
EMPTY_HINT = (
    "The library is empty, so there is nothing to answer from yet. An organiser can load the festival's "
    "rules on the **Library** page (or with `juror-assistant ingest PATH`)."
)


def _several(assistant: Assistant) -> bool:
    from assistant.study.study import study_for

    return len(study_for(assistant).festivals()) > 1


def _new_id() -> str:
    return uuid.uuid4().hex[:12]


def turns() -> list[dict[str, Any]]:
    chat: list[dict[str, Any]] = st.session_state.setdefault(CHAT_KEY, [])
    return chat


def history_of(chat: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The conversation so far in the shape `Assistant.ask(history=...)` takes."""
    out = []
    for t in chat:
        turn = {"role": t["role"], "content": t["content"]}
        if t.get("standalone"):
            turn["standalone"] = t["standalone"]  # chained follow-ups keep the original topic
        out.append(turn)
    return out


def _queue(question: str) -> None:
    st.session_state[PENDING_KEY] = question


def _new_conversation() -> None:
    st.session_state[CHAT_KEY] = []
    st.session_state[SENT_KEY] = {}


# ------------------------------------------------------------ page
def render(assistant: Assistant, settings: Settings) -> None:
    st.title("Ask the rules")
    chat = turns()
    _toolbar(chat)
    empty = assistant.library.is_empty()
    festival = None if empty else festival_selector(assistant, "ask_festival", allow_all=True)
    st.session_state[FILTER_KEY] = festival.filters() if festival is not None and _several(assistant) else None
    if empty:
        st.info(EMPTY_HINT, icon=":material/folder_open:")
    elif not chat:
        st.caption("Answers quote the festival's own documents; open a numbered source to read the passage.")

    for turn in chat:
        _draw_turn(assistant, turn, chat)

    typed = st.chat_input("Ask a question about the festival's rules…", max_chars=settings.max_question_chars)
    question = (typed or st.session_state.pop(PENDING_KEY, None) or "").strip()
    if not chat and not question and not empty:
        _starters()
    if question:
        _answer(assistant, question, chat, festival)


def _toolbar(chat: list[dict[str, Any]]) -> None:
    left, right = st.columns(2)
    left.button(
        "New conversation",
        icon=":material/add_comment:",
        on_click=_new_conversation,
        disabled=not chat,
        key="new_conversation",
    )
    right.download_button(
        "Export conversation (Markdown)",
        data=conversation_markdown(chat) if chat else "",
        file_name="juror-assistant-conversation.md",
        mime="text/markdown",
        icon=":material/download:",
        disabled=not chat,
        on_click="ignore",
        key="export_conversation",
    )


def _starters() -> None:
    st.markdown("**New on the jury? Try one of these:**")
    cols = st.columns(2)
    for i, question in enumerate(STARTERS):
        cols[i % 2].button(question, key=f"starter-{i}", on_click=_queue, args=(question,), width="stretch")


def _answer(assistant: Assistant, question: str, chat: list[dict[str, Any]], festival: Festival | None = None) -> None:
    history = history_of(chat)
    with st.chat_message("user"):
        st.markdown(escape_md(question))
    with st.chat_message("assistant"):
        warm = warm_up(assistant)
        if not warm.ready:
            with st.spinner("The assistant is still starting up (loading the language model)…"):
                warm.wait()
        try:
            stream = assistant.stream(question, history, st.session_state.get(FILTER_KEY))
            pieces: Iterator[str] = iter(stream)
            with st.spinner("Looking it up in the rules…"):
                first = next(pieces, "")
            st.write_stream(escape_md(p) for p in itertools.chain([first], pieces))
            answer = stream.answer
        except JurorError as exc:
            st.error(str(exc))
            return
        except Exception as exc:  # never a traceback in front of a juror
            log.exception("answering failed")
            st.error(f"Sorry, something went wrong while answering ({type(exc).__name__}). Please try again.")
            return
    if answer is None:
        st.error("Sorry, no answer came back. Please try again.")
        return
    answer = jury_rule_for_chat(assistant, answer, festival)  # a refusal to judge shows how the jury decides
    chat.append(
        {"role": "user", "content": question, "id": _new_id(), "standalone": answer.standalone_question or question}
    )
    chat.append({"role": "assistant", "content": answer.answer, "record": answer_record(answer), "id": _new_id()})
    st.rerun()


# ------------------------------------------------------------ drawing a stored turn
def _draw_turn(assistant: Assistant, turn: dict[str, Any], chat: list[dict[str, Any]]) -> None:
    if turn["role"] == "user":
        with st.chat_message("user"):
            st.markdown(escape_md(turn["content"]))
        return
    record = turn.get("record") or {}
    with st.chat_message("assistant"):
        if record.get("abstained"):
            st.warning(escape_md(turn["content"]), icon=":material/help:")
        else:
            st.markdown(render_answer_md(turn["content"]))
        if record.get("scope") and not record.get("abstained"):
            st.caption(f":material/menu_book: From: {escape_md('; '.join(record['scope']))}")
        for note in record.get("notes", []):
            st.caption(f":material/info: {escape_md(note)}")
        for c in record.get("citations", []):
            _source(assistant, c, f"[{c['n']}] {where(c)}", turn["id"])
        if not record.get("abstained"):
            glossary_expander(assistant, turn["content"])
        related = record.get("related") or []
        if record.get("abstained") and related:
            st.caption("Closest passages found — they may help, but they do not answer the question:")
            for i, p in enumerate(related, 1):
                _source(assistant, p, f"Related {i}: {where(p)}", turn["id"])
        _feedback(assistant, turn, chat)


def _short(label: str, limit: int = 110) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _source(assistant: Assistant, item: dict[str, Any], label: str, turn_id: str) -> None:
    """One citation (or related passage) as an expander: where it is, the passage, the original file."""
    with st.expander(escape_md(_short(label)), icon=":material/description:"):
        facts = [f"**{escape_md(item.get('title') or item['source'])}**"]
        if item.get("section"):
            facts.append(escape_md(item["section"]))
        if item.get("page"):
            facts.append(f"page {item['page']}")
        if item.get("effective_date"):
            facts.append(f"effective {escape_md(item['effective_date'])}")
        st.markdown("  \n".join(facts))
        st.markdown(highlight_md(item.get("passage") or "", item.get("quote") or ""))
        if item.get("note"):
            st.caption(f":material/gavel: {escape_md(item['note'])}")
        _original(assistant, item, f"orig-{turn_id}-{label}")


def _original(assistant: Assistant, item: dict[str, Any], key: str) -> None:
    record = None
    try:
        record = assistant.library.store.document(item["source"])
        path = assistant.library.original_file(record) if record else None
    except JurorError:
        path = None
    if record is None or path is None:
        st.caption(f"The original file ({escape_md(item['source'])}) is no longer in the library.")
        return
    mime = mimetypes.guess_type(record.source)[0] or "application/octet-stream"

    def read(p: Path = path) -> bytes:
        return p.read_bytes()

    st.download_button(
        f"Download the original ({record.source})",
        data=read,
        file_name=record.source,
        mime=mime,
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )
    if item.get("page") and record.source.lower().endswith(".pdf"):
        page = int(item["page"])
        if st.toggle(f"Show page {page} of the PDF, the quoted words marked", key=f"{key}-page"):
            try:
                st.image(
                    _page_image(str(path), page, str(item.get("quote") or "")),
                    caption=f"{record.source}, page {page}",
                    output_format="PNG",  # JPEG blurs small print
                    alt=f"Page {page} of {record.source}",
                )
            except JurorError as exc:
                st.caption(f"The page cannot be shown: {escape_md(str(exc))}")


@st.cache_data(max_entries=32, show_spinner=False)
def _page_image(path: str, page: int, quote: str) -> bytes:
    return pdf_page_png(Path(path), page, highlight=quote)


def _feedback(assistant: Assistant, turn: dict[str, Any], chat: list[dict[str, Any]]) -> None:
    """Thumbs up/down with an optional comment, stored in the logbook for organisers."""
    sent: dict[str, int] = st.session_state.setdefault(SENT_KEY, {})
    tid = turn["id"]
    if tid in sent:
        st.caption(
            ("Thanks, glad it helped." if sent[tid] else "Thanks, the organisers will look at it.") + " Feedback saved."
        )
        return
    score = st.feedback("thumbs", key=f"fb-{tid}")
    if score is None:
        return
    comment = st.text_input("Comment (optional)", key=f"fbc-{tid}", placeholder="What was helpful, wrong or missing?")
    if st.button("Send feedback", key=f"fbs-{tid}"):
        index = chat.index(turn)
        question = chat[index - 1]["content"] if index > 0 else ""
        cites = [
            {k: c[k] for k in ("n", "source", "title", "section", "page", "quote")}
            for c in turn["record"].get("citations", [])
        ]
        try:
            assistant.logbook.add_feedback(question, turn["content"], int(score), comment.strip(), cites)
        except Exception as exc:
            log.exception("feedback not stored")
            st.error(f"Your feedback could not be saved ({type(exc).__name__}).")
            return
        sent[tid] = int(score)
        st.rerun()
