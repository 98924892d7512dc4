"""Process-wide resources for the app: settings, the model, the Assistant and the first-start sample library.

Built once per configuration with `st.cache_resource`, so every session shares one model and one store.
The cache key is the configuration itself, which keeps separate apps (e.g. tests) over separate data apart.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from assistant.answers.assistant import Assistant
from assistant.config import Settings, settings_file
from assistant.config import load_settings as settings_from_environment
from assistant.errors import JurorError, LibraryBusy
from assistant.library.embedding import TextEmbeddings, embeddings_for
from assistant.library.reports import IngestReport, RepairReport

log = logging.getLogger(__name__)

SAMPLE_MARKER = ".sample-library-offered"
SAMPLE_SPINNER = "Loading the sample festival library…"


def _config_key() -> tuple[tuple[str, str], ...]:
    """Everything Settings reads from the environment (JUROR_* and the TOML file's path and age)."""
    items = sorted((k, v) for k, v in os.environ.items() if k.startswith("JUROR_"))
    toml = settings_file()
    if toml is not None and toml.is_file():
        items.append(("__toml__", f"{toml.resolve()}@{toml.stat().st_mtime_ns}"))
    return tuple(items)


@st.cache_resource(show_spinner=False)
def _settings(key: tuple[tuple[str, str], ...]) -> Settings:
    return settings_from_environment()


def load_settings() -> Settings:
    """The app's Settings, built once per configuration (environment + TOML file)."""
    return _settings(_config_key())


@st.cache_resource(show_spinner=False)
def _embeddings(model: str | None, batch_size: int, backend: str, cache: str, _settings: Settings) -> TextEmbeddings:
    return embeddings_for(_settings)


@st.cache_resource(show_spinner=False)
def _assistant(key: str, _settings: Settings) -> Assistant:  # key: the hashed configuration
    embeddings = _embeddings(
        _settings.embedding_model,
        _settings.embedding_batch_size,
        _settings.embedding_backend,
        str(_settings.model_cache),
        _settings,
    )
    return Assistant.from_settings(_settings, embeddings=embeddings)


def load_assistant(settings: Settings) -> Assistant:
    """The one Assistant for this configuration (shared by every browser session); the model loads later."""
    return _assistant(settings.model_dump_json(), settings)


STARTUP_SESSION = "app start-up"


@st.cache_resource(show_spinner=False)
def _startup_repair(key: str, _assistant: Assistant) -> RepairReport | None:
    try:
        report = _assistant.library.repair(wait_s=0)
    except LibraryBusy:
        return None  # a load or removal is running; it repairs as it starts
    except JurorError as exc:
        log.warning("start-up repair skipped: %s", exc)
        return None
    if report.actions:
        log.warning("repaired the library at start-up: %s", "; ".join(report.actions))
        _assistant.logbook.log_organiser("repair", "; ".join(report.actions), f"{STARTUP_SESSION} (pid {os.getpid()})")
    return report


def startup_repair(assistant: Assistant) -> RepairReport | None:
    """Once per app process: tidy what a killed load or removal left (None if another writer was busy)."""
    return _startup_repair(assistant.settings.model_dump_json(), assistant)


class WarmUp:
    """Loads the model and the indexes in a background thread, so the chat is usable before they are ready.

    A question asked meanwhile waits for `done` (with a spinner) instead of loading the model a second time.
    """

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self.done = threading.Event()
        self.error = ""
        self.seconds = 0.0
        self._thread = threading.Thread(target=self._run, name="juror-warm-up", daemon=True)

    def start(self) -> WarmUp:
        self._thread.start()
        return self

    def _run(self) -> None:
        started = time.perf_counter()
        try:
            self.assistant.warm_up()
            for note in self.assistant.library.embeddings.notes:
                log.warning("embeddings: %s", note)
            if not self.assistant.library.is_empty():
                self.assistant.retrieve("warm up")  # opens the vector index on disk
        except Exception as exc:  # shown when a question needs the assistant, not at start-up
            log.warning("warm-up failed: %s", exc)
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            self.seconds = time.perf_counter() - started
            self.done.set()

    @property
    def ready(self) -> bool:
        return self.done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self.done.wait(timeout)


@st.cache_resource(show_spinner=False)
def _warm_up(key: str, _assistant: Assistant) -> WarmUp:
    _ = _assistant.library.store.docs  # open the store here, before a second thread can race to open it
    return WarmUp(_assistant).start()


def warm_up(assistant: Assistant) -> WarmUp:
    """The (started) background warm-up of this assistant; the same object for every session."""
    return _warm_up(assistant.settings.model_dump_json(), assistant)


def sample_library_wanted(assistant: Assistant) -> bool:
    """Only on the very first start: an organiser who later empties the library keeps it empty."""
    marker = assistant.settings.data_dir / SAMPLE_MARKER
    return not marker.exists() and assistant.library.is_empty()


_SAMPLE_LOCK = threading.Lock()


def _load_sample(assistant: Assistant, corpus: Path, progress: Callable[[str, int, int], None]) -> IngestReport | None:
    """Once per data folder; a second session arriving meanwhile waits, then finds the library loaded."""
    with _SAMPLE_LOCK:
        if not sample_library_wanted(assistant):
            return None
        report = assistant.library.ingest([corpus], progress=progress)
        data_dir = assistant.settings.data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        (data_dir / SAMPLE_MARKER).write_text("The sample library was loaded on first start.\n", encoding="utf-8")
        return report


def ensure_sample_library(assistant: Assistant, corpus: Path) -> None:
    """Load the bundled sample library on first start, with visible progress."""
    if not corpus.is_dir() or not sample_library_wanted(assistant):
        return
    with st.status(SAMPLE_SPINNER, expanded=True) as status:
        bar = st.progress(0.0, text="Loading the language model…")
        warm_up(assistant).wait()  # one model load, shared with the background warm-up

        def progress(stage: str, done: int, total: int) -> None:
            if total:
                label = "Reading the documents…" if stage == "read" else f"Embedding passages ({done}/{total})…"
                bar.progress(min(1.0, done / total), text=label)

        report = _load_sample(assistant, corpus, progress)
        if report is not None:
            status.update(
                label=f"Sample festival library loaded: {report.summary()}.", state="complete", expanded=False
            )
        else:
            status.update(label="Sample festival library ready.", state="complete", expanded=False)
