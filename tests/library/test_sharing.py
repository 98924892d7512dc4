"""One embedded library used by several processes: a process that answers keeps answering, without errors,
from the library another process (the real `juror-assistant` CLI) changes; the lock that makes it safe."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from support.browsing import CLI, ROOT, clean_env
from support.made_up_rules import BEEKEEPING, filler_documents

from assistant.answers.assistant import Assistant
from assistant.config import Settings
from assistant.library.sharing import LibraryLock


def settings_for(data_dir: Path) -> Settings:
    os.environ.pop("JUROR_CONFIG", None)
    return Settings(data_dir=data_dir)  # type: ignore[call-arg]


def ask_while(proc: subprocess.Popen[str], assistant: Assistant, questions: list[str]) -> tuple[int, list[str]]:
    """Ask in a loop until the process ends; (questions answered, errors raised)."""
    answered, errors = 0, []
    while True:
        for question in questions:
            try:
                assistant.ask(question, log=False)
                answered += 1
            except Exception as exc:
                errors.append(f"{type(exc).__name__}: {exc}")
        if proc.poll() is not None:
            return answered, errors


def cites(assistant: Assistant, question: str, source: str) -> bool:
    answer = assistant.ask(question, log=False)
    return not answer.abstained and source in {c.source for c in answer.citations}


def test_an_answering_process_follows_loads_and_removals_by_the_cli_without_errors(library_copy: Path, tmp_path: Path):
    """The reported bug: after `juror-assistant ingest` into the folder of a running app, every question failed
    with Chroma's "Error finding id" and the app kept the old document count."""
    assistant = Assistant.from_settings(settings_for(library_copy))
    before = len(assistant.library.documents())
    old_question = "What is the gift limit?"
    assert not assistant.ask(old_question, log=False).abstained  # the index is open and cached here
    assert not cites(assistant, BEEKEEPING.question, BEEKEEPING.name)

    folder = tmp_path / "new-rules"
    BEEKEEPING.write(folder)
    filler_documents(folder, 4)  # several commits, so that questions fall between them
    env = clean_env()
    loading = subprocess.Popen(
        [str(CLI), "ingest", str(folder), "--data-dir", str(library_copy), "--no-check", "--quiet"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    answered, errors = ask_while(loading, assistant, [old_question, BEEKEEPING.question])
    output = loading.stdout.read() if loading.stdout else ""
    assert loading.returncode == 0, output
    assert "Summary: 5 added" in output
    assert errors == [], errors[:3]
    assert answered > 0
    assert len(assistant.library.documents()) == before + 5
    answer = assistant.ask(BEEKEEPING.question, log=False)
    assert BEEKEEPING.name in {c.source for c in answer.citations}
    assert BEEKEEPING.quote in answer.answer

    removing = subprocess.Popen(
        [str(CLI), "remove", BEEKEEPING.name, "--data-dir", str(library_copy)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    answered, errors = ask_while(removing, assistant, [BEEKEEPING.question, old_question])
    output = removing.stdout.read() if removing.stdout else ""
    assert removing.returncode == 0, output
    assert errors == [], errors[:3]
    assert not cites(assistant, BEEKEEPING.question, BEEKEEPING.name)
    assert len(assistant.library.documents()) == before + 4
    assert all(c.source != BEEKEEPING.name for c in assistant.library.store.all_chunks())


HOLD_COMMIT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from assistant.library.sharing import LibraryLock

    with LibraryLock(Path(sys.argv[1])).exclusive() as (before, now):
        print(now, flush=True)
        sys.stdin.readline()  # the test says when the commit ends
    """
)

DIE_IN_COMMIT = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from assistant.library.sharing import LibraryLock

    with LibraryLock(Path(sys.argv[1])).exclusive():
        os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_a_read_waits_for_another_processes_commit_and_then_sees_its_generation(tmp_path: Path):
    lock = LibraryLock(tmp_path)
    first = lock.generation()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_COMMIT, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert holder.stdout is not None and holder.stdin is not None
        committed = holder.stdout.readline().strip()
        seen: list[str] = []
        reader = threading.Thread(target=lambda: seen.append(lock.generation()), daemon=True)
        reader.start()
        reader.join(timeout=1.0)
        assert reader.is_alive() and not seen, "a read must not pass while another process commits"
        holder.stdin.write("done\n")
        holder.stdin.flush()
        reader.join(timeout=120)
        assert seen == [committed] and committed != first
    finally:
        holder.kill()
        holder.wait()


def test_a_process_killed_in_a_commit_frees_the_lock_and_readers_know_the_library_changed(tmp_path: Path):
    lock = LibraryLock(tmp_path)
    before = lock.generation()
    killed = subprocess.run([sys.executable, "-c", DIE_IN_COMMIT, str(tmp_path)], cwd=ROOT, timeout=120)
    assert killed.returncode == -9
    after = lock.generation()  # does not wait: the kernel released the dead process's lock
    assert after != before


def test_a_commit_cannot_start_inside_a_read_of_the_same_thread(tmp_path: Path):
    """It would wait for itself forever; it fails at once instead."""
    lock = LibraryLock(tmp_path)
    with lock.shared(), pytest.raises(RuntimeError, match="inside a read"), lock.exclusive():
        pass
    with lock.exclusive(), lock.shared(), lock.exclusive():  # reads and nested commits inside a commit are fine
        pass


def test_the_client_is_reopened_after_another_processes_commit_and_the_old_one_freed(
    library_copy: Path, tmp_path: Path
):
    from assistant.library import connection

    assistant = Assistant.from_settings(settings_for(library_copy))
    store = assistant.library.store
    count = store.count()
    old = connection._EMBEDDED[str(library_copy / "chroma")]
    result = subprocess.run(
        [str(CLI), "ingest", str(BEEKEEPING.write(tmp_path / "src")), "--data-dir", str(library_copy), "--no-check"],
        cwd=ROOT,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert store.count() > count  # the new chunks are visible here
    new = connection._EMBEDDED[str(library_copy / "chroma")]
    assert new is not old and old.retired and old.system is None  # the stale client's memory is given back


def test_a_read_that_fails_on_a_stale_client_is_retried_on_a_fresh_one(library_copy: Path, monkeypatch):
    """Unit test of the retry: the first Chroma call fails as a stale index does."""
    from chromadb.errors import InternalError

    from assistant.library import connection

    assistant = Assistant.from_settings(settings_for(library_copy))
    store = assistant.library.store
    expected = store.count()
    real_handle = connection.Connector.handle
    failures = iter([True])

    def handle(self, conn, name, metadata):
        if next(failures, False):
            raise InternalError("Error executing plan: Internal error: Error finding id")
        return real_handle(self, conn, name, metadata)

    monkeypatch.setattr(connection.Connector, "handle", handle)
    before = connection._EMBEDDED[str(library_copy / "chroma")]
    assert store.count() == expected
    assert connection._EMBEDDED[str(library_copy / "chroma")] is not before
