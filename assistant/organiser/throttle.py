"""Server-side slowdown of organiser log-in guessing, shared by every browser session and app process.

Failed log-ins are kept for an hour in the data folder's SQLite logbook. Per client address, the first
`login_free_attempts` failures cost nothing (typos happen); after that each try waits `login_delay_s`, doubled
with every further failure (capped at 15 minutes). Over all addresses together, `login_max_failures` failures
within the hour pause log-in for everyone until the oldest of them is an hour old: a guesser who changes
address still gets no more than that many guesses an hour. A successful log-in clears its address's failures.
An attempt counts as a failure from the moment it is let through until the passphrase proves right, so two
tries sent at once cannot both slip past the limit.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from assistant.config import Settings
from assistant.database import open_database

WINDOW_S = 3600.0
MAX_DELAY_S = 900.0
_SCHEMA = """
CREATE TABLE IF NOT EXISTS login_failures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at REAL NOT NULL,
    client TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failures_client ON login_failures (client, at);
"""


@dataclass(frozen=True)
class Policy:
    free_attempts: int = 5
    delay_s: float = 2.0
    max_failures: int = 50
    window_s: float = WINDOW_S
    max_delay_s: float = MAX_DELAY_S

    @classmethod
    def from_settings(cls, settings: Settings) -> Policy:
        return cls(settings.login_free_attempts, settings.login_delay_s, settings.login_max_failures)

    def client_wait(self, mine: list[float], now: float) -> float:
        """Seconds this address must still wait after its failures (0: it may try now)."""
        if len(mine) < self.free_attempts:
            return 0.0
        extra = min(len(mine) - self.free_attempts, 40)
        return max(0.0, max(mine) + min(self.max_delay_s, self.delay_s * 2**extra) - now)

    def global_wait(self, everyone: list[float], now: float) -> float:
        """Seconds until enough failures (of all addresses) are an hour old to fall under the ceiling."""
        if len(everyone) < self.max_failures:
            return 0.0
        ordered = sorted(everyone)
        return max(0.0, ordered[len(ordered) - self.max_failures] + self.window_s - now)


@dataclass(frozen=True)
class Attempt:
    ok: bool
    wait_s: float = 0.0  # > 0: refused without looking at the passphrase; may try again after this long
    paused_for_everyone: bool = False  # the global ceiling, not this address, is why


class LoginThrottle:
    def __init__(self, path: Path, policy: Policy) -> None:
        self.path = path
        self.policy = policy

    @classmethod
    def for_settings(cls, settings: Settings) -> LoginThrottle:
        return cls(Path(settings.data_dir) / "logbook.sqlite3", Policy.from_settings(settings))

    def _connect(self) -> sqlite3.Connection:
        return open_database(self.path, _SCHEMA, "the organiser log file", autocommit=True)

    def attempt(self, client: str, verify: Callable[[], bool]) -> Attempt:
        """Let the try through (and run `verify`) unless this address or everyone must wait."""
        with closing(self._connect()) as conn:
            conn.execute("BEGIN IMMEDIATE")  # one check-and-count at a time across sessions and processes
            try:
                now = time.time()
                conn.execute("DELETE FROM login_failures WHERE at < ?", (now - self.policy.window_s,))
                everyone = [float(r[0]) for r in conn.execute("SELECT at FROM login_failures")]
                mine = [float(r[0]) for r in conn.execute("SELECT at FROM login_failures WHERE client = ?", (client,))]
                paused = self.policy.global_wait(everyone, now)
                wait = max(paused, self.policy.client_wait(mine, now))
                if wait > 0:
                    conn.execute("COMMIT")
                    return Attempt(False, wait, paused_for_everyone=paused >= wait)
                conn.execute("INSERT INTO login_failures (at, client) VALUES (?, ?)", (now, client))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        if not verify():
            return Attempt(False)
        with closing(self._connect()) as conn:
            conn.execute("DELETE FROM login_failures WHERE client = ?", (client,))
        return Attempt(True)

    def failures(self, client: str | None = None) -> int:
        """Failures within the hour (of one address, or all)."""
        with closing(self._connect()) as conn:
            since = time.time() - self.policy.window_s
            if client is None:
                row = conn.execute("SELECT COUNT(*) FROM login_failures WHERE at >= ?", (since,)).fetchone()
            else:
                row = conn.execute(
                    "SELECT COUNT(*) FROM login_failures WHERE at >= ? AND client = ?", (since, client)
                ).fetchone()
        return int(row[0])


def wait_text(seconds: float) -> str:
    """'12 s', '3 min', '1 h' for a message."""
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    if seconds < 5400:
        return f"{round(seconds / 60)} min"
    return f"{round(seconds / 3600)} h"
