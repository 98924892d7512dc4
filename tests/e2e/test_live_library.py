"""The library changes while jurors ask: real app processes answering in headless Chromium while the real
`juror-assistant` CLI, in its own process, loads and then removes documents. Embedded (one data folder) and
on a `chroma run` server shared by two app processes. No question may fail; the first question after a load
quotes the new rule, the first after its removal no longer does. Screenshots go to test-output/browser/.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.browsing import CLI, ROOT, ask_and_read, clean_env, poll, shoot, start_streamlit, wait_healthy
from support.made_up_rules import BEEKEEPING, filler_documents
from support.processes import start_chroma, stop_process

pytestmark = [pytest.mark.browser, pytest.mark.server]

OLD_QUESTION = "What is the gift limit?"
FAILED = ("something went wrong", "could not be read", "Traceback")


class App:
    """One `streamlit run app.py` process and a juror's browser page on it."""

    def __init__(self, browser, data_dir: Path, log_path: Path, env: dict[str, str] | None = None) -> None:
        self.log_path = log_path
        self.proc, self.url = start_streamlit(data_dir, log_path, env=env)
        wait_healthy(self.proc, self.url, log_path)
        self.page = browser.new_page(viewport={"width": 1280, "height": 1000})
        self.page.goto(self.url)
        self.answers: list[str] = []

    def ask(self, question: str) -> str:
        text = ask_and_read(self.page, question)
        self.answers.append(text)
        return text

    def new_conversation(self) -> None:
        self.page.get_by_role("button", name="New conversation").click()
        self.page.get_by_test_id("stChatMessage").first.wait_for(state="detached", timeout=60_000)

    def sidebar(self) -> str:
        return str(self.page.get_by_test_id("stSidebar").inner_text())

    def failures(self) -> list[str]:
        shown = [a for a in self.answers if any(f in a for f in FAILED)]
        errors = self.page.locator('[data-testid="stAlertContentError"]').all_inner_texts()
        return shown + errors

    def server_errors(self) -> list[str]:
        log = self.log_path.read_text(errors="replace")
        return [line for line in log.splitlines() if "Traceback" in line or "answering failed" in line]

    def stop(self) -> None:
        self.page.close()
        stop_process(self.proc)


def cli(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(CLI), *args], cwd=ROOT, env=clean_env(**env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def ask_until_done(proc: subprocess.Popen[str], apps: list[App], questions: list[str]) -> str:
    """Jurors keep asking (each app in turn) while the CLI runs; returns the CLI's output once it exited 0."""
    asked = 0
    while proc.poll() is None or asked == 0:
        for app in apps:
            app.ask(questions[asked % len(questions)])
        asked += 1
    output = proc.stdout.read() if proc.stdout else ""
    assert proc.returncode == 0, output
    return output


def documents_in_sidebar(app: App) -> str:
    return next((line for line in app.sidebar().splitlines() if line.startswith("Library:")), app.sidebar())


def change_library_under(apps: list[App], folder: Path, env: dict[str, str], shots: Path, tag: str) -> None:
    """The scenario: ask, load with the CLI while asking, check the new rule; remove while asking, check it gone."""
    for app in apps:
        assert "[1]" in app.ask(OLD_QUESTION)
    before = [documents_in_sidebar(app) for app in apps]

    output = ask_until_done(
        cli("ingest", str(folder), "--no-check", "--quiet", *env_args(env), env=env),
        apps,
        [BEEKEEPING.question, OLD_QUESTION],
    )
    assert "Summary: 5 added" in output
    for app in apps:  # the first question after the load already quotes the new rule
        app.new_conversation()
        answer = app.ask(BEEKEEPING.question)
        assert BEEKEEPING.quote in answer and "Rooftop Beekeeping Rules" in answer, answer
        assert documents_in_sidebar(app) != before[apps.index(app)]
    shoot(apps[0].page, shots / f"20-{tag}-new-rule-quoted.png")

    ask_until_done(cli("remove", BEEKEEPING.name, *env_args(env), env=env), apps, [BEEKEEPING.question, OLD_QUESTION])
    for app in apps:  # and the first one after the removal no longer does
        app.new_conversation()
        answer = app.ask(BEEKEEPING.question)
        assert BEEKEEPING.quote not in answer and "Rooftop Beekeeping Rules" not in answer, answer
        assert "[1]" in app.ask(OLD_QUESTION)
    shoot(apps[0].page, shots / f"21-{tag}-rule-gone.png")

    for app in apps:
        assert app.failures() == [], app.failures()[:3]
        assert app.server_errors() == [], app.log_path.read_text(errors="replace")[-3000:]
        assert len(app.answers) >= 6


def env_args(env: dict[str, str]) -> list[str]:
    """`--data-dir` when the CLI works on a folder (on a server it is told by JUROR_CHROMA_HOST)."""
    return ["--data-dir", env["JUROR_DATA_DIR"]] if "JUROR_CHROMA_HOST" not in env else []


def new_rules(folder: Path) -> Path:
    BEEKEEPING.write(folder)
    filler_documents(folder, 4)  # several commits: questions fall between them
    return folder


def test_jurors_in_the_browser_follow_cli_loads_and_removals_in_the_same_folder(
    library_copy: Path, tmp_path: Path, browser, shots: Path
) -> None:
    app = App(browser, library_copy, tmp_path / "streamlit.log")
    try:
        change_library_under(
            [app], new_rules(tmp_path / "src"), {"JUROR_DATA_DIR": str(library_copy)}, shots, "embedded"
        )
        assert "Library: 13 documents" in app.sidebar()  # the 9 sample documents and the 4 fillers
    finally:
        app.stop()


@pytest.fixture
def chroma_port(tmp_path: Path) -> Iterator[int]:
    proc, port = start_chroma(tmp_path / "chroma-server", tmp_path / "chroma.log")
    try:
        yield port
    finally:
        stop_process(proc, timeout=20)


def test_two_app_processes_on_a_chroma_server_follow_cli_loads_and_removals(
    chroma_port: int, tmp_path: Path, browser, shots: Path, corpus_dir: Path
) -> None:
    server = {"JUROR_CHROMA_HOST": "127.0.0.1", "JUROR_CHROMA_PORT": str(chroma_port)}
    first = subprocess.run(
        [str(CLI), "ingest", str(corpus_dir / "amendment-01.md"), str(corpus_dir / "welcome-letter.txt"), "--no-check"],
        cwd=ROOT,
        env=clean_env(JUROR_DATA_DIR=str(tmp_path / "organiser"), **server),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert first.returncode == 0, first.stderr
    apps = [App(browser, tmp_path / f"app-{n}", tmp_path / f"streamlit-{n}.log", env=server) for n in ("a", "b")]
    try:
        poll(lambda: all("Library: 2 documents" in app.sidebar() for app in apps), 120, "both apps to show the library")
        change_library_under(
            apps,
            new_rules(tmp_path / "src"),
            {"JUROR_DATA_DIR": str(tmp_path / "organiser"), **server},
            shots,
            "server",
        )
        assert all("Library: 6 documents" in app.sidebar() for app in apps)
        assert not (tmp_path / "app-a" / "chroma").exists(), "the apps used the server, not a local store"
    finally:
        for app in apps:
            app.stop()
