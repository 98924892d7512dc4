"""A process killed while saving a note loses at most that note: SIGKILL of a real `juror-assistant notebook note`
and of the real app (in Chromium) in the middle of the notebook's write (tests/support/crashpoint/sitecustomize.py);
what was saved before is intact, the file is sound, and the next run writes on."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from support.browsing import CLI, ROOT, SLOW, clean_env, poll, settle, start_streamlit, wait_healthy
from support.library import make_settings
from support.notebook import FILMS_CSV, SECRET
from support.processes import stop_process

from assistant.answers.assistant import Assistant
from assistant.notebook.notebook import Notebook

CRASHPOINT = Path(__file__).resolve().parents[1] / "support" / "crashpoint"
MARKER = "CRASH-MARKER"
FIRST = "Saved before the crash: long takes, never showy."


def crash_env(text: str) -> dict[str, str]:
    """The crash point first on the path, then this tree (so the process runs the code under test)."""
    return {"PYTHONPATH": os.pathsep.join([str(CRASHPOINT), str(ROOT)]), "TEST_CRASH_AT": f"notebook_commit:{text}"}


def sound(data: Path) -> None:
    with sqlite3.connect(data / "notebook.sqlite3") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def notes_of(data: Path, code: str) -> dict[str, str]:
    notebook = Notebook(Assistant.from_settings(make_settings(data)))
    _, session = notebook.sign_in(code, SECRET)
    assert session is not None
    return notebook.entries(session, notebook.festival()).of("sunfall").criteria


def cli(data: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    run_env = clean_env(JUROR_NOTEBOOK_SECRET=SECRET, **(env or {}))
    return subprocess.run(
        [str(CLI), *args, "--data-dir", str(data)], cwd=ROOT, env=run_env, capture_output=True, text=True, timeout=600
    )


def test_a_cli_killed_while_saving_a_note_loses_only_that_note(library_copy: Path, tmp_path: Path) -> None:
    films = tmp_path / "films.csv"
    films.write_text(FILMS_CSV, encoding="utf-8")
    assert cli(library_copy, "films", "load", str(films)).returncode == 0
    assert cli(library_copy, "notebook", "start", "--juror", "crash-cli").returncode == 0
    saved = cli(library_copy, "notebook", "note", "Sunfall", FIRST, "--criterion", "Direction", "--juror", "crash-cli")
    assert saved.returncode == 0, saved.stderr

    killed = cli(
        library_copy,
        "notebook",
        "note",
        "Sunfall",
        f"{MARKER} being typed",
        "--criterion",
        "Screenplay",
        "--juror",
        "crash-cli",
        env=crash_env(MARKER),
    )
    assert killed.returncode == -9, killed.stdout + killed.stderr

    sound(library_copy)
    assert notes_of(library_copy, "crash-cli") == {"direction": FIRST}, "the note being written is the only loss"
    again = cli(
        library_copy,
        "notebook",
        "note",
        "Sunfall",
        "Written after",
        "--criterion",
        "Screenplay",
        "--juror",
        "crash-cli",
    )
    assert again.returncode == 0, again.stderr
    assert notes_of(library_copy, "crash-cli") == {"direction": FIRST, "screenplay": "Written after"}


def note_box(page, label: str):
    return page.get_by_role("textbox", name=label)


def type_note(page, label: str, text: str) -> None:
    box = note_box(page, label)
    box.wait_for(timeout=SLOW)
    box.fill(text)
    box.press("Control+Enter")  # a text area sends its value on Ctrl+Enter (or when it loses focus)


@pytest.mark.browser
@pytest.mark.server
def test_an_app_killed_while_saving_a_note_keeps_every_note_saved_before(
    library_copy: Path, tmp_path: Path, browser, shots: Path
) -> None:
    from playwright.sync_api import expect

    films = tmp_path / "films.csv"
    films.write_text(FILMS_CSV, encoding="utf-8")
    assert cli(library_copy, "films", "load", str(films)).returncode == 0
    log_path = tmp_path / "streamlit.log"
    proc, url = start_streamlit(library_copy, log_path, env=crash_env(MARKER))
    try:
        wait_healthy(proc, url, log_path)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(f"{url}/notebook")
        page.get_by_role("tab", name="Start a notebook").click(timeout=SLOW)
        page.get_by_label("Juror code").last.fill("crash-app")
        page.get_by_label("Secret", exact=True).last.fill(SECRET)
        page.get_by_label("Secret, again").fill(SECRET)
        page.get_by_role("button", name="Start my notebook").click()
        expect(page.get_by_text("Signed in as")).to_be_visible(timeout=SLOW)
        type_note(page, "Direction (30%)", FIRST)
        expect(page.get_by_text("Saved at")).to_be_visible(timeout=SLOW)
        settle(page)
        type_note(page, "Screenplay (20%)", f"{MARKER} the note being typed")
        poll(lambda: proc.poll() is not None, 300, "the app to be killed while saving the note")
        assert proc.returncode == -9, log_path.read_text(errors="replace")[-2000:]
        page.close()
    finally:
        stop_process(proc)

    sound(library_copy)
    assert notes_of(library_copy, "crash-app") == {"direction": FIRST}

    proc, url = start_streamlit(library_copy, log_path)  # the next start: the saved note is there
    try:
        wait_healthy(proc, url, log_path)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(f"{url}/notebook")
        page.get_by_label("Juror code").first.fill("crash-app")
        page.get_by_label("Secret", exact=True).first.fill(SECRET)
        page.get_by_role("button", name="Open my notebook").click()
        expect(note_box(page, "Direction (30%)")).to_have_value(FIRST, timeout=SLOW)
        expect(note_box(page, "Screenplay (20%)")).to_have_value("")
        page.close()
    finally:
        stop_process(proc)
