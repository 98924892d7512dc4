"""Real app processes in tests: `streamlit run app.py` on 127.0.0.1 and Debian's Chromium through Playwright.

Shared by the browser tests (juror and organiser flows, the library changing under a running app, the
organiser login, crashes); screenshots go to test-output/browser/.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from support.processes import free_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SLOW = 180_000  # ms: first answer includes loading the model on a shared 2-core machine
CLI = Path(sys.executable).with_name("juror-assistant")


def clean_env(**values: str) -> dict[str, str]:
    """The environment without the developer's JUROR_* settings, plus `values`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUROR_")}
    env.update(values)
    return env


def start_streamlit(
    data_dir: Path, log_path: Path, passphrase: str | None = None, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """The app as an organiser would start it (headless, loopback only); returns (process, base URL)."""
    port = free_port()
    run_env = clean_env(JUROR_DATA_DIR=str(data_dir), **(env or {}))
    if passphrase:
        run_env["JUROR_ORGANISER_PASSPHRASE"] = passphrase
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
    ]
    log = log_path.open("ab")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=run_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    log.close()
    return proc, f"http://127.0.0.1:{port}"


@contextmanager
def running_app(data_dir: Path, log_path: Path, passphrase: str | None = None) -> Iterator[str]:
    """The app started on `data_dir` and healthy; yields its base URL and stops it afterwards."""
    from support.processes import stop_process

    proc, url = start_streamlit(data_dir, log_path, passphrase)
    try:
        wait_healthy(proc, url, log_path)
        yield url
    finally:
        stop_process(proc)


def wait_healthy(proc: subprocess.Popen[bytes], url: str, log_path: Path, timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"streamlit exited early:\n{log_path.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"streamlit not healthy after {timeout_s}s:\n{log_path.read_text(errors='replace')[-3000:]}")


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """`juror-assistant ARGS` in its own process, as an organiser runs it in a terminal."""
    return subprocess.run(
        [str(CLI), *args], cwd=ROOT, env=clean_env(**(env or {})), capture_output=True, text=True, timeout=timeout
    )


def settle(page, pause_ms: int = 1000) -> None:
    """Wait until Streamlit has finished redrawing (no stale elements left), so screenshots show the final page."""
    page.wait_for_function("() => document.querySelectorAll('[data-stale=\"true\"]').length === 0", timeout=SLOW)
    page.wait_for_timeout(pause_ms)
    page.wait_for_function("() => document.querySelectorAll('[data-stale=\"true\"]').length === 0", timeout=SLOW)


def shoot(page, path: Path) -> None:
    settle(page)
    page.screenshot(path=str(path), full_page=True)


def ask(page, question: str) -> None:
    box = page.get_by_test_id("stChatInputTextArea")
    box.wait_for(timeout=SLOW)
    box.fill(question)
    box.press("Enter")


def open_citation(page, label: str):
    """Click the citation whose label holds `label` (e.g. "[1]" or a title) and return the opened expander."""
    expander = page.get_by_test_id("stExpander").filter(has_text=label).first
    expander.wait_for(timeout=SLOW)
    settle(page)
    expander.locator("summary").click()
    details = expander.get_by_test_id("stExpanderDetails")
    details.wait_for(timeout=10_000)
    return expander


# The n-th answer of the page is complete: drawn from session state with its sources or as a message.
_ANSWER_DONE_JS = """(n) => {
  if (document.querySelector('[data-stale="true"]')) return false;
  const msgs = [...document.querySelectorAll('[data-testid="stChatMessage"]')];
  const answers = msgs.filter((m, i) => i % 2 === 1);
  const a = answers[n];
  if (!a) return false;
  return !!a.querySelector('[data-testid="stExpander"], [data-testid="stAlertContainer"], [data-testid="stFeedback"]');
}"""


def ask_and_read(page, question: str, timeout_ms: int = SLOW) -> str:
    """Ask in the chat and return the whole text of the completed answer (its sources' labels included)."""
    done = page.get_by_test_id("stChatMessage").count() // 2
    ask(page, question)
    page.wait_for_function(_ANSWER_DONE_JS, arg=done, timeout=timeout_ms)
    answer = page.get_by_test_id("stChatMessage").nth(2 * done + 1)
    return str(answer.inner_text())


def poll(check: Callable[[], bool], timeout_s: float, what: str, every_s: float = 0.5) -> None:
    """Wait until `check()` holds; fail with `what` after a generous timeout (never a fixed sleep)."""
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s:.0f} s waiting for {what}")
        time.sleep(every_s)


def download_table_csv(page) -> list[dict[str, str]]:
    """The last table's rows as its "Download as CSV" toolbar button saves them. The button is clicked as an event
    on the button itself: on a slow machine the table's scroller can still lie over the toolbar, which makes a
    pointer click land on the table instead."""
    import csv
    import io

    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    button = page.get_by_role("button", name="Download as CSV").last
    button.wait_for(timeout=SLOW)
    # A click that lands while the app is still drawing the page (a rerun replaces the button and the file it
    # serves) starts no download; the organiser would click again, and so does the test.
    for attempt in range(4):
        try:
            with page.expect_download(timeout=20_000) as download:
                button.dispatch_event("click")
            break
        except PlaywrightTimeout:
            if attempt == 3:
                raise
    path = download.value.path()
    return list(csv.DictReader(io.StringIO(Path(str(path)).read_text(encoding="utf-8"))))
