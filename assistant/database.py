"""The project's own SQLite files in the data folder (notebook, study progress, organiser logs, login throttle): one
way to open them, so that each is made with its tables on first use and a damaged one is a `StoreError` naming it,
never a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from assistant.errors import StoreError


def open_database(
    path: Path, schema: str, what: str, *, timeout: float = 10, autocommit: bool = False
) -> sqlite3.Connection:
    """A connection to `path` (rows readable by name), its `schema` applied. `what` names the file in the message
    ("the notebook file"); `autocommit` leaves transactions to the caller (BEGIN IMMEDIATE ... COMMIT)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=timeout, isolation_level=None if autocommit else "DEFERRED")
    conn.row_factory = sqlite3.Row
    try:
        conn.executescript(schema)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{what} {path} cannot be read ({exc}); move it aside to start afresh") from exc
    return conn
