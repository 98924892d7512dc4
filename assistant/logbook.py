"""Organiser-facing logs in SQLite in the data folder: unanswered questions and juror feedback."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.store import now_iso

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
"""


@dataclass
class Logbook:
    path: Path

    @classmethod
    def in_folder(cls, data_dir: Path) -> Logbook:
        return cls(Path(data_dir) / "logbook.sqlite3")

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10)
        conn.row_factory = sqlite3.Row
        conn.executescript(_SCHEMA)
        return conn

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
