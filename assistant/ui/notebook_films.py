"""The Library page's Films tab (organisers): the competition's film list for jurors' notebooks, and the criteria,
awards and mark scale drawn from the rules, which an organiser may correct. No juror's notes are shown here, ever.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from assistant.answers.assistant import Assistant
from assistant.config import Settings
from assistant.errors import JurorError
from assistant.notebook.films import TEMPLATE, FilmListReport, films_csv
from assistant.notebook.notebook import Notebook, notebook_for
from assistant.study.festivals import Festival
from assistant.study.sentences import where
from assistant.study.study import study_for
from assistant.ui.auth import audit
from assistant.ui.format import escape_md

RESULT_KEY = "films_result"
UPLOADER_GEN = "films_uploader_generation"
FROM_FILE = "a CSV file"
FROM_PASTE = "a pasted table"
EXAMPLE = (
    TEMPLATE
    + "Sunfall,Ana Reyes,International Feature Competition,95,2027-06-11 19:30 Harbour Hall; 2027-06-12 10:00\n"
)


def render(assistant: Assistant, settings: Settings) -> None:
    notebook = notebook_for(assistant)
    festivals = study_for(assistant).festivals()
    festival: Festival | None = festivals[0] if len(festivals) == 1 else None
    if len(festivals) > 1:
        labels = [f.label for f in festivals]
        festival = festivals[labels.index(st.selectbox("Festival", labels, key="films_festival"))]
    st.caption(
        "Jurors keep their private notes on these films in the Notebook page. Load the competition's list once per "
        "festival; loading again replaces it (jurors' notes stay with the titles)."
    )
    _current(notebook, festival)
    _load(notebook, festival, settings)
    _criteria(notebook, festival, settings)


def _current(notebook: Notebook, festival: Festival | None) -> None:
    films = notebook.films(festival)
    if not films:
        st.info("No film list is loaded for this festival yet.", icon=":material/movie:")
        return
    st.dataframe(
        [
            {
                "#": i,
                "Title": f.title,
                "Director": f.director,
                "Section": f.section,
                "Minutes": f.minutes,
                "Screenings": "; ".join(s.label for s in f.screenings),
            }
            for i, f in enumerate(films, 1)
        ],
        hide_index=True,
        width="stretch",
        key="films_table",
    )
    st.download_button(
        "Download the film list (CSV)",
        films_csv(films),
        file_name=f"films-{festival.key if festival else 'festival'}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key="films_download",
    )


def _load(notebook: Notebook, festival: Festival | None, settings: Settings) -> None:
    st.markdown("**Load a film list**")
    gen = st.session_state.setdefault(UPLOADER_GEN, 0)
    # Only the input chosen is drawn: the page keeps one file uploader (the documents') until a CSV is wanted.
    source = st.radio("From", (FROM_FILE, FROM_PASTE), index=None, horizontal=True, key="films_source")
    upload, pasted = None, ""
    if source == FROM_FILE:
        upload = st.file_uploader(
            "A CSV file (first row: Title, Director, Section, Running time, Screenings)",
            type=["csv", "tsv", "txt"],
            key=f"films_uploader_{gen}",
            max_upload_size=1,
        )
    elif source == FROM_PASTE:
        pasted = st.text_area(
            "The table, pasted from a spreadsheet, a web page or Markdown (first row: the column names)",
            key=f"films_paste_{gen}",
            height=140,
            placeholder=EXAMPLE,
        )
    # Never disabled: a pasted table is committed when the box loses focus, which is the click on this button.
    if st.button("Load the film list", type="primary", icon=":material/upload:", key="films_load"):
        if upload is None and not pasted.strip():
            st.warning("Choose a CSV file or paste a table first.")
            return
        name = upload.name if upload is not None else "pasted table"
        try:
            report = notebook.load_films(festival, upload.getvalue() if upload is not None else pasted, name)
        except JurorError as exc:
            st.session_state[RESULT_KEY] = {"error": str(exc)}
        else:
            where_to = f" for {festival.name}" if festival else ""
            audit(settings, "film list", f"{name}{where_to}: {report.summary()}")
            st.session_state[RESULT_KEY] = _result(report)
            st.session_state[UPLOADER_GEN] = gen + 1
        st.rerun()
    _last(st.session_state.get(RESULT_KEY))


def _result(report: FilmListReport) -> dict[str, Any]:
    return {
        "summary": report.summary(),
        "notes": report.notes,
        "messages": [
            {"Row": m.row, "Result": "skipped" if m.level == "error" else "loaded", "Message": m.message}
            for m in report.messages
        ],
        "count": len(report.films),
    }


def _last(result: dict[str, Any] | None) -> None:
    if not result:
        return
    if result.get("error"):
        st.error(f"Nothing was loaded: {result['error']}")
        return
    st.success(f"Film list loaded: {result['summary']}. Jurors see it in their notebook at once.")
    for note in result["notes"]:
        st.warning(note)
    if result["messages"]:
        st.dataframe(result["messages"], hide_index=True, width="stretch", key="films_messages")


def _criteria(notebook: Notebook, festival: Festival | None, settings: Settings) -> None:
    criteria = notebook.criteria(festival)
    with st.expander("Criteria, awards and mark scale drawn from the rules", icon=":material/rule:"):
        st.caption(
            "Jurors write notes per criterion and may keep their own mark on the scale. Each comes from the rules "
            "with its citation; correct them here when the rules were read wrongly."
        )
        rows = [
            {
                "Rubric": c.group,
                "Criterion": c.name,
                "Weight": c.weight,
                "Where the rules say it": where(c.citation) if c.citation else "(set by the organisers)",
            }
            for c in criteria.criteria
        ]
        edited = st.data_editor(
            rows or [{"Rubric": "", "Criterion": "", "Weight": "", "Where the rules say it": ""}],
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            disabled=["Weight", "Where the rules say it"],
            key="films_criteria_editor",
        )
        awards = st.text_area(
            "Awards the jury gives (one a line)", "\n".join(a.name for a in criteria.awards), key="films_awards"
        )
        scale = st.text_input(
            "Scale of a juror's own mark (e.g. 1-10; empty: notes only)",
            criteria.scale.label.replace("–", "-") if criteria.scale else "",
            key="films_scale",
        )
        left, right = st.columns(2)
        if left.button("Save corrections", key="films_correct", icon=":material/save:"):
            try:
                notebook.correct(festival, _corrections(edited, awards, scale))
            except (JurorError, ValueError) as exc:
                st.error(f"Not saved: {exc}")
            else:
                audit(settings, "criteria correction", festival.name if festival else "")
                st.rerun()
        if criteria.corrected and right.button("Back to what the rules state", key="films_reset"):
            notebook.correct(festival, {})
            audit(settings, "criteria correction", f"reset {festival.name if festival else ''}".strip())
            st.rerun()
        cited = [c for c in criteria.criteria if c.citation][:3]
        for c in cited:
            assert c.citation is not None
            st.caption(f"{escape_md(c.name)}: “{escape_md(c.citation.quote)}” — {escape_md(where(c.citation))}")


def _corrections(edited: Any, awards: str, scale: str) -> dict[str, Any]:
    records = edited.to_dict("records") if hasattr(edited, "to_dict") else list(edited)
    out: dict[str, Any] = {
        "criteria": [
            {"group": str(r.get("Rubric") or "").strip(), "name": str(r.get("Criterion") or "").strip()}
            for r in records
            if str(r.get("Criterion") or "").strip()
        ],
        "awards": [a.strip() for a in awards.splitlines() if a.strip()],
    }
    text = scale.strip().replace("–", "-")
    if not text:
        out["scale"] = None
    else:
        low, _, high = text.partition("-")
        lo, hi = float(low), float(high)
        if not lo < hi <= 1000:
            raise ValueError(f"the scale {scale!r} is not a range like 1-10")
        out["scale"] = {"low": lo, "high": hi}
    return out
