"""Study progress that lasts: each juror's answers and spaced-repetition schedule, in SQLite in the library folder.

A juror picks a name or code once; every answer is recorded against the rule it tests (`Question.rule`, a key that
survives reloading the document), and the rule's next review is scheduled Leitner-style: a right answer moves the rule
up a box and further out (1, 2, 4, 8, 16 days), a wrong one brings it back at once. The next session starts with the
rules that are due, then rules not seen yet. Organisers see only aggregates (how many jurors studied, which rules are
missed most), never a juror's own record.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from assistant.database import open_database
from assistant.errors import JurorCodeError
from assistant.study.quiz.questions import Question

FILE = "progress.sqlite3"
INTERVAL_DAYS = (0, 1, 2, 4, 8, 16)  # box -> days until the next review
MASTERED_BOX = 3
_CODE = re.compile(r"^[\w .@'’-]{2,40}$")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    juror TEXT NOT NULL,
    festival TEXT NOT NULL,
    rule TEXT NOT NULL,
    question TEXT NOT NULL,
    correct INTEGER NOT NULL,
    answered_at TEXT NOT NULL,
    source TEXT NOT NULL,
    quote TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_juror ON answers (juror, festival);
CREATE TABLE IF NOT EXISTS schedule (
    juror TEXT NOT NULL,
    festival TEXT NOT NULL,
    rule TEXT NOT NULL,
    box INTEGER NOT NULL,
    due_at TEXT NOT NULL,
    PRIMARY KEY (juror, festival, rule)
);
"""


def juror_key(code: str) -> str:
    """The stored form of a juror's name or code: trimmed, spaces collapsed, case folded; JurorCodeError if unusable."""
    text = " ".join(str(code or "").split())
    if not text:
        raise JurorCodeError("no name or code given; choose one (2 to 40 letters, digits, spaces, - _ . @)")
    if not _CODE.match(text):
        raise JurorCodeError(
            f"{text[:60]!r} cannot be a juror code: use 2 to 40 letters, digits, spaces or - _ . @ (e.g. 'anna-k')"
        )
    return text.casefold()


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class JurorProgress:
    """One juror's standing on one festival's rules."""

    answered: int
    correct: int
    rules_seen: int
    mastered: int
    due: int  # rules due for review now
    last_at: str = ""

    @property
    def share(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


@dataclass
class MissedRule:
    rule: str
    source: str
    quote: str
    attempts: int
    misses: int

    @property
    def miss_share(self) -> float:
        return self.misses / self.attempts if self.attempts else 0.0


@dataclass
class Aggregate:
    """What organisers see: how many jurors studied, how they did, and the rules missed most (no juror named)."""

    jurors: int
    answers: int
    correct: int
    most_missed: list[MissedRule]

    @property
    def share(self) -> float:
        return self.correct / self.answers if self.answers else 0.0


@dataclass
class Progress:
    path: Path

    @classmethod
    def in_folder(cls, data_dir: Path) -> Progress:
        return cls(Path(data_dir) / FILE)

    def _connect(self) -> sqlite3.Connection:
        return open_database(self.path, _SCHEMA, "the study progress file")

    # ------------------------------------------------------------ a juror's record
    def record(self, code: str, festival: str, question: Question, correct: bool, at: datetime | None = None) -> None:
        """Store one answer and move the rule's next review (a right answer: up a box; a wrong one: due at once)."""
        juror = juror_key(code)
        when = at or _now()
        rule = question.rule or question.id
        with closing(self._connect()) as conn, conn:
            conn.execute(
                "INSERT INTO answers (juror, festival, rule, question, correct, answered_at, source, quote) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    juror,
                    festival,
                    rule,
                    question.id,
                    int(correct),
                    when.isoformat(),
                    question.citation.source,
                    question.citation.quote,
                ),
            )
            row = conn.execute(
                "SELECT box FROM schedule WHERE juror = ? AND festival = ? AND rule = ?", (juror, festival, rule)
            ).fetchone()
            box = min(len(INTERVAL_DAYS) - 1, (int(row["box"]) if row else 0) + 1) if correct else 0
            due = when + timedelta(days=INTERVAL_DAYS[box])
            conn.execute(
                "INSERT INTO schedule (juror, festival, rule, box, due_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (juror, festival, rule) DO UPDATE SET box = excluded.box, due_at = excluded.due_at",
                (juror, festival, rule, box, due.isoformat()),
            )

    def schedule(self, code: str, festival: str) -> dict[str, tuple[int, str]]:
        """{rule: (box, due_at)} for this juror and festival."""
        juror = juror_key(code)
        with closing(self._connect()) as conn:
            rows = conn.execute(
                "SELECT rule, box, due_at FROM schedule WHERE juror = ? AND festival = ?", (juror, festival)
            ).fetchall()
        return {r["rule"]: (int(r["box"]), str(r["due_at"])) for r in rows}

    def progress(self, code: str, festival: str, at: datetime | None = None) -> JurorProgress:
        juror = juror_key(code)
        now = (at or _now()).isoformat()
        with closing(self._connect()) as conn:
            totals = conn.execute(
                "SELECT COUNT(*) AS n, COALESCE(SUM(correct), 0) AS ok, MAX(answered_at) AS last "
                "FROM answers WHERE juror = ? AND festival = ?",
                (juror, festival),
            ).fetchone()
            sched = conn.execute(
                "SELECT COUNT(*) AS seen, COALESCE(SUM(box >= ?), 0) AS mastered, COALESCE(SUM(due_at <= ?), 0) AS due "
                "FROM schedule WHERE juror = ? AND festival = ?",
                (MASTERED_BOX, now, juror, festival),
            ).fetchone()
        return JurorProgress(
            int(totals["n"]),
            int(totals["ok"]),
            int(sched["seen"]),
            int(sched["mastered"]),
            int(sched["due"]),
            str(totals["last"] or ""),
        )

    def plan(
        self, code: str, festival: str, questions: Sequence[Question], count: int, at: datetime | None = None
    ) -> list[Question]:
        """The questions of a session: rules due for review first (the longest overdue first), then rules not seen
        yet, in the quiz's order; rules seen and not yet due wait. One question per rule."""
        now = (at or _now()).isoformat()
        schedule = self.schedule(code, festival)
        due: list[tuple[str, Question]] = []
        new: list[Question] = []
        taken: set[str] = set()
        for q in questions:
            rule = q.rule or q.id
            if rule in taken:
                continue
            taken.add(rule)
            if rule in schedule:
                if schedule[rule][1] <= now:
                    due.append((schedule[rule][1], q))
            else:
                new.append(q)
        due.sort(key=lambda pair: pair[0])
        return ([q for _, q in due] + new)[:count]

    # ------------------------------------------------------------ what organisers see
    def aggregate(self, festival: str | None = None, limit: int = 10) -> Aggregate:
        """How many jurors studied, their share of right answers, and the rules missed most (by misses, then share)."""
        where, args = ("WHERE festival = ?", [festival]) if festival else ("", [])
        with closing(self._connect()) as conn:
            totals = conn.execute(
                f"SELECT COUNT(DISTINCT juror) AS jurors, COUNT(*) AS n, COALESCE(SUM(correct), 0) AS ok "
                f"FROM answers {where}",
                args,
            ).fetchone()
            rows = conn.execute(
                f"SELECT rule, MAX(source) AS source, MAX(quote) AS quote, COUNT(*) AS attempts, "
                f"SUM(1 - correct) AS misses FROM answers {where} GROUP BY rule HAVING misses > 0 "
                f"ORDER BY misses DESC, CAST(misses AS REAL) / attempts DESC, rule LIMIT ?",
                [*args, limit],
            ).fetchall()
        missed = [MissedRule(r["rule"], r["source"], r["quote"], int(r["attempts"]), int(r["misses"])) for r in rows]
        return Aggregate(int(totals["jurors"]), int(totals["n"]), int(totals["ok"]), missed)

    def festivals(self) -> list[str]:
        with closing(self._connect()) as conn:
            return [r[0] for r in conn.execute("SELECT DISTINCT festival FROM answers ORDER BY festival")]


def aggregate_rows(aggregate: Aggregate) -> list[dict[str, Any]]:
    """The most missed rules as table rows for the Quality page (and its CSV)."""
    return [
        {
            "Missed": m.misses,
            "Answered": m.attempts,
            "Missed share": f"{m.miss_share:.0%}",
            "Rule": m.quote,
            "Document": m.source,
        }
        for m in aggregate.most_missed
    ]


def answered_rules(questions: Iterable[Question]) -> set[str]:
    return {q.rule or q.id for q in questions}
