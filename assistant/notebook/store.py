"""The notebook's SQLite file, `notebook.sqlite3` in the library folder beside the quiz progress.

- `FilmStore`: each festival's film list (replaced whole, in one transaction) and the organiser's corrections to the
  criteria (a journal: the latest row is in force).
- `NoteStore`: jurors' notes as a journal, one row per change ("seen", "note:direction", "conflict", ...), never
  updated in place: the latest row of a field is its value, the rows before it its history. Two browser tabs that
  write different fields both keep what they wrote; a process killed while writing loses at most the row it was
  writing (each row is one committed transaction).
- `Jurors`: a juror's code and the salted scrypt hash of their secret (`assistant.organiser.passphrase`); a wrong
  secret is slowed down like the organiser log-in (`assistant.organiser.throttle`, counted in this file per juror
  code, so changing address does not help a guesser).

Nothing here reads another juror's rows, and there is no organiser view of notes.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.database import open_database
from assistant.errors import JurorCodeError, NotebookError
from assistant.notebook.films import Film, Screening
from assistant.organiser.passphrase import StoredHash, hash_passphrase, too_weak
from assistant.organiser.throttle import LoginThrottle, Policy
from assistant.study.progress import juror_key
from assistant.text import now_iso

FILE = "notebook.sqlite3"
MAX_VALUE_CHARS = 20_000
_SCHEMA = """
CREATE TABLE IF NOT EXISTS jurors (
    juror TEXT PRIMARY KEY,
    secret TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    juror TEXT NOT NULL,
    festival TEXT NOT NULL,
    film TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS notes_juror ON notes (juror, festival, film, field, id);
CREATE TABLE IF NOT EXISTS films (
    festival TEXT NOT NULL,
    position INTEGER NOT NULL,
    key TEXT NOT NULL,
    title TEXT NOT NULL,
    director TEXT NOT NULL,
    section TEXT NOT NULL,
    minutes INTEGER,
    screenings TEXT NOT NULL,
    PRIMARY KEY (festival, key)
);
CREATE TABLE IF NOT EXISTS film_lists (
    festival TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    loaded_at TEXT NOT NULL,
    films INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    festival TEXT NOT NULL,
    value TEXT NOT NULL,
    at TEXT NOT NULL
);
"""
# A well-formed hash nobody's secret matches, checked when a code is unknown so that a wrong code takes as long
# as a wrong secret (the answer never tells a guesser which codes exist).
_NOBODY = hash_passphrase("no juror has this secret", n=2**14)


class Database:
    """One connection per operation (safe across Streamlit's threads and across processes); the schema is made on
    first use; a damaged file is a StoreError naming it."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def in_folder(cls, data_dir: Path) -> Database:
        return cls(Path(data_dir) / FILE)

    def exists(self) -> bool:
        """Reads of a folder that never had a notebook find nothing and make no file."""
        return self.path.is_file()

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        conn = open_database(self.path, _SCHEMA, "the notebook file", timeout=15, autocommit=True)
        with closing(conn):
            yield conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT: all or nothing, one writer at a time."""
        with self.connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                self._commit(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def _commit(self, conn: sqlite3.Connection) -> None:
        conn.execute("COMMIT")


# ---------------------------------------------------------------- films and corrections (organisers)
class FilmStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def replace(self, festival: str, films: Iterable[Film], source: str) -> int:
        """The festival's list becomes these films, in one transaction (jurors see the old list or the new one)."""
        rows = list(films)
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM films WHERE festival = ?", (festival,))
            conn.executemany(
                "INSERT INTO films (festival, position, key, title, director, section, minutes, screenings) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        festival,
                        n,
                        f.key,
                        f.title,
                        f.director,
                        f.section,
                        f.minutes,
                        json.dumps([[s.when, s.place, s.parsed] for s in f.screenings]),
                    )
                    for n, f in enumerate(rows)
                ],
            )
            conn.execute(
                "INSERT INTO film_lists (festival, source, loaded_at, films) VALUES (?, ?, ?, ?) ON CONFLICT (festival) "
                "DO UPDATE SET source = excluded.source, loaded_at = excluded.loaded_at, films = excluded.films",
                (festival, source, now_iso(), len(rows)),
            )
        return len(rows)

    def films(self, festival: str) -> list[Film]:
        if not self.db.exists():
            return []
        with self.db.connect() as conn:
            rows = conn.execute("SELECT * FROM films WHERE festival = ? ORDER BY position", (festival,)).fetchall()
        return [
            Film(
                r["title"],
                r["director"],
                r["section"],
                r["minutes"],
                tuple(Screening(str(w), str(p), bool(ok)) for w, p, ok in json.loads(r["screenings"])),
            )
            for r in rows
        ]

    def lists(self) -> list[dict[str, Any]]:
        """Every festival's list: its festival key, file, when it was loaded and how many films it holds."""
        if not self.db.exists():
            return []
        with self.db.connect() as conn:
            return [dict(r) for r in conn.execute("SELECT * FROM film_lists ORDER BY festival")]

    def clear(self, festival: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM films WHERE festival = ?", (festival,))
            conn.execute("DELETE FROM film_lists WHERE festival = ?", (festival,))

    # ------------------------------------------------------------ organiser corrections to the criteria
    def corrections(self, festival: str) -> dict[str, Any]:
        """{"criteria": [{"group", "name"}], "awards": [names], "scale": {"low", "high"} or None}: only what was
        corrected (the latest saved correction; {} after a reset)."""
        if not self.db.exists():
            return {}
        with self.db.connect() as conn:
            row = conn.execute(
                "SELECT value FROM corrections WHERE festival = ? ORDER BY id DESC LIMIT 1", (festival,)
            ).fetchone()
        value: dict[str, Any] = json.loads(row["value"]) if row else {}
        return value

    def correct(self, festival: str, corrections: dict[str, Any]) -> None:
        known = {"criteria", "awards", "scale"}
        if set(corrections) - known:
            raise NotebookError(f"unknown corrections {sorted(set(corrections) - known)}; use {sorted(known)}")
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO corrections (festival, value, at) VALUES (?, ?, ?)",
                (festival, json.dumps(corrections, ensure_ascii=False), now_iso()),
            )


# ---------------------------------------------------------------- jurors
@dataclass(frozen=True)
class SignIn:
    ok: bool
    juror: str = ""
    wait_s: float = 0.0  # > 0: refused without checking the secret; try again after this long
    paused_for_everyone: bool = False


class Jurors:
    def __init__(self, db: Database, policy: Policy) -> None:
        self.db = db
        self.throttle = LoginThrottle(db.path, policy)

    @classmethod
    def for_settings(cls, settings: Settings) -> Jurors:
        return cls(Database.in_folder(settings.data_dir), Policy.from_settings(settings))

    @staticmethod
    def key(code: str) -> str:
        try:
            return juror_key(code)
        except JurorCodeError as exc:
            raise NotebookError(str(exc)) from None

    def exists(self, code: str) -> bool:
        juror = self.key(code)
        with self.db.connect() as conn:
            return conn.execute("SELECT 1 FROM jurors WHERE juror = ?", (juror,)).fetchone() is not None

    def create(self, code: str, secret: str) -> str:
        """A new notebook for this code, protected by this secret (only its salted hash is kept)."""
        juror = self.key(code)
        weak = too_weak(secret)
        if weak:
            raise NotebookError(weak.replace("passphrase", "secret"))
        stored = hash_passphrase(secret)
        with self.db.transaction() as conn:
            if conn.execute("SELECT 1 FROM jurors WHERE juror = ?", (juror,)).fetchone():
                raise NotebookError(
                    f"there is already a notebook for {juror!r}: open it with its secret, or choose another code"
                )
            conn.execute("INSERT INTO jurors (juror, secret, created_at) VALUES (?, ?, ?)", (juror, stored, now_iso()))
        return juror

    def sign_in(self, code: str, secret: str) -> SignIn:
        """Check a juror's secret, slowed down after repeated failures for this code (and for everyone after many)."""
        juror = self.key(code)
        with self.db.connect() as conn:
            row = conn.execute("SELECT secret FROM jurors WHERE juror = ?", (juror,)).fetchone()
        stored = StoredHash.parse(row["secret"] if row else _NOBODY, "the juror's stored secret")

        def verify() -> bool:
            matched = stored.matches(secret or "")
            return matched and row is not None

        attempt = self.throttle.attempt(f"juror {juror}", verify)
        return SignIn(attempt.ok, juror if attempt.ok else "", attempt.wait_s, attempt.paused_for_everyone)

    def delete(self, juror: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM jurors WHERE juror = ?", (juror,))


# ---------------------------------------------------------------- notes
@dataclass(frozen=True)
class Change:
    film: str  # the film's key ("" for the juror's own settings in this festival)
    field: str
    value: str


class NoteStore:
    """One juror's notes, read and written only with that juror's key (from a successful sign-in)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def write(self, juror: str, festival: str, changes: Iterable[Change]) -> int:
        """Append one row per change, in one transaction; returns the number of rows written."""
        rows = [c for c in changes]
        for c in rows:
            if len(c.value) > MAX_VALUE_CHARS:
                raise NotebookError(
                    f"the {c.field.split(':')[0]} for {c.film or 'the notebook'} has {len(c.value)} characters; "
                    f"keep one note under {MAX_VALUE_CHARS} (split it across criteria)"
                )
        if not rows:
            return 0
        at = now_iso()
        with self.db.transaction() as conn:
            conn.executemany(
                "INSERT INTO notes (juror, festival, film, field, value, at) VALUES (?, ?, ?, ?, ?, ?)",
                [(juror, festival, c.film, c.field, c.value, at) for c in rows],
            )
        return len(rows)

    def latest(self, juror: str, festival: str) -> dict[str, dict[str, tuple[str, str]]]:
        """{film: {field: (value, at)}}: the latest row of each field."""
        if not self.db.exists():
            return {}
        with self.db.connect() as conn:
            rows = conn.execute(
                "SELECT n.film, n.field, n.value, n.at FROM notes n JOIN (SELECT MAX(id) AS id FROM notes "
                "WHERE juror = ? AND festival = ? GROUP BY film, field) last ON n.id = last.id",
                (juror, festival),
            ).fetchall()
        out: dict[str, dict[str, tuple[str, str]]] = {}
        for r in rows:
            out.setdefault(r["film"], {})[r["field"]] = (r["value"], r["at"])
        return out

    def history(self, juror: str, festival: str, film: str, field: str) -> list[tuple[str, str]]:
        """(at, value) of every row of one field, newest first: what was typed before, never lost."""
        with self.db.connect() as conn:
            rows = conn.execute(
                "SELECT value, at FROM notes WHERE juror = ? AND festival = ? AND film = ? AND field = ? "
                "ORDER BY id DESC",
                (juror, festival, film, field),
            ).fetchall()
        return [(r["at"], r["value"]) for r in rows]

    def earlier(self, juror: str, festival: str, film: str) -> list[tuple[str, str, str]]:
        """(field, at, value) of every row of a film that a later row of the same field replaced, newest first."""
        if not self.db.exists():
            return []
        with self.db.connect() as conn:
            rows = conn.execute(
                "SELECT field, at, value FROM notes n WHERE juror = ? AND festival = ? AND film = ? AND id < "
                "(SELECT MAX(id) FROM notes m WHERE m.juror = n.juror AND m.festival = n.festival AND m.film = n.film "
                "AND m.field = n.field) ORDER BY id DESC",
                (juror, festival, film),
            ).fetchall()
        return [(r["field"], r["at"], r["value"]) for r in rows]

    def count(self, juror: str) -> int:
        with self.db.connect() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM notes WHERE juror = ?", (juror,)).fetchone()[0])

    def forget(self, juror: str) -> int:
        """Delete every row of this juror's notes, in every festival; returns how many rows went."""
        with self.db.transaction() as conn:
            gone = conn.execute("DELETE FROM notes WHERE juror = ?", (juror,)).rowcount
        with self.db.connect() as conn:
            conn.execute("VACUUM")  # the deleted text does not linger in the file's free pages
        return int(gone)
