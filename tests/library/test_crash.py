"""Nothing lost when a writer dies: SIGKILL of a real app process in the middle of a Library-page upload, and
of a real `juror-assistant remove`; the library stays consistent (every document complete or absent) and the
next start repairs what was left and says so. The kill points come from tests/crashpoint/sitecustomize.py."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from support.browsing import (
    CLI,
    ROOT,
    SLOW,
    ask_and_read,
    clean_env,
    download_table_csv,
    poll,
    shoot,
    start_streamlit,
    wait_healthy,
)
from support.made_up_rules import BEEKEEPING, KITES
from support.processes import stop_process

from assistant.answers.assistant import Assistant
from assistant.config import Settings
from assistant.library.library import Library
from assistant.organiser.logbook import Logbook

CRASHPOINT = Path(__file__).resolve().parents[1] / "support" / "crashpoint"
PASSPHRASE = "tide tables organisers"


def settings_for(data_dir: Path) -> Settings:
    os.environ.pop("JUROR_CONFIG", None)
    return Settings(data_dir=data_dir)  # type: ignore[call-arg]


def crash_env(point: str) -> dict[str, str]:
    return {"PYTHONPATH": str(CRASHPOINT), "TEST_CRASH_AT": point}


def consistency(data_dir: Path) -> dict[str, int]:
    """Per document, the passages stored for its version; asserts each is complete with its original file."""
    library = Library(settings_for(data_dir))
    stored: dict[str, int] = {}
    for record in library.documents():
        got = library.store.chunks.get(where={"doc_version": record.doc_version}, include=[])
        stored[record.source] = len(got["ids"])
        assert stored[record.source] == record.chunks, f"{record.source} is incomplete"
        assert library.original_file(record) is not None, f"the copy of {record.source} is missing"
    return stored


def stray_passages(data_dir: Path) -> int:
    library = Library(settings_for(data_dir))
    return library.store.count() - sum(r.chunks for r in library.documents())


def log_in(page, url: str) -> None:
    from playwright.sync_api import expect

    page.goto(f"{url}/library")
    page.get_by_label("Organiser passphrase").fill(PASSPHRASE)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("tab", name="Documents")).to_be_visible(timeout=SLOW)


def organiser_log_csv(page) -> list[dict[str, str]]:
    """The Organiser log tab's table, as the organiser downloads it."""
    page.get_by_role("tab", name="Organiser log").click(timeout=SLOW)  # a loaded machine renders the tabs late
    return download_table_csv(page)


@pytest.mark.browser
@pytest.mark.server
def test_an_app_killed_in_the_middle_of_an_upload_loses_nothing_and_the_next_start_repairs(
    library_copy: Path, tmp_path: Path, browser, shots: Path
) -> None:
    from playwright.sync_api import expect

    before = consistency(library_copy)
    files = [BEEKEEPING.write(tmp_path / "upload"), KITES.write(tmp_path / "upload")]
    log_path = tmp_path / "streamlit.log"
    proc, url = start_streamlit(library_copy, log_path, PASSPHRASE, env=crash_env(f"set_document:{KITES.name}"))
    try:
        wait_healthy(proc, url, log_path)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        log_in(page, url)
        page.get_by_role("tab", name="Add or replace").click()
        page.locator("input[type=file]").set_input_files([str(f) for f in files])
        load = page.get_by_role("button", name="Load into the library")
        expect(load).to_be_enabled(timeout=60_000)
        load.click()
        poll(lambda: proc.poll() is not None, 600, "the app to be killed while writing the upload")
        assert proc.returncode == -9, log_path.read_text(errors="replace")[-2000:]
        page.close()
    finally:
        stop_process(proc)

    after = consistency(library_copy)  # each document complete or absent, before any repair
    assert KITES.name not in after, "the document being written when the app died is absent"
    assert {k: v for k, v in after.items() if k in before} == before, "the documents already loaded are intact"
    assert set(after) - set(before) <= {BEEKEEPING.name}
    assert stray_passages(library_copy) > 0  # the killed write left passages nobody points to
    kites_sha = next(p.name for p in (library_copy / "files").iterdir() if p.read_bytes() == KITES.text.encode())

    proc, url = start_streamlit(library_copy, log_path, PASSPHRASE)  # the next start
    try:
        wait_healthy(proc, url, log_path)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        log_in(page, url)
        repaired = page.get_by_text("When the app started it repaired the library")
        expect(repaired).to_be_visible(timeout=SLOW)
        expect(repaired).to_contain_text(f"leftover passages of {KITES.name}")
        expect(repaired).to_contain_text(f"deleted the stored copy of a file no document uses ({kites_sha})")
        shoot(page, shots / "30-crash-repaired-at-start.png")
        log = organiser_log_csv(page)
        assert [r["Action"] for r in log][:2] == ["log-in", "repair"], log  # newest first
        assert log[1]["Session"].startswith("app start-up") and KITES.name in log[1]["Details"]
        assert stray_passages(library_copy) == 0 and consistency(library_copy) == after
        assert not (library_copy / "files" / kites_sha).exists()

        juror = browser.new_page(viewport={"width": 1280, "height": 1000})
        juror.goto(url)
        answer = ask_and_read(juror, KITES.question)
        assert KITES.quote not in answer and "something went wrong" not in answer
        if BEEKEEPING.name in after:
            assert BEEKEEPING.quote in ask_and_read(juror, BEEKEEPING.question)
    finally:
        stop_process(proc)


def test_a_cli_killed_during_a_removal_loses_nothing_and_the_next_run_repairs_and_says_so(
    library_copy: Path, embeddings
) -> None:
    before = consistency(library_copy)
    killed = subprocess.run(
        [str(CLI), "remove", "glossary.md", "--data-dir", str(library_copy)],
        cwd=ROOT,
        env=clean_env(**crash_env("delete_version")),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert killed.returncode == -9, killed.stdout + killed.stderr

    after = consistency(library_copy)
    assert set(after) == set(before) - {"glossary.md"} and after == {k: before[k] for k in after}
    assert stray_passages(library_copy) == before["glossary.md"]
    assistant = Assistant.from_settings(settings_for(library_copy), embeddings)
    answer = assistant.ask("What does quorum mean?", log=False)
    assert "glossary.md" not in {p.chunk.source for p in answer.contexts}, "a removed document is never cited"

    again = subprocess.run(
        [str(CLI), "remove", "welcome-letter.txt", "--data-dir", str(library_copy)],
        cwd=ROOT,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert again.returncode == 0, again.stderr
    lines = again.stdout.splitlines()
    assert (
        f"repaired: removed {before['glossary.md']} leftover passages of glossary.md, left by an interrupted load or removal"
        in lines
    )
    assert any(line.startswith("repaired: deleted the stored copy of a file no document uses") for line in lines)
    assert lines[-1].startswith("removed: welcome-letter.txt")
    assert stray_passages(library_copy) == 0
    assert consistency(library_copy) == {k: v for k, v in after.items() if k != "welcome-letter.txt"}
    log = Logbook.in_folder(library_copy).organiser_log()
    assert [e["action"] for e in log[:2]] == ["removal", "repair"]
    assert log[1]["session"].startswith("command line (") and "glossary.md" in log[1]["detail"]
