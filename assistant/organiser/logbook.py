"""Organiser-facing logs in SQLite in the data folder: unanswered questions, juror feedback, and the organiser
log (who logged in, loaded or removed what, from which session: the app's sessions and the command line)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.database import open_database
from assistant.text import now_iso, passages

_SCHEMA = """
CREATE TABLE IF NOT EXISTS unanswered (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    asked_at TEXT NOT NULL,
    question TEXT NOT NULL,
    standalone TEXT NOT NULL,
    closest TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    given_at TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    score INTEGER NOT NULL,
    comment TEXT NOT NULL,
    citations TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS organiser_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    session TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
);
"""


@dataclass
class Logbook:
    path: Path

    @classmethod
    def in_folder(cls, data_dir: Path) -> Logbook:
        return cls(Path(data_dir) / "logbook.sqlite3")

    def _connect(self) -> sqlite3.Connection:
        return open_database(self.path, _SCHEMA, "the organiser log file")

    def log_unanswered(self, question: str, standalone: str, closest: list[str]) -> None:
        with closing(self._connect()) as conn, conn:
            conn.execute(
                "INSERT INTO unanswered (asked_at, question, standalone, closest) VALUES (?, ?, ?, ?)",
                (now_iso(), question, standalone, json.dumps(closest)),
            )

    def unanswered(self) -> list[dict[str, Any]]:
        with closing(self._connect()) as conn:
            rows = conn.execute("SELECT * FROM unanswered ORDER BY id DESC").fetchall()
        return [dict(r) | {"closest": json.loads(r["closest"])} for r in rows]

    def add_feedback(
        self, question: str, answer: str, score: int, comment: str = "", citations: list[dict[str, Any]] | None = None
    ) -> int:
        """score: 1 = thumbs up, 0 = thumbs down."""
        with closing(self._connect()) as conn, conn:
            cur = conn.execute(
                "INSERT INTO feedback (given_at, question, answer, score, comment, citations) VALUES (?, ?, ?, ?, ?, ?)",
                (now_iso(), question, answer, int(score), comment or "", json.dumps(citations or [])),
            )
            return int(cur.lastrowid or 0)

    def feedback(self) -> list[dict[str, Any]]:
        with closing(self._connect()) as conn:
            rows = conn.execute("SELECT * FROM feedback ORDER BY id DESC").fetchall()
        return [dict(r) | {"citations": json.loads(r["citations"])} for r in rows]

    def log_organiser(self, action: str, detail: str, session: str) -> None:
        """One line of the organiser log: `action` such as "log-in", "load", "removal"; `session` says from where."""
        with closing(self._connect()) as conn, conn:
            conn.execute(
                "INSERT INTO organiser_log (at, session, action, detail) VALUES (?, ?, ?, ?)",
                (now_iso(), session, action, detail),
            )

    def organiser_log(self) -> list[dict[str, Any]]:
        """Newest first."""
        with closing(self._connect()) as conn:
            rows = conn.execute("SELECT * FROM organiser_log ORDER BY id DESC").fetchall()
        return [dict(r) for r in rows]


def command_line_session() -> str:
    """How the organiser log names a `juror-assistant` run: user, machine and process."""
    import getpass
    import os
    import socket

    try:
        user = getpass.getuser()
    except Exception:  # no user name in a bare container
        user = "unknown user"
    return f"command line ({user}@{socket.gethostname()}, pid {os.getpid()})"


def load_summary(results: Iterable[Any]) -> str:
    """One line for the organiser log from a load's `FileResult`s: 'rules.md added (12 passages); x.pdf failed: ...'."""
    parts = []
    for r in results:
        if r.status == "failed":
            parts.append(f"{r.source} failed: {r.message}")
        else:
            parts.append(f"{r.source} {r.status} ({passages(r.chunks)})")
    return "; ".join(parts) or "no files"
