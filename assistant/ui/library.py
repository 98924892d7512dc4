"""The organisers' page: load, replace and remove documents; read the unanswered log and juror feedback.

Everything that changes the library is drawn only after `organiser_gate` lets the session in. The upload
handlers are plain functions (no Streamlit) so they are testable and reusable.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import streamlit as st

from assistant.answers.assistant import Assistant
from assistant.config import Settings
from assistant.errors import JurorError
from assistant.library.library import Library
from assistant.library.reports import FileResult
from assistant.library.store import DocumentRecord
from assistant.organiser.logbook import load_summary
from assistant.text import passages
from assistant.ui import notebook_films
from assistant.ui.auth import audit, organiser_gate
from assistant.ui.format import unreachable_rows
from assistant.ui.logs import feedback_tab, organiser_log_tab, unanswered_tab
from assistant.ui.resources import startup_repair, warm_up

log = logging.getLogger(__name__)

ALLOWED_TYPES = ("pdf", "docx", "html", "htm", "md", "markdown", "txt")
PAGE_SIZE = 50
NEW_DOCUMENT = "— add as a new document —"
# Above this many new passages the section check after an upload is left to Quality → Library health.
AUTO_CHECK_MAX_PASSAGES = 1500
RESULTS_KEY = "library_results"
REEMBED_KEY = "library_reembedded"
UPLOADER_GEN = "library_uploader_generation"
REMOVE_GEN = "library_remove_generation"
REMOVED_KEY = "library_removed"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

ProgressFn = Callable[[float, str], None]


class Upload(Protocol):
    """What the handlers need from a Streamlit `UploadedFile` (or any test double)."""

    @property
    def name(self) -> str: ...

    @property
    def size(self) -> int: ...

    def getvalue(self) -> bytes: ...


@dataclass
class LoadOutcome:
    results: list[FileResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.status != "failed" for r in self.results)


# ------------------------------------------------------------ handlers (no Streamlit)
def check_upload(upload: Upload, max_file_mb: float) -> str | None:
    """The reason an upload is refused before it is read, or None."""
    suffix = Path(upload.name).suffix.lower().lstrip(".")
    if suffix not in ALLOWED_TYPES:
        shown = f".{suffix}" if suffix else "no extension"
        return f"unsupported file type ({shown}); use PDF, DOCX, HTML, Markdown or plain text"
    limit = max_file_mb * 1024 * 1024
    if upload.size > limit:
        return f"file is {upload.size / 1e6:.1f} MB, over the {max_file_mb:g} MB limit (JUROR_MAX_FILE_MB)"
    if upload.size == 0:
        return "the file is empty"
    return None


def _progress_for(index: int, count: int, progress: ProgressFn | None) -> Callable[[str, int, int], None] | None:
    if progress is None:
        return None

    def report(stage: str, done: int, total: int) -> None:
        within = 0.1 * done / total if stage == "read" and total else 0.1 + 0.9 * done / total if total else 0.0
        progress(
            min(1.0, (index + within) / count),
            f"{'Reading' if stage == 'read' else 'Embedding'} file {index + 1} of {count}…",
        )

    return report


def load_uploads(
    library: Library,
    uploads: Sequence[Upload],
    max_file_mb: float,
    overrides: dict[str, str] | None = None,
    progress: ProgressFn | None = None,
) -> LoadOutcome:
    """Add (or update, same name) each uploaded file; one bad file never stops the others."""
    outcome = LoadOutcome()
    for i, upload in enumerate(uploads):
        problem = check_upload(upload, max_file_mb)
        if problem:
            outcome.results.append(FileResult(upload.name, "failed", message=problem))
            continue
        try:
            report = library.ingest_upload(
                upload.name,
                upload.getvalue(),
                overrides=overrides or None,
                progress=_progress_for(i, len(uploads), progress),
            )
        except JurorError as exc:
            outcome.results.append(FileResult(upload.name, "failed", message=str(exc)))
            continue
        outcome.results.extend(report.results)
        outcome.warnings.extend(report.warnings)
    if progress:
        progress(1.0, "Done.")
    return outcome


def replace_document(
    library: Library,
    record: DocumentRecord,
    upload: Upload,
    max_file_mb: float,
    overrides: dict[str, str] | None = None,
    progress: ProgressFn | None = None,
) -> LoadOutcome:
    """The new file takes the old document's place (same name keeps its history; another type swaps files)."""
    problem = check_upload(upload, max_file_mb)
    if problem:
        return LoadOutcome([FileResult(upload.name, "failed", message=problem)])
    same_type = Path(upload.name).suffix.lower() == Path(record.source).suffix.lower()
    name = record.source if same_type else upload.name
    try:
        report = library.ingest_upload(
            name, upload.getvalue(), overrides=overrides or None, progress=_progress_for(0, 1, progress)
        )
    except JurorError as exc:
        return LoadOutcome([FileResult(upload.name, "failed", message=str(exc))])
    outcome = LoadOutcome(report.results, report.warnings)
    if not same_type and report.ok and all(r.source != record.source for r in report.results):
        library.remove(record.source)
        outcome.warnings.append(
            f"{record.source} was replaced by {report.results[0].source if report.results else upload.name} and removed"
        )
    if progress:
        progress(1.0, "Done.")
    return outcome


def health_after_load(
    assistant: Assistant, outcome: LoadOutcome, progress: ProgressFn | None = None
) -> dict[str, Any] | None:
    """Probe the sections of the documents this load wrote, so an organiser sees at once what jurors can't reach."""
    from assistant.quality.health import check_library

    changed = [r for r in outcome.results if r.wrote_passages]
    if not changed:
        return None
    if sum(r.chunks for r in changed) > AUTO_CHECK_MAX_PASSAGES:
        return {"skipped": "These documents are large: run the section check from Quality → Library health."}

    def step(stage: str, done: int, total: int) -> None:
        if progress:
            progress(min(1.0, done / max(total, 1)), f"Checking sections: {done} of {total}")

    report = check_library(assistant.library, assistant.retriever, progress=step, sources=[r.source for r in changed])
    return {
        "summary": report.summary(),
        "notes": report.notes,
        "unreachable": unreachable_rows(report),
    }


def document_rows(records: Sequence[DocumentRecord]) -> list[dict[str, Any]]:
    return [
        {
            "Document": r.source,
            "Title": r.title,
            "Kind": r.kind,
            "Effective date": r.effective_date,
            "Passages": r.chunks,
            "Loaded at": r.loaded_at.replace("T", " ").replace("+00:00", " UTC"),
            "Amends": r.amends,
        }
        for r in records
    ]


def filter_records(records: Sequence[DocumentRecord], text: str) -> list[DocumentRecord]:
    key = text.strip().lower()
    if not key:
        return list(records)
    return [r for r in records if key in r.source.lower() or key in r.title.lower() or key in r.kind.lower()]


# ------------------------------------------------------------ page
def render(assistant: Assistant, settings: Settings) -> None:
    st.title("Library")
    if not organiser_gate(settings):
        return
    st.caption("Organiser mode: changes here take effect for every juror at once. Log out in the sidebar.")
    repaired = startup_repair(assistant)
    if repaired is not None and repaired.actions:
        st.info(
            "When the app started it repaired the library: " + "; ".join(repaired.actions) + ".",
            icon=":material/build:",
        )
    library = assistant.library
    try:
        records = library.documents()
    except JurorError as exc:
        st.error(str(exc))
        return
    _reembed(assistant, settings)
    docs, add, remove, films, unanswered, feedback, organiser_log, config = st.tabs(
        [
            "Documents",
            "Add or replace",
            "Remove",
            "Films",
            "Unanswered questions",
            "Feedback",
            "Organiser log",
            "Settings",
        ]
    )
    with docs:
        _documents(library, records)
    with add:
        _add_or_replace(assistant, records, settings)
    with remove:
        _remove(library, records, settings)
    with films:
        notebook_films.render(assistant, settings)  # the film list and criteria for jurors' notebooks
    with unanswered:
        unanswered_tab(assistant)
    with feedback:
        feedback_tab(assistant)
    with organiser_log:
        organiser_log_tab(assistant)
    with config:
        _settings(settings)


def _reembed(assistant: Assistant, settings: Settings) -> None:
    """When the library's vectors were made by another backend (the setting changed, or an upgrade changed the
    default), say so above the tabs and offer to embed the stored passages again: no file is needed."""
    done = st.session_state.pop(REEMBED_KEY, None)
    if done:
        st.success(done, icon=":material/check_circle:")
    mismatch = assistant.vector_mismatch()  # read once per library state, as answers read it
    if not mismatch:
        return
    st.warning(mismatch, icon=":material/warning:")
    if st.button("Re-embed the library", icon=":material/autorenew:", key="reembed_button"):
        bar = st.progress(0.0, text="Re-embedding…")

        def show(stage: str, done: int, total: int) -> None:
            bar.progress(min(1.0, done / max(1, total)), text=f"Re-embedding: {done} of {total} passages")

        warm_up(assistant).wait()
        try:
            report = assistant.library.reembed(progress=show)
        except JurorError as exc:
            st.error(str(exc))
            return
        audit(settings, "re-embed", load_summary(report.results))
        st.session_state[REEMBED_KEY] = (
            f"Re-embedded {report.count('re-embedded')} document(s) with {assistant.library.embeddings.backend}. "
            "Jurors' next questions use the new vectors."
        )
        st.rerun()


def _documents(library: Library, records: list[DocumentRecord]) -> None:
    if not records:
        st.info(
            "The library is empty. Add the festival's rules in the **Add or replace** tab.",
            icon=":material/folder_open:",
        )
        return
    a, b = st.columns(2)
    a.metric("Documents", len(records))
    b.metric("Passages", sum(r.chunks for r in records))
    shown = filter_records(records, st.text_input("Filter by name, title or kind", key="doc_filter"))
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    page = (
        int(st.number_input(f"Page (of {pages})", min_value=1, max_value=pages, value=1, step=1, key="doc_page"))
        if pages > 1
        else 1
    )
    start = (page - 1) * PAGE_SIZE
    st.dataframe(document_rows(shown[start : start + PAGE_SIZE]), hide_index=True, width="stretch")
    st.caption(f"Showing {min(len(shown), start + 1)}–{min(len(shown), start + PAGE_SIZE)} of {len(shown)} documents.")
    _festival_editor(library, records)


def _festival_editor(library: Library, records: list[DocumentRecord]) -> None:
    """Which festival and edition each document belongs to: what study mode and the Ask page's selector go by."""
    from assistant.answers.assistant import Assistant
    from assistant.study.study import study_for

    festivals = study_for(Assistant(library.settings, library)).festivals()
    member = {s: f for f in festivals for s in f.sources}
    with st.expander("Festivals and editions", icon=":material/festival:"):
        st.caption(
            "Jurors study one festival at a time. A document without a festival set joins the festival its title "
            "names; set it here when that guess is wrong."
        )
        st.dataframe(
            [
                {
                    "Document": r.source,
                    "Festival": r.festival or f"{member[r.source].name} (from the title)" if r.source in member else "",
                    "Edition": r.edition or (", ".join(member[r.source].editions) if r.source in member else ""),
                }
                for r in records
            ],
            hide_index=True,
            width="stretch",
            key="festival_table",
        )
        with st.form("festival_form"):
            source = st.selectbox("Document", [r.source for r in records], key="festival_doc")
            c1, c2 = st.columns(2)
            name = c1.text_input("Festival", key="festival_name", placeholder="e.g. Harbour Lights Film Festival")
            edition = c2.text_input("Edition", key="festival_edition", placeholder="e.g. 2024")
            if st.form_submit_button("Save festival", type="primary"):
                try:
                    with st.spinner(f"Updating {source}…"):
                        report = library.set_festival(source, name, edition)
                except JurorError as exc:
                    st.error(str(exc))
                else:
                    if report.ok:
                        st.success(
                            f"{source} now belongs to {name.strip()}"
                            + (f" ({edition.strip()})." if edition.strip() else ".")
                        )
                    else:
                        st.error("; ".join(f"{r.source}: {r.message}" for r in report.failed))


def _overrides() -> tuple[dict[str, str], str | None]:
    with st.expander("Document details (optional: otherwise read from the file)"):
        c1, c2 = st.columns(2)
        kind = c1.text_input("Kind", placeholder="regulations, amendment, code-of-conduct…", key="meta_kind")
        effective = c2.text_input("Effective date (YYYY-MM-DD)", key="meta_effective")
        festival = c1.text_input("Festival", key="meta_festival")
        edition = c2.text_input("Edition", placeholder="e.g. 2027", key="meta_edition")
    values = {
        "kind": kind.strip(),
        "effective_date": effective.strip(),
        "festival": festival.strip(),
        "edition": edition.strip(),
    }
    problem = None
    if values["effective_date"] and not _DATE.match(values["effective_date"]):
        problem = f"Effective date {values['effective_date']!r} is not a date like 2027-05-01."
    return {k: v for k, v in values.items() if v}, problem


def _add_or_replace(assistant: Assistant, records: list[DocumentRecord], settings: Settings) -> None:
    library = assistant.library
    gen = st.session_state.setdefault(UPLOADER_GEN, 0)
    uploads = st.file_uploader(
        f"Add documents (PDF, DOCX, HTML, Markdown, text; up to {settings.max_file_mb:g} MB each)",
        type=list(ALLOWED_TYPES),
        accept_multiple_files=True,
        key=f"uploader-{gen}",
        max_upload_size=max(1, int(-(-settings.max_file_mb // 1))),
    )
    overrides, problem = _overrides()
    options = [NEW_DOCUMENT] + [r.source for r in records]
    target = st.selectbox("Replace an existing document with the uploaded file?", options, key="replace_target")
    if st.button(
        "Load into the library", type="primary", disabled=not uploads, icon=":material/upload:", key="load_uploads"
    ):
        if problem:
            st.error(problem)
        elif target != NEW_DOCUMENT and len(uploads) != 1:
            st.error("To replace a document, upload exactly one file.")
        else:
            bar = st.progress(0.0, text="Starting…")

            def show(fraction: float, text: str) -> None:
                bar.progress(fraction, text=text)

            warm_up(assistant).wait()  # the model may still be loading just after start-up
            try:
                if target == NEW_DOCUMENT:
                    outcome = load_uploads(library, uploads, settings.max_file_mb, overrides, show)
                else:
                    record = next(r for r in records if r.source == target)
                    outcome = replace_document(library, record, uploads[0], settings.max_file_mb, overrides, show)
            except JurorError as exc:
                st.error(str(exc))
                return
            action = "load" if target == NEW_DOCUMENT else f"replace {target}"
            audit(settings, action, load_summary(outcome.results) + "".join(f"; {w}" for w in outcome.warnings))
            st.session_state[RESULTS_KEY] = {
                "results": [r.__dict__ for r in outcome.results],
                "warnings": outcome.warnings,
                "health": health_after_load(assistant, outcome, show),
            }
            st.session_state[UPLOADER_GEN] = gen + 1  # empties the uploader
            st.rerun()
    _last_results()


def _last_results() -> None:
    last = st.session_state.get(RESULTS_KEY)
    if not last:
        return
    results = last["results"]
    failed = [r for r in results if r["status"] == "failed"]
    if failed:
        st.error(f"{len(failed)} of {len(results)} file(s) could not be loaded; see the messages below.")
    else:
        st.success(
            f"Loaded: {', '.join(sorted({r['status'] for r in results}))}. Jurors' next questions use the new library."
        )
    st.dataframe(
        [
            {"File": r["source"], "Result": r["status"], "Passages": r["chunks"], "Message": r["message"]}
            for r in results
        ],
        hide_index=True,
        width="stretch",
    )
    for warning in last["warnings"]:
        st.warning(warning)
    health = last.get("health")
    if health:
        _health_after_load(health)


def _health_after_load(health: dict[str, Any]) -> None:
    if health.get("skipped"):
        st.info(health["skipped"])
        return
    for note in health["notes"]:
        st.warning(note)
    if health["unreachable"]:
        st.warning(f"Library check: {health['summary']} Fix the source file and load it again.")
        st.dataframe(health["unreachable"], hide_index=True, width="stretch")
    else:
        st.caption(f"Library check: {health['summary']}")


def _remove(library: Library, records: list[DocumentRecord], settings: Settings) -> None:
    removed_note = st.session_state.pop(REMOVED_KEY, None)
    if removed_note:
        st.success(removed_note)
    if not records:
        st.info("Nothing to remove: the library is empty.")
        return
    gen = st.session_state.setdefault(REMOVE_GEN, 0)
    shown = filter_records(records, st.text_input("Find the document", key="remove_filter"))[:500]
    if not shown:
        st.caption("No document matches.")
        return
    name = st.selectbox("Document to remove", [r.source for r in shown], key=f"remove_target-{gen}")
    sure = st.checkbox(f"Yes, remove {name}: jurors will no longer get answers from it", key=f"remove_confirm-{gen}")
    if st.button("Remove", type="primary", disabled=not sure, icon=":material/delete:", key="remove_button"):
        try:
            removed = library.remove(name)
        except JurorError as exc:
            st.error(str(exc))
            return
        audit(settings, "removal", f"{removed.source} ({passages(removed.chunks)})")
        st.session_state[REMOVE_GEN] = gen + 1  # fresh, unticked confirmation for the next removal
        st.session_state[REMOVED_KEY] = f"Removed {removed.source} ({passages(removed.chunks)})."
        st.rerun()


def _settings(settings: Settings) -> None:
    st.caption("Read-only. Change these in juror.toml or JUROR_* environment variables, then restart the app.")
    st.table([{"Setting": k, "Value": str(v)} for k, v in settings.public_view().items()])
