"""The organiser login through the real app: AppTest (each AppTest is one browser session) and headless Chromium
(two browser contexts): wrong passphrase, throttling shared across sessions, success, and the organiser log."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support.apptest_helpers import open_app
from support.browsing import SLOW, download_table_csv, poll, shoot, start_streamlit, wait_healthy
from support.processes import stop_process

from assistant.organiser.logbook import Logbook
from assistant.organiser.passphrase import hash_passphrase

PASSPHRASE = "salt marsh organisers"
TIMEOUT = 240
FALCON_DOC = b"# Falconry Rules\n\n## Article 1\n\n1.1 A juror may bring one hooded falcon to press screenings.\n"


def pass_time(data_dir: Path, seconds: float) -> None:
    """Make every recorded failed log-in `seconds` older: the throttle's hour passes without waiting for it."""
    with sqlite3.connect(data_dir / "logbook.sqlite3") as conn:
        conn.execute("UPDATE login_failures SET at = at - ?", (seconds,))


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, library_copy: Path):
    """A new browser session (AppTest) on the same app settings and data folder each time it is called."""

    def make(**env: str) -> AppTest:
        at = open_app(monkeypatch, tmp_path, library_copy, timeout=TIMEOUT)
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        return at.run()

    return make


def log_in(at: AppTest, passphrase: str) -> AppTest:
    at.switch_page("app_pages/library.py").run()
    at.text_input(key="organiser_passphrase_input").input(passphrase)
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def logged_in(at: AppTest) -> bool:
    return bool(at.file_uploader)


def organiser_log(at: AppTest) -> list[dict[str, str]]:
    table = next(d.value for d in at.dataframe if "Action" in d.value.columns)
    return table.to_dict("records")  # type: ignore[no-any-return]


def test_wrong_passphrases_are_throttled_across_sessions_then_the_right_one_logs_in(app, library_copy: Path) -> None:
    throttled = {
        "JUROR_ORGANISER_PASSPHRASE_HASH": hash_passphrase(PASSPHRASE),
        "JUROR_LOGIN_FREE_ATTEMPTS": "2",
        "JUROR_LOGIN_DELAY_S": "600",
    }
    first = app(**throttled)
    for _ in range(2):
        log_in(first, "salt marsh organiser")
        assert [e.value for e in first.error] == ["Wrong passphrase."] and not logged_in(first)

    second = app(**throttled)  # another session: its own session state, the same server-side count
    log_in(second, PASSPHRASE)
    assert [e.value for e in second.error] == ["Too many failed log-ins from your address: try again in 10 min."]
    assert not logged_in(second), "refused even with the right passphrase while the wait lasts"

    pass_time(library_copy, 601)
    log_in(second, PASSPHRASE)
    assert logged_in(second) and not second.error
    assert not [w for w in second.warning if "deprecated" in w.value]
    rows = organiser_log(second)
    assert [r["Action"] for r in rows] == ["log-in", "failed log-in", "failed log-in"]
    assert all(r["Session"] == "web session test ses (this machine)" for r in rows)
    assert rows[1]["Details"] == "wrong passphrase, from this machine"


def test_loads_removals_and_log_out_are_in_the_organiser_log(app, library_copy: Path) -> None:
    at = log_in(app(JUROR_ORGANISER_PASSPHRASE=PASSPHRASE), PASSPHRASE)
    at.file_uploader[0].set_value([("falconry.md", FALCON_DOC, "text/markdown")])
    at.run()
    at.button(key="load_uploads").click().run()
    target = next(s for s in at.selectbox if s.key and s.key.startswith("remove_target"))
    target.select("glossary.md").run()
    next(c for c in at.checkbox if c.key and c.key.startswith("remove_confirm")).check().run()
    at.button(key="remove_button").click().run()
    assert not at.exception
    at.button(key="sidebar_logout").click().run()
    entries = Logbook.in_folder(library_copy).organiser_log()
    assert [e["action"] for e in entries] == ["log-out", "removal", "load", "log-in"]
    removal, load = entries[1], entries[2]
    assert removal["detail"].startswith("glossary.md (") and removal["detail"].endswith(" passages)")
    assert load["detail"].startswith("falconry.md added (") and load["session"].startswith("web session ")


def test_the_old_sha256_setting_still_logs_in_with_a_warning_naming_the_new_one(app) -> None:
    at = log_in(app(JUROR_ORGANISER_PASSPHRASE_SHA256=hashlib.sha256(PASSPHRASE.encode()).hexdigest()), PASSPHRASE)
    assert logged_in(at)
    warning = next(w.value for w in at.warning if "deprecated" in w.value)
    assert "JUROR_ORGANISER_PASSPHRASE_HASH" in warning and "juror-assistant hash-passphrase" in warning


def test_an_invalid_setting_stops_the_app_with_its_name_and_value(app) -> None:
    at = app(JUROR_EMBEDDING_BACKEND="gpu")
    assert not at.exception
    assert "JUROR_EMBEDDING_BACKEND (given: 'gpu')" in at.error[0].value, [e.value for e in at.error]


def test_a_malformed_hash_setting_explains_itself_and_logs_no_one_in(app) -> None:
    at = app(JUROR_ORGANISER_PASSPHRASE_HASH="e3b0c44298fc1c149afbf4c8996fb924")
    at.switch_page("app_pages/library.py").run()
    assert not at.exception and not at.text_input and not at.file_uploader
    message = at.error[0].value
    assert "JUROR_ORGANISER_PASSPHRASE_HASH is not a passphrase hash" in message
    assert "juror-assistant hash-passphrase" in message


@pytest.mark.browser
@pytest.mark.server
def test_login_in_the_browser_throttles_across_two_contexts_and_logs_each_step(
    library_copy: Path, tmp_path: Path, browser, shots: Path
) -> None:
    from playwright.sync_api import expect

    log_path = tmp_path / "streamlit.log"
    env = {
        "JUROR_ORGANISER_PASSPHRASE_HASH": hash_passphrase(PASSPHRASE),
        "JUROR_LOGIN_FREE_ATTEMPTS": "2",
        "JUROR_LOGIN_DELAY_S": "600",
    }
    proc, url = start_streamlit(library_copy, log_path, env=env)
    try:
        wait_healthy(proc, url, log_path)

        def try_passphrase(page, passphrase: str) -> None:
            box = page.get_by_label("Organiser passphrase")
            box.wait_for(timeout=SLOW)
            box.fill(passphrase)
            page.get_by_role("button", name="Log in").click()

        def failed_log_ins() -> int:
            return sum(e["action"] == "failed log-in" for e in Logbook.in_folder(library_copy).organiser_log())

        first = browser.new_context().new_page()
        first.goto(f"{url}/library")
        for n in (1, 2):
            try_passphrase(first, f"wrong guess {n}")
            poll(lambda n=n: failed_log_ins() == n, 120, f"failed log-in {n} to be counted")
            expect(first.get_by_text("Wrong passphrase.")).to_be_visible(timeout=SLOW)
        shoot(first, shots / "40-login-wrong.png")

        second = browser.new_context().new_page()  # no shared cookies or session with the first
        second.goto(f"{url}/library")
        try_passphrase(second, PASSPHRASE)
        expect(second.get_by_text("Too many failed log-ins from your address: try again in 10 min.")).to_be_visible(
            timeout=SLOW
        )
        expect(second.get_by_role("tab", name="Documents")).to_have_count(0)
        shoot(second, shots / "41-login-throttled.png")

        pass_time(library_copy, 601)
        try_passphrase(second, PASSPHRASE)
        expect(second.get_by_role("tab", name="Documents")).to_be_visible(timeout=SLOW)
        second.get_by_role("tab", name="Organiser log").click()
        second.get_by_role("button", name="Download as CSV").last.wait_for(timeout=SLOW)
        shoot(second, shots / "42-login-organiser-log.png")
        rows = download_table_csv(second)
        assert [r["Action"] for r in rows] == ["log-in", "failed log-in", "failed log-in"]
        login, failures = rows[0], rows[1:]
        assert login["Details"] == "from this machine"
        assert len({r["Session"] for r in failures}) == 1 and login["Session"] != failures[0]["Session"]
        assert all(r["Session"].startswith("web session ") and r["Time"].endswith(" UTC") for r in rows)
    finally:
        stop_process(proc)
