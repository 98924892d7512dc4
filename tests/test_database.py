"""The project's own SQLite files (assistant/database.py): made with their tables on first use, and a damaged one
reported with its name and what to do, the file left as it was, whichever store opens it."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import StoreError
from assistant.organiser.logbook import Logbook
from assistant.organiser.throttle import LoginThrottle, Policy


def test_a_damaged_organiser_log_is_reported_by_name_and_kept(tmp_path: Path) -> None:
    log = Logbook.in_folder(tmp_path)
    log.path.write_bytes(b"not a database at all")
    with pytest.raises(StoreError, match=r"organiser log file .*logbook\.sqlite3 cannot be read.*move it aside"):
        log.log_unanswered("Can I bring my dog?", "Can I bring my dog?", [])
    with pytest.raises(StoreError, match="organiser log file"):  # the sign-in throttle keeps its counts there too
        LoginThrottle(log.path, Policy()).attempt("127.0.0.1", lambda: True)
    assert log.path.read_bytes() == b"not a database at all"


def test_a_fresh_folder_gets_a_working_log_and_throttle(tmp_path: Path) -> None:
    log = Logbook.in_folder(tmp_path / "new")
    log.log_unanswered("Can I bring my dog?", "Can I bring my dog?", ["closest"])
    assert [row["question"] for row in log.unanswered()] == ["Can I bring my dog?"]
    assert LoginThrottle(log.path, Policy()).attempt("127.0.0.1", lambda: True).ok
